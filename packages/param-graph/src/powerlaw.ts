import { GeoError, assertArrayLike, assertInteger, assertPositive, createRng, describe } from '@geo/core';
import { hurwitzZeta } from './hurwitz-zeta.js';

/** A fitted power law p(x) ~ x^(-alpha) for x >= xmin (Clauset, Shalizi and Newman 2009). */
export interface PowerLawFit {
  /** Maximum-likelihood exponent. */
  readonly alpha: number;
  /** Lower bound of the power-law tail, chosen by minimising `ks` (or given). */
  readonly xmin: number;
  /** Kolmogorov-Smirnov distance between the tail's empirical CDF and the fitted CDF. */
  readonly ks: number;
  /** Number of observations x >= xmin. */
  readonly nTail: number;
  /** Number of observations. */
  readonly n: number;
  /** Asymptotic standard error of alpha, (alpha - 1) / sqrt(nTail). */
  readonly sigma: number;
  /** Log-likelihood of the tail under the fit. */
  readonly logLikelihood: number;
  readonly discrete: boolean;
}

/** Options of `fitPowerLaw`. */
export interface PowerLawOptions {
  /** Integer data (degrees): the discrete MLE with the Hurwitz zeta normaliser (default false). */
  readonly discrete?: boolean;
  /** Fix xmin instead of scanning for it. */
  readonly xmin?: number;
  /** Smallest tail a candidate xmin may leave (default 10): tiny tails give spuriously small KS distances. */
  readonly minTail?: number;
  /**
   * Most xmin candidates scanned (default 500). With more distinct values, candidates are
   * spread evenly over the distinct values in sorted order; each costs O(tail).
   */
  readonly maxCandidates?: number;
}

/** Upper end of the discrete alpha search; exponents beyond it do not describe heavy tails. */
const DISCRETE_ALPHA_MAX = 50;

function checkData(values: ArrayLike<number>, discrete: boolean): Float64Array {
  assertArrayLike(values, 'values');
  const xs = Float64Array.from(values as ArrayLike<number>);
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i] as number;
    if (!Number.isFinite(v)) throw new GeoError('NOT_FINITE', `values[${i}] must be finite, got ${describe(v)}`, { argument: `values[${i}]`, actual: v });
    if (!(v > 0)) throw new GeoError('OUT_OF_DOMAIN', `values[${i}] must be positive for a power law, got ${describe(v)}`, { argument: `values[${i}]`, actual: v });
    if (discrete && !Number.isInteger(v)) {
      throw new GeoError('NOT_INTEGER', `values[${i}] must be an integer for a discrete power law, got ${describe(v)}`, { argument: `values[${i}]`, actual: v });
    }
  }
  return xs.sort();
}

/** Continuous fit of the tail xs[i..] (sorted ascending) with xmin = xs[i]; null when the tail has no spread. */
function fitContinuousAt(xs: Float64Array, i: number, logSuffix: Float64Array, logs: Float64Array, xmin = xs[i] as number): Omit<PowerLawFit, 'n' | 'discrete'> | null {
  const n = xs.length - i;
  const sumLog = (logSuffix[i] as number) - n * Math.log(xmin);
  if (!(sumLog > 0)) return null;
  const alpha = 1 + n / sumLog;
  let ks = 0;
  const logXmin = Math.log(xmin);
  for (let k = i; k < xs.length; k++) {
    const cdf = 1 - Math.exp((1 - alpha) * ((logs[k] as number) - logXmin));
    const below = (k - i) / n;
    const above = (k - i + 1) / n;
    ks = Math.max(ks, Math.abs(cdf - below), Math.abs(above - cdf));
  }
  const logLikelihood = n * Math.log((alpha - 1) / xmin) - alpha * sumLog;
  return { alpha, xmin, ks, nTail: n, sigma: (alpha - 1) / Math.sqrt(n), logLikelihood };
}

