// GMN's invariant readout: the mean node state of each graph and of each node type in it.
import * as tf from '@tensorflow/tfjs-core';
import type { GraphBatch } from './graph-input.js';
import { NUM_NODE_TYPES } from './graph-input.js';
import { segmentSum } from './message-passing.js';

/**
 * `[B, 5 d]`: per graph, the mean of its node states, then the means over its input, hidden,
 * output and bias nodes (zeros for a type it lacks). Unchanged by any permutation of a
 * graph's nodes that keeps their types (hidden-neuron permutations), up to float rounding.
 *
 * @example
 * const z = graphReadout(batch, h); // [numGraphs, 5 * d]
 */
export function graphReadout(batch: GraphBatch, h: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const B = batch.numGraphs;
    const d = h.shape[1];
    const all = tf.mul(segmentSum(h, batch.nodeGraph, B), batch.invGraphSize);
    const byType = tf.reshape(tf.mul(segmentSum(h, batch.typeGroup, B * NUM_NODE_TYPES), batch.invTypeSize), [B, NUM_NODE_TYPES * d]);
    return tf.concat([all, byType], 1) as tf.Tensor2D;
  });
}
