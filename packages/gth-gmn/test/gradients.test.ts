// The registered gradients (gathers, scatters, transposes, exp/log, ...) against central
// finite differences of the whole model's loss along random directions.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@geo/core';
import { GthGmn, graphObjective, prepareBatch, taskLoss } from '../src/tf/index.js';
import { sineZoo } from './helpers/zoo.js';
import { setupTf } from './helpers/tf.js';
import { GRADIENT_FD_REL } from './tolerances.js';

describe('gradients of the model', () => {
  beforeAll(setupTf);
  const zoo = sineZoo(2, { hidden: 4, snapshots: 2, seed: 6 });

  for (const geometry of ['hyperbolic', 'euclidean'] as const) {
    it(`${geometry}: directional derivative = central finite difference`, () => {
      const lossWeights = { task: 1, link: 1, magnitude: 0.1, sign: 0.5, slope: 0.1, smooth: 0.1, rank: 0.5 };
      const model = new GthGmn({ geometry, hiddenDim: 8, headDim: 4, gruDim: 8, headHidden: 16, outputs: 2, lossWeights }, 11);
      const batch = prepareBatch(zoo.trajectories, model.prepareOptions);
      const loss = (): tf.Scalar => {
        const r = model.forward(batch);
        return tf.add(taskLoss(r.output, zoo.classes, 'classification'), graphObjective(model, r.nodeEmbeddings, batch, { progress: 0, seed: 3 }));
      };
      model.ensureHead(batch.groupsPerGraph);
      const vars = model.variables;
      const { grads } = tf.variableGrads(loss, vars);
      const rng = createRng(5).derive(geometry);
      const dirs = vars.map((v) => tf.tensor(rng.fillNormal(new Float32Array(v.size)), v.shape));
      let analytic = 0;
      vars.forEach((v, i) => {
        const g = grads[v.name];
        if (g !== undefined) analytic += tf.tidy(() => tf.sum(tf.mul(g, dirs[i]!)).dataSync()[0] as number);
      });
      const h = 1e-2;
      const orig = vars.map((v) => tf.clone(v));
      const at = (s: number): number => {
        vars.forEach((v, i) => v.assign(tf.tidy(() => tf.add(orig[i]!, tf.mul(dirs[i]!, s)))));
        return tf.tidy(() => loss().dataSync()[0] as number);
      };
      const fd = (at(h) - at(-h)) / (2 * h);
      vars.forEach((v, i) => v.assign(orig[i]!));
      expect(Math.abs(analytic)).toBeGreaterThan(1e-3);
      expect(Math.abs(fd - analytic)).toBeLessThanOrEqual(GRADIENT_FD_REL * Math.abs(analytic));
      tf.dispose([...dirs, ...orig, ...Object.values(grads)]);
      batch.dispose();
      model.dispose();
    });
  }
});
