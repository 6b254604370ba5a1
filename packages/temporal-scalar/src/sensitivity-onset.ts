import { GeoError, assertFiniteNumber, assertInRange } from '@geo/core';
import type { LyapunovEstimate } from './lyapunov.js';

/** One setting of a sweep (e.g. a learning rate) with its exponent estimate. */
export interface SweepPoint {
  /** The swept control value (e.g. the learning rate). */
  readonly control: number;
  /** The exponent with its confidence interval and fit window (a `maxLyapunov` result). */
  readonly estimate: Pick<LyapunovEstimate, 'ci' | 'regime' | 'dt'>;
}

/** Options of `sensitivityOnset`. */
export interface SensitivityOnsetOptions {
  /** E-folds of growth the lower confidence bound must sustain over the fit window (default 1). */
  readonly efolds?: number;
}

/** Result of `sensitivityOnset`. */
export interface SensitivityOnset {
  /** Smallest control value judged sensitive; NaN when none is. */
  readonly onset: number;
  /** Per input point (input order): sensitive or not. */
  readonly sensitive: readonly boolean[];
  /** Per input point: ci[0] times the fit window's length, the growth (in e-folds) the lower bound certifies. */
  readonly certifiedEfolds: readonly number[];
}

/**
 * The onset of sensitivity to initial conditions along a sweep, by one rule fixed in advance:
 * a setting is sensitive when the lower confidence bound of its exponent, times the duration
 * of the window the exponent was fitted over, is at least `efolds` (default 1):
 *
 *   sensitive  <=>  ci[0] * (regime.end - regime.start) * dt >= efolds,
 *
 * and the onset is the smallest control value that is sensitive. Why: a positive slope of
 * ln d(t) is evidence of exponential growth only when the separation grows by at least a factor
 * e inside the fitted window; over less than one e-fold, ln d rising slowly cannot be told apart
 * from linear or polynomial growth (d = d0 (1 + c t)), and a CI above zero alone turns any slow
 * drift into "sensitivity" once enough pairs shrink the interval. The lower bound (not the point
 * estimate) keeps the claim at the estimate's confidence level. The rule uses only the estimate,
 * so it applies unchanged to parameter-space and embedded exponents.
 *
 * @example
 * const sweep = lrs.map((lr, i) => ({ control: lr, estimate: maxLyapunov(separationsAt[i], { dt: 5 }) }));
 * sensitivityOnset(sweep).onset // e.g. 1: the smallest learning rate whose twins diverge exponentially
 */
export function sensitivityOnset(sweep: readonly SweepPoint[], options: SensitivityOnsetOptions = {}): SensitivityOnset {
  if (!Array.isArray(sweep)) throw new GeoError('BAD_TYPE', 'sweep must be an array of { control, estimate }', { argument: 'sweep', expected: 'array' });
  if (sweep.length === 0) throw new GeoError('BAD_LENGTH', 'sweep must hold at least one point', { argument: 'sweep', expected: '>= 1', actual: 0 });
  const efolds = options.efolds ?? 1;
  assertInRange(efolds, 'options.efolds', { min: 0, minInclusive: false });
  const sensitive: boolean[] = [];
  const certifiedEfolds: number[] = [];
  let onset = NaN;
  sweep.forEach((point, i) => {
    const name = `sweep[${i}]`;
    assertFiniteNumber(point.control, `${name}.control`);
    const { ci, regime, dt } = point.estimate;
    assertFiniteNumber(ci[0], `${name}.estimate.ci[0]`);
    assertFiniteNumber(ci[1], `${name}.estimate.ci[1]`);
    if (ci[0] > ci[1]) throw new GeoError('OUT_OF_DOMAIN', `${name}.estimate.ci is reversed: [${ci[0]}, ${ci[1]}]`, { argument: `${name}.estimate.ci`, expected: 'lo <= hi', actual: ci });
    assertInRange(dt, `${name}.estimate.dt`, { min: 0, minInclusive: false });
    if (!(Number.isInteger(regime.start) && Number.isInteger(regime.end) && regime.end >= regime.start && regime.start >= 0)) {
      throw new GeoError('OUT_OF_DOMAIN', `${name}.estimate.regime must be integer indices with 0 <= start <= end`, { argument: `${name}.estimate.regime`, actual: [regime.start, regime.end] });
    }
    const certified = ci[0] * (regime.end - regime.start) * dt;
    certifiedEfolds.push(certified);
    const hit = certified >= efolds;
    sensitive.push(hit);
    if (hit && !(point.control >= onset)) onset = point.control;
  });
  return { onset, sensitive, certifiedEfolds };
}
