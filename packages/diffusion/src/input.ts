import { GeoError, assertFinite, toMatrix } from '@geo/core';
import type { Matrix, MatrixInput } from '@geo/core';

/** Points: an array of rows, or a row-major buffer with its shape `{ data, rows, cols }`. */
export type PointsInput = MatrixInput;

/**
 * A square matrix: an array of rows, `{ data, rows, cols }`, or a bare row-major buffer of
 * length n^2 (n is its square root).
 */
export type SquareInput = MatrixInput | Float64Array | readonly number[];

/** Validates points at the edge (finite, rectangular, at least `minRows` rows). */
export function toPoints(x: PointsInput, name: string, minRows = 1): Matrix {
  const m = toMatrix(x, name);
  if (m.rows < minRows) {
    throw new GeoError('BAD_SHAPE', `${name} needs at least ${minRows} rows, got ${m.rows}`, { argument: name, expected: `>= ${minRows} rows`, actual: m.rows });
  }
  if (m.cols < 1) throw new GeoError('BAD_SHAPE', `${name} needs at least one column`, { argument: name, expected: '>= 1 column', actual: m.cols });
  return m;
}

/** Validates a square matrix at the edge; returns its row-major data and n. */
export function toSquare(x: SquareInput, name: string): { data: Float64Array; n: number } {
  if (x instanceof Float64Array || (Array.isArray(x) && (x.length === 0 || typeof x[0] === 'number'))) {
    const flat = x as ArrayLike<number>;
    const n = Math.round(Math.sqrt(flat.length));
    if (n * n !== flat.length || n === 0) {
      throw new GeoError('BAD_SHAPE', `${name} must hold n^2 entries of a square matrix, got ${flat.length}`, { argument: name, expected: 'n * n entries', actual: flat.length });
    }
    assertFinite(flat, name);
    return { data: flat instanceof Float64Array ? flat : Float64Array.from(flat), n };
  }
  const m = toMatrix(x as MatrixInput, name);
  if (m.rows !== m.cols || m.rows === 0) {
    throw new GeoError('BAD_SHAPE', `${name} must be a non-empty square matrix, got ${m.rows} x ${m.cols}`, { argument: name, expected: 'n x n', actual: [m.rows, m.cols] });
  }
  return { data: m.data, n: m.rows };
}

/** Labels at the edge: integers (any values), length n. Returns them remapped to 0..c-1 in order of first appearance. */
export function toLabels(labels: ArrayLike<number>, name: string, n?: number): { codes: Int32Array; count: number } {
  if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
    throw new GeoError('BAD_TYPE', `${name} must be an array of integer labels`, { argument: name });
  }
  if (n !== undefined && labels.length !== n) {
    throw new GeoError('BAD_LENGTH', `${name} must have ${n} labels, got ${labels.length}`, { argument: name, expected: n, actual: labels.length });
  }
  const map = new Map<number, number>();
  const codes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i] as number;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new GeoError('NOT_INTEGER', `${name}[${i}] must be an integer label, got ${String(v)}`, { argument: `${name}[${i}]`, expected: 'integer', actual: v });
    }
    let c = map.get(v);
    if (c === undefined) {
      c = map.size;
      map.set(v, c);
    }
    codes[i] = c;
  }
  return { codes, count: map.size };
}

/** A square matrix that must be a distance matrix: non-negative, symmetric (relative 1e-10), zero diagonal tolerated within that. */
export function toDistanceMatrix(x: SquareInput, name: string): { data: Float64Array; n: number } {
  const sq = toSquare(x, name);
  const { data, n } = sq;
  let maxAbs = 0;
  for (let i = 0; i < n * n; i++) {
    const v = data[i] as number;
    if (v < 0) {
      throw new GeoError('OUT_OF_DOMAIN', `${name} must be non-negative: entry ${i} is ${v}`, { argument: name, expected: '>= 0', actual: v });
    }
    if (v > maxAbs) maxAbs = v;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const gap = Math.abs((data[i * n + j] as number) - (data[j * n + i] as number));
      if (gap > 1e-10 * maxAbs) {
        throw new GeoError('OUT_OF_DOMAIN', `${name} must be symmetric: ${name}[${i}][${j}] - ${name}[${j}][${i}] = ${gap}`, { argument: name, expected: 'symmetric', actual: gap });
      }
    }
  }
  return sq;
}
