import { GeoError, assertInRange, assertInteger } from '@geo/core';
import { delayEmbedding } from './delay-embedding.js';
import type { RegimeOptions } from './exponential-regime.js';
import { resolveRegime } from './lyapunov.js';
import { linearFit } from './regression.js';
import { studentTQuantile } from './special.js';
import type { Regime } from './exponential-regime.js';

/** Options shared by the scalar-series estimators. */
export interface SeriesLyapunovOptions extends RegimeOptions {
  /** Embedding dimension (default 1: the series used as it is). */
  readonly m?: number;
  /** Delay in samples (default 1). */
  readonly tau?: number;
  /** Columns per sample of a multivariate series (default 1). */
  readonly dim?: number;
  /** Theiler window: neighbours must be more than this many samples apart in time (default m tau). */
  readonly theiler?: number;
  /** Steps the divergence is followed (default 30). */
  readonly maxSteps?: number;
  /** Sampling interval (default 1). */
  readonly dt?: number;
  /** Fit window on the divergence curve: `'auto'` (default) or explicit inclusive steps. */
  readonly regime?: 'auto' | { readonly start: number; readonly end: number };
  /** Confidence level of the OLS interval (default 0.95). */
  readonly confidence?: number;
  /** Use every `referenceStride`-th delay vector as a reference point (default 1; neighbours are still searched among all): cost / stride. */
  readonly referenceStride?: number;
}

/** A series-based largest-Lyapunov estimate. */
export interface SeriesLyapunovEstimate {
  readonly lambda: number;
  /** OLS t interval of the slope (serially correlated points: optimistic). */
  readonly ci: readonly [number, number];
  /** The divergence curve y(k), k = 0..maxSteps. */
  readonly curve: Float64Array;
  readonly regime: Regime;
  readonly r2: number;
  /** Reference points that contributed (had a neighbour). */
  readonly points: number;
}

/** Validated common options. */
export function seriesSetup(series: ArrayLike<number>, options: SeriesLyapunovOptions) {
  const m = options.m ?? 1;
  const tau = options.tau ?? 1;
  const dim = options.dim ?? 1;
  const emb = delayEmbedding(series, m, tau, dim);
  const theiler = options.theiler ?? m * tau;
  const maxSteps = options.maxSteps ?? 30;
  const dt = options.dt ?? 1;
  assertInteger(theiler, 'options.theiler', { min: 0 });
  assertInteger(maxSteps, 'options.maxSteps', { min: 2, max: emb.rows - 2 });
  assertInRange(dt, 'options.dt', { min: 0, minInclusive: false });
  const stride = options.referenceStride ?? 1;
  assertInteger(stride, 'options.referenceStride', { min: 1 });
  return { emb, theiler, maxSteps, dt, stride };
}

/** Fits the divergence curve and packages the estimate. */
export function fitDivergence(curve: Float64Array, points: number, dt: number, options: SeriesLyapunovOptions): SeriesLyapunovEstimate {
  const regime = resolveRegime(curve, options);
  const times = Float64Array.from({ length: curve.length }, (_, k) => k * dt);
  const fit = linearFit(times, curve, regime.start, regime.end);
  const confidence = options.confidence ?? 0.95;
  assertInRange(confidence, 'options.confidence', { min: 0, max: 1, minInclusive: false, maxInclusive: false });
  const half = fit.n > 2 ? studentTQuantile(1 - (1 - confidence) / 2, fit.n - 2) * fit.slopeStdErr : 0;
  return { lambda: fit.slope, ci: [fit.slope - half, fit.slope + half], curve, regime, r2: fit.r2, points };
}

/**
 * Rosenstein, Collins & De Luca (1993), "A practical method for calculating largest Lyapunov
 * exponents from small data sets": each delay vector's nearest neighbour (outside the
 * Theiler window) is followed for k steps; y(k) = <ln d_j(k)> over pairs; lambda is the slope
 * of y over its linear region (the automatic rule of `exponentialRegime`, or a given window).
 * O(N^2 m) neighbour search.
 *
 * @example
 * rosenstein(logisticSeries, { maxSteps: 20 }).lambda // ~ ln 2
 */
export function rosenstein(series: ArrayLike<number>, options: SeriesLyapunovOptions = {}): SeriesLyapunovEstimate {
  const { emb, theiler, maxSteps, dt, stride } = seriesSetup(series, options);
  const { data, rows, cols } = emb;
  const M = rows - maxSteps; // reference points and neighbours must have maxSteps future samples
  if (M < 2) throw new GeoError('BAD_LENGTH', 'series too short for maxSteps', { argument: 'series' });
  const sum = new Float64Array(maxSteps + 1);
  const count = new Float64Array(maxSteps + 1);
  let points = 0;
  for (let i = 0; i < M; i += stride) {
    let best = -1;
    let bestD = Infinity;
    const io = i * cols;
    for (let j = 0; j < M; j++) {
      if (Math.abs(i - j) <= theiler) continue;
      const jo = j * cols;
      let s = 0;
      for (let c = 0; c < cols && s < bestD; c++) {
        const diff = (data[io + c] as number) - (data[jo + c] as number);
        s += diff * diff;
      }
      if (s < bestD && s > 0) {
        bestD = s;
        best = j;
      }
    }
    if (best < 0) continue;
    points++;
    for (let k = 0; k <= maxSteps; k++) {
      const a = (i + k) * cols;
      const b = (best + k) * cols;
      let s = 0;
      for (let c = 0; c < cols; c++) {
        const diff = (data[a + c] as number) - (data[b + c] as number);
        s += diff * diff;
      }
      if (s > 0) {
        sum[k] = (sum[k] as number) + 0.5 * Math.log(s);
        count[k] = (count[k] as number) + 1;
      }
    }
  }
  if (points === 0) throw new GeoError('NOT_CONVERGED', 'no point has a neighbour outside the Theiler window', { argument: 'series' });
  const curve = new Float64Array(maxSteps + 1);
  for (let k = 0; k <= maxSteps; k++) curve[k] = (sum[k] as number) / Math.max(1, count[k] as number);
  return fitDivergence(curve, points, dt, options);
}
