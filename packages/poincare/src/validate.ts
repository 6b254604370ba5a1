// Input checks at the API edge: every refusal is a GeoError naming the argument.
import { GeoError, assertFinite, assertInteger, assertPositive, describe } from '@geo/core';
import { gapAt, normAt } from './numeric.js';

/** c is a finite number > 0. */
export function checkCurvature(c: unknown): asserts c is number {
  assertPositive(c, 'c');
}

/** A finite vector (array or typed array). */
export function checkVector(x: ArrayLike<number>, name: string, length?: number): void {
  assertFinite(x, name);
  if (length !== undefined && x.length !== length) {
    throw new GeoError('BAD_LENGTH', `${name} must have length ${length}, got ${x.length}`, {
      argument: name,
      expected: length,
      actual: x.length,
    });
  }
  if (x.length === 0) {
    throw new GeoError('BAD_LENGTH', `${name} must not be empty`, { argument: name, expected: '>= 1', actual: 0 });
  }
}

function outsideError(name: string, x: ArrayLike<number>, o: number, d: number, c: number): GeoError {
  const r = normAt(x, o, d);
  return new GeoError('OUT_OF_DOMAIN', `${name} must lie inside the ball of radius 1/sqrt(c) = ${1 / Math.sqrt(c)}, got norm ${r}`, {
    argument: name,
    expected: `norm < ${1 / Math.sqrt(c)}`,
    actual: r,
  });
}

/** A finite point strictly inside the ball; returns its accurate gap 1 - c|x|^2. */
export function checkPoint(x: ArrayLike<number>, c: number, name: string, length?: number): number {
  checkVector(x, name, length);
  const g = gapAt(x, 0, x.length, c);
  if (!(g > 0)) throw outsideError(name, x, 0, x.length, c);
  return g;
}

/** Row `row` of a batch is a point inside the ball: its gap, or a GeoError naming `name[row]`. */
export function rowGap(x: ArrayLike<number>, o: number, d: number, c: number, name: string, row: number): number {
  const g = gapAt(x, o, d, c);
  if (g > 0) return g;
  if (Number.isNaN(g) || !Number.isFinite(g)) throw rowNotFinite(x, o, d, name, row);
  throw outsideError(`${name}[${row}]`, x, o, d, c);
}

/** The GeoError for a row holding a non-finite entry (or a generic one if none is found). */
export function rowNotFinite(x: ArrayLike<number>, o: number, d: number, name: string, row: number): GeoError {
  for (let i = 0; i < d; i++) {
    const v = x[o + i] as number;
    if (!Number.isFinite(v)) {
      return new GeoError('NOT_FINITE', `${name}[${row}, ${i}] must be a finite number, got ${describe(v)}`, {
        argument: `${name}[${row}, ${i}]`,
        expected: 'finite number',
        actual: v,
      });
    }
  }
  return new GeoError('NOT_FINITE', `${name}[${row}] is not finite`, { argument: `${name}[${row}]` });
}

/** Checks a tangent-vector row for finiteness cheaply (through its norm) and returns the norm. */
export function rowNorm(x: ArrayLike<number>, o: number, d: number, name: string, row: number): number {
  const r = normAt(x, o, d);
  if (!Number.isFinite(r)) throw rowNotFinite(x, o, d, name, row);
  return r;
}

/** Row-major batch: `x.length` is a multiple of `dim`; returns the number of rows. */
export function checkBatch(x: ArrayLike<number>, dim: number, name: string): number {
  if (!Array.isArray(x) && !ArrayBuffer.isView(x)) {
    throw new GeoError('BAD_TYPE', `${name} must be an array or typed array of numbers, got ${describe(x)}`, { argument: name });
  }
  assertInteger(dim, 'dim', { min: 1 });
  if (x.length % dim !== 0) {
    throw new GeoError('BAD_SHAPE', `${name} must hold whole rows of length ${dim}, got ${x.length} entries`, {
      argument: name,
      expected: `a multiple of ${dim}`,
      actual: x.length,
    });
  }
  return x.length / dim;
}

/**
 * Two batches that broadcast: same row count, or one of them a single row.
 * Returns the output row count.
 */
export function broadcastRows(na: number, nb: number, nameA: string, nameB: string): number {
  if (na === nb || nb === 1) return na;
  if (na === 1) return nb;
  throw new GeoError('BAD_SHAPE', `${nameA} and ${nameB} must have the same number of rows (or one row), got ${na} and ${nb}`, {
    argument: nameB,
    expected: na,
    actual: nb,
  });
}

/** An `out` buffer of exactly `length` entries, or a fresh one. */
export function outBuffer(out: Float64Array | undefined, length: number, name = 'out'): Float64Array {
  if (out === undefined) return new Float64Array(length);
  if (!(out instanceof Float64Array)) {
    throw new GeoError('BAD_TYPE', `${name} must be a Float64Array, got ${describe(out)}`, { argument: name });
  }
  if (out.length !== length) {
    throw new GeoError('BAD_LENGTH', `${name} must have length ${length}, got ${out.length}`, {
      argument: name,
      expected: length,
      actual: out.length,
    });
  }
  return out;
}
