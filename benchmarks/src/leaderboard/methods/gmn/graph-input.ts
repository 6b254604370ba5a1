// The parameter graph of each model's last snapshot (the graph GTH-GMN reads, from
// @geo/param-graph), packed into GMN inputs: node features, edge features, endpoints.
import * as tf from '@tensorflow/tfjs-core';
import { GeoError } from '@geo/core';
import { NODE_TYPE, mlpGraph, packGraphs, snapshot } from '@geo/param-graph';
import type { ParamGraph, Trajectory } from '@geo/param-graph';
import type { LayerStats } from '../tf-training/layer-stats.js';
import type { FixedArchitecture } from '../tf-training/setup.js';

/** Node types in readout order (`NODE_TYPE` codes 0..3). */
export const NUM_NODE_TYPES = 4;
/** Edge features: standardised weight, isBias, forward (the edge points to the higher layer). */
export const NUM_EDGE_FEATURES = 3;

/** Node feature width: layer / L, one-hot type, one-hot position among the n_0 inputs and the n_L outputs. */
export function nodeFeatureWidth(arch: FixedArchitecture): number {
  return 1 + NUM_NODE_TYPES + arch.inputs + arch.outputs;
}

/**
 * The undirected parameter graph of a trajectory's last snapshot (`mlpGraph`: a node per
 * neuron and per layer's bias, an edge per non-zero weight or bias, stored both ways).
 *
 * @example
 * const g = lastSnapshotGraph(trajectory); // g.numNodes === sum(sizes) + L
 */
export function lastSnapshotGraph(trajectory: Trajectory): ParamGraph {
  return mlpGraph(snapshot(trajectory, trajectory.steps.length - 1));
}

/** A packed batch of graphs as tensors (the caller disposes them, or runs inside a tidy). */
export interface GraphBatch {
  readonly numGraphs: number;
  readonly numNodes: number;
  readonly numEdges: number;
  /** `[N, nodeFeatureWidth]` node features. */
  readonly x: tf.Tensor2D;
  /** `[E, 3]` edge features. */
  readonly edgeFeatures: tf.Tensor2D;
  readonly src: tf.Tensor1D;
  readonly dst: tf.Tensor1D;
  /** `[N, 1]` 1 / in-degree (0 for isolated nodes), for mean aggregation. */
  readonly invDegree: tf.Tensor2D;
  /** `[N]` graph of each node. */
  readonly nodeGraph: tf.Tensor1D;
  /** `[N]` graph x 4 + node type: the per-type readout groups. */
  readonly typeGroup: tf.Tensor1D;
  /** `[B, 1]` 1 / nodes per graph; `[B * 4, 1]` 1 / nodes per type group (0 for empty groups). */
  readonly invGraphSize: tf.Tensor2D;
  readonly invTypeSize: tf.Tensor2D;
}

/**
 * Packs graphs (one model each) into a GMN batch. Node features: layer label / L, one-hot
 * node type (input, hidden, output, bias), and for the fixed neurons a one-hot of their
 * position among the inputs or outputs (hidden and bias nodes carry zeros there, so permuting
 * hidden neurons only permutes nodes). Edge features: the weight standardised with the
 * training set's per-layer statistics (`stats`), the bias flag, and whether the stored
 * direction points up a layer. Creates tensors: call inside `tf.tidy` or dispose them.
 *
 * @example
 * const batch = packGraphBatch(graphs, arch, stats);
 */
export function packGraphBatch(graphs: readonly ParamGraph[], arch: FixedArchitecture, stats: LayerStats): GraphBatch {
  if (graphs.length === 0) throw new GeoError('BAD_LENGTH', 'graphs must not be empty', { argument: 'graphs' });
  const p = packGraphs(graphs);
  const N = p.numNodes;
  const E = p.numEdges;
  const B = p.numGraphs;
  const L = arch.numLayers;
  const F = nodeFeatureWidth(arch);
  const x = new Float32Array(N * F);
  const typeGroup = new Int32Array(N);
  const graphSize = new Float32Array(B);
  const typeSize = new Float32Array(B * NUM_NODE_TYPES);
  for (let b = 0; b < B; b++) {
    const n0 = p.nodePtr[b] as number;
    const n1 = p.nodePtr[b + 1] as number;
    // Output neurons are the last n_L neurons, right before the L bias nodes.
    const firstOutput = n1 - L - arch.outputs;
    graphSize[b] = n1 - n0;
    for (let i = n0; i < n1; i++) {
      const type = p.nodeType[i] as number;
      const row = i * F;
      x[row] = (p.layer[i] as number) / L;
      x[row + 1 + type] = 1;
      if (type === NODE_TYPE.input) x[row + 1 + NUM_NODE_TYPES + (i - n0)] = 1;
      else if (type === NODE_TYPE.output) x[row + 1 + NUM_NODE_TYPES + arch.inputs + (i - firstOutput)] = 1;
      typeGroup[i] = b * NUM_NODE_TYPES + type;
      typeSize[b * NUM_NODE_TYPES + type] = (typeSize[b * NUM_NODE_TYPES + type] as number) + 1;
    }
  }
  const ef = new Float32Array(E * NUM_EDGE_FEATURES);
  const degree = new Float32Array(N);
  for (let e = 0; e < E; e++) {
    const u = p.src[e] as number;
    const v = p.dst[e] as number;
    const lu = p.layer[u] as number;
    const lv = p.layer[v] as number;
    // The edge belongs to the affine map into the higher of its two layers (bias nodes carry the label below).
    const l = Math.max(lu, lv) - 1;
    const bias = p.isBias[e] === 1;
    const mean = (bias ? stats.biasMean[l] : stats.weightMean[l]) as number;
    const std = (bias ? stats.biasStd[l] : stats.weightStd[l]) as number;
    ef[e * 3] = ((p.weight[e] as number) - mean) / std;
    ef[e * 3 + 1] = bias ? 1 : 0;
    ef[e * 3 + 2] = lv > lu ? 1 : 0;
    degree[v] = (degree[v] as number) + 1;
  }
  const inv = (a: Float32Array): Float32Array => a.map((d) => (d > 0 ? 1 / d : 0));
  return {
    numGraphs: B,
    numNodes: N,
    numEdges: E,
    x: tf.tensor2d(x, [N, F]),
    edgeFeatures: tf.tensor2d(ef, [E, NUM_EDGE_FEATURES]),
    src: tf.tensor1d(p.src, 'int32'),
    dst: tf.tensor1d(p.dst, 'int32'),
    invDegree: tf.tensor2d(inv(degree), [N, 1]),
    nodeGraph: tf.tensor1d(p.batch, 'int32'),
    typeGroup: tf.tensor1d(typeGroup, 'int32'),
    invGraphSize: tf.tensor2d(inv(graphSize), [B, 1]),
    invTypeSize: tf.tensor2d(inv(typeSize), [B * NUM_NODE_TYPES, 1]),
  };
}

/** Disposes every tensor of a batch. */
export function disposeGraphBatch(batch: GraphBatch): void {
  for (const t of [batch.x, batch.edgeFeatures, batch.src, batch.dst, batch.invDegree, batch.nodeGraph, batch.typeGroup, batch.invGraphSize, batch.invTypeSize]) t.dispose();
}
