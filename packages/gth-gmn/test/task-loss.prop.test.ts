// Invariants of the task losses: softplus = log(1 + e^x) stably, cross-entropy is >= 0 and
// shift-invariant per row, the ranking loss only sees score differences and the order of
// targets; and the ranking head learns an ordering.
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { GthGmn, prepareBatch, softplus, taskLoss, trainTask } from '../src/tf/index.js';
import { sineZoo } from './helpers/zoo.js';
import { setupTf } from './helpers/tf.js';
import { LOSS_F32_ABS } from './tolerances.js';

const scalar = (t: tf.Tensor): number => t.dataSync()[0] as number;

describe('task losses', () => {
  beforeAll(setupTf);

  it('softplus(x) = log(1 + e^x), finite for large |x|', () => {
    fc.assert(
      fc.property(fc.double({ min: -80, max: 80, noNaN: true }), (x) => {
        const got = tf.tidy(() => scalar(softplus(tf.scalar(x))));
        const want = Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
        expect(Math.abs(got - want)).toBeLessThanOrEqual(LOSS_F32_ABS * Math.max(1, want));
      }),
    );
  });

  it('cross-entropy is >= 0 and invariant to adding a constant to a row of logits', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: -5, max: 5, noNaN: true }), { minLength: 6, maxLength: 6 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), fc.double({ min: -20, max: 20, noNaN: true }), (logits, y0, y1, shift) => {
        const a = tf.tidy(() => scalar(taskLoss(tf.tensor2d(logits, [2, 3]), [y0, y1], 'classification')));
        const b = tf.tidy(() => scalar(taskLoss(tf.tensor2d(logits.map((v, i) => (i < 3 ? v + shift : v)), [2, 3]), [y0, y1], 'classification')));
        expect(a).toBeGreaterThanOrEqual(0);
        expect(Math.abs(a - b)).toBeLessThanOrEqual(LOSS_F32_ABS * Math.max(1, a));
      }),
    );
  });

  it('ranking loss depends only on score differences and on the order of the targets', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: -3, max: 3, noNaN: true }), { minLength: 4, maxLength: 4 }), fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 4, maxLength: 4 }), fc.double({ min: -5, max: 5, noNaN: true }), (s, y, shift) => {
        const loss = (scores: number[], targets: number[]): number => tf.tidy(() => scalar(taskLoss(tf.tensor2d(scores, [4, 1]), targets, 'ranking')));
        const a = loss(s, y);
        expect(Math.abs(a - loss(s.map((v) => v + shift), y))).toBeLessThanOrEqual(LOSS_F32_ABS * Math.max(1, a));
        expect(Math.abs(a - loss(s, y.map((v) => 3 * v + 1)))).toBeLessThanOrEqual(LOSS_F32_ABS * Math.max(1, a));
      }),
    );
  });

  it('the ranking head learns to order trajectories by a target (generalisation-prediction style)', () => {
    const zoo = sineZoo(6, { hidden: 4, snapshots: 2, seed: 9 });
    const model = new GthGmn({ hiddenDim: 8, headDim: 4, gruDim: 8, headHidden: 16, task: 'ranking', outputs: 1, kernelEvolution: 'fixed' }, 2);
    const batch = prepareBatch(zoo.trajectories, model.prepareOptions);
    model.ensureHead(batch.groupsPerGraph);
    const before = tf.memory().numTensors;
    const losses = trainTask(model, batch, zoo.amplitude, { epochs: 30, learningRate: 0.03 });
    expect(tf.memory().numTensors).toBe(before); // no tensor leaks across training steps
    expect(losses[losses.length - 1]).toBeLessThan((losses[0] as number) / 3);
    batch.dispose();
    model.dispose();
  });
});