/** Discrete MLE on the tail xs[i..]: maximise -n log zeta(alpha, xmin) - alpha sum log x (concave in alpha) by golden section. */
function fitDiscreteAt(xs: Float64Array, i: number, logSuffix: Float64Array, _logs: Float64Array, xmin = xs[i] as number): Omit<PowerLawFit, 'n' | 'discrete'> | null {
  const n = xs.length - i;
  const sumLogX = logSuffix[i] as number;
  if (xs[xs.length - 1] === xmin) return null;
  const ll = (a: number): number => -n * Math.log(hurwitzZeta(a, xmin)) - a * sumLogX;
  const phi = (Math.sqrt(5) - 1) / 2;
  let lo = 1 + 1e-9;
  let hi = DISCRETE_ALPHA_MAX;
  let c = hi - phi * (hi - lo);
  let d = lo + phi * (hi - lo);
  let fc = ll(c);
  let fd = ll(d);
  for (let it = 0; it < 200 && hi - lo > 1e-12 * hi; it++) {
    if (fc >= fd) {
      hi = d;
      d = c;
      fd = fc;
      c = hi - phi * (hi - lo);
      fc = ll(c);
    } else {
      lo = c;
      c = d;
      fc = fd;
      d = lo + phi * (hi - lo);
      fd = ll(d);
    }
  }
  const alpha = (lo + hi) / 2;
  const z0 = hurwitzZeta(alpha, xmin);
  // KS over every integer in [xmin, max]: the empirical CDF is flat between observed values
  // and the model CDF rises, so each gap is checked at both of its ends.
  let ks = 0;
  let k = i;
  while (k < xs.length) {
    const x = xs[k] as number;
    const before = (k - i) / n;
    let j = k;
    while (j < xs.length && xs[j] === x) j++;
    const after = (j - i) / n;
    const cdfBelow = 1 - hurwitzZeta(alpha, x) / z0; // P(X <= x - 1)
    const cdfAt = 1 - hurwitzZeta(alpha, x + 1) / z0; // P(X <= x)
    ks = Math.max(ks, Math.abs(cdfBelow - before), Math.abs(cdfAt - after));
    k = j;
  }
  return { alpha, xmin, ks, nTail: n, sigma: (alpha - 1) / Math.sqrt(n), logLikelihood: ll(alpha) };
}

/**
 * Fits a power law to the tail of positive data by maximum likelihood, choosing xmin by
 * minimising the Kolmogorov-Smirnov distance (Clauset, Shalizi and Newman, "Power-law
 * distributions in empirical data", SIAM Review 51, 2009). Continuous:
 * alpha = 1 + n / sum ln(x_i / xmin) (their eq. 3.1). Discrete: the exact MLE with the
 * Hurwitz zeta normaliser (their eq. 3.5), solved numerically. The KS distance is the
 * two-sided supremum over the whole tail.
 *
 * @example
 * const fit = fitPowerLaw(absWeights);
 * fit.alpha // e.g. 2.7; fit.xmin, fit.ks, fit.nTail
 */
export function fitPowerLaw(values: ArrayLike<number>, options: PowerLawOptions = {}): PowerLawFit {
  const discrete = options.discrete === true;
  const minTail = options.minTail ?? 10;
  const maxCandidates = options.maxCandidates ?? 500;
  assertInteger(minTail, 'options.minTail', { min: 2 });
  assertInteger(maxCandidates, 'options.maxCandidates', { min: 1 });
  const xs = checkData(values, discrete);
  const n = xs.length;
  const logs = xs.map(Math.log);
  const logSuffix = new Float64Array(n + 1);
  for (let k = n - 1; k >= 0; k--) logSuffix[k] = (logSuffix[k + 1] as number) + (logs[k] as number);
  const fitAt = discrete ? fitDiscreteAt : fitContinuousAt;

  let candidates: number[] = [];
  if (options.xmin !== undefined) {
    assertPositive(options.xmin, 'options.xmin');
    if (discrete) assertInteger(options.xmin, 'options.xmin', { min: 1 });
    const i = xs.findIndex((v) => v >= (options.xmin as number));
    if (i < 0 || n - i < 2) {
      throw new GeoError('OUT_OF_DOMAIN', `options.xmin = ${options.xmin} leaves fewer than 2 observations in the tail`, { argument: 'options.xmin', actual: options.xmin });
    }
    // xmin is the bound the caller gave, not the smallest observation above it.
    const fit = fitAt(xs, i, logSuffix, logs, options.xmin);
    if (fit === null) throw new GeoError('OUT_OF_DOMAIN', `the tail above options.xmin = ${options.xmin} has no spread`, { argument: 'options.xmin' });
    return { ...fit, n, discrete };
  }
  for (let k = 0; k < n; k++) if ((k === 0 || xs[k] !== xs[k - 1]) && n - k >= minTail) candidates.push(k);
  if (candidates.length > maxCandidates) {
    const all = candidates;
    candidates = Array.from({ length: maxCandidates }, (_, j) => all[Math.floor((j * (all.length - 1)) / Math.max(1, maxCandidates - 1))] as number);
  }
  let best: Omit<PowerLawFit, 'n' | 'discrete'> | null = null;
  for (const i of candidates) {
    const fit = fitAt(xs, i, logSuffix, logs);
    if (fit !== null && (best === null || fit.ks < best.ks)) best = fit;
  }
  if (best === null) {
    throw new GeoError('OUT_OF_DOMAIN', `values: no tail of at least ${minTail} observations with distinct values (n = ${n})`, {
      argument: 'values',
      expected: `>= ${minTail} observations, not all equal`,
      actual: n,
    });
  }
  return { ...best, n, discrete };
}

