// Euclidean message passing with edge features (neural-graphs / GMN style): edge-conditioned
// messages, mean aggregation, residual node and edge updates.
import * as tf from '@tensorflow/tfjs-core';
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

/**
 * rows of x at `ids` (`[ids.length, d]`), with the gradient scattered back by `segmentSum`.
 * The forward copy runs on typed arrays: tfjs's GatherV2 kernel takes ~100 ms for 38k x 32
 * rows on WASM (measured, nfn-gmn bench), the copy well under 10.
 *
 * @example
 * const hs = gatherRows(h, batch.srcArray, batch.src); // h[src[e]] per edge
 */
export function gatherRows(x: tf.Tensor2D, ids: Int32Array, idsTensor: tf.Tensor1D): tf.Tensor2D {
  const [n, d] = x.shape;
  const gather = tf.customGrad<tf.Tensor2D>((...args) => {
    const data = (args[0] as tf.Tensor).dataSync();
    // save the indices: the tape frees every tensor the forward pass made before backward runs
    (args[1] as tf.GradSaveFunc)([idsTensor]);
    const out = new Float32Array(ids.length * d);
    for (let e = 0; e < ids.length; e++) {
      const row = ids[e] as number;
      out.set(data.subarray(row * d, (row + 1) * d), e * d);
    }
    return { value: tf.tensor2d(out, [ids.length, d]), gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => segmentSum(dy, saved[0] as tf.Tensor1D, n) };
  });
  return gather(x);
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
    const pre = tf.add(tf.add(gatherRows(mul(h, layer.msgSrc), batch.srcArray, batch.src), gatherRows(mul(h, layer.msgDst), batch.dstArray, batch.dst)), applyDense(e, layer.msgEdge));
    const m = applyDense(tf.relu(pre), layer.msgOut) as tf.Tensor2D;
    const agg = tf.mul(segmentSum(m, batch.dst, batch.numNodes), batch.invDegree);
    const hUpd = applyDense(tf.relu(tf.add(applyDense(h, layer.nodeSelf), mul(agg, layer.nodeAgg))), layer.nodeOut);
    let eNext = e;
    if (layer.edge !== null) {
      const ePre = tf.add(tf.add(applyDense(e, layer.edge.self), gatherRows(mul(h, layer.edge.src), batch.srcArray, batch.src)), gatherRows(mul(h, layer.edge.dst), batch.dstArray, batch.dst));
      eNext = tf.add(e, applyDense(tf.relu(ePre), layer.edge.out)) as tf.Tensor2D;
    }
    return { h: tf.add(h, hUpd) as tf.Tensor2D, e: eNext };
  });
}
