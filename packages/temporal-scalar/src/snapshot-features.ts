import { GeoError } from '@geo/core';
import { alignHiddenUnits } from './align.js';
import { badOption } from './input.js';
import { assertSameArchitecture, parameterCount, parameterVector, validateMlpWeights } from './mlp-weights.js';
import type { MlpWeights } from './mlp-weights.js';
import { jacobiRows } from './singular-values.js';

/** How two snapshots are compared. */
export type SnapshotDistance = 'euclidean' | 'frobenius' | 'spectral';

/** Options of `snapshotFeatures` and `trajectoryDistanceMatrix`. */
export interface SnapshotFeatureOptions {
  /**
   * - `'euclidean'` (default): |theta_t - theta_s|, theta the parameter vector.
   * - `'frobenius'`: |A_t - A_s|_F of the signed adjacency matrices (= sqrt 2 |theta_t - theta_s|:
   *   every weight and bias is an undirected edge, stored twice in A).
   * - `'spectral'`: |lambda(A_t) - lambda(A_s)|_2 between the sorted adjacency spectra; invariant
   *   to every relabelling of nodes, hidden neurons included.
   */
  readonly distance?: SnapshotDistance;
  /**
   * For `'euclidean'` and `'frobenius'`: align each snapshot's hidden neurons to `reference`
   * (weight matching, see `alignHiddenUnits`) first, so relabelling hidden neurons does not
   * change distances (default false). `'spectral'` is invariant without it.
   */
  readonly permutationInvariant?: boolean;
  /** The snapshot others are aligned to (default: the first snapshot). */
  readonly reference?: MlpWeights;
}

