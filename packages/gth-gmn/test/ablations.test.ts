// The leaderboard's ablation switches: static (last snapshot only), Euclidean (c -> 0),
// no GRU (fixed kernels), no regression head.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { snapshot, trajectoryFromSnapshots } from '@geo/param-graph';
import type { Trajectory } from '@geo/param-graph';
import { GthGmn, edgePredictions, prepareBatch } from '../src/tf/index.js';
import { sineZoo } from './helpers/zoo.js';
import { setupTf } from './helpers/tf.js';
import { PERMUTATION_ABS } from './tolerances.js';

const SMALL = { hiddenDim: 8, headDim: 4, gruDim: 8, headHidden: 16 } as const;

/** The same trajectory with its first snapshot replaced by the second. */
function changeEarly(tr: Trajectory): Trajectory {
  const snaps = tr.steps.map((_, t) => snapshot(tr, t === 0 ? 1 : t));
  return trajectoryFromSnapshots(snaps, [...tr.steps], { labels: { ...tr.labels } });
}

function output(model: GthGmn, trs: Trajectory[]): Float32Array {
  const batch = prepareBatch(trs, model.prepareOptions);
  const out = tf.tidy(() => model.forward(batch).output.dataSync() as Float32Array);
  batch.dispose();
  return out;
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  return a.reduce((m, x, i) => Math.max(m, Math.abs(x - (b[i] as number))), 0);
}

describe('ablation switches', () => {
  beforeAll(setupTf);
  const { trajectories } = sineZoo(2, { hidden: 4, snapshots: 3, seed: 4 });
  const early = trajectories.map(changeEarly);

  it('static: only the last snapshot is read (earlier snapshots do not matter); the temporal model does read them', () => {
    const stat = new GthGmn({ ...SMALL, snapshots: 'last' }, 1);
    expect(prepareBatch(trajectories, stat.prepareOptions).numSnapshots).toBe(1);
    expect(maxDiff(output(stat, trajectories), output(stat, early))).toBeLessThanOrEqual(PERMUTATION_ABS);
    const temporal = new GthGmn({ ...SMALL }, 1);
    expect(maxDiff(output(temporal, trajectories), output(temporal, early))).toBeGreaterThan(1e-4);
    stat.dispose();
    temporal.dispose();
  });

  it('no GRU: fixed kernels, no recurrent variables; the GRU model has them', () => {
    const fixed = new GthGmn({ ...SMALL, kernelEvolution: 'fixed' }, 1);
    const gru = new GthGmn({ ...SMALL }, 1);
    expect([...fixed.params.variables.keys()].some((k) => k.startsWith('G'))).toBe(false);
    expect([...gru.params.variables.keys()].filter((k) => k.startsWith('G0.')).length).toBe(6);
    expect(output(fixed, trajectories).every(Number.isFinite)).toBe(true);
    fixed.dispose();
    gru.dispose();
  });

  it('Euclidean: the c -> 0 limit of the same architecture (same variables), points not confined to a ball', () => {
    const euc = new GthGmn({ ...SMALL, geometry: 'euclidean' }, 1);
    const hyp = new GthGmn({ ...SMALL }, 1);
    expect([...euc.params.variables.keys()]).toEqual([...hyp.params.variables.keys()]);
    const w = euc.params.get('enc.gamma');
    w.assign(tf.mul(w, 100));
    const batch = prepareBatch(trajectories, euc.prepareOptions);
    const maxNorm = tf.tidy(() => tf.max(tf.norm(euc.forward(batch).nodeEmbeddings[0]!, 'euclidean', 1)).dataSync()[0] as number);
    expect(maxNorm).toBeGreaterThan(1);
    batch.dispose();
    euc.dispose();
    hyp.dispose();
  });

  it('no regression head: no regression variables and only the distance-based predictions', () => {
    const model = new GthGmn({ ...SMALL, regressionHead: false }, 1);
    expect([...model.params.variables.keys()].some((k) => k.startsWith('reg.'))).toBe(false);
    const batch = prepareBatch(trajectories, model.prepareOptions);
    const s = batch.snapshots[0]!;
    const keys = tf.tidy(() => {
      const p = edgePredictions(model, model.forward(batch).nodeEmbeddings[0]!, tf.tensor1d(s.srcArray, 'int32'), tf.tensor1d(s.dstArray, 'int32'));
      return Object.keys(p).sort();
    });
    expect(keys).toEqual(['dist', 'linkLogit']);
    batch.dispose();
    model.dispose();
  });
});
