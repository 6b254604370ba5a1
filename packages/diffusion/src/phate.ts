import { GeoError, assertInRange, assertInteger, assertOneOf, gemm, transpose } from '@geo/core';
import type { SymmetricOperator } from '@geo/core';
import { alphaDecayDense, alphaDecaySparse, resolveAlphaDecay } from './alpha-decay-kernel.js';
import type { DistanceSource } from './alpha-decay-kernel.js';
import { operatorFromKernel } from './diffusion-operator.js';
import { distanceMatrixOf } from './distances.js';
import { toDistanceMatrix, toPoints } from './input.js';
import type { PointsInput, SquareInput } from './input.js';
import { kmeans } from './kmeans.js';
import { powerOf } from './matrix-power.js';
import { classicalMdsOf, smacofOf } from './mds.js';
import { potentialOf, rowDistances } from './potential.js';
import { singularValues } from './singular-values.js';
import { estimateEntropyCurve, kernelGram } from './entropy-estimate.js';
import { csrRowSums } from './sparse.js';
import { subspaceEigenpairs } from './subspace-iteration.js';
import { entropyCurve, kneePoint } from './von-neumann-entropy.js';

export interface PhateOptions {
  /** Neighbour that sets each point's alpha-decay bandwidth (default 5). */
  readonly knn?: number;
  /** Alpha-decay exponent (default 40). */
  readonly decay?: number;
  /** Affinities below this are dropped (default 1e-4); it is what makes the kernel sparse. */
  readonly thresh?: number;
  /** Diffusion time, or 'auto' (default): the knee of the von Neumann entropy curve. */
  readonly t?: number | 'auto';
  /** Largest t tried by 'auto' (default 100). */
  readonly tMax?: number;
  /** Potential: 1 (default) the log potential, -1 <= gamma < 1 the power family (P^t)^c / c, c = (1 - gamma) / 2. */
  readonly gamma?: number;
  /** Output dimension (default 2). */
  readonly nComponents?: number;
  /** Above this many points, diffuse between this many landmarks (default 2000). */
  readonly nLandmark?: number;
  /** 'metric' (default): SMACOF started from classical MDS; 'classic': classical MDS only. */
  readonly mds?: 'metric' | 'classic';
  /** Seed of every random choice (Lanczos start, k-means); default 0. */
  readonly seed?: number;
  /** The input is an n x n distance matrix instead of points (default false). */
  readonly precomputed?: boolean;
  /** Spectral coordinates used to cluster the landmarks (default 100). */
  readonly nSvd?: number;
  /** SMACOF iterations (default 300). */
  readonly mdsMaxIter?: number;
  readonly signal?: AbortSignal;
  /** Called at each stage with its name (the library never prints). */
  readonly onProgress?: (stage: string) => void;
}

export interface PhateResult {
  /** n x nComponents row-major coordinates. */
  readonly embedding: Float64Array;
  readonly n: number;
  readonly nComponents: number;
  /** The diffusion time of the point-level walk (with landmarks too). */
  readonly t: number;
  /**
   * With landmarks, the power of the landmark operator P_L = P_LN P_NL used: each P_L step is two
   * steps of the point walk, so round(t / 2) (at least 1); null without landmarks.
   */
  readonly landmarkT: number | null;
  /**
   * The von Neumann entropy curve (entry j is t = j + 1) when t was 'auto', else null. With
   * landmarks it is the stochastic Lanczos estimate for the full operator P.
   */
  readonly entropy: Float64Array | null;
  /** Landmark of each point and the number of landmarks, when landmarks were used. */
  readonly landmarks: { readonly assignments: Int32Array; readonly count: number } | null;
  /** Final raw stress of metric MDS (null for 'classic'). */
  readonly stress: number | null;
}

/** Above this size potential distances use the Gram identity (one gemm) instead of direct differences. */
const GRAM_DISTANCE_MIN_N = 1000;

function potentialDistancesOf(U: Float64Array, n: number): Float64Array {
  if (n <= GRAM_DISTANCE_MIN_N) return rowDistances(U, n, n);
  const G = new Float64Array(n * n);
  gemm(U, transpose(U, n, n), n, n, n, G);
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = Math.sqrt(Math.max(0, (G[i * n + i] as number) + (G[j * n + j] as number) - 2 * (G[i * n + j] as number)));
      D[i * n + j] = v;
      D[j * n + i] = v;
    }
  }
  return D;
}

interface Resolved {
  t: number | 'auto';
  tMax: number;
  gamma: number;
  k: number;
  mds: 'metric' | 'classic';
  seed: number;
  mdsMaxIter: number;
  signal: AbortSignal | undefined;
  progress: (stage: string) => void;
}

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new GeoError('ABORTED', 'phate aborted', {});
}

