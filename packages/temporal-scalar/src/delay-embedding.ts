import { GeoError, assertInteger } from '@geo/core';
import { asMatrix } from './input.js';

/**
 * Takens delay embedding of a (possibly multivariate, row-major `N x dim`) series: row i is
 * [s_i, s_{i+tau}, ..., s_{i+(m-1)tau}], N - (m-1) tau rows of m dim values.
 *
 * @example
 * delayEmbedding([1, 2, 3, 4], 2, 1) // { data: [1, 2, 2, 3, 3, 4], rows: 3, cols: 2 }
 */
export function delayEmbedding(series: ArrayLike<number>, m: number, tau: number, dim = 1): { data: Float64Array; rows: number; cols: number } {
  assertInteger(m, 'm', { min: 1 });
  assertInteger(tau, 'tau', { min: 1 });
  assertInteger(dim, 'dim', { min: 1 });
  const N = Math.floor(series.length / dim);
  const s = asMatrix(series, N, dim, 'series');
  const rows = N - (m - 1) * tau;
  if (rows < 2) {
    throw new GeoError('BAD_LENGTH', `series of ${N} samples is too short for m = ${m}, tau = ${tau}`, { argument: 'series', expected: `> ${(m - 1) * tau + 1}`, actual: N });
  }
  const cols = m * dim;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < m; k++) {
      for (let c = 0; c < dim; c++) data[i * cols + k * dim + c] = s[(i + k * tau) * dim + c] as number;
    }
  }
  return { data, rows, cols };
}
