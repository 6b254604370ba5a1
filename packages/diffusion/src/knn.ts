import { assertInteger } from '@geo/core';
import { distanceMatrixOf } from './distances.js';
import { toDistanceMatrix, toPoints } from './input.js';
import type { PointsInput, SquareInput } from './input.js';

/**
 * Distance to the k-th nearest neighbour of `self` in a row of distances, the point itself
 * excluded (duplicates of it count, at distance 0). `scratch` holds k values.
 */
export function kthNeighbourDistance(row: Float64Array, n: number, self: number, k: number, scratch: Float64Array): number {
  // Keep the k smallest in ascending order by insertion: O(n k), fine for the small k used here.
  let filled = 0;
  for (let j = 0; j < n; j++) {
    if (j === self) continue;
    const v = row[j] as number;
    if (filled < k) {
      let p = filled++;
      while (p > 0 && (scratch[p - 1] as number) > v) {
        scratch[p] = scratch[p - 1] as number;
        p--;
      }
      scratch[p] = v;
    } else if (v < (scratch[k - 1] as number)) {
      let p = k - 1;
      while (p > 0 && (scratch[p - 1] as number) > v) {
        scratch[p] = scratch[p - 1] as number;
        p--;
      }
      scratch[p] = v;
    }
  }
  return scratch[k - 1] as number;
}

export interface KnnOptions {
  /** Treat the input as an n x n distance matrix (default false). */
  readonly precomputed?: boolean;
  /** Symmetrise: i ~ j when either is among the other's k nearest (default false: row i marks i's neighbours). */
  readonly symmetric?: boolean;
}

/**
 * The k-nearest-neighbour adjacency matrix (n x n, 0/1): A_ij = 1 when j is among the k nearest
 * neighbours of i (i itself excluded; ties broken by index). The manifold-of-networks paper's
 * second alternative characterises a network by this matrix with k = 5.
 *
 * @example
 * knnAdjacency([[0], [1], [3]], 1) // Float64Array [0,1,0, 1,0,0, 0,1,0]
 */
export function knnAdjacency(X: PointsInput | SquareInput, k: number, options: KnnOptions = {}): Float64Array {
  let dist: Float64Array;
  let n: number;
  if (options.precomputed === true) {
    ({ data: dist, n } = toDistanceMatrix(X as SquareInput, 'X'));
  } else {
    const m = toPoints(X as PointsInput, 'X', 2);
    n = m.rows;
    dist = distanceMatrixOf(m);
  }
  assertInteger(k, 'k', { min: 1, max: n - 1 });
  const out = new Float64Array(n * n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) order[j] = j;
    const row = dist.subarray(i * n, i * n + n);
    const sorted = Array.from(order).filter((j) => j !== i).sort((a, b) => (row[a] as number) - (row[b] as number) || a - b);
    for (let p = 0; p < k; p++) out[i * n + (sorted[p] as number)] = 1;
  }
  if (options.symmetric === true) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) {
        const v = Math.max(out[i * n + j] as number, out[j * n + i] as number);
        out[i * n + j] = v;
        out[j * n + i] = v;
      }
    }
  }
  return out;
}