/** Diffusion (or landmark) operator -> t, potential distances, MDS. */
function embedOperator(P: Float64Array, n: number, o: Resolved): { Y: Float64Array; t: number; entropy: Float64Array | null; stress: number | null } {
  let t: number;
  let entropy: Float64Array | null = null;
  if (o.t === 'auto') {
    o.progress('von Neumann entropy');
    entropy = entropyCurve(singularValues(P, n), o.tMax);
    t = kneePoint(entropy);
  } else t = o.t;
  checkAbort(o.signal);
  o.progress('potential');
  const Pt = powerOf(P, n, t);
  const U = potentialOf(Pt, o.gamma, Pt);
  const D = potentialDistancesOf(U, n);
  checkAbort(o.signal);
  o.progress('classical MDS');
  const k = Math.min(o.k, n);
  const init = classicalMdsOf(D, n, k, o.seed).embedding;
  if (o.mds === 'classic') return { Y: init, t, entropy, stress: null };
  o.progress('metric MDS');
  const r = smacofOf(D, n, k, init, o.mdsMaxIter, 1e-6, o.signal);
  return { Y: r.embedding, t, entropy, stress: r.stress };
}

/**
 * PHATE (Moon et al. 2019), implemented from the paper's description: an alpha-decay kernel,
 * its diffusion operator P, the diffusion time t at the knee of the von Neumann entropy curve,
 * potential distances between rows of -log(P^t + 1e-7) (or the gamma family), and metric MDS
 * (SMACOF) initialised by classical MDS. Above `nLandmark` points, the operator is compressed to
 * landmarks found by spectral clustering (k-means on the top `nSvd` eigenvectors of the
 * operator, by randomized subspace iteration): P_NL (points to landmarks) and P_LN (landmarks to points) give the landmark
 * operator P_L = P_LN P_NL, the landmarks are embedded, and each point is placed at
 * P_NL Y_L. With landmarks, t is still the point walk's ('auto': the knee of the full operator's
 * entropy curve, estimated by stochastic Lanczos quadrature) and P_L, two point steps per step,
 * is raised to round(t / 2) (`landmarkT`). Deterministic for a given seed.
 *
 * @example
 * const { embedding } = phate(X, { knn: 5, decay: 40, seed: 1 }); // n x 2
 */
