import { GeoError, assertInteger, assertPositive } from '@geo/core';
import { toDistanceMatrix } from './input.js';
import type { SquareInput } from './input.js';
import { fixSign, largestEigenpairs } from './spectrum.js';

export interface ClassicalMdsResult {
  /** n x k row-major coordinates. */
  readonly embedding: Float64Array;
  /** The k largest eigenvalues of B = -1/2 J D^2 J, descending. */
  readonly eigenvalues: Float64Array;
}

/** Internal: classical MDS of a validated distance matrix. */
export function classicalMdsOf(D: Float64Array, n: number, k: number, seed = 0): ClassicalMdsResult {
  // B = -1/2 J D^2 J by double centring of the squared distances.
  const B = new Float64Array(n * n);
  const rowMean = new Float64Array(n);
  let grand = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) {
      const d = D[i * n + j] as number;
      const d2 = d * d;
      B[i * n + j] = d2;
      s += d2;
    }
    rowMean[i] = s / n;
    grand += s;
  }
  grand /= n * n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) B[i * n + j] = -0.5 * ((B[i * n + j] as number) - (rowMean[i] as number) - (rowMean[j] as number) + grand);
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) B[j * n + i] = B[i * n + j] as number;
  const { values, vectors } = largestEigenpairs(B, n, k, seed);
  const embedding = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    const s = Math.sqrt(Math.max(values[c] as number, 0));
    for (let i = 0; i < n; i++) embedding[i * k + c] = s * (vectors[i * k + c] as number);
    fixSign(embedding, n, k, c);
  }
  return { embedding, eigenvalues: values };
}

/**
 * Classical (Torgerson) multidimensional scaling: B = -1/2 J D^2 J with J = I - 11^T/n, its k
 * largest eigenpairs (L, V), and Y = V sqrt(max(L, 0)). Exact for Euclidean D of rank <= k.
 * Column signs: the entry of largest magnitude is positive.
 *
 * @example
 * const { embedding } = classicalMds(pairwiseDistances(X), 2); // n x 2
 */
export function classicalMds(D: SquareInput, k = 2): ClassicalMdsResult {
  const { data, n } = toDistanceMatrix(D, 'D');
  assertInteger(k, 'k', { min: 1, max: n });
  return classicalMdsOf(data, n, k);
}

export interface MetricMdsOptions {
  /** Output dimension (default 2). */
  readonly k?: number;
  /** Starting coordinates n x k (default: classical MDS). */
  readonly init?: Float64Array;
  /** Maximum SMACOF iterations (default 300). */
  readonly maxIter?: number;
  /** Stop when the relative decrease of stress falls below this (default 1e-6). */
  readonly tol?: number;
  readonly signal?: AbortSignal;
}

export interface MetricMdsResult {
  readonly embedding: Float64Array;
  /** Raw stress sum_{i<j} (|y_i - y_j| - D_ij)^2 at the end. */
  readonly stress: number;
  readonly iterations: number;
}

/** Internal: SMACOF (de Leeuw 1977) with unit weights from `Y` (n x k, updated in place). */
export function smacofOf(D: Float64Array, n: number, k: number, Y: Float64Array, maxIter: number, tol: number, signal?: AbortSignal): MetricMdsResult {
  const Z = new Float64Array(n * k);
  let prev = Infinity;
  let stress = Infinity;
  let it = 0;
  for (; it <= maxIter; it++) {
    if (signal?.aborted) throw new GeoError('ABORTED', 'metric MDS aborted', {});
    // One pass over pairs gives the stress of Y and the Guttman transform Z = (1/n) B(Y) Y with
    // b_ij = -D_ij / d_ij(Y) (0 when d_ij = 0), b_ii = -sum_j b_ij, i.e. Z_i = (1/n) sum_j b_ij (Y_j - Y_i).
    Z.fill(0);
    let s = 0;
    for (let i = 0; i < n; i++) {
      const oi = i * k;
      for (let j = i + 1; j < n; j++) {
        const oj = j * k;
        let d2 = 0;
        for (let c = 0; c < k; c++) {
          const d = (Y[oi + c] as number) - (Y[oj + c] as number);
          d2 += d * d;
        }
        const dij = Math.sqrt(d2);
        const target = D[i * n + j] as number;
        const r = dij - target;
        s += r * r;
        if (dij === 0) continue;
        const b = target / dij;
        for (let c = 0; c < k; c++) {
          const diff = b * ((Y[oi + c] as number) - (Y[oj + c] as number));
          Z[oi + c] = (Z[oi + c] as number) + diff;
          Z[oj + c] = (Z[oj + c] as number) - diff;
        }
      }
    }
    stress = s;
    if ((Number.isFinite(prev) && prev - s <= tol * prev) || it === maxIter) break;
    prev = s;
    for (let i = 0; i < n * k; i++) Y[i] = (Z[i] as number) / n;
  }
  return { embedding: Y, stress, iterations: it };
}

/**
 * Metric MDS by SMACOF (majorisation of the raw stress sum_{i<j} (|y_i - y_j| - D_ij)^2),
 * started from classical MDS unless `init` is given. Deterministic: no random restarts.
 *
 * @example
 * const { embedding, stress } = metricMds(D, { k: 2 });
 */
export function metricMds(D: SquareInput, options: MetricMdsOptions = {}): MetricMdsResult {
  const { data, n } = toDistanceMatrix(D, 'D');
  const k = options.k ?? 2;
  assertInteger(k, 'options.k', { min: 1, max: n });
  const maxIter = options.maxIter ?? 300;
  assertInteger(maxIter, 'options.maxIter', { min: 0 });
  const tol = options.tol ?? 1e-6;
  assertPositive(tol, 'options.tol');
  let Y: Float64Array;
  if (options.init !== undefined) {
    if (options.init.length !== n * k) throw new GeoError('BAD_SHAPE', `options.init must be ${n} x ${k}`, { argument: 'options.init', expected: n * k, actual: options.init.length });
    Y = Float64Array.from(options.init);
  } else Y = classicalMdsOf(data, n, k).embedding;
  return smacofOf(data, n, k, Y, maxIter, tol, options.signal);
}
