import { GeoError, assertInRange, assertInteger } from '@geo/core';
import { fftInPlace } from './fft.js';
import { asVector } from './input.js';

/**
 * Mean period of a scalar series in samples: the reciprocal of the mean frequency of its power
 * spectrum, f_mean = sum_k f_k P_k / sum_k P_k over the positive frequencies of the periodogram of
 * the mean-removed series (zero-padded to a power of two). Rosenstein, Collins and De Luca (1993)
 * use it as the least temporal separation of nearest neighbours (the Theiler window).
 *
 * @example
 * meanPeriod(Float64Array.from({ length: 4096 }, (_, i) => Math.sin((2 * Math.PI * i) / 64))) // ~ 64
 */
export function meanPeriod(series: ArrayLike<number>): number {
  const x = asVector(series, 'series', 4);
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i] as number;
  mean /= n;
  let size = 1;
  while (size < n) size <<= 1;
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let i = 0; i < n; i++) re[i] = (x[i] as number) - mean;
  fftInPlace(re, im);
  let power = 0;
  let moment = 0;
  for (let k = 1; k <= size / 2; k++) {
    const p = (re[k] as number) ** 2 + (im[k] as number) ** 2;
    power += p;
    moment += (k / size) * p;
  }
  if (!(power > 0)) throw new GeoError('OUT_OF_DOMAIN', 'series is constant: it has no mean period', { argument: 'series' });
  return power / moment;
}

/** Options of `averageMutualInformation`. */
export interface MutualInformationOptions {
  /** Equal-width bins per axis of the joint histogram (default 16, TISEAN's `mutual` default). */
  readonly bins?: number;
}

/**
 * Average mutual information I(k) = sum_ab p_ab(k) ln(p_ab(k) / (p_a p_b)) (nats) between s_i and
 * s_{i+k}, k = 0..maxLag, from an equal-width joint histogram over the series' range (Fraser and
 * Swinney 1986). Its first local minimum is the delay of Fraser and Swinney's rule (`delayByMutualInformation`).
 *
 * @example
 * averageMutualInformation(series, 50)[0] // the entropy of the binned series
 */
export function averageMutualInformation(series: ArrayLike<number>, maxLag: number, options: MutualInformationOptions = {}): Float64Array {
  const x = asVector(series, 'series', 2);
  const n = x.length;
  assertInteger(maxLag, 'maxLag', { min: 0, max: n - 2 });
  const bins = options.bins ?? 16;
  assertInteger(bins, 'options.bins', { min: 2 });
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, x[i] as number);
    hi = Math.max(hi, x[i] as number);
  }
  if (!(hi > lo)) throw new GeoError('OUT_OF_DOMAIN', 'series is constant: mutual information is undefined', { argument: 'series' });
  const box = new Int32Array(n);
  for (let i = 0; i < n; i++) box[i] = Math.min(bins - 1, Math.floor((((x[i] as number) - lo) / (hi - lo)) * bins));
  const out = new Float64Array(maxLag + 1);
  const joint = new Float64Array(bins * bins);
  const pa = new Float64Array(bins);
  const pb = new Float64Array(bins);
  for (let k = 0; k <= maxLag; k++) {
    joint.fill(0);
    pa.fill(0);
    pb.fill(0);
    const m = n - k;
    for (let i = 0; i < m; i++) {
      const a = box[i] as number;
      const b = box[i + k] as number;
      joint[a * bins + b] = (joint[a * bins + b] as number) + 1;
      pa[a] = (pa[a] as number) + 1;
      pb[b] = (pb[b] as number) + 1;
    }
    let info = 0;
    for (let a = 0; a < bins; a++) {
      for (let b = 0; b < bins; b++) {
        const c = joint[a * bins + b] as number;
        if (c > 0) info += (c / m) * Math.log((c * m) / ((pa[a] as number) * (pb[b] as number)));
      }
    }
    out[k] = info;
  }
  return out;
}

/**
 * Fraser and Swinney's (1986) delay: the first local minimum of the average mutual information,
 * the first k >= 1 with I(k) <= I(k + 1) (and I(k) < I(k - 1)), searched up to `maxLag`. Throws
 * NOT_CONVERGED when I decreases all the way to `maxLag` (raise it, or use `delayByAutocorrelation`).
 *
 * @example
 * delayByMutualInformation(lorenzX, { maxLag: 100 }).tau // 17-18 for the Lorenz x at dt = 0.01
 */
