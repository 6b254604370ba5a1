import { GeoError, assertSameLength } from '@geo/core';
import { asMatrix } from './input.js';
import type { MlpWeights } from './mlp-weights.js';
import { snapshotFeatures } from './snapshot-features.js';
import type { SnapshotFeatureOptions } from './snapshot-features.js';

/**
 * Euclidean distances between the rows of a row-major `rows x cols` matrix (one snapshot per
 * row): D_ts = |x_t - x_s|. Summed over explicit differences rather than through the Gram
 * matrix, so distances between nearly equal snapshots (twins 1e-8 apart) keep full relative
 * accuracy.
 *
 * @example
 * pairwiseDistances([0, 0, 3, 4], 2, 2) // Float64Array [0, 5, 5, 0]
 */
export function pairwiseDistances(x: ArrayLike<number>, rows: number, cols: number, out?: Float64Array): Float64Array {
  const data = asMatrix(x, rows, cols, 'x');
  const d = out ?? new Float64Array(rows * rows);
  if (d.length !== rows * rows) {
    throw new GeoError('BAD_LENGTH', `out must have length ${rows * rows}, got ${d.length}`, { argument: 'out', expected: rows * rows, actual: d.length });
  }
  for (let t = 0; t < rows; t++) {
    d[t * rows + t] = 0;
    const to = t * cols;
    for (let s = 0; s < t; s++) {
      const so = s * cols;
      let acc = 0;
      for (let k = 0; k < cols; k++) {
        const diff = (data[to + k] as number) - (data[so + k] as number);
        acc += diff * diff;
      }
      const v = Math.sqrt(acc);
      d[t * rows + s] = v;
      d[s * rows + t] = v;
    }
  }
  return d;
}

/**
 * The distance matrix of an MLP training trajectory under the chosen snapshot distance
 * (parameter Euclidean, signed-adjacency Frobenius or spectral; optionally hidden-unit
 * permutation invariant): T x T, row-major.
 *
 * @example
 * trajectoryDistanceMatrix(snapshots, { distance: 'spectral' })
 */
export function trajectoryDistanceMatrix(snapshots: readonly MlpWeights[], options: SnapshotFeatureOptions = {}): Float64Array {
  const f = snapshotFeatures(snapshots, options);
  return pairwiseDistances(f.data, f.rows, f.cols);
}

/**
 * Row-wise separation of two trajectories of the same shape: d(t) = |a_t - b_t| for each of
 * the `rows` snapshots (`cols` values each). With `cols = 1` it is |a_t - b_t| of scalar series.
 *
 * @example
 * separation([0, 0, 1, 1], [0, 1, 1, 1], 2, 2) // Float64Array [1, 0]
 */
export function separation(a: ArrayLike<number>, b: ArrayLike<number>, rows: number, cols: number, out?: Float64Array): Float64Array {
  const x = asMatrix(a, rows, cols, 'a');
  const y = asMatrix(b, rows, cols, 'b');
  assertSameLength(x, y, 'a', 'b');
  const d = out ?? new Float64Array(rows);
  if (d.length !== rows) throw new GeoError('BAD_LENGTH', `out must have length ${rows}, got ${d.length}`, { argument: 'out', expected: rows, actual: d.length });
  for (let t = 0; t < rows; t++) {
    let acc = 0;
    for (let k = 0; k < cols; k++) {
      const diff = (x[t * cols + k] as number) - (y[t * cols + k] as number);
      acc += diff * diff;
    }
    d[t] = Math.sqrt(acc);
  }
  return d;
}
