// Stage 1 of the two-stage singular-value reduction: a dense square matrix to upper band form
// by blocked Householder QR / LQ panels whose trailing updates are gemm calls (Level 3).
import { gemm } from '@geo/core';
import { householder } from './householder.js';

/** Rows per chunk of the trailing updates: keeps the copies and products in cache-sized buffers. */
const CHUNK = 128;

/**
 * T of the compact WY form H_0 H_1 ... H_{r-1} = I - V T V^T (upper triangular r x r),
 * for V row-major m x r with unit diagonal (LAPACK's dlarft, forward, column-wise).
 */
function triangularFactor(V: Float64Array, m: number, r: number, tau: Float64Array, T: Float64Array): void {
  T.fill(0, 0, r * r);
  const z = new Float64Array(r);
  for (let j = 0; j < r; j++) {
    const tj = tau[j] as number;
    T[j * r + j] = tj;
    if (j === 0 || tj === 0) continue;
    z.fill(0, 0, j);
    for (let i = j; i < m; i++) {
      const vij = V[i * r + j] as number;
      if (vij === 0) continue;
      const row = i * r;
      for (let a = 0; a < j; a++) z[a] = (z[a] as number) + (V[row + a] as number) * vij;
    }
    for (let a = 0; a < j; a++) {
      let s = 0;
      for (let b = a; b < j; b++) s += (T[a * r + b] as number) * (z[b] as number);
      T[a * r + j] = -tj * s;
    }
  }
}

/**
 * Reduces the n x n row-major matrix A in place to upper band form with `nb` superdiagonals
 * (A_ij = 0 unless i <= j <= i + nb) by orthogonal transformations, so its singular values are
 * unchanged. Each panel of nb columns is factored by Householder QR, the next nb-wide row panel by
 * LQ, and the trailing matrix is updated with the compact WY form I - V T V^T through `gemm`.
 * No orthogonal factor is accumulated (values only).
 */
