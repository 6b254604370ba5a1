import { GeoError, assertArrayLike, assertFinite, assertInteger, assertOneOf, assertPositive } from '@geo/core';
import type { Matrix } from '@geo/core';
import { operatorFromKernel } from './diffusion-operator.js';
import { distanceMatrixOf } from './distances.js';
import { gaussianFromDistances } from './gaussian-kernel.js';
import { toPoints, toSquare } from './input.js';
import type { PointsInput, SquareInput } from './input.js';
import { powerOf } from './matrix-power.js';
import { phate } from './phate.js';
import type { PhateOptions, PhateResult } from './phate.js';

/**
 * The Frobenius distance |A - B|_F between two matrices of the same shape.
 *
 * @example
 * frobeniusDistance([[1, 0], [0, 1]], [[0, 0], [0, 0]]) // Math.SQRT2
 */
export function frobeniusDistance(A: SquareInput, B: SquareInput): number {
  const a = toSquare(A, 'A');
  const b = toSquare(B, 'B');
  if (a.n !== b.n) throw new GeoError('BAD_SHAPE', `A and B must have the same size, got ${a.n} and ${b.n}`, { argument: 'B', expected: a.n, actual: b.n });
  return frobeniusOf(a.data, b.data);
}

function frobeniusOf(a: Float64Array, b: Float64Array): number {
  // Scaled sum of squares: no overflow or underflow for extreme entries.
  let scale = 0;
  let ssq = 1;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] as number) - (b[i] as number));
    if (d === 0) continue;
    if (scale < d) {
      ssq = 1 + ssq * (scale / d) ** 2;
      scale = d;
    } else ssq += (d / scale) ** 2;
  }
  return scale * Math.sqrt(ssq);
}

/** How each network is characterised before comparing (the paper's method and its two alternatives). */
export type NetworkMethod = 'diffusion' | 'distance' | 'knn';

export interface NetworkManifoldOptions {
  /** 'diffusion' (default): P = Q^-1 W of a Gaussian kernel; 'distance': the raw distance matrix D; 'knn': the kNN adjacency. */
  readonly method?: NetworkMethod;
  /** Gaussian bandwidth for 'diffusion' (default 0.5, the paper's). */
  readonly sigma?: number;
  /** Compare P^t instead of P (default 1). */
  readonly t?: number;
  /** Neighbours for 'knn' (default 5, the paper's). */
  readonly knn?: number;
  /** Options of the PHATE embedding of the m x m distance matrix, or false to skip it. Default: knn = min(5, m - 1), seed 0. */
  readonly phate?: PhateOptions | false;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface NetworkManifoldResult {
  /** m x m Frobenius distances between the networks' characteristic matrices. */
  readonly distances: Float64Array;
  readonly m: number;
  /** PHATE of the distances (null when `phate: false`). */
  readonly phate: PhateResult | null;
}

/** Internal: the characteristic n x n matrix of one representation. */
export function characteristicMatrix(rep: Matrix, method: NetworkMethod, sigma: number, t: number, knn: number): Float64Array {
  const n = rep.rows;
  const D = distanceMatrixOf(rep);
  if (method === 'distance') return D;
  if (method === 'knn') {
    const A = new Float64Array(n * n);
    const idx = Array.from({ length: n }, (_, j) => j);
    for (let i = 0; i < n; i++) {
      const order = idx.filter((j) => j !== i).sort((a, b) => (D[i * n + a] as number) - (D[i * n + b] as number) || a - b);
      for (let p = 0; p < knn; p++) A[i * n + (order[p] as number)] = 1;
    }
    return A;
  }
  const op = operatorFromKernel(gaussianFromDistances(D, n, sigma, '2sigma2', D), n);
  return t === 1 ? op.P : powerOf(op.P, n, t);
}

/**
 * The manifold of neural networks (the paper's Figure 1): each network's hidden representation
 * of the same n registered test points becomes its diffusion operator P_z (Gaussian kernel,
 * sigma = 0.5, row-normalised); networks are compared by N_ij = |P_i - P_j|_F, and PHATE
 * embeds the m x m matrix N. `method: 'distance'` and `'knn'` are the paper's two alternatives
 * (raw distance matrices; kNN adjacency, k = 5) for its Table 1. Representations may have
 * different widths but must share n.
 *
 * @example
 * const { distances, phate } = networkManifold(hiddenPerNetwork, { sigma: 0.5 });
 */
export function networkManifold(representations: readonly PointsInput[], options: NetworkManifoldOptions = {}): NetworkManifoldResult {
  if (!Array.isArray(representations)) throw new GeoError('BAD_TYPE', 'representations must be an array (one point set per network)', { argument: 'representations' });
  const m = representations.length;
  if (m < 2) throw new GeoError('BAD_LENGTH', `representations needs at least 2 networks, got ${m}`, { argument: 'representations', expected: '>= 2', actual: m });
  const method = options.method ?? 'diffusion';
  assertOneOf(method, ['diffusion', 'distance', 'knn'], 'options.method');
  const sigma = options.sigma ?? 0.5;
  assertPositive(sigma, 'options.sigma');
  const t = options.t ?? 1;
  assertInteger(t, 'options.t', { min: 1 });
  const reps = representations.map((r, i) => toPoints(r, `representations[${i}]`, 2));
  const n = (reps[0] as Matrix).rows;
  reps.forEach((r, i) => {
    if (r.rows !== n) throw new GeoError('BAD_SHAPE', `every network must represent the same ${n} points; representations[${i}] has ${r.rows}`, { argument: `representations[${i}]`, expected: n, actual: r.rows });
  });
  const knn = options.knn ?? 5;
  assertInteger(knn, 'options.knn', { min: 1, max: n - 1 });
  const mats: Float64Array[] = [];
  const total = m + (m * (m - 1)) / 2;
  let done = 0;
  for (const r of reps) {
    if (options.signal?.aborted) throw new GeoError('ABORTED', 'networkManifold aborted', {});
    mats.push(characteristicMatrix(r, method, sigma, t, knn));
    options.onProgress?.(++done, total);
  }
  const N = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const v = frobeniusOf(mats[i] as Float64Array, mats[j] as Float64Array);
      N[i * m + j] = v;
      N[j * m + i] = v;
    }
    done += m - 1 - i;
    options.onProgress?.(done, total);
  }
  let embedded: PhateResult | null = null;
  if (options.phate !== false && m >= 3) {
    const po = options.phate ?? {};
    embedded = phate(N, { knn: Math.min(5, m - 1), seed: 0, ...po, precomputed: true, ...(options.signal ? { signal: options.signal } : {}) });
  }
  return { distances: N, m, phate: embedded };
}