export function phate(data: PointsInput | SquareInput, options: PhateOptions = {}): PhateResult {
  let src: DistanceSource;
  let n: number;
  if (options.precomputed === true) {
    const d = toDistanceMatrix(data as SquareInput, 'data');
    n = d.n;
    src = { kind: 'dense', dist: d.data, n };
  } else {
    const m = toPoints(data as PointsInput, 'data', 2);
    n = m.rows;
    src = { kind: 'points', points: m };
  }
  if (n < 3) throw new GeoError('BAD_SHAPE', `phate needs at least 3 points, got ${n}`, { argument: 'data', expected: '>= 3 points', actual: n });
  const kernel = resolveAlphaDecay(options, n);
  const t = options.t ?? 'auto';
  if (t !== 'auto') assertInteger(t, 'options.t', { min: 1 });
  const tMax = options.tMax ?? 100;
  assertInteger(tMax, 'options.tMax', { min: 4 });
  const gamma = options.gamma ?? 1;
  assertInRange(gamma, 'options.gamma', { min: -1, max: 1 });
  const k = options.nComponents ?? 2;
  assertInteger(k, 'options.nComponents', { min: 1, max: n - 1 });
  const nLandmark = options.nLandmark ?? 2000;
  assertInteger(nLandmark, 'options.nLandmark', { min: 3 });
  const mds = options.mds ?? 'metric';
  assertOneOf(mds, ['metric', 'classic'], 'options.mds');
  const seed = options.seed ?? 0;
  assertInteger(seed, 'options.seed', { min: 0 });
  const nSvd = options.nSvd ?? 100;
  assertInteger(nSvd, 'options.nSvd', { min: 1 });
  const mdsMaxIter = options.mdsMaxIter ?? 300;
  assertInteger(mdsMaxIter, 'options.mdsMaxIter', { min: 0 });
  const progress = options.onProgress ?? ((): void => undefined);
  const o: Resolved = { t, tMax, gamma, k, mds, seed, mdsMaxIter, signal: options.signal, progress };

  if (n <= nLandmark) {
    progress('kernel');
    const dist = src.kind === 'dense' ? src.dist : distanceMatrixOf(src.points);
    const { K } = alphaDecayDense(dist, n, kernel);
    const op = operatorFromKernel(K, n);
    checkAbort(o.signal);
    const r = embedOperator(op.P, n, o);
    return { embedding: r.Y, n, nComponents: k, t: r.t, landmarkT: null, entropy: r.entropy, landmarks: null, stress: r.stress };
  }

  progress('sparse kernel');
  const { K } = alphaDecaySparse(src, kernel);
  const deg = csrRowSums(K);
  const invRoot = deg.map((d) => 1 / Math.sqrt(d));
  checkAbort(o.signal);
  progress('spectral clustering');
  // Symmetric conjugate D^-1/2 K D^-1/2 as an operator for Lanczos.
  const sym: SymmetricOperator = {
    n,
    apply(x, out) {
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let p = K.rowPtr[i] as number; p < (K.rowPtr[i + 1] as number); p++) {
          const j = K.cols[p] as number;
          acc += (K.values[p] as number) * (invRoot[j] as number) * (x[j] as number);
        }
        out[i] = acc * (invRoot[i] as number);
      }
    },
  };
  const s = Math.min(nSvd, n - 1);
  // The eigenvectors only seed k-means: randomized subspace iteration (as PHATE's randomized SVD) is enough.
  const eig = subspaceEigenpairs(sym, s, seed);
  const E = new Float64Array(n * s);
  for (let i = 0; i < n; i++) for (let c = 0; c < s; c++) E[i * s + c] = (eig.vectors[i * s + c] as number) * (eig.values[c] as number);
  const { labels, count: L } = kmeans(E, n, s, Math.min(nLandmark, n), seed, 10, o.signal);
  checkAbort(o.signal);
  progress('landmark operator');
  // P_NL: transition from each point into each landmark's cluster (sparse rows).
  const nlPtr = new Int32Array(n + 1);
  const nlCols: number[] = [];
  const nlVals: number[] = [];
  const acc = new Float64Array(L);
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    const d = deg[i] as number;
    for (let p = K.rowPtr[i] as number; p < (K.rowPtr[i + 1] as number); p++) {
      const c = labels[K.cols[p] as number] as number;
      if (acc[c] === 0) touched.push(c);
      acc[c] = (acc[c] as number) + (K.values[p] as number) / d;
    }
    touched.sort((a, b) => a - b);
    for (const c of touched) {
      nlCols.push(c);
      nlVals.push(acc[c] as number);
      acc[c] = 0;
    }
    touched.length = 0;
    nlPtr[i + 1] = nlCols.length;
  }
  // P_LN: from each landmark to the points, the summed kernel rows of its members, normalised.
  const members: number[][] = Array.from({ length: L }, () => []);
  for (let i = 0; i < n; i++) (members[labels[i] as number] as number[]).push(i);
  const PL = new Float64Array(L * L);
  const rowAcc = new Float64Array(n);
  const rowTouched: number[] = [];
  for (let c = 0; c < L; c++) {
    let total = 0;
    for (const i of members[c] as number[]) {
      for (let p = K.rowPtr[i] as number; p < (K.rowPtr[i + 1] as number); p++) {
        const j = K.cols[p] as number;
        if (rowAcc[j] === 0) rowTouched.push(j);
        const v = K.values[p] as number;
        rowAcc[j] = (rowAcc[j] as number) + v;
        total += v;
      }
    }
    // P_L[c, :] = sum_j P_LN[c, j] P_NL[j, :]
    for (const j of rowTouched) {
      const w = (rowAcc[j] as number) / total;
      rowAcc[j] = 0;
      for (let p = nlPtr[j] as number; p < (nlPtr[j + 1] as number); p++) PL[c * L + (nlCols[p] as number)] = (PL[c * L + (nlCols[p] as number)] as number) + w * (nlVals[p] as number);
    }
    rowTouched.length = 0;
  }
  checkAbort(o.signal);
  // t belongs to the point-level walk: its knee comes from the full operator's entropy curve,
  // estimated by stochastic Lanczos quadrature on the sparse P^T P. The landmark operator's own
  // curve (L singular values of a coarse chain, without P's many small noisy ones) falls almost
  // linearly and put its knee at t = 20-60 where the full operator's sits at 10-15.
  let tPoint: number;
  let entropy: Float64Array | null = null;
  if (o.t === 'auto') {
    progress('von Neumann entropy');
    entropy = estimateEntropyCurve(kernelGram(K, deg), n, o.tMax, seed);
    tPoint = kneePoint(entropy);
  } else tPoint = o.t;
  checkAbort(o.signal);
  // One step of P_L = P_LN P_NL is two steps of the point walk (landmark -> point -> landmark).
  const landmarkT = Math.max(1, Math.round(tPoint / 2));
  const r = embedOperator(PL, L, { ...o, t: landmarkT });
  const kk = Math.min(k, L);
  progress('interpolate');
  const Y = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let p = nlPtr[i] as number; p < (nlPtr[i + 1] as number); p++) {
      const c = nlCols[p] as number;
      const w = nlVals[p] as number;
      for (let q = 0; q < kk; q++) Y[i * k + q] = (Y[i * k + q] as number) + w * (r.Y[c * kk + q] as number);
    }
  }
  return { embedding: Y, n, nComponents: k, t: tPoint, landmarkT, entropy, landmarks: { assignments: labels, count: L }, stress: r.stress };
}
