// Exponential and logarithmic maps, at a point and at the origin (Ganea et al. 2018, Lemma 2).

import { CLAMP_BELOW, asinhc, atanhcFromGap, clampRow, diffNormAt, gapAt, normAt, tanhc } from './numeric.js';
import { broadcastRows, checkBatch, checkCurvature, checkPoint, checkVector, outBuffer, rowGap, rowNorm } from './validate.js';

/**
 * Kernel: out = exp_x(v) = x ⊕ (tanh(t) v / (sqrt(c)|v|)), t = sqrt(c) lambda_x |v| / 2 = sqrt(c)|v|/g_x.
 * The second point's gap is passed to Möbius addition exactly, as sech^2(t), rather than
 * recomputed from its rounded coordinates (it can be 1e-30 while the point rounds onto the boundary).
 * `out` may alias x or v. Returns the result's gap 1 - c|out|^2, exact from the algebra
 * (g_x g_u / (g_x g_u + c|x + u|^2)) rather than from the rounded coordinates.
 */
export function expmapKernel(
  x: ArrayLike<number>,
  xo: number,
  gx: number,
  v: ArrayLike<number>,
  vo: number,
  nv: number,
  d: number,
  c: number,
  out: Float64Array,
  oo: number,
): number {
  if (nv === 0) {
    for (let i = 0; i < d; i++) out[oo + i] = x[xo + i] as number;
    return gx;
  }
  const s = Math.sqrt(c);
  const t = (s * nv) / gx;
  const f = t > 20 ? 1 / (s * nv) : tanhc(t) / gx;
  const ch = Math.cosh(t);
  const gu = 1 / (ch * ch);
  // x ⊕ u with u = f v, fused (see mobiusAddKernel) so that out may alias x or v.
  let w2 = 0;
  for (let i = 0; i < d; i++) {
    const w = (x[xo + i] as number) + f * (v[vo + i] as number);
    w2 += w * w;
  }
  const cw2 = c * w2;
  const den = gx * gu + cw2;
  const a = den > 0 ? gx / den : 0;
  const b = den > 0 ? cw2 / den : 0;
  let r2 = 0;
  for (let i = 0; i < d; i++) {
    const xi = x[xo + i] as number;
    const o = a * (xi + f * (v[vo + i] as number)) + b * xi;
    out[oo + i] = o;
    r2 += o * o;
  }
  if ((c * r2 > CLAMP_BELOW && clampRow(out, oo, d, c)) || !(den > 0)) return gapAt(out, oo, d, c);
  return gx * gu / den;
}

/**
 * The exponential map at x: exp_x(v) = x ⊕ tanh(sqrt(c) lambda_x |v| / 2) v / (sqrt(c)|v|),
 * the point reached at time 1 along the geodesic from x with initial velocity v.
 *
 * @example
 * expmap([0, 0], [0.5, 0], 1) // Float64Array [tanh(0.5), 0]
 */
export function expmap(x: ArrayLike<number>, v: ArrayLike<number>, c: number): Float64Array {
  checkCurvature(c);
  const gx = checkPoint(x, c, 'x');
  checkVector(v, 'v', x.length);
  const out = new Float64Array(x.length);
  expmapKernel(x, 0, gx, v, 0, normAt(v, 0, v.length), x.length, c, out, 0);
  return out;
}

/**
 * Row-wise exp_x(v) over (n x dim) batches (either may be one row). `out` may be x or v.
 *
 * @example
 * expmapBatch(new Float64Array(4), new Float64Array([0.5, 0, 0, 1]), 2, 1)
 */
