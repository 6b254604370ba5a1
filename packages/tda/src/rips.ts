import { GeoError, assertInteger, describe as describeValue } from '@geo/core';
import { binomialTable, simplexVertices } from './binomial.js';
import { sortDiagram, type PersistenceDiagram } from './diagram.js';
import { enclosingRadius, formatBytes, toDistanceMatrix, type DistanceMatrix, type Metric, type RipsInput } from './distance-matrix.js';
import { collapseEdges } from './edge-collapse.js';
import { emptySimplexList, neighbourLists, nextSimplices, pushSimplex, reduceDimension, sortForReduction, type FlagFiltration, type SimplexList } from './reduction.js';
import { sortNonNegative } from './radix-sort.js';
import { reduceDimensionModP } from './reduction-modp.js';
import { UnionFind } from './union-find.js';
import type { LongJobHooks, Progress } from './progress.js';

/** Options of `ripsPersistence`. */
export interface RipsOptions {
  /** Highest homology dimension computed (default 1). Above 2 a `threshold` is required. */
  readonly maxDim?: number;
  /**
   * Largest edge length in the filtration (edges of length <= threshold enter). Default: the
   * enclosing radius min_i max_j D_ij, above which the complex is a cone, so the diagrams equal
   * those of the full filtration (Ripser's default).
   */
  readonly threshold?: number;
  /** Metric for `{ points }` input (default "euclidean"). */
  readonly metric?: Metric;
  /**
   * Edge collapse (Boissonnat and Pritam 2020) before computing H1 and up: exact for flag
   * complexes and much faster for H2. Default true when maxDim >= 2.
   */
  readonly collapse?: boolean;
  /** Coefficient field Z/p, p a prime below 2^16 (default 2, as Ripser's `--modulus`). */
  readonly coefficients?: number;
  /**
   * Also return a representative cocycle (Z/2) for every point of H1 and up, as Ripser does.
   * Cocycles live on the original complex, so this turns edge collapse off.
   */
  readonly cocycles?: boolean;
  /** Refuse inputs whose estimated memory use exceeds this many bytes (default 4 GiB). */
  readonly memoryLimitBytes?: number;
  /** Aborting it stops the computation with a GeoError "ABORTED" (checked every few thousand columns). */
  readonly signal?: AbortSignal;
  /** Progress callback: the stage ("collapse" or "reduce"), the dimension, and columns or edges done of total. */
  readonly onProgress?: (progress: Progress) => void;
  /** Relative tolerance for the symmetry and zero-diagonal checks of a distance matrix (default 1e-12). */
  readonly symmetryTolerance?: number;
}

const DEFAULT_MEMORY_LIMIT = 4 * 1024 ** 3;
/** Bytes we hold per stored simplex: its diameter and index, plus sort and map overhead. */
const BYTES_PER_SIMPLEX = 40;

/**
 * Vietoris-Rips persistent homology with Z/2 (or Z/p) coefficients, following Ripser (Bauer 2021):
 * union-find for H0, then persistent cohomology with clearing, implicit coboundaries in the
 * combinatorial number system and emergent pairs for H1 and up, after an exact edge collapse
 * of the flag filtration. Returns one diagram per dimension 0..maxDim, sorted by (birth, death),
 * with essential classes dying at Infinity and zero-persistence pairs dropped.
 *
 * @example
 * const square = { points: [[0, 0], [1, 0], [1, 1], [0, 1]] };
 * const [h0, h1] = ripsPersistence(square, { maxDim: 1, threshold: 2 });
 * // h0: births [0, 0, 0, 0], deaths [1, 1, 1, Infinity]; h1: birth [1], death [Math.SQRT2]
 */
export function ripsPersistence(input: RipsInput, options: RipsOptions = {}): PersistenceDiagram[] {
  const { maxDim, coefficients } = checkOptions(options);
  const limit = options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT;
  checkIndexRange(declaredSize(input), maxDim);
  checkDense(Math.max(0, declaredSize(input)), limit);
  const D = toDistanceMatrix(input, {
    metric: options.metric,
    memoryLimitBytes: limit,
    symmetryTolerance: options.symmetryTolerance ?? 1e-12,
  });
  const threshold = options.threshold ?? enclosingRadius(D);
  const cocycles = options.cocycles === true;
  return ripsFromDistanceMatrix(D, {
    maxDim,
    threshold,
    collapse: !cocycles && (options.collapse ?? maxDim >= 2),
    cocycles,
    coefficients,
    memoryLimitBytes: limit,
    signal: options.signal,
    onProgress: options.onProgress,
  });
}

