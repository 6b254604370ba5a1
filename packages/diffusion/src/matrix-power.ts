import { GeoError, assertInteger, gemm } from '@geo/core';
import { toSquare } from './input.js';
import type { SquareInput } from './input.js';

/** Internal: M^t by repeated squaring (t >= 0 integer), with @geo/core's gemm. */
export function powerOf(M: Float64Array, n: number, t: number): Float64Array {
  let result: Float64Array | null = null;
  let base: Float64Array = M.slice();
  let e = t;
  let tmp: Float64Array = new Float64Array(n * n);
  while (e > 0) {
    if (e & 1) {
      if (result === null) result = base.slice();
      else {
        gemm(result, base, n, n, n, tmp);
        const swap: Float64Array = result;
        result = tmp;
        tmp = swap;
      }
    }
    e >>= 1;
    if (e > 0) {
      gemm(base, base, n, n, n, tmp);
      const swap = base;
      base = tmp;
      tmp = swap;
    }
  }
  if (result === null) {
    result = new Float64Array(n * n);
    for (let i = 0; i < n; i++) result[i * n + i] = 1;
  }
  return result;
}

/**
 * The t-th power of a square matrix (t a non-negative integer), by repeated squaring:
 * about 2 log2(t) dense products.
 *
 * @example
 * matrixPower([[0.5, 0.5], [0.5, 0.5]], 3) // Float64Array [0.5, 0.5, 0.5, 0.5]
 */
export function matrixPower(M: SquareInput, t: number): Float64Array {
  const { data, n } = toSquare(M, 'M');
  assertInteger(t, 't', { min: 0 });
  if (t > 2 ** 30) throw new GeoError('OUT_OF_RANGE', `t = ${t} is too large`, { argument: 't', expected: '<= 2^30', actual: t });
  return powerOf(data, n, t);
}
