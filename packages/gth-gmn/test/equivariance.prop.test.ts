// Permuting the hidden neurons of every input MLP permutes the node embeddings alike and
// leaves the trajectory embedding and the task output unchanged.
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { neuronNode, permuteHidden, snapshot, trajectoryFromSnapshots } from '@geo/param-graph';
import type { Trajectory } from '@geo/param-graph';
import { GthGmn, prepareBatch } from '../src/tf/index.js';
import type { GthGmnConfigInput } from '../src/index.js';
import { sineZoo } from './helpers/zoo.js';
import { setupTf } from './helpers/tf.js';
import { PERMUTATION_ABS } from './tolerances.js';

const H = 4;
const SIZES = [1, H, H, 1];

function permuteTrajectory(tr: Trajectory, perms: number[][]): Trajectory {
  const snaps = tr.steps.map((_, t) => permuteHidden(snapshot(tr, t), perms));
  return trajectoryFromSnapshots(snaps, [...tr.steps], { labels: { ...tr.labels } });
}

function embed(model: GthGmn, trs: Trajectory[]): { nodes: Float32Array[]; embedding: Float32Array; output: Float32Array } {
  const batch = prepareBatch(trs, model.prepareOptions);
  try {
    return tf.tidy(() => {
      const r = model.forward(batch);
      return { nodes: r.nodeEmbeddings.map((z) => z.dataSync() as Float32Array), embedding: r.embedding.dataSync() as Float32Array, output: r.output.dataSync() as Float32Array };
    });
  } finally {
    batch.dispose();
  }
}

const permArb = fc.tuple(fc.shuffledSubarray([0, 1, 2, 3], { minLength: H, maxLength: H }), fc.shuffledSubarray([0, 1, 2, 3], { minLength: H, maxLength: H }));

describe('hidden-neuron permutation', () => {
  beforeAll(setupTf);
  const { trajectories } = sineZoo(2, { hidden: H, snapshots: 3, seed: 5 });
  const nodesPerGraph = SIZES.reduce((a, b) => a + b, 0) + SIZES.length - 1;

  const configs: [string, GthGmnConfigInput][] = [
    ['hyperbolic, GRU kernels', {}],
    ['euclidean, fixed kernels', { geometry: 'euclidean', kernelEvolution: 'fixed' }],
    ['hyperbolic, readout spread and raw strengths', { readoutSpread: true, rawStrengths: true }],
    ['hyperbolic, edge messages', { edgeMessages: true }],
  ];
  for (const [name, cfg] of configs) {
    it(`${name}: node embeddings permute, trajectory embedding and output are invariant`, () => {
      const model = new GthGmn({ ...cfg, outputs: 3, hiddenDim: 8, headDim: 4 }, 3);
      const base = embed(model, trajectories);
      fc.assert(
        fc.property(permArb, ([p1, p2]) => {
          const perms = trajectories.map(() => [p1, p2]);
          const moved = embed(model, trajectories.map((tr, b) => permuteTrajectory(tr, perms[b] as number[][])));
          const D = 8;
          for (let t = 0; t < base.nodes.length; t++) {
            const a = base.nodes[t] as Float32Array;
            const m = moved.nodes[t] as Float32Array;
            for (let b = 0; b < trajectories.length; b++) {
              for (let u = 0; u < nodesPerGraph; u++) {
                // new hidden neuron i of layer l is old neuron perm[i]
                let old = u;
                for (let l = 1; l <= 2; l++) {
                  for (let i = 0; i < H; i++) if (u === neuronNode(SIZES, l, i)) old = neuronNode(SIZES, l, (l === 1 ? p1 : p2)[i] as number);
                }
                for (let k = 0; k < D; k++) {
                  expect(Math.abs((m[(b * nodesPerGraph + u) * D + k] as number) - (a[(b * nodesPerGraph + old) * D + k] as number))).toBeLessThanOrEqual(PERMUTATION_ABS);
                }
              }
            }
          }
          base.embedding.forEach((v, i) => expect(Math.abs((moved.embedding[i] as number) - v)).toBeLessThanOrEqual(PERMUTATION_ABS));
          base.output.forEach((v, i) => expect(Math.abs((moved.output[i] as number) - v)).toBeLessThanOrEqual(PERMUTATION_ABS));
        }),
        { numRuns: 4 },
      );
      model.dispose();
    });
  }

  it('a non-trivial permutation really moves the node embeddings (the check can fail)', () => {
    const model = new GthGmn({ outputs: 2, hiddenDim: 8, headDim: 4 }, 3);
    const base = embed(model, trajectories);
    const moved = embed(model, trajectories.map((tr) => permuteTrajectory(tr, [[1, 0, 2, 3], [0, 1, 2, 3]])));
    const u = neuronNode(SIZES, 1, 0);
    let diff = 0;
    for (let k = 0; k < 8; k++) diff = Math.max(diff, Math.abs((base.nodes[0] as Float32Array)[u * 8 + k]! - (moved.nodes[0] as Float32Array)[u * 8 + k]!));
    expect(diff).toBeGreaterThan(1e-3);
    model.dispose();
  });
});