export function expmapBatch(x: ArrayLike<number>, v: ArrayLike<number>, dim: number, c: number, out?: Float64Array): Float64Array {
  checkCurvature(c);
  const nx = checkBatch(x, dim, 'x');
  const nv = checkBatch(v, dim, 'v');
  const n = broadcastRows(nx, nv, 'x', 'v');
  const o = outBuffer(out, n * dim);
  const sx = nx === 1 ? 0 : dim;
  const sv = nv === 1 ? 0 : dim;
  const gx0 = nx === 1 ? rowGap(x, 0, dim, c, 'x', 0) : 0;
  const nv0 = nv === 1 ? rowNorm(v, 0, dim, 'v', 0) : 0;
  for (let r = 0; r < n; r++) {
    const gx = nx === 1 ? gx0 : rowGap(x, r * sx, dim, c, 'x', r);
    const nvr = nv === 1 ? nv0 : rowNorm(v, r * sv, dim, 'v', r);
    expmapKernel(x, r * sx, gx, v, r * sv, nvr, dim, c, o, r * dim);
  }
  return o;
}

/**
 * Kernel: out = log_x(y). With delta = y - x and sq = sqrt(c)|delta|/sqrt(g_x g_y), the textbook
 * (2/(sqrt(c) lambda_x)) artanh(sqrt(c)|w|) w/|w|, w = (-x) ⊕ y, equals
 *   asinhc(sq) (g_x delta - c|delta|^2 x) / (g_y sqrt(1 + sq^2)),
 * which needs neither artanh near 1 nor a division by a tiny |w|. `out` may alias x or y.
 */
export function logmapKernel(
  x: ArrayLike<number>,
  xo: number,
  gx: number,
  y: ArrayLike<number>,
  yo: number,
  gy: number,
  d: number,
  c: number,
  out: Float64Array,
  oo: number,
): void {
  const nd = diffNormAt(y, yo, x, xo, d);
  if (nd === 0) {
    for (let i = 0; i < d; i++) out[oo + i] = 0;
    return;
  }
  const sq = (Math.sqrt(c) * nd) / (Math.sqrt(gx) * Math.sqrt(gy));
  const f = asinhc(sq) / (gy * Math.sqrt(1 + sq * sq));
  const a = f * gx;
  const b = f * c * nd * nd;
  for (let i = 0; i < d; i++) {
    const xi = x[xo + i] as number;
    out[oo + i] = a * ((y[yo + i] as number) - xi) - b * xi;
  }
}

/**
 * The logarithmic map at x, the inverse of exp_x:
 * log_x(y) = (2 / (sqrt(c) lambda_x)) artanh(sqrt(c)|w|) w / |w|, w = (-x) ⊕ y.
 *
 * @example
 * logmap([0, 0], [Math.tanh(0.5), 0], 1) // Float64Array [0.5, 0] (up to rounding)
 */
export function logmap(x: ArrayLike<number>, y: ArrayLike<number>, c: number): Float64Array {
  checkCurvature(c);
  const gx = checkPoint(x, c, 'x');
  const gy = checkPoint(y, c, 'y', x.length);
  const out = new Float64Array(x.length);
  logmapKernel(x, 0, gx, y, 0, gy, x.length, c, out, 0);
  return out;
}

/**
 * Row-wise log_x(y) over (n x dim) batches (either may be one row).
 *
 * @example
 * logmapBatch([0, 0], new Float64Array([0.5, 0, 0, 0.5]), 2, 1)
 */
export function logmapBatch(x: ArrayLike<number>, y: ArrayLike<number>, dim: number, c: number, out?: Float64Array): Float64Array {
  checkCurvature(c);
  const nx = checkBatch(x, dim, 'x');
  const ny = checkBatch(y, dim, 'y');
  const n = broadcastRows(nx, ny, 'x', 'y');
  const o = outBuffer(out, n * dim);
  const sx = nx === 1 ? 0 : dim;
  const sy = ny === 1 ? 0 : dim;
  const gx0 = nx === 1 ? rowGap(x, 0, dim, c, 'x', 0) : 0;
  const gy0 = ny === 1 ? rowGap(y, 0, dim, c, 'y', 0) : 0;
  for (let r = 0; r < n; r++) {
    const xo = r * sx;
    const yo = r * sy;
    // Plain gaps from one pass when c|.|^2 <= 1/2 (accurate there); the exact ones otherwise.
    let xx = 0;
    let yy = 0;
    for (let i = 0; i < dim; i++) {
      const a = x[xo + i] as number;
      const b = y[yo + i] as number;
      xx += a * a;
      yy += b * b;
    }
    const tx = c * xx;
    const ty = c * yy;
    const gx = nx === 1 ? gx0 : tx > 0.5 || !(tx < 1) ? rowGap(x, xo, dim, c, 'x', r) : 1 - tx;
    const gy = ny === 1 ? gy0 : ty > 0.5 || !(ty < 1) ? rowGap(y, yo, dim, c, 'y', r) : 1 - ty;
    logmapKernel(x, xo, gx, y, yo, gy, dim, c, o, r * dim);
  }
  return o;
}

