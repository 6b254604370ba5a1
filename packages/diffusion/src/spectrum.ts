import { eigh, topEigenpairs } from '@geo/core';

/** Below this size the dense solver (all pairs, backward stable) is used; above it, Lanczos. */
export const DENSE_EIGEN_MAX_N = 800;

/** The k largest eigenpairs of a symmetric n x n matrix, values descending, vectors n x k row-major. */
export function largestEigenpairs(A: Float64Array, n: number, k: number, seed = 0, signal?: AbortSignal): { values: Float64Array; vectors: Float64Array } {
  if (n <= DENSE_EIGEN_MAX_N || k > n / 4) {
    const { values, vectors } = eigh(A, n, { symmetryTolerance: 1e-8 });
    const outV = new Float64Array(k);
    const outX = new Float64Array(n * k);
    for (let c = 0; c < k; c++) {
      const src = n - 1 - c;
      outV[c] = values[src] as number;
      for (let i = 0; i < n; i++) outX[i * k + c] = vectors[i * n + src] as number;
    }
    return { values: outV, vectors: outX };
  }
  const r = topEigenpairs({ data: A, n }, k, { which: 'largest', seed, tol: 1e-11, ...(signal ? { signal } : {}) });
  return { values: r.values, vectors: r.vectors };
}

/** Flips column c of an n x k row-major matrix so its entry of largest magnitude is positive (first such entry on ties). */
export function fixSign(X: Float64Array, n: number, k: number, c: number): void {
  let best = 0;
  let arg = 0;
  for (let i = 0; i < n; i++) {
    const v = Math.abs(X[i * k + c] as number);
    if (v > best) {
      best = v;
      arg = i;
    }
  }
  if ((X[arg * k + c] as number) < 0) for (let i = 0; i < n; i++) X[i * k + c] = -(X[i * k + c] as number);
}
