import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitSkewLognormal, ksTest, skewLognormalCdf, skewLognormalLogPdf } from '../src/index.js';
import type { SkewLognormalParams } from '../src/index.js';
import {
  KS_AT_OWN_FIT_ABS,
  KS_PVALUE_ASYMPTOTIC_ABS,
  KS_STATISTIC_ABS,
  LOG_LIKELIHOOD_EVAL_REL,
  LOG_LIKELIHOOD_OPTIMUM_REL,
  SKEW_LOGNORMAL_CDF_ABS,
  SKEW_LOGNORMAL_REFERENCE_PARAM_SE,
  STD_ERR_REL,
} from './tolerances.js';

/** Written by test/fixtures/make_skewlognormal_reference.py (numpy/scipy only). */
interface Fixture {
  readonly cases: readonly {
    readonly id: string;
    readonly samples: readonly number[];
    readonly fit: SkewLognormalParams;
    readonly stdErr: SkewLognormalParams;
    readonly logLikelihood: number;
    readonly cdf: readonly { readonly params: SkewLognormalParams; readonly values: readonly { x: number; cdf: number; cdfOwensT: number }[] }[];
    readonly ks: { readonly statistic: number; readonly pExact: number; readonly pAsymptotic: number };
  }[];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/skewlognormal-scipy.json', import.meta.url), 'utf8')) as Fixture;
const keys = ['xi', 'omega', 'alpha'] as const;

describe.each(fixture.cases.map((c) => [c.id, c] as const))('skew-lognormal fit against scipy: %s', (_id, c) => {
  const fit = fitSkewLognormal(c.samples);
  const logLik = (p: SkewLognormalParams): number => c.samples.reduce((s, v) => s + skewLognormalLogPdf(v, p), 0);

  it('our log-likelihood at scipy optimum equals scipy maximum (independent evaluation of the same sum)', () => {
    expect(Math.abs(logLik(c.fit) - c.logLikelihood)).toBeLessThan(LOG_LIKELIHOOD_EVAL_REL * Math.abs(c.logLikelihood));
  });

  it('both optimisers reach the same maximum, and the same parameters within a sliver of a standard error', () => {
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.logLikelihood - c.logLikelihood)).toBeLessThan(LOG_LIKELIHOOD_OPTIMUM_REL * Math.abs(c.logLikelihood));
    // Ours must not be worse than scipy's by more than rounding (a better maximum would be a finding, not a failure).
    expect(fit.logLikelihood).toBeGreaterThan(c.logLikelihood - LOG_LIKELIHOOD_EVAL_REL * Math.abs(c.logLikelihood));
    for (const k of keys) {
      expect(Math.abs(fit.params[k] - c.fit[k])).toBeLessThan(SKEW_LOGNORMAL_REFERENCE_PARAM_SE * c.stdErr[k]);
      expect(Math.abs(fit.stdErr[k] - c.stdErr[k])).toBeLessThan(STD_ERR_REL * c.stdErr[k]);
    }
  });

  it("the CDF (Owen's T) matches scipy's skewnorm.cdf and ndtr - 2 owens_t", () => {
    for (const block of c.cdf) {
      for (const v of block.values) {
        const ours = skewLognormalCdf(v.x, block.params);
        expect(Math.abs(ours - v.cdf)).toBeLessThan(SKEW_LOGNORMAL_CDF_ABS);
        expect(Math.abs(ours - v.cdfOwensT)).toBeLessThan(SKEW_LOGNORMAL_CDF_ABS);
      }
    }
  });

  it("the KS statistic at scipy's parameters matches scipy.stats.kstest; the asymptotic p-values are close", () => {
    const ks = ksTest(c.samples, (v) => skewLognormalCdf(v, c.fit));
    expect(Math.abs(ks.statistic - c.ks.statistic)).toBeLessThan(KS_STATISTIC_ABS);
    // Ours uses Stephens' finite-n correction; scipy's 'asymp' is the bare Kolmogorov limit and 'exact' is exact.
    expect(Math.abs(ks.pValue - c.ks.pExact)).toBeLessThan(KS_PVALUE_ASYMPTOTIC_ABS);
    // At our own optimum the statistic moves only by the (tiny) parameter difference.
    expect(Math.abs(fit.ks.statistic - c.ks.statistic)).toBeLessThan(KS_AT_OWN_FIT_ABS);
  });
});
