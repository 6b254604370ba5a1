import { GeoError, assertInRange, assertInteger } from '@geo/core';
import { fitDivergence, seriesSetup } from './rosenstein.js';
import type { SeriesLyapunovEstimate, SeriesLyapunovOptions } from './rosenstein.js';

/** Options of `kantz`. */
export interface KantzOptions extends SeriesLyapunovOptions {
  /** Neighbourhood radius epsilon (default 1% of the largest coordinate range of the delay vectors). */
  readonly epsilon?: number;
  /** Largest number of neighbours kept per reference point, the earliest in time (default 100). */
  readonly maxNeighbors?: number;
}

/**
 * Kantz (1994), "A robust method to estimate the maximal Lyapunov exponent of a time series":
 * S(k) = < ln( mean_{j in U_i} |v_{i+k} - v_{j+k}| ) >_i with U_i the delay vectors within
 * epsilon of v_i (outside the Theiler window); lambda is the slope of S(k) over its linear
 * region (the automatic rule, or a given window).
 *
 * @example
 * kantz(logisticSeries, { epsilon: 1e-3, maxSteps: 20 }).lambda // ~ ln 2
 */
export function kantz(series: ArrayLike<number>, options: KantzOptions = {}): SeriesLyapunovEstimate {
  const { emb, theiler, maxSteps, dt, stride } = seriesSetup(series, options);
  const { data, rows, cols } = emb;
  let epsilon = options.epsilon;
  if (epsilon === undefined) {
    let range = 0;
    for (let c = 0; c < cols; c++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < rows; i++) {
        const v = data[i * cols + c] as number;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      range = Math.max(range, hi - lo);
    }
    epsilon = 0.01 * range;
  }
  assertInRange(epsilon, 'options.epsilon', { min: 0, minInclusive: false });
  const maxNeighbors = options.maxNeighbors ?? 100;
  assertInteger(maxNeighbors, 'options.maxNeighbors', { min: 1 });
  const eps2 = epsilon * epsilon;
  const M = rows - maxSteps;
  if (M < 2) throw new GeoError('BAD_LENGTH', 'series too short for maxSteps', { argument: 'series' });
  const sum = new Float64Array(maxSteps + 1);
  const count = new Float64Array(maxSteps + 1);
  const acc = new Float64Array(maxSteps + 1);
  const neighbors: number[] = [];
  let points = 0;
  for (let i = 0; i < M; i += stride) {
    neighbors.length = 0;
    const io = i * cols;
    for (let j = 0; j < M && neighbors.length < maxNeighbors; j++) {
      if (Math.abs(i - j) <= theiler) continue;
      const jo = j * cols;
      let s = 0;
      for (let c = 0; c < cols && s <= eps2; c++) {
        const diff = (data[io + c] as number) - (data[jo + c] as number);
        s += diff * diff;
      }
      if (s <= eps2) neighbors.push(j);
    }
    if (neighbors.length === 0) continue;
    points++;
    acc.fill(0);
    for (const j of neighbors) {
      for (let k = 0; k <= maxSteps; k++) {
        const a = (i + k) * cols;
        const b = (j + k) * cols;
        let s = 0;
        for (let c = 0; c < cols; c++) {
          const diff = (data[a + c] as number) - (data[b + c] as number);
          s += diff * diff;
        }
        acc[k] = (acc[k] as number) + Math.sqrt(s);
      }
    }
    for (let k = 0; k <= maxSteps; k++) {
      const meanDist = (acc[k] as number) / neighbors.length;
      if (meanDist > 0) {
        sum[k] = (sum[k] as number) + Math.log(meanDist);
        count[k] = (count[k] as number) + 1;
      }
    }
  }
  if (points === 0) throw new GeoError('NOT_CONVERGED', `no point has a neighbour within epsilon = ${epsilon}`, { argument: 'options.epsilon', actual: epsilon });
  const curve = new Float64Array(maxSteps + 1);
  for (let k = 0; k <= maxSteps; k++) curve[k] = (sum[k] as number) / Math.max(1, count[k] as number);
  return fitDivergence(curve, points, dt, options);
}
