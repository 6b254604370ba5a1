// The whole model: it overfits a tiny zoo, saves and loads exactly, keeps every embedding
// inside the ball, and rejects bad input with GeoErrors that name the argument.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GeoError } from '@geo/core';
import { GthGmn, loadModel, predict, prepareBatch, saveModel, taskLoss, trainTask } from '../src/tf/index.js';
import { sineZoo } from './helpers/zoo.js';
import { setupTf } from './helpers/tf.js';
import { BALL_MARGIN, BATCHED_ABS, OVERFIT_LOSS, SAVE_LOAD_ABS } from './tolerances.js';

const SMALL = { hiddenDim: 8, headDim: 4, gruDim: 8, headHidden: 16 } as const;

describe('GthGmn', () => {
  beforeAll(setupTf);
  const zoo = sineZoo(8, { hidden: 4, snapshots: 3, seed: 2 });

  it('overfits a tiny zoo of 32 sine SIREN trajectories to near-zero training loss', () => {
    const big = sineZoo(32, { hidden: 4, snapshots: 3, seed: 12 });
    const model = new GthGmn({ ...SMALL, outputs: 2 }, 7);
    const batch = prepareBatch(big.trajectories, model.prepareOptions);
    const losses = trainTask(model, batch, big.classes, { epochs: 60, learningRate: 0.03 });
    expect(losses[0]).toBeGreaterThan(0.5);
    const final = tf.tidy(() => taskLoss(model.forward(batch).output, big.classes, 'classification').dataSync()[0] as number);
    expect(final).toBeLessThan(OVERFIT_LOSS);
    batch.dispose();
    model.dispose();
  });

  it('regression head overfits amplitudes (MSE)', () => {
    const model = new GthGmn({ ...SMALL, task: 'regression', outputs: 1, kernelEvolution: 'fixed' }, 8);
    const batch = prepareBatch(zoo.trajectories, model.prepareOptions);
    const losses = trainTask(model, batch, zoo.amplitude, { epochs: 40, learningRate: 0.03 });
    expect(losses[losses.length - 1]).toBeLessThan((losses[0] as number) / 5);
    batch.dispose();
    model.dispose();
  });

  it('mini-batch training lowers the loss; predict = forward, chunk by chunk', () => {
    const model = new GthGmn({ ...SMALL, outputs: 2, kernelEvolution: 'fixed' }, 13);
    const parts = [zoo.trajectories.slice(0, 4), zoo.trajectories.slice(4)];
    const batches = parts.map((p) => prepareBatch(p, model.prepareOptions));
    const losses = trainTask(model, batches, [zoo.classes.slice(0, 4), zoo.classes.slice(4)], { epochs: 20, learningRate: 0.03, seed: 1 });
    expect(losses[losses.length - 1]).toBeLessThan((losses[0] as number) / 2);
    const { output, embedding, width } = predict(model, zoo.trajectories, { batchSize: 3 });
    const full = prepareBatch(zoo.trajectories, model.prepareOptions);
    const [out, emb] = tf.tidy(() => {
      const r = model.forward(full);
      return [r.output.dataSync(), r.embedding.dataSync()];
    });
    expect(width * zoo.trajectories.length).toBe(embedding.length);
    out!.forEach((v, i) => expect(Math.abs((output[i] as number) - v)).toBeLessThanOrEqual(BATCHED_ABS));
    emb!.forEach((v, i) => expect(Math.abs((embedding[i] as number) - v)).toBeLessThanOrEqual(BATCHED_ABS));
    for (const b of [...batches, full]) b.dispose();
    model.dispose();
  });

  it('the batched pass over all snapshots equals the per-snapshot recursion', () => {
    for (const cfg of [{}, { kernelEvolution: 'fixed' as const }, { temporalPool: 'last' as const, readoutGroups: 'graph' as const }, { readoutSpread: true, rawStrengths: true }]) {
      const model = new GthGmn({ ...SMALL, ...cfg, outputs: 3 }, 12);
      const batch = prepareBatch(zoo.trajectories.slice(0, 3), model.prepareOptions);
      const [a, b] = [false, true].map((sequential) =>
        tf.tidy(() => {
          const r = model.forward(batch, { sequential });
          return [r.output, r.embedding, ...r.nodeEmbeddings, ...r.attention.flat()].map((x) => x.dataSync());
        }),
      );
      expect(a!.length).toBe(b!.length);
      a!.forEach((x, k) => x.forEach((v, i) => expect(Math.abs(v - (b![k]![i] as number))).toBeLessThanOrEqual(BATCHED_ABS)));
      batch.dispose();
      model.dispose();
    }
  });

  it('save -> load gives identical outputs; corrupt bytes are a GeoError', () => {
    const model = new GthGmn({ ...SMALL, outputs: 2 }, 9);
    const batch = prepareBatch(zoo.trajectories.slice(0, 3), model.prepareOptions);
    trainTask(model, batch, [0, 1, 0], { epochs: 3, learningRate: 0.05 });
    const bytes = saveModel(model);
    const copy = loadModel(bytes);
    const a = tf.tidy(() => model.forward(batch).output.dataSync());
    const b = tf.tidy(() => copy.forward(batch).output.dataSync());
    a.forEach((x, i) => expect(Math.abs((b[i] as number) - x)).toBeLessThanOrEqual(SAVE_LOAD_ABS));
    expect(copy.config).toEqual(model.config);
    const bad = bytes.slice();
    bad[bad.length - 1] = 0xff;
    bad[bad.length - 2] = 0xff;
    bad[bad.length - 3] = 0xff;
    bad[bad.length - 4] = 0xff;
    expect(() => loadModel(bad)).toThrow(GeoError);
    expect(() => loadModel(bytes.slice(0, 20))).toThrow(GeoError);
    batch.dispose();
    model.dispose();
    copy.dispose();
  });

  it('every node embedding is inside the ball, even with a huge input embedding', () => {
    for (const c of [0.5, 2]) {
      const model = new GthGmn({ ...SMALL, c, outputs: 2 }, 4);
      const w = model.params.get('enc.W');
      w.assign(tf.mul(w, 1e4));
      const batch = prepareBatch(zoo.trajectories.slice(0, 2), model.prepareOptions);
      const norms = tf.tidy(() => model.forward(batch).nodeEmbeddings.map((z) => tf.norm(z, 'euclidean', 1).dataSync()));
      for (const n of norms) for (const r of n) expect(r).toBeLessThan((1 - BALL_MARGIN) / Math.sqrt(c));
      batch.dispose();
      model.dispose();
    }
  });

  it('bad input: GeoErrors naming the argument', () => {
    const model = new GthGmn({ ...SMALL, outputs: 2 }, 1);
    const catchArg = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(GeoError);
        return (e as GeoError).argument;
      }
      return 'no error';
    };
    expect(catchArg(() => prepareBatch([], model.prepareOptions))).toBe('trajectories');
    const other = sineZoo(1, { hidden: 3, snapshots: 3 }).trajectories[0]!;
    expect(catchArg(() => prepareBatch([zoo.trajectories[0]!, other], model.prepareOptions))).toBe('trajectories[1]');
    const batch = prepareBatch(zoo.trajectories.slice(0, 2), model.prepareOptions);
    expect(catchArg(() => trainTask(model, batch, [0, 2], { epochs: 1 }))).toBe('targets[1]');
    expect(catchArg(() => trainTask(model, batch, [0], { epochs: 1 }))).toBe('targets');
    expect(catchArg(() => trainTask(model, batch, [0, 1], { epochs: -1 }))).toBe('options.epochs');
    expect(catchArg(() => new GthGmn({ heads: 0 }))).toBe('config.heads');
    expect(catchArg(() => model.forward({} as never))).toBe('batch');
    batch.dispose();
    expect(catchArg(() => model.forward(batch))).toBe('batch');
    model.dispose();
  });
});
