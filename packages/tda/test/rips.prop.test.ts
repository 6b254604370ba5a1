import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bottleneckDistance, enclosingRadius, ripsPersistence, toDistanceMatrix } from '../src/index.js';
import { distanceRows, pairsOf } from './helpers.js';
import { naiveRipsPairs } from './naive.js';
import { RIGID_MOTION_ATOL, STABILITY_ATOL } from './tolerances.js';

// Coordinates on a 1e-5 lattice in [-10, 10]: no subnormal differences whose squares underflow to 0.
const coord = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((x) => x / 100_000);
/** A cloud of `min..max` points in `dim` dimensions. */
const cloud = (min: number, max: number, dim: number) => fc.array(fc.array(coord, { minLength: dim, maxLength: dim }), { minLength: min, maxLength: max });
/** Clouds on a small integer grid: many exactly tied distances, the hard case for tie-breaking. */
const gridCloud = (min: number, max: number) => fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 2 }), { minLength: min, maxLength: max });

describe('ripsPersistence invariants', () => {
  it('equals textbook boundary-matrix reduction on small clouds, H0..H2, with and without collapse', () => {
    fc.assert(
      fc.property(fc.oneof(cloud(1, 9, 3), gridCloud(1, 9)), fc.boolean(), (pts, collapse) => {
        const D = distanceRows(pts);
        const thr = enclosingRadius(toDistanceMatrix({ distances: D }));
        const want = naiveRipsPairs(D, 2, thr);
        const got = ripsPersistence({ distances: D }, { maxDim: 2, collapse }).map(pairsOf);
        expect(got).toEqual(want);
      }),
      { numRuns: 150 },
    );
  });

  it('with Z/3 and Z/5 coefficients equals the textbook signed reduction over the same field', () => {
    fc.assert(
      fc.property(fc.oneof(cloud(1, 9, 3), gridCloud(1, 9)), fc.constantFrom(3, 5), fc.boolean(), (pts, p, collapse) => {
        const D = distanceRows(pts);
        const thr = enclosingRadius(toDistanceMatrix({ distances: D }));
        const want = naiveRipsPairs(D, 2, thr, p);
        const got = ripsPersistence({ distances: D }, { maxDim: 2, coefficients: p, collapse }).map(pairsOf);
        expect(got).toEqual(want);
      }),
      { numRuns: 100 },
    );
  });

  it('edge collapse never changes a diagram (H0..H2, random thresholds)', () => {
    fc.assert(
      fc.property(fc.oneof(cloud(4, 30, 3), gridCloud(4, 30)), fc.double({ min: 0, max: 1, noNaN: true }), (pts, frac) => {
        const D = toDistanceMatrix({ points: pts });
        const threshold = frac * enclosingRadius(D) * 1.5;
        const a = ripsPersistence({ points: pts }, { maxDim: 2, threshold, collapse: true }).map(pairsOf);
        const b = ripsPersistence({ points: pts }, { maxDim: 2, threshold, collapse: false }).map(pairsOf);
        expect(a).toEqual(b);
      }),
      { numRuns: 60 },
    );
  });

  it('H0 of n distinct points has n - 1 finite pairs born at 0 and one essential class', () => {
    fc.assert(
      fc.property(
        cloud(1, 40, 2).filter((pts) => new Set(pts.map((p) => p.join(','))).size === pts.length),
        (pts) => {
          const [h0] = ripsPersistence({ points: pts }, { maxDim: 0 });
          const pairs = pairsOf(h0!);
          expect(pairs).toHaveLength(pts.length);
          expect(pairs.filter(([, d]) => d === Infinity)).toHaveLength(1);
          expect(pairs.every(([b, d]) => b === 0 && d > 0)).toBe(true);
        },
      ),
    );
  });

  it('is invariant under a permutation of the points (exactly) and under rigid motions (to rounding)', () => {
    fc.assert(
      fc.property(
        cloud(3, 25, 3),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.array(coord, { minLength: 3, maxLength: 3 }),
        fc.boolean(),
        fc.integer(),
        (pts, a, b, shift, mirror, seed) => {
          const base = ripsPersistence({ points: pts }, { maxDim: 2 });
          // permutation: a seeded shuffle
          const order = pts.map((_, i) => i);
          let s = seed >>> 0;
          for (let i = order.length - 1; i > 0; i--) {
            s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
            const j = s % (i + 1);
            [order[i], order[j]] = [order[j]!, order[i]!];
          }
          const perm = ripsPersistence({ points: order.map((i) => pts[i]!) }, { maxDim: 2 });
          expect(perm.map(pairsOf)).toEqual(base.map(pairsOf));
          // rotation about z then x, optional mirror, translation
          const moved = pts.map(([x, y, z]) => {
            let X = Math.cos(a) * x! - Math.sin(a) * y!;
            const Y = Math.sin(a) * x! + Math.cos(a) * y!;
            const Y2 = Math.cos(b) * Y - Math.sin(b) * z!;
            const Z2 = Math.sin(b) * Y + Math.cos(b) * z!;
            if (mirror) X = -X;
            return [X + shift[0]!, Y2 + shift[1]!, Z2 + shift[2]!];
          });
          const rigid = ripsPersistence({ points: moved }, { maxDim: 2 });
          for (let d = 0; d <= 2; d++) expect(bottleneckDistance(rigid[d]!, base[d]!)).toBeLessThanOrEqual(RIGID_MOTION_ATOL * 20);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is stable: d_B(Dgm X, Dgm Y) <= 2 max_i |x_i - y_i| in every dimension', () => {
    fc.assert(
      fc.property(
        cloud(3, 30, 2),
        fc.array(fc.array(fc.double({ min: -0.3, max: 0.3, noNaN: true }), { minLength: 2, maxLength: 2 }), { minLength: 30, maxLength: 30 }),
        (pts, noise) => {
          const moved = pts.map((p, i) => [p[0]! + noise[i]![0]!, p[1]! + noise[i]![1]!]);
          let eps = 0;
          pts.forEach((p, i) => {
            eps = Math.max(eps, Math.hypot(moved[i]![0]! - p[0]!, moved[i]![1]! - p[1]!));
          });
          // the full filtration (threshold Infinity) so both diagrams come from complete complexes
          const A = ripsPersistence({ points: pts }, { maxDim: 2, threshold: Infinity });
          const B = ripsPersistence({ points: moved }, { maxDim: 2, threshold: Infinity });
          for (let d = 0; d <= 2; d++) expect(bottleneckDistance(A[d]!, B[d]!)).toBeLessThanOrEqual(2 * eps + STABILITY_ATOL);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the enclosing-radius default gives the diagrams of the full filtration', () => {
    fc.assert(
      fc.property(cloud(2, 25, 2), (pts) => {
        const a = ripsPersistence({ points: pts }, { maxDim: 2 }).map(pairsOf);
        const b = ripsPersistence({ points: pts }, { maxDim: 2, threshold: Infinity }).map(pairsOf);
        expect(a).toEqual(b);
      }),
      { numRuns: 50 },
    );
  });
});
