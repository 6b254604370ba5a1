import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '@geo/core';
import {
  dataCollapse,
  fitSkewLognormal,
  ksTest,
  ksTwoSample,
  normalCdf,
  sampleSkewLognormal,
  skewLognormalCdf,
  skewLognormalLogPdf,
  skewLognormalPdf,
  spacings,
} from '../src/index.js';
import { geoError } from './helpers.js';
import {
  DENSITY_QUADRATURE_ABS,
  LOG_LIKELIHOOD_EVAL_REL,
  SKEW_LOGNORMAL_MEAN_REL,
  SKEW_LOGNORMAL_MEAN_SE,
  SKEW_LOGNORMAL_PARAM_REL,
  SKEW_LOGNORMAL_SPREAD_FACTOR,
  SPECIAL_REL,
} from './tolerances.js';

/** Integral of f over (0, x] in log space (u = ln x) by composite Simpson with many panels. */
function integrate(f: (x: number) => number, lo: number, hi: number, panels = 20000): number {
  const a = Math.log(lo);
  const b = Math.log(hi);
  const h = (b - a) / panels;
  let s = 0;
  for (let i = 0; i <= panels; i++) {
    const u = a + i * h;
    const w = i === 0 || i === panels ? 1 : i % 2 === 1 ? 4 : 2;
    s += w * f(Math.exp(u)) * Math.exp(u);
  }
  return (s * h) / 3;
}

describe('skew-lognormal law', () => {
  it('alpha = 0 is the lognormal', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: 0.1, max: 3, noNaN: true }), (x, xi, omega) => {
        const z = (Math.log(x) - xi) / omega;
        const pdf = Math.exp(-0.5 * z * z) / (x * omega * Math.sqrt(2 * Math.PI));
        return Math.abs(skewLognormalPdf(x, { xi, omega, alpha: 0 }) - pdf) <= SPECIAL_REL * 10 * pdf && Math.abs(skewLognormalCdf(x, { xi, omega, alpha: 0 }) - normalCdf(z)) < 1e-14;
      }),
    );
  });

  it('the density integrates to one and the CDF is its integral (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: 0.2, max: 1.5, noNaN: true }), fc.double({ min: -8, max: 8, noNaN: true }), (xi, omega, alpha) => {
        const p = { xi, omega, alpha };
        const lo = Math.exp(xi - 12 * omega);
        const hi = Math.exp(xi + 12 * omega);
        const total = integrate((x) => skewLognormalPdf(x, p), lo, hi);
        const mid = Math.exp(xi + 0.3 * omega);
        const partial = integrate((x) => skewLognormalPdf(x, p), lo, mid);
        return Math.abs(total - 1) < DENSITY_QUADRATURE_ABS && Math.abs(partial - skewLognormalCdf(mid, p)) < DENSITY_QUADRATURE_ABS;
      }),
      { numRuns: 20 },
    );
  });

  it('samples follow the law (KS) and are seeded', () => {
    const p = { xi: 0.3, omega: 0.7, alpha: -4 };
    const x = sampleSkewLognormal(p, 5000, 1);
    expect(ksTest(x, (v) => skewLognormalCdf(v, p)).pValue).toBeGreaterThan(0.01);
    expect(Array.from(sampleSkewLognormal(p, 5, 9))).toEqual(Array.from(sampleSkewLognormal(p, 5, 9)));
    expect(skewLognormalLogPdf(0, p)).toBe(-Infinity);
  });

  it('from 1e4 samples over 20 seeds: the spread matches the observed-information standard error and the mean is unbiased', () => {
    // What can be promised at n = 1e4 (xi 1, omega 0.5, alpha 3): xi and omega within 5% on every
    // fit (their SEs are 0.5% and 1.1%); alpha only in distribution: its SE is ~3.6%, so about
    // 85% of single fits land within 5% (P(|Z| < 1.4)), and the mean over seeds is unbiased.
    const truth = { xi: 1, omega: 0.5, alpha: 3 };
    const seeds = Array.from({ length: 20 }, (_, k) => k + 1);
    const fits = seeds.map((seed) => fitSkewLognormal(sampleSkewLognormal(truth, 10_000, seed)));
    for (const fit of fits) {
      expect(fit.converged).toBe(true);
      expect(fit.ks.pValue).toBeGreaterThan(0.01);
      expect(Math.abs(fit.params.xi - truth.xi) / truth.xi).toBeLessThan(SKEW_LOGNORMAL_PARAM_REL);
      expect(Math.abs(fit.params.omega - truth.omega) / truth.omega).toBeLessThan(SKEW_LOGNORMAL_PARAM_REL);
    }
    const S = fits.length;
    for (const k of ['xi', 'omega', 'alpha'] as const) {
      const v = fits.map((f) => f.params[k]);
      const mean = v.reduce((a, b) => a + b, 0) / S;
      const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (S - 1));
      const se = fits.reduce((a, f) => a + f.stdErr[k], 0) / S;
      // Spread across seeds vs the asymptotic (inverse observed information) standard error.
      expect(sd / se).toBeGreaterThan(1 / SKEW_LOGNORMAL_SPREAD_FACTOR);
      expect(sd / se).toBeLessThan(SKEW_LOGNORMAL_SPREAD_FACTOR);
      // The mean over seeds: within its own standard error band and within 2%.
      expect(Math.abs(mean - truth[k])).toBeLessThan((SKEW_LOGNORMAL_MEAN_SE * se) / Math.sqrt(S));
      expect(Math.abs(mean - truth[k]) / truth[k]).toBeLessThan(SKEW_LOGNORMAL_MEAN_REL);
    }
  });

  it('the fit is a local maximum of the likelihood (property: perturbing any parameter lowers it)', () => {
    const x = sampleSkewLognormal({ xi: -0.5, omega: 1.2, alpha: 1.5 }, 3000, 4);
    const fit = fitSkewLognormal(x);
    const ll = (p: { xi: number; omega: number; alpha: number }): number => Array.from(x).reduce((s, v) => s + skewLognormalLogPdf(v, p), 0);
    const best = ll(fit.params);
    expect(Math.abs(best - fit.logLikelihood)).toBeLessThan(1e-8 * Math.abs(best));
    fc.assert(
      fc.property(fc.constantFrom('xi' as const, 'omega' as const, 'alpha' as const), fc.double({ min: 1e-3, max: 0.05, noNaN: true }), fc.boolean(), (key, h, up) => {
        const p = { ...fit.params, [key]: fit.params[key] + (up ? h : -h) };
        return ll(p) < best;
      }),
      { numRuns: 30 },
    );
  });

  it('the maximum likelihood is at least the likelihood of the true parameters, also for small skewed samples (property)', () => {
    // Small n and large |alpha| send the optimiser through its simplex fallback (boundary cases).
    fc.assert(
      fc.property(fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: 0.1, max: 2, noNaN: true }), fc.double({ min: -40, max: 40, noNaN: true }), fc.constantFrom(10, 30, 300), fc.integer({ min: 0, max: 1e6 }), (xi, omega, alpha, n, seed) => {
        const truth = { xi, omega, alpha };
        const x = sampleSkewLognormal(truth, n, seed);
        const fit = fitSkewLognormal(x);
        const atTruth = Array.from(x).reduce((acc, v) => acc + skewLognormalLogPdf(v, truth), 0);
        return fit.logLikelihood >= atTruth - LOG_LIKELIHOOD_EVAL_REL * Math.abs(atTruth) && Math.abs(fit.params.alpha) <= 50;
      }),
      { numRuns: 40 },
    );
  });

  it('rejects non-positive or degenerate samples', () => {
    expect(geoError(() => fitSkewLognormal([1, 2, 0, 3]))).toMatchObject({ code: 'OUT_OF_DOMAIN', argument: 'samples[2]' });
    expect(geoError(() => fitSkewLognormal([2, 2, 2]))).toMatchObject({ code: 'OUT_OF_DOMAIN', argument: 'samples' });
    expect(geoError(() => fitSkewLognormal([1, 2]))).toMatchObject({ code: 'BAD_LENGTH', argument: 'samples' });
    expect(geoError(() => skewLognormalCdf(1, { xi: 0, omega: 0, alpha: 1 }))).toMatchObject({ argument: 'params.omega' });
  });
});

