import { GeoError } from '../errors.js';
import { createRng } from '../rng.js';
import { assertFinite, assertInRange, assertInteger, assertOneOf, assertShape } from '../validate.js';
import { eigh } from './eigh.js';

/** A symmetric linear operator given by its action: `out = A x` (both length n). */
export interface SymmetricOperator {
  readonly n: number;
  apply(x: Float64Array, out: Float64Array): void;
}

/** Which end of the spectrum to find. */
export type EigenWhich = 'largest' | 'smallest' | 'magnitude';

export interface TopEigenOptions {
  /** 'largest' (algebraic, default), 'smallest', or 'magnitude' (largest |lambda|). */
  readonly which?: EigenWhich;
  /** Converged when every residual |A y - theta y| <= tol * max |theta| (default 1e-10). */
  readonly tol?: number;
  /** Krylov basis size before a thick restart (default max(2k + 10, 30), at most n). */
  readonly basisSize?: number;
  /** Restarts allowed before giving up with NOT_CONVERGED (default 200). */
  readonly maxRestarts?: number;
  /** Seed of the random start vector (default 0). */
  readonly seed?: number;
  /** Stops the iteration with an ABORTED GeoError. */
  readonly signal?: AbortSignal;
}

export interface TopEigenResult {
  /** The k eigenvalues, ordered by `which` (largest first for 'largest' and 'magnitude'). */
  readonly values: Float64Array;
  /** Row-major n x k; column j is the unit eigenvector of `values[j]`. */
  readonly vectors: Float64Array;
  /** Residual norms |A y_j - theta_j y_j|. */
  readonly residuals: Float64Array;
  readonly matvecs: number;
  readonly restarts: number;
}

/** Wraps a dense symmetric row-major matrix as an operator. */
export function denseOperator(a: ArrayLike<number>, n: number): SymmetricOperator {
  assertInteger(n, 'n', { min: 1 });
  assertShape(a, [n, n], 'a');
  assertFinite(a, 'a');
  let maxAbs = 0;
  for (let i = 0; i < n * n; i++) maxAbs = Math.max(maxAbs, Math.abs(a[i] as number));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.abs((a[i * n + j] as number) - (a[j * n + i] as number)) > 1e-10 * maxAbs) {
        throw new GeoError('OUT_OF_DOMAIN', `a must be symmetric: a[${i}][${j}] != a[${j}][${i}]`, { argument: 'a' });
      }
    }
  }
  const m = a instanceof Float64Array ? a : Float64Array.from(a);
  return {
    n,
    apply(x, out) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        const off = i * n;
        for (let j = 0; j < n; j++) s += (m[off + j] as number) * (x[j] as number);
        out[i] = s;
      }
    },
  };
}

function rank(values: Float64Array, which: EigenWhich): number[] {
  const idx = Array.from({ length: values.length }, (_, i) => i);
  const key = (i: number): number => {
    const v = values[i] as number;
    return which === 'largest' ? -v : which === 'smallest' ? v : -Math.abs(v);
  };
  return idx.sort((i, j) => key(i) - key(j));
}

function dot(x: Float64Array, xo: number, y: Float64Array, yo: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += (x[xo + i] as number) * (y[yo + i] as number);
  return s;
}

/**
 * The k extreme eigenpairs of a symmetric operator, by thick-restart Lanczos with full
 * reorthogonalisation (Rayleigh-Ritz on the Krylov basis, keeping the best Ritz vectors at
 * each restart). Use it when n is large or A is only available as a product; for all
 * eigenpairs of a small dense matrix use `eigh`.
 *
 * @example
 * const op = denseOperator(a, n);
 * const { values, vectors } = topEigenpairs(op, 3); // 3 largest eigenvalues, descending
 */
