// A batch of trajectories -> one packed graph per snapshot (the B graphs of snapshot t as a
// disjoint union), with the model's node and edge inputs as tensors.
import * as tf from '@tensorflow/tfjs-core';
import { GeoError, assertInteger, describe } from '@geo/core';
import { NODE_TYPE, mlpGraph, numSnapshots, packGraphs, snapshot } from '@geo/param-graph';
import type { ParamGraph, Trajectory } from '@geo/param-graph';

/** Node input features: layer / L, one-hot type (input, hidden, output, bias), es_abs, es_sgn. */
export const NUM_NODE_INPUTS = 7;
/** Edge attributes: asinh(w), isBias, crossLayer, selfLoop. */
export const NUM_EDGE_ATTRS = 4;
/** Edge types the gate sees: isBias, crossLayer, selfLoop. */
export const NUM_EDGE_TYPES = 3;

/** One snapshot of the batch: tensors (the caller disposes through `PreparedBatch.dispose`) and typed arrays. */
export interface SnapshotInput {
  readonly numNodes: number;
  /** Edges including the appended self-loops (real edges first). */
  readonly numEdges: number;
  /** Real (weight) edges: the first `numRealEdges` edges. */
  readonly numRealEdges: number;
  /** `[N, 7]` node inputs. */
  readonly x: tf.Tensor2D;
  readonly src: tf.Tensor1D;
  readonly dst: tf.Tensor1D;
  /** `[E, 4]` edge attributes. */
  readonly edgeAttr: tf.Tensor2D;
  /** `[E, 3]` edge types for the gate. */
  readonly edgeType: tf.Tensor2D;
  /** `[N]` int32: graph (trajectory) of each node. */
  readonly nodeGraph: tf.Tensor1D;
  /** `[N]` int32: readout group (graph * groupsPerGraph + group). */
  readonly group: tf.Tensor1D;
  /** Typed copies of the real edges: endpoints and signed weights. */
  readonly srcArray: Int32Array;
  readonly dstArray: Int32Array;
  readonly weightArray: Float64Array;
  readonly nodeGraphArray: Int32Array;
  readonly nodePtr: Int32Array;
}

/** A prepared batch: B trajectories, T snapshots used. */
export interface PreparedBatch {
  readonly numGraphs: number;
  readonly numSnapshots: number;
  readonly groupsPerGraph: number;
  readonly sizes: readonly number[];
  readonly snapshots: readonly SnapshotInput[];
  /**
   * Every snapshot used in one disjoint union (snapshot-major: node n of snapshot t is row
   * t * N + n; graph ids t * B + b; readout groups t * B * G + group), so that a layer runs
   * once over all snapshots instead of once per snapshot.
   */
  readonly all: Omit<SnapshotInput, 'srcArray' | 'dstArray' | 'weightArray' | 'nodeGraphArray' | 'nodePtr' | 'numRealEdges'>;
  /** `[B]` float32: nodes per graph (for segment means). */
  readonly nodesPerGraph: tf.Tensor1D;
  /** `[B * G]` float32: nodes per readout group. */
  readonly nodesPerGroup: tf.Tensor1D;
  dispose(): void;
}

export interface PrepareOptions {
  /** 'all' snapshots or only the 'last' (static ablation). */
  readonly snapshots: 'all' | 'last';
  readonly selfLoops: boolean;
  readonly readoutGroups: 'layer' | 'graph';
  /** One-hot slots for the index of input and output neurons, appended to the node inputs (default 0: none). */
  readonly fixedNeuronSlots?: number;
  /** Append asinh of the raw incident |w| and w sums (default false: the paper's z-scores only). */
  readonly rawStrengths?: boolean;
}

/** Extra node inputs with `rawStrengths`: asinh(sum |w|), asinh(sum w) over incident edges. */
export const NUM_RAW_STRENGTHS = 2;

/** Node input width: the paper's features, then the raw strengths (if any), then the fixed-neuron slots. */
export function nodeInputWidth(fixedNeuronSlots = 0, rawStrengths = false): number {
  return NUM_NODE_INPUTS + (rawStrengths ? NUM_RAW_STRENGTHS : 0) + fixedNeuronSlots;
}

/** Readout groups of one MLP graph: neuron layers 0..L, then bias nodes by layer label 0..L-1. */
function groupOf(g: ParamGraph, u: number, L: number, mode: 'layer' | 'graph'): number {
  if (mode === 'graph') return 0;
  const layer = g.layer[u] as number;
  return g.nodeType[u] === NODE_TYPE.bias ? L + 1 + layer : layer;
}

/**
 * Builds the per-snapshot graph tensors of a batch of trajectories of one architecture and one T.
 * Throws a GeoError naming `trajectories` when they are empty or disagree.
 *
 * @example
 * const batch = prepareBatch([traj1, traj2], { snapshots: 'all', selfLoops: true, readoutGroups: 'layer' });
 * batch.snapshots.length // T
 * batch.dispose();
 */
