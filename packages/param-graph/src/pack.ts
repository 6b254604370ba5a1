import { GeoError, assertArrayLike, assertLength, describe } from '@geo/core';
import { mlpGraph } from './mlp-graph.js';
import type { GraphOptions, ParamGraph } from './param-graph.js';
import { NUM_NODE_FEATURES } from './param-graph.js';
import type { Trajectory } from './trajectory.js';
import { snapshot, validateTrajectory } from './trajectory.js';

/**
 * Many parameter graphs as one disjoint union (a GNN mini-batch). Node and edge arrays are
 * concatenated with node ids offset per graph, so the union is again sorted by
 * `(src, dst)` and `indptr` is its CSR row pointer. Graph b owns nodes
 * `nodePtr[b]..nodePtr[b+1]` and edges `edgePtr[b]..edgePtr[b+1]`.
 */
export interface PackedGraphs extends Omit<ParamGraph, 'directed'> {
  readonly numGraphs: number;
  /** Whether every packed graph is directed (packing mixed graphs is refused). */
  readonly directed: boolean;
  /** Per packed graph: the model (trajectory) it came from. */
  readonly graphIndex: Int32Array;
  /** Per packed graph: its snapshot index within that model's trajectory. */
  readonly snapshotIndex: Int32Array;
  /** Per node: which packed graph (0..numGraphs-1) it belongs to: PyG's `batch`. */
  readonly batch: Int32Array;
  /** Per node: `graphIndex[batch[i]]`. */
  readonly nodeGraph: Int32Array;
  /** Per node: `snapshotIndex[batch[i]]`. */
  readonly nodeSnapshot: Int32Array;
  /** Per edge: which packed graph it belongs to. */
  readonly edgeBatch: Int32Array;
  /** Node offsets, length numGraphs + 1. */
  readonly nodePtr: Int32Array;
  /** Edge offsets, length numGraphs + 1. */
  readonly edgePtr: Int32Array;
}

function indexArray(x: ArrayLike<number> | undefined, n: number, name: string, fallback: (b: number) => number): Int32Array {
  const out = new Int32Array(n);
  if (x === undefined) {
    for (let b = 0; b < n; b++) out[b] = fallback(b);
    return out;
  }
  assertArrayLike(x, name);
  assertLength(x, n, name);
  for (let b = 0; b < n; b++) {
    const v = x[b] as number;
    if (!Number.isInteger(v) || v < 0 || v > 0x7fffffff) {
      throw new GeoError('OUT_OF_RANGE', `${name}[${b}] must be a non-negative integer, got ${describe(v)}`, { argument: `${name}[${b}]`, actual: v });
    }
    out[b] = v;
  }
  return out;
}

/**
 * Packs graphs into one disjoint union. `graphIndex[b]` / `snapshotIndex[b]` label graph b
 * (defaults: b and 0). Node features keep their per-snapshot z-scores.
 *
 * @example
 * const batch = packGraphs(trajectoryGraphs(traj), { graphIndex: [0, 0, 0], snapshotIndex: [0, 1, 2] });
 * batch.batch // Int32Array: the packed graph of each node
 */
