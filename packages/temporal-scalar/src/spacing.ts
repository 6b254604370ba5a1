import { GeoError, assertInRange, assertOneOf } from '@geo/core';
import { asVector } from './input.js';
import { ksTest, ksTwoSample } from './ks.js';
import type { KsResult } from './ks.js';
import { fitSkewLognormal, skewLognormalCdf } from './skew-lognormal.js';
import type { SkewLognormalFit } from './skew-lognormal.js';

/** Options of `spacings`. */
export interface SpacingOptions {
  /**
   * `'consecutive'` (default): s_t = |x_{t+1} - x_t| along the (asymptotic part of the) embedded
   * trajectory; `'sorted'`: nearest-level spacings x_(i+1) - x_(i) of the sorted values (an
   * ensemble of asymptotic states, random-matrix style).
   */
  readonly kind?: 'consecutive' | 'sorted';
  /** `'mean'` (default): divide by the mean spacing, so <s> = 1; `'none'`: raw. */
  readonly rescale?: 'mean' | 'none';
  /** Drop exact zero spacings (ties), which a positive law cannot hold (default true). */
  readonly dropZeros?: boolean;
}

/**
 * Spacings of asymptotic embedded states, rescaled by their mean so that samples from
 * different initial conditions can be compared (data collapse).
 *
 * @example
 * spacings([0, 1, 3, 6]) // Float64Array [0.5, 1, 1.5] (raw 1, 2, 3 over their mean 2)
 */
export function spacings(values: ArrayLike<number>, options: SpacingOptions = {}): Float64Array {
  const kind = options.kind ?? 'consecutive';
  const rescale = options.rescale ?? 'mean';
  assertOneOf(kind, ['consecutive', 'sorted'], 'options.kind');
  assertOneOf(rescale, ['mean', 'none'], 'options.rescale');
  const x = asVector(values, 'values', 2);
  const v = kind === 'sorted' ? Float64Array.from(x).sort() : x;
  const raw: number[] = [];
  for (let i = 0; i + 1 < v.length; i++) {
    const s = Math.abs((v[i + 1] as number) - (v[i] as number));
    if (s === 0 && options.dropZeros !== false) continue;
    raw.push(s);
  }
  if (raw.length === 0) throw new GeoError('OUT_OF_DOMAIN', 'values has no nonzero spacing', { argument: 'values' });
  const out = Float64Array.from(raw);
  if (rescale === 'mean') {
    let mean = 0;
    for (const s of raw) mean += s;
    mean /= raw.length;
    if (mean > 0) for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / mean;
  }
  return out;
}

/** Options of `dataCollapse`. */
export interface CollapseOptions {
  /** Family-wise significance level (default 0.05), Bonferroni-split over the pairwise tests. */
  readonly alpha?: number;
  /** Rescale each group by its mean first (default true). */
  readonly rescale?: boolean;
  /** Fit the skew-lognormal law to the pooled rescaled samples and test each group against it (default true). */
  readonly fit?: boolean;
}

/** Result of `dataCollapse`. */
export interface CollapseResult {
  /** Row-major groups x groups two-sample KS statistics (0 on the diagonal). */
  readonly pairwiseKs: Float64Array;
  /** Matching p-values (1 on the diagonal). */
  readonly pairwiseP: Float64Array;
  readonly maxKs: number;
  readonly minP: number;
  /** True when no pairwise test rejects a common law at level alpha / (number of pairs). */
  readonly collapsed: boolean;
  /** Skew-lognormal fit of the pooled rescaled samples (when `fit`). */
  readonly pooledFit?: SkewLognormalFit;
  /** Each group's one-sample KS against the pooled fit (when `fit`). */
  readonly groupFitKs?: readonly KsResult[];
}

/**
 * The data-collapse check across initial conditions: each group (the spacings of one initial
 * condition) is rescaled by its mean; the groups collapse onto one law when no pairwise
 * two-sample Kolmogorov-Smirnov test rejects equality (Bonferroni over the pairs). Optionally
 * fits the skew-lognormal to the pooled samples and reports each group's KS distance to it.
 *
 * @example
 * dataCollapse([spacingsA, spacingsB, spacingsC]).collapsed
 */
export function dataCollapse(groups: readonly ArrayLike<number>[], options: CollapseOptions = {}): CollapseResult {
  if (!Array.isArray(groups) || groups.length < 2) {
    throw new GeoError('BAD_LENGTH', 'groups must hold at least two samples', { argument: 'groups', expected: '>= 2', actual: Array.isArray(groups) ? groups.length : typeof groups });
  }
  const alpha = options.alpha ?? 0.05;
  assertInRange(alpha, 'options.alpha', { min: 0, max: 1, minInclusive: false, maxInclusive: false });
  const g = groups.length;
  const data = groups.map((s, i) => {
    const v = Float64Array.from(asVector(s, `groups[${i}]`, 2));
    if (options.rescale !== false) {
      let mean = 0;
      for (const x of v) mean += x;
      mean /= v.length;
      if (!(mean > 0)) throw new GeoError('OUT_OF_DOMAIN', `groups[${i}] has a non-positive mean`, { argument: `groups[${i}]`, actual: mean });
      for (let k = 0; k < v.length; k++) v[k] = (v[k] as number) / mean;
    }
    return v;
  });
  const pairwiseKs = new Float64Array(g * g);
  const pairwiseP = new Float64Array(g * g).fill(1);
  let maxKs = 0;
  let minP = 1;
  for (let i = 0; i < g; i++) {
    for (let j = 0; j < i; j++) {
      const r = ksTwoSample(data[i] as Float64Array, data[j] as Float64Array);
      pairwiseKs[i * g + j] = r.statistic;
      pairwiseKs[j * g + i] = r.statistic;
      pairwiseP[i * g + j] = r.pValue;
      pairwiseP[j * g + i] = r.pValue;
      maxKs = Math.max(maxKs, r.statistic);
      minP = Math.min(minP, r.pValue);
    }
  }
  const pairs = (g * (g - 1)) / 2;
  const result: CollapseResult = { pairwiseKs, pairwiseP, maxKs, minP, collapsed: minP > alpha / pairs };
  if (options.fit === false) return result;
  let total = 0;
  for (const d of data) total += d.length;
  const pooled = new Float64Array(total);
  let o = 0;
  for (const d of data) {
    pooled.set(d, o);
    o += d.length;
  }
  const pooledFit = fitSkewLognormal(pooled);
  const groupFitKs = data.map((d) => ksTest(d, (x) => skewLognormalCdf(x, pooledFit.params)));
  return { ...result, pooledFit, groupFitKs };
}