export function delayByMutualInformation(series: ArrayLike<number>, options: MutualInformationOptions & { readonly maxLag?: number } = {}): { tau: number; curve: Float64Array } {
  const x = asVector(series, 'series', 4);
  const maxLag = options.maxLag ?? Math.min(x.length - 2, 200);
  const curve = averageMutualInformation(x, maxLag, options);
  for (let k = 1; k < maxLag; k++) {
    if ((curve[k] as number) < (curve[k - 1] as number) && (curve[k] as number) <= (curve[k + 1] as number)) return { tau: k, curve };
  }
  throw new GeoError('NOT_CONVERGED', `the mutual information has no local minimum up to lag ${maxLag}`, { argument: 'options.maxLag', actual: maxLag });
}

/**
 * The delay where the autocorrelation of the series first falls to or below `threshold`
 * (default 1 - 1/e, the rule used by e.g. nolds' lyap_r), searched up to `maxLag`.
 *
 * @example
 * delayByAutocorrelation(Float64Array.from({ length: 1000 }, (_, i) => Math.cos(i / 10))).tau // ~ 9 (cos(k/10) <= 1 - 1/e)
 */
export function delayByAutocorrelation(series: ArrayLike<number>, options: { readonly threshold?: number; readonly maxLag?: number } = {}): { tau: number } {
  const x = asVector(series, 'series', 4);
  const n = x.length;
  const threshold = options.threshold ?? 1 - 1 / Math.E;
  assertInRange(threshold, 'options.threshold', { min: -1, max: 1, maxInclusive: false });
  const maxLag = options.maxLag ?? n - 2;
  assertInteger(maxLag, 'options.maxLag', { min: 1, max: n - 2 });
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i] as number;
  mean /= n;
  let c0 = 0;
  for (let i = 0; i < n; i++) c0 += ((x[i] as number) - mean) ** 2;
  if (!(c0 > 0)) throw new GeoError('OUT_OF_DOMAIN', 'series is constant: autocorrelation is undefined', { argument: 'series' });
  for (let k = 1; k <= maxLag; k++) {
    let c = 0;
    for (let i = 0; i + k < n; i++) c += ((x[i] as number) - mean) * ((x[i + k] as number) - mean);
    if (c / c0 <= threshold) return { tau: k };
  }
  throw new GeoError('NOT_CONVERGED', `the autocorrelation stays above ${threshold} up to lag ${maxLag}`, { argument: 'options.maxLag', actual: maxLag });
}

/** Options of `falseNearestNeighbors`. */
export interface FalseNeighborOptions {
  /** Delay in samples (default 1). */
  readonly tau?: number;
  /** Largest dimension tested (default 10). */
  readonly maxDim?: number;
  /** Kennel et al.'s distance-ratio threshold R_tol (default 15). */
  readonly ratioTolerance?: number;
  /** Kennel et al.'s attractor-size threshold A_tol (default 2): |s_{i+m tau} - s_{j+m tau}| / sigma. */
  readonly sizeTolerance?: number;
  /** Neighbours must be more than this many samples apart (default 0, as in Kennel et al.). */
  readonly theiler?: number;
  /** Every `referenceStride`-th point is tested (default 1); neighbours are searched among all. */
  readonly referenceStride?: number;
  /** Dimension chosen: the first whose false-neighbour fraction is at or below this (default 0.01). */
  readonly threshold?: number;
}

/**
 * False nearest neighbours (Kennel, Brown and Abarbanel 1992): for m = 1..maxDim, the share of
 * points whose nearest neighbour in m delay coordinates is false in m + 1, i.e.
 * |s_{i+m tau} - s_{j+m tau}| / R_m > R_tol, or R_{m+1} / sigma > A_tol (sigma the series' standard deviation).
 * `dimension` is the first m whose fraction is at or below `threshold` (NaN if none).
 * O(N^2 m / referenceStride).
 *
 * @example
 * falseNearestNeighbors(lorenzX, { tau: 17, theiler: 158, referenceStride: 20 }).dimension // 3
 */
