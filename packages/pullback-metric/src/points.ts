import { GeoError, assertFinite, assertInteger, toMatrix, type MatrixInput } from '@geo/core';

/** A batch of points: an array of rows, `{ data, rows, cols }`, or a flat row-major buffer. */
export type PointsInput = MatrixInput | Float64Array | Float32Array | readonly number[];

/** A validated batch: `count` points of dimension `dim`, row-major float64. */
export interface Points {
  readonly data: Float64Array;
  readonly count: number;
  readonly dim: number;
}

/**
 * Coerces `input` into `count x dim` float64 points (the edge check every batched function
 * runs: shapes and finiteness, GeoErrors naming `name`). A flat buffer (typed array or array
 * of numbers) is read as row-major points of dimension `dim`; rows must have `dim` entries.
 *
 * @example
 * toPoints([1, 2, 3, 4], 2, 'x') // { data: Float64Array [1, 2, 3, 4], count: 2, dim: 2 }
 */
export function toPoints(input: PointsInput, dim: number, name: string): Points {
  assertInteger(dim, 'dim', { min: 1 });
  const flat = ArrayBuffer.isView(input) || (Array.isArray(input) && (input.length === 0 || typeof input[0] === 'number'));
  if (flat) {
    const a = input as ArrayLike<number>;
    if (a.length % dim !== 0 || a.length === 0) {
      throw new GeoError('BAD_SHAPE', `${name} must hold a positive multiple of ${dim} entries (points of dimension ${dim}), got ${a.length}`, {
        argument: name,
        expected: `k * ${dim}`,
        actual: a.length,
      });
    }
    assertFinite(a, name);
    const data = a instanceof Float64Array ? a : Float64Array.from(a);
    return { data, count: a.length / dim, dim };
  }
  const m = toMatrix(input as MatrixInput, name);
  if (m.cols !== dim || m.rows === 0) {
    throw new GeoError('BAD_SHAPE', `${name} must be a non-empty batch of points with ${dim} coordinates, got ${m.rows} x ${m.cols}`, {
      argument: name,
      expected: [null, dim],
      actual: [m.rows, m.cols],
    });
  }
  return { data: m.data, count: m.rows, dim };
}
