import { GeoError, assertArrayLike, assertFinite, assertInteger, assertShape } from '@geo/core';

/** Validates a row-major `rows x cols` buffer of finite numbers and returns it as a Float64Array (copying only when needed). */
export function asMatrix(x: ArrayLike<number>, rows: number, cols: number, name: string): Float64Array {
  assertInteger(rows, `${name} rows`, { min: 0 });
  assertInteger(cols, `${name} cols`, { min: 0 });
  assertArrayLike(x, name);
  assertShape(x, [rows, cols], name);
  assertFinite(x, name);
  return x instanceof Float64Array ? x : Float64Array.from(x);
}

/** Validates a vector of finite numbers (at least `minLength` long) and returns it as a Float64Array. */
export function asVector(x: ArrayLike<number>, name: string, minLength = 0): Float64Array {
  assertArrayLike(x, name);
  if (x.length < minLength) {
    throw new GeoError('BAD_LENGTH', `${name} must hold at least ${minLength} values, got ${x.length}`, {
      argument: name,
      expected: `>= ${minLength}`,
      actual: x.length,
    });
  }
  assertFinite(x, name);
  return x instanceof Float64Array ? x : Float64Array.from(x);
}

/**
 * Validates a square distance matrix: n x n (n inferred from the length when not given),
 * finite, non-negative, zero diagonal and symmetric within `1e-9` relative.
 */
export function asDistanceMatrix(d: ArrayLike<number>, name: string, n?: number): { data: Float64Array; n: number } {
  assertArrayLike(d, name);
  const size = n ?? Math.round(Math.sqrt(d.length));
  assertInteger(size, `${name} size`, { min: 1 });
  assertShape(d, [size, size], name);
  assertFinite(d, name);
  let max = 0;
  for (let i = 0; i < d.length; i++) {
    const v = d[i] as number;
    if (v < 0) {
      throw new GeoError('OUT_OF_DOMAIN', `${name}[${i}] is a negative distance (${v})`, { argument: name, expected: '>= 0', actual: v });
    }
    if (v > max) max = v;
  }
  for (let i = 0; i < size; i++) {
    if ((d[i * size + i] as number) !== 0) {
      throw new GeoError('OUT_OF_DOMAIN', `${name} must have a zero diagonal; entry (${i}, ${i}) is ${d[i * size + i]}`, {
        argument: name,
        expected: 0,
        actual: d[i * size + i],
      });
    }
    for (let j = 0; j < i; j++) {
      const gap = Math.abs((d[i * size + j] as number) - (d[j * size + i] as number));
      if (gap > 1e-9 * max) {
        throw new GeoError('OUT_OF_DOMAIN', `${name} must be symmetric: (${i}, ${j}) and (${j}, ${i}) differ by ${gap}`, {
          argument: name,
          expected: 'symmetric',
          actual: gap,
        });
      }
    }
  }
  return { data: d instanceof Float64Array ? d : Float64Array.from(d), n: size };
}

/** Throws OUT_OF_RANGE for an unknown option key value pair, naming it. */
export function badOption(name: string, actual: unknown, expected: string): never {
  throw new GeoError('OUT_OF_RANGE', `${name} must be ${expected}, got ${String(actual)}`, { argument: name, expected, actual });
}
