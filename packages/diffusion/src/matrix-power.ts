import { GeoError, assertInteger, gemm } from '@geo/core';
import { toSquare } from './input.js';
import type { SquareInput } from './input.js';

/**
 * Internal: M^t for a non-negative integer t. A sparse M (as diffusion operators of
 * thresholded kernels are) is powered by t sparse-times-dense products, O(t nnz n); a dense
 * one by repeated squaring with @geo/core's gemm, O(2 log2(t) n^3). Whichever costs less.
 */
export function powerOf(M: Float64Array, n: number, t: number): Float64Array {
  let nnz = 0;
  for (let i = 0; i < n * n; i++) if (M[i] !== 0) nnz++;
  const squarings = t > 0 ? Math.floor(Math.log2(t)) + popcount(t) - 1 : 0;
  // gemm runs about 4x faster per flop than the scalar sparse loop.
  if (t > 1 && (t - 1) * nnz * 4 < squarings * n * n * 2) return sparsePower(M, n, t);
  return densePower(M, n, t);
}

function popcount(x: number): number {
  let c = 0;
  for (let v = x; v > 0; v >>= 1) c += v & 1;
  return c;
}

function sparsePower(M: Float64Array, n: number, t: number): Float64Array {
  const rowPtr = new Int32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = M[i * n + j] as number;
      if (v !== 0) {
        cols.push(j);
        vals.push(v);
      }
    }
    rowPtr[i + 1] = cols.length;
  }
  let cur: Float64Array = M.slice();
  let next: Float64Array = new Float64Array(n * n);
  for (let step = 1; step < t; step++) {
    next.fill(0);
    // next = M cur, row by row: next[i, :] = sum_j M_ij cur[j, :].
    for (let i = 0; i < n; i++) {
      const oi = i * n;
      for (let p = rowPtr[i] as number; p < (rowPtr[i + 1] as number); p++) {
        const w = vals[p] as number;
        const oj = (cols[p] as number) * n;
        for (let c = 0; c < n; c++) next[oi + c] = (next[oi + c] as number) + w * (cur[oj + c] as number);
      }
    }
    const swap = cur;
    cur = next;
    next = swap;
  }
  return cur;
}

function densePower(M: Float64Array, n: number, t: number): Float64Array {
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
