// Riemannian Adam / RAMSGrad as a tfjs optimizer for variables whose rows live on the ball.
import * as tf from '@tensorflow/tfjs-core';

/** tfjs's { name, tensor } pair (not re-exported by tfjs-core's index). */
interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}
import { assertInRange, assertPositive } from '@geo/core';
import { expmap, project, transp } from './ops.js';
import { gap, sqnorm } from './numeric.js';
import { checkCurvature } from '../validate.js';

export interface TfRiemannianAdamOptions {
  readonly c: number;
  readonly learningRate: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
  readonly weightDecay?: number;
  /** RAMSGrad. */
  readonly amsgrad?: boolean;
}

interface Slots {
  m: tf.Variable;
  v: tf.Variable;
  vmax: tf.Variable | undefined;
}

/**
 * Riemannian Adam (RAMSGrad with `amsgrad`) on the Poincaré ball for tfjs variables whose last
 * axis is a point of the ball (every leading index is one point), with geoopt's semantics:
 * rgrad = egrad / lambda_x^2, one second moment per point (lambda_x^2 |rgrad|^2), exp-map
 * update, first moment transported to the new point. Use a plain tfjs optimizer for the
 * Euclidean variables of the same model.
 *
 * @example
 * const z = tf.variable(expmap0(tf.randomNormal([10, 2], 0, 0.01, 'float32', 1), 1));
 * const opt = new RiemannianAdamOptimizer({ c: 1, learningRate: 0.01 });
 * opt.minimize(() => tf.sum(dist(z, tf.zeros([2]), 1)), false, [z]);
 */
export class RiemannianAdamOptimizer extends tf.Optimizer {
  static get className(): string {
    return 'RiemannianAdam';
  }

  readonly c: number;
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly weightDecay: number;
  readonly amsgrad: boolean;
  private readonly slots = new Map<string, Slots>();
  private step = 0;

  constructor(options: TfRiemannianAdamOptions) {
    super();
    const { c, learningRate, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, weightDecay = 0, amsgrad = false } = options;
    checkCurvature(c);
    assertPositive(learningRate, 'options.learningRate');
    assertInRange(beta1, 'options.beta1', { min: 0, max: 1, maxInclusive: false });
    assertInRange(beta2, 'options.beta2', { min: 0, max: 1, maxInclusive: false });
    assertInRange(epsilon, 'options.epsilon', { min: 0 });
    assertInRange(weightDecay, 'options.weightDecay', { min: 0 });
    this.c = c;
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.weightDecay = weightDecay;
    this.amsgrad = amsgrad;
  }

  applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const entries: [string, tf.Tensor][] = Array.isArray(variableGradients)
      ? variableGradients.map((g) => [g.name, g.tensor])
      : Object.entries(variableGradients);
    this.step += 1;
    const t = this.step;
    const { c, beta1, beta2, epsilon, weightDecay, learningRate } = this;
    const bc1 = 1 - beta1 ** t;
    const bc2 = 1 - beta2 ** t;
    for (const [name, grad] of entries) {
      const x = tf.engine().registeredVariables[name];
      if (x === undefined || grad === undefined || grad === null) continue;
      let slot = this.slots.get(name);
      if (slot === undefined) {
        const lead = x.shape.slice(0, -1);
        slot = {
          m: tf.variable(tf.zerosLike(x), false),
          v: tf.variable(tf.zeros([...lead, 1]), false),
          vmax: this.amsgrad ? tf.variable(tf.zeros([...lead, 1]), false) : undefined,
        };
        this.slots.set(name, slot);
      }
      const s = slot;
      tf.tidy(() => {
        const g0 = weightDecay > 0 ? tf.add(grad, tf.mul(weightDecay, x)) : grad;
        const gx = gap(x, c);
        const inv = tf.div(tf.square(gx), 4);
        const rgrad = tf.mul(g0, inv);
        const m = tf.add(tf.mul(beta1, s.m), tf.mul(1 - beta1, rgrad));
        const v = tf.add(tf.mul(beta2, s.v), tf.mul(1 - beta2, tf.div(sqnorm(rgrad), inv)));
        let vHat = v;
        if (s.vmax !== undefined) {
          vHat = tf.maximum(s.vmax, v);
          s.vmax.assign(vHat);
        }
        const dir = tf.div(tf.div(m, bc1), tf.add(tf.sqrt(tf.div(vHat, bc2)), epsilon));
        const next = project(expmap(x, tf.mul(-learningRate, dir), c), c);
        s.m.assign(transp(x, next, m, c));
        s.v.assign(v);
        x.assign(next);
      });
    }
    this.incrementIterations();
  }

  override dispose(): void {
    for (const s of this.slots.values()) {
      s.m.dispose();
      s.v.dispose();
      s.vmax?.dispose();
    }
    this.slots.clear();
    super.dispose();
  }

  override async getWeights(): Promise<NamedTensor[]> {
    const out: NamedTensor[] = [await this.saveIterations()];
    for (const [name, s] of this.slots) {
      out.push({ name: `${name}/m`, tensor: s.m }, { name: `${name}/v`, tensor: s.v });
      if (s.vmax !== undefined) out.push({ name: `${name}/vmax`, tensor: s.vmax });
    }
    return out;
  }

  getConfig(): tf.serialization.ConfigDict {
    return { c: this.c, learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, weightDecay: this.weightDecay, amsgrad: this.amsgrad };
  }
}
