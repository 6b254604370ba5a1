import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { erf, erfc, incompleteBeta, kolmogorovSurvival, logGamma, logNormalCdf, normalCdf, normalQuantile, owensT, studentTQuantile } from '../src/index.js';
import { KOLMOGOROV_ABS, OWENS_T_ABS, SPECIAL_REL } from './tolerances.js';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

// Known values (Abramowitz & Stegun tables, and identities), not our own output.
describe('special functions', () => {
  it('erf and erfc at tabulated points', () => {
    expect(rel(erf(0.5), 0.5204998778130465)).toBeLessThan(SPECIAL_REL);
    expect(rel(erf(1), 0.8427007929497149)).toBeLessThan(SPECIAL_REL);
    expect(rel(erf(2), 0.9953222650189527)).toBeLessThan(SPECIAL_REL);
    expect(rel(erfc(3), 2.209049699858544e-5)).toBeLessThan(SPECIAL_REL * 10);
    expect(rel(erfc(5), 1.5374597944280349e-12)).toBeLessThan(SPECIAL_REL * 10);
    expect(rel(erfc(1), 0.15729920705028513)).toBeLessThan(SPECIAL_REL * 10);
  });

  it('ln Phi deep in the tail and Phi symmetric', () => {
    // ln Phi(-40) from the asymptotic series -x^2/2 - ln(-x) - ln sqrt(2 pi) + ln(1 - 1/x^2 + 3/x^4 - 15/x^6 ...)
    const x = -40;
    const series = -0.5 * x * x - Math.log(-x) - 0.5 * Math.log(2 * Math.PI) + Math.log(1 - 1 / x ** 2 + 3 / x ** 4 - 15 / x ** 6 + 105 / x ** 8);
    expect(rel(logNormalCdf(x), series)).toBeLessThan(SPECIAL_REL);
    expect(Number.isFinite(logNormalCdf(-1e10))).toBe(true);
    fc.assert(fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (v) => Math.abs(normalCdf(v) + normalCdf(-v) - 1) < 1e-15));
  });

  it('normal and t quantiles invert their CDFs', () => {
    expect(rel(normalQuantile(0.975), 1.959963984540054)).toBeLessThan(SPECIAL_REL);
    expect(rel(studentTQuantile(0.975, 10), 2.2281388519649385)).toBeLessThan(1e-10);
    expect(rel(studentTQuantile(0.95, 3), 2.353363434801823)).toBeLessThan(1e-10);
    fc.assert(fc.property(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (p) => Math.abs(normalCdf(normalQuantile(p)) - p) < 1e-13));
  });

  it("Owen's T satisfies its closed forms", () => {
    // T(0, a) = atan(a) / (2 pi); T(h, 1) = Phi(h) (1 - Phi(h)) / 2; T(h, inf) -> (1 - Phi(|h|)) / 2.
    fc.assert(
      fc.property(fc.double({ min: -20, max: 20, noNaN: true }), fc.double({ min: -6, max: 6, noNaN: true }), (a, h) => {
        const ok0 = Math.abs(owensT(0, a) - Math.atan(a) / (2 * Math.PI)) < OWENS_T_ABS;
        const ok1 = Math.abs(owensT(h, 1) - (normalCdf(h) * (1 - normalCdf(h))) / 2) < OWENS_T_ABS;
        return ok0 && ok1;
      }),
    );
    expect(Math.abs(owensT(1.5, 1e6) - (1 - normalCdf(1.5)) / 2)).toBeLessThan(1e-7);
  });

  it('log-gamma, incomplete beta and Kolmogorov', () => {
    expect(rel(logGamma(5), Math.log(24))).toBeLessThan(SPECIAL_REL);
    expect(rel(logGamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(SPECIAL_REL);
    expect(Math.abs(incompleteBeta(0.3, 1, 1) - 0.3)).toBeLessThan(1e-14);
    expect(Math.abs(incompleteBeta(0.4, 2, 3) - (1 - (1 - 0.4) ** 4 - 4 * 0.4 * (1 - 0.4) ** 3))).toBeLessThan(1e-13);
    // Critical values of the Kolmogorov distribution: 1.3581 (5%), 1.6276 (1%), 1.2238 (10%).
    expect(Math.abs(kolmogorovSurvival(1.3581) - 0.05)).toBeLessThan(KOLMOGOROV_ABS);
    expect(Math.abs(kolmogorovSurvival(1.6276) - 0.01)).toBeLessThan(KOLMOGOROV_ABS);
    expect(Math.abs(kolmogorovSurvival(1.2238) - 0.1)).toBeLessThan(KOLMOGOROV_ABS);
    fc.assert(fc.property(fc.double({ min: 0.05, max: 3, noNaN: true }), fc.double({ min: 0.001, max: 0.5, noNaN: true }), (l, d) => kolmogorovSurvival(l + d) <= kolmogorovSurvival(l) + 1e-15));
  });
});