/**
 * The paper's Table 1 score: the average pairwise distance between the `top` highest-scoring
 * points of an embedding (e.g. the most accurate networks), divided by the average pairwise
 * distance over all points. Small means the best networks sit together.
 *
 * @example
 * normalisedTopDistance(result.phate.embedding, 2, accuracies, 10)
 */
export function normalisedTopDistance(embedding: ArrayLike<number>, dims: number, scores: ArrayLike<number>, top: number): number {
  assertArrayLike(embedding, 'embedding');
  assertFinite(embedding, 'embedding');
  assertInteger(dims, 'dims', { min: 1 });
  const m = embedding.length / dims;
  if (!Number.isInteger(m)) throw new GeoError('BAD_SHAPE', `embedding length ${embedding.length} is not a multiple of dims = ${dims}`, { argument: 'embedding' });
  assertArrayLike(scores, 'scores');
  assertFinite(scores, 'scores');
  if (scores.length !== m) throw new GeoError('BAD_LENGTH', `scores must have ${m} entries, got ${scores.length}`, { argument: 'scores', expected: m, actual: scores.length });
  assertInteger(top, 'top', { min: 2, max: m });
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  const mean = (ids: number[]): number => {
    let s = 0;
    let c = 0;
    for (let x = 0; x < ids.length; x++) {
      for (let y = x + 1; y < ids.length; y++) {
        const i = ids[x] as number;
        const j = ids[y] as number;
        let d2 = 0;
        for (let q = 0; q < dims; q++) d2 += ((embedding[i * dims + q] as number) - (embedding[j * dims + q] as number)) ** 2;
        s += Math.sqrt(d2);
        c++;
      }
    }
    return s / c;
  };
  const all = mean(order);
  if (all === 0) throw new GeoError('OUT_OF_DOMAIN', 'all embedded points coincide: the normalised distance is undefined', { argument: 'embedding' });
  return mean(order.slice(0, top)) / all;
}
