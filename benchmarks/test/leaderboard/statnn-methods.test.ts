import { describe, expect, it } from 'vitest';
import { createRng } from '@geo/core';
import { trajectoryFromSnapshots } from '@geo/param-graph';
import type { Mlp, Trajectory } from '@geo/param-graph';
import type { MetaDataset, MetaTaskSpec, Method, MethodContext } from '../../src/leaderboard/method.js';
import { checkpointSteps, statnnGbt, statnnMlp, statnnTemporal } from '../../src/leaderboard/methods/statnn/index.js';
import fc from 'fast-check';
import { ZOO_MIN_ACCURACY } from './statnn-tolerances.js';

/**
 * A hand-built zoo: MLPs 2-h-h-1 (h in {6, 8, 10}, so widths mix) whose weights grow from
 * a small initialisation to the scale `scale` over T in 2..6 snapshots (T differs per model).
 */
function model(scale: number, seed: number): Trajectory {
  const rng = createRng(seed).derive('zoo-model');
  const h = [6, 8, 10][seed % 3] as number;
  const sizes = [2, h, h, 1];
  const T = 2 + (seed % 5);
  const final = sizes.slice(1).map((o, l) => rng.fillNormal(new Float64Array(o * (sizes[l] as number)), 0, scale));
  const bias = sizes.slice(1).map((o) => rng.fillNormal(new Float64Array(o), 0, 0.1 * scale));
  const snaps: Mlp[] = Array.from({ length: T }, (_, t) => {
    const a = 0.2 + (0.8 * t) / (T - 1);
    return { sizes, activation: 'relu', weights: final.map((w) => w.map((v) => v * a)), biases: bias.map((b) => b.map((v) => v * a)) };
  });
  return trajectoryFromSnapshots(snaps, Array.from({ length: T }, (_, t) => 100 * t), { seed });
}

const CLASSES = 4;
const classScale = (c: number): number => 0.25 * 2.5 ** c;

function classZoo(from: number, count: number): MetaDataset {
  const trajectories = Array.from({ length: count }, (_, i) => model(classScale((from + i) % CLASSES), from + i));
  return { trajectories, targets: Float64Array.from({ length: count }, (_, i) => (from + i) % CLASSES) };
}

/** Continuous scales; targets (scale, log scale) for regression or scale for ranking. */
function scaleZoo(from: number, count: number, outputs: 1 | 2): MetaDataset {
  const rng = createRng(from).derive('scales');
  const scales = Array.from({ length: count }, () => 0.2 + 1.8 * rng.uniform());
  const trajectories = scales.map((s, i) => model(s, 1000 + from + i));
  const targets = outputs === 1 ? Float64Array.from(scales) : Float64Array.from(scales.flatMap((s) => [s, Math.log(s)]));
  return { trajectories, targets };
}

function ctx(seed = 0, signal = new AbortController().signal): MethodContext {
  return { scale: 'smoke', seed, signal, onProgress: () => {} };
}

function accuracy(scores: Float64Array, y: Float64Array, K: number): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if ((scores[i * K + k] as number) > (scores[i * K + best] as number)) best = k;
    if (best === y[i]) ok++;
  }
  return ok / y.length;
}

function kendallTau(a: Float64Array, b: Float64Array): number {
  let s = 0;
  let pairs = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      s += Math.sign((a[i] as number) - (a[j] as number)) * Math.sign((b[i] as number) - (b[j] as number));
      pairs++;
    }
  }
  return s / pairs;
}

const methods: Method[] = [statnnGbt(), statnnMlp(), statnnTemporal({ snapshots: 4 })];
const train = classZoo(0, 80);
const val = classZoo(80, 24);
const test = classZoo(104, 36);
const spec: MetaTaskSpec = { task: 'synthetic', kind: 'classification', outputs: CLASSES };

