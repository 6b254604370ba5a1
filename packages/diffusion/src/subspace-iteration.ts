import { createRng, eigh } from '@geo/core';
import type { SymmetricOperator } from '@geo/core';

/** Modified Gram-Schmidt on the k columns of an n x k row-major block, twice for stability; in place. */
function orthonormalise(Q: Float64Array, n: number, k: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let c = 0; c < k; c++) {
      for (let b = 0; b < c; b++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += (Q[i * k + b] as number) * (Q[i * k + c] as number);
        for (let i = 0; i < n; i++) Q[i * k + c] = (Q[i * k + c] as number) - dot * (Q[i * k + b] as number);
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += (Q[i * k + c] as number) ** 2;
      norm = Math.sqrt(norm);
      // A column that collapsed (rank deficiency) is left at zero; its Ritz value is then 0.
      const inv = norm > 0 ? 1 / norm : 0;
      for (let i = 0; i < n; i++) Q[i * k + c] = (Q[i * k + c] as number) * inv;
    }
  }
}

/**
 * Approximate top-k eigenpairs of a symmetric operator by randomized subspace iteration
 * (Halko, Martinsson and Tropp 2011): a seeded Gaussian block, `iterations` products with A
 * (re-orthonormalised each time), then Rayleigh-Ritz. Accurate enough to seed clustering,
 * and fast when A is sparse; values descending, vectors n x k row-major.
 */
export function subspaceEigenpairs(op: SymmetricOperator, k: number, seed: number, iterations = 6): { values: Float64Array; vectors: Float64Array } {
  const n = op.n;
  const Q = createRng(seed).derive('subspace-start').fillNormal(new Float64Array(n * k));
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const applyBlock = (src: Float64Array, dst: Float64Array): void => {
    for (let c = 0; c < k; c++) {
      for (let i = 0; i < n; i++) x[i] = src[i * k + c] as number;
      op.apply(x, y);
      for (let i = 0; i < n; i++) dst[i * k + c] = y[i] as number;
    }
  };
  orthonormalise(Q, n, k);
  const AQ = new Float64Array(n * k);
  for (let it = 0; it < iterations; it++) {
    applyBlock(Q, AQ);
    Q.set(AQ);
    orthonormalise(Q, n, k);
  }
  applyBlock(Q, AQ);
  // B = Q^T A Q (k x k), symmetrised.
  const B = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) {
      const qa = Q[i * k + a] as number;
      if (qa === 0) continue;
      for (let b = 0; b < k; b++) B[a * k + b] = (B[a * k + b] as number) + qa * (AQ[i * k + b] as number);
    }
  }
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < a; b++) {
      const v = ((B[a * k + b] as number) + (B[b * k + a] as number)) / 2;
      B[a * k + b] = v;
      B[b * k + a] = v;
    }
  }
  const { values, vectors } = eigh(B, k);
  const outValues = new Float64Array(k);
  const outVectors = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    const src = k - 1 - c;
    outValues[c] = values[src] as number;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let b = 0; b < k; b++) s += (Q[i * k + b] as number) * (vectors[b * k + src] as number);
      outVectors[i * k + c] = s;
    }
  }
  return { values: outValues, vectors: outVectors };
}