export function falseNearestNeighbors(series: ArrayLike<number>, options: FalseNeighborOptions = {}): { fractions: Float64Array; dimension: number } {
  const x = asVector(series, 'series', 4);
  const n = x.length;
  const tau = options.tau ?? 1;
  const maxDim = options.maxDim ?? 10;
  const rtol = options.ratioTolerance ?? 15;
  const atol = options.sizeTolerance ?? 2;
  const theiler = options.theiler ?? 0;
  const stride = options.referenceStride ?? 1;
  const threshold = options.threshold ?? 0.01;
  assertInteger(tau, 'options.tau', { min: 1 });
  assertInteger(maxDim, 'options.maxDim', { min: 1 });
  assertInRange(rtol, 'options.ratioTolerance', { min: 0, minInclusive: false });
  assertInRange(atol, 'options.sizeTolerance', { min: 0, minInclusive: false });
  assertInteger(theiler, 'options.theiler', { min: 0 });
  assertInteger(stride, 'options.referenceStride', { min: 1 });
  assertInRange(threshold, 'options.threshold', { min: 0, max: 1 });
  const rows = n - maxDim * tau; // every point needs its (m + 1)-th coordinate for m = maxDim
  if (rows < 2 + 2 * theiler) {
    throw new GeoError('BAD_LENGTH', `series of ${n} samples is too short for maxDim = ${maxDim}, tau = ${tau}`, { argument: 'series', expected: `> ${maxDim * tau + 2 + 2 * theiler}`, actual: n });
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i] as number;
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += ((x[i] as number) - mean) ** 2;
  const sigma = Math.sqrt(variance / n);
  if (!(sigma > 0)) throw new GeoError('OUT_OF_DOMAIN', 'series is constant', { argument: 'series' });
  const fractions = new Float64Array(maxDim);
  for (let m = 1; m <= maxDim; m++) {
    let tested = 0;
    let falseCount = 0;
    for (let i = 0; i < rows; i += stride) {
      let best = -1;
      let bestD = Infinity;
      for (let j = 0; j < rows; j++) {
        if (Math.abs(i - j) <= theiler) continue;
        let s = 0;
        for (let k = 0; k < m && s < bestD; k++) s += ((x[i + k * tau] as number) - (x[j + k * tau] as number)) ** 2;
        if (s < bestD && s > 0) {
          bestD = s;
          best = j;
        }
      }
      if (best < 0) continue;
      tested++;
      const extra = Math.abs((x[i + m * tau] as number) - (x[best + m * tau] as number));
      const rm = Math.sqrt(bestD);
      const rNext = Math.sqrt(bestD + extra * extra);
      if (extra / rm > rtol || rNext / sigma > atol) falseCount++;
    }
    fractions[m - 1] = tested > 0 ? falseCount / tested : NaN;
  }
  let dimension = NaN;
  for (let m = 1; m <= maxDim; m++) {
    if ((fractions[m - 1] as number) <= threshold) {
      dimension = m;
      break;
    }
  }
  return { fractions, dimension };
}

/** Embedding parameters chosen by `seriesEmbeddingRules`. */
export interface SeriesEmbeddingRules {
  /** Delay: first minimum of the average mutual information (Fraser and Swinney). */
  readonly tau: number;
  /** Dimension: first m with at most 1% false nearest neighbours (Kennel et al.). */
  readonly m: number;
  /** Theiler window: the mean period, rounded (Rosenstein et al.). */
  readonly theiler: number;
  /** Divergence followed for 5 mean periods, long enough to reach the plateau. */
  readonly maxSteps: number;
}

/**
 * The documented rules, fixed in advance, that `rosenstein` and `kantz` are run with on a scalar
 * series: tau by `delayByMutualInformation` (16 bins), m by `falseNearestNeighbors` (R_tol 15,
 * A_tol 2, at most 1% false, with the Theiler window, on the first `fnnLength` samples and about
 * 1000 reference points), theiler = round(`meanPeriod`), maxSteps = 5 theiler. Throws
 * NOT_CONVERGED when a rule finds nothing (no AMI minimum up to maxLag, no m up to maxDim).
 *
 * @example
 * const rules = seriesEmbeddingRules(lorenzX); // { tau: 17, m: 3, theiler: 158, maxSteps: 790 } at dt = 0.01
 * rosenstein(lorenzX, { ...rules, dt: 0.01, referenceStride: 20 });
 */
export function seriesEmbeddingRules(series: ArrayLike<number>, options: { readonly maxLag?: number; readonly maxDim?: number; readonly fnnLength?: number } = {}): SeriesEmbeddingRules {
  const x = asVector(series, 'series', 4);
  const fnnLength = options.fnnLength ?? 20_000;
  assertInteger(fnnLength, 'options.fnnLength', { min: 4 });
  const theiler = Math.round(meanPeriod(x));
  const tau = delayByMutualInformation(x, options.maxLag === undefined ? {} : { maxLag: options.maxLag }).tau;
  const head = x.subarray(0, Math.min(x.length, fnnLength));
  const maxDim = options.maxDim ?? 10;
  const fnn = falseNearestNeighbors(head, { tau, maxDim, theiler, referenceStride: Math.max(1, Math.round(head.length / 1000)) });
  if (Number.isNaN(fnn.dimension)) {
    throw new GeoError('NOT_CONVERGED', `false nearest neighbours stay above 1% up to dimension ${maxDim}`, { argument: 'options.maxDim', actual: maxDim });
  }
  return { tau, m: fnn.dimension, theiler, maxSteps: 5 * theiler };
}
