// Möbius gyrovector addition and scalar multiplication (Ungar 2008; Ganea et al. 2018, eqs. 3-4).
import { CLAMP_BELOW, atanhFromGap, atanhcFromGap, clampRow, normAt, tanhc } from './numeric.js';
import { broadcastRows, checkBatch, checkCurvature, checkPoint, outBuffer, rowGap } from './validate.js';
import { assertFinite, assertFiniteNumber } from '@geo/core';

/**
 * Kernel: out = x ⊕ y given the gaps g_x = 1 - c|x|^2 and g_y = 1 - c|y|^2.
 * With w = x + y the textbook formula rearranges exactly into
 *   x ⊕ y = (g_x w + c|w|^2 x) / (g_x g_y + c|w|^2),
 * whose denominator is a sum of non-negative terms: no cancellation even when y ≈ -x near
 * the boundary, where the textbook 1 + 2c<x,y> + c^2|x|^2|y|^2 loses every digit.
 * `out` may alias x or y (same offset).
 */
export function mobiusAddKernel(
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
  let w2 = 0;
  for (let i = 0; i < d; i++) {
    const w = (x[xo + i] as number) + (y[yo + i] as number);
    w2 += w * w;
  }
  const cw2 = c * w2;
  const den = gx * gy + cw2;
  if (!(den > 0)) {
    // Only when both gaps underflowed and x + y == 0: the sum is the origin.
    for (let i = 0; i < d; i++) out[oo + i] = 0;
    return;
  }
  const a = gx / den;
  const b = cw2 / den;
  let r2 = 0;
  for (let i = 0; i < d; i++) {
    const xi = x[xo + i] as number;
    const o = a * (xi + (y[yo + i] as number)) + b * xi;
    out[oo + i] = o;
    r2 += o * o;
  }
  if (c * r2 > CLAMP_BELOW) clampRow(out, oo, d, c);
}

/**
 * Möbius addition x ⊕ y in the Poincaré ball of curvature -c:
 * ((1 + 2c<x,y> + c|y|^2) x + (1 - c|x|^2) y) / (1 + 2c<x,y> + c^2 |x|^2 |y|^2),
 * evaluated in a cancellation-free form.
 *
 * @example
 * mobiusAdd([0.1, 0], [0.2, 0], 1) // Float64Array [0.2941176470588235, 0] = (0.1+0.2)/(1+0.02)
 */
export function mobiusAdd(x: ArrayLike<number>, y: ArrayLike<number>, c: number): Float64Array {
  checkCurvature(c);
  const gx = checkPoint(x, c, 'x');
  const gy = checkPoint(y, c, 'y', x.length);
  const out = new Float64Array(x.length);
  mobiusAddKernel(x, 0, gx, y, 0, gy, x.length, c, out, 0);
  return out;
}

/**
 * Row-wise x ⊕ y over row-major (n x dim) batches; either operand may be a single row
 * (broadcast). `out` (n x dim) may be x or y.
 *
 * @example
 * mobiusAddBatch(new Float64Array([0.1, 0, 0, 0.1]), [0.2, 0], 2, 1) // rows 0.1⊕(0.2,0) and (0,0.1)⊕(0.2,0)
 */
export function mobiusAddBatch(x: ArrayLike<number>, y: ArrayLike<number>, dim: number, c: number, out?: Float64Array): Float64Array {
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
    mobiusAddKernel(x, xo, gx, y, yo, gy, dim, c, o, r * dim);
  }
  return o;
}

/**
 * Kernel: out = r ⊗ x = tanh(r artanh(sqrt(c)|x|)) x / (sqrt(c)|x|), 0 at x = 0, given
 * g_x = 1 - c|x|^2. Written as r tanhc(t) atanhc(z) x so tiny |x| and tiny r lose nothing.
 */
export function mobiusScalarKernel(
  r: number,
  x: ArrayLike<number>,
  xo: number,
  gx: number,
  d: number,
  c: number,
  out: Float64Array,
  oo: number,
): void {
  const nx = normAt(x, xo, d);
  if (nx === 0 || r === 0) {
    for (let i = 0; i < d; i++) out[oo + i] = 0;
    return;
  }
  const z = Math.sqrt(c) * nx;
  const t = r * atanhFromGap(z, gx);
  const f = Math.abs(t) <= 20 ? r * tanhc(t) * atanhcFromGap(z, gx) : Math.sign(t) / z;
  for (let i = 0; i < d; i++) out[oo + i] = f * (x[xo + i] as number);
  clampRow(out, oo, d, c);
}

/**
 * Möbius scalar multiplication r ⊗ x = (1/sqrt(c)) tanh(r artanh(sqrt(c)|x|)) x/|x|.
 *
 * @example
 * mobiusScalar(2, [0.5, 0], 1) // Float64Array [0.8, 0] (= 0.5 ⊕ 0.5)
 */
export function mobiusScalar(r: number, x: ArrayLike<number>, c: number): Float64Array {
  checkCurvature(c);
  assertFiniteNumber(r, 'r');
  const gx = checkPoint(x, c, 'x');
  const out = new Float64Array(x.length);
  mobiusScalarKernel(r, x, 0, gx, x.length, c, out, 0);
  return out;
}

/**
 * Row-wise r ⊗ x over a row-major (n x dim) batch; `r` is one number or one per row.
 *
 * @example
 * mobiusScalarBatch([2, 3], new Float64Array([0.5, 0, 0, 0.1]), 2, 1)
 */
export function mobiusScalarBatch(r: number | ArrayLike<number>, x: ArrayLike<number>, dim: number, c: number, out?: Float64Array): Float64Array {
  checkCurvature(c);
  const n = checkBatch(x, dim, 'x');
  if (typeof r === 'number') assertFiniteNumber(r, 'r');
  else {
    assertFinite(r, 'r');
    if (r.length !== n && r.length !== 1) broadcastRows(n, r.length, 'x', 'r');
  }
  const o = outBuffer(out, n * dim);
  for (let k = 0; k < n; k++) {
    const rk = typeof r === 'number' ? r : ((r.length === 1 ? r[0] : r[k]) as number);
    mobiusScalarKernel(rk, x, k * dim, rowGap(x, k * dim, dim, c, 'x', k), dim, c, o, k * dim);
  }
  return o;
}
