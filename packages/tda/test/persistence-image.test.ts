import fc from 'fast-check';
import { GeoError } from '@geo/core';
import { describe, expect, it } from 'vitest';
import { persistenceImage } from '../src/index.js';
import { METRIC_AXIOM_RTOL } from './tolerances.js';

const value = fc.integer({ min: 0, max: 5000 }).map((x) => x / 1000);
const point = fc.tuple(value, value).map(([x, y]) => (x <= y ? [x, y] : [y, x]) as [number, number]);
const diagram = fc.array(point, { maxLength: 15 });
const opts = { resolution: [12, 10] as [number, number], range: [0, 5, 0, 5] as [number, number, number, number], sigma: 0.3 };

describe('persistenceImage', () => {
  it('is a weighted Gaussian at the pixel centres', () => {
    const { values } = persistenceImage([[1, 3]], { resolution: [4, 4], range: [0, 4, 0, 4], sigma: 1 });
    // pixel (row 1, column 0) is centred at (0.5, 1.5); the point sits at (1, 2) with weight 2
    const want = (2 / (2 * Math.PI)) * Math.exp(-(0.5 ** 2 + 0.5 ** 2) / 2);
    expect(values[1 * 4 + 0]).toBeCloseTo(want, 14);
  });

  it('is additive over points, permutation invariant, ignores the diagonal and essential classes', () => {
    fc.assert(
      fc.property(diagram, diagram, (a, b) => {
        const ia = persistenceImage(a, opts).values;
        const ib = persistenceImage(b, opts).values;
        const iab = persistenceImage([...b, ...a, [2, 2], [1, Infinity]] as [number, number][], opts).values;
        for (let i = 0; i < iab.length; i++) {
          expect(iab[i]!).toBeGreaterThanOrEqual(0);
          expect(Math.abs(iab[i]! - ia[i]! - ib[i]!)).toBeLessThanOrEqual(METRIC_AXIOM_RTOL * Math.max(1, iab[i]!));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('rejects bad options', () => {
    expect(() => persistenceImage([], { sigma: 0 })).toThrow(GeoError);
    expect(() => persistenceImage([], { range: [1, 0, 0, 1] })).toThrow(/options.range/);
    expect(() => persistenceImage([[0, 1]], { weight: () => Number.NaN })).toThrow(/options.weight/);
    expect(() => persistenceImage([], { resolution: [2, 2], out: new Float64Array(3) })).toThrow(/options.out/);
  });
});
