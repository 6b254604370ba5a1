import { assertInRange, assertInteger, assertPositive, gemm, transpose } from '@geo/core';
import type { Matrix } from '@geo/core';
import { distanceMatrixOf, distancesFrom } from './distances.js';
import { toDistanceMatrix, toPoints } from './input.js';
import type { PointsInput, SquareInput } from './input.js';
import { kthNeighbourDistance } from './knn.js';
import { csrFromTriplets } from './sparse.js';
import type { CsrMatrix } from './sparse.js';

export interface AlphaDecayOptions {
  /** Neighbour whose distance sets each point's bandwidth (default min(5, n - 1), self excluded). */
  readonly knn?: number;
  /** Exponent alpha of the decay (default 40); larger means a sharper cut-off. */
  readonly decay?: number;
  /** Affinities below this are set to 0 before symmetrising (default 1e-4). */
  readonly thresh?: number;
  /** Multiplies every bandwidth (default 1). */
  readonly bandwidthScale?: number;
  /** Treat the input as an n x n distance matrix instead of points (default false). */
  readonly precomputed?: boolean;
}

interface Resolved {
  knn: number;
  decay: number;
  thresh: number;
  scale: number;
}

export function resolveAlphaDecay(options: AlphaDecayOptions, n: number, prefix = 'options'): Resolved {
  // The default clamps to n - 1 so tiny inputs work; an explicit knn must fit.
  const knn = options.knn ?? Math.min(5, Math.max(1, n - 1));
  assertInteger(knn, `${prefix}.knn`, { min: 1, max: Math.max(1, n - 1) });
  const decay = options.decay ?? 40;
  assertPositive(decay, `${prefix}.decay`);
  const thresh = options.thresh ?? 1e-4;
  assertInRange(thresh, `${prefix}.thresh`, { min: 0, max: 1, maxInclusive: false });
  const scale = options.bandwidthScale ?? 1;
  assertPositive(scale, `${prefix}.bandwidthScale`);
  return { knn, decay, thresh, scale };
}

/** Above this many points the sparse kernel screens pairs with Gram-matrix distances (one gemm per block). */
const GRAM_FILTER_MIN_N = 1000;
const GRAM_BLOCK = 256;

/**
 * Row by row, exact bandwidths and the exact distances of every pair that can pass the
 * threshold, with candidates screened by |x|^2 + |y|^2 - 2 x.y from gemm blocks. The screen
 * uses a rounding margin, so it never drops a pair the direct computation would keep: every
 * reported distance is recomputed coordinate by coordinate.
 */
function gramFilteredRows(points: Matrix, r: Resolved, radiusFactor: number, eps: Float64Array, emit: (i: number, j: number, d: number, e: number, radius: number) => void): void {
  const { rows: n, cols: d } = points;
  // Centre first: distances are unchanged and the Gram identity loses less to cancellation.
  const X = points.data.slice();
  for (let c = 0; c < d; c++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += X[i * d + c] as number;
    mean /= n;
    for (let i = 0; i < n; i++) X[i * d + c] = (X[i * d + c] as number) - mean;
  }
  const norms = new Float64Array(n);
  let maxNorm = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < d; c++) s += (X[i * d + c] as number) ** 2;
    norms[i] = s;
    if (s > maxNorm) maxNorm = s;
  }
  const Xt = transpose(X, n, d);
  const G = new Float64Array(GRAM_BLOCK * n);
  const approx = new Float64Array(n);
  const scratch = new Float64Array(r.knn);
  const candidates: number[] = [];
  const raw = points.data;
  // Reported distances use the original coordinates, exactly as the direct path does.
  const exactOf = (i: number, j: number): number => {
    let s = 0;
    for (let c = 0; c < d; c++) {
      const diff = (raw[i * d + c] as number) - (raw[j * d + c] as number);
      s += diff * diff;
    }
    return Math.sqrt(s);
  };
  const EPS = 2 ** -52;
  for (let start = 0; start < n; start += GRAM_BLOCK) {
    const rows = Math.min(GRAM_BLOCK, n - start);
    gemm(X.subarray(start * d, (start + rows) * d), Xt, rows, d, n, G);
    for (let q = 0; q < rows; q++) {
      const i = start + q;
      const ni = norms[i] as number;
      for (let j = 0; j < n; j++) approx[j] = Math.max(0, ni + (norms[j] as number) - 2 * (G[q * n + j] as number));
      // Bound on the rounding error of the screened squared distances (generous).
      const margin = 16 * (d + 2) * EPS * (ni + maxNorm) + Number.MIN_VALUE;
      const kth = kthNeighbourDistance(approx, n, i, r.knn, scratch); // a squared distance
      candidates.length = 0;
      for (let j = 0; j < n; j++) if (j !== i && (approx[j] as number) <= kth + 2 * margin) candidates.push(j);
      const exact = Float64Array.from(candidates, (j) => exactOf(i, j));
      exact.sort();
      const e = (exact[r.knn - 1] as number) * r.scale;
      eps[i] = e;
      const radius = e * radiusFactor;
      const cut = radius * radius + margin;
      for (let j = 0; j < n; j++) if ((approx[j] as number) <= cut) emit(i, j, j === i ? 0 : exactOf(i, j), e, radius);
    }
  }
}

