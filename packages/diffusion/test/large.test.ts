import { describe, expect, it } from 'vitest';
import { eigh, gemm } from '@geo/core';
import { classicalMds, diffusionMap, diffusionOperator, gaussianKernel, pairwiseDistances } from '../src/index.js';
import { DENSE_EIGEN_MAX_N } from '../src/spectrum.js';
import { subspaceEigenpairs } from '../src/subspace-iteration.js';
import { blobs, cloud } from './helpers.js';

// Above DENSE_EIGEN_MAX_N the top eigenpairs come from Lanczos: check them by their residuals.
describe('the Lanczos path (n above the dense-solver limit)', () => {
  const n = DENSE_EIGEN_MAX_N + 50;

  it('diffusion-map coordinates are right eigenvectors of P', () => {
    const X = cloud(5, n, 3);
    const op = diffusionOperator(gaussianKernel(X, { sigma: 0.4 }));
    const k = 4;
    const m = k + 1;
    const { eigenvectors, eigenvalues } = diffusionMap(op, { k, t: 1, seed: 3 });
    const Ppsi = gemm(op.P, eigenvectors, n, n, m, new Float64Array(n * m));
    let worst = 0;
    let scale = 0;
    for (let i = 0; i < n * m; i++) scale = Math.max(scale, Math.abs(eigenvectors[i] as number));
    for (let i = 0; i < n; i++) for (let c = 0; c < m; c++) worst = Math.max(worst, Math.abs((Ppsi[i * m + c] as number) - (eigenvalues[c] as number) * (eigenvectors[i * m + c] as number)));
    expect(worst).toBeLessThanOrEqual(1e-7 * scale);
    for (let c = 1; c < m; c++) expect(eigenvalues[c] as number).toBeLessThanOrEqual(eigenvalues[c - 1] as number);
  });

  it('classical MDS reproduces planar distances', () => {
    const X = cloud(6, n, 2);
    const D = pairwiseDistances(X);
    const { embedding } = classicalMds(D, 2);
    const E = pairwiseDistances({ data: embedding, rows: n, cols: 2 });
    let worst = 0;
    for (let i = 0; i < D.length; i++) worst = Math.max(worst, Math.abs((E[i] as number) - (D[i] as number)));
    expect(worst).toBeLessThanOrEqual(1e-7);
  });
});

describe('randomized subspace iteration (landmark clustering)', () => {
  it('recovers the top eigenvalues of a diffusion operator with a spectral gap', () => {
    const { X } = blobs(4, 4, 25, 6, 30, 1);
    const op = diffusionOperator(gaussianKernel(X, { sigma: 3 }));
    const n = op.n;
    const A = op.symmetric;
    const r = subspaceEigenpairs({ n, apply: (x, y) => gemm(A, x, n, n, 1, y) }, 10, 1);
    const exact = eigh(A, n).values;
    // The 4 cluster eigenvalues (all ~1) sit far above the rest: those are found accurately.
    for (let c = 0; c < 4; c++) expect(Math.abs((r.values[c] as number) - (exact[n - 1 - c] as number))).toBeLessThanOrEqual(1e-8);
    // One Cholesky-QR pass per product keeps the basis orthonormal.
    for (let a = 0; a < 10; a++) {
      for (let b = 0; b <= a; b++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += (r.vectors[i * 10 + a] as number) * (r.vectors[i * 10 + b] as number);
        expect(Math.abs(dot - (a === b ? 1 : 0))).toBeLessThanOrEqual(1e-12);
      }
    }
  });
});
