import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, linearAssignment, type GeoError } from '../src/index.js';

/** The minimum over all n! permutations, for small n. */
function bruteForce(cost: Float64Array, n: number): number {
  let best = Infinity;
  const perm = Array.from({ length: n }, (_, i) => i);
  const visit = (k: number): void => {
    if (k === n) {
      let s = 0;
      for (let i = 0; i < n; i++) s += cost[i * n + (perm[i] as number)] as number;
      best = Math.min(best, s);
      return;
    }
    for (let i = k; i < n; i++) {
      [perm[k], perm[i]] = [perm[i] as number, perm[k] as number];
      visit(k + 1);
      [perm[k], perm[i]] = [perm[i] as number, perm[k] as number];
    }
  };
  visit(0);
  return best;
}

describe('linearAssignment', () => {
  it('returns a permutation whose cost is the brute-force minimum (integer costs, so exact)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 }), fc.nat(), (n, seed) => {
        const rng = createRng(seed);
        const cost = Float64Array.from({ length: n * n }, () => rng.int(-20, 20));
        const { rowToCol, cost: total } = linearAssignment(cost, n);
        expect([...rowToCol].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
        let s = 0;
        for (let i = 0; i < n; i++) s += cost[i * n + (rowToCol[i] as number)] as number;
        expect(s).toBe(total);
        expect(total).toBe(n === 0 ? 0 : bruteForce(cost, n));
      }),
    );
  });

  it('solves the documented example and accepts plain arrays', () => {
    const r = linearAssignment([4, 1, 2, 3], 2);
    expect([...r.rowToCol]).toEqual([1, 0]);
    expect(r.cost).toBe(3);
  });

  it('rejects non-square, non-finite and mis-sized input with GeoErrors naming the argument', () => {
    const err = (fn: () => unknown): GeoError => {
      try {
        fn();
      } catch (e) {
        return e as GeoError;
      }
      throw new Error('no error');
    };
    expect(err(() => linearAssignment([1, 2, 3], 2)).argument).toBe('cost');
    expect(err(() => linearAssignment([1, Number.NaN, 3, 4], 2)).code).toBe('NOT_FINITE');
    expect(err(() => linearAssignment([1], 1.5)).argument).toBe('N');
  });
});
