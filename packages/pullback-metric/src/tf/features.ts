import * as tf from '@tensorflow/tfjs-core';
import { assertOneOf } from '@geo/core';
import { ACTIVATIONS, type ActivationName } from '../activation.js';
import { assertMlp, type Mlp } from '../mlp.js';

/**
 * The activation as a differentiable tfjs op (exact GELU via erf, as in the float64 face).
 *
 * @example
 * tfActivation('erf')(tf.tensor1d([0, 1])) // [0, 0.8427]
 */
export function tfActivation(name: ActivationName): (h: tf.Tensor) => tf.Tensor {
  assertOneOf(name, ACTIVATIONS, 'activation');
  switch (name) {
    case 'erf':
      return (h) => tf.erf(h);
    case 'tanh':
      return (h) => tf.tanh(h);
    case 'sigmoid':
      return (h) => tf.sigmoid(h);
    case 'gelu':
      return (h) => tf.mul(h, tf.mul(0.5, tf.add(1, tf.erf(tf.mul(h, Math.SQRT1_2)))));
    case 'relu':
      return (h) => tf.relu(h);
    case 'softplus':
      return (h) => tf.softplus(h);
    case 'linear':
      return (h) => h;
  }
}

/**
 * The feature map of an `Mlp` as a tfjs function of a `[N, d]` batch (float32 weights), for
 * `pullbackMetric` from this entry and for training with tfjs. Weight tensors are created on
 * each call inside the caller's tidy scope, so nothing leaks.
 *
 * @example
 * const f = mlpFeatureMap(randomMlp([2, 16], { activation: 'erf', seed: 0 }));
 * const g = pullbackMetric(f, tf.tensor2d([[0.1, 0.2]])); // [1, 2, 2]
 */
export function mlpFeatureMap(net: Mlp): (x: tf.Tensor2D) => tf.Tensor2D {
  assertMlp(net);
  const phi = tfActivation(net.activation);
  const layers = net.layers.map((l) => ({ w: Float32Array.from(l.weight), b: Float32Array.from(l.bias), inputs: l.inputs, outputs: l.outputs }));
  return (x) => {
    let a: tf.Tensor2D = x;
    for (const l of layers) {
      const w = tf.tensor2d(l.w, [l.outputs, l.inputs]);
      const b = tf.tensor1d(l.b);
      a = phi(tf.add(tf.matMul(a, w, false, true), b)) as tf.Tensor2D;
    }
    return tf.mul(a, net.outputScale);
  };
}