/** Options of `powerLawPValue`. */
export interface PowerLawPValueOptions extends PowerLawOptions {
  /** Seed of the bootstrap (required: the test is stochastic). */
  readonly seed: number;
  /** Synthetic data sets (default 100; Clauset et al. use 2500 for p to +-0.01). */
  readonly reps?: number;
  /** Called after each synthetic fit with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/**
 * Goodness-of-fit p-value of a power law by the semi-parametric bootstrap of Clauset et al.
 * (section 4.1): each synthetic set draws, per observation, from the fitted power law with
 * probability nTail/n and otherwise uniformly from the observations below xmin; it is refitted
 * the same way (xmin scan included) and p is the fraction of synthetic KS distances at least
 * the observed one. p < 0.1 rules the power law out. Discrete draws use Clauset et al.'s
 * rounding approximation floor((xmin - 1/2)(1 - u)^(-1/(alpha-1)) + 1/2) (their eq. D.6).
 *
 * @example
 * powerLawPValue(absWeights, { seed: 1, reps: 200 }) // { p: 0.43, fit, reps: 200 }
 */
export function powerLawPValue(values: ArrayLike<number>, options: PowerLawPValueOptions): { p: number; fit: PowerLawFit; reps: number } {
  assertInteger(options.seed, 'options.seed', { min: 0, max: Number.MAX_SAFE_INTEGER });
  const reps = options.reps ?? 100;
  assertInteger(reps, 'options.reps', { min: 1 });
  const fit = fitPowerLaw(values, options);
  const xs = checkData(values, fit.discrete);
  const body = xs.subarray(0, xs.length - fit.nTail);
  const rng = createRng(options.seed).derive('powerlaw-bootstrap');
  const { xmin, alpha, n, nTail } = fit;
  let atLeast = 0;
  const synth = new Float64Array(n);
  for (let r = 0; r < reps; r++) {
    if (options.signal?.aborted === true) throw new GeoError('ABORTED', 'powerLawPValue was aborted', { argument: 'options.signal' });
    for (let k = 0; k < n; k++) {
      if (body.length === 0 || rng.uniform() < nTail / n) {
        const u = rng.uniform();
        synth[k] = fit.discrete ? Math.max(xmin, Math.floor((xmin - 0.5) * Math.pow(1 - u, -1 / (alpha - 1)) + 0.5)) : xmin * Math.pow(1 - u, -1 / (alpha - 1));
      } else {
        synth[k] = body[rng.int(0, body.length - 1)] as number;
      }
    }
    let d: number;
    try {
      d = fitPowerLaw(synth, options).ks;
    } catch (e) {
      if (!(e instanceof GeoError) || e.code !== 'OUT_OF_DOMAIN') throw e;
      d = Number.POSITIVE_INFINITY; // a degenerate synthetic set fits worse than anything
    }
    if (d >= fit.ks) atLeast++;
    options.onProgress?.(r + 1, reps);
  }
  return { p: atLeast / reps, fit, reps };
}