export function prepareBatch(trajectories: readonly Trajectory[], options: PrepareOptions): PreparedBatch {
  if (!Array.isArray(trajectories) || trajectories.length === 0) {
    throw new GeoError('BAD_LENGTH', `trajectories must be a non-empty array, got ${describe(trajectories)}`, { argument: 'trajectories' });
  }
  const first = trajectories[0] as Trajectory;
  const T = numSnapshots(first);
  const sizes = first.sizes;
  trajectories.forEach((tr, b) => {
    if (tr.sizes.length !== sizes.length || tr.sizes.some((s: number, i: number) => s !== sizes[i])) {
      throw new GeoError('BAD_SHAPE', `trajectories[${b}] has sizes [${tr.sizes.join(', ')}], trajectories[0] has [${sizes.join(', ')}]`, { argument: `trajectories[${b}]` });
    }
    if (numSnapshots(tr) !== T) {
      throw new GeoError('BAD_LENGTH', `trajectories[${b}] has ${numSnapshots(tr)} snapshots, trajectories[0] has ${T}`, { argument: `trajectories[${b}]` });
    }
  });
  const L = sizes.length - 1;
  const slots = options.fixedNeuronSlots ?? 0;
  assertInteger(slots, 'options.fixedNeuronSlots', { min: 0, max: 4096 });
  const rawStrengths = options.rawStrengths === true;
  const width = nodeInputWidth(slots, rawStrengths);
  const slotOffset = NUM_NODE_INPUTS + (rawStrengths ? NUM_RAW_STRENGTHS : 0);
  if (slots > 0 && Math.max(sizes[0] as number, sizes[L] as number) > slots) {
    throw new GeoError('OUT_OF_RANGE', `fixedNeuronSlots ${slots} is below the ${Math.max(sizes[0] as number, sizes[L] as number)} input or output neurons of sizes [${sizes.join(', ')}]`, {
      argument: 'options.fixedNeuronSlots',
      expected: `>= ${Math.max(sizes[0] as number, sizes[L] as number)}`,
      actual: slots,
    });
  }
  const firstOutput = sizes.slice(0, L).reduce((a: number, b: number) => a + b, 0);
  const G = options.readoutGroups === 'layer' ? 2 * L + 1 : 1;
  const B = trajectories.length;
  const ts = options.snapshots === 'last' ? [T - 1] : Array.from({ length: T }, (_, t) => t);
  const out: SnapshotInput[] = [];
  let perGraph: Float32Array | undefined;
  const raw: { x: Float32Array; src: Int32Array; dst: Int32Array; attr: Float32Array; types: Float32Array; nodeGraph: Int32Array; group: Int32Array }[] = [];
  let perGroup: Float32Array | undefined;
  for (const t of ts) {
    const graphs = trajectories.map((tr) => mlpGraph(snapshot(tr, t)));
    const packed = packGraphs(graphs);
    const N = packed.numNodes;
    const Er = packed.numEdges;
    const E = options.selfLoops ? Er + N : Er;
    const src = new Int32Array(E);
    const dst = new Int32Array(E);
    src.set(packed.src);
    dst.set(packed.dst);
    const attr = new Float32Array(E * NUM_EDGE_ATTRS);
    const types = new Float32Array(E * NUM_EDGE_TYPES);
    for (let e = 0; e < Er; e++) {
      attr[e * 4] = Math.asinh(packed.weight[e] as number);
      attr[e * 4 + 1] = packed.isBias[e] as number;
      attr[e * 4 + 2] = packed.crossLayer[e] as number;
      types[e * 3] = packed.isBias[e] as number;
      types[e * 3 + 1] = packed.crossLayer[e] as number;
    }
    for (let u = 0; u < E - Er; u++) {
      const e = Er + u;
      src[e] = u;
      dst[e] = u;
      attr[e * 4 + 3] = 1;
      types[e * 3 + 2] = 1;
    }
    const x = new Float32Array(N * width);
    const group = new Int32Array(N);
    const nodeGraph = Int32Array.from(packed.nodeGraph);
    for (let b = 0; b < B; b++) {
      const g = graphs[b] as ParamGraph;
      const off = packed.nodePtr[b] as number;
      for (let u = 0; u < g.numNodes; u++) {
        const n = off + u;
        x[n * width] = (g.layer[u] as number) / L;
        x[n * width + 1 + (g.nodeType[u] as number)] = 1;
        x[n * width + 5] = g.nodeFeatures[u * 4 + 2] as number;
        x[n * width + 6] = g.nodeFeatures[u * 4 + 3] as number;
        // the incident strength sums the z-scores above were taken from
        if (rawStrengths) {
          x[n * width + NUM_NODE_INPUTS] = Math.asinh(g.strengthAbs[u] as number);
          x[n * width + NUM_NODE_INPUTS + 1] = Math.asinh(g.strengthSgn[u] as number);
        }
        // input neuron j is node j, output neuron j is node firstOutput + j (mlpGraphLayout)
        if (slots > 0 && g.nodeType[u] === NODE_TYPE.input) x[n * width + slotOffset + u] = 1;
        if (slots > 0 && g.nodeType[u] === NODE_TYPE.output) x[n * width + slotOffset + u - firstOutput] = 1;
        group[n] = b * G + groupOf(g, u, L, options.readoutGroups);
      }
    }
    if (perGraph === undefined) {
      perGraph = new Float32Array(B);
      perGroup = new Float32Array(B * G);
      for (let n = 0; n < N; n++) {
        const b = nodeGraph[n] as number;
        const q = group[n] as number;
        perGraph[b] = (perGraph[b] as number) + 1;
        perGroup[q] = (perGroup[q] as number) + 1;
      }
    }
    raw.push({ x, src, dst, attr, types, nodeGraph, group });
    out.push({
      numNodes: N,
      numEdges: E,
      numRealEdges: Er,
      x: tf.tensor2d(x, [N, width]),
      src: tf.tensor1d(src, 'int32'),
      dst: tf.tensor1d(dst, 'int32'),
      edgeAttr: tf.tensor2d(attr, [E, NUM_EDGE_ATTRS]),
      edgeType: tf.tensor2d(types, [E, NUM_EDGE_TYPES]),
      nodeGraph: tf.tensor1d(nodeGraph, 'int32'),
      group: tf.tensor1d(group, 'int32'),
      srcArray: Int32Array.from(packed.src),
      dstArray: Int32Array.from(packed.dst),
      weightArray: Float64Array.from(packed.weight),
      nodeGraphArray: nodeGraph,
      nodePtr: Int32Array.from(packed.nodePtr),
    });
  }
  const nodesPerGraph = tf.tensor1d(perGraph as Float32Array);
  const nodesPerGroup = tf.tensor1d(perGroup as Float32Array);
  const all = concatSnapshots(raw, B, G, width);
  return {
    numGraphs: B,
    numSnapshots: ts.length,
    groupsPerGraph: G,
    sizes: [...sizes],
    snapshots: out,
    all,
    nodesPerGraph,
    nodesPerGroup,
    dispose() {
      nodesPerGraph.dispose();
      nodesPerGroup.dispose();
      for (const t of [all.x, all.src, all.dst, all.edgeAttr, all.edgeType, all.nodeGraph, all.group]) t.dispose();
      for (const s of out) for (const t of [s.x, s.src, s.dst, s.edgeAttr, s.edgeType, s.nodeGraph, s.group]) t.dispose();
    },
  };
}