/** Kernel: out = exp_0(v) = tanh(sqrt(c)|v|) v / (sqrt(c)|v|). `out` may alias v. */
export function expmap0Kernel(v: ArrayLike<number>, vo: number, nv: number, d: number, c: number, out: Float64Array, oo: number): void {
  const t = Math.sqrt(c) * nv;
  const f = t > 20 ? 1 / t : tanhc(t);
  for (let i = 0; i < d; i++) out[oo + i] = f * (v[vo + i] as number);
  clampRow(out, oo, d, c);
}

/**
 * The exponential map at the origin: exp_0(v) = tanh(sqrt(c)|v|) v / (sqrt(c)|v|).
 *
 * @example
 * expmap0([1, 0], 1) // Float64Array [0.7615941559557649, 0] (= tanh 1)
 */
export function expmap0(v: ArrayLike<number>, c: number): Float64Array {
  checkCurvature(c);
  checkVector(v, 'v');
  const out = new Float64Array(v.length);
  expmap0Kernel(v, 0, normAt(v, 0, v.length), v.length, c, out, 0);
  return out;
}

/**
 * Row-wise exp_0(v) over a row-major (n x dim) batch.
 *
 * @example
 * expmap0Batch(new Float64Array([1, 0, 0, 2]), 2, 1)
 */
export function expmap0Batch(v: ArrayLike<number>, dim: number, c: number, out?: Float64Array): Float64Array {
  checkCurvature(c);
  const n = checkBatch(v, dim, 'v');
  const o = outBuffer(out, n * dim);
  for (let r = 0; r < n; r++) expmap0Kernel(v, r * dim, rowNorm(v, r * dim, dim, 'v', r), dim, c, o, r * dim);
  return o;
}

/** Kernel: out = log_0(y) = artanh(sqrt(c)|y|) y / (sqrt(c)|y|), given g_y. `out` may alias y. */
export function logmap0Kernel(y: ArrayLike<number>, yo: number, gy: number, d: number, c: number, out: Float64Array, oo: number): void {
  const f = atanhcFromGap(Math.sqrt(c) * normAt(y, yo, d), gy);
  for (let i = 0; i < d; i++) out[oo + i] = f * (y[yo + i] as number);
}

/**
 * The logarithmic map at the origin: log_0(y) = artanh(sqrt(c)|y|) y / (sqrt(c)|y|).
 *
 * @example
 * logmap0([0.5, 0], 1) // Float64Array [0.5493061443340549, 0] (= artanh 0.5)
 */
export function logmap0(y: ArrayLike<number>, c: number): Float64Array {
  checkCurvature(c);
  const gy = checkPoint(y, c, 'y');
  const out = new Float64Array(y.length);
  logmap0Kernel(y, 0, gy, y.length, c, out, 0);
  return out;
}

/**
 * Row-wise log_0(y) over a row-major (n x dim) batch.
 *
 * @example
 * logmap0Batch(new Float64Array([0.5, 0, 0, 0.5]), 2, 1)
 */
export function logmap0Batch(y: ArrayLike<number>, dim: number, c: number, out?: Float64Array): Float64Array {
  checkCurvature(c);
  const n = checkBatch(y, dim, 'y');
  const o = outBuffer(out, n * dim);
  for (let r = 0; r < n; r++) logmap0Kernel(y, r * dim, rowGap(y, r * dim, dim, c, 'y', r), dim, c, o, r * dim);
  return o;
}

