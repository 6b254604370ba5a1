import { GeoError, assertInteger } from '@geo/core';
import { asMatrix } from './input.js';

const MAX_SWEEPS = 60;
const EPS = 2 ** -52;

/**
 * Singular values of a row-major `m x n` matrix, in descending order, by one-sided Jacobi
 * (Hestenes) on the rows of the smaller side: rotations orthogonalise the rows, and the
 * singular values are then the row norms. Accurate to high relative precision, also for
 * tiny singular values (unlike eigenvalues of the Gram matrix, which square them).
 *
 * @example
 * singularValues([3, 0, 0, 4], 2, 2) // Float64Array [4, 3]
 */
export function singularValues(a: ArrayLike<number>, m: number, n: number, out?: Float64Array): Float64Array {
  assertInteger(m, 'm', { min: 1 });
  assertInteger(n, 'n', { min: 1 });
  const src = asMatrix(a, m, n, 'a');
  const transpose = m > n;
  const rows = transpose ? n : m;
  const cols = transpose ? m : n;
  const w = new Float64Array(rows * cols);
  if (transpose) {
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) w[j * cols + i] = src[i * n + j] as number;
  } else {
    w.set(src);
  }
  return jacobiRows(w, rows, cols, out);
}

/** One-sided Jacobi on the rows of `w` (overwritten). Returns the `rows` singular values, descending. */
export function jacobiRows(w: Float64Array, rows: number, cols: number, out?: Float64Array): Float64Array {
  const result = out ?? new Float64Array(rows);
  if (result.length !== rows) {
    throw new GeoError('BAD_LENGTH', `out must have length ${rows}, got ${result.length}`, { argument: 'out', expected: rows, actual: result.length });
  }
  const tol = EPS * Math.sqrt(cols);
  const norms = new Float64Array(rows);
  for (let i = 0; i < rows; i++) norms[i] = rowDot(w, i, i, cols);
  let converged = false;
  for (let sweep = 0; sweep < MAX_SWEEPS && !converged; sweep++) {
    converged = true;
    for (let p = 0; p < rows - 1; p++) {
      for (let q = p + 1; q < rows; q++) {
        const alpha = norms[p] as number;
        const beta = norms[q] as number;
        const gamma = rowDot(w, p, q, cols);
        if (gamma === 0 || Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
        converged = false;
        // The rotation that zeroes the (p, q) entry of the 2x2 Gram block [alpha gamma; gamma beta].
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        const po = p * cols;
        const qo = q * cols;
        for (let k = 0; k < cols; k++) {
          const x = w[po + k] as number;
          const y = w[qo + k] as number;
          w[po + k] = c * x - s * y;
          w[qo + k] = s * x + c * y;
        }
        norms[p] = rowDot(w, p, p, cols);
        norms[q] = rowDot(w, q, q, cols);
      }
    }
  }
  if (!converged) {
    throw new GeoError('NOT_CONVERGED', `one-sided Jacobi did not converge in ${MAX_SWEEPS} sweeps`, { argument: 'a' });
  }
  for (let i = 0; i < rows; i++) result[i] = Math.sqrt(norms[i] as number);
  result.sort((x, y) => y - x);
  return result;
}

function rowDot(w: Float64Array, p: number, q: number, cols: number): number {
  let s = 0;
  const po = p * cols;
  const qo = q * cols;
  for (let k = 0; k < cols; k++) s += (w[po + k] as number) * (w[qo + k] as number);
  return s;
}