describe.each(methods.map((m) => [m.name, m] as const))('%s on a synthetic zoo', (name, method) => {
  it('classifies the weight scale with high accuracy, deterministically per seed', async () => {
    const fitted = await method.fit(train, val, spec, ctx(3));
    const scores = await fitted.predict(test.trajectories);
    expect(scores).toHaveLength(test.trajectories.length * CLASSES);
    const acc = accuracy(scores, test.targets, CLASSES);
    console.log(`${name}: synthetic zoo accuracy ${acc.toFixed(3)}; ${JSON.stringify(fitted.info)}`);
    expect(acc).toBeGreaterThanOrEqual(ZOO_MIN_ACCURACY);
    const again = await (await method.fit(train, val, spec, ctx(3))).predict(test.trajectories);
    expect(again).toEqual(scores);
  });

  it('regresses two targets far better than their means, and ranks by the target', async () => {
    const rTrain = scaleZoo(0, 40, 2);
    const rVal = scaleZoo(100, 16, 2);
    const rTest = scaleZoo(200, 24, 2);
    const fitted = await method.fit(rTrain, rVal, { task: 'synthetic-regression', kind: 'regression', outputs: 2 }, ctx(1));
    const pred = await fitted.predict(rTest.trajectories);
    for (let j = 0; j < 2; j++) {
      const yTr = rTrain.targets.filter((_, i) => i % 2 === j);
      const mean = yTr.reduce((a, b) => a + b, 0) / yTr.length;
      let ours = 0;
      let base = 0;
      for (let i = 0; i < rTest.trajectories.length; i++) {
        const y = rTest.targets[2 * i + j] as number;
        ours += ((pred[2 * i + j] as number) - y) ** 2;
        base += (mean - y) ** 2;
      }
      expect(ours).toBeLessThan(0.25 * base);
    }
    const kTrain = scaleZoo(0, 40, 1);
    const kTest = scaleZoo(200, 24, 1);
    const ranker = await method.fit(kTrain, scaleZoo(100, 16, 1), { task: 'synthetic-ranking', kind: 'ranking', outputs: 1 }, ctx(1));
    const tau = kendallTau(await ranker.predict(kTest.trajectories), kTest.targets);
    expect(tau).toBeGreaterThanOrEqual(0.7);
  });

  it('refuses bad targets, mixed depths and an aborted signal with GeoErrors', async () => {
    const bad: MetaDataset = { trajectories: train.trajectories, targets: train.targets.map((c, i) => (i === 2 ? CLASSES : c)) };
    await expect(method.fit(bad, val, spec, ctx())).rejects.toMatchObject({ code: 'OUT_OF_RANGE', argument: 'train.targets[2]' });
    await expect(method.fit({ trajectories: train.trajectories, targets: new Float64Array(3) }, val, spec, ctx())).rejects.toMatchObject({ code: 'BAD_SHAPE', argument: 'train.targets' });
    const deep = trajectoryFromSnapshots(
      [{ sizes: [2, 3, 3, 3, 1], activation: 'relu', weights: [new Float64Array(6), new Float64Array(9), new Float64Array(9), new Float64Array(3)], biases: [new Float64Array(3), new Float64Array(3), new Float64Array(3), new Float64Array(1)] }],
      [0],
    );
    await expect(method.fit({ trajectories: [...train.trajectories.slice(0, 79), deep], targets: train.targets }, val, spec, ctx())).rejects.toMatchObject({
      code: 'BAD_SHAPE',
      argument: 'train.trajectories[79].sizes',
    });
    const ac = new AbortController();
    ac.abort();
    await expect(method.fit(train, val, spec, ctx(0, ac.signal))).rejects.toMatchObject({ code: 'ABORTED' });
  });
});

describe('StatNN methods', () => {
  it('name themselves for the leaderboard and say whether they read every snapshot', () => {
    expect(methods.map((m) => [m.name, m.temporal])).toEqual([
      ['statnn-gbt', false],
      ['statnn-mlp', false],
      ['statnn-temporal', true],
    ]);
    for (const m of methods) expect(m.description.length).toBeGreaterThan(20);
    expect(() => statnnTemporal({ snapshots: 0 })).toThrowError(expect.objectContaining({ argument: 'options.snapshots' }));
    expect(() => statnnMlp({ hidden: [0] })).toThrowError(expect.objectContaining({ argument: 'options.hidden[0]' }));
    expect(() => statnnMlp({ dropout: 1 })).toThrowError(expect.objectContaining({ code: 'OUT_OF_RANGE', argument: 'options.dropout' }));
  });

  it('checkpointSteps: distinct increasing steps from 1 up to and ending at the budget, at most count + 1 of them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 60 }), (steps, count) => {
        const s = checkpointSteps(steps, count);
        expect(s[s.length - 1]).toBe(steps);
        expect(s[0]).toBeGreaterThanOrEqual(1);
        expect(s.length).toBeLessThanOrEqual(count + 1);
        s.forEach((v, i) => i > 0 && expect(v).toBeGreaterThan(s[i - 1] as number));
      }),
    );
    expect(checkpointSteps(1000, 4)).toEqual([1, 10, 100, 1000]);
  });

  it('statnn-mlp with dropout is deterministic per seed and still classifies the zoo', async () => {
    const m = statnnMlp({ dropout: 0.2 });
    const a = await (await m.fit(train, val, spec, ctx(5))).predict(test.trajectories);
    const b = await (await m.fit(train, val, spec, ctx(5))).predict(test.trajectories);
    expect(a).toEqual(b);
    expect(accuracy(a, test.targets, CLASSES)).toBeGreaterThanOrEqual(ZOO_MIN_ACCURACY);
  });
});