export function topEigenpairs(op: SymmetricOperator | { readonly data: ArrayLike<number>; readonly n: number }, k: number, options: TopEigenOptions = {}): TopEigenResult {
  const operator = 'apply' in op ? op : denseOperator(op.data, op.n);
  const n = operator.n;
  assertInteger(n, 'op.n', { min: 1 });
  assertInteger(k, 'k', { min: 1, max: n });
  const which = options.which ?? 'largest';
  assertOneOf(which, ['largest', 'smallest', 'magnitude'], 'options.which');
  const tol = options.tol ?? 1e-10;
  assertInRange(tol, 'options.tol', { min: 0, minInclusive: false });
  const basisSize = Math.min(n, options.basisSize ?? Math.max(2 * k + 10, 30));
  assertInteger(basisSize, 'options.basisSize', { min: Math.min(n, k + 1), max: n });
  const maxRestarts = options.maxRestarts ?? 200;
  const rng = createRng(options.seed ?? 0).derive('lanczos-start');

  // Q: orthonormal basis (rows), W = A Q (rows). m rows in use.
  const q = new Float64Array(basisSize * n);
  const w = new Float64Array(basisSize * n);
  let m = 0;
  let matvecs = 0;
  const tmp = new Float64Array(n);

  /** Orthonormalises `v` against Q[0..m) (twice, classical Gram-Schmidt) and appends it with A v. Returns false if v lies in span(Q). */
  const append = (v: Float64Array): boolean => {
    const norm0 = Math.sqrt(dot(v, 0, v, 0, n));
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < m; j++) {
        const h = dot(q, j * n, v, 0, n);
        const off = j * n;
        for (let i = 0; i < n; i++) v[i] = (v[i] as number) - h * (q[off + i] as number);
      }
    }
    const norm = Math.sqrt(dot(v, 0, v, 0, n));
    if (!(norm > 1e-10 * norm0) || norm === 0) return false;
    const off = m * n;
    for (let i = 0; i < n; i++) q[off + i] = (v[i] as number) / norm;
    operator.apply(q.subarray(off, off + n), tmp);
    matvecs++;
    assertFinite(tmp, 'op.apply(x)');
    w.set(tmp, off);
    m++;
    return true;
  };

  const randomVector = (): Float64Array => rng.fillNormal(new Float64Array(n));

  append(randomVector());
  let restarts = 0;
  for (;;) {
    if (options.signal?.aborted) throw new GeoError('ABORTED', 'topEigenpairs was aborted');
    // Grow the Krylov space: next direction is A q_last, orthogonalised.
    while (m < basisSize) {
      const v = Float64Array.from(w.subarray((m - 1) * n, m * n));
      if (!append(v)) {
        // Invariant subspace found: continue with a fresh random direction.
        let tries = 0;
        while (!append(randomVector())) {
          if (++tries > 5) break;
        }
        if (tries > 5) break;
      }
    }
    // Rayleigh-Ritz: H = Q W^T (m x m, symmetric up to rounding).
    const h = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j <= i; j++) {
        const v = 0.5 * (dot(q, i * n, w, j * n, n) + dot(q, j * n, w, i * n, n));
        h[i * m + j] = v;
        h[j * m + i] = v;
      }
    }
    const { values: theta, vectors: s } = eigh(h, m);
    const order = rank(theta, which);
    const scaleRef = Math.max(...Array.from(theta, Math.abs), Number.MIN_VALUE);
    // Ritz vectors Y = S^T Q and A Y = S^T W for the ones we keep.
    const keep = Math.min(m - 1 > k ? Math.max(k, Math.floor((m + k) / 2)) : m, m);
    const y = new Float64Array(keep * n);
    const ay = new Float64Array(keep * n);
    const residuals = new Float64Array(k);
    for (let r = 0; r < keep; r++) {
      const col = order[r] as number;
      const yo = r * n;
      for (let j = 0; j < m; j++) {
        const coef = s[j * m + col] as number;
        if (coef === 0) continue;
        const off = j * n;
        for (let i = 0; i < n; i++) {
          y[yo + i] = (y[yo + i] as number) + coef * (q[off + i] as number);
          ay[yo + i] = (ay[yo + i] as number) + coef * (w[off + i] as number);
        }
      }
      if (r < k) {
        const t = theta[col] as number;
        let rr = 0;
        for (let i = 0; i < n; i++) rr += ((ay[yo + i] as number) - t * (y[yo + i] as number)) ** 2;
        residuals[r] = Math.sqrt(rr);
      }
    }
    const converged = m === n || residuals.every((r) => r <= tol * scaleRef);
    if (converged) {
      const values = new Float64Array(k);
      const vectors = new Float64Array(n * k);
      for (let r = 0; r < k; r++) {
        values[r] = theta[order[r] as number] as number;
        for (let i = 0; i < n; i++) vectors[i * k + r] = y[r * n + i] as number;
      }
      return { values, vectors, residuals, matvecs, restarts };
    }
    if (++restarts > maxRestarts) {
      throw new GeoError('NOT_CONVERGED', `topEigenpairs: not converged after ${maxRestarts} restarts (largest residual ${Math.max(...residuals)})`, {
        argument: 'options.maxRestarts',
        actual: Math.max(...residuals),
      });
    }
    // Thick restart: keep the best Ritz pairs, continue from the worst wanted residual.
    let worst = 0;
    for (let r = 1; r < k; r++) if ((residuals[r] as number) > (residuals[worst] as number)) worst = r;
    const next = new Float64Array(n);
    const tw = theta[order[worst] as number] as number;
    for (let i = 0; i < n; i++) next[i] = (ay[worst * n + i] as number) - tw * (y[worst * n + i] as number);
    q.fill(0);
    w.fill(0);
    q.set(y.subarray(0, keep * n));
    w.set(ay.subarray(0, keep * n));
    m = keep;
    if (!append(next)) append(randomVector());
  }
}
