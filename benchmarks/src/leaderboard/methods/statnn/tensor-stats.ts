import { GeoError, assertArrayLike } from '@geo/core';

/** The quantile levels of Unterthiner et al. (2020): minimum, quartiles, maximum. */
export const STATNN_QUANTILES: readonly number[] = [0, 0.25, 0.5, 0.75, 1];

/** Names of the 7 statistics per tensor, in the order `tensorStats` writes them. */
export const TENSOR_STAT_NAMES: readonly string[] = ['mean', 'var', 'q0', 'q25', 'q50', 'q75', 'q100'];

/** Statistics per tensor. */
export const NUM_TENSOR_STATS = 7;

/**
 * Quantile of an ascending-sorted array with numpy's default `linear` convention
 * (Hyndman and Fan type 7): position q (n - 1), interpolated between its two neighbours.
 *
 * @example
 * sortedQuantile(Float64Array.of(1, 2, 3, 4), 0.25) // 1.75, as np.quantile([1, 2, 3, 4], 0.25)
 */
export function sortedQuantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] as number;
  const frac = pos - lo;
  // frac = 0 returns the sample itself, so q0/q100 are exactly the minimum/maximum.
  return frac === 0 ? a : a + frac * ((sorted[hi] as number) - a);
}

/**
 * The 7 StatNN statistics of one tensor: mean, population variance (numpy's `var`,
 * ddof = 0) and the 0/25/50/75/100 % quantiles (numpy's `linear` interpolation), written
 * to `out` at `offset`. The sums run over the sorted values, so the result depends only
 * on the multiset of entries (exactly invariant to any reordering, e.g. a permutation of
 * hidden neurons).
 *
 * @example
 * tensorStats([3, 1, 2, 4]) // Float64Array [2.5, 1.25, 1, 1.75, 2.5, 3.25, 4]
 */
export function tensorStats(values: ArrayLike<number>, out: Float64Array = new Float64Array(NUM_TENSOR_STATS), offset = 0, name = 'values'): Float64Array {
  assertArrayLike(values, name);
  const n = values.length;
  if (n === 0) throw new GeoError('BAD_LENGTH', `${name} must hold at least one value`, { argument: name, actual: 0 });
  if (offset < 0 || offset + NUM_TENSOR_STATS > out.length) {
    throw new GeoError('BAD_LENGTH', `out must have room for ${NUM_TENSOR_STATS} statistics at offset ${offset}`, { argument: 'out', actual: out.length });
  }
  const sorted = Float64Array.from(values);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(sorted[i] as number)) {
      throw new GeoError('NOT_FINITE', `${name}[${i}] is ${sorted[i]}, expected a finite number`, { argument: `${name}[${i}]`, actual: sorted[i] });
    }
  }
  sorted.sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i] as number;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (sorted[i] as number) - mean;
    ss += d * d;
  }
  out[offset] = mean;
  out[offset + 1] = ss / n;
  for (let k = 0; k < STATNN_QUANTILES.length; k++) out[offset + 2 + k] = sortedQuantile(sorted, STATNN_QUANTILES[k] as number);
  return out;
}