export function packGraphs(
  graphs: readonly ParamGraph[],
  options: { readonly graphIndex?: ArrayLike<number>; readonly snapshotIndex?: ArrayLike<number> } = {},
): PackedGraphs {
  if (!Array.isArray(graphs)) throw new GeoError('BAD_TYPE', `graphs must be an array of ParamGraph, got ${describe(graphs)}`, { argument: 'graphs' });
  const B = graphs.length;
  const graphIndex = indexArray(options.graphIndex, B, 'options.graphIndex', (b) => b);
  const snapshotIndex = indexArray(options.snapshotIndex, B, 'options.snapshotIndex', () => 0);
  const nodePtr = new Int32Array(B + 1);
  const edgePtr = new Int32Array(B + 1);
  const directed = B > 0 && (graphs[0] as ParamGraph).directed;
  graphs.forEach((g, b) => {
    if (typeof g !== 'object' || g === null || !(g.src instanceof Int32Array) || g.src.length !== g.numEdges || g.layer.length !== g.numNodes) {
      throw new GeoError('BAD_TYPE', `graphs[${b}] is not a ParamGraph`, { argument: `graphs[${b}]` });
    }
    if (g.directed !== directed) {
      throw new GeoError('OUT_OF_DOMAIN', `graphs[${b}] is ${g.directed ? '' : 'un'}directed but graphs[0] is not`, { argument: `graphs[${b}]` });
    }
    nodePtr[b + 1] = (nodePtr[b] as number) + g.numNodes;
    edgePtr[b + 1] = (edgePtr[b] as number) + g.numEdges;
    if (!Number.isSafeInteger(nodePtr[b + 1]) || (nodePtr[b + 1] as number) < (nodePtr[b] as number) || (edgePtr[b + 1] as number) < (edgePtr[b] as number)) {
      throw new GeoError('OUT_OF_RANGE', 'the packed graph exceeds 2^31 nodes or edges', { argument: 'graphs' });
    }
  });
  const N = nodePtr[B] as number;
  const E = edgePtr[B] as number;
  const src = new Int32Array(E);
  const dst = new Int32Array(E);
  const weight = new Float64Array(E);
  const isBias = new Uint8Array(E);
  const crossLayer = new Uint8Array(E);
  const indptr = new Int32Array(N + 1);
  const layer = new Int32Array(N);
  const nodeType = new Uint8Array(N);
  const strengthAbs = new Float64Array(N);
  const strengthSgn = new Float64Array(N);
  const nodeFeatures = new Float64Array(N * NUM_NODE_FEATURES);
  const batch = new Int32Array(N);
  const nodeGraph = new Int32Array(N);
  const nodeSnapshot = new Int32Array(N);
  const edgeBatch = new Int32Array(E);
  graphs.forEach((g, b) => {
    const n0 = nodePtr[b] as number;
    const e0 = edgePtr[b] as number;
    for (let e = 0; e < g.numEdges; e++) {
      src[e0 + e] = (g.src[e] as number) + n0;
      dst[e0 + e] = (g.dst[e] as number) + n0;
    }
    weight.set(g.weight, e0);
    isBias.set(g.isBias, e0);
    crossLayer.set(g.crossLayer, e0);
    edgeBatch.fill(b, e0, e0 + g.numEdges);
    for (let i = 0; i < g.numNodes; i++) indptr[n0 + i + 1] = (g.indptr[i + 1] as number) + e0;
    layer.set(g.layer, n0);
    nodeType.set(g.nodeType, n0);
    strengthAbs.set(g.strengthAbs, n0);
    strengthSgn.set(g.strengthSgn, n0);
    nodeFeatures.set(g.nodeFeatures, n0 * NUM_NODE_FEATURES);
    batch.fill(b, n0, n0 + g.numNodes);
    nodeGraph.fill(graphIndex[b] as number, n0, n0 + g.numNodes);
    nodeSnapshot.fill(snapshotIndex[b] as number, n0, n0 + g.numNodes);
  });
  return {
    numGraphs: B,
    numNodes: N,
    numEdges: E,
    directed,
    src,
    dst,
    weight,
    isBias,
    crossLayer,
    indptr,
    layer,
    nodeType,
    strengthAbs,
    strengthSgn,
    nodeFeatures,
    graphIndex,
    snapshotIndex,
    batch,
    nodeGraph,
    nodeSnapshot,
    edgeBatch,
    nodePtr,
    edgePtr,
  };
}

/**
 * Builds and packs the snapshot graphs of many trajectories: graph index = position in
 * `trajectories`, snapshot index = t. `snapshots` restricts which snapshots (the same
 * indices for every trajectory).
 *
 * @example
 * const batch = packTrajectories([trajA, trajB]); // numGraphs = T_A + T_B
 */
export function packTrajectories(
  trajectories: readonly Trajectory[],
  options: GraphOptions & {
    readonly snapshots?: readonly number[];
    /** Called after each trajectory with (done, total). */
    readonly onProgress?: (done: number, total: number) => void;
    readonly signal?: AbortSignal;
  } = {},
): PackedGraphs {
  if (!Array.isArray(trajectories)) {
    throw new GeoError('BAD_TYPE', `trajectories must be an array, got ${describe(trajectories)}`, { argument: 'trajectories' });
  }
  const graphs: ParamGraph[] = [];
  const gi: number[] = [];
  const si: number[] = [];
  trajectories.forEach((traj: Trajectory, k: number) => {
    if (options.signal?.aborted === true) throw new GeoError('ABORTED', 'packTrajectories was aborted', { argument: 'options.signal' });
    validateTrajectory(traj, `trajectories[${k}]`);
    const picks = options.snapshots ?? traj.steps.map((_: number, t: number) => t);
    for (const t of picks) {
      graphs.push(mlpGraph(snapshot(traj, t), options));
      gi.push(k);
      si.push(t);
    }
    options.onProgress?.(k + 1, trajectories.length);
  });
  return packGraphs(graphs, { graphIndex: gi, snapshotIndex: si });
}
