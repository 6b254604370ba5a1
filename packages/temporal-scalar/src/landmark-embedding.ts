import { GeoError, assertArrayLike, assertFinite, assertInteger, assertOneOf } from '@geo/core';
import { orientEmbedding } from './orientation.js';
import type { ShiftConvention, SignConvention } from './orientation.js';
import { doubleCenter, leadingEigenpair } from './top-eigen.js';

/**
 * Random access to T snapshots of dimension `dim` without holding them all: `row(t)` returns
 * snapshot t's feature vector (e.g. read from a trajectory file, or `snapshotFeatureRow`).
 * The returned array is only read before the next call, so it may be a reused buffer.
 */
export interface SnapshotSource {
  readonly length: number;
  readonly dim: number;
  row(t: number): ArrayLike<number>;
}

/** Options of `landmarkScalarEmbedding`. */
export interface LandmarkEmbeddingOptions {
  /** Number of landmarks (default min(T, 200)), or their explicit indices (distinct, sorted or not). */
  readonly landmarks?: number | ArrayLike<number>;
  /** `'uniform'` (default): evenly spaced in time; `'maxmin'`: greedy farthest points (one extra pass per landmark). */
  readonly selection?: 'uniform' | 'maxmin';
  readonly sign?: SignConvention;
  readonly shift?: ShiftConvention;
  readonly times?: ArrayLike<number>;
  readonly seed?: number;
  /** Stops with an ABORTED GeoError (checked every 1024 snapshots). */
  readonly signal?: AbortSignal;
  /** Called with (done, total) every 1024 snapshots of the triangulation pass. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly out?: Float64Array;
}

/** Result of `landmarkScalarEmbedding`. */
export interface LandmarkEmbedding {
  readonly x: Float64Array;
  /** Landmark indices used. */
  readonly landmarks: Int32Array;
  /** The two leading eigenvalues of the landmarks' centred Gram matrix. */
  readonly eigenvalues: readonly [number, number];
}

/**
 * The streaming (landmark) form of the classical-MDS scalar embedding, for long trajectories:
 * O(T + L dim + L^2) memory and O(T L dim) time, never a T x T matrix (de Silva & Tenenbaum
 * 2004, "Sparse multidimensional scaling using landmark points"; the same as the Nystrom
 * extension of the landmark eigenvector, Platt 2005).
 *
 * 1. Classical MDS of the L landmarks: Delta = squared landmark distances,
 *    B_L = -1/2 J Delta J = lambda_1 v v^T + ...
 * 2. Every snapshot is placed by distance triangulation:
 *    x_t = -(1/2) v . (delta_t - mean_col(Delta)) / sqrt(lambda_1), delta_t its squared distances
 *    to the landmarks.
 * 3. Sign and shift as in `scalarEmbedding` (the shift uses all T values).
 *
 * For snapshots on a line (or any 1-D Euclidean configuration) with two distinct landmarks
 * it equals the full embedding exactly.
 *
 * @example
 * const src = { length: T, dim: P, row: (t) => theta.subarray(t * P, (t + 1) * P) };
 * landmarkScalarEmbedding(src, { landmarks: 100 }).x
 */
export function landmarkScalarEmbedding(source: SnapshotSource, options: LandmarkEmbeddingOptions = {}): LandmarkEmbedding {
  if (typeof source !== 'object' || source === null || typeof source.row !== 'function') {
    throw new GeoError('BAD_TYPE', 'source must be { length, dim, row(t) }', { argument: 'source' });
  }
  const T = source.length;
  const dim = source.dim;
  assertInteger(T, 'source.length', { min: 1 });
  assertInteger(dim, 'source.dim', { min: 1 });
  const selection = options.selection ?? 'uniform';
  assertOneOf(selection, ['uniform', 'maxmin'], 'options.selection');
  const out = options.out ?? new Float64Array(T);
  if (out.length !== T) throw new GeoError('BAD_LENGTH', `options.out must have length ${T}, got ${out.length}`, { argument: 'options.out', expected: T, actual: out.length });
  const readRow = (t: number): ArrayLike<number> => {
    const r = source.row(t);
    assertArrayLike(r, `source.row(${t})`);
    if (r.length !== dim) throw new GeoError('BAD_LENGTH', `source.row(${t}) must have length ${dim}, got ${r.length}`, { argument: `source.row(${t})`, expected: dim, actual: r.length });
    assertFinite(r, `source.row(${t})`);
    return r;
  };
  const check = (t: number): void => {
    if (options.signal?.aborted) throw new GeoError('ABORTED', `landmark embedding stopped at snapshot ${t}`, { argument: 'options.signal' });
  };

  const idx = chooseLandmarks(T, options.landmarks, selection, readRow, dim, check);
  const L = idx.length;
  const z = new Float64Array(L * dim);
  for (let a = 0; a < L; a++) z.set(readRow(idx[a] as number), a * dim);
  const delta = new Float64Array(L * L);
  for (let a = 0; a < L; a++) {
    for (let b = 0; b < a; b++) {
      const v = sqDist(z, a * dim, z, b * dim, dim);
      delta[a * L + b] = v;
      delta[b * L + a] = v;
    }
  }
  const bl = doubleCenter(delta, L, new Float64Array(L * L));
  const { lambda1, lambda2, v } = L === 1 ? { lambda1: 0, lambda2: 0, v: Float64Array.of(1) } : leadingEigenpair(bl, L, options.seed ?? 0);
  const colMean = new Float64Array(L);
  for (let a = 0; a < L; a++) {
    let acc = 0;
    for (let b = 0; b < L; b++) acc += delta[b * L + a] as number;
    colMean[a] = acc / L;
  }
  if (!(lambda1 > 0)) {
    out.fill(0);
    return { x: out, landmarks: idx, eigenvalues: [Math.max(0, lambda1), Math.max(0, lambda2)] };
  }
  const inv = 1 / Math.sqrt(lambda1);
  for (let t = 0; t < T; t++) {
    if ((t & 1023) === 0) {
      check(t);
      options.onProgress?.(t, T);
    }
    const r = readRow(t);
    let acc = 0;
    for (let a = 0; a < L; a++) {
      let s = 0;
      const off = a * dim;
      for (let k = 0; k < dim; k++) {
        const diff = (r[k] as number) - (z[off + k] as number);
        s += diff * diff;
      }
      acc += (v[a] as number) * (s - (colMean[a] as number));
    }
    out[t] = -0.5 * acc * inv;
  }
  options.onProgress?.(T, T);
  orientEmbedding(out, options.sign ?? 'time', options.shift ?? 'center', options.times);
  return { x: out, landmarks: idx, eigenvalues: [lambda1, lambda2] };
}

function sqDist(x: ArrayLike<number>, xo: number, y: ArrayLike<number>, yo: number, dim: number): number {
  let s = 0;
  for (let k = 0; k < dim; k++) {
    const d = (x[xo + k] as number) - (y[yo + k] as number);
    s += d * d;
  }
  return s;
}

function chooseLandmarks(
  T: number,
  spec: number | ArrayLike<number> | undefined,
  selection: 'uniform' | 'maxmin',
  readRow: (t: number) => ArrayLike<number>,
  dim: number,
  check: (t: number) => void,
): Int32Array {
  if (spec !== undefined && typeof spec !== 'number') {
    assertArrayLike(spec, 'options.landmarks');
    const idx = Int32Array.from(spec as ArrayLike<number>);
    const seen = new Set<number>();
    for (let i = 0; i < spec.length; i++) {
      assertInteger(spec[i], `options.landmarks[${i}]`, { min: 0, max: T - 1 });
      if (seen.has(spec[i] as number)) throw new GeoError('OUT_OF_DOMAIN', `options.landmarks repeats ${spec[i]}`, { argument: 'options.landmarks', actual: spec[i] });
      seen.add(spec[i] as number);
    }
    if (idx.length === 0) throw new GeoError('BAD_LENGTH', 'options.landmarks must not be empty', { argument: 'options.landmarks' });
    return idx;
  }
  const L = spec ?? Math.min(T, 200);
  assertInteger(L, 'options.landmarks', { min: 1, max: T });
  if (selection === 'uniform') {
    // Evenly spaced, always including the first and last snapshot.
    return Int32Array.from({ length: L }, (_, a) => (L === 1 ? 0 : Math.round((a * (T - 1)) / (L - 1))));
  }
  // Greedy farthest-point (maxmin) from snapshot 0: each pass updates the distance to the nearest chosen landmark.
  const idx = new Int32Array(L);
  const nearest = new Float64Array(T).fill(Infinity);
  const current = new Float64Array(dim);
  for (let a = 0; a < L; a++) {
    if (a > 0) {
      let best = 0;
      for (let t = 1; t < T; t++) if ((nearest[t] as number) > (nearest[best] as number)) best = t;
      idx[a] = best;
    }
    current.set(readRow(idx[a] as number));
    for (let t = 0; t < T; t++) {
      if ((t & 1023) === 0) check(t);
      const d = sqDist(readRow(t), 0, current, 0, dim);
      if (d < (nearest[t] as number)) nearest[t] = d;
    }
  }
  return idx;
}
