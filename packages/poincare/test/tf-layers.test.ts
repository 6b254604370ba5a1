// The hyperbolic linear layer, activation and the tfjs RiemannianAdam optimizer against the root face.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as R from '../src/index.js';
import * as T from '../src/tf/index.js';
import { relDiff } from './helpers/arbitraries.js';
import { startBackend, values } from './helpers/tf.js';
import { TF_VS_ROOT_REL_F32 } from './tolerances.js';

beforeAll(async () => {
  await startBackend();
  T.registerGradients();
});

const c = 0.8;
const pts = [
  [0.1, -0.3, 0.2],
  [0.5, 0.4, -0.1],
  [-0.6, 0.1, 0.3],
];

describe('hypLinear / HyperbolicLinear', () => {
  it('is exp_{M⊗x}(PT_{0->M⊗x}(b)) of the root face, row by row', () => {
    const m = [0.5, -1, 0.3, 0.2, 0.7, -0.4];
    const b = [0.3, -0.2];
    const got = values(T.hypLinear(tf.tensor2d(pts), tf.tensor2d(m, [2, 3]), tf.tensor1d(b), c));
    pts.forEach((x, i) => {
      const y = R.mobiusMatvec(m, 2, 3, x, c);
      const want = R.expmap(y, R.transp0(y, b, c), c);
      expect(relDiff(got.slice(i * 2, i * 2 + 2), want, 1)).toBeLessThan(TF_VS_ROOT_REL_F32);
    });
  });

  it('initialises deterministically from its seed and trains its weights through the ball', () => {
    const a = new T.HyperbolicLinear({ inputDim: 3, outputDim: 2, c, seed: 5 });
    const b = new T.HyperbolicLinear({ inputDim: 3, outputDim: 2, c, seed: 5 });
    const other = new T.HyperbolicLinear({ inputDim: 3, outputDim: 2, c, seed: 6 });
    expect(values(a.weight)).toEqual(values(b.weight));
    expect(values(a.weight)).not.toEqual(values(other.weight));
    const x = tf.tensor2d(pts);
    const target = tf.tensor1d([0.2, 0.1]);
    const opt = tf.train.adam(0.05);
    const loss = () => tf.sum(T.dist(a.apply(x), target, c)) as tf.Scalar;
    const before = loss().dataSync()[0] as number;
    for (let k = 0; k < 60; k++) opt.minimize(loss, false, a.variables);
    const after = loss().dataSync()[0] as number;
    expect(after).toBeLessThan(0.5 * before);
    expect(() => a.apply(tf.zeros([2, 4]))).toThrowError(/x must end with 3/);
    [a, b, other].forEach((l) => l.dispose());
  });
});

describe('hypActivation', () => {
  it('is exp_0 ∘ σ ∘ log_0', () => {
    const got = values(T.hypActivation(tf.tensor2d(pts), tf.relu, c));
    pts.forEach((x, i) => {
      const want = R.expmap0(Array.from(R.logmap0(x, c), (v) => Math.max(v, 0)), c);
      expect(relDiff(got.slice(i * 3, i * 3 + 3), want, 1)).toBeLessThan(TF_VS_ROOT_REL_F32);
    });
  });
});

describe('RiemannianAdamOptimizer (tfjs)', () => {
  for (const amsgrad of [false, true]) {
    it(`takes the same steps as riemannianAdamStep${amsgrad ? ' (RAMSGrad)' : ''}`, () => {
      const target = [0.3, -0.2, 0.1];
      const z = tf.variable(tf.tensor2d(pts));
      const opt = new T.RiemannianAdamOptimizer({ c, learningRate: 0.05, amsgrad, weightDecay: 0.01 });
      const state = R.createRiemannianAdamState(3, 3, amsgrad);
      let x: Float64Array = Float64Array.from(pts.flat());
      for (let step = 0; step < 5; step++) {
        // loss = sum_i dist(z_i, target): its Euclidean gradient per row is distGradient
        const g = new Float64Array(9);
        for (let i = 0; i < 3; i++) g.set(R.distGradient(x.slice(i * 3, i * 3 + 3), target, c), i * 3);
        x = R.riemannianAdamStep(state, x, g, { c, lr: 0.05, amsgrad, weightDecay: 0.01, dim: 3 });
        opt.minimize(() => tf.sum(T.dist(z, tf.tensor1d(target), c)) as tf.Scalar, false, [z]);
        expect(relDiff(values(z), x, 1)).toBeLessThan(1e-4);
      }
      expect(opt.iterations).toBe(5);
      opt.dispose();
      z.dispose();
    });
  }

  it('keeps variables inside the ball while minimising, and refuses bad options', () => {
    const z = tf.variable(T.expmap0(tf.tensor2d([[0.01, 0.02], [-0.02, 0.01]]), 1));
    const opt = new T.RiemannianAdamOptimizer({ c: 1, learningRate: 0.5 });
    const far = tf.tensor1d([0.99, 0]);
    for (let k = 0; k < 40; k++) opt.minimize(() => tf.sum(T.dist(z, far, 1)) as tf.Scalar, false, [z]);
    const v = values(z);
    for (let i = 0; i < 2; i++) expect(Math.hypot(v[2 * i] as number, v[2 * i + 1] as number)).toBeLessThan(1);
    expect(values(T.dist(z, far, 1)).every((d) => d < 1)).toBe(true);
    expect(() => new T.RiemannianAdamOptimizer({ c: 0, learningRate: 0.1 })).toThrowError(/c must/);
    opt.dispose();
  });
});
