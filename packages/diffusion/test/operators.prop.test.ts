import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alphaDecayBandwidths,
  alphaDecayKernel,
  diffusionDistances,
  diffusionMap,
  diffusionOperator,
  diffusionSpectralEntropy,
  diffusionSpectralMutualInformation,
  gaussianKernel,
  knnAdjacency,
  matrixPower,
  pairwiseDistances,
  potentialDistances,
  singularValues,
  vonNeumannEntropy,
} from '../src/index.js';
import { eigh, matmul, transpose } from '@geo/core';
import { blobs, cloud, maxRowSumError } from './helpers.js';
import { DIFFUSION_MAP_REL, ENTROPY_ABS, ROW_SUM_ABS, STATIONARY_ABS } from './tolerances.js';

const seeds = fc.integer({ min: 0, max: 2 ** 30 });
const sizes = fc.integer({ min: 6, max: 40 });
const dims = fc.integer({ min: 1, max: 6 });

/** A kernel of either kind on a random cloud. */
const kernels = fc.record({ seed: seeds, n: sizes, d: dims, alpha: fc.boolean(), sigma: fc.double({ min: 0.2, max: 3, noNaN: true }), knn: fc.integer({ min: 1, max: 5 }), decay: fc.constantFrom(1, 2, 10, 40) });
function kernelOf(k: { seed: number; n: number; d: number; alpha: boolean; sigma: number; knn: number; decay: number }): { K: Float64Array; n: number } {
  const X = cloud(k.seed, k.n, k.d);
  const K = k.alpha ? alphaDecayKernel(X, { knn: k.knn, decay: k.decay, thresh: 1e-4 }) : gaussianKernel(X, { sigma: k.sigma });
  return { K, n: k.n };
}

