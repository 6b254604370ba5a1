import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erf, erfc } from '../src/index.js';
import { ERF_RTOL } from './tolerances.js';

// Published 17-significant-digit values (Abramowitz & Stegun table 7.1 / any CAS).
const ERF_TABLE: [number, number][] = [
  [0.1, 0.1124629160182849],
  [0.5, 0.5204998778130465],
  [1, 0.8427007929497149],
  [2, 0.9953222650189527],
  [3, 0.9999779095030014],
];
const ERFC_TABLE: [number, number][] = [
  [3, 2.209049699858544e-5],
  [5, 1.5374597944280349e-12],
  [10, 2.088487583762545e-45],
];

describe('erf', () => {
  it('matches published values', () => {
    for (const [x, v] of ERF_TABLE) {
      expect(Math.abs(erf(x) - v) / v).toBeLessThan(ERF_RTOL);
      expect(Math.abs(erf(-x) + v) / v).toBeLessThan(ERF_RTOL);
    }
    for (const [x, v] of ERFC_TABLE) expect(Math.abs(erfc(x) - v) / v).toBeLessThan(8 * ERF_RTOL);
  });

  it('is odd, increasing, bounded by 1, and erf + erfc = 1', () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), fc.double({ min: 1e-6, max: 1, noNaN: true }), (x, dx) => {
        expect(erf(-x)).toBe(-erf(x));
        expect(Math.abs(erf(x))).toBeLessThanOrEqual(1);
        expect(erf(x + dx)).toBeGreaterThanOrEqual(erf(x));
        expect(Math.abs(erf(x) + erfc(x) - 1)).toBeLessThan(4e-16);
      }),
    );
  });

  it('is continuous across the series / continued-fraction switch at 3', () => {
    const below = erf(3 - 1e-12);
    const above = erf(3);
    expect(Math.abs(above - below)).toBeLessThan(1e-15);
    expect(Math.abs(erfc(3 - 1e-12) - erfc(3)) / erfc(3)).toBeLessThan(1e-9);
  });

  it('returns NaN for NaN (a scalar kernel, validation is at the API edge)', () => {
    expect(erf(NaN)).toBeNaN();
  });
});