export function reduceToUpperBand(A: Float64Array, n: number, nb: number): void {
  const pan = new Float64Array(n * nb);
  const V = new Float64Array(n * nb);
  const Vt = new Float64Array(nb * n);
  const T = new Float64Array(nb * nb);
  const tau = new Float64Array(nb);
  const W = new Float64Array(nb * n);
  const W2 = new Float64Array(nb * n);
  const Cc = new Float64Array(CHUNK * n);
  const Vc = new Float64Array(nb * CHUNK);
  const prod = new Float64Array(Math.max(CHUNK, nb) * n);
  const Y = new Float64Array(CHUNK * nb);
  const Z = new Float64Array(CHUNK * nb);
  for (let k = 0; k < n; k += nb) {
    const jb = Math.min(nb, n - k);
    const m = n - k;
    // QR of the column panel A[k:n, k:k+jb], factored in a column-major copy.
    for (let i = 0; i < m; i++) {
      const row = (k + i) * n + k;
      for (let j = 0; j < jb; j++) pan[j * m + i] = A[row + j] as number;
    }
    for (let j = 0; j < jb; j++) {
      const t = householder(pan, j * m + j, m - j, 1);
      tau[j] = t;
      if (t === 0) continue;
      const vo = j * m;
      for (let c = j + 1; c < jb; c++) {
        const co = c * m;
        let s = pan[co + j] as number;
        for (let i = j + 1; i < m; i++) s += (pan[vo + i] as number) * (pan[co + i] as number);
        s *= t;
        pan[co + j] = (pan[co + j] as number) - s;
        for (let i = j + 1; i < m; i++) pan[co + i] = (pan[co + i] as number) - s * (pan[vo + i] as number);
      }
    }
    for (let i = 0; i < m; i++) {
      const row = (k + i) * n + k;
      for (let j = 0; j < jb; j++) {
        const a = pan[j * m + i] as number;
        A[row + j] = i <= j ? a : 0;
        V[i * jb + j] = i < j ? 0 : i === j ? 1 : a;
      }
    }
    const m2 = n - k - jb;
    if (m2 === 0) break;
    triangularFactor(V, m, jb, tau, T);
    // C = A[k:n, k+jb:n] <- (I - V T^T V^T) C: W = V^T C by row chunks, then C -= V (T^T W).
    W.fill(0, 0, jb * m2);
    for (let r0 = 0; r0 < m; r0 += CHUNK) {
      const rc = Math.min(CHUNK, m - r0);
      for (let i = 0; i < rc; i++) {
        const src = (k + r0 + i) * n + k + jb;
        Cc.set(A.subarray(src, src + m2), i * m2);
        for (let j = 0; j < jb; j++) Vc[j * rc + i] = V[(r0 + i) * jb + j] as number;
      }
      gemm(Vc, Cc, jb, rc, m2, prod);
      for (let x = 0; x < jb * m2; x++) W[x] = (W[x] as number) + (prod[x] as number);
    }
    W2.fill(0, 0, jb * m2);
    for (let a = 0; a < jb; a++) {
      for (let b = 0; b <= a; b++) {
        const tba = T[b * jb + a] as number;
        if (tba === 0) continue;
        for (let x = 0; x < m2; x++) W2[a * m2 + x] = (W2[a * m2 + x] as number) + tba * (W[b * m2 + x] as number);
      }
    }
    for (let r0 = 0; r0 < m; r0 += CHUNK) {
      const rc = Math.min(CHUNK, m - r0);
      gemm(V.subarray(r0 * jb, (r0 + rc) * jb), W2, rc, jb, m2, prod);
      for (let i = 0; i < rc; i++) {
        const dst = (k + r0 + i) * n + k + jb;
        const po = i * m2;
        for (let x = 0; x < m2; x++) A[dst + x] = (A[dst + x] as number) - (prod[po + x] as number);
      }
    }
    // LQ of the row panel A[k:k+jb, k+jb:n] (rows are contiguous, factored in place).
    const r = Math.min(jb, m2);
    const c0 = k + jb;
    V.fill(0, 0, m2 * r);
    for (let j = 0; j < jb; j++) {
      if (j >= r) break;
      const off = (k + j) * n + c0 + j;
      const t = householder(A, off, m2 - j, 1);
      tau[j] = t;
      V[j * r + j] = 1;
      for (let i = 1; i < m2 - j; i++) V[(j + i) * r + j] = A[off + i] as number;
      for (let i = 1; i < m2 - j; i++) A[off + i] = 0;
      if (t === 0) continue;
      for (let q = j + 1; q < jb; q++) {
        const qo = (k + q) * n + c0 + j;
        let s = A[qo] as number;
        for (let i = 1; i < m2 - j; i++) s += (V[(j + i) * r + j] as number) * (A[qo + i] as number);
        s *= t;
        A[qo] = (A[qo] as number) - s;
        for (let i = 1; i < m2 - j; i++) A[qo + i] = (A[qo + i] as number) - s * (V[(j + i) * r + j] as number);
      }
    }
    triangularFactor(V, m2, r, tau, T);
    for (let i = 0; i < m2; i++) for (let j = 0; j < r; j++) Vt[j * m2 + i] = V[i * r + j] as number;
    // Rows below the panel: C = A[k+jb:n, k+jb:n] <- C (I - V T V^T), chunk by chunk.
    for (let r0 = 0; r0 < m2; r0 += CHUNK) {
      const rc = Math.min(CHUNK, m2 - r0);
      for (let i = 0; i < rc; i++) {
        const src = (c0 + r0 + i) * n + c0;
        Cc.set(A.subarray(src, src + m2), i * m2);
      }
      gemm(Cc, V, rc, m2, r, Y);
      for (let i = 0; i < rc; i++) {
        for (let a = 0; a < r; a++) {
          let s = 0;
          for (let b = 0; b <= a; b++) s += (Y[i * r + b] as number) * (T[b * r + a] as number);
          Z[i * r + a] = s;
        }
      }
      gemm(Z, Vt, rc, r, m2, prod);
      for (let i = 0; i < rc; i++) {
        const dst = (c0 + r0 + i) * n + c0;
        const po = i * m2;
        for (let x = 0; x < m2; x++) A[dst + x] = (A[dst + x] as number) - (prod[po + x] as number);
      }
    }
  }
}
