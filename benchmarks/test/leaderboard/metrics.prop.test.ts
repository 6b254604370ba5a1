import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGeoError } from '@geo/core';
import { accuracy, kendallTauB, meanSquaredError } from '../../src/leaderboard/metrics.js';
import { METRIC_TOLERANCE, TAU_TOLERANCE } from './tolerances.js';

/** Tau-b straight from its definition: every pair classified as concordant, discordant or tied. */
function bruteTauB(x: readonly number[], y: readonly number[]): number {
  let c = 0;
  let d = 0;
  let tx = 0;
  let ty = 0;
  const n = x.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const sx = Math.sign((x[i] as number) - (x[j] as number));
      const sy = Math.sign((y[i] as number) - (y[j] as number));
      if (sx === 0 && sy === 0) continue;
      if (sx === 0) tx++;
      else if (sy === 0) ty++;
      else if (sx === sy) c++;
      else d++;
    }
  }
  return (c - d) / Math.sqrt((c + d + tx) * (c + d + ty));
}

// Small integer values make ties (in x, in y and in both) common.
const tiedPairs = fc.integer({ min: 2, max: 60 }).chain((n) =>
  fc.tuple(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: n, maxLength: n }), fc.array(fc.integer({ min: 0, max: 6 }), { minLength: n, maxLength: n })),
);

const notConstant = (v: readonly number[]): boolean => v.some((a) => a !== v[0]);

describe("Kendall's tau-b", () => {
  it('equals the brute-force pair count, with ties', () => {
    fc.assert(
      fc.property(tiedPairs, ([x, y]) => {
        fc.pre(notConstant(x) && notConstant(y));
        expect(kendallTauB(Float64Array.from(x), Float64Array.from(y))).toBeCloseTo(bruteTauB(x, y), -Math.log10(TAU_TOLERANCE));
      }),
    );
  });

  it('equals the brute force on distinct reals, is symmetric, and flips sign when y is negated', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 80 }), fc.integer({ min: 0, max: 1000 }), (x, seed) => {
        const y = x.map((v, i) => Math.sin(v * 0.001 + i * seed));
        fc.pre(notConstant(y));
        const t = kendallTauB(Float64Array.from(x), Float64Array.from(y));
        expect(Math.abs(t - bruteTauB(x, y))).toBeLessThanOrEqual(TAU_TOLERANCE);
        expect(Math.abs(kendallTauB(Float64Array.from(y), Float64Array.from(x)) - t)).toBeLessThanOrEqual(TAU_TOLERANCE);
        expect(Math.abs(kendallTauB(Float64Array.from(x), Float64Array.from(y, (v) => -v)) + t)).toBeLessThanOrEqual(TAU_TOLERANCE);
      }),
    );
  });

  it('is 1 for any increasing map, -1 for a decreasing one', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 50 }), (x) => {
        const xs = Float64Array.from(x);
        expect(kendallTauB(xs, Float64Array.from(x, (v) => v ** 3 + 2))).toBe(1);
        expect(kendallTauB(xs, Float64Array.from(x, (v) => -Math.exp(v / 100)))).toBe(-1);
      }),
    );
  });

  it('matches hand-counted values', () => {
    // x = 1..3, y = 1, 3, 2: pairs (1,2) C, (1,3) C, (2,3) D -> (2 - 1) / 3
    expect(kendallTauB(Float64Array.of(1, 2, 3), Float64Array.of(1, 3, 2))).toBeCloseTo(1 / 3, 14);
    // x = 1, 1, 2, y = 1, 2, 3: (1,2) tied in x, (1,3) C, (2,3) C -> 2 / sqrt(2 * 3)
    expect(kendallTauB(Float64Array.of(1, 1, 2), Float64Array.of(1, 2, 3))).toBeCloseTo(2 / Math.sqrt(6), 14);
  });

  it('refuses constant inputs, mismatched lengths, fewer than 2 pairs and non-finite values', () => {
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return isGeoError(e) ? e.code : 'not a GeoError';
      }
      return undefined;
    };
    expect(code(() => kendallTauB(Float64Array.of(1, 1, 1), Float64Array.of(1, 2, 3)))).toBe('OUT_OF_DOMAIN');
    expect(code(() => kendallTauB(Float64Array.of(1, 2), Float64Array.of(1, 2, 3)))).toBe('BAD_LENGTH');
    expect(code(() => kendallTauB(Float64Array.of(1), Float64Array.of(1)))).toBe('BAD_LENGTH');
    expect(code(() => kendallTauB(Float64Array.of(1, NaN), Float64Array.of(1, 2)))).toBe('NOT_FINITE');
  });
});

describe('accuracy and MSE', () => {
  it('accuracy equals a brute-force argmax count (first maximum on ties)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((k) => fc.tuple(fc.constant(k), fc.array(fc.tuple(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: k, maxLength: k }), fc.integer({ min: 0, max: k - 1 })), { minLength: 1, maxLength: 40 }))),
        ([k, rows]) => {
          const scores = Float64Array.from(rows.flatMap(([s]) => s));
          const labels = Float64Array.from(rows.map(([, l]) => l));
          const hits = rows.filter(([s, l]) => s.indexOf(Math.max(...s)) === l).length;
          expect(Math.abs(accuracy(scores, labels, k) - hits / rows.length)).toBeLessThanOrEqual(METRIC_TOLERANCE);
        },
      ),
    );
  });

  it('MSE is the mean of squared differences, 0 on equal inputs, and symmetric', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true })), { minLength: 1, maxLength: 50 }), (pairs) => {
        const p = Float64Array.from(pairs.map(([a]) => a));
        const t = Float64Array.from(pairs.map(([, b]) => b));
        const brute = pairs.reduce((s, [a, b]) => s + (a - b) * (a - b), 0) / pairs.length;
        expect(Math.abs(meanSquaredError(p, t) - brute)).toBeLessThanOrEqual(METRIC_TOLERANCE * Math.max(1, brute));
        expect(meanSquaredError(p, p)).toBe(0);
        expect(meanSquaredError(t, p)).toBe(meanSquaredError(p, t));
      }),
    );
  });

  it('refuses empty or mismatched inputs with GeoErrors', () => {
    expect(() => accuracy(Float64Array.of(1, 2, 3), Float64Array.of(0, 1), 2)).toThrow(/scores has 3 numbers/);
    expect(() => accuracy(new Float64Array(0), new Float64Array(0), 2)).toThrow(/must not be empty/);
    expect(() => meanSquaredError(Float64Array.of(1), Float64Array.of(1, 2))).toThrow(/predictions has 1 numbers/);
    expect(() => meanSquaredError(Float64Array.of(Infinity), Float64Array.of(1))).toThrow();
  });
});
