// Changes of model: Poincaré <-> Klein (Beltrami) and Poincaré <-> hyperboloid (Lorentz).
import { GeoError, assertFinite } from '@geo/core';
import { clampRow, sumsq } from './numeric.js';
import { checkBatch, checkCurvature, checkPoint, checkVector, outBuffer, rowGap } from './validate.js';

/**
 * Relative tolerance on the sheet equation -h0^2 + |h_s|^2 = -1/c for hyperboloid inputs:
 * loose enough for points stored in float32, tight enough to catch a wrong model or sign.
 */
export const HYPERBOLOID_SHEET_RTOL = 1e-5;

function kleinRow(x: ArrayLike<number>, xo: number, d: number, c: number, out: Float64Array, oo: number): void {
  const f = 2 / (1 + c * sumsq(x, xo, d));
  for (let i = 0; i < d; i++) out[oo + i] = f * (x[xo + i] as number);
  clampRow(out, oo, d, c);
}

/**
 * Poincaré ball -> Klein ball (same radius 1/sqrt(c)): k = 2x / (1 + c|x|^2).
 *
 * @example
 * poincareToKlein([0.5, 0], 1) // Float64Array [0.8, 0]
 */
export function poincareToKlein(x: ArrayLike<number>, c: number): Float64Array {
  checkCurvature(c);
  checkPoint(x, c, 'x');
  const out = new Float64Array(x.length);
  kleinRow(x, 0, x.length, c, out, 0);
  return out;
}

function fromKleinRow(k: ArrayLike<number>, ko: number, gk: number, d: number, out: Float64Array, oo: number): void {
  const f = 1 / (1 + Math.sqrt(gk));
  for (let i = 0; i < d; i++) out[oo + i] = f * (k[ko + i] as number);
}

/**
 * Klein ball -> Poincaré ball: x = k / (1 + sqrt(1 - c|k|^2)), with 1 - c|k|^2 in double-double.
 *
 * @example
 * kleinToPoincare([0.8, 0], 1) // Float64Array [0.5, 0]
 */
export function kleinToPoincare(k: ArrayLike<number>, c: number): Float64Array {
  checkCurvature(c);
  const gk = checkPoint(k, c, 'k');
  const out = new Float64Array(k.length);
  fromKleinRow(k, 0, gk, k.length, out, 0);
  return out;
}

function hyperboloidRow(x: ArrayLike<number>, xo: number, gx: number, d: number, c: number, out: Float64Array, oo: number): void {
  const f = 2 / gx;
  out[oo] = (1 + c * sumsq(x, xo, d)) / (Math.sqrt(c) * gx);
  for (let i = 0; i < d; i++) out[oo + 1 + i] = f * (x[xo + i] as number);
}

/**
 * Poincaré ball -> upper sheet of the hyperboloid -h0^2 + |h_s|^2 = -1/c (time coordinate
 * first, length d + 1): h0 = (1 + c|x|^2) / (sqrt(c)(1 - c|x|^2)), h_s = 2x / (1 - c|x|^2).
 *
 * @example
 * poincareToHyperboloid([0, 0], 1) // Float64Array [1, 0, 0]
 */
export function poincareToHyperboloid(x: ArrayLike<number>, c: number): Float64Array {
  checkCurvature(c);
  const gx = checkPoint(x, c, 'x');
  const out = new Float64Array(x.length + 1);
  hyperboloidRow(x, 0, gx, x.length, c, out, 0);
  return out;
}

function checkSheet(h: ArrayLike<number>, ho: number, d1: number, c: number, name: string): void {
  const h0 = h[ho] as number;
  const hs2 = sumsq(h, ho + 1, d1 - 1);
  const lhs = h0 * h0 - hs2;
  const scale = h0 * h0 + hs2 + 1 / c;
  if (!(h0 > 0) || !(Math.abs(lhs - 1 / c) <= HYPERBOLOID_SHEET_RTOL * scale)) {
    throw new GeoError('OUT_OF_DOMAIN', `${name} must lie on the upper sheet h0 > 0, h0^2 - |h_s|^2 = 1/c = ${1 / c}, got h0 = ${h0}, h0^2 - |h_s|^2 = ${lhs}`, {
      argument: name,
      expected: `h0 > 0 and h0^2 - |h_s|^2 = ${1 / c}`,
      actual: { h0, lorentz: lhs },
    });
  }
}

