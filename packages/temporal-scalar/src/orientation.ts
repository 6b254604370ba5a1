import { GeoError, assertOneOf } from '@geo/core';
import { asVector } from './input.js';

/** How an embedding's sign is fixed: `'time'` (positive correlation with time), or `'max'` (largest-magnitude entry positive). */
export type SignConvention = 'time' | 'max';

/** How an embedding is shifted: `'center'` (mean zero) or `'first'` (x_0 = 0). */
export type ShiftConvention = 'center' | 'first';

/**
 * Fixes the sign and shift of a scalar embedding in place, so a result never depends on
 * the eigensolver's arbitrary sign.
 *
 * Sign `'time'`: sum_t (tau_t - mean tau) x_t >= 0 with tau = `times` (default 0..T-1), i.e.
 * the embedding increases with time on average; when that sum vanishes (|sum| <= 1e-12 sum
 * |tau - mean| |x|) it falls back to `'max'`: the entry of largest magnitude (the first on
 * ties) is positive. Shift `'center'`: mean zero; `'first'`: x_0 = 0.
 *
 * @example
 * orientEmbedding(Float64Array.of(1, 0, -1)) // Float64Array [-1, 0, 1]
 */
export function orientEmbedding(
  x: Float64Array,
  sign: SignConvention = 'time',
  shift: ShiftConvention = 'center',
  times?: ArrayLike<number>,
): Float64Array {
  assertOneOf(sign, ['time', 'max'], 'options.sign');
  assertOneOf(shift, ['center', 'first'], 'options.shift');
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i] as number;
  mean /= n;
  for (let i = 0; i < n; i++) x[i] = (x[i] as number) - mean;
  let flip = false;
  let decided = false;
  if (sign === 'time') {
    const tau = times === undefined ? undefined : asVector(times, 'options.times');
    if (tau !== undefined && tau.length !== n) {
      throw new GeoError('BAD_LENGTH', `options.times must have length ${n}, got ${tau.length}`, { argument: 'options.times', expected: n, actual: tau.length });
    }
    let tmean = 0;
    for (let i = 0; i < n; i++) tmean += tau ? (tau[i] as number) : i;
    tmean /= n;
    let s = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      const dt = (tau ? (tau[i] as number) : i) - tmean;
      s += dt * (x[i] as number);
      scale += Math.abs(dt) * Math.abs(x[i] as number);
    }
    if (Math.abs(s) > 1e-12 * scale) {
      flip = s < 0;
      decided = true;
    }
  }
  if (!decided) {
    let best = 0;
    for (let i = 1; i < n; i++) if (Math.abs(x[i] as number) > Math.abs(x[best] as number) * (1 + 1e-12)) best = i;
    flip = (x[best] as number) < 0;
  }
  if (flip) for (let i = 0; i < n; i++) x[i] = -(x[i] as number);
  if (shift === 'first') {
    const x0 = x[0] as number;
    for (let i = 0; i < n; i++) x[i] = (x[i] as number) - x0;
  }
  return x;
}
