// The tasks' shared Pearson r and ranks: bounds, invariances, agreement with a direct
// two-pass formula, and NaN (not 0) where the correlation is undefined.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pearson, ranks } from '../src/tasks/correlation.js';

/** Two-pass sums in double precision: a few ulps of 1. */
const R_ABS = 1e-12;

// Values of magnitude 0 or >= 1e-6: below that, squared spreads are subnormal and r loses its digits.
const series = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }).map((v) => (Math.abs(v) < 1e-6 ? 0 : v)), { minLength: 3, maxLength: 40 });

describe('pearson and ranks (geo-bench tasks)', () => {
  it('lies in [-1, 1], is symmetric, and is 1 for a positive affine image', () => {
    fc.assert(
      fc.property(series, series, fc.double({ min: 0.1, max: 10, noNaN: true }), (a, b0, s) => {
        const b = a.map((_, i) => b0[i % b0.length] as number);
        const r = pearson(a, b);
        if (Number.isNaN(r)) return;
        expect(Math.abs(r)).toBeLessThanOrEqual(1 + R_ABS);
        expect(Math.abs(r - pearson(b, a))).toBeLessThanOrEqual(R_ABS);
        const affine = a.map((v) => s * v + 3);
        const ra = pearson(a, affine);
        if (!Number.isNaN(ra)) expect(ra).toBeCloseTo(1, 9);
      }),
    );
  });

  it('skips pairs with a non-finite value and is NaN when a side is constant or too short', () => {
    expect(pearson([1, 2, Number.NaN, 3], [2, 4, 100, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(pearson([1], [2])).toBeNaN();
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it('ranks are a permutation of 0..n-1 that orders the values', () => {
    fc.assert(
      fc.property(series, (a) => {
        const r = ranks(a);
        expect([...r].sort((x, y) => x - y)).toEqual(a.map((_, i) => i));
        for (let i = 0; i < a.length; i++) for (let j = 0; j < a.length; j++) if ((a[i] as number) < (a[j] as number)) expect(r[i]).toBeLessThan(r[j] as number);
      }),
    );
  });
});
