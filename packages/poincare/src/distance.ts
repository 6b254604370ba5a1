// Geodesic distance and its Euclidean gradient.
import { diffNormAt } from './numeric.js';
import { broadcastRows, checkBatch, checkCurvature, checkPoint, outBuffer, rowGap } from './validate.js';

/**
 * Kernel: d(x, y) = (2/sqrt(c)) artanh(sqrt(c)|(-x) ⊕ y|), evaluated as
 * (2/sqrt(c)) asinh(sqrt(c)|x - y| / sqrt(g_x g_y)) (the same quantity, since
 * cosh(sqrt(c) d) = 1 + 2c|x-y|^2/(g_x g_y)): no artanh near 1, no cancellation for close pairs.
 */
export function distKernel(x: ArrayLike<number>, xo: number, gx: number, y: ArrayLike<number>, yo: number, gy: number, d: number, c: number): number {
  const s = Math.sqrt(c);
  const nd = diffNormAt(x, xo, y, yo, d);
  return (2 / s) * Math.asinh((s * nd) / (Math.sqrt(gx) * Math.sqrt(gy)));
}

/**
 * Geodesic distance in the Poincaré ball of curvature -c:
 * d(x, y) = (2/sqrt(c)) artanh(sqrt(c) |(-x) ⊕ y|).
 *
 * @example
 * dist([0, 0], [0.5, 0], 1) // 1.0986122886681098 (= 2 artanh(0.5) = ln 3)
 */
export function dist(x: ArrayLike<number>, y: ArrayLike<number>, c: number): number {
  checkCurvature(c);
  const gx = checkPoint(x, c, 'x');
  const gy = checkPoint(y, c, 'y', x.length);
  return distKernel(x, 0, gx, y, 0, gy, x.length, c);
}

/**
 * Row-wise distances between two (n x dim) batches (either may be one row): n numbers.
 *
 * @example
 * distBatch(new Float64Array([0, 0, 0.5, 0]), [0, 0], 2, 1) // Float64Array [0, 1.0986...]
 */
export function distBatch(x: ArrayLike<number>, y: ArrayLike<number>, dim: number, c: number, out?: Float64Array): Float64Array {
  checkCurvature(c);
  const nx = checkBatch(x, dim, 'x');
  const ny = checkBatch(y, dim, 'y');
  const n = broadcastRows(nx, ny, 'x', 'y');
  const o = outBuffer(out, n);
  const sx = nx === 1 ? 0 : dim;
  const sy = ny === 1 ? 0 : dim;
  const gx0 = nx === 1 ? rowGap(x, 0, dim, c, 'x', 0) : 0;
  const gy0 = ny === 1 ? rowGap(y, 0, dim, c, 'y', 0) : 0;
  const sc = Math.sqrt(c);
  for (let r = 0; r < n; r++) {
    const xo = r * sx;
    const yo = r * sy;
    // One pass for |x|^2, |y|^2 and |x - y|^2; the exact gap and the rescaled norm only when needed.
    let xx = 0;
    let yy = 0;
    let dd = 0;
    for (let i = 0; i < dim; i++) {
      const a = x[xo + i] as number;
      const b = y[yo + i] as number;
      xx += a * a;
      yy += b * b;
      dd += (a - b) * (a - b);
    }
    const tx = c * xx;
    const ty = c * yy;
    const gx = nx === 1 ? gx0 : tx > 0.5 || !(tx < 1) ? rowGap(x, xo, dim, c, 'x', r) : 1 - tx;
    const gy = ny === 1 ? gy0 : ty > 0.5 || !(ty < 1) ? rowGap(y, yo, dim, c, 'y', r) : 1 - ty;
    const nd = dd > 1e-280 && dd < 1e280 ? Math.sqrt(dd) : diffNormAt(x, xo, y, yo, dim);
    o[r] = (2 / sc) * Math.asinh((sc * nd) / (Math.sqrt(gx) * Math.sqrt(gy)));
  }
  return o;
}

/**
 * Kernel: the Euclidean gradient of d(x, y) with respect to x,
 * 2 / (sqrt(g_x g_y) sqrt(1 + q)) (u + c|x-y| x / g_x), u = (x-y)/|x-y|, q = c|x-y|^2/(g_x g_y);
 * zero at x = y (a subgradient: d is not differentiable there).
 */
export function distGradientKernel(
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
  const nd = diffNormAt(x, xo, y, yo, d);
  if (nd === 0) {
    for (let i = 0; i < d; i++) out[oo + i] = 0;
    return;
  }
  const sg = Math.sqrt(gx) * Math.sqrt(gy);
  const sq = (Math.sqrt(c) * nd) / sg;
  const f = 2 / (sg * Math.sqrt(1 + sq * sq));
  const a = f / nd;
  const b = (f * c * nd) / gx;
  for (let i = 0; i < d; i++) {
    const xi = x[xo + i] as number;
    out[oo + i] = a * (xi - (y[yo + i] as number)) + b * xi;
  }
}

/**
 * Euclidean gradient of d(x, y) with respect to x (for losses built on distances; turn it
 * into a Riemannian gradient with `egrad2rgrad` or feed it to `riemannianAdamStep`).
 *
 * @example
 * distGradient([0, 0], [0.5, 0], 1) // Float64Array [-2, 0]: moving x toward y shortens d at rate lambda_0 = 2
 */
export function distGradient(x: ArrayLike<number>, y: ArrayLike<number>, c: number): Float64Array {
  checkCurvature(c);
  const gx = checkPoint(x, c, 'x');
  const gy = checkPoint(y, c, 'y', x.length);
  const out = new Float64Array(x.length);
  distGradientKernel(x, 0, gx, y, 0, gy, x.length, c, out, 0);
  return out;
}