/** Validates the options shared by `ripsPersistence` and `ripsFromDistanceMatrix`. */
function checkOptions(options: {
  readonly maxDim?: number;
  readonly threshold?: number;
  readonly coefficients?: number;
  readonly cocycles?: boolean;
  readonly memoryLimitBytes?: number;
}): { maxDim: number; coefficients: number } {
  const maxDim = options.maxDim ?? 1;
  assertInteger(maxDim, 'options.maxDim', { min: 0 });
  if (options.threshold !== undefined) {
    if (typeof options.threshold !== 'number' || Number.isNaN(options.threshold) || options.threshold < 0) {
      throw new GeoError('OUT_OF_RANGE', `options.threshold must be a number >= 0 (or Infinity), got ${describeValue(options.threshold)}`, {
        argument: 'options.threshold',
        expected: '>= 0',
        actual: options.threshold,
      });
    }
  } else if (maxDim > 2) {
    throw new GeoError('OUT_OF_RANGE', `options.maxDim = ${maxDim} needs an explicit options.threshold: the number of ${maxDim + 1}-simplices grows like n^${maxDim + 2}`, {
      argument: 'options.threshold',
      expected: 'a threshold when maxDim > 2',
      actual: undefined,
    });
  }
  const coefficients = options.coefficients ?? 2;
  assertInteger(coefficients, 'options.coefficients', { min: 2, max: 65535 });
  if (!isPrime(coefficients)) {
    throw new GeoError('OUT_OF_DOMAIN', `options.coefficients must be a prime (the field Z/p), got ${coefficients}`, {
      argument: 'options.coefficients',
      expected: 'a prime p < 2^16',
      actual: coefficients,
    });
  }
  if (options.cocycles === true && coefficients !== 2) {
    throw new GeoError('UNSUPPORTED', 'options.cocycles is only available with options.coefficients = 2', {
      argument: 'options.cocycles',
      expected: 'coefficients 2',
      actual: coefficients,
    });
  }
  if (options.memoryLimitBytes !== undefined && !(typeof options.memoryLimitBytes === 'number' && options.memoryLimitBytes > 0)) {
    throw new GeoError('OUT_OF_RANGE', `options.memoryLimitBytes must be a positive number, got ${describeValue(options.memoryLimitBytes)}`, {
      argument: 'options.memoryLimitBytes',
      expected: '> 0',
      actual: options.memoryLimitBytes,
    });
  }
  return { maxDim, coefficients };
}

/** The number of points an input declares, read before anything is allocated (-1 if unclear: validation reports it). */
function declaredSize(input: RipsInput): number {
  if (input === null || typeof input !== 'object') return -1;
  if ('n' in input && typeof input.n === 'number') return input.n;
  const rows = 'points' in input ? input.points : 'distances' in input ? input.distances : undefined;
  return Array.isArray(rows) ? rows.length : -1;
}

/** Simplex indices go up to C(n, maxDim + 2) (cofacets of the top dimension): they must be exact float64 integers. */
function checkIndexRange(n: number, maxDim: number): void {
  let c = 1;
  for (let i = 0; i < maxDim + 2; i++) c = (c * (n - i)) / (i + 1);
  if (c > Number.MAX_SAFE_INTEGER) {
    throw new GeoError('OUT_OF_RANGE', `n = ${n} points with maxDim = ${maxDim}: simplex indices up to C(n, ${maxDim + 2}) ~ ${c.toExponential(2)} exceed 2^53`, {
      argument: 'input',
      expected: `C(n, ${maxDim + 2}) <= 2^53`,
      actual: c,
    });
  }
}

/** The dense n x n working matrices (distances, ranks, the collapse's int32 copy) and the edge list: checked first. */
function checkDense(n: number, limit: number): void {
  const bytes = 28 * n * n;
  if (bytes > limit) {
    throw new GeoError('OUT_OF_RANGE', `${n} points need ~${formatBytes(bytes)} of dense working matrices, above options.memoryLimitBytes = ${formatBytes(limit)}`, {
      argument: 'input',
      expected: `at most ${formatBytes(limit)}`,
      actual: bytes,
    });
  }
}

/**
 * Bounds the simplices of dimension 2..maxDim that the reduction may store, from the degrees of
 * the (collapsed) graph: at most sum_v C(deg v, d) / (d + 1) d-simplices. Throws a GeoError
 * before they are allocated when they would not fit.
 */
