import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GeoError } from '@geo/core';
import { adjustedRandIndex, classSeparation, frobeniusDistance, networkManifold, normalisedTopDistance, pairwiseAri, procrustesDisparity, wardClustering } from '../src/index.js';
import { blobs, cloud, permuteRows, rigidMotion } from './helpers.js';

const seeds = fc.integer({ min: 0, max: 2 ** 30 });
const labelings = fc.integer({ min: 2, max: 60 }).chain((n) => fc.tuple(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: n, maxLength: n }), fc.array(fc.integer({ min: 0, max: 5 }), { minLength: n, maxLength: n })));

describe('adjusted Rand index (properties)', () => {
  it('is symmetric, ARI(l, l) = 1, invariant to renaming, at most 1', () => {
    fc.assert(
      fc.property(labelings, ([a, b]) => {
        expect(adjustedRandIndex(a, b)).toBe(adjustedRandIndex(b, a));
        expect(adjustedRandIndex(a, a)).toBe(1);
        expect(adjustedRandIndex(a.map((x) => 10 - 3 * x), b)).toBeCloseTo(adjustedRandIndex(a, b), 12);
        expect(adjustedRandIndex(a, b)).toBeLessThanOrEqual(1 + 1e-12);
      }),
      { numRuns: 100 },
    );
  });

  it('pairwise ARI is symmetric with a unit diagonal', () => {
    fc.assert(
      fc.property(labelings, ([a, b]) => {
        const M = pairwiseAri([a, b, a]);
        expect(M[0]).toBe(1);
        expect(M[1]).toBe(M[3]);
        expect(M[2]).toBe(1);
      }),
      { numRuns: 30 },
    );
  });

  it('rejects labelings of different lengths', () => {
    expect(() => adjustedRandIndex([0, 1], [0, 1, 1])).toThrow(GeoError);
  });
});

describe('Ward clustering (properties)', () => {
  it('returns k clusters, recovers separated blobs, and is equivariant to point order', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 2, max: 6 }), (seed, k) => {
        const { X, labels } = blobs(seed, k, 8, 6, 30, 1);
        const { labels: found, linkage } = wardClustering(X, k);
        expect(new Set(found).size).toBe(k);
        expect(adjustedRandIndex(found, labels)).toBe(1);
        const n = X.rows;
        for (let s = 1; s < n - 1; s++) expect(linkage[s * 4 + 2] as number).toBeGreaterThanOrEqual(linkage[(s - 1) * 4 + 2] as number);
        expect(linkage[(n - 2) * 4 + 3]).toBe(n);
        const perm = Array.from({ length: n }, (_, i) => (i * 5 + seed) % n);
        if (new Set(perm).size !== n) return;
        const again = wardClustering(permuteRows(X, perm), k).labels;
        expect(adjustedRandIndex(again, perm.map((i) => found[i] as number))).toBe(1);
      }),
      { numRuns: 30 },
    );
  });

  it('is invariant to isometries of the input', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 5, max: 40 }), fc.integer({ min: 1, max: 6 }), (seed, n, k0) => {
        const X = cloud(seed, n, 3);
        const k = Math.min(k0, n);
        expect(adjustedRandIndex(wardClustering(X, k).labels, wardClustering(rigidMotion(X, seed), k).labels)).toBeCloseTo(1, 12);
      }),
      { numRuns: 30 },
    );
  });
});

describe('class separation, network manifold, Table 1 score (properties)', () => {
  it('class separation grows with the distance between classes and is invariant to isometries', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const near = blobs(seed, 3, 10, 4, 2, 1);
        const far = blobs(seed, 3, 10, 4, 20, 1);
        const a = classSeparation(near.X, near.labels);
        const b = classSeparation(far.X, far.labels);
        expect(b.meanCentroidDistance).toBeGreaterThan(a.meanCentroidDistance);
        const c = classSeparation(rigidMotion(far.X, seed), far.labels);
        expect(Math.abs(c.meanCentroidDistance - b.meanCentroidDistance)).toBeLessThanOrEqual(1e-10 * b.meanCentroidDistance);
        expect(Math.abs(c.meanWithinClassSpread - b.meanWithinClassSpread)).toBeLessThanOrEqual(1e-10 * b.meanWithinClassSpread);
      }),
      { numRuns: 30 },
    );
  });

  it('network distances are symmetric, zero on the diagonal, Frobenius distances of the operators, and blind to isometries', () => {
    fc.assert(
      fc.property(seeds, fc.constantFrom('diffusion' as const, 'distance' as const, 'knn' as const), (seed, method) => {
        const base = cloud(seed, 15, 3);
        const reps = [base, rigidMotion(base, seed + 1), cloud(seed + 2, 15, 3), cloud(seed + 3, 15, 5)];
        const { distances: N, m } = networkManifold(reps, { method, phate: false });
        for (let i = 0; i < m; i++) {
          expect(N[i * m + i]).toBe(0);
          for (let j = 0; j < m; j++) expect(N[i * m + j]).toBe(N[j * m + i]);
        }
        // A rotated copy of a network's representation is the same network.
        expect(N[1] as number).toBeLessThanOrEqual(1e-9 * Math.max(N[2] as number, 1));
        expect(N[2]).toBeGreaterThan(0);
      }),
      { numRuns: 20 },
    );
  });

  it('the Table 1 score is 1 when every point is "top" and invariant to scaling the embedding', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 4, max: 30 }), (seed, m) => {
        const E = cloud(seed, m, 2).data;
        const scores = cloud(seed + 1, m, 1).data;
        expect(normalisedTopDistance(E, 2, scores, m)).toBeCloseTo(1, 12);
        const top = Math.max(2, Math.floor(m / 3));
        expect(normalisedTopDistance(E.map((v) => 3 * v), 2, scores, top)).toBeCloseTo(normalisedTopDistance(E, 2, scores, top), 12);
      }),
      { numRuns: 30 },
    );
  });

  it('Frobenius distance is a metric on same-size matrices', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 1, max: 8 }), (seed, n) => {
        const [a, b, c] = [cloud(seed, n, n).data, cloud(seed + 1, n, n).data, cloud(seed + 2, n, n).data] as [Float64Array, Float64Array, Float64Array];
        expect(frobeniusDistance(a, a)).toBe(0);
        expect(frobeniusDistance(a, b)).toBeCloseTo(frobeniusDistance(b, a), 14);
        expect(frobeniusDistance(a, c)).toBeLessThanOrEqual(frobeniusDistance(a, b) + frobeniusDistance(b, c) + 1e-12);
      }),
      { numRuns: 30 },
    );
  });

  it('Procrustes disparity is 0 for a similar copy and symmetric', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 3, max: 30 }), fc.integer({ min: 1, max: 4 }), (seed, n, d) => {
        const X = cloud(seed, n, d);
        const Y = rigidMotion(X, seed);
        const toRows = (M: typeof X): number[][] => Array.from({ length: n }, (_, i) => Array.from(M.data.subarray(i * d, (i + 1) * d)));
        expect(procrustesDisparity(toRows(X), toRows(Y))).toBeLessThanOrEqual(1e-12);
        const Z = cloud(seed + 9, n, d);
        expect(procrustesDisparity(toRows(X), toRows(Z))).toBeCloseTo(procrustesDisparity(toRows(Z), toRows(X)), 10);
      }),
      { numRuns: 30 },
    );
  });
});
