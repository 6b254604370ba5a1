import { GeoError, assertInteger, assertOneOf, gemm } from '@geo/core';
import { asDistanceMatrix } from './input.js';
import { orientEmbedding } from './orientation.js';
import type { ShiftConvention, SignConvention } from './orientation.js';
import { doubleCenter, leadingEigenpair } from './top-eigen.js';

/** Embedding method: classical MDS of D, or PCA with the rows of D as feature vectors. */
export type EmbeddingMethod = 'mds' | 'pca';

/**
 * Variant within a method.
 * - mds `'classical'` (Torgerson): B = -1/2 J D^(2) J, x = sqrt(lambda_1) v_1.
 * - pca `'centered'`: the rows of D are feature vectors (each snapshot described by its distances
 *   to all others); columns centred; x = first principal-component scores.
 * - pca `'standardized'`: as `'centered'` with every column scaled to unit variance
 *   (constant columns stay zero).
 */
export type EmbeddingVariant = 'classical' | 'centered' | 'standardized';

/** Options of `scalarEmbedding`. */
export interface ScalarEmbeddingOptions {
  /** `'mds'` (default) or `'pca'`. */
  readonly method?: EmbeddingMethod;
  /** Default `'classical'` for mds, `'centered'` for pca. */
  readonly variant?: EmbeddingVariant;
  /** Sign convention (default `'time'`, see `orientEmbedding`). */
  readonly sign?: SignConvention;
  /** Shift convention (default `'center'`). */
  readonly shift?: ShiftConvention;
  /** Time stamps of the snapshots for the `'time'` sign (default 0..T-1). */
  readonly times?: ArrayLike<number>;
  /** Side of D when it cannot be inferred from its length (it always can for a square matrix). */
  readonly n?: number;
  /** Seed of the Lanczos start vector (used above 64 snapshots). */
  readonly seed?: number;
  /** Output buffer of length T. */
  readonly out?: Float64Array;
}

/** A scalar embedding of T snapshots. */
export interface ScalarEmbedding {
  /** x_t, one value per snapshot. */
  readonly x: Float64Array;
  /** The two leading eigenvalues of the method's matrix (B for mds, the Gram matrix of the centred rows for pca). */
  readonly eigenvalues: readonly [number, number];
  /** lambda_1 / trace: the share of the total (centred) variance the scalar keeps (0 when everything coincides). */
  readonly explained: number;
}

/**
 * The scalar embedding of a trajectory from its T x T snapshot distance matrix D
 * (Lacasa et al., arXiv 2412.02715): classical MDS (B = -1/2 J D^(2) J, J = I - 11^T/T,
 * x_t = sqrt(lambda_1) v_1(t)) or PCA on the rows of D, with a deterministic sign and shift.
 *
 * When every snapshot coincides (lambda_1 <= 0) the embedding is all zeros. When lambda_1 =
 * lambda_2 the leading direction is not unique; `eigenvalues` lets a caller check the gap.
 *
 * @example
 * // Points on a line at 0, 1, 3: recovered up to sign and shift.
 * scalarEmbedding([0, 1, 3, 1, 0, 2, 3, 2, 0]).x // Float64Array [-4/3, -1/3, 5/3]
 */
export function scalarEmbedding(d: ArrayLike<number>, options: ScalarEmbeddingOptions = {}): ScalarEmbedding {
  const method = options.method ?? 'mds';
  assertOneOf(method, ['mds', 'pca'], 'options.method');
  const variant = options.variant ?? (method === 'mds' ? 'classical' : 'centered');
  assertOneOf(variant, method === 'mds' ? ['classical'] : ['centered', 'standardized'], 'options.variant');
  if (options.n !== undefined) assertInteger(options.n, 'options.n', { min: 1 });
  const { data, n } = asDistanceMatrix(d, 'd', options.n);
  const out = options.out ?? new Float64Array(n);
  if (out.length !== n) throw new GeoError('BAD_LENGTH', `options.out must have length ${n}, got ${out.length}`, { argument: 'options.out', expected: n, actual: out.length });

  const b = new Float64Array(n * n);
  if (method === 'mds') {
    const sq = new Float64Array(n * n);
    for (let i = 0; i < n * n; i++) sq[i] = (data[i] as number) ** 2;
    doubleCenter(sq, n, b);
  } else {
    gramOfCenteredRows(data, n, variant === 'standardized', b);
  }
  let trace = 0;
  for (let i = 0; i < n; i++) trace += b[i * n + i] as number;
  const { lambda1, lambda2, v } = leadingEigenpair(b, n, options.seed ?? 0);
  if (!(lambda1 > 0) || !(trace > 0)) {
    out.fill(0);
    return { x: out, eigenvalues: [Math.max(lambda1, 0), Math.max(lambda2, 0)], explained: 0 };
  }
  const scale = Math.sqrt(lambda1);
  for (let i = 0; i < n; i++) out[i] = scale * (v[i] as number);
  orientEmbedding(out, options.sign ?? 'time', options.shift ?? 'center', options.times);
  return { x: out, eigenvalues: [lambda1, lambda2], explained: lambda1 / trace };
}

/** G = Xc Xc^T with Xc the column-centred (optionally standardised) rows of D: its top eigenpair gives the PC1 scores sqrt(lambda) u. */
function gramOfCenteredRows(d: Float64Array, n: number, standardize: boolean, out: Float64Array): void {
  const xc = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += d[i * n + j] as number;
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const v = (d[i * n + j] as number) - mean;
      xc[i * n + j] = v;
      ss += v * v;
    }
    if (standardize) {
      const sd = Math.sqrt(ss / Math.max(1, n - 1));
      for (let i = 0; i < n; i++) xc[i * n + j] = sd > 0 ? (xc[i * n + j] as number) / sd : 0;
    }
  }
  const xt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) xt[j * n + i] = xc[i * n + j] as number;
  gemm(xc, xt, n, n, n, out);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) {
      const v = 0.5 * ((out[i * n + k] as number) + (out[k * n + i] as number));
      out[i * n + k] = v;
      out[k * n + i] = v;
    }
  }
}
