// The tfjs face: parameter graphs as tensors for a GNN, and the node features computed
// differentiably from weight tensors (for hypernetworks and meta-learning through the graph).
import * as tf from '@tensorflow/tfjs-core';
import { GeoError } from '@geo/core';
import type { PackedGraphs } from '../pack.js';
import type { ParamGraph } from '../param-graph.js';
import { NODE_TYPE, NUM_NODE_FEATURES } from '../param-graph.js';

/** A graph (or a packed batch of graphs) as tensors, in PyG's layout. The caller disposes them. */
export interface GraphTensors {
  /** Node features `[N, 4]` float32: layer, type, es_abs, es_sgn. */
  readonly x: tf.Tensor2D;
  /** `[2, E]` int32: row 0 sources, row 1 destinations. */
  readonly edgeIndex: tf.Tensor2D;
  /** `[E]` float32 signed weights. */
  readonly edgeWeight: tf.Tensor1D;
  /** `[E, 2]` float32: isBias, crossLayer. */
  readonly edgeAttr: tf.Tensor2D;
  /** `[N]` int32: the packed graph of each node (all 0 for a single graph). */
  readonly batch: tf.Tensor1D;
}

/**
 * Converts a `ParamGraph` or `PackedGraphs` to tensors (float32 features and weights, int32 indices).
 *
 * @example
 * const { x, edgeIndex, edgeWeight, batch } = graphTensors(packTrajectories([traj]));
 */
export function graphTensors(graph: ParamGraph | PackedGraphs): GraphTensors {
  if (typeof graph !== 'object' || graph === null || !(graph.src instanceof Int32Array) || !(graph.nodeFeatures instanceof Float64Array)) {
    throw new GeoError('BAD_TYPE', 'graph must be a ParamGraph or PackedGraphs', { argument: 'graph' });
  }
  const N = graph.numNodes;
  const E = graph.numEdges;
  const index = new Int32Array(2 * E);
  index.set(graph.src, 0);
  index.set(graph.dst, E);
  const attr = new Float32Array(2 * E);
  for (let e = 0; e < E; e++) {
    attr[2 * e] = graph.isBias[e] as number;
    attr[2 * e + 1] = graph.crossLayer[e] as number;
  }
  const batch = 'batch' in graph ? graph.batch : new Int32Array(N);
  return {
    x: tf.tensor2d(Float32Array.from(graph.nodeFeatures), [N, NUM_NODE_FEATURES], 'float32'),
    edgeIndex: tf.tensor2d(index, [2, E], 'int32'),
    edgeWeight: tf.tensor1d(Float32Array.from(graph.weight), 'float32'),
    edgeAttr: tf.tensor2d(attr, [E, 2], 'float32'),
    batch: tf.tensor1d(Int32Array.from(batch), 'int32'),
  };
}

/** Population z-scores; constant input (max = min) gives zeros (and zero gradients), never NaN. */
function zscoreTensor(s: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    // Decided on values, outside the differentiated graph: comparison kernels have no gradient.
    const range = tf.sub(tf.max(s), tf.min(s)).dataSync()[0] as number;
    if (!(range > 0)) return tf.mul(s, 0) as tf.Tensor1D;
    // z-scores are scale-free; dividing by the range first keeps float32 squares from under- or overflowing.
    const centred = tf.sub(tf.div(s, range), tf.mean(tf.div(s, range)));
    return tf.div(centred, tf.sqrt(tf.mean(tf.square(centred)))) as tf.Tensor1D;
  });
}

/**
 * The node features of `mlpGraph` (same node order: neurons layer by layer, then one bias
 * node per layer) computed from weight tensors, differentiably: `weights[l]` is `[out, in]`,
 * `biases[l]` is `[out]`. Strengths sum |w| and w over each node's incident edges (a zero
 * weight contributes nothing, exactly as a missing edge), then z-score within the snapshot.
 * Returns `[N, 4]` float32. Differentiating needs tfjs's gradients registered (importing
 * `@tensorflow/tfjs`, or `@tensorflow/tfjs-core/dist/register_all_gradients`).
 *
 * @example
 * const g = tf.grad((w0) => tf.sum(tf.square(mlpNodeFeatures([w0, w1], [b0, b1]))))(w0);
 */
export function mlpNodeFeatures(weights: readonly tf.Tensor2D[], biases: readonly tf.Tensor1D[]): tf.Tensor2D {
  const L = weights.length;
  if (L === 0 || biases.length !== L) {
    throw new GeoError('BAD_LENGTH', `need one weight and one bias tensor per layer, got ${weights.length} and ${biases.length}`, { argument: 'biases' });
  }
  const sizes: number[] = [];
  weights.forEach((w, l) => {
    if (!(w instanceof tf.Tensor) || w.rank !== 2) throw new GeoError('BAD_SHAPE', `weights[${l}] must be a rank-2 tensor [out, in]`, { argument: `weights[${l}]` });
    const [out, inp] = w.shape;
    if (l === 0) sizes.push(inp);
    else if (inp !== sizes[l]) {
      throw new GeoError('BAD_SHAPE', `weights[${l}] has ${inp} inputs, weights[${l - 1}] has ${sizes[l]} outputs`, { argument: `weights[${l}]`, expected: sizes[l], actual: inp });
    }
    sizes.push(out);
    const b = biases[l] as tf.Tensor1D;
    if (!(b instanceof tf.Tensor) || b.rank !== 1 || b.shape[0] !== out) {
      throw new GeoError('BAD_SHAPE', `biases[${l}] must have shape [${out}]`, { argument: `biases[${l}]`, expected: [out], actual: b instanceof tf.Tensor ? b.shape : typeof b });
    }
  });
  return tf.tidy(() => {
    const parts = (f: (t: tf.Tensor) => tf.Tensor): tf.Tensor1D => {
      const blocks: tf.Tensor1D[] = [];
      for (let l = 0; l <= L; l++) {
        let s: tf.Tensor1D = tf.zeros([sizes[l] as number]);
        if (l > 0) s = tf.add(s, tf.add(tf.sum(f(weights[l - 1] as tf.Tensor2D), 1), f(biases[l - 1] as tf.Tensor1D)));
        if (l < L) s = tf.add(s, tf.sum(f(weights[l] as tf.Tensor2D), 0));
        blocks.push(s);
      }
      for (let l = 0; l < L; l++) blocks.push(tf.reshape(tf.sum(f(biases[l] as tf.Tensor1D)), [1]));
      return tf.concat(blocks) as tf.Tensor1D;
    };
    const esAbs = zscoreTensor(parts((t) => tf.abs(t)));
    const esSgn = zscoreTensor(parts((t) => t));
    const layer: number[] = [];
    const type: number[] = [];
    sizes.forEach((n, l) => {
      for (let j = 0; j < n; j++) {
        layer.push(l);
        type.push(l === 0 ? NODE_TYPE.input : l === L ? NODE_TYPE.output : NODE_TYPE.hidden);
      }
    });
    for (let l = 1; l <= L; l++) {
      layer.push(l - 1);
      type.push(NODE_TYPE.bias);
    }
    return tf.stack([tf.tensor1d(layer, 'float32'), tf.tensor1d(type, 'float32'), esAbs, esSgn], 1) as tf.Tensor2D;
  });
}