describe('kernels (properties)', () => {
  it('are symmetric with unit diagonal and entries in [0, 1]', () => {
    fc.assert(
      fc.property(kernels, (k) => {
        const { K, n } = kernelOf(k);
        for (let i = 0; i < n; i++) {
          expect(K[i * n + i]).toBe(1);
          for (let j = 0; j < n; j++) {
            expect(K[i * n + j]).toBe(K[j * n + i]);
            expect(K[i * n + j]).toBeGreaterThanOrEqual(0);
            expect(K[i * n + j]).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('pairwise distances are symmetric, zero on the diagonal and satisfy the triangle inequality', () => {
    fc.assert(
      fc.property(seeds, sizes, dims, (seed, n, d) => {
        const D = pairwiseDistances(cloud(seed, n, d));
        for (let i = 0; i < n; i++) {
          expect(D[i * n + i]).toBe(0);
          for (let j = 0; j < n; j++) {
            expect(D[i * n + j]).toBe(D[j * n + i]);
            for (let k = 0; k < n; k += 3) expect(D[i * n + j] as number).toBeLessThanOrEqual((D[i * n + k] as number) + (D[k * n + j] as number) + 1e-12);
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('alpha-decay bandwidths: at most knn - 1 other points strictly inside eps_i, at least knn within it', () => {
    fc.assert(
      fc.property(seeds, sizes, dims, fc.integer({ min: 1, max: 5 }), (seed, n, d, knn) => {
        const X = cloud(seed, n, d);
        const D = pairwiseDistances(X);
        const eps = alphaDecayBandwidths(X, { knn });
        for (let i = 0; i < n; i++) {
          let inside = 0;
          let within = 0;
          for (let j = 0; j < n; j++) {
            if (j === i) continue;
            if ((D[i * n + j] as number) < (eps[i] as number)) inside++;
            if ((D[i * n + j] as number) <= (eps[i] as number)) within++;
          }
          expect(inside).toBeLessThanOrEqual(knn - 1);
          expect(within).toBeGreaterThanOrEqual(knn);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('kNN adjacency has exactly k ones per row and none on the diagonal', () => {
    fc.assert(
      fc.property(seeds, sizes, dims, fc.integer({ min: 1, max: 5 }), (seed, n, d, k) => {
        const A = knnAdjacency(cloud(seed, n, d), k);
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += A[i * n + j] as number;
          expect(s).toBe(k);
          expect(A[i * n + i]).toBe(0);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('diffusion operator (properties)', () => {
  it('rows of P sum to 1; pi P = pi; P 1 = 1 (eigenvalue 1 with the stationary distribution)', () => {
    fc.assert(
      fc.property(kernels, fc.constantFrom(0, 0.5, 1), (k, anisotropy) => {
        const { K, n } = kernelOf(k);
        const op = diffusionOperator(K, { anisotropy });
        expect(maxRowSumError(op.P, n)).toBeLessThanOrEqual(ROW_SUM_ABS);
        const piP = matmul(op.pi, op.P, 1, n, n);
        for (let j = 0; j < n; j++) expect(Math.abs((piP[j] as number) - (op.pi[j] as number))).toBeLessThanOrEqual(STATIONARY_ABS);
        const { eigenvalues } = diffusionMap(op, { k: 1 });
        expect(Math.abs((eigenvalues[0] as number) - 1)).toBeLessThanOrEqual(STATIONARY_ABS);
        // Every eigenvalue of P lies in [-1, 1].
        const all = eigh(op.symmetric, n).values;
        expect(Math.max(...Array.from(all, Math.abs))).toBeLessThanOrEqual(1 + STATIONARY_ABS);
      }),
      { numRuns: 40 },
    );
  });

  it('diffusion-map coordinates are right eigenvectors: P psi = lambda psi, with sum pi psi^2 = 1', () => {
    fc.assert(
      fc.property(kernels, (k) => {
        const { K, n } = kernelOf(k);
        const op = diffusionOperator(K);
        const kk = Math.min(3, n - 1);
        const { eigenvectors, eigenvalues } = diffusionMap(op, { k: kk, t: 0 });
        const m = kk + 1;
        const Ppsi = matmul(op.P, eigenvectors, n, n, m);
        for (let c = 0; c < m; c++) {
          let norm = 0;
          for (let i = 0; i < n; i++) {
            const psi = eigenvectors[i * m + c] as number;
            norm += (op.pi[i] as number) * psi * psi;
            expect(Math.abs((Ppsi[i * m + c] as number) - (eigenvalues[c] as number) * psi)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(psi)) / Math.sqrt(op.pi[i] as number));
          }
          expect(Math.abs(norm - 1)).toBeLessThanOrEqual(1e-10);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('full-spectrum diffusion distances equal sqrt(sum_k (P^t_ik - P^t_jk)^2 / pi_k)', () => {
    fc.assert(
      fc.property(kernels, fc.integer({ min: 1, max: 4 }), (k, t) => {
        const { K, n } = kernelOf(k);
        const op = diffusionOperator(K);
        const D = diffusionDistances(op, t);
        const Pt = matrixPower(op.P, t);
        let worst = 0;
        let scale = 0;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            let s = 0;
            for (let q = 0; q < n; q++) s += ((Pt[i * n + q] as number) - (Pt[j * n + q] as number)) ** 2 / (op.pi[q] as number);
            worst = Math.max(worst, Math.abs(Math.sqrt(s) - (D[i * n + j] as number)));
            scale = Math.max(scale, Math.sqrt(s));
          }
        }
        expect(worst).toBeLessThanOrEqual(1e-7 * Math.max(scale, 1));
      }),
      { numRuns: 25 },
    );
  });

  it('a bare P gives the same spectrum as the operator it came from', () => {
    fc.assert(
      fc.property(kernels, (k) => {
        const { K } = kernelOf(k);
        const op = diffusionOperator(K);
        const a = diffusionSpectralEntropy(op, 2);
        const b = diffusionSpectralEntropy(op.P, 2);
        expect(Math.abs(a - b)).toBeLessThanOrEqual(ENTROPY_ABS);
      }),
      { numRuns: 25 },
    );
  });
});

describe('matrix powers, potentials, singular values (properties)', () => {
  it('P^(a+b) = P^a P^b', () => {
    fc.assert(
      fc.property(kernels, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), (k, a, b) => {
        const { K, n } = kernelOf(k);
        const P = diffusionOperator(K).P;
        const lhs = matrixPower(P, a + b);
        const rhs = matmul(matrixPower(P, a), matrixPower(P, b), n, n, n);
        for (let i = 0; i < n * n; i++) expect(Math.abs((lhs[i] as number) - (rhs[i] as number))).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 25 },
    );
  });

  it('potential distances form a metric-like matrix: symmetric, zero diagonal, non-negative', () => {
    fc.assert(
      fc.property(kernels, fc.integer({ min: 1, max: 20 }), fc.constantFrom(1, 0, -1, 0.5), (k, t, gamma) => {
        const { K, n } = kernelOf(k);
        const { distances } = potentialDistances(diffusionOperator(K), { t, gamma });
        for (let i = 0; i < n; i++) {
          expect(distances[i * n + i]).toBe(0);
          for (let j = 0; j < n; j++) {
            expect(distances[i * n + j]).toBe(distances[j * n + i]);
            expect(distances[i * n + j]).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('singular values are the square roots of the eigenvalues of A^T A', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 1, max: 25 }), (seed, n) => {
        const A = cloud(seed, n, n).data;
        const s = singularValues(A, n);
        const ata = matmul(transpose(A, n, n), A, n, n, n);
        const ev = Array.from(eigh(ata, n).values).reverse();
        for (let i = 0; i < n; i++) expect(Math.abs((s[i] as number) ** 2 - Math.max(ev[i] as number, 0))).toBeLessThanOrEqual(1e-11 * Math.max(1, (s[0] as number) ** 2));
      }),
      { numRuns: 40 },
    );
  });

  it('the von Neumann entropy curve is finite, starts below log(n) and never increases with t', () => {
    fc.assert(
      fc.property(kernels, (k) => {
        const { K, n } = kernelOf(k);
        const H = vonNeumannEntropy(diffusionOperator(K), 30);
        expect(H.every(Number.isFinite)).toBe(true);
        expect(H[0] as number).toBeLessThanOrEqual(Math.log(n) + 1e-9);
        for (let j = 1; j < H.length; j++) expect(H[j] as number).toBeLessThanOrEqual((H[j - 1] as number) + 1e-12);
      }),
      { numRuns: 25 },
    );
  });
});

describe('diffusion spectral entropy (properties)', () => {
  it('tends to log2(k) (trivial eigenvalue kept) and log2(k - 1) (dropped) for k separated clusters as t grows', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 2, max: 5 }), (seed, k) => {
        // Centres 40 apart with sigma = 3: cross-cluster affinities below 1e-70, within-cluster above e^-2.
        const { X } = blobs(seed, k, 12, 5, 40, 1);
        const op = diffusionOperator(gaussianKernel(X, { sigma: 3 }));
        const keep = [1, 10, 100, 10000].map((t) => Math.abs(diffusionSpectralEntropy(op, t, { dropTrivial: false }) - Math.log2(k)));
        for (let i = 1; i < keep.length; i++) expect(keep[i] as number).toBeLessThanOrEqual((keep[i - 1] as number) + 1e-12);
        expect(keep[keep.length - 1] as number).toBeLessThanOrEqual(1e-6);
        const drop = diffusionSpectralEntropy(op, 10000);
        expect(Math.abs(drop - Math.log2(k - 1))).toBeLessThanOrEqual(1e-6);
      }),
      { numRuns: 20 },
    );
  });

  it('mutual information is 0 when every point has the same label, and larger for informative labels', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { X, labels } = blobs(seed, 3, 10, 4, 8, 1);
        const same = diffusionSpectralMutualInformation(X, new Int32Array(30), { sigma: 2 });
        expect(Math.abs(same.mutualInformation)).toBeLessThanOrEqual(1e-12);
        const info = diffusionSpectralMutualInformation(X, labels, { sigma: 2 });
        expect(info.mutualInformation).toBeGreaterThan(same.mutualInformation);
      }),
      { numRuns: 15 },
    );
  });
});

describe('diffusion map equivariance (properties)', () => {
  it('permuting the points permutes the diffusion distances', () => {
    fc.assert(
      fc.property(kernels, seeds, (k, pseed) => {
        const X = cloud(k.seed, k.n, k.d);
        const perm = Array.from({ length: k.n }, (_, i) => i).sort((a, b) => ((a * 7919 + pseed) % 104729) - ((b * 7919 + pseed) % 104729));
        const Xp = { data: new Float64Array(X.data.length), rows: k.n, cols: k.d };
        for (let i = 0; i < k.n; i++) Xp.data.set(X.data.subarray((perm[i] as number) * k.d, ((perm[i] as number) + 1) * k.d), i * k.d);
        const D = diffusionDistances(diffusionOperator(gaussianKernel(X, { sigma: k.sigma })), 2);
        const Dp = diffusionDistances(diffusionOperator(gaussianKernel(Xp, { sigma: k.sigma })), 2);
        let scale = 0;
        for (let i = 0; i < D.length; i++) scale = Math.max(scale, D[i] as number);
        for (let i = 0; i < k.n; i++) for (let j = 0; j < k.n; j++) expect(Math.abs((Dp[i * k.n + j] as number) - (D[(perm[i] as number) * k.n + (perm[j] as number)] as number))).toBeLessThanOrEqual(DIFFUSION_MAP_REL * Math.max(scale, 1) * 100);
      }),
      { numRuns: 20 },
    );
  });
});
