// The Einstein midpoint: weighted centroid through the Klein model (Ungar 2008; Gulcehre et al. 2019).
import { GeoError, assertFinite } from '@geo/core';
import { clampRow, gapAt, twoProdErr } from './numeric.js';
import { checkBatch, checkCurvature, checkPoint, outBuffer, rowGap } from './validate.js';

/**
 * Kernel: midpoint of rows `points[r*d..]` for r in [0, n) with weights w[wo + r] (null: all 1).
 * With k_i = 2x_i/(1 + c|x_i|^2) and gamma_i = 1/sqrt(1 - c|k_i|^2), gamma_i k_i = lambda_i x_i and
 * gamma_i = lambda_i - 1 exactly, so m = sum w_i lambda_i x_i / sum w_i (lambda_i - 1) needs no
 * square root per point; back to the ball by m / (1 + sqrt(1 - c|m|^2)).
 * `gaps` holds 1 - c|x_i|^2 per row; the weights must have a positive sum.
 */
export function einsteinMidpointKernel(
  points: ArrayLike<number>,
  gaps: ArrayLike<number>,
  n: number,
  d: number,
  w: ArrayLike<number> | null,
  wo: number,
  c: number,
  out: Float64Array,
  oo: number,
): void {
  for (let i = 0; i < d; i++) out[oo + i] = 0;
  let den = 0;
  for (let r = 0; r < n; r++) {
    const wr = w === null ? 1 : (w[wo + r] as number);
    if (wr === 0) continue;
    const g = gaps[r] as number;
    const lw = (2 * wr) / g;
    den += (wr * (2 - g)) / g;
    const po = r * d;
    for (let i = 0; i < d; i++) out[oo + i] = (out[oo + i] as number) + lw * (points[po + i] as number);
  }
  for (let i = 0; i < d; i++) out[oo + i] = (out[oo + i] as number) / den;
  const gm = gapAt(out, oo, d, c);
  if (gm > REFINE_BELOW) {
    const f = 1 / (1 + Math.sqrt(gm));
    for (let i = 0; i < d; i++) out[oo + i] = (out[oo + i] as number) * f;
  } else {
    refineNearBoundary(points, gaps, n, d, w, wo, c, out, oo);
  }
  clampRow(out, oo, d, c);
}

// Below this gap of the Klein midpoint, rounding of m costs more than 1e-14 relative: refine.
const REFINE_BELOW = 1e-4;

/**
 * The midpoint again in double-double: with A = sum a_i x_i, a_i = 2 w_i / g_i and
 * B = sum (a_i - w_i), the Klein gap 1 - c|m|^2 = (B^2 - c|A|^2) / B^2 cancels catastrophically
 * near the boundary, so A, B and B^2 - c|A|^2 are carried with ~32 digits.
 */
function refineNearBoundary(
  points: ArrayLike<number>,
  gaps: ArrayLike<number>,
  n: number,
  d: number,
  w: ArrayLike<number> | null,
  wo: number,
  c: number,
  out: Float64Array,
  oo: number,
): void {
  const ah = new Float64Array(d);
  const al = new Float64Array(d);
  let bh = 0;
  let bl = 0;
  for (let r = 0; r < n; r++) {
    const wr = w === null ? 1 : (w[wo + r] as number);
    if (wr === 0) continue;
    const g = gaps[r] as number;
    // a = 2 wr / g in double-double
    const q = (2 * wr) / g;
    const ql = (2 * wr - q * g - twoProdErr(q, g, q * g)) / g;
    // b += a - wr
    [bh, bl] = ddAdd(bh, bl, q, ql);
    [bh, bl] = ddAdd(bh, bl, -wr, 0);
    const po = r * d;
    for (let i = 0; i < d; i++) {
      const x = points[po + i] as number;
      const p = q * x;
      const pl = twoProdErr(q, x, p) + ql * x;
      const [h, l] = ddAdd(ah[i] as number, al[i] as number, p, pl);
      ah[i] = h;
      al[i] = l;
    }
  }
  // B^2 - c|A|^2
  let [sh, sl] = ddMul(bh, bl, bh, bl);
  let [th, tl] = [0, 0];
  for (let i = 0; i < d; i++) [th, tl] = ddAdd(th, tl, ...ddMul(ah[i] as number, al[i] as number, ah[i] as number, al[i] as number));
  [th, tl] = ddMul(th, tl, c, 0);
  [sh, sl] = ddAdd(sh, sl, -th, -tl);
  const b = bh + bl;
  const gm = Math.max((sh + sl) / (b * b), 0);
  const f = 1 / (b * (1 + Math.sqrt(gm)));
  for (let i = 0; i < d; i++) out[oo + i] = ((ah[i] as number) + (al[i] as number)) * f;
}

