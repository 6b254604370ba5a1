// One hyperbolic graph attention layer (paper, design 2): hyperbolic affine Q/K/V maps,
// scores -d_c(q_v, k_u) + b_uv, an edge-type gate, a softmax over each node's incoming
// edges (shifted by its neighbourhood's max), and the weighted Einstein midpoint (Klein model) of the values.
import * as tf from '@tensorflow/tfjs-core';
import { gatherRows } from '@geo/core/tf';
import type { TfGeometry } from './geometry.js';
import { segmentSum } from './segment.js';

/** The variables (or generated tensors) of one attention layer. */
export interface AttentionWeights {
  /** Q/K/V kernels: `[3*H*dh, D]` shared by every graph, or `[B, 3*H*dh, D]` one per graph (rows: Q heads, K heads, V heads). */
  readonly kernel: tf.Tensor;
  /** Euclidean Q/K/V biases `[3*H, dh]`, carried to the ball by exp_y(PT_{0->y}(b)). */
  readonly qkvBias: tf.Tensor;
  /** Edge-attribute bias b_uv = attr W + b: `[A, H]` and `[H]`. */
  readonly edgeW: tf.Tensor;
  readonly edgeB: tf.Tensor;
  /** Edge-conditioned messages: `[A, H*dh]`, the tangent vector attr_uv W_e added at u's value; absent = the values alone. */
  readonly edgeValue?: tf.Tensor;
  /** Gate g_uv = sigmoid(type W + b): `[3, H]`, `[H]`; absent = no gate. */
  readonly gateW?: tf.Tensor;
  readonly gateB?: tf.Tensor;
  /** Head combination in the tangent space at 0: `[H*dh, D]`, `[D]`. */
  readonly outW: tf.Tensor;
  readonly outB: tf.Tensor;
}

/** The graph a layer runs on (a packed batch). */
export interface AttentionGraph {
  readonly numNodes: number;
  readonly src: tf.Tensor1D;
  readonly dst: tf.Tensor1D;
  readonly edgeAttr: tf.Tensor2D;
  readonly edgeType: tf.Tensor2D;
  readonly nodeGraph: tf.Tensor1D;
}

export interface AttentionResult {
  /** New node points `[N, D]`. */
  readonly z: tf.Tensor2D;
  /** Attention weights `[E, H]` (each node's incoming weights sum to 1). */
  readonly alpha: tf.Tensor2D;
}

/**
 * The per-edge softmax shift: the max of theta over the destination's incoming edges, per
 * head, read from the values (a constant for the tape: the softmax is shift-invariant).
 * Shifting per neighbourhood, not by one global max, keeps every graph's result independent
 * of the other graphs packed with it (no underflow driven by another graph's scores).
 */
function neighbourhoodMax(theta: tf.Tensor2D, dst: tf.Tensor1D, numNodes: number): tf.Tensor2D {
  const [E, H] = theta.shape;
  const th = theta.dataSync();
  const d = dst.dataSync();
  const max = new Float32Array(numNodes * H).fill(-Infinity);
  for (let e = 0; e < E; e++) {
    const v = d[e] as number;
    for (let h = 0; h < H; h++) {
      const x = th[e * H + h] as number;
      if (x > (max[v * H + h] as number)) max[v * H + h] = x;
    }
  }
  const out = new Float32Array(E * H);
  for (let e = 0; e < E; e++) {
    const v = d[e] as number;
    for (let h = 0; h < H; h++) {
      const m = max[v * H + h] as number;
      out[e * H + h] = Number.isFinite(m) ? m : 0;
    }
  }
  return tf.tensor2d(out, [E, H]);
}

/**
 * Applies one multi-head hyperbolic graph attention layer to node points `z` (`[N, D]`).
 * Node v aggregates over its incoming edges u -> v:
 * theta_uv = -d_c(q_v, k_u) + b_uv, alpha_uv = g_uv e^theta_uv / sum_w g_wv e^theta_wv,
 * m_v = Einstein midpoint of {v_u} with weights alpha_uv; heads are concatenated in the
 * tangent space at 0, mixed by a linear map and a tanh, added to log_0(z) (residual), and
 * mapped back by exp_0.
 *
 * @example
 * const { z: z1, alpha } = graphAttention(hyperbolicGeometry(1), z0, graph, weights, { heads: 2, headDim: 8, residual: true });
 */
