import { GeoError } from '@geo/core';
import { toPoints } from './input.js';
import type { PointsInput } from './input.js';
import { singularValues } from './singular-values.js';

/**
 * Procrustes disparity between two configurations of the same n points in k dimensions, as
 * scipy.spatial.procrustes defines it: both are centred and scaled to unit Frobenius norm, B is
 * optimally rotated (reflections allowed) and scaled onto A, and the disparity is the remaining
 * sum of squared differences, 1 - (sum of singular values of A^T B)^2. 0 means equal up to a
 * similarity transform; at most 1.
 *
 * @example
 * procrustesDisparity([[0, 0], [1, 0], [0, 1]], [[0, 0], [0, 2], [-2, 0]]) // ~0 (rotated, scaled)
 */
export function procrustesDisparity(A: PointsInput, B: PointsInput): number {
  const a = toPoints(A, 'A', 2);
  const b = toPoints(B, 'B', 2);
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new GeoError('BAD_SHAPE', `A and B must have the same shape, got ${a.rows} x ${a.cols} and ${b.rows} x ${b.cols}`, { argument: 'B', expected: [a.rows, a.cols], actual: [b.rows, b.cols] });
  }
  const n = a.rows;
  const k = a.cols;
  const std = (m: Float64Array, name: string): Float64Array => {
    const x = m.slice();
    for (let c = 0; c < k; c++) {
      let mean = 0;
      for (let i = 0; i < n; i++) mean += x[i * k + c] as number;
      mean /= n;
      for (let i = 0; i < n; i++) x[i * k + c] = (x[i * k + c] as number) - mean;
    }
    let norm = 0;
    for (let i = 0; i < x.length; i++) norm += (x[i] as number) ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) throw new GeoError('OUT_OF_DOMAIN', `${name} has all points equal: Procrustes needs spread`, { argument: name });
    for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) / norm;
    return x;
  };
  const x = std(a.data, 'A');
  const y = std(b.data, 'B');
  const M = new Float64Array(k * k);
  for (let i = 0; i < n; i++) for (let p = 0; p < k; p++) for (let q = 0; q < k; q++) M[p * k + q] = (M[p * k + q] as number) + (x[i * k + p] as number) * (y[i * k + q] as number);
  const s = singularValues(M, k);
  let trace = 0;
  for (let i = 0; i < k; i++) trace += s[i] as number;
  return Math.max(0, 1 - trace * trace);
}
