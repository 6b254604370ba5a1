// Segment sums as ScatterNd: tfjs's UnsortedSegmentSum loops over segments on the CPU
// backend (O(segments x rows), seconds for a few thousand edges) and has no WASM kernel;
// ScatterNd accumulates duplicates in one O(rows) pass on both backends.
import * as tf from '@tensorflow/tfjs-core';

/**
 * out[s] = sum of x[i] over rows i with ids[i] = s, for s < numSegments (rows of x along axis 0).
 *
 * @example
 * segmentSum(tf.tensor1d([1, 2, 3]), tf.tensor1d([0, 1, 0], 'int32'), 2) // [4, 2]
 */
export function segmentSum(x: tf.Tensor, ids: tf.Tensor1D, numSegments: number): tf.Tensor {
  return tf.tidy(() => tf.scatterND(tf.reshape(ids, [-1, 1]), x, [numSegments, ...x.shape.slice(1)]));
}