function checkSimplices(F: FlagFiltration, maxDim: number, threshold: number, limit: number): void {
  if (maxDim < 2) return;
  const { n, nbrStart } = F;
  let total = 0;
  for (let d = 2; d <= maxDim; d++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const deg = (nbrStart[i + 1] as number) - (nbrStart[i] as number);
      let b = 1;
      for (let t = 0; t < d; t++) b = (b * (deg - t)) / (t + 1);
      if (b > 0) s += b;
    }
    total += s / (d + 1);
  }
  const bytes = total * BYTES_PER_SIMPLEX;
  if (bytes > limit) {
    throw new GeoError('OUT_OF_RANGE', `the Rips complex of ${n} points up to dimension ${maxDim} at threshold ${threshold} may hold ~${total.toExponential(2)} simplices (${formatBytes(bytes)}) even after edge collapse (if on), above options.memoryLimitBytes = ${formatBytes(limit)}; lower the threshold or maxDim, or raise the limit`, {
      argument: 'options.threshold',
      expected: `at most ${formatBytes(limit)}`,
      actual: bytes,
    });
  }
}

/**
 * The same computation on an already validated dense distance matrix.
 *
 * @example
 * ripsFromDistanceMatrix({ n: 2, data: Float64Array.of(0, 1, 1, 0) }, { maxDim: 0, threshold: 1 })
 * // [{ birth: [0, 0], death: [1, Infinity] }]
 */
export function ripsFromDistanceMatrix(
  D: DistanceMatrix,
  options: {
    readonly maxDim: number;
    readonly threshold: number;
    readonly collapse?: boolean;
    readonly cocycles?: boolean;
    readonly coefficients?: number;
    readonly memoryLimitBytes?: number;
    readonly signal?: AbortSignal;
    readonly onProgress?: (progress: Progress) => void;
  },
): PersistenceDiagram[] {
  checkOptions(options);
  const { n } = D;
  const { maxDim, threshold } = options;
  const limit = options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT;
  checkIndexRange(n, maxDim);
  checkDense(n, limit);
  const dist = D.data;

  // Edges within the threshold, in filtration order: length ascending, ties by index descending.
  const edges = emptySimplexList(1024);
  for (let i = 1; i < n; i++) {
    const base = (i * (i - 1)) / 2;
    for (let j = 0; j < i; j++) {
      const d = dist[i * n + j] as number;
      if (d <= threshold) pushSimplex(edges, d, base + j);
    }
  }
  // Edge lengths become ranks among the distinct lengths (ties kept): every comparison is
  // unchanged, (rank, index) packs into one float64 sort key, and values come back at the end.
  const values = distinctSorted(edges.diam.subarray(0, edges.length));
  for (let e = 0; e < edges.length; e++) edges.diam[e] = rankOf(values, edges.diam[e] as number);
  const R = values.length;
  const sorted = sortForReduction(edges, R, (n * (n - 1)) / 2 + 1); // descending; walk it backwards for the filtration

  // H0: Kruskal. Merging edges kill a component; the others start H1 candidates.
  const birth0: number[] = [];
  const death0: number[] = [];
  const uf = new UnionFind(n);
  const isCycle = new Uint8Array(sorted.length);
  const vertex = (idx: number): [number, number] => {
    // i(i-1)/2 <= idx < i(i+1)/2
    let i = Math.floor((1 + Math.sqrt(1 + 8 * idx)) / 2);
    while ((i * (i - 1)) / 2 > idx) i--;
    while (((i + 1) * i) / 2 <= idx) i++;
    return [i, idx - (i * (i - 1)) / 2];
  };
  for (let e = sorted.length - 1; e >= 0; e--) {
    const idx = sorted.idx[e] as number;
    const d = values[sorted.diam[e] as number] as number;
    const [a, b] = vertex(idx);
    if (uf.union(a, b)) {
      if (d > 0) {
        birth0.push(0);
        death0.push(d);
      }
    } else {
      isCycle[e] = 1;
    }
  }
  for (let v = 0; v < n; v++) {
    if (uf.find(v) === v) {
      birth0.push(0);
      death0.push(Infinity);
    }
  }
  const diagrams: PersistenceDiagram[] = [sortDiagram({ birth: Float64Array.from(birth0), death: Float64Array.from(death0) })];
  if (maxDim === 0) return diagrams;

  // H1 and up work in rank space; G is the matrix of ranks, Infinity where there is no edge.
  const m = sorted.length;
  const G = new Float64Array(n * n).fill(Infinity);
  for (let e = 0; e < m; e++) {
    const r = sorted.diam[e] as number;
    const [a, b] = vertex(sorted.idx[e] as number);
    G[a * n + b] = r;
    G[b * n + a] = r;
  }
  for (let v = 0; v < n; v++) G[v * n + v] = 0;
  const ranked = sorted;
  const binom = binomialTable(n, maxDim + 2);
  const hooks: LongJobHooks | undefined = options.signal !== undefined || options.onProgress !== undefined ? { signal: options.signal, onProgress: options.onProgress } : undefined;
  const C = (k: number): number => binom[k * (n + 1) + n] as number;

  let columns: SimplexList;
  let simplices: SimplexList;
  if (options.collapse === true && options.cocycles !== true) {
    simplices = sortForReduction(collapseEdges(n, G, ranked, hooks), R, C(2));
    columns = h1Columns(n, simplices);
  } else {
    simplices = ranked;
    // the edges that closed a cycle in Kruskal's sweep, in reduction order
    columns = emptySimplexList(Math.max(16, m - n));
    for (let e = 0; e < m; e++) if (isCycle[e] === 1) pushSimplex(columns, ranked.diam[e] as number, ranked.idx[e] as number);
  }
  const F: FlagFiltration = { n, dist: G, threshold: R - 1, binom, ...neighbourLists(n, G, R - 1) };
  checkSimplices(F, maxDim, threshold, limit);
  const value = (r: number): number => (r === Infinity ? Infinity : (values[r] as number));
  for (let dim = 1; dim <= maxDim; dim++) {
    const b: number[] = [];
    const d: number[] = [];
    const z: number[][] | undefined = options.cocycles === true ? [] : undefined;
    const p = options.coefficients ?? 2;
    const pivots = p === 2 ? reduceDimension(F, dim, columns, b, d, z, hooks) : reduceDimensionModP(F, dim, columns, p, b, d, hooks);
    const birth = Float64Array.from(b, value);
    const death = Float64Array.from(d, value);
    if (z === undefined) diagrams.push(sortDiagram({ birth, death }));
    else {
      const vs = new Int32Array(dim + 1);
      const asVertices = (idx: number): number[] => {
        simplexVertices(binom, n, idx, dim + 1, vs);
        return Array.from(vs);
      };
      diagrams.push(sortDiagram({ birth, death, cocycles: z.map((c) => c.map(asVertices)) }));
    }
    if (dim < maxDim) {
      const next = nextSimplices(F, dim, simplices, pivots, dim + 1 < maxDim);
      columns = sortForReduction(next.columns, R, C(dim + 2));
      simplices = next.all ?? emptySimplexList(0);
    }
  }
  return diagrams;
}

