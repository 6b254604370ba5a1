// The training scaffolding NFN-NP and GMN share: scores, target scaling, minibatches,
// per-layer statistics, dataset checks.
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@geo/core';
import { initBackend } from '@geo/core/tf';
import { registerGradients } from '@geo/gth-gmn/tf';
import { trajectoryFromSnapshots } from '@geo/param-graph';
import { checkDataset, checkSpec } from '../../src/leaderboard/methods/tf-training/check-dataset.js';
import { linear } from '../../src/leaderboard/methods/tf-training/dense.js';
import { layerStats } from '../../src/leaderboard/methods/tf-training/layer-stats.js';
import { accuracy, fitTargetScaler, kendallTau, meanSquaredError, scale, unscale, validationScore } from '../../src/leaderboard/methods/tf-training/scores.js';
import { minibatches } from '../../src/leaderboard/methods/tf-training/train-loop.js';
import { randomMlp, randomSirenZoo, syntheticZoo } from '../../src/leaderboard/methods/tf-training/synthetic-zoo.js';

/** Scaling round trips and moments in float64. */
const SCALE_TOL = 1e-9;
/** float32 products and their gradients, two ways of summing. */
const MATMUL_TOL = 1e-4;

beforeAll(async () => {
  await initBackend({ force: 'cpu' });
  registerGradients();
});

describe('linear', () => {
  it('equals tf.matMul in value and in both gradients', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.nat(1000), (n, k, m, seed) => {
        const rng = createRng(seed);
        const x = tf.tensor2d(rng.fillNormal(new Float32Array(n * k)), [n, k]);
        const w = tf.tensor2d(rng.fillNormal(new Float32Array(k * m)), [k, m]);
        const dy = tf.tensor2d(rng.fillNormal(new Float32Array(n * m)), [n, m]);
        const close = (a: tf.Tensor, b: tf.Tensor) => {
          const bv = b.dataSync();
          expect(a.shape).toEqual(b.shape);
          a.dataSync().forEach((v, i) => expect(Math.abs(v - (bv[i] as number))).toBeLessThan(MATMUL_TOL));
        };
        close(linear(x, w), tf.matMul(x, w));
        const loss = (f: (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor) => (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a as tf.Tensor2D, b as tf.Tensor2D), dy));
        const [gx, gw] = tf.grads(loss(linear))([x, w]);
        const [rx, rw] = tf.grads(loss((a, b) => tf.matMul(a, b)))([x, w]);
        close(gx as tf.Tensor, rx as tf.Tensor);
        close(gw as tf.Tensor, rw as tf.Tensor);
        tf.dispose([x, w, dy, gx as tf.Tensor, gw as tf.Tensor, rx as tf.Tensor, rw as tf.Tensor]);
      }),
      { numRuns: 30 },
    );
  });
});

describe('kendallTau', () => {
  it('matches hand-counted values (tau-b with ties)', () => {
    // 10 pairs: 6 concordant, 4 discordant -> 0.2
    expect(kendallTau([1, 2, 3, 4, 5], [3, 4, 1, 2, 5])).toBeCloseTo(0.2, 12);
    // x ties on one pair: C = 5, D = 0, ties only in x = 1 -> 5 / sqrt(5 * 6)
    expect(kendallTau([1, 1, 2, 3], [1, 2, 3, 4])).toBeCloseTo(5 / Math.sqrt(30), 12);
    expect(kendallTau([1, 1, 1], [1, 2, 3])).toBe(0);
  });

  it('is 1 against itself, antisymmetric under negation, symmetric in its arguments and in [-1, 1]', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 2, maxLength: 30 }), fc.nat(1000), (x, seed) => {
        const rng = createRng(seed);
        const y = x.map(() => rng.normal());
        const t = kendallTau(x, y);
        expect(Math.abs(t)).toBeLessThanOrEqual(1);
        expect(kendallTau(y, x)).toBeCloseTo(t, 12);
        expect(kendallTau(x, y.map((v) => -v))).toBeCloseTo(-t, 12);
        if (new Set(x).size > 1) expect(kendallTau(x, x)).toBeCloseTo(1, 12);
      }),
    );
  });
});