/** exp(-(d/eps)^alpha), with the eps = 0 limit (1 at d = 0, else 0). */
function affinity(d: number, eps: number, decay: number): number {
  if (eps === 0) return d === 0 ? 1 : 0;
  return Math.exp(-Math.pow(d / eps, decay));
}

/** Source of distances: a dense distance matrix, or points whose rows we measure on demand. */
export type DistanceSource = { readonly kind: 'dense'; readonly dist: Float64Array; readonly n: number } | { readonly kind: 'points'; readonly points: Matrix };

function rowOf(src: DistanceSource, i: number, buf: Float64Array): Float64Array {
  if (src.kind === 'dense') return src.dist.subarray(i * src.n, (i + 1) * src.n);
  return distancesFrom(src.points.data, src.points.rows, src.points.cols, i, buf);
}

/** The bandwidths eps_i of a distance source (internal). */
export function bandwidthsOf(src: DistanceSource, knn: number, scale: number): Float64Array {
  const n = src.kind === 'dense' ? src.n : src.points.rows;
  const eps = new Float64Array(n);
  const buf = new Float64Array(n);
  const scratch = new Float64Array(knn);
  for (let i = 0; i < n; i++) eps[i] = kthNeighbourDistance(rowOf(src, i, buf), n, i, knn, scratch) * scale;
  return eps;
}

/** Dense alpha-decay kernel of a dense distance matrix (internal: options already checked). */
export function alphaDecayDense(dist: Float64Array, n: number, r: Resolved): { K: Float64Array; eps: Float64Array } {
  const eps = bandwidthsOf({ kind: 'dense', dist, n }, r.knn, r.scale);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const e = eps[i] as number;
    for (let j = 0; j < n; j++) {
      const a = affinity(dist[i * n + j] as number, e, r.decay);
      A[i * n + j] = a < r.thresh ? 0 : a;
    }
  }
  // K = (A + A^T) / 2, in place.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const v = ((A[i * n + j] as number) + (A[j * n + i] as number)) / 2;
      A[i * n + j] = v;
      A[j * n + i] = v;
    }
  }
  return { K: A, eps };
}

/**
 * Sparse alpha-decay kernel (internal): only pairs within eps_i (-ln thresh)^(1/alpha) of i can
 * pass the threshold, so each row keeps a handful of entries and n = 20,000 fits in memory.
 * Row distances are computed on demand, never stored as an n x n matrix.
 */