describe('Kolmogorov-Smirnov', () => {
  it('two-sample statistic matches a direct sup over the pooled points (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 30 }), fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 30 }), (a, b) => {
        const ecdf = (s: number[], v: number): number => s.filter((x) => x <= v).length / s.length;
        let d = 0;
        for (const v of [...a, ...b]) d = Math.max(d, Math.abs(ecdf(a, v) - ecdf(b, v)));
        return Math.abs(ksTwoSample(a, b).statistic - d) < 1e-15;
      }),
    );
    expect(ksTwoSample([1, 2, 3], [1.5, 2.5, 3.5]).statistic).toBeCloseTo(1 / 3, 15);
  });
});

describe('spacings and data collapse', () => {
  it('spacings are positive with mean one (property)', () => {
    fc.assert(
      // Values on a 1e-6 grid: a subnormal spacing would underflow to 0 when divided by the mean.
      fc.property(fc.array(fc.integer({ min: -1e8, max: 1e8 }).map((k) => k * 1e-6), { minLength: 3, maxLength: 50 }), fc.constantFrom('consecutive' as const, 'sorted' as const), (v, kind) => {
        if (new Set(v).size < 2) return true;
        const s = spacings(v, { kind });
        const mean = Array.from(s).reduce((a, b) => a + b, 0) / s.length;
        return s.every((x) => x > 0) && Math.abs(mean - 1) < 1e-12;
      }),
    );
    expect(Array.from(spacings([0, 1, 3, 6]))).toEqual([0.5, 1, 1.5]);
    expect(Array.from(spacings([6, 0, 3, 1], { kind: 'sorted', rescale: 'none' }))).toEqual([1, 2, 3]);
    expect(geoError(() => spacings([1, 1, 1]))).toMatchObject({ code: 'OUT_OF_DOMAIN', argument: 'values' });
  });

  it('samples of one law at different scales collapse; different shapes do not', () => {
    const p = { xi: 0, omega: 0.6, alpha: 2 };
    const same = [1, 2, 3].map((k) => sampleSkewLognormal({ ...p, xi: Math.log(k) }, 800, k)); // scale k: rescaling removes it
    const c = dataCollapse(same);
    expect(c.collapsed).toBe(true);
    expect(c.pooledFit?.ks.pValue).toBeGreaterThan(0.01);
    const rng = createRng(3);
    const other = Float64Array.from({ length: 800 }, () => -Math.log(1 - rng.uniform())); // exponential
    const d = dataCollapse([same[0] as Float64Array, other], { fit: false });
    expect(d.collapsed).toBe(false);
    expect(d.pooledFit).toBeUndefined();
    expect(geoError(() => dataCollapse([same[0] as Float64Array]))).toMatchObject({ code: 'BAD_LENGTH', argument: 'groups' });
  });
});
