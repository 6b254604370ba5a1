// readoutSpread: each readout group's spread, per dimension the mean square of
// (lambda_m / 2) log_m(z) over its nodes (m their Einstein midpoint), checked against
// @geo/poincare's float64 kernels on the model's own node embeddings.
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { conformalFactor, einsteinMidpoint, logmap, logmap0 } from '@geo/poincare';
import { GthGmn, euclideanGeometry, hyperbolicGeometry, prepareBatch, taskLoss } from '../src/tf/index.js';
import { sineZoo } from './helpers/zoo.js';
import { setupTf } from './helpers/tf.js';
import { FORMULA_REL, READOUT_F32_ABS } from './tolerances.js';

const D = 4;
const config = { task: 'regression' as const, outputs: 1, hiddenDim: D, heads: 1, headDim: 4, gruDim: 4, temporalPool: 'last' as const, readoutSpread: true };

describe('readoutSpread', () => {
  beforeAll(setupTf);
  const { trajectories } = sineZoo(2, { hidden: 3, snapshots: 2, seed: 3 });

  it('is each group\'s Einstein midpoint (log_0) then its per-dimension mean square of (lambda_m/2) log_m z', () => {
    for (const geometry of ['hyperbolic', 'euclidean'] as const) {
      const model = new GthGmn({ ...config, geometry }, 7);
      const batch = prepareBatch(trajectories, model.prepareOptions);
      try {
        const { nodes, embedding } = tf.tidy(() => {
          const r = model.forward(batch);
          return { nodes: r.nodeEmbeddings[r.nodeEmbeddings.length - 1]!.dataSync() as Float32Array, embedding: r.embedding.dataSync() as Float32Array };
        });
        const s = batch.snapshots[batch.snapshots.length - 1]!;
        const group = s.group.dataSync();
        const G = batch.groupsPerGraph;
        const B = trajectories.length;
        expect(embedding.length).toBe(B * G * 2 * D);
        for (let q = 0; q < B * G; q++) {
          const pts: Float64Array[] = [];
          for (let n = 0; n < s.numNodes; n++) if (group[n] === q) pts.push(Float64Array.from(nodes.subarray(n * D, (n + 1) * D)));
          const m = geometry === 'hyperbolic' ? einsteinMidpoint(pts, undefined, 1) : Float64Array.from({ length: D }, (_, j) => pts.reduce((a, p) => a + (p[j] as number), 0) / pts.length);
          const mid = geometry === 'hyperbolic' ? logmap0(m, 1) : m;
          const spread = new Float64Array(D);
          for (const p of pts) {
            const v = geometry === 'hyperbolic' ? logmap(m, p, 1).map((x) => (x * conformalFactor(m, 1)) / 2) : p.map((x, j) => x - (m[j] as number));
            v.forEach((x, j) => (spread[j] = (spread[j] as number) + (x * x) / pts.length));
          }
          const got = embedding.subarray(q * 2 * D, (q + 1) * 2 * D);
          for (let j = 0; j < D; j++) {
            expect(Math.abs((got[j] as number) - (mid[j] as number))).toBeLessThanOrEqual(READOUT_F32_ABS);
            expect(Math.abs((got[D + j] as number) - (spread[j] as number))).toBeLessThanOrEqual(READOUT_F32_ABS);
          }
          if (pts.length === 1) for (let j = 0; j < D; j++) expect(Math.abs(got[D + j] as number)).toBeLessThanOrEqual(READOUT_F32_ABS);
        }
      } finally {
        batch.dispose();
        model.dispose();
      }
    }
  });

  it('trains: finite gradients for every variable, single-node groups included', () => {
    const model = new GthGmn(config, 2);
    const batch = prepareBatch(trajectories, model.prepareOptions);
    try {
      const y = Float64Array.from(trajectories, (_, i) => i);
      const { grads } = tf.variableGrads(() => taskLoss(model.forward(batch, { training: true, seed: 1 }).output, y, 'regression'), model.variables);
      for (const [name, g] of Object.entries(grads)) {
        expect(Array.from(g.dataSync()).every(Number.isFinite), name).toBe(true);
        g.dispose();
      }
      const head = model.params.get('head.W1');
      expect(head.shape[0]).toBe(batch.groupsPerGraph * 2 * D);
    } finally {
      batch.dispose();
      model.dispose();
    }
  });

  it('logFrom(x, y) = (lambda_x / 2) log_x(y), log_0 y at x = 0, y - x in the Euclidean limit', () => {
    const h = hyperbolicGeometry(1);
    const e = euclideanGeometry();
    const point = fc.array(fc.double({ min: -0.45, max: 0.45, noNaN: true }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(point, point, (x, y) => {
        const got = tf.tidy(() => h.logFrom(tf.tensor2d([x], [1, 3]), tf.tensor2d([y], [1, 3])).dataSync());
        const lam = conformalFactor(x, 1);
        const want = logmap(x, y, 1).map((v) => (v * lam) / 2);
        want.forEach((w, j) => expect(Math.abs((got[j] as number) - w)).toBeLessThanOrEqual(FORMULA_REL * Math.max(1, Math.abs(w))));
        const at0 = tf.tidy(() => h.logFrom(tf.zeros([1, 3]), tf.tensor2d([y], [1, 3])).dataSync());
        logmap0(y, 1).forEach((w, j) => expect(Math.abs((at0[j] as number) - w)).toBeLessThanOrEqual(FORMULA_REL * Math.max(1, Math.abs(w))));
        const flat = tf.tidy(() => e.logFrom(tf.tensor2d([x], [1, 3]), tf.tensor2d([y], [1, 3])).dataSync());
        y.forEach((w, j) => expect(Math.abs((flat[j] as number) - (w - (x[j] as number)))).toBeLessThanOrEqual(FORMULA_REL));
      }),
      { numRuns: 50 },
    );
  });
});
