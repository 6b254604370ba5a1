import { GeoError, assertArrayLike } from '@geo/core';

/**
 * Population z-scores `(x_i - mean) / std` with `std = sqrt(sum (x_i - mean)^2 / n)`, so
 * the result has mean 0 and standard deviation exactly 1 (up to rounding) whenever the
 * values are not all equal. Constant input (and n = 0 or 1) gives all zeros, never NaN:
 * a node whose strength equals everyone else's is exactly average.
 *
 * @example
 * zscore([1, 2, 3])  // Float64Array [-1.2247..., 0, 1.2247...]
 * zscore([5, 5, 5])  // Float64Array [0, 0, 0]
 */
export function zscore(x: ArrayLike<number>, out: Float64Array = new Float64Array(x.length)): Float64Array {
  assertArrayLike(x, 'x');
  if (out.length !== x.length) {
    throw new GeoError('BAD_LENGTH', `out must have length ${x.length}, got ${out.length}`, { argument: 'out', expected: x.length, actual: out.length });
  }
  const n = x.length;
  let constant = true;
  const x0 = n > 0 ? (x[0] as number) : 0;
  for (let i = 0; i < n; i++) {
    const v = x[i] as number;
    if (!Number.isFinite(v)) {
      throw new GeoError('NOT_FINITE', `x[${i}] must be finite, got ${v}`, { argument: `x[${i}]`, actual: v });
    }
    if (v !== x0) constant = false;
  }
  if (constant) return out.fill(0);
  // Scale first so that squares neither overflow (|x| ~ 1e200) nor underflow (|x| ~ 1e-200).
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(x[i] as number));
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (x[i] as number) / scale;
  mean /= n;
  // Two-pass with a correction term (Chan, Golub and LeVeque 1983): accurate when the spread is small next to the mean.
  let ss = 0;
  let corr = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) / scale - mean;
    ss += d * d;
    corr += d;
  }
  const variance = (ss - (corr * corr) / n) / n;
  const std = Math.sqrt(variance);
  if (!(std > 0)) return out.fill(0);
  for (let i = 0; i < n; i++) out[i] = ((x[i] as number) / scale - mean) / std;
  return out;
}
