import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erf, erfc } from '../src/index.js';
import { ERFC_REL, ERF_REL } from './tolerances.js';

const ref = JSON.parse(readFileSync(new URL('./fixtures/erf-reference.json', import.meta.url), 'utf8')) as { x: number[]; erf: number[]; erfc: number[] };
const rel = (a: number, b: number): number => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));

describe('erf and erfc against 40-digit mpmath values', () => {
  it('erf is within a few ulps everywhere on the grid', () => {
    ref.x.forEach((x, i) => expect(rel(erf(x), ref.erf[i] as number), `erf(${x})`).toBeLessThanOrEqual(ERF_REL));
  });
  it('erfc is accurate in relative terms, far tail included', () => {
    ref.x.forEach((x, i) => expect(rel(erfc(x), ref.erfc[i] as number), `erfc(${x})`).toBeLessThanOrEqual(ERFC_REL));
  });
});

describe('erf and erfc properties', () => {
  it('erf is odd, bounded by 1 and increasing; erf + erfc = 1', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, dx) => {
        expect(erf(-x)).toBe(-erf(x));
        expect(Math.abs(erf(x))).toBeLessThanOrEqual(1);
        expect(erf(x + dx)).toBeGreaterThanOrEqual(erf(x));
        expect(Math.abs(erf(x) + erfc(x) - 1)).toBeLessThanOrEqual(4 * 2 ** -52);
      }),
    );
  });
  it('handles NaN and infinities', () => {
    expect(erf(Number.NaN)).toBeNaN();
    expect(erfc(Number.NaN)).toBeNaN();
    expect(erf(Infinity)).toBe(1);
    expect(erf(-Infinity)).toBe(-1);
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(-Infinity)).toBe(2);
  });
});
