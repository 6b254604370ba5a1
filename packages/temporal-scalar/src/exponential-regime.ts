import { GeoError, assertInRange, assertInteger } from '@geo/core';
import { asVector } from './input.js';

/** Options of the automatic exponential-regime rule. */
export interface RegimeOptions {
  /** Lower edge of the window as a fraction of the rise from the floor to the plateau (default 0.1). */
  readonly lower?: number;
  /** Upper edge as a fraction of the rise (default 0.7). */
  readonly upper?: number;
  /** Share of the final points averaged for the plateau level (default 0.1, at least one point). */
  readonly plateauFraction?: number;
  /** Fewest points the window may hold (default 3). */
  readonly minPoints?: number;
}

/** The window [start, end] (inclusive indices) where y(t) = <ln d(t)/d_0> grows linearly. */
export interface Regime {
  readonly start: number;
  readonly end: number;
  /** Plateau (saturation) level y_sat. */
  readonly plateau: number;
  /** Floor y_min: the lowest value before the curve peaks. */
  readonly floor: number;
}

/**
 * The automatic rule that picks the exponential regime of a log-separation curve y(t):
 *
 * 1. plateau y_sat = mean of the last `plateauFraction` of y; floor y_min = min of y up to the
 *    index of its maximum; rise R = y_sat - y_min (must be > 0);
 * 2. end = the first index after the floor where y >= y_min + upper R;
 * 3. start = the last index before `end` where y <= y_min + lower R.
 *
 * Between the two thresholds the separation has left the initial transient (alignment with
 * the most unstable direction, measurement floor) and is still far from saturation, so
 * ln d grows linearly; the defaults (10% to 70% of the rise) follow the usual practice of
 * fitting the straight middle of the curve. Throws NOT_CONVERGED when the curve does not rise
 * or the window holds fewer than `minPoints` points (sample more finely or start closer).
 *
 * @example
 * exponentialRegime([0, 1, 2, 3, 4, 5, 5, 5, 5, 5]) // { start: 0, end: 4, plateau: 5, floor: 0 }
 */
export function exponentialRegime(y: ArrayLike<number>, options: RegimeOptions = {}): Regime {
  const v = asVector(y, 'curve', 3);
  const lower = options.lower ?? 0.1;
  const upper = options.upper ?? 0.7;
  const plateauFraction = options.plateauFraction ?? 0.1;
  const minPoints = options.minPoints ?? 3;
  assertInRange(lower, 'options.lower', { min: 0, max: 1, maxInclusive: false });
  assertInRange(upper, 'options.upper', { min: lower, max: 1, minInclusive: false });
  assertInRange(plateauFraction, 'options.plateauFraction', { min: 0, max: 1, minInclusive: false });
  assertInteger(minPoints, 'options.minPoints', { min: 2 });
  const n = v.length;
  const tail = Math.max(1, Math.round(plateauFraction * n));
  let plateau = 0;
  for (let i = n - tail; i < n; i++) plateau += v[i] as number;
  plateau /= tail;
  let argmax = 0;
  for (let i = 1; i < n; i++) if ((v[i] as number) > (v[argmax] as number)) argmax = i;
  let floorIdx = 0;
  for (let i = 1; i <= argmax; i++) if ((v[i] as number) < (v[floorIdx] as number)) floorIdx = i;
  const floor = v[floorIdx] as number;
  const rise = plateau - floor;
  if (!(rise > 0)) {
    throw new GeoError('NOT_CONVERGED', `the log-separation curve does not rise (plateau ${plateau} <= floor ${floor}): no exponential regime`, {
      argument: 'curve',
      expected: 'a rising curve',
      actual: rise,
    });
  }
  const hi = floor + upper * rise;
  const lo = floor + lower * rise;
  let end = -1;
  for (let i = floorIdx; i < n; i++) {
    if ((v[i] as number) >= hi) {
      end = i;
      break;
    }
  }
  if (end < 0) end = n - 1;
  let start = floorIdx;
  for (let i = end; i >= floorIdx; i--) {
    if ((v[i] as number) <= lo) {
      start = i;
      break;
    }
  }
  if (end - start + 1 < minPoints) {
    throw new GeoError('NOT_CONVERGED', `the exponential regime holds ${end - start + 1} points (< ${minPoints}): sample more finely or start the twins closer`, {
      argument: 'curve',
      expected: `>= ${minPoints} points`,
      actual: end - start + 1,
    });
  }
  return { start, end, plateau, floor };
}
