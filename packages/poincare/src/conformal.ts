// The metric: conformal factor and Riemannian inner product.
import { dot2At, normAt } from './numeric.js';
import { broadcastRows, checkBatch, checkCurvature, checkPoint, checkVector, outBuffer, rowGap, rowNotFinite } from './validate.js';

/**
 * The conformal factor lambda_x = 2 / (1 - c|x|^2): the metric at x is lambda_x^2 times the
 * Euclidean one. 1 - c|x|^2 is formed in double-double near the boundary, so lambda_x keeps
 * full precision even at 1e-15 from it.
 *
 * @example
 * conformalFactor([0.5, 0], 1) // 2.6666666666666665
 */
export function conformalFactor(x: ArrayLike<number>, c: number): number {
  checkCurvature(c);
  return 2 / checkPoint(x, c, 'x');
}

/**
 * The Riemannian inner product at x: <u, v>_x = lambda_x^2 <u, v> (compensated dot product).
 *
 * @example
 * inner([0, 0], [1, 0], [1, 0], 1) // 4
 */
export function inner(x: ArrayLike<number>, u: ArrayLike<number>, v: ArrayLike<number>, c: number): number {
  checkCurvature(c);
  const l = 2 / checkPoint(x, c, 'x');
  checkVector(u, 'u', x.length);
  checkVector(v, 'v', x.length);
  return dot2At(u, 0, v, 0, x.length) * l * l;
}

/**
 * The Riemannian norm of a tangent vector at x: |v|_x = lambda_x |v|.
 *
 * @example
 * tangentNorm([0, 0], [3, 4], 1) // 10
 */
export function tangentNorm(x: ArrayLike<number>, v: ArrayLike<number>, c: number): number {
  checkCurvature(c);
  const g = checkPoint(x, c, 'x');
  checkVector(v, 'v', x.length);
  return (2 / g) * normAt(v, 0, v.length);
}

/**
 * lambda_x for every row of a row-major (n x dim) batch.
 *
 * @example
 * conformalFactorBatch(new Float64Array([0, 0, 0.5, 0]), 2, 1) // Float64Array [2, 2.666...]
 */
export function conformalFactorBatch(x: ArrayLike<number>, dim: number, c: number, out?: Float64Array): Float64Array {
  checkCurvature(c);
  const n = checkBatch(x, dim, 'x');
  const o = outBuffer(out, n);
  for (let r = 0; r < n; r++) o[r] = 2 / rowGap(x, r * dim, dim, c, 'x', r);
  return o;
}

/**
 * <u, v>_x for every row; x, u, v are (n x dim) batches (each may be one row).
 *
 * @example
 * innerBatch([0, 0], new Float64Array([1, 0, 0, 1]), [1, 0], 2, 1) // Float64Array [4, 0]
 */
export function innerBatch(
  x: ArrayLike<number>,
  u: ArrayLike<number>,
  v: ArrayLike<number>,
  dim: number,
  c: number,
  out?: Float64Array,
): Float64Array {
  checkCurvature(c);
  const nx = checkBatch(x, dim, 'x');
  const nu = checkBatch(u, dim, 'u');
  const nv = checkBatch(v, dim, 'v');
  const n = broadcastRows(broadcastRows(nx, nu, 'x', 'u'), nv, 'x', 'v');
  if (nx !== n && nx !== 1) broadcastRows(n, nx, 'v', 'x');
  if (nu !== n && nu !== 1) broadcastRows(n, nu, 'v', 'u');
  const o = outBuffer(out, n);
  const sx = nx === 1 ? 0 : dim;
  const su = nu === 1 ? 0 : dim;
  const sv = nv === 1 ? 0 : dim;
  for (let r = 0; r < n; r++) {
    const l = 2 / rowGap(x, r * sx, dim, c, 'x', r);
    const p = dot2At(u, r * su, v, r * sv, dim);
    if (!Number.isFinite(p)) {
      // a non-finite entry, or a genuine overflow of finite inputs (then the result is +-Infinity)
      for (let i = 0; i < dim; i++) if (!Number.isFinite(u[r * su + i] as number)) throw rowNotFinite(u, r * su, dim, 'u', r);
      for (let i = 0; i < dim; i++) if (!Number.isFinite(v[r * sv + i] as number)) throw rowNotFinite(v, r * sv, dim, 'v', r);
    }
    o[r] = p * l * l;
  }
  return o;
}
