import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classicalMds, diffusionMap, diffusionOperator, gaussianKernel, kneePoint, metricMds, pairwiseDistances, phate, procrustesDisparity } from '../src/index.js';
import { cloud, permuteRows, rigidMotion } from './helpers.js';
import { INVARIANCE_PROCRUSTES, MDS_REL } from './tolerances.js';

const seeds = fc.integer({ min: 0, max: 2 ** 30 });
const rows = (Y: Float64Array, k: number): number[][] => Array.from({ length: Y.length / k }, (_, i) => Array.from(Y.subarray(i * k, (i + 1) * k)));
function permutation(seed: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => ((a * 7919 + seed) % 104729) - ((b * 7919 + seed) % 104729) || a - b);
}

describe('PHATE invariances (properties)', () => {
  it('is invariant, up to a rigid motion, to isometries of the input', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 20, max: 45 }), fc.integer({ min: 2, max: 5 }), fc.constantFrom('metric' as const, 'classic' as const), (seed, n, d, mds) => {
        const X = cloud(seed, n, d);
        const a = phate(X, { knn: 4, decay: 10, mds, seed: 1 });
        const b = phate(rigidMotion(X, seed + 1), { knn: 4, decay: 10, mds, seed: 1 });
        expect(b.t).toBe(a.t);
        expect(procrustesDisparity(rows(a.embedding, 2), rows(b.embedding, 2))).toBeLessThanOrEqual(INVARIANCE_PROCRUSTES);
      }),
      { numRuns: 15 },
    );
  });

  it('is equivariant to the order of the points', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 20, max: 45 }), fc.integer({ min: 2, max: 5 }), fc.constantFrom('metric' as const, 'classic' as const), (seed, n, d, mds) => {
        const X = cloud(seed, n, d);
        const perm = permutation(seed, n);
        const a = phate(X, { knn: 4, decay: 10, mds, seed: 1 });
        const b = phate(permuteRows(X, perm), { knn: 4, decay: 10, mds, seed: 1 });
        const aPerm = perm.map((i) => [a.embedding[2 * i] as number, a.embedding[2 * i + 1] as number]);
        expect(procrustesDisparity(aPerm, rows(b.embedding, 2))).toBeLessThanOrEqual(INVARIANCE_PROCRUSTES);
      }),
      { numRuns: 15 },
    );
  });
});

describe('diffusion map invariances (properties)', () => {
  it('is invariant to isometries and equivariant to point order', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 10, max: 40 }), fc.integer({ min: 1, max: 5 }), (seed, n, d) => {
        const X = cloud(seed, n, d);
        const perm = permutation(seed, n);
        const map = (Y: typeof X): Float64Array => diffusionMap(diffusionOperator(gaussianKernel(Y, { sigma: 0.7 })), { k: 2, t: 2 }).embedding;
        const a = map(X);
        const b = map(rigidMotion(X, seed));
        const c = map(permuteRows(X, perm));
        expect(procrustesDisparity(rows(a, 2), rows(b, 2))).toBeLessThanOrEqual(INVARIANCE_PROCRUSTES);
        expect(procrustesDisparity(perm.map((i) => [a[2 * i] as number, a[2 * i + 1] as number]), rows(c, 2))).toBeLessThanOrEqual(INVARIANCE_PROCRUSTES);
      }),
      { numRuns: 25 },
    );
  });
});

describe('MDS (properties)', () => {
  it('classical MDS reproduces the distances of points in R^k', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 4, max: 40 }), fc.integer({ min: 1, max: 3 }), (seed, n, k) => {
        const X = cloud(seed, n, k);
        const D = pairwiseDistances(X);
        const { embedding } = classicalMds(D, k);
        const E = pairwiseDistances({ data: embedding, rows: n, cols: k });
        let worst = 0;
        let scale = 0;
        for (let i = 0; i < D.length; i++) {
          worst = Math.max(worst, Math.abs((E[i] as number) - (D[i] as number)));
          scale = Math.max(scale, D[i] as number);
        }
        expect(worst).toBeLessThanOrEqual(MDS_REL * 1e3 * scale);
      }),
      { numRuns: 40 },
    );
  });

  it('metric MDS never increases the stress of its start', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 5, max: 30 }), fc.integer({ min: 3, max: 6 }), (seed, n, d) => {
        const D = pairwiseDistances(cloud(seed, n, d));
        const start = metricMds(D, { k: 2, maxIter: 0 });
        const end = metricMds(D, { k: 2 });
        expect(end.stress).toBeLessThanOrEqual(start.stress * (1 + 1e-12));
      }),
      { numRuns: 30 },
    );
  });
});

describe('knee (properties)', () => {
  it('recovers the breakpoint of a two-segment curve', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 60 }), fc.double({ min: -5, max: -0.5, noNaN: true }), fc.double({ min: -0.05, max: 0, noNaN: true }), (b, s1, s2) => {
        const y = Array.from({ length: 80 }, (_, i) => (i <= b ? 10 + s1 * i : 10 + s1 * b + s2 * (i - b)));
        expect(kneePoint(y, 'symmetric')).toBe(b);
        expect(Math.abs(kneePoint(y) - b)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 40 },
    );
  });
});