describe('scores', () => {
  it('accuracy takes the first argmax; validationScore is accuracy, -MSE or tau', () => {
    expect(accuracy([0.1, 0.9, 0.5, 0.5], [1, 0], 2)).toBe(1);
    expect(accuracy([0.1, 0.9, 0.5, 0.5], [0, 1], 2)).toBe(0);
    expect(meanSquaredError([1, 2], [2, 4])).toBe(2.5);
    expect(validationScore('regression', [1, 2], [2, 4], 2)).toBe(-2.5);
    expect(validationScore('ranking', [1, 2, 3], [3, 2, 1], 1)).toBe(-1);
  });

  it('target scaling standardises each column and unscale inverts it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 20 }), fc.nat(1000), (w, n, seed) => {
        const rng = createRng(seed);
        const y = Float64Array.from({ length: n * w }, (_, i) => rng.normal(10 * (i % w), 1 + (i % w)));
        const s = fitTargetScaler(y, w);
        const z = scale(s, y);
        for (let c = 0; c < w; c++) {
          const col = Array.from(z).filter((_, i) => i % w === c);
          const mean = col.reduce((a, b) => a + b, 0) / n;
          expect(Math.abs(mean)).toBeLessThan(SCALE_TOL);
        }
        unscale(s, z).forEach((v, i) => expect(Math.abs(v - (y[i] as number))).toBeLessThan(SCALE_TOL * 100));
      }),
    );
    // a constant column keeps std 1 (no division by zero)
    expect(Array.from(fitTargetScaler([5, 5, 5], 1).std)).toEqual([1]);
  });
});

describe('minibatches', () => {
  it('covers every item once, never mixes groups, respects the size and repeats per seed', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 8 }), fc.nat(1000), (groups, size, seed) => {
        const batches = minibatches(groups, size, createRng(seed));
        const seen = batches.flat().sort((a, b) => a - b);
        expect(seen).toEqual(groups.map((_, i) => i));
        for (const b of batches) {
          expect(b.length).toBeLessThanOrEqual(size);
          expect(new Set(b.map((i) => groups[i])).size).toBe(1);
        }
        expect(minibatches(groups, size, createRng(seed))).toEqual(batches);
      }),
    );
  });
});

describe('layerStats', () => {
  it('gives each layer\'s mean and std of the last snapshot over all models', () => {
    const a = randomMlp([2, 3, 1], 1);
    const b = randomMlp([2, 4, 1], 2);
    const first = randomMlp([2, 3, 1], 3);
    const stats = layerStats([trajectoryFromSnapshots([first, a], [0, 1]), trajectoryFromSnapshots([b], [0])]);
    const all = [...(a.weights[0] as Float64Array), ...(b.weights[0] as Float64Array)];
    const mean = all.reduce((s, x) => s + x, 0) / all.length;
    const std = Math.sqrt(all.reduce((s, x) => s + (x - mean) ** 2, 0) / all.length);
    expect(Math.abs((stats.weightMean[0] as number) - mean)).toBeLessThan(SCALE_TOL);
    expect(Math.abs((stats.weightStd[0] as number) - std)).toBeLessThan(SCALE_TOL);
    expect(stats.numLayers).toBe(2);
  });

  it('refuses an empty set and mixed depths', () => {
    expect(() => layerStats([])).toThrow(expect.objectContaining({ code: 'BAD_LENGTH', argument: 'trajectories' }));
    const mixed = [trajectoryFromSnapshots([randomMlp([2, 3, 1], 1)], [0]), trajectoryFromSnapshots([randomMlp([2, 3, 3, 1], 1)], [0])];
    expect(() => layerStats(mixed)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED', argument: 'trajectories[1].sizes' }));
  });
});

describe('dataset checks and zoos', () => {
  it('accept a well-formed zoo and refuse bad specs and targets', () => {
    const zoo = syntheticZoo(6, 1);
    const spec = { task: 't', kind: 'classification', outputs: 3 } as const;
    expect(() => checkDataset(zoo, spec, 'train')).not.toThrow();
    expect(() => checkSpec({ task: 't', kind: 'ranking', outputs: 2 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', argument: 'spec.outputs' }));
    expect(() => checkDataset({ trajectories: zoo.trajectories, targets: new Float64Array(6).fill(Number.NaN) }, { task: 't', kind: 'ranking', outputs: 1 }, 'val')).toThrow(
      expect.objectContaining({ code: 'NOT_FINITE', argument: 'val.targets[0]' }),
    );
    expect(() => checkDataset({ trajectories: zoo.trajectories, targets: [0, 1, 2, 0, 1, 2] as unknown as Float64Array }, spec, 'train')).toThrow(expect.objectContaining({ code: 'BAD_LENGTH', argument: 'train.targets' }));
  });

  it('randomSirenZoo builds n valid SIREN trajectories of the given sizes', () => {
    const zoo = randomSirenZoo(4, 0, [2, 8, 8, 1], 3);
    expect(zoo.trajectories.length).toBe(4);
    expect(Array.from(zoo.targets)).toEqual([0, 1, 2, 0]);
    expect(zoo.trajectories.every((t) => t.activation === 'sin' && t.steps.length === 2 && t.sizes.join() === '2,8,8,1')).toBe(true);
    // the two snapshots differ (noise was added)
    const t = zoo.trajectories[0];
    expect(t?.weights[1]?.[0]).not.toBe(t?.weights[1]?.[64]);
  });
});
