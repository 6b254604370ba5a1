import { GeoError, assertInteger } from '@geo/core';

/** Per-feature bin edges: value x of feature f falls in bin b = #{edges[f] < x}, so bin <= b exactly when x <= edges[f][b]. */
export interface BinMapper {
  readonly edges: readonly Float64Array[];
  /** The histogram stride: the largest number of bins any feature may use (<= 256). */
  readonly maxBins: number;
}

/** Index of the first edge >= x (binary search), i.e. x's bin. */
export function binOf(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((edges[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Quantile bins per feature (as LightGBM and scikit-learn's HistGradientBoosting): with at
 * most `maxBins` distinct values, one bin per value (edges at the midpoints, so any split
 * between two observed values is reachable); otherwise edges at the quantiles
 * k / maxBins (numpy `linear`), duplicates dropped. A constant feature gets one bin.
 *
 * @example
 * fitBins(Float64Array.of(1, 2, 3), 3, 1, 64).edges[0] // Float64Array [1.5, 2.5]
 */
export function fitBins(x: Float64Array, n: number, d: number, maxBins = 64): BinMapper {
  assertInteger(maxBins, 'maxBins', { min: 2, max: 256 });
  const edges: Float64Array[] = [];
  const col = new Float64Array(n);
  for (let f = 0; f < d; f++) {
    for (let i = 0; i < n; i++) col[i] = x[i * d + f] as number;
    col.sort();
    const distinct: number[] = [];
    for (let i = 0; i < n; i++) if (i === 0 || (col[i] as number) !== (col[i - 1] as number)) distinct.push(col[i] as number);
    const e: number[] = [];
    if (distinct.length <= maxBins) {
      for (let k = 0; k + 1 < distinct.length; k++) e.push(0.5 * ((distinct[k] as number) + (distinct[k + 1] as number)));
    } else {
      for (let k = 1; k < maxBins; k++) {
        const pos = (k / maxBins) * (n - 1);
        const lo = Math.floor(pos);
        const a = col[lo] as number;
        const v = pos === lo ? a : a + (pos - lo) * ((col[Math.min(lo + 1, n - 1)] as number) - a);
        // An edge at the maximum would leave the last bin empty.
        if (v < (col[n - 1] as number) && (e.length === 0 || v > (e[e.length - 1] as number))) e.push(v);
      }
    }
    edges.push(Float64Array.from(e));
  }
  return { edges, maxBins };
}

/** Bins a row-major n x d matrix: Uint8Array n x d, row-major (a row's bins sit together, as the histogram loop reads them). */
export function applyBins(mapper: BinMapper, x: Float64Array, n: number, d: number): Uint8Array {
  if (mapper.edges.length !== d) {
    throw new GeoError('BAD_SHAPE', `x has ${d} features but the bins were fitted on ${mapper.edges.length}`, { argument: 'x', expected: mapper.edges.length, actual: d });
  }
  const out = new Uint8Array(n * d);
  for (let f = 0; f < d; f++) {
    const e = mapper.edges[f] as Float64Array;
    for (let i = 0; i < n; i++) out[i * d + f] = binOf(e, x[i * d + f] as number);
  }
  return out;
}
