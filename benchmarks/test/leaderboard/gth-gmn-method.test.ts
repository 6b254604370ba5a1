import { describe, expect, it } from 'vitest';
import { createRng } from '@geo/core';
import { initSiren, trajectoryFromSnapshots } from '@geo/param-graph';
import type { Mlp, Trajectory } from '@geo/param-graph';
import { GTH_GMN_BUDGETS, gthGmnMethod, hasNodeEmbeddings, selectMethods } from '../../src/leaderboard/methods/index.js';
import type { Method, MethodContext } from '../../src/leaderboard/method.js';
import { kendallTauB } from '../../src/leaderboard/metrics.js';
import { PREDICTION_TOLERANCE } from './tolerances.js';

/** Tiny SIREN 1-4-1 and 1-6-1 trajectories (alternating: a zoo may vary widths) whose weights scale with a hidden value y. */
function trajectories(n: number, seed: number): { trajs: Trajectory[]; y: number[] } {
  const rng = createRng(seed).derive('gth-gmn-method-test');
  const trajs: Trajectory[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = rng.uniform();
    const base = initSiren([1, i % 2 === 0 ? 4 : 6, 1], { seed: seed * 1000 + i });
    const snaps: Mlp[] = [0, 1, 2].map((t) => ({ ...base, weights: base.weights.map((w) => Float64Array.from(w, (x) => x * (1 + v * t))), biases: base.biases.map((b) => Float64Array.from(b)) }));
    trajs.push(trajectoryFromSnapshots(snaps, [0, 10, 20], { labels: { v } }));
    y.push(10 + 5 * v);
  }
  return { trajs, y };
}

const ctx = (seed: number): MethodContext => ({ scale: 'smoke', seed, signal: new AbortController().signal, onProgress: () => {} });
const tiny = { ...GTH_GMN_BUDGETS, smoke: { ...GTH_GMN_BUDGETS.smoke, epochs: 25, patience: 25, batchSize: 8, learningRate: 0.02 } };

