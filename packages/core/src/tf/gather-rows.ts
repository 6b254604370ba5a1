// tfjs's GatherV2 kernel is slow on the WASM backend (measured: 40-220 ms to gather 150,000
// rows of 8 floats, 267 ms for rows of 64, against ~8 ms for a typed-array copy), and graph
// networks gather node states along every edge several times per layer. This is the same
// operation as `tf.gather(x, indices)` along axis 0, copied on typed arrays, with the
// gradient scattered back by ScatterNd (itself differentiable).
import * as tf from '@tensorflow/tfjs-core';
import { GeoError } from '../errors.js';

/**
 * Rows of `x` (any rank >= 1, rows along axis 0) at `indices`: the result has shape
 * `[indices.length, ...x.shape.slice(1)]` and equals `tf.gather(x, indices)` exactly (the
 * values are copied, not computed). Differentiable in `x`.
 *
 * @example
 * const hs = gatherRows(h, graph.src); // h[src[e]] for every edge e
 */
export function gatherRows<R extends tf.Rank>(x: tf.Tensor<R>, indices: tf.Tensor1D): tf.Tensor<R> {
  if (indices.rank !== 1 || indices.dtype !== 'int32') {
    throw new GeoError('BAD_SHAPE', `indices must be a 1-D int32 tensor, got rank ${indices.rank} ${indices.dtype}`, { argument: 'indices', expected: '1-D int32', actual: indices.shape });
  }
  if (x.rank < 1) throw new GeoError('BAD_SHAPE', 'x must have at least one axis', { argument: 'x', expected: 'rank >= 1', actual: x.shape });
  const rows = x.shape[0] as number;
  const rowShape = x.shape.slice(1);
  const width = rowShape.reduce((a, b) => a * b, 1);
  const ids = indices.dataSync() as Int32Array;
  for (let e = 0; e < ids.length; e++) {
    const r = ids[e] as number;
    if (!(r >= 0 && r < rows)) throw new GeoError('OUT_OF_RANGE', `indices[${e}] = ${r} is outside [0, ${rows})`, { argument: 'indices', expected: `[0, ${rows})`, actual: r });
  }
  const gather = tf.customGrad((...args: unknown[]) => {
    const input = args[0] as tf.Tensor;
    const save = args[1] as tf.GradSaveFunc;
    // the tape frees what the forward pass made before backward runs: keep the indices
    save([indices]);
    const data = input.dataSync() as Float32Array;
    const out = new Float32Array(ids.length * width);
    for (let e = 0, o = 0; e < ids.length; e++) {
      const s = (ids[e] as number) * width;
      for (let c = 0; c < width; c++) out[o++] = data[s + c] as number;
    }
    return {
      value: tf.tensor(out, [ids.length, ...rowShape], 'float32'),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.scatterND(tf.reshape(saved[0] as tf.Tensor, [-1, 1]), dy, x.shape),
    };
  });
  return gather(x) as tf.Tensor<R>;
}
