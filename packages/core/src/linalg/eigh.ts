import { GeoError } from '../errors.js';
import { assertFinite, assertInteger, assertShape } from '../validate.js';

/** All eigenpairs of a symmetric matrix. */
export interface SymmetricEigen {
  /** Eigenvalues in ascending order. */
  readonly values: Float64Array;
  /** Row-major n x n; column j is the unit eigenvector of `values[j]` (numpy's `eigh` layout). Empty when not requested. */
  readonly vectors: Float64Array;
}

export interface EighOptions {
  /**
   * Largest allowed |A_ij - A_ji| relative to the largest |A_ij| (default 1e-10). The lower
   * triangle is used either way; this only catches matrices that are not symmetric at all.
   */
  readonly symmetryTolerance?: number;
  /** Compute eigenvectors (default true). Without them the cost drops to about a third. */
  readonly vectors?: boolean;
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
  // Rotations in the QL sweeps touch two eigenvectors at a time: they act on rows of Q^T.
  const wantVectors = options.vectors ?? true;
  const rows = tridiagonalize(v, n, d, e, wantVectors);
  tridiagonalQl(d, e, rows, n);
  return sortAscending(d, rows, n);
}

/**
 * Householder reduction of the symmetric matrix `a` (full storage, overwritten) to
 * tridiagonal form: diagonal `d`, sub-diagonal `e[i] = T[i][i-1]` (e[0] = 0). Returns
 * Q^T as rows, where A = Q T Q^T. Row-oriented throughout (every inner loop runs along a
 * contiguous row), which matters more than flop count for typed arrays in V8.
 */
function tridiagonalize(a: Float64Array, n: number, d: Float64Array, e: Float64Array, wantQ: boolean): Float64Array | null {
  const h = new Float64Array(n); // h[i] = u^T u / 2 of step i, 0 when no reflection was needed
  const p = new Float64Array(n);
  for (let i = n - 1; i >= 2; i--) {
    const row = i * n;
    // Scale x = A[i][0..i-1] so squaring cannot overflow or underflow.
    let scale = 0;
    for (let k = 0; k < i; k++) scale = Math.max(scale, Math.abs(a[row + k] as number));
    if (scale === 0) {
      e[i] = 0;
      continue;
    }
    let sigma = 0;
    for (let k = 0; k < i; k++) {
      const x = (a[row + k] as number) / scale;
      a[row + k] = x;
      sigma += x * x;
    }
    const xLast = a[row + i - 1] as number;
    const alpha = xLast > 0 ? -Math.sqrt(sigma) : Math.sqrt(sigma);
    e[i] = scale * alpha;
    const hi = sigma - alpha * xLast;
    a[row + i - 1] = xLast - alpha; // row i now holds u (scaled), H = I - u u^T / hi
    h[i] = hi;
    // p = A u / h over the leading i x i block; K = u^T p / (2h); q = p - K u.
    let up = 0;
    for (let j = 0; j < i; j++) {
      const rj = j * n;
      let s = 0;
      for (let k = 0; k < i; k++) s += (a[rj + k] as number) * (a[row + k] as number);
      const pj = s / hi;
      p[j] = pj;
      up += pj * (a[row + j] as number);
    }
    const kk = up / (2 * hi);
    for (let j = 0; j < i; j++) p[j] = (p[j] as number) - kk * (a[row + j] as number);
    // A -= u q^T + q u^T (both triangles, so later row dot products stay contiguous).
    for (let j = 0; j < i; j++) {
      const rj = j * n;
      const uj = a[row + j] as number;
      const qj = p[j] as number;
      for (let k = 0; k < i; k++) a[rj + k] = (a[rj + k] as number) - uj * (p[k] as number) - qj * (a[row + k] as number);
    }
  }
  if (n > 1) e[1] = a[n] as number;
  e[0] = 0;
  for (let i = 0; i < n; i++) d[i] = a[i * n + i] as number;
  if (!wantQ) return null;
  // Q = H_{n-1} ... H_2, built as M <- H_i M for i = 2..n-1; M stays block-diagonal(M_i, I).
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  const g = new Float64Array(n);
  for (let i = 2; i < n; i++) {
    const hi = h[i] as number;
    if (hi === 0) continue;
    const row = i * n;
    g.fill(0, 0, i);
    for (let k = 0; k < i; k++) {
      const uk = a[row + k] as number;
      if (uk === 0) continue;
      const rk = k * n;
      for (let j = 0; j < i; j++) g[j] = (g[j] as number) + uk * (q[rk + j] as number);
    }
    for (let k = 0; k < i; k++) {
      const f = (a[row + k] as number) / hi;
      if (f === 0) continue;
      const rk = k * n;
      for (let j = 0; j < i; j++) q[rk + j] = (q[rk + j] as number) - f * (g[j] as number);
    }
  }
  // Return Q^T: its rows are the columns of Q that the QL rotations mix.
  const qt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) qt[j * n + i] = q[i * n + j] as number;
  return qt;
}

/**
 * Implicit QL with Wilkinson shifts on the tridiagonal (d, e), applying every rotation to
 * the eigenvector rows `z` (row r is the r-th basis vector being rotated).
 */
function tridiagonalQl(d: Float64Array, e: Float64Array, z: Float64Array | null, n: number): void {
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
          if (z === null) continue;
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
function sortAscending(d: Float64Array, rows: Float64Array | null, n: number): SymmetricEigen {
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => (d[i] as number) - (d[j] as number));
  const values = new Float64Array(n);
  const vectors = new Float64Array(rows === null ? 0 : n * n);
  for (let j = 0; j < n; j++) {
    const src = order[j] as number;
    values[j] = d[src] as number;
    if (rows === null) continue;
    const off = src * n;
    for (let i = 0; i < n; i++) vectors[i * n + j] = rows[off + i] as number;
  }
  return { values, vectors };
}