describe('gth-gmn as a leaderboard method', () => {
  it('regression: predicts in the targets\' units (standardised inside), from every snapshot, over mixed widths', async () => {
    const { trajs, y } = trajectories(24, 1);
    const method = gthGmnMethod('gth-gmn', 'test', {}, tiny);
    expect(method.temporal).toBe(true);
    const fitted = await method.fit({ trajectories: trajs.slice(0, 16), targets: Float64Array.from(y.slice(0, 16)) }, { trajectories: trajs.slice(16), targets: Float64Array.from(y.slice(16)) }, { task: 't', kind: 'regression', outputs: 1 }, ctx(0));
    try {
      const p = await fitted.predict(trajs);
      expect(p.length).toBe(24);
      // grouped by width inside, returned in input order: each row equals that trajectory alone
      for (const i of [0, 1, 5]) expect(Math.abs(((await fitted.predict([trajs[i] as Trajectory]))[0] as number) - (p[i] as number))).toBeLessThanOrEqual(PREDICTION_TOLERANCE * Math.abs(p[i] as number));
      const mean = p.reduce((a, b) => a + b, 0) / p.length;
      // targets live in [10, 15]: an unstandardised head would predict near 0
      expect(mean).toBeGreaterThan(9);
      expect(mean).toBeLessThan(16);
      expect(fitted.info?.['epochsRun']).toBeGreaterThan(0);
      expect(hasNodeEmbeddings(fitted)).toBe(true);
      if (hasNodeEmbeddings(fitted)) {
        const e = fitted.nodeEmbeddings(trajs[0] as Trajectory);
        expect(e.snapshots.length).toBe(3);
        expect(e.layer.length).toBe(1 + 4 + 1 + 2);
        expect(Array.from(e.isBias).filter((b) => b === 1).length).toBe(2);
      }
    } finally {
      fitted.dispose?.();
    }
  }, 60_000);

  it('ranking: orders trajectories by the target on the training set; the static ablation reads one snapshot', async () => {
    const { trajs, y } = trajectories(16, 2);
    const method = gthGmnMethod('gth-gmn-static', 'test', { snapshots: 'last' }, tiny);
    expect(method.temporal).toBe(false);
    const fitted = await method.fit({ trajectories: trajs, targets: Float64Array.from(y) }, { trajectories: trajs.slice(0, 8), targets: Float64Array.from(y.slice(0, 8)) }, { task: 't', kind: 'ranking', outputs: 1 }, ctx(1));
    try {
      const p = await fitted.predict(trajs);
      expect(kendallTauB(p, Float64Array.from(y))).toBeGreaterThan(0.3);
      expect(fitted.info?.['snapshotsRead']).toBe(1);
      if (hasNodeEmbeddings(fitted)) expect(fitted.nodeEmbeddings(trajs[0] as Trajectory).snapshots.length).toBe(1);
    } finally {
      fitted.dispose?.();
    }
  }, 60_000);

  it('reads at most the budget\'s snapshots (first and last kept) and the task\'s own epoch budget', async () => {
    const { trajs, y } = trajectories(8, 4);
    const budget = { ...tiny, smoke: { ...tiny.smoke, epochs: 5, taskEpochs: { short: 1 }, snapshots: 2 } };
    const fitted = await gthGmnMethod('gth-gmn', 'test', {}, budget).fit({ trajectories: trajs, targets: Float64Array.from(y) }, { trajectories: trajs, targets: Float64Array.from(y) }, { task: 'short', kind: 'regression', outputs: 1 }, ctx(0));
    try {
      expect(fitted.info?.['snapshotsRead']).toBe(2);
      expect(fitted.info?.['epochsRun']).toBe(1);
      if (hasNodeEmbeddings(fitted)) expect(fitted.nodeEmbeddings(trajs[0] as Trajectory).steps).toEqual([0, 20]);
      expect((await fitted.predict(trajs)).length).toBe(8);
    } finally {
      fitted.dispose?.();
    }
  }, 60_000);

  it('the registry\'s gth-gmn reads the paper features, out of the last snapshot, with each group\'s spread', async () => {
    const { trajs, y } = trajectories(8, 5);
    const [paper] = selectMethods(['gth-gmn']) as [Method];
    const fitted = await paper.fit({ trajectories: trajs, targets: Float64Array.from(y) }, { trajectories: trajs, targets: Float64Array.from(y) }, { task: 't', kind: 'regression', outputs: 1 }, ctx(0));
    try {
      if (!hasNodeEmbeddings(fitted)) throw new Error('gth-gmn gives no node embeddings');
      expect(fitted.model.config.rawStrengths).toBe(false);
      expect(fitted.model.config.fixedNeuronSlots).toBe(0);
      expect(fitted.model.config.temporalPool).toBe('last');
      expect(fitted.model.config.readoutSpread).toBe(true);
    } finally {
      fitted.dispose?.();
    }
  }, 60_000);

  it('the registry\'s gth-gmn-edge is gth-gmn with edge messages, and nothing else changed', async () => {
    const [paper, edge] = selectMethods(['gth-gmn', 'gth-gmn-edge']) as [Method, Method];
    const a = JSON.parse(paper.settings?.('cpu', 'inr-mnist') ?? 'null') as { budget: unknown; overrides: unknown };
    const b = JSON.parse(edge.settings?.('cpu', 'inr-mnist') ?? 'null') as { budget: unknown; overrides: unknown };
    expect(b.budget).toEqual(a.budget);
    expect(a.overrides).toEqual({});
    expect(b.overrides).toEqual({ edgeMessages: true });
    const { trajs, y } = trajectories(8, 5);
    const fitted = await edge.fit({ trajectories: trajs, targets: Float64Array.from(y) }, { trajectories: trajs, targets: Float64Array.from(y) }, { task: 't', kind: 'regression', outputs: 1 }, ctx(0));
    try {
      if (!hasNodeEmbeddings(fitted)) throw new Error('gth-gmn-edge gives no node embeddings');
      expect(fitted.model.config.edgeMessages).toBe(true);
      expect(fitted.model.config.readoutSpread).toBe(true);
      expect(Number.isFinite((await fitted.predict(trajs))[0])).toBe(true);
    } finally {
      fitted.dispose?.();
    }
  }, 60_000);

  it('stops with ABORTED when the signal is aborted', async () => {
    const { trajs, y } = trajectories(8, 3);
    const controller = new AbortController();
    controller.abort();
    const method = gthGmnMethod('gth-gmn', 'test', {}, tiny);
    await expect(method.fit({ trajectories: trajs, targets: Float64Array.from(y) }, { trajectories: trajs, targets: Float64Array.from(y) }, { task: 't', kind: 'regression', outputs: 1 }, { ...ctx(0), signal: controller.signal })).rejects.toThrow(/stopped/);
  });
});
