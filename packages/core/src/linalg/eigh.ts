import { GeoError } from '../errors.js';
import { assertFinite, assertInteger, assertShape } from '../validate.js';

/** All eigenpairs of a symmetric matrix. */
export interface SymmetricEigen {
  /** Eigenvalues in ascending order. */
  readonly values: Float64Array;
  /** Row-major n x n; column j is the unit eigenvector of `values[j]` (numpy's `eigh` layout). */
  readonly vectors: Float64Array;
}

export interface EighOptions {
  /**
   * Largest allowed |A_ij - A_ji| relative to the largest |A_ij| (default 1e-10). The lower
   * triangle is used either way; this only catches matrices that are not symmetric at all.
   */
  readonly symmetryTolerance?: number;
}

const EPS = 2 ** -52;
/** QL sweeps allowed per eigenvalue before we call it a failure (LAPACK allows 30 per value in total). */
const MAX_SWEEPS_PER_VALUE = 60;

/**
 * All eigenvalues and eigenvectors of a real symmetric n x n matrix (row-major), by
 * Householder reduction to tridiagonal form and the implicit QL algorithm with Wilkinson
 * shifts (the EISPACK tred2/tql2 pair). Backward stable: |A V - V diag(w)| is a small
 * multiple of eps |A|, also for repeated and clustered eigenvalues.
 *
 * @example
 * const { values, vectors } = eigh([2, 1, 1, 2], 2);
 * values  // Float64Array [1, 3]
 * vectors // columns ±[1, -1]/√2 and ±[1, 1]/√2
 */
export function eigh(a: ArrayLike<number>, n: number, options: EighOptions = {}): SymmetricEigen {
  assertInteger(n, 'n', { min: 0 });
  assertShape(a, [n, n], 'a');
  assertFinite(a, 'a');
  const tol = options.symmetryTolerance ?? 1e-10;
  let maxAbs = 0;
  for (let i = 0; i < n * n; i++) maxAbs = Math.max(maxAbs, Math.abs(a[i] as number));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const gap = Math.abs((a[i * n + j] as number) - (a[j * n + i] as number));
      if (gap > tol * maxAbs) {
        throw new GeoError('OUT_OF_DOMAIN', `a must be symmetric: a[${i}][${j}] - a[${j}][${i}] = ${gap}`, {
          argument: 'a',
          expected: `symmetric within ${tol} relative`,
          actual: gap,
        });
      }
    }
  }
  // Work on the lower triangle, mirrored, so tiny asymmetries cannot bias the result.
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const x = a[i * n + j] as number;
      v[i * n + j] = x;
      v[j * n + i] = x;
    }
  }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n === 0) return { values: d, vectors: v };
  tridiagonalize(v, n, d, e);
  // Rotations in the QL sweeps touch two eigenvectors at a time: keep them as contiguous rows.
  const rows = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) rows[j * n + i] = v[i * n + j] as number;
  tridiagonalQl(d, e, rows, n);
  return sortAscending(d, rows, n);
}

/**
 * Householder reduction of the symmetric matrix in `v` to tridiagonal form (diagonal `d`,
 * sub-diagonal `e[1..n-1]`), leaving the accumulated orthogonal transform in `v`.
 */
