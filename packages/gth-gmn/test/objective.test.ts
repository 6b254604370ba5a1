// Components 4-7: the regression head's power law, the Fermi-Dirac decoder, the combined
// objective and the two-stage optimisation.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GthGmn, edgePredictions, graphLossTerms, prepareBatch, refineEmbeddings, trainTask } from '../src/tf/index.js';
import { sineZoo } from './helpers/zoo.js';
import { setupTf } from './helpers/tf.js';
import { BALL_MARGIN, FORMULA_REL } from './tolerances.js';

const SMALL = { hiddenDim: 8, headDim: 4, gruDim: 8, headHidden: 16 } as const;

describe('graph objective', () => {
  beforeAll(setupTf);
  const zoo = sineZoo(2, { hidden: 4, snapshots: 2, seed: 3 });

  it('edge predictions follow the stated power law and Fermi-Dirac formulas', () => {
    const model = new GthGmn({ ...SMALL, c: 0.7 }, 2);
    const batch = prepareBatch(zoo.trajectories, model.prepareOptions);
    const s = batch.snapshots[0]!;
    const got = tf.tidy(() => {
      const z = model.forward(batch).nodeEmbeddings[0]!;
      const p = edgePredictions(model, z, tf.tensor1d(s.srcArray, 'int32'), tf.tensor1d(s.dstArray, 'int32'));
      return { z: z.arraySync(), d: p.dist.arraySync(), link: p.linkLogit.arraySync(), logm: p.logMagnitude!.arraySync(), slope: p.slope!.arraySync(), w: p.weight!.arraySync(), sl: p.signLogit!.arraySync() };
    });
    const c = 0.7;
    const R = model.params.get('fd.R').dataSync()[0]!;
    const T = Math.exp(model.params.get('fd.logT').dataSync()[0]!);
    const val = (n: string): Float32Array => model.params.get(n).dataSync() as Float32Array;
    const logmap0 = (x: number[]): number[] => {
      const n = Math.hypot(...x);
      return x.map((v) => (n === 0 ? v : (Math.atanh(Math.sqrt(c) * n) * v) / (Math.sqrt(c) * n)));
    };
    const lin = (t: number[], W: Float32Array, b: number): number => t.reduce((a, v, i) => a + v * W[i]!, b);
    for (let e = 0; e < s.numRealEdges; e += 7) {
      const u = s.srcArray[e]!;
      const v = s.dstArray[e]!;
      const zu = got.z[u]!;
      const zv = got.z[v]!;
      const diff2 = zu.reduce((a, x, i) => a + (x - zv[i]!) ** 2, 0);
      const nu = zu.reduce((a, x) => a + x * x, 0);
      const nv = zv.reduce((a, x) => a + x * x, 0);
      const d = (2 / Math.sqrt(c)) * Math.asinh(Math.sqrt((c * diff2) / ((1 - c * nu) * (1 - c * nv))));
      expect(Math.abs(got.d[e]! - d)).toBeLessThanOrEqual(FORMULA_REL * Math.max(1, d));
      expect(Math.abs(got.link[e]! - (R - d) / T)).toBeLessThanOrEqual(FORMULA_REL * Math.max(1, Math.abs((R - d) / T)));
      const tu = logmap0(zu);
      const tv = logmap0(zv);
      const alpha = Math.log1p(Math.exp(lin(tu.map((x, i) => x + tv[i]!), val('reg.aW'), val('reg.aB')[0]!)));
      expect(Math.abs(got.slope[e]! - alpha)).toBeLessThanOrEqual(FORMULA_REL * alpha);
      const su = lin(tu, val('reg.sW'), val('reg.sB')[0]!);
      const sv = lin(tv, val('reg.sW'), val('reg.sB')[0]!);
      const ku = lin(tu, val('reg.kW'), val('reg.kB')[0]!);
      const kv = lin(tv, val('reg.kW'), val('reg.kB')[0]!);
      const logm = val('reg.logNu')[0]! + su + sv - (1 - alpha / 8) * (ku + kv) - alpha * Math.log(d);
      expect(Math.abs(got.logm[e]! - logm)).toBeLessThanOrEqual(FORMULA_REL * Math.max(1, Math.abs(logm)));
      expect(Math.abs(got.w[e]! - Math.exp(got.logm[e]!) * Math.tanh(got.sl[e]!))).toBeLessThanOrEqual(FORMULA_REL * Math.exp(got.logm[e]!));
    }
    batch.dispose();
    model.dispose();
  });

  it('stage one (Adam, every term weighted) lowers the total loss and the link, magnitude and sign terms; stage two (RAMSGrad on z) lowers the objective and stays in the ball', () => {
    const lossWeights = { task: 1, link: 1, magnitude: 0.2, sign: 0.5, slope: 0.1, smooth: 0.1, rank: 0.5 };
    const model = new GthGmn({ ...SMALL, outputs: 2, lossWeights }, 5);
    const batch = prepareBatch(zoo.trajectories, model.prepareOptions);
    const terms = (): Record<string, number> =>
      tf.tidy(() => {
        const r = model.forward(batch);
        const t = graphLossTerms(model, r.nodeEmbeddings, batch, { progress: 0, seed: 1 });
        return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, (v as tf.Scalar).dataSync()[0] as number]));
      });
    const before = terms();
    const losses = trainTask(model, batch, zoo.classes, { epochs: 25, learningRate: 0.02 });
    const after = terms();
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]! * 0.8);
    for (const k of ['link', 'magnitude', 'sign']) expect(after[k]).toBeLessThan(before[k]!);
    const refined = refineEmbeddings(model, batch, { steps: 15, learningRate: 0.02 });
    expect(refined.losses[refined.losses.length - 1]).toBeLessThan(refined.losses[0]!);
    for (const z of refined.nodeEmbeddings) for (const r of tf.tidy(() => tf.norm(z, 'euclidean', 1).dataSync())) expect(r).toBeLessThan(1 - BALL_MARGIN);
    tf.dispose(refined.nodeEmbeddings);
    batch.dispose();
    model.dispose();
  });
});
