// Parallel transport along geodesics (Ganea et al. 2018, Theorem 4; geoopt `transp`).
import { gyrationKernel } from './gyration.js';
import { broadcastRows, checkBatch, checkCurvature, checkPoint, checkVector, outBuffer, rowGap, rowNotFinite } from './validate.js';

/** Kernel: out = PT_{x->y}(v) = gyr[y, -x] v * lambda_x / lambda_y (= g_y / g_x). `out` may alias v. */
export function transpKernel(
  x: ArrayLike<number>,
  xo: number,
  gx: number,
  y: ArrayLike<number>,
  yo: number,
  gy: number,
  v: ArrayLike<number>,
  vo: number,
  d: number,
  c: number,
  out: Float64Array,
  oo: number,
): void {
  gyrationKernel(y, yo, gy, x, xo, -1, gx, v, vo, d, c, gy / gx, out, oo);
}

/**
 * Parallel transport of a tangent vector v from T_x to T_y along the geodesic:
 * PT_{x->y}(v) = gyr[y, -x] v * lambda_x / lambda_y. It preserves the Riemannian inner product.
 *
 * @example
 * transp([0, 0], [0.5, 0], [1, 0], 1) // Float64Array [0.75, 0] (= lambda_0 / lambda_y)
 */
export function transp(x: ArrayLike<number>, y: ArrayLike<number>, v: ArrayLike<number>, c: number): Float64Array {
  checkCurvature(c);
  const gx = checkPoint(x, c, 'x');
  const gy = checkPoint(y, c, 'y', x.length);
  checkVector(v, 'v', x.length);
  const out = new Float64Array(x.length);
  transpKernel(x, 0, gx, y, 0, gy, v, 0, x.length, c, out, 0);
  return out;
}

function checkRowFinite(v: ArrayLike<number>, o: number, d: number, name: string, row: number): void {
  for (let i = 0; i < d; i++) if (!Number.isFinite(v[o + i] as number)) throw rowNotFinite(v, o, d, name, row);
}

/**
 * Row-wise PT_{x->y}(v) over (n x dim) batches; x, y and v may each be one row. `out` may be v.
 *
 * @example
 * transpBatch([0, 0], new Float64Array([0.5, 0, 0, 0.5]), [1, 0], 2, 1)
 */
export function transpBatch(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  v: ArrayLike<number>,
  dim: number,
  c: number,
  out?: Float64Array,
): Float64Array {
  checkCurvature(c);
  const nx = checkBatch(x, dim, 'x');
  const ny = checkBatch(y, dim, 'y');
  const nv = checkBatch(v, dim, 'v');
  const n = broadcastRows(broadcastRows(nx, ny, 'x', 'y'), nv, 'x', 'v');
  if (nx !== n && nx !== 1) broadcastRows(n, nx, 'v', 'x');
  if (ny !== n && ny !== 1) broadcastRows(n, ny, 'v', 'y');
  const o = outBuffer(out, n * dim);
  const sx = nx === 1 ? 0 : dim;
  const sy = ny === 1 ? 0 : dim;
  const sv = nv === 1 ? 0 : dim;
  for (let r = 0; r < n; r++) {
    const gx = rowGap(x, r * sx, dim, c, 'x', r);
    const gy = rowGap(y, r * sy, dim, c, 'y', r);
    checkRowFinite(v, r * sv, dim, 'v', r);
    transpKernel(x, r * sx, gx, y, r * sy, gy, v, r * sv, dim, c, o, r * dim);
  }
  return o;
}

/**
 * Parallel transport from the origin to y: PT_{0->y}(v) = v (1 - c|y|^2) = 2 v / lambda_y.
 *
 * @example
 * transp0([0.5, 0], [1, 0], 1) // Float64Array [0.75, 0]
 */
export function transp0(y: ArrayLike<number>, v: ArrayLike<number>, c: number): Float64Array {
  checkCurvature(c);
  const gy = checkPoint(y, c, 'y');
  checkVector(v, 'v', y.length);
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = (v[i] as number) * gy;
  return out;
}

/**
 * Row-wise PT_{0->y}(v) over (n x dim) batches (either may be one row).
 *
 * @example
 * transp0Batch(new Float64Array([0.5, 0, 0, 0.5]), [1, 0], 2, 1)
 */
export function transp0Batch(y: ArrayLike<number>, v: ArrayLike<number>, dim: number, c: number, out?: Float64Array): Float64Array {
  checkCurvature(c);
  const ny = checkBatch(y, dim, 'y');
  const nv = checkBatch(v, dim, 'v');
  const n = broadcastRows(ny, nv, 'y', 'v');
  const o = outBuffer(out, n * dim);
  const sy = ny === 1 ? 0 : dim;
  const sv = nv === 1 ? 0 : dim;
  for (let r = 0; r < n; r++) {
    const gy = rowGap(y, r * sy, dim, c, 'y', r);
    checkRowFinite(v, r * sv, dim, 'v', r);
    for (let i = 0; i < dim; i++) o[r * dim + i] = (v[r * sv + i] as number) * gy;
  }
  return o;
}
