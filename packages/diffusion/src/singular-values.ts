import { GeoError, assertArrayLike, assertFinite, assertInteger, assertLength } from '@geo/core';
import { upperBandToBidiagonal } from './linalg/band-bidiagonal.js';
import { reduceToUpperBand } from './linalg/band-reduction.js';

const EPS = 2 ** -52;

/**
 * Eigenvalues of a symmetric tridiagonal matrix (diagonal d, off-diagonal e[i] joining i and
 * i+1, e[n-1] unused), in place in d, by implicit QL with Wilkinson shifts (values only), each
 * within a small multiple of eps ||T|| of the exact value.
 */
export function tridiagonalEigenvalues(d: Float64Array, e: Float64Array, n: number): Float64Array {
  // An off-diagonal below eps ||T|| is negligible in absolute terms (the accuracy promised). The
  // relative test alone never deflates a block whose diagonal is zero and entries tiny, such as the
  // Golub-Kahan form of a rank-deficient matrix, and QL then stalls.
  let norm = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(d[i] as number) + Math.abs(i < n - 1 ? (e[i] as number) : 0) + Math.abs(i > 0 ? (e[i - 1] as number) : 0));
  const negligible = EPS * norm;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m] as number) + Math.abs(d[m + 1] as number);
        const em = Math.abs(e[m] as number);
        if (em <= EPS * dd || em <= negligible) break;
      }
      if (m === l) break;
      if (iter++ === 100) throw new GeoError('NOT_CONVERGED', 'tridiagonal QL did not converge', {});
      let g = ((d[l + 1] as number) - (d[l] as number)) / (2 * (e[l] as number));
      let r = Math.hypot(g, 1);
      g = (d[m] as number) - (d[l] as number) + (e[l] as number) / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      let early = false;
      for (; i >= l; i--) {
        const f = s * (e[i] as number);
        const b = c * (e[i] as number);
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] = (d[i + 1] as number) - p;
          e[m] = 0;
          early = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = (d[i + 1] as number) - p;
        r = ((d[i] as number) - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
      }
      if (early) continue;
      d[l] = (d[l] as number) - p;
      e[l] = g;
      e[m] = 0;
    }
  }
  return d;
}

/**
 * Singular values of the upper bidiagonal matrix with diagonal d (n) and superdiagonal e (n - 1),
 * descending: the eigenvalues of the 2n x 2n Golub-Kahan tridiagonal (zero diagonal,
 * off-diagonal d0, e0, d1, e1, ...), which are +-sigma. No squaring, so small singular values
 * keep absolute accuracy eps ||B|| (unlike eig(B^T B), which loses them below sqrt(eps) ||B||).
 */
export function bidiagonalSingularValues(d: ArrayLike<number>, e: ArrayLike<number>, n: number): Float64Array {
  const m = 2 * n;
  const td = new Float64Array(m);
  const te = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    te[2 * k] = d[k] as number;
    if (2 * k + 1 < m - 1) te[2 * k + 1] = e[k] as number;
  }
  tridiagonalEigenvalues(td, te, m);
  td.sort();
  const out = new Float64Array(n);
  // The n largest of +-sigma, descending; rounding can leave a zero singular value at -tiny.
  for (let i = 0; i < n; i++) out[i] = Math.max(0, td[m - 1 - i] as number);
  return out;
}

/**
 * Internal: the one-stage path, unblocked Householder bidiagonalisation (Level 2, about
 * 8/3 n^3 flops in plain loops), then `bidiagonalSingularValues`. Used below BLOCKED_MIN_N and
 * kept as the baseline the two-stage path is tested against.
 */