export function alphaDecaySparse(src: DistanceSource, r: Resolved): { K: CsrMatrix; eps: Float64Array } {
  const n = src.kind === 'dense' ? src.n : src.points.rows;
  // eps_i needs only row i, so one pass over the rows gives both the bandwidth and the entries.
  const eps = new Float64Array(n);
  const scratch = new Float64Array(r.knn);
  const radiusFactor = r.thresh > 0 ? Math.pow(-Math.log(r.thresh), 1 / r.decay) * (1 + 1e-9) : Infinity;
  let cap = Math.max(16, n * (r.knn + 4) * 2);
  let rows = new Int32Array(cap);
  let cols = new Int32Array(cap);
  let vals = new Float64Array(cap);
  let count = 0;
  const push = (i: number, j: number, v: number): void => {
    if (count === cap) {
      cap *= 2;
      const r2 = new Int32Array(cap);
      r2.set(rows);
      rows = r2;
      const c2 = new Int32Array(cap);
      c2.set(cols);
      cols = c2;
      const v2 = new Float64Array(cap);
      v2.set(vals);
      vals = v2;
    }
    rows[count] = i;
    cols[count] = j;
    vals[count] = v;
    count++;
  };
  const emit = (i: number, j: number, d: number, e: number, radius: number): void => {
    if (d > radius) return;
    const a = affinity(d, e, r.decay);
    if (a < r.thresh || a === 0) return;
    // Half to (i, j) and half to (j, i): summing duplicates gives (A + A^T) / 2.
    push(i, j, a / 2);
    push(j, i, a / 2);
  };
  if (src.kind === 'points' && n > GRAM_FILTER_MIN_N && Number.isFinite(radiusFactor)) {
    gramFilteredRows(src.points, r, radiusFactor, eps, emit);
  } else {
    const buf = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const row = rowOf(src, i, buf);
      const e = kthNeighbourDistance(row, n, i, r.knn, scratch) * r.scale;
      eps[i] = e;
      const radius = e * radiusFactor;
      for (let j = 0; j < n; j++) emit(i, j, row[j] as number, e, radius);
    }
  }
  return { K: csrFromTriplets(n, rows, cols, vals, count), eps };
}

/**
 * PHATE's alpha-decay affinity (Moon et al. 2019): eps_i is the distance from x_i to its knn-th
 * nearest neighbour (itself excluded), A_ij = exp(-(d_ij / eps_i)^decay), entries below `thresh`
 * set to 0, and K = (A + A^T) / 2. Returns K, n x n row-major.
 *
 * @example
 * const K = alphaDecayKernel(points, { knn: 5, decay: 40 });
 */
export function alphaDecayKernel(X: PointsInput | SquareInput, options: AlphaDecayOptions = {}): Float64Array {
  let dist: Float64Array;
  let n: number;
  if (options.precomputed === true) ({ data: dist, n } = toDistanceMatrix(X as SquareInput, 'X'));
  else {
    const m = toPoints(X as PointsInput, 'X', 2);
    n = m.rows;
    dist = distanceMatrixOf(m);
  }
  return alphaDecayDense(dist, n, resolveAlphaDecay(options, n)).K;
}

/**
 * The alpha-decay bandwidths eps_i = bandwidthScale * (distance to the knn-th nearest neighbour).
 *
 * @example
 * alphaDecayBandwidths([[0], [1], [3]], { knn: 1 }) // Float64Array [1, 1, 2]
 */
export function alphaDecayBandwidths(X: PointsInput | SquareInput, options: Pick<AlphaDecayOptions, 'knn' | 'bandwidthScale' | 'precomputed'> = {}): Float64Array {
  let src: DistanceSource;
  let n: number;
  if (options.precomputed === true) {
    const d = toDistanceMatrix(X as SquareInput, 'X');
    n = d.n;
    src = { kind: 'dense', dist: d.data, n };
  } else {
    const m = toPoints(X as PointsInput, 'X', 2);
    n = m.rows;
    src = { kind: 'points', points: m };
  }
  const r = resolveAlphaDecay(options, n);
  return bandwidthsOf(src, r.knn, r.scale);
}