/** Row-major features, one row per snapshot: distances between snapshots are Euclidean distances between rows. */
export interface SnapshotFeatures {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * Number of nonzero-capable singular values of the signed adjacency's biadjacency block:
 * the smaller of the two parity classes (even layers with their bias nodes, odd layers with theirs).
 */
export function spectrumLength(sizes: readonly number[]): number {
  const [even, odd] = parityClassSizes(sizes);
  return Math.min(even, odd);
}

/** Node counts of the two parity classes: layer l's neurons and the bias node feeding layer l + 1 sit in class l mod 2. */
function parityClassSizes(sizes: readonly number[]): [number, number] {
  const L = sizes.length - 1;
  let even = 0;
  let odd = 0;
  for (let l = 0; l <= L; l++) {
    const n = (sizes[l] as number) + (l < L ? 1 : 0);
    if (l % 2 === 0) even += n;
    else odd += n;
  }
  return [even, odd];
}

/**
 * The nonnegative half of the signed adjacency spectrum of an MLP snapshot, descending.
 *
 * Nodes are the neurons of every layer plus one bias node per layer l < L (joined to every
 * neuron of layer l + 1 with weight b_{l}); every weight is an undirected signed edge. Edges only
 * join consecutive layers, and the bias node of layer l sits in layer l's parity class, so the
 * graph is bipartite (even vs odd layers): A = [[0, B], [B^T, 0]] and its eigenvalues are
 * +-sigma_i(B) and zeros. We return sigma(B) (one-sided Jacobi, high relative accuracy).
 *
 * @example
 * adjacencySpectrum({ sizes: [1, 1], weights: [[3]], biases: [[4]] }) // Float64Array [5]
 */
export function adjacencySpectrum(mlp: MlpWeights, out?: Float64Array): Float64Array {
  validateMlpWeights(mlp);
  const sizes = mlp.sizes;
  const L = sizes.length - 1;
  const [evenCount, oddCount] = parityClassSizes(sizes);
  // Index every node within its parity class.
  const offset: number[] = [];
  const biasIndex: number[] = [];
  const next = [0, 0];
  for (let l = 0; l <= L; l++) {
    const c = l % 2;
    let pos = next[c] as number;
    offset.push(pos);
    pos += sizes[l] as number;
    biasIndex.push(l < L ? pos++ : -1);
    next[c] = pos;
  }
  // Rows: the smaller class (Jacobi orthogonalises rows); columns: the other.
  const rowClass = oddCount <= evenCount ? 1 : 0;
  const rows = rowClass === 1 ? oddCount : evenCount;
  const cols = rowClass === 1 ? evenCount : oddCount;
  const b = new Float64Array(rows * cols);
  const put = (u: number, uClass: number, v: number, w: number): void => {
    // u in class uClass, v in the other class.
    if (uClass === rowClass) b[u * cols + v] = w;
    else b[v * cols + u] = w;
  };
  for (let l = 0; l < L; l++) {
    const nIn = sizes[l] as number;
    const nOut = sizes[l + 1] as number;
    const w = mlp.weights[l] as ArrayLike<number>;
    const bias = mlp.biases[l] as ArrayLike<number>;
    const inClass = l % 2;
    for (let i = 0; i < nOut; i++) {
      const v = (offset[l + 1] as number) + i;
      for (let j = 0; j < nIn; j++) put((offset[l] as number) + j, inClass, v, w[i * nIn + j] as number);
      put(biasIndex[l] as number, inClass, v, bias[i] as number);
    }
  }
  return jacobiRows(b, rows, cols, out);
}

/**
 * One feature row per snapshot such that the chosen snapshot distance is the Euclidean
 * distance between rows (so full and landmark embeddings share one code path):
 * theta (euclidean), sqrt 2 theta (frobenius), sqrt 2 sigma(B) (spectral); after hidden-unit
 * alignment to the reference when `permutationInvariant`.
 *
 * @example
 * const f = snapshotFeatures(snapshots, { distance: 'spectral' });
 * pairwiseDistances(f.data, f.rows, f.cols); // T x T
 */
export function snapshotFeatures(snapshots: readonly MlpWeights[], options: SnapshotFeatureOptions = {}): SnapshotFeatures {
  if (!Array.isArray(snapshots) || snapshots.length === 0) {
    throw new GeoError('BAD_LENGTH', 'snapshots must be a non-empty array of MLP snapshots', { argument: 'snapshots', actual: Array.isArray(snapshots) ? 0 : typeof snapshots });
  }
  const first = snapshots[0] as MlpWeights;
  validateMlpWeights(first, 'snapshots[0]');
  const cols = featureLength(first.sizes, options);
  const data = new Float64Array(snapshots.length * cols);
  snapshots.forEach((s, t) => {
    validateMlpWeights(s, `snapshots[${t}]`);
    assertSameArchitecture(first, s, 'snapshots[0]', `snapshots[${t}]`);
    snapshotFeatureRow(s, { ...options, reference: options.reference ?? first }, data.subarray(t * cols, (t + 1) * cols));
  });
  return { data, rows: snapshots.length, cols };
}

/** Length of one feature row for these layer sizes. */
export function featureLength(sizes: readonly number[], options: SnapshotFeatureOptions = {}): number {
  const distance = options.distance ?? 'euclidean';
  if (distance === 'spectral') return spectrumLength(sizes);
  if (distance === 'euclidean' || distance === 'frobenius') return parameterCount(sizes);
  return badOption('options.distance', distance, "'euclidean', 'frobenius' or 'spectral'");
}

/**
 * The feature row of one snapshot (see `snapshotFeatures`), written into `out`. With
 * `permutationInvariant`, `options.reference` is required.
 *
 * @example
 * snapshotFeatureRow(net, { distance: 'frobenius' }) // sqrt(2) * parameterVector(net)
 */
export function snapshotFeatureRow(mlp: MlpWeights, options: SnapshotFeatureOptions = {}, out?: Float64Array): Float64Array {
  validateMlpWeights(mlp);
  const distance = options.distance ?? 'euclidean';
  const row = out ?? new Float64Array(featureLength(mlp.sizes, options));
  if (distance === 'spectral') {
    adjacencySpectrum(mlp, row);
    for (let i = 0; i < row.length; i++) row[i] = Math.SQRT2 * (row[i] as number);
    return row;
  }
  featureLength(mlp.sizes, options); // validates the distance name
  let net = mlp;
  if (options.permutationInvariant === true) {
    if (options.reference === undefined) {
      throw new GeoError('BAD_TYPE', 'options.reference is required with permutationInvariant', { argument: 'options.reference' });
    }
    net = alignHiddenUnits(mlp, options.reference).aligned;
  }
  parameterVector(net, row);
  if (distance === 'frobenius') for (let i = 0; i < row.length; i++) row[i] = Math.SQRT2 * (row[i] as number);
  return row;
}
