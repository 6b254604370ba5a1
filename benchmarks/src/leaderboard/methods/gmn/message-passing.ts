// Euclidean message passing with edge features (neural-graphs / GMN style): edge-conditioned
// messages, mean aggregation, residual node and edge updates.
import * as tf from '@tensorflow/tfjs-core';
import { gatherRows } from '@geo/core/tf';
import type { ParamStore } from '@geo/gth-gmn/tf';
import type { Dense } from '../tf-training/dense.js';
import { applyDense, dense, linear } from '../tf-training/dense.js';
import type { GraphBatch } from './graph-input.js';

/**
 * out[s] = sum of x's rows i with ids[i] = s (ScatterNd: one pass, on every backend, with a
 * registered gradient; tfjs's UnsortedSegmentSum is O(segments x rows) on the CPU backend).
 */
export function segmentSum(x: tf.Tensor2D, ids: tf.Tensor1D, numSegments: number): tf.Tensor2D {
  return tf.scatterND(tf.reshape(ids, [-1, 1]), x, [numSegments, x.shape[1]]) as tf.Tensor2D;
}

/** One message-passing layer's variables (all `d -> d`; each first layer is split by input, x W_a + y W_b instead of [x, y] W, so no concat is needed). */
export interface MessageLayer {
  readonly width: number;
  /** m_uv = relu(h_u A_src + h_v A_dst + e_uv A_edge + a) M + m */
  readonly msgSrc: tf.Variable;
  readonly msgDst: tf.Variable;
  readonly msgEdge: Dense;
  readonly msgOut: Dense;
  /** h_v' = h_v + relu(h_v U_node + mean_u m_uv U_agg + u) U_out + u' */
  readonly nodeSelf: Dense;
  readonly nodeAgg: tf.Variable;
  readonly nodeOut: Dense;
  /** e_uv' = e_uv + relu(e_uv V_edge + h_u V_src + h_v V_dst + v) V_out + v' (absent in the last layer, whose edges nobody reads). */
  readonly edge: { readonly self: Dense; readonly src: tf.Variable; readonly dst: tf.Variable; readonly out: Dense } | null;
}

/**
 * Creates a message-passing layer of width d.
 *
 * @example
 * const layer = messageLayer(store, 'mp0', 32, true);
 */
export function messageLayer(store: ParamStore, name: string, width: number, updateEdges: boolean): MessageLayer {
  const d = width;
  return {
    width,
    msgSrc: store.add(`${name}.msg.src`, [d, d], 'glorot'),
    msgDst: store.add(`${name}.msg.dst`, [d, d], 'glorot'),
    msgEdge: dense(store, `${name}.msg.edge`, d, d),
    msgOut: dense(store, `${name}.msg.out`, d, d),
    nodeSelf: dense(store, `${name}.node.self`, d, d),
    nodeAgg: store.add(`${name}.node.agg`, [d, d], 'glorot'),
    nodeOut: dense(store, `${name}.node.out`, d, d),
    edge: updateEdges
      ? { self: dense(store, `${name}.edge.self`, d, d), src: store.add(`${name}.edge.src`, [d, d], 'glorot'), dst: store.add(`${name}.edge.dst`, [d, d], 'glorot'), out: dense(store, `${name}.edge.out`, d, d) }
      : null,
  };
}

/** x W for a bias-free part of a split first layer (the pre-activation's one bias sits on its edge or self part). */
function mul(x: tf.Tensor, w: tf.Variable): tf.Tensor2D {
  return linear(x as tf.Tensor2D, w as tf.Tensor2D);
}

/**
 * One layer on node states h `[N, d]` and edge states e `[E, d]` of a packed batch: messages
 * along every stored edge u -> v from (h_u, h_v, e_uv), averaged at v, residual node update,
 * then (unless last) the residual edge update from the old node states. Permuting the nodes
 * of a graph (and its edges' endpoints accordingly) permutes the outputs the same way.
 *
 * @example
 * const { h, e } = applyMessageLayer(layer, batch, h0, e0);
 */
export function applyMessageLayer(layer: MessageLayer, batch: GraphBatch, h: tf.Tensor2D, e: tf.Tensor2D): { h: tf.Tensor2D; e: tf.Tensor2D } {
  return tf.tidy(() => {
    const pre = tf.add(tf.add(gatherRows(mul(h, layer.msgSrc), batch.src), gatherRows(mul(h, layer.msgDst), batch.dst)), applyDense(e, layer.msgEdge));
    const m = applyDense(tf.relu(pre), layer.msgOut) as tf.Tensor2D;
    const agg = tf.mul(segmentSum(m, batch.dst, batch.numNodes), batch.invDegree);
    const hUpd = applyDense(tf.relu(tf.add(applyDense(h, layer.nodeSelf), mul(agg, layer.nodeAgg))), layer.nodeOut);
    let eNext = e;
    if (layer.edge !== null) {
      const ePre = tf.add(tf.add(applyDense(e, layer.edge.self), gatherRows(mul(h, layer.edge.src), batch.src)), gatherRows(mul(h, layer.edge.dst), batch.dst));
      eNext = tf.add(e, applyDense(tf.relu(ePre), layer.edge.out)) as tf.Tensor2D;
    }
    return { h: tf.add(h, hUpd) as tf.Tensor2D, e: eNext };
  });
}
