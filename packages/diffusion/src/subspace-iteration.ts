import { createRng, eigh } from '@geo/core';
import type { SymmetricOperator } from '@geo/core';

/** Modified Gram-Schmidt on k vectors stored as contiguous rows of a k x n block, twice for stability; in place. */
function orthonormalise(V: Float64Array, n: number, k: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let c = 0; c < k; c++) {
      const oc = c * n;
      for (let b = 0; b < c; b++) {
        const ob = b * n;
        let dot = 0;
        for (let i = 0; i < n; i++) dot += (V[ob + i] as number) * (V[oc + i] as number);
        for (let i = 0; i < n; i++) V[oc + i] = (V[oc + i] as number) - dot * (V[ob + i] as number);
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += (V[oc + i] as number) ** 2;
      norm = Math.sqrt(norm);
      // A vector that collapsed (rank deficiency) is left at zero; its Ritz value is then 0.
      const inv = norm > 0 ? 1 / norm : 0;
      for (let i = 0; i < n; i++) V[oc + i] = (V[oc + i] as number) * inv;
    }
  }
}

/**
 * Approximate top-k eigenpairs of a symmetric operator by randomized subspace iteration
 * (Halko, Martinsson and Tropp 2011): a seeded Gaussian block, `iterations` products with A
 * (re-orthonormalised each time), then Rayleigh-Ritz, with `oversample` extra vectors.
 * Accurate enough to seed clustering, and fast when A is sparse; values descending, vectors
 * n x k row-major.
 */
export function subspaceEigenpairs(op: SymmetricOperator, kOut: number, seed: number, iterations = 8, oversample = 10): { values: Float64Array; vectors: Float64Array } {
  const n = op.n;
  const k = Math.min(n, kOut + oversample);
  // Vectors are kept as contiguous rows (k x n) so every inner loop streams through memory.
  const V = createRng(seed).derive('subspace-start').fillNormal(new Float64Array(k * n));
  const AV = new Float64Array(k * n);
  const applyBlock = (): void => {
    for (let c = 0; c < k; c++) op.apply(V.subarray(c * n, (c + 1) * n), AV.subarray(c * n, (c + 1) * n));
  };
  orthonormalise(V, n, k);
  for (let it = 0; it < iterations; it++) {
    applyBlock();
    V.set(AV);
    orthonormalise(V, n, k);
  }
  applyBlock();
  // B = V A V^T (k x k), symmetrised.
  const B = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += (V[a * n + i] as number) * (AV[b * n + i] as number);
      let s2 = 0;
      for (let i = 0; i < n; i++) s2 += (V[b * n + i] as number) * (AV[a * n + i] as number);
      const v = (s + s2) / 2;
      B[a * k + b] = v;
      B[b * k + a] = v;
    }
  }
  const { values, vectors } = eigh(B, k);
  const outValues = new Float64Array(kOut);
  const outVectors = new Float64Array(n * kOut);
  const col = new Float64Array(n);
  for (let c = 0; c < kOut; c++) {
    const src = k - 1 - c;
    outValues[c] = values[src] as number;
    col.fill(0);
    for (let b = 0; b < k; b++) {
      const w = vectors[b * k + src] as number;
      const ob = b * n;
      for (let i = 0; i < n; i++) col[i] = (col[i] as number) + w * (V[ob + i] as number);
    }
    for (let i = 0; i < n; i++) outVectors[i * kOut + c] = col[i] as number;
  }
  return { values: outValues, vectors: outVectors };
}