function fromHyperboloidRow(h: ArrayLike<number>, ho: number, d: number, c: number, out: Float64Array, oo: number): void {
  const f = 1 / (1 + Math.sqrt(c) * (h[ho] as number));
  for (let i = 0; i < d; i++) out[oo + i] = f * (h[ho + 1 + i] as number);
  clampRow(out, oo, d, c);
}

/**
 * Hyperboloid (time coordinate first) -> Poincaré ball: x = h_s / (1 + sqrt(c) h0).
 *
 * @example
 * hyperboloidToPoincare([1.25, 0.75, 0], 1) // Float64Array [0.3333333333333333, 0]
 */
export function hyperboloidToPoincare(h: ArrayLike<number>, c: number): Float64Array {
  checkCurvature(c);
  checkVector(h, 'h');
  if (h.length < 2) throw new GeoError('BAD_LENGTH', `h must have length >= 2 (time first), got ${h.length}`, { argument: 'h', expected: '>= 2', actual: h.length });
  checkSheet(h, 0, h.length, c, 'h');
  const out = new Float64Array(h.length - 1);
  fromHyperboloidRow(h, 0, h.length - 1, c, out, 0);
  return out;
}

/**
 * poincareToKlein for every row of a row-major (n x dim) batch.
 *
 * @example
 * poincareToKleinBatch(new Float64Array([0.5, 0, 0, 0.5]), 2, 1)
 */
export function poincareToKleinBatch(x: ArrayLike<number>, dim: number, c: number, out?: Float64Array): Float64Array {
  checkCurvature(c);
  const n = checkBatch(x, dim, 'x');
  const o = outBuffer(out, n * dim);
  for (let r = 0; r < n; r++) {
    rowGap(x, r * dim, dim, c, 'x', r);
    kleinRow(x, r * dim, dim, c, o, r * dim);
  }
  return o;
}

/**
 * kleinToPoincare for every row of a row-major (n x dim) batch.
 *
 * @example
 * kleinToPoincareBatch(new Float64Array([0.8, 0, 0, 0.8]), 2, 1)
 */
export function kleinToPoincareBatch(k: ArrayLike<number>, dim: number, c: number, out?: Float64Array): Float64Array {
  checkCurvature(c);
  const n = checkBatch(k, dim, 'k');
  const o = outBuffer(out, n * dim);
  for (let r = 0; r < n; r++) fromKleinRow(k, r * dim, rowGap(k, r * dim, dim, c, 'k', r), dim, o, r * dim);
  return o;
}

/**
 * poincareToHyperboloid for every row of an (n x dim) batch: an (n x (dim + 1)) result.
 *
 * @example
 * poincareToHyperboloidBatch(new Float64Array([0, 0, 0.5, 0]), 2, 1)
 */
export function poincareToHyperboloidBatch(x: ArrayLike<number>, dim: number, c: number, out?: Float64Array): Float64Array {
  checkCurvature(c);
  const n = checkBatch(x, dim, 'x');
  const o = outBuffer(out, n * (dim + 1));
  for (let r = 0; r < n; r++) hyperboloidRow(x, r * dim, rowGap(x, r * dim, dim, c, 'x', r), dim, c, o, r * (dim + 1));
  return o;
}

/**
 * hyperboloidToPoincare for every row of an (n x (dim + 1)) batch, time first: (n x dim).
 * `dim` is the ball's dimension.
 *
 * @example
 * hyperboloidToPoincareBatch(new Float64Array([1, 0, 0, 1.25, 0.75, 0]), 2, 1)
 */
export function hyperboloidToPoincareBatch(h: ArrayLike<number>, dim: number, c: number, out?: Float64Array): Float64Array {
  checkCurvature(c);
  const n = checkBatch(h, dim + 1, 'h');
  assertFinite(h, 'h');
  const o = outBuffer(out, n * dim);
  for (let r = 0; r < n; r++) {
    checkSheet(h, r * (dim + 1), dim + 1, c, `h[${r}]`);
    fromHyperboloidRow(h, r * (dim + 1), dim, c, o, r * dim);
  }
  return o;
}

