// Möbius matrix-vector multiplication (Ganea et al. 2018, eq. 27): M ⊗ x = exp_0(M log_0(x)).
import { GeoError, assertFinite, assertInteger } from '@geo/core';
import { atanhcFromGap, clampRow, normAt, tanhc } from './numeric.js';
import { checkBatch, checkCurvature, checkPoint, outBuffer, rowGap } from './validate.js';

/**
 * Kernel: out (rows) = M ⊗ x = (1/sqrt(c)) tanh(|Mx|/|x| artanh(sqrt(c)|x|)) Mx/|Mx|, 0 when Mx = 0.
 * Written as tanhc(t) atanhc(z) Mx with z = sqrt(c)|x|, t = sqrt(c)|Mx| atanhc(z), exact for tiny x.
 * `out` must not alias x.
 */
export function mobiusMatvecKernel(
  m: ArrayLike<number>,
  rows: number,
  cols: number,
  x: ArrayLike<number>,
  xo: number,
  gx: number,
  c: number,
  out: Float64Array,
  oo: number,
): void {
  for (let i = 0; i < rows; i++) {
    let s = 0;
    const mo = i * cols;
    for (let j = 0; j < cols; j++) s += (m[mo + j] as number) * (x[xo + j] as number);
    out[oo + i] = s;
  }
  const nmx = normAt(out, oo, rows);
  const nx = normAt(x, xo, cols);
  if (nmx === 0 || nx === 0) {
    for (let i = 0; i < rows; i++) out[oo + i] = 0;
    return;
  }
  const sc = Math.sqrt(c);
  const ac = atanhcFromGap(sc * nx, gx);
  const t = sc * nmx * ac;
  const f = t > 20 ? 1 / (sc * nmx) : tanhc(t) * ac;
  for (let i = 0; i < rows; i++) out[oo + i] = (out[oo + i] as number) * f;
  clampRow(out, oo, rows, c);
}

function checkMatrix(m: ArrayLike<number>, rows: number, cols: number): void {
  assertInteger(rows, 'rows', { min: 1 });
  assertInteger(cols, 'cols', { min: 1 });
  assertFinite(m, 'm');
  if (m.length !== rows * cols) {
    throw new GeoError('BAD_SHAPE', `m must hold rows * cols = ${rows * cols} entries (row-major), got ${m.length}`, {
      argument: 'm',
      expected: [rows, cols],
      actual: m.length,
    });
  }
}

/**
 * Möbius matrix-vector product M ⊗ x for a row-major (rows x cols) matrix m and a point x
 * of length cols: exp_0(M log_0 x), the hyperbolic analogue of a linear map.
 *
 * @example
 * mobiusMatvec([2, 0, 0, 2], 2, 2, [0.5, 0], 1) // Float64Array [0.8, 0] (= 2 ⊗ x)
 */
export function mobiusMatvec(m: ArrayLike<number>, rows: number, cols: number, x: ArrayLike<number>, c: number): Float64Array {
  checkCurvature(c);
  checkMatrix(m, rows, cols);
  const gx = checkPoint(x, c, 'x', cols);
  const out = new Float64Array(rows);
  mobiusMatvecKernel(m, rows, cols, x, 0, gx, c, out, 0);
  return out;
}

/**
 * M ⊗ x for every row of a row-major (n x cols) batch: an (n x rows) result.
 *
 * @example
 * mobiusMatvecBatch([2, 0, 0, 2], 2, 2, new Float64Array([0.5, 0, 0, 0.1]), 1)
 */
export function mobiusMatvecBatch(m: ArrayLike<number>, rows: number, cols: number, x: ArrayLike<number>, c: number, out?: Float64Array): Float64Array {
  checkCurvature(c);
  checkMatrix(m, rows, cols);
  const n = checkBatch(x, cols, 'x');
  const o = outBuffer(out, n * rows);
  if (o === x) throw new GeoError('BAD_TYPE', 'out must not be x', { argument: 'out' });
  for (let r = 0; r < n; r++) mobiusMatvecKernel(m, rows, cols, x, r * cols, rowGap(x, r * cols, cols, c, 'x', r), c, o, r * rows);
  return o;
}
