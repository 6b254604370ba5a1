// Hyperbolic neural-network layers (Ganea et al. 2018, section 3.2).
import * as tf from '@tensorflow/tfjs-core';
import { GeoError, assertInteger, createRng } from '@geo/core';
import { expmap, expmap0, logmap0, mobiusMatvec, transp0 } from './ops.js';
import { checkCurvature } from '../validate.js';

/**
 * The hyperbolic affine map of GTH-GMN and HNN: y = M ⊗ x, then the Euclidean bias b added
 * as exp_y(PT_{0->y}(b)). `weight` is (out x in); `bias` (out) may be omitted.
 *
 * @example
 * hypLinear(tf.tensor1d([0.1, 0.2]), tf.eye(2), tf.tensor1d([0.1, 0]), 1)
 */
export function hypLinear(x: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor | undefined, c: number): tf.Tensor {
  checkCurvature(c);
  return tf.tidy(() => {
    const y = mobiusMatvec(weight, x, c);
    return bias === undefined ? y : expmap(y, transp0(y, bias, c), c);
  });
}

/**
 * A hyperbolic activation exp_0 ∘ σ ∘ log_0.
 *
 * @example
 * hypActivation(tf.tensor1d([0.3, -0.2]), tf.relu, 1)
 */
export function hypActivation(x: tf.Tensor, activation: (t: tf.Tensor) => tf.Tensor, c: number): tf.Tensor {
  checkCurvature(c);
  return tf.tidy(() => expmap0(activation(logmap0(x, c)), c));
}

export interface HyperbolicLinearOptions {
  readonly inputDim: number;
  readonly outputDim: number;
  readonly c: number;
  /** Add a Euclidean bias carried onto the ball by exp_y ∘ PT_{0->y} (default true). */
  readonly useBias?: boolean;
  /** Seed of the Glorot-uniform weight initialisation. */
  readonly seed: number;
}

/**
 * A hyperbolic linear layer holding its own variables: `weight` (out x in, Glorot-uniform
 * from `seed`) and `bias` (out, zeros; Euclidean, so train it with any tfjs optimizer).
 *
 * @example
 * const layer = new HyperbolicLinear({ inputDim: 4, outputDim: 2, c: 1, seed: 1 });
 * const y = layer.apply(expmap0(tf.randomNormal([8, 4], 0, 0.1, 'float32', 1), 1)); // (8, 2) on the ball
 */
export class HyperbolicLinear {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable | undefined;
  readonly c: number;

  constructor(options: HyperbolicLinearOptions) {
    const { inputDim, outputDim, c, useBias = true, seed } = options;
    assertInteger(inputDim, 'options.inputDim', { min: 1 });
    assertInteger(outputDim, 'options.outputDim', { min: 1 });
    assertInteger(seed, 'options.seed', { min: 0 });
    checkCurvature(c);
    this.c = c;
    const rng = createRng(seed).derive('HyperbolicLinear');
    const limit = Math.sqrt(6 / (inputDim + outputDim));
    const w = rng.fillUniform(new Float32Array(inputDim * outputDim), -limit, limit);
    this.weight = tf.variable(tf.tensor2d(w, [outputDim, inputDim]), true);
    this.bias = useBias ? tf.variable(tf.zeros([outputDim]), true) : undefined;
  }

  /** y = exp_{M⊗x}(PT_{0->M⊗x}(b)) for x of shape (..., inputDim). */
  apply(x: tf.Tensor): tf.Tensor {
    const inDim = this.weight.shape[1] as number;
    if (x.shape[x.rank - 1] !== inDim) {
      throw new GeoError('BAD_SHAPE', `x must end with ${inDim}, got shape [${x.shape.join(', ')}]`, { argument: 'x', expected: inDim, actual: x.shape });
    }
    return hypLinear(x, this.weight, this.bias, this.c);
  }

  /** Trainable variables: [weight, bias?]. */
  get variables(): tf.Variable[] {
    return this.bias === undefined ? [this.weight] : [this.weight, this.bias];
  }

  dispose(): void {
    this.weight.dispose();
    this.bias?.dispose();
  }
}