export function graphAttention(
  geom: TfGeometry,
  z: tf.Tensor2D,
  graph: AttentionGraph,
  w: AttentionWeights,
  options: {
    readonly heads: number;
    readonly headDim: number;
    readonly residual: boolean;
    /**
     * With per-graph kernels: every graph has this many nodes, stored contiguously in graph
     * order (a batch of one architecture), so the kernels apply as one batched matmul
     * instead of a per-node gather of kernels.
     */
    readonly uniformGraphSize?: number;
  },
): AttentionResult {
  const { heads: H, headDim: dh, residual } = options;
  const N = graph.numNodes;
  const D = z.shape[1] as number;
  return tf.tidy(() => {
    const l = geom.logmap0(z) as tf.Tensor2D;
    // M ⊗ x = exp_0(M log_0 x), one matrix per head (and per graph when the kernels evolve).
    // Transposes are explicit and edge gathers use gatherRows: on WASM, matMul with a
    // transpose flag and tfjs's GatherV2 are each several times slower (see @geo/core/tf).
    let ml: tf.Tensor;
    if (w.kernel.rank === 2) {
      ml = tf.matMul(l, tf.transpose(w.kernel as tf.Tensor2D));
    } else if (options.uniformGraphSize !== undefined) {
      const n0 = options.uniformGraphSize;
      ml = tf.reshape(tf.matMul(tf.reshape(l, [N / n0, n0, D]) as tf.Tensor3D, tf.transpose(w.kernel as tf.Tensor3D, [0, 2, 1])), [N, 3 * H * dh]);
    } else {
      const kn = gatherRows(w.kernel, graph.nodeGraph);
      ml = tf.reshape(tf.matMul(kn as tf.Tensor3D, tf.reshape(l, [N, D, 1]) as tf.Tensor3D), [N, 3 * H * dh]);
    }
    const y = geom.expmap0(tf.reshape(ml, [N, 3 * H, dh]));
    const qkv = geom.addBias(y, w.qkvBias);
    const q = tf.slice(qkv, [0, 0, 0], [N, H, dh]);
    const k = tf.slice(qkv, [0, H, 0], [N, H, dh]);
    const v = tf.slice(qkv, [0, 2 * H, 0], [N, H, dh]);
    const E = graph.src.shape[0] as number;
    const d = tf.reshape(geom.dist(gatherRows(q, graph.dst), gatherRows(k, graph.src)), [E, H]);
    const theta = tf.add(tf.neg(d), tf.add(tf.matMul(graph.edgeAttr, w.edgeW as tf.Tensor2D), w.edgeB));
    const shifted = tf.sub(theta, neighbourhoodMax(theta as tf.Tensor2D, graph.dst, N));
    let ew = tf.exp(shifted);
    if (w.gateW !== undefined && w.gateB !== undefined) {
      ew = tf.mul(ew, tf.sigmoid(tf.add(tf.matMul(graph.edgeType, w.gateW as tf.Tensor2D), w.gateB)));
    }
    const den = segmentSum(ew, graph.dst, N);
    const alpha = tf.div(ew, tf.maximum(gatherRows(den, graph.dst), 1e-30)) as tf.Tensor2D;
    const a3 = tf.reshape(alpha, [E, H, 1]);
    let num: tf.Tensor;
    let mden: tf.Tensor;
    if (w.edgeValue === undefined) {
      const coef = geom.midpointCoefficients(v);
      num = segmentSum(tf.mul(a3, gatherRows(tf.mul(coef.num, v), graph.src)), graph.dst, N);
      mden = segmentSum(tf.mul(a3, gatherRows(coef.den, graph.src)), graph.dst, N);
    } else {
      // each edge's message: u's value moved by its attributes (exp_v(PT_{0->v}(attr W_e)))
      const msg = geom.addBias(gatherRows(v, graph.src), tf.reshape(tf.matMul(graph.edgeAttr, w.edgeValue as tf.Tensor2D), [E, H, dh]));
      const coef = geom.midpointCoefficients(msg);
      num = segmentSum(tf.mul(a3, tf.mul(coef.num, msg)), graph.dst, N);
      mden = segmentSum(tf.mul(a3, coef.den), graph.dst, N);
    }
    const m = geom.midpointFromSums(num, mden);
    const heads = tf.reshape(geom.logmap0(m), [N, H * dh]);
    const mixed = tf.tanh(tf.add(tf.matMul(heads, w.outW as tf.Tensor2D), w.outB));
    const t = residual ? tf.add(l, mixed) : mixed;
    return { z: geom.expmap0(t) as tf.Tensor2D, alpha };
  });
}
