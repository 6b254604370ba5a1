import { GeoError, assertArrayLike, assertInRange, assertInteger, createRng } from '@geo/core';
import { exponentialRegime } from './exponential-regime.js';
import type { Regime, RegimeOptions } from './exponential-regime.js';
import { asVector } from './input.js';
import { linearFit } from './regression.js';
import { studentTQuantile } from './special.js';

/** The mean log-separation curve of a set of twin pairs. */
export interface LogSeparation {
  /** y(t) = <ln d_i(t) / d_i(0)> over pairs i. */
  readonly mean: Float64Array;
  /** Row-major pairs x T: ln d_i(t)/d_i(0) per pair (NaN where d_i(t) = 0). */
  readonly perPair: Float64Array;
  readonly pairs: number;
  readonly length: number;
  /** Entries with d_i(t) = 0 left out of the mean (e.g. embedded twins crossing). */
  readonly zeros: number;
}

/**
 * y(t) = <ln(d_i(t)/d_i(0))> over twin pairs i, from each pair's separation series d_i(t)
 * (all of one length T). Exact zeros (embedded scalar twins can cross) are left out of the
 * mean at that time and counted in `zeros`; d_i(0) must be positive.
 *
 * @example
 * logSeparation([[1e-8, 2e-8, 4e-8]]).mean // [0, ln 2, ln 4]
 */
export function logSeparation(separations: readonly ArrayLike<number>[]): LogSeparation {
  if (!Array.isArray(separations) || separations.length === 0) {
    throw new GeoError('BAD_LENGTH', 'separations must be a non-empty array of separation series', { argument: 'separations' });
  }
  const pairs = separations.length;
  const T = (separations[0] as ArrayLike<number>).length;
  assertInteger(T, 'separations[0].length', { min: 2 });
  const perPair = new Float64Array(pairs * T);
  const mean = new Float64Array(T);
  const count = new Int32Array(T);
  let zeros = 0;
  for (let i = 0; i < pairs; i++) {
    const d = asVector(separations[i] as ArrayLike<number>, `separations[${i}]`);
    if (d.length !== T) throw new GeoError('BAD_LENGTH', `separations[${i}] must have length ${T}, got ${d.length}`, { argument: `separations[${i}]`, expected: T, actual: d.length });
    const d0 = d[0] as number;
    if (!(d0 > 0)) throw new GeoError('OUT_OF_DOMAIN', `separations[${i}][0] must be positive (twins start apart), got ${d0}`, { argument: `separations[${i}]`, expected: '> 0', actual: d0 });
    for (let t = 0; t < T; t++) {
      const v = d[t] as number;
      if (v < 0) throw new GeoError('OUT_OF_DOMAIN', `separations[${i}][${t}] is negative`, { argument: `separations[${i}]`, actual: v });
      if (v === 0) {
        perPair[i * T + t] = NaN;
        zeros++;
        continue;
      }
      const y = Math.log(v / d0);
      perPair[i * T + t] = y;
      mean[t] = (mean[t] as number) + y;
      count[t] = (count[t] as number) + 1;
    }
  }
  for (let t = 0; t < T; t++) {
    if (count[t] === 0) throw new GeoError('OUT_OF_DOMAIN', `every pair has zero separation at t = ${t}`, { argument: 'separations', actual: t });
    mean[t] = (mean[t] as number) / (count[t] as number);
  }
  return { mean, perPair, pairs, length: T, zeros };
}

/** Options of `maxLyapunov`. */
export interface MaxLyapunovOptions extends RegimeOptions {
  /** Time between consecutive samples (default 1: exponents per step). */
  readonly dt?: number;
  /** Fit window: `'auto'` (default, `exponentialRegime`) or explicit inclusive indices. */
  readonly regime?: 'auto' | { readonly start: number; readonly end: number };
  /** Confidence level of the interval (default 0.95). */
  readonly confidence?: number;
  /** Bootstrap resamples over pairs (default 2000; used with 3 or more pairs). */
  readonly bootstrap?: number;
  /** Seed of the bootstrap (default 0). */
  readonly seed?: number;
}

/** A maximal Lyapunov exponent estimate. */
export interface LyapunovEstimate {
  /** The slope of <ln d(t)/d_0> over the regime, per unit time. */
  readonly lambda: number;
  /** Confidence interval [lo, hi] at `confidence`. */
  readonly ci: readonly [number, number];
  readonly confidence: number;
  /** `'bootstrap'` (percentile, resampling twin pairs with the window fixed) or `'ols'` (t interval of the slope; ignores serial correlation, so optimistic). */
  readonly ciMethod: 'bootstrap' | 'ols';
  /** Standard error of the OLS slope on the mean curve. */
  readonly slopeStdErr: number;
  readonly intercept: number;
  readonly r2: number;
  readonly regime: Regime;
  /** The mean log-separation curve the slope was fitted to. */
  readonly curve: Float64Array;
  readonly dt: number;
}