export function singularValuesUnblocked(a: ArrayLike<number>, n: number): Float64Array {
  const A = Float64Array.from(a);
  const diag = new Float64Array(n);
  const sup = new Float64Array(n);
  const v = new Float64Array(n);
  const w = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    // Left reflector: zero A[k+1.., k].
    let norm = 0;
    for (let i = k; i < n; i++) norm += (A[i * n + k] as number) ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) diag[k] = 0;
    else {
      const x0 = A[k * n + k] as number;
      const alpha = x0 >= 0 ? -norm : norm;
      for (let i = k; i < n; i++) v[i] = A[i * n + k] as number;
      v[k] = x0 - alpha;
      let vv = 0;
      for (let i = k; i < n; i++) vv += (v[i] as number) ** 2;
      const beta = 2 / vv;
      w.fill(0, k, n);
      for (let i = k; i < n; i++) {
        const vi = v[i] as number;
        if (vi === 0) continue;
        const off = i * n;
        for (let j = k; j < n; j++) w[j] = (w[j] as number) + vi * (A[off + j] as number);
      }
      for (let i = k; i < n; i++) {
        const f = beta * (v[i] as number);
        if (f === 0) continue;
        const off = i * n;
        for (let j = k; j < n; j++) A[off + j] = (A[off + j] as number) - f * (w[j] as number);
      }
      diag[k] = alpha;
    }
    if (k >= n - 1) continue;
    // Right reflector: zero A[k, k+2..].
    norm = 0;
    for (let j = k + 1; j < n; j++) norm += (A[k * n + j] as number) ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) {
      sup[k] = 0;
      continue;
    }
    const x0 = A[k * n + k + 1] as number;
    const alpha = x0 >= 0 ? -norm : norm;
    for (let j = k + 1; j < n; j++) v[j] = A[k * n + j] as number;
    v[k + 1] = x0 - alpha;
    let vv = 0;
    for (let j = k + 1; j < n; j++) vv += (v[j] as number) ** 2;
    const beta = 2 / vv;
    for (let i = k + 1; i < n; i++) {
      const off = i * n;
      let s = 0;
      for (let j = k + 1; j < n; j++) s += (A[off + j] as number) * (v[j] as number);
      const f = beta * s;
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) A[off + j] = (A[off + j] as number) - f * (v[j] as number);
    }
    sup[k] = alpha;
  }
  return bidiagonalSingularValues(diag, sup, n);
}

/** Superdiagonals of the intermediate band: wider makes stage 1 closer to gemm speed and stage 2 slower. */
export const BAND_WIDTH = 32;

/** Below this order the unblocked one-stage path is as fast and simpler. */
export const BLOCKED_MIN_N = 3 * BAND_WIDTH;

/**
 * All singular values of a square n x n row-major matrix, descending, values only (no singular
 * vectors are formed at any stage). For n >= BLOCKED_MIN_N, two stages: blocked Householder
 * QR / LQ panels to an upper band of BAND_WIDTH superdiagonals with gemm trailing updates
 * (`reduceToUpperBand`), then Givens bulge chasing to bidiagonal (`upperBandToBidiagonal`);
 * smaller matrices take the unblocked Householder bidiagonalisation. Both end in the
 * Golub-Kahan tridiagonal. Every step is an orthogonal transformation, so the values are those
 * of a matrix within a small multiple of n eps ||A|| of A: each singular value, small ones
 * included, has absolute error of that order. The input is not modified.
 *
 * @example
 * singularValues([3, 0, 0, -2], 2) // Float64Array [3, 2]
 */
export function singularValues(a: ArrayLike<number>, n: number): Float64Array {
  assertInteger(n, 'n', { min: 0 });
  assertArrayLike(a, 'a');
  assertLength(a, n * n, 'a');
  assertFinite(a, 'a');
  return n < BLOCKED_MIN_N ? singularValuesUnblocked(a, n) : singularValuesTwoStage(a, n, BAND_WIDTH);
}

/** Internal: the two-stage path with any band width >= 1 (tests use narrow bands on small matrices). */
export function singularValuesTwoStage(a: ArrayLike<number>, n: number, bandWidth: number): Float64Array {
  const A = Float64Array.from(a);
  const nb = Math.max(1, Math.min(bandWidth, n - 1));
  reduceToUpperBand(A, n, nb);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  upperBandToBidiagonal(A, n, nb, d, e);
  return bidiagonalSingularValues(d, e, n);
}
