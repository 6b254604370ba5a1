import type { Matrix } from '@geo/core';
import { toPoints } from './input.js';
import type { PointsInput } from './input.js';

/**
 * Euclidean distances from point `i` to every point of the row-major `data` (n x d), into `out`.
 * Differences are taken coordinate by coordinate (no Gram trick), so close pairs keep full accuracy.
 */
export function distancesFrom(data: Float64Array, n: number, d: number, i: number, out: Float64Array): Float64Array {
  const oi = i * d;
  for (let j = 0; j < n; j++) {
    const oj = j * d;
    let s = 0;
    for (let c = 0; c < d; c++) {
      const diff = (data[oi + c] as number) - (data[oj + c] as number);
      s += diff * diff;
    }
    out[j] = Math.sqrt(s);
  }
  return out;
}

/** Dense Euclidean distance matrix of validated points (internal: no edge checks). */
export function distanceMatrixOf(m: Matrix, out: Float64Array = new Float64Array(m.rows * m.rows)): Float64Array {
  const { data, rows: n, cols: d } = m;
  for (let i = 0; i < n; i++) {
    out[i * n + i] = 0;
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) {
        const diff = (data[i * d + c] as number) - (data[j * d + c] as number);
        s += diff * diff;
      }
      const v = Math.sqrt(s);
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return out;
}

/**
 * The n x n matrix of Euclidean distances between the rows of X (row-major Float64Array).
 *
 * @example
 * pairwiseDistances([[0, 0], [3, 4]]) // Float64Array [0, 5, 5, 0]
 */
export function pairwiseDistances(X: PointsInput, out?: Float64Array): Float64Array {
  const m = toPoints(X, 'X');
  return distanceMatrixOf(m, out);
}