function tridiagonalize(v: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  const at = (i: number, j: number): number => v[i * n + j] as number;
  for (let j = 0; j < n; j++) d[j] = at(n - 1, j);
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k] as number);
    if (scale === 0) {
      e[i] = d[i - 1] as number;
      for (let j = 0; j < i; j++) {
        d[j] = at(i - 1, j);
        v[i * n + j] = 0;
        v[j * n + i] = 0;
      }
    } else {
      // Scale to avoid under/overflow, then build the Householder vector in d[0..i-1].
      for (let k = 0; k < i; k++) {
        d[k] = (d[k] as number) / scale;
        h += (d[k] as number) * (d[k] as number);
      }
      let f = d[i - 1] as number;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      // e = A u (lower triangle only).
      for (let j = 0; j < i; j++) {
        f = d[j] as number;
        v[j * n + i] = f;
        g = (e[j] as number) + at(j, j) * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += at(k, j) * (d[k] as number);
          e[k] = (e[k] as number) + at(k, j) * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] = (e[j] as number) / h;
        f += (e[j] as number) * (d[j] as number);
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] = (e[j] as number) - hh * (d[j] as number);
      // Rank-two update A -= u q^T + q u^T.
      for (let j = 0; j < i; j++) {
        f = d[j] as number;
        g = e[j] as number;
        for (let k = j; k <= i - 1; k++) v[k * n + j] = at(k, j) - (f * (e[k] as number) + g * (d[k] as number));
        d[j] = at(i - 1, j);
        v[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    v[(n - 1) * n + i] = at(i, i);
    v[i * n + i] = 1;
    const h = d[i + 1] as number;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = at(k, i + 1) / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += at(k, i + 1) * at(k, j);
        for (let k = 0; k <= i; k++) v[k * n + j] = at(k, j) - g * (d[k] as number);
      }
    }
    for (let k = 0; k <= i; k++) v[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = at(n - 1, j);
    v[(n - 1) * n + j] = 0;
  }
  v[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/**
 * Implicit QL with Wilkinson shifts on the tridiagonal (d, e), applying every rotation to
 * the eigenvector rows `z` (row r is the r-th basis vector being rotated).
 */
function tridiagonalQl(d: Float64Array, e: Float64Array, z: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i] as number;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l] as number) + Math.abs(e[l] as number));
    let m = l;
    while (m < n - 1 && Math.abs(e[m] as number) > EPS * tst1) m++;
    if (m > l) {
      let sweeps = 0;
      do {
        if (++sweeps > MAX_SWEEPS_PER_VALUE) {
          throw new GeoError('NOT_CONVERGED', `eigh: QL iteration did not converge for eigenvalue ${l}`, { argument: 'a' });
        }
        // Wilkinson shift from the leading 2 x 2 block.
        let g = d[l] as number;
        let p = ((d[l + 1] as number) - g) / (2 * (e[l] as number));
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = (e[l] as number) / (p + r);
        d[l + 1] = (e[l] as number) * (p + r);
        const dl1 = d[l + 1] as number;
        let h = g - (d[l] as number);
        for (let i = l + 2; i < n; i++) d[i] = (d[i] as number) - h;
        f += h;
        // Chase the bulge with Givens rotations.
        p = d[m] as number;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1] as number;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * (e[i] as number);
          h = c * p;
          r = Math.hypot(p, e[i] as number);
          e[i + 1] = s * r;
          s = (e[i] as number) / r;
          c = p / r;
          p = c * (d[i] as number) - s * g;
          d[i + 1] = h + s * (c * g + s * (d[i] as number));
          const ri = i * n;
          const ri1 = (i + 1) * n;
          for (let k = 0; k < n; k++) {
            const zi = z[ri + k] as number;
            const zi1 = z[ri1 + k] as number;
            z[ri1 + k] = s * zi + c * zi1;
            z[ri + k] = c * zi - s * zi1;
          }
        }
        p = (-s * s2 * c3 * el1 * (e[l] as number)) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l] as number) > EPS * tst1);
    }
    d[l] = (d[l] as number) + f;
    e[l] = 0;
  }
}

/** Sorts eigenvalues ascending and lays the eigenvector rows out as columns. */
function sortAscending(d: Float64Array, rows: Float64Array, n: number): SymmetricEigen {
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => (d[i] as number) - (d[j] as number));
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const src = order[j] as number;
    values[j] = d[src] as number;
    const off = src * n;
    for (let i = 0; i < n; i++) vectors[i * n + j] = rows[off + i] as number;
  }
  return { values, vectors };
}