function ddAdd(ah: number, al: number, bh: number, bl: number): [number, number] {
  const s = ah + bh;
  const v = s - ah;
  const e = (ah - (s - v)) + (bh - v) + al + bl;
  const h = s + e;
  return [h, e - (h - s)];
}

function ddMul(ah: number, al: number, bh: number, bl: number): [number, number] {
  const p = ah * bh;
  const e = twoProdErr(ah, bh, p) + (ah * bl + al * bh);
  const h = p + e;
  return [h, e - (h - p)];
}

function checkWeights(weights: ArrayLike<number>, n: number, name: string, wo = 0, whole = true): void {
  if (whole) assertFinite(weights, name);
  if (whole && weights.length !== n) {
    throw new GeoError('BAD_LENGTH', `${name} must have one weight per point (${n}), got ${weights.length}`, { argument: name, expected: n, actual: weights.length });
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[wo + i] as number;
    if (!Number.isFinite(w)) throw new GeoError('NOT_FINITE', `${name}[${i}] must be finite, got ${w}`, { argument: `${name}[${i}]`, expected: 'finite number', actual: w });
    if (w < 0) throw new GeoError('OUT_OF_RANGE', `${name}[${i}] must be >= 0, got ${w}`, { argument: `${name}[${i}]`, expected: '>= 0', actual: w });
    sum += w;
  }
  if (!(sum > 0)) throw new GeoError('OUT_OF_RANGE', `${name} must have a positive sum`, { argument: name, expected: '> 0', actual: sum });
}

/**
 * The weighted Einstein midpoint of points in the Poincaré ball: map to the Klein model,
 * average with weights w_i times the Lorentz factors gamma_i, map back. Weights must be
 * non-negative with a positive sum (`undefined`: all equal). It is the gyromidpoint: equivariant
 * under isometries, and a single point is its own midpoint.
 *
 * @example
 * einsteinMidpoint([[0.5, 0], [-0.5, 0]], undefined, 1) // Float64Array [0, 0]
 */
export function einsteinMidpoint(points: readonly ArrayLike<number>[], weights: ArrayLike<number> | undefined, c: number): Float64Array {
  checkCurvature(c);
  if (!Array.isArray(points) || points.length === 0) {
    throw new GeoError('BAD_LENGTH', 'points must be a non-empty array of points', { argument: 'points', expected: '>= 1 point', actual: Array.isArray(points) ? 0 : typeof points });
  }
  const n = points.length;
  const first = points[0] as ArrayLike<number>;
  const d = first.length;
  const flat = new Float64Array(n * d);
  const gaps = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const p = points[r] as ArrayLike<number>;
    gaps[r] = checkPoint(p, c, `points[${r}]`, d);
    for (let i = 0; i < d; i++) flat[r * d + i] = p[i] as number;
  }
  if (weights !== undefined) checkWeights(weights, n, 'weights');
  const out = new Float64Array(d);
  einsteinMidpointKernel(flat, gaps, n, d, weights ?? null, 0, c, out, 0);
  return out;
}

/**
 * Many weighted midpoints of one set of points (attention-style aggregation): `points` is
 * (n x dim) row-major, `weights` is (m x n) row-major (one row of weights per midpoint) or
 * undefined (one plain midpoint). Returns (m x dim).
 *
 * @example
 * einsteinMidpointBatch(new Float64Array([0.5, 0, -0.5, 0]), 2, new Float64Array([1, 1, 1, 0]), 1)
 * // two midpoints: [0, 0] and [0.5, 0]
 */
export function einsteinMidpointBatch(points: ArrayLike<number>, dim: number, weights: ArrayLike<number> | undefined, c: number, out?: Float64Array): Float64Array {
  checkCurvature(c);
  const n = checkBatch(points, dim, 'points');
  if (n === 0) throw new GeoError('BAD_LENGTH', 'points must hold at least one row', { argument: 'points', expected: '>= 1 row', actual: 0 });
  const gaps = new Float64Array(n);
  for (let r = 0; r < n; r++) gaps[r] = rowGap(points, r * dim, dim, c, 'points', r);
  if (weights === undefined) {
    const o = outBuffer(out, dim);
    einsteinMidpointKernel(points, gaps, n, dim, null, 0, c, o, 0);
    return o;
  }
  const m = checkBatch(weights, n, 'weights');
  assertFinite(weights, 'weights');
  const o = outBuffer(out, m * dim);
  for (let k = 0; k < m; k++) {
    checkWeights(weights, n, `weights[${k}]`, k * n, false);
    einsteinMidpointKernel(points, gaps, n, dim, weights, k * n, c, o, k * dim);
  }
  return o;
}
