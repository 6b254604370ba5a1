// Projection back inside the ball.
import { assertFinite, assertInRange } from '@geo/core';
import { normAt } from './numeric.js';
import { checkBatch, checkCurvature, outBuffer } from './validate.js';

/**
 * Default margins of `project`, relative to the radius, per storage type: a projected point
 * keeps sqrt(c)|x| <= 1 - eps after rounding to that type, so lambda_x and artanh stay finite.
 * Float64 matches the margin every operation keeps its results at; float32 is the tf face's.
 */
export const PROJECT_EPS = { float64: 1e-15, float32: 1e-5 } as const;

function defaultEps(x: ArrayLike<number>): number {
  return x instanceof Float32Array ? PROJECT_EPS.float32 : PROJECT_EPS.float64;
}

function projectRow(x: ArrayLike<number>, xo: number, d: number, c: number, eps: number, out: Float64Array, oo: number): void {
  const maxr = (1 - eps) / Math.sqrt(c);
  const r = normAt(x, xo, d);
  // A few ulps of slack so that projecting a projected point changes nothing (idempotence).
  const f = r > maxr * (1 + 8 * Number.EPSILON) ? maxr / r : 1;
  for (let i = 0; i < d; i++) out[oo + i] = (x[xo + i] as number) * f;
}

/**
 * Brings any finite vector back inside the ball: scaled to radius (1 - eps)/sqrt(c) when it
 * lies further out, returned unchanged otherwise. `eps` defaults to PROJECT_EPS for the
 * input's type (Float32Array: float32, anything else: float64).
 *
 * @example
 * project([3, 4], 1) // Float64Array [0.6 - 6e-16, 0.8 - 8e-16]
 */
export function project(x: ArrayLike<number>, c: number, eps?: number): Float64Array {
  checkCurvature(c);
  assertFinite(x, 'x');
  const e = eps ?? defaultEps(x);
  assertInRange(e, 'eps', { min: 0, max: 1, minInclusive: false, maxInclusive: false });
  const out = new Float64Array(x.length);
  projectRow(x, 0, x.length, c, e, out, 0);
  return out;
}

/**
 * `project` for every row of a row-major (n x dim) batch. `out` may be x.
 *
 * @example
 * projectBatch(new Float64Array([3, 4, 0.1, 0]), 2, 1)
 */
export function projectBatch(x: ArrayLike<number>, dim: number, c: number, eps?: number, out?: Float64Array): Float64Array {
  checkCurvature(c);
  const n = checkBatch(x, dim, 'x');
  assertFinite(x, 'x');
  const e = eps ?? defaultEps(x);
  assertInRange(e, 'eps', { min: 0, max: 1, minInclusive: false, maxInclusive: false });
  const o = outBuffer(out, n * dim);
  for (let r = 0; r < n; r++) projectRow(x, r * dim, dim, c, e, o, r * dim);
  return o;
}
