import { assertInRange } from '@geo/core';
import { logSeparation, resolveRegime } from './lyapunov.js';
import type { MaxLyapunovOptions } from './lyapunov.js';
import type { Regime } from './exponential-regime.js';
import { linearFit } from './regression.js';

/** Result of `characteristicTime`. */
export interface CharacteristicTime {
  /** t* = (y_sat - a) / lambda: where the fitted exponential growth meets the plateau (time units). */
  readonly time: number;
  /** Growth rate of the fitted exponential regime (per unit time). */
  readonly lambda: number;
  /** Intercept a of the fit y = a + lambda t. */
  readonly intercept: number;
  /** Saturation level y_sat of <ln d/d_0>. */
  readonly plateau: number;
  /** First sample time at which the mean curve reaches the plateau level (a model-free check of `time`). */
  readonly firstReach: number;
  readonly regime: Regime;
}

/**
 * The characteristic time of twin trajectories: when their (embedded) separation stops
 * growing exponentially and saturates, analogous to a Lyapunov time. y(t) = <ln d(t)/d_0>
 * is fitted by a line a + lambda t on the exponential regime (`exponentialRegime`) and
 * saturates at the plateau y_sat (mean of the last 10% by default); t* is where the two
 * meet, t* = (y_sat - a) / lambda. Throws NOT_CONVERGED when there is no exponential regime.
 *
 * @example
 * characteristicTime(twinSeparations, { dt: 1 }).time
 */
export function characteristicTime(separations: readonly ArrayLike<number>[], options: MaxLyapunovOptions = {}): CharacteristicTime {
  const dt = options.dt ?? 1;
  assertInRange(dt, 'options.dt', { min: 0, minInclusive: false });
  const ls = logSeparation(separations);
  const regime = resolveRegime(ls.mean, options);
  const times = Float64Array.from({ length: ls.length }, (_, t) => t * dt);
  const fit = linearFit(times, ls.mean, regime.start, regime.end);
  let firstReach = (ls.length - 1) * dt;
  for (let t = regime.start; t < ls.length; t++) {
    if ((ls.mean[t] as number) >= regime.plateau) {
      firstReach = t * dt;
      break;
    }
  }
  return {
    time: fit.slope > 0 ? (regime.plateau - fit.intercept) / fit.slope : Infinity,
    lambda: fit.slope,
    intercept: fit.intercept,
    plateau: regime.plateau,
    firstReach,
    regime,
  };
}