/**
 * The maximal Lyapunov exponent from twin trajectories: networks (or states) started d_0
 * apart and driven identically. `separations[i][t]` is pair i's separation at sample t (in
 * parameter space, `separation(a, b, T, P)`, or in the embedded scalar space, see
 * `twinScalarSeparations`). lambda is the least-squares slope of y(t) = <ln d(t)/d_0> over the
 * exponential regime (the automatic rule of `exponentialRegime`, or a given window), divided
 * by `dt`.
 *
 * Confidence interval: with 3 or more pairs, a percentile bootstrap that resamples pairs
 * (seeded) and refits the mean curve on the same window; with fewer, the OLS t interval.
 *
 * @example
 * // logistic map at r = 4, many twin pairs 1e-10 apart
 * maxLyapunov(separations).lambda // ~ ln 2
 */
export function maxLyapunov(separations: readonly ArrayLike<number>[], options: MaxLyapunovOptions = {}): LyapunovEstimate {
  const dt = options.dt ?? 1;
  assertInRange(dt, 'options.dt', { min: 0, minInclusive: false });
  const confidence = options.confidence ?? 0.95;
  assertInRange(confidence, 'options.confidence', { min: 0, max: 1, minInclusive: false, maxInclusive: false });
  const B = options.bootstrap ?? 2000;
  assertInteger(B, 'options.bootstrap', { min: 0 });
  const ls = logSeparation(separations);
  const regime = resolveRegime(ls.mean, options);
  const times = Float64Array.from({ length: ls.length }, (_, t) => t * dt);
  const fit = linearFit(times, ls.mean, regime.start, regime.end);
  let ci: [number, number];
  let ciMethod: 'bootstrap' | 'ols';
  if (ls.pairs >= 3 && B > 0) {
    ciMethod = 'bootstrap';
    const rng = createRng(options.seed ?? 0).derive('maxLyapunov-bootstrap');
    const slopes = new Float64Array(B);
    const T = ls.length;
    const curve = new Float64Array(T);
    const count = new Float64Array(T);
    for (let b = 0; b < B; b++) {
      curve.fill(0);
      count.fill(0);
      for (let k = 0; k < ls.pairs; k++) {
        const i = rng.int(0, ls.pairs - 1);
        for (let t = regime.start; t <= regime.end; t++) {
          const y = ls.perPair[i * T + t] as number;
          if (Number.isNaN(y)) continue;
          curve[t] = (curve[t] as number) + y;
          count[t] = (count[t] as number) + 1;
        }
      }
      for (let t = regime.start; t <= regime.end; t++) curve[t] = (count[t] as number) > 0 ? (curve[t] as number) / (count[t] as number) : NaN;
      slopes[b] = linearFit(times, curve, regime.start, regime.end).slope;
    }
    slopes.sort();
    const alpha = (1 - confidence) / 2;
    ci = [quantileSorted(slopes, alpha), quantileSorted(slopes, 1 - alpha)];
  } else {
    ciMethod = 'ols';
    const half = fit.n > 2 ? studentTQuantile(1 - (1 - confidence) / 2, fit.n - 2) * fit.slopeStdErr : 0;
    ci = [fit.slope - half, fit.slope + half];
  }
  return {
    lambda: fit.slope,
    ci,
    confidence,
    ciMethod,
    slopeStdErr: fit.slopeStdErr,
    intercept: fit.intercept,
    r2: fit.r2,
    regime,
    curve: ls.mean,
    dt,
  };
}

/** The regime from options: automatic, or an explicit validated window with plateau/floor filled in. */
export function resolveRegime(curve: Float64Array, options: MaxLyapunovOptions): Regime {
  const spec = options.regime ?? 'auto';
  if (spec === 'auto') return exponentialRegime(curve, options);
  if (typeof spec !== 'object' || spec === null) {
    throw new GeoError('BAD_TYPE', "options.regime must be 'auto' or { start, end }", { argument: 'options.regime', actual: String(spec) });
  }
  assertInteger(spec.start, 'options.regime.start', { min: 0, max: curve.length - 2 });
  assertInteger(spec.end, 'options.regime.end', { min: spec.start + 1, max: curve.length - 1 });
  let floor = Infinity;
  for (let t = 0; t <= spec.end; t++) floor = Math.min(floor, curve[t] as number);
  const tail = Math.max(1, Math.round((options.plateauFraction ?? 0.1) * curve.length));
  let plateau = 0;
  for (let t = curve.length - tail; t < curve.length; t++) plateau += curve[t] as number;
  return { start: spec.start, end: spec.end, plateau: plateau / tail, floor };
}

/** Linear-interpolated quantile of a sorted array. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  assertArrayLike(sorted, 'sorted');
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  const w = pos - lo;
  return (1 - w) * (sorted[lo] as number) + w * (sorted[hi] as number);
}
