import { eigh, topEigenpairs } from '@geo/core';

/** Above this size the two leading eigenpairs come from Lanczos (k = 2) instead of the full eigh (bench: eigh at T = 400 took 457 ms, Lanczos at T = 1000 167 ms). */
const DENSE_LIMIT = 64;

/** The two largest eigenvalues of a symmetric n x n matrix and the unit eigenvector of the largest. */
export function leadingEigenpair(b: Float64Array, n: number, seed = 0): { lambda1: number; lambda2: number; v: Float64Array } {
  if (n === 1) return { lambda1: b[0] as number, lambda2: -Infinity, v: Float64Array.of(1) };
  if (n <= DENSE_LIMIT) {
    const { values, vectors } = eigh(b, n);
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = vectors[i * n + n - 1] as number;
    return { lambda1: values[n - 1] as number, lambda2: values[n - 2] as number, v };
  }
  const r = topEigenpairs({ data: b, n }, 2, { which: 'largest', seed, tol: 1e-12 });
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = r.vectors[i * 2] as number;
  return { lambda1: r.values[0] as number, lambda2: r.values[1] as number, v };
}

/** B = -1/2 J S J for a symmetric matrix S (here squared distances), J = I - 11^T/n, in place into `out`. */
export function doubleCenter(s: Float64Array, n: number, out: Float64Array): Float64Array {
  const rowMean = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let acc = 0;
    for (let j = 0; j < n; j++) acc += s[i * n + j] as number;
    rowMean[i] = acc / n;
    total += acc;
  }
  const grand = total / (n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      out[i * n + j] = -0.5 * ((s[i * n + j] as number) - (rowMean[i] as number) - (rowMean[j] as number) + grand);
    }
  }
  // Symmetrise exactly so the eigensolver's symmetry check never trips on rounding.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const v = 0.5 * ((out[i * n + j] as number) + (out[j * n + i] as number));
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return out;
}
