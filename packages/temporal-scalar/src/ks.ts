import { GeoError } from '@geo/core';
import { asVector } from './input.js';
import { kolmogorovSurvival } from './special.js';

/** A Kolmogorov-Smirnov statistic with its asymptotic p-value. */
export interface KsResult {
  /** D = sup |F_n - F| (one sample) or sup |F_n - G_m| (two samples). */
  readonly statistic: number;
  /** Asymptotic p-value Q_KS((sqrt(n_e) + 0.12 + 0.11/sqrt(n_e)) D) (Stephens' correction). */
  readonly pValue: number;
  /** Effective sample size n_e (n, or n m / (n + m)). */
  readonly n: number;
}

/**
 * One-sample Kolmogorov-Smirnov test of `samples` against a continuous CDF. With parameters
 * fitted to the same samples the p-value is conservative (too large): use it as a
 * goodness-of-fit statistic, or calibrate by parametric bootstrap.
 *
 * @example
 * ksTest(samples, (x) => normalCdf(x)).statistic
 */
export function ksTest(samples: ArrayLike<number>, cdf: (x: number) => number): KsResult {
  const x = Float64Array.from(asVector(samples, 'samples', 1)).sort();
  const n = x.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(x[i] as number);
    if (!(f >= 0 && f <= 1)) throw new GeoError('OUT_OF_DOMAIN', `cdf returned ${f} at ${x[i]}`, { argument: 'cdf', expected: '[0, 1]', actual: f });
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return { statistic: d, pValue: ksPValue(d, n), n };
}

/**
 * Two-sample Kolmogorov-Smirnov test: D = sup |F_a - F_b| over the pooled samples.
 *
 * @example
 * ksTwoSample([1, 2, 3], [1.5, 2.5, 3.5]).statistic // 1/3
 */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): KsResult {
  const x = Float64Array.from(asVector(a, 'a', 1)).sort();
  const y = Float64Array.from(asVector(b, 'b', 1)).sort();
  const n = x.length;
  const m = y.length;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const v = Math.min(x[i] as number, y[j] as number);
    while (i < n && (x[i] as number) <= v) i++;
    while (j < m && (y[j] as number) <= v) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  const ne = (n * m) / (n + m);
  return { statistic: d, pValue: ksPValue(d, ne), n: ne };
}

function ksPValue(d: number, n: number): number {
  const sn = Math.sqrt(n);
  return kolmogorovSurvival((sn + 0.12 + 0.11 / sn) * d);
}
