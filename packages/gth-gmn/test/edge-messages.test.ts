// edgeMessages: each edge's message is the source's value moved by a learned function of the
// edge attributes. With that function at zero it is the paper's attention exactly; otherwise
// the signed weight changes what a node receives.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GthGmn, prepareBatch, taskLoss } from '../src/tf/index.js';
import { sineZoo } from './helpers/zoo.js';
import { setupTf } from './helpers/tf.js';
import { BATCHED_ABS } from './tolerances.js';

const config = { task: 'regression' as const, outputs: 1, hiddenDim: 8, heads: 2, headDim: 4, gruDim: 4 };

function outputs(model: GthGmn, batch: ReturnType<typeof prepareBatch>): Float32Array {
  return tf.tidy(() => model.forward(batch).output.dataSync() as Float32Array);
}

describe('edgeMessages', () => {
  beforeAll(setupTf);
  const { trajectories } = sineZoo(3, { hidden: 3, snapshots: 2, seed: 4 });

  for (const geometry of ['hyperbolic', 'euclidean'] as const) {
    it(`${geometry}: with W_e = 0 the model is the paper's; with W_e != 0 the weights change the messages`, () => {
      const paper = new GthGmn({ ...config, geometry }, 5);
      const edge = new GthGmn({ ...config, geometry, edgeMessages: true }, 5);
      const batch = prepareBatch(trajectories, paper.prepareOptions);
      try {
        // same values for every shared variable (heads built first), W_e zero
        paper.ensureHead(batch.groupsPerGraph);
        edge.ensureHead(batch.groupsPerGraph);
        for (const [name, v] of paper.params.variables) edge.params.get(name).assign(v);
        for (const [name, v] of edge.params.variables) if (name.endsWith('.edgeV')) v.assign(tf.zerosLike(v));
        const a = outputs(paper, batch);
        const b = outputs(edge, batch);
        a.forEach((v, i) => expect(Math.abs((b[i] as number) - v)).toBeLessThanOrEqual(BATCHED_ABS));
        const ev = edge.params.get('L0.edgeV');
        ev.assign(tf.fill(ev.shape, 0.3));
        const c = outputs(edge, batch);
        expect(Math.max(...Array.from(c, (v, i) => Math.abs(v - (a[i] as number))))).toBeGreaterThan(100 * BATCHED_ABS);
      } finally {
        batch.dispose();
        paper.dispose();
        edge.dispose();
      }
    });
  }

  it('trains: finite gradients, W_e among them; the batched pass equals the per-snapshot recursion', () => {
    const model = new GthGmn({ ...config, edgeMessages: true }, 2);
    const batch = prepareBatch(trajectories, model.prepareOptions);
    try {
      const y = Float64Array.from(trajectories, (_, i) => i);
      const { grads } = tf.variableGrads(() => taskLoss(model.forward(batch, { training: true, seed: 1 }).output, y, 'regression'), model.variables);
      expect(Object.keys(grads)).toContain(model.params.get('L0.edgeV').name);
      for (const [name, g] of Object.entries(grads)) {
        expect(Array.from(g.dataSync()).every(Number.isFinite), name).toBe(true);
        g.dispose();
      }
      const [s, q] = [false, true].map((sequential) => tf.tidy(() => model.forward(batch, { sequential }).output.dataSync()));
      s!.forEach((v, i) => expect(Math.abs(v - (q![i] as number))).toBeLessThanOrEqual(BATCHED_ABS));
    } finally {
      batch.dispose();
      model.dispose();
    }
  });
});