/** H1 columns of a collapsed graph: the edges that close a cycle in filtration order (reduction order). */
function h1Columns(n: number, edgesDesc: SimplexList): SimplexList {
  const uf = new UnionFind(n);
  const out = emptySimplexList(Math.max(16, edgesDesc.length));
  for (let e = edgesDesc.length - 1; e >= 0; e--) {
    const idx = edgesDesc.idx[e] as number;
    let i = Math.floor((1 + Math.sqrt(1 + 8 * idx)) / 2);
    while ((i * (i - 1)) / 2 > idx) i--;
    while (((i + 1) * i) / 2 <= idx) i++;
    const j = idx - (i * (i - 1)) / 2;
    if (!uf.union(i, j)) pushSimplex(out, edgesDesc.diam[e] as number, idx);
  }
  return reverseList(out);
}

function reverseList(list: SimplexList): SimplexList {
  const m = list.length;
  const diam = new Float64Array(m);
  const idx = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    diam[i] = list.diam[m - 1 - i] as number;
    idx[i] = list.idx[m - 1 - i] as number;
  }
  return { diam, idx, length: m };
}

/** The distinct values of `x`, ascending. */
function distinctSorted(x: Float64Array): Float64Array {
  const v = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) v[i] = (x[i] as number) + 0; // -0 becomes +0
  sortNonNegative(v);
  let u = 0;
  for (let i = 0; i < v.length; i++) if (u === 0 || v[i] !== v[u - 1]) v[u++] = v[i] as number;
  return v.slice(0, u);
}

/** The position of `x` in the ascending array `values` (which contains it). */
function rankOf(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isPrime(p: number): boolean {
  if (p < 2) return false;
  for (let q = 2; q * q <= p; q++) if (p % q === 0) return false;
  return true;
}