/** The union of the snapshots' graphs, snapshot-major, with node, graph and group ids offset. */
function concatSnapshots(
  raw: readonly { x: Float32Array; src: Int32Array; dst: Int32Array; attr: Float32Array; types: Float32Array; nodeGraph: Int32Array; group: Int32Array }[],
  B: number,
  G: number,
  width: number,
): PreparedBatch['all'] {
  const N = raw.reduce((a, r) => a + r.nodeGraph.length, 0);
  const E = raw.reduce((a, r) => a + r.src.length, 0);
  const x = new Float32Array(N * width);
  const src = new Int32Array(E);
  const dst = new Int32Array(E);
  const attr = new Float32Array(E * NUM_EDGE_ATTRS);
  const types = new Float32Array(E * NUM_EDGE_TYPES);
  const nodeGraph = new Int32Array(N);
  const group = new Int32Array(N);
  let n0 = 0;
  let e0 = 0;
  raw.forEach((r, t) => {
    const n = r.nodeGraph.length;
    const e = r.src.length;
    x.set(r.x, n0 * width);
    attr.set(r.attr, e0 * NUM_EDGE_ATTRS);
    types.set(r.types, e0 * NUM_EDGE_TYPES);
    for (let i = 0; i < e; i++) {
      src[e0 + i] = (r.src[i] as number) + n0;
      dst[e0 + i] = (r.dst[i] as number) + n0;
    }
    for (let i = 0; i < n; i++) {
      nodeGraph[n0 + i] = (r.nodeGraph[i] as number) + t * B;
      group[n0 + i] = (r.group[i] as number) + t * B * G;
    }
    n0 += n;
    e0 += e;
  });
  return {
    numNodes: N,
    numEdges: E,
    x: tf.tensor2d(x, [N, width]),
    src: tf.tensor1d(src, 'int32'),
    dst: tf.tensor1d(dst, 'int32'),
    edgeAttr: tf.tensor2d(attr, [E, NUM_EDGE_ATTRS]),
    edgeType: tf.tensor2d(types, [E, NUM_EDGE_TYPES]),
    nodeGraph: tf.tensor1d(nodeGraph, 'int32'),
    group: tf.tensor1d(group, 'int32'),
  };
}
