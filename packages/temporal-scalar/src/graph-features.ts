import { GeoError, assertArrayLike, assertFinite, assertInteger, assertOneOf, eigh } from '@geo/core';
import type { SnapshotFeatures } from './snapshot-features.js';

/**
 * One weighted graph snapshot as COO edges: structurally a subset of `@geo/param-graph`'s
 * `ParamGraph` (an undirected ParamGraph stores each edge in both directions), so its
 * snapshots can be passed as they are.
 */
export interface GraphSnapshot {
  readonly numNodes: number;
  readonly src: ArrayLike<number>;
  readonly dst: ArrayLike<number>;
  readonly weight: ArrayLike<number>;
}

/** Options of `graphSnapshotFeatures`. */
export interface GraphFeatureOptions {
  /**
   * `'frobenius'` (default): |A_t - A_s|_F over the stored entries (every snapshot must store the
   * same (src, dst) pairs, in any order); `'spectral'`: |lambda(A_t) - lambda(A_s)|_2 between the
   * sorted eigenvalues of the symmetrised dense adjacency (A + A^T)/2 (an O(n^3) `eigh` per
   * snapshot; invariant to every node relabelling).
   */
  readonly distance?: 'frobenius' | 'spectral';
}

function checkGraph(g: GraphSnapshot, name: string): void {
  if (typeof g !== 'object' || g === null) throw new GeoError('BAD_TYPE', `${name} must be a graph { numNodes, src, dst, weight }`, { argument: name });
  assertInteger(g.numNodes, `${name}.numNodes`, { min: 1 });
  assertArrayLike(g.src, `${name}.src`);
  assertArrayLike(g.dst, `${name}.dst`);
  assertArrayLike(g.weight, `${name}.weight`);
  const m = g.src.length;
  if (g.dst.length !== m || g.weight.length !== m) {
    throw new GeoError('BAD_LENGTH', `${name}: src, dst and weight must have one entry per edge (${m}, ${g.dst.length}, ${g.weight.length})`, { argument: name });
  }
  assertFinite(g.weight, `${name}.weight`);
  for (let e = 0; e < m; e++) {
    const u = g.src[e] as number;
    const v = g.dst[e] as number;
    if (!Number.isInteger(u) || !Number.isInteger(v) || u < 0 || v < 0 || u >= g.numNodes || v >= g.numNodes) {
      throw new GeoError('OUT_OF_RANGE', `${name}: edge ${e} (${u} -> ${v}) leaves 0..${g.numNodes - 1}`, { argument: `${name}.src`, actual: [u, v] });
    }
  }
}

/**
 * Feature rows for graph snapshots (e.g. `@geo/param-graph` graphs of a trajectory) such that
 * the graph distance is the Euclidean distance between rows; feed them to `pairwiseDistances`
 * or a `SnapshotSource`.
 *
 * @example
 * const f = graphSnapshotFeatures(trajectoryGraphs(traj), { distance: 'spectral' });
 * scalarEmbedding(pairwiseDistances(f.data, f.rows, f.cols)).x
 */
export function graphSnapshotFeatures(graphs: readonly GraphSnapshot[], options: GraphFeatureOptions = {}): SnapshotFeatures {
  const distance = options.distance ?? 'frobenius';
  assertOneOf(distance, ['frobenius', 'spectral'], 'options.distance');
  if (!Array.isArray(graphs) || graphs.length === 0) throw new GeoError('BAD_LENGTH', 'graphs must be a non-empty array', { argument: 'graphs' });
  const first = graphs[0] as GraphSnapshot;
  checkGraph(first, 'graphs[0]');
  const n = first.numNodes;
  const T = graphs.length;
  if (distance === 'spectral') {
    const data = new Float64Array(T * n);
    const a = new Float64Array(n * n);
    graphs.forEach((g, t) => {
      checkGraph(g, `graphs[${t}]`);
      if (g.numNodes !== n) throw new GeoError('BAD_SHAPE', `graphs[${t}] has ${g.numNodes} nodes, graphs[0] has ${n}`, { argument: `graphs[${t}]`, expected: n, actual: g.numNodes });
      a.fill(0);
      for (let e = 0; e < g.src.length; e++) {
        const u = g.src[e] as number;
        const v = g.dst[e] as number;
        const w = 0.5 * (g.weight[e] as number);
        a[u * n + v] = (a[u * n + v] as number) + w;
        a[v * n + u] = (a[v * n + u] as number) + w;
      }
      const values = eigh(a, n, { vectors: false }).values;
      // Descending, so equal positions compare like with like.
      for (let i = 0; i < n; i++) data[t * n + i] = values[n - 1 - i] as number;
    });
    return { data, rows: T, cols: n };
  }
  // Frobenius: one column per stored (src, dst) pair of the first snapshot.
  const m = first.src.length;
  const column = new Map<number, number>();
  for (let e = 0; e < m; e++) {
    const key = (first.src[e] as number) * n + (first.dst[e] as number);
    if (column.has(key)) throw new GeoError('OUT_OF_DOMAIN', `graphs[0] stores edge ${first.src[e]} -> ${first.dst[e]} twice`, { argument: 'graphs[0]' });
    column.set(key, e);
  }
  const data = new Float64Array(T * m);
  graphs.forEach((g, t) => {
    if (t > 0) checkGraph(g, `graphs[${t}]`);
    if (g.numNodes !== n || g.src.length !== m) {
      throw new GeoError('BAD_SHAPE', `graphs[${t}] must store the same ${m} edges on ${n} nodes as graphs[0] for the Frobenius distance`, { argument: `graphs[${t}]`, expected: [n, m], actual: [g.numNodes, g.src.length] });
    }
    for (let e = 0; e < m; e++) {
      const c = column.get((g.src[e] as number) * n + (g.dst[e] as number));
      if (c === undefined) throw new GeoError('BAD_SHAPE', `graphs[${t}] has edge ${g.src[e]} -> ${g.dst[e]}, which graphs[0] lacks`, { argument: `graphs[${t}]` });
      data[t * m + c] = g.weight[e] as number;
    }
  });
  return { data, rows: T, cols: m };
}
