import * as tf from '@tensorflow/tfjs-core';
import { GeoError, assertInteger, assertOneOf } from '@geo/core';
import type { MetricBatch } from '../metric.js';

/** A feature map on tfjs tensors: `[N, d]` points in, `[N, n]` features out, row by row. */
export type TensorFeatureMap = (x: tf.Tensor2D) => tf.Tensor2D;

export interface TfJacobianOptions {
  /**
   * `reverse`: one backward pass per chunk of features (cost ~ n forward passes over the
   * batch). `forward`: one Jacobian-vector product per input direction, built as the
   * gradient of a backward pass with respect to its cotangent (cost ~ 3 d forward passes),
   * which needs second-order gradients. `auto` (default): forward when d < n.
   */
  readonly mode?: 'auto' | 'reverse' | 'forward';
  /**
   * Features differentiated per backward pass (default 64). Each pass tiles the batch this
   * many times, so memory grows as chunkSize * N * n.
   */
  readonly chunkSize?: number;
}

function assertPoints(x: unknown): asserts x is tf.Tensor2D {
  if (!(x instanceof tf.Tensor) || x.rank !== 2 || x.shape[0] === 0 || x.shape[1] === 0) {
    throw new GeoError('BAD_SHAPE', 'x must be a non-empty rank-2 tensor [N, d]', {
      argument: 'x',
      expected: '[N, d]',
      actual: x instanceof tf.Tensor ? x.shape : typeof x,
    });
  }
  if (x.dtype !== 'float32') {
    throw new GeoError('BAD_TYPE', `x must be a float32 tensor, got ${x.dtype}`, { argument: 'x', expected: 'float32', actual: x.dtype });
  }
}

/** tf.grad, turning tfjs's "no gradient for kernel X" into a GeoError that says what to do. */
function differentiate(loss: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor): tf.Tensor {
  try {
    return tf.grad(loss)(x);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/gradient function not found/i.test(message)) {
      throw new GeoError('UNSUPPORTED', `${message}: call registerGradients() from @geo/pullback-metric/tf once, or load @tensorflow/tfjs (which registers every gradient)`, {
        argument: 'f',
        cause: e,
      });
    }
    throw e;
  }
}

/**
 * The Jacobian dPhi/dx at each point by autodiff, `[N, n, d]`. Rows of the batch must not
 * interact inside `f` (no batch statistics): the features of point p may depend on x_p
 * only. Reverse mode: feature i's gradient comes from one backward pass of
 * sum_p f(x)_{p,i}; chunks of features share a pass by tiling the batch (copy b seeds
 * feature k0 + b). Forward mode (default when d < n): one Jacobian-vector product per input
 * coordinate, as the gradient of a backward pass in its cotangent.
 *
 * @example
 * const J = jacobian((x) => tf.square(x), tf.tensor2d([[1, 2]])); // [[[2, 0], [0, 4]]]
 */
export function jacobian(f: TensorFeatureMap, x: tf.Tensor2D, options: TfJacobianOptions = {}): tf.Tensor3D {
  if (typeof f !== 'function') throw new GeoError('BAD_TYPE', 'f must be a function of a [N, d] tensor', { argument: 'f' });
  assertPoints(x);
  const chunkSize = options.chunkSize ?? 64;
  assertInteger(chunkSize, 'options.chunkSize', { min: 1 });
  const mode = options.mode ?? 'auto';
  assertOneOf(mode, ['auto', 'reverse', 'forward'], 'options.mode');
  const [count, d] = x.shape;
  return tf.tidy(() => {
    const y = f(x);
    if (!(y instanceof tf.Tensor) || y.rank !== 2 || y.shape[0] !== count) {
      throw new GeoError('BAD_SHAPE', `f must return a [${count}, n] tensor, got ${y instanceof tf.Tensor ? `[${y.shape.join(', ')}]` : typeof y}`, {
        argument: 'f',
        expected: [count, null],
        actual: y instanceof tf.Tensor ? y.shape : typeof y,
      });
    }
    const n = y.shape[1];
    if (mode === 'forward' || (mode === 'auto' && d < n)) {
      // J e_m = d/du [ sum_p (J_p^T u_p) . e_m ]: the backward pass is linear in the
      // cotangent u, so its gradient in u is the Jacobian column m (at any u; zeros here).
      const u0 = tf.zerosLike(y);
      const columns: tf.Tensor2D[] = [];
      for (let m = 0; m < d; m++) {
        const basis = new Float32Array(count * d);
        for (let p = 0; p < count; p++) basis[p * d + m] = 1;
        const em32 = tf.tensor2d(basis, [count, d]);
        const column = differentiate(
          (u: tf.Tensor) => tf.sum(tf.mul(differentiate((xx: tf.Tensor) => tf.sum(tf.mul(f(xx as tf.Tensor2D), u)), x), em32)),
          u0,
        );
        columns.push(column as tf.Tensor2D); // [count, n]
      }
      return tf.stack(columns, 2) as tf.Tensor3D; // [count, n, d]
    }
    const blocks: tf.Tensor3D[] = [];
    for (let k0 = 0; k0 < n; k0 += chunkSize) {
      const k = Math.min(chunkSize, n - k0);
      const tiled = tf.tile(x, [k, 1]); // row b * count + p is copy b of point p
      const seedIdx = new Int32Array(k * count);
      for (let b = 0; b < k; b++) seedIdx.fill(k0 + b, b * count, (b + 1) * count);
      const seed = tf.cast(tf.oneHot(tf.tensor1d(seedIdx, 'int32'), n), 'float32');
      const grad = differentiate((xx: tf.Tensor) => tf.sum(tf.mul(f(xx as tf.Tensor2D), seed)), tiled); // [k*count, d]
      blocks.push(tf.transpose(tf.reshape(grad, [k, count, d]), [1, 0, 2]) as tf.Tensor3D);
    }
    return (blocks.length === 1 ? blocks[0] : tf.concat(blocks, 1)) as tf.Tensor3D;
  });
}

/**
 * The pullback metric g = J^T J of a tfjs feature map at each point, `[N, d, d]`, with J by
 * reverse-mode autodiff (see `jacobian`). float32 like tfjs: compare with the float64 closed
 * form at float32 tolerances, and use the root entry where 1e-8 agreement matters.
 *
 * @example
 * const g = pullbackMetric(mlpFeatureMap(net), tf.tensor2d(points, [N, 2]));
 * const lv = logVolumeElement(await metricBatchFromTensor(g));
 */
export function pullbackMetric(f: TensorFeatureMap, x: tf.Tensor2D, options: TfJacobianOptions = {}): tf.Tensor3D {
  return tf.tidy(() => {
    const j = jacobian(f, x, options);
    return tf.matMul(j, j, true, false) as tf.Tensor3D;
  });
}

/**
 * Copies a `[N, d, d]` metric tensor into a float64 `MetricBatch` for the root entry's
 * `logVolumeElement`, `metricEigenvalues` and curvature routines (symmetrised, since
 * float32 J^T J can differ from its transpose in the last bit).
 *
 * @example
 * const batch = await metricBatchFromTensor(pullbackMetric(f, x));
 */
export async function metricBatchFromTensor(g: tf.Tensor3D): Promise<MetricBatch> {
  if (!(g instanceof tf.Tensor) || g.rank !== 3 || g.shape[1] !== g.shape[2]) {
    throw new GeoError('BAD_SHAPE', 'g must be a [N, d, d] tensor', { argument: 'g', expected: '[N, d, d]', actual: g instanceof tf.Tensor ? g.shape : typeof g });
  }
  const [count, d] = g.shape;
  const data = Float64Array.from(await g.data());
  for (let p = 0; p < count; p++) {
    const o = p * d * d;
    for (let i = 0; i < d; i++)
      for (let j = i + 1; j < d; j++) {
        const v = 0.5 * ((data[o + i * d + j] as number) + (data[o + j * d + i] as number));
        data[o + i * d + j] = v;
        data[o + j * d + i] = v;
      }
  }
  return { data, count, dim: d };
}
