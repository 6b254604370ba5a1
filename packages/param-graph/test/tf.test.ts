import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@geo/core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { mlpGraph, packGraphs } from '../src/index.js';
import { graphTensors, mlpNodeFeatures } from '../src/tf/index.js';
import { arbMlp } from './arbitraries.js';
import { caught } from './helpers.js';
import { FD_STEP, TF_FEATURE_ABS, TF_GRADIENT_REL } from './tolerances.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the tfjs face agrees with the typed-array face', () => {
  it('mlpNodeFeatures equals mlpGraph(...).nodeFeatures, gradients are finite', () => {
    fc.assert(
      fc.property(arbMlp({ maxLayers: 3, maxWidth: 5 }), (mlp) => {
        const ws = mlp.weights.map((w, l) => tf.tensor2d(Float32Array.from(w), [mlp.sizes[l + 1] as number, mlp.sizes[l] as number]));
        const bs = mlp.biases.map((b) => tf.tensor1d(Float32Array.from(b)));
        const feats = mlpNodeFeatures(ws, bs);
        // Compare with the float64 face on the same float32-rounded weights.
        const g = mlpGraph({ ...mlp, weights: mlp.weights.map((w) => Float32Array.from(w)), biases: mlp.biases.map((b) => Float32Array.from(b)) });
        const got = feats.dataSync();
        expect(feats.shape).toEqual([g.numNodes, 4]);
        g.nodeFeatures.forEach((v, k) => expect(Math.abs((got[k] as number) - v)).toBeLessThanOrEqual(TF_FEATURE_ABS * (1 + Math.abs(v))));
        const grad = tf.grad((w0: tf.Tensor) => tf.sum(tf.square(mlpNodeFeatures([w0 as tf.Tensor2D, ...ws.slice(1)], bs))))(ws[0] as tf.Tensor2D);
        expect(Array.from(grad.dataSync()).every(Number.isFinite)).toBe(true);
        tf.dispose([...ws, ...bs, feats, grad]);
      }),
      { numRuns: 40 },
    );
  });
  it('tf.grad of the features matches float64 central differences of mlpGraph', () => {
    const rng = createRng(5);
    const sizes = [3, 4, 2];
    const w = sizes.slice(1).map((o, l) => rng.fillNormal(new Float64Array(o * (sizes[l] as number))));
    const b = sizes.slice(1).map((o) => rng.fillNormal(new Float64Array(o)));
    const coef = rng.fillNormal(new Float64Array((3 + 4 + 2 + 2) * 4));
    // A generic linear functional of the features, so every feature's gradient counts.
    const objective = (w0: Float64Array): number => {
      const g = mlpGraph({ sizes, activation: 'tanh', weights: [w0, w[1] as Float64Array], biases: b });
      return g.nodeFeatures.reduce((acc, v, k) => acc + v * (coef[k] as number), 0);
    };
    const ws = w.map((x, l) => tf.tensor2d(Float32Array.from(x), [sizes[l + 1] as number, sizes[l] as number]));
    const bs = b.map((x) => tf.tensor1d(Float32Array.from(x)));
    const c = tf.tensor2d(Float32Array.from(coef), [11, 4]);
    const grad = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(mlpNodeFeatures([x as tf.Tensor2D, ws[1] as tf.Tensor2D], bs), c)))(ws[0] as tf.Tensor2D).dataSync();
    const h = FD_STEP;
    const w0 = w[0] as Float64Array;
    let scale = 0;
    const fd = Array.from(w0, (_, i) => {
      const plus = w0.slice();
      const minus = w0.slice();
      plus[i] = (plus[i] as number) + h;
      minus[i] = (minus[i] as number) - h;
      const d = (objective(plus) - objective(minus)) / (2 * h);
      scale = Math.max(scale, Math.abs(d));
      return d;
    });
    fd.forEach((d, i) => expect(Math.abs((grad[i] as number) - d)).toBeLessThanOrEqual(TF_GRADIENT_REL * scale));
    tf.dispose([...ws, ...bs, c]);
  });
  it('constant strengths give zero features and zero (not NaN) gradients', () => {
    const w = tf.zeros([2, 2]) as tf.Tensor2D;
    const b = tf.zeros([2]) as tf.Tensor1D;
    const f = mlpNodeFeatures([w], [b]);
    expect(Array.from(f.dataSync()).filter((_, k) => k % 4 >= 2)).toEqual(new Array(10).fill(0));
    const grad = tf.grad((x: tf.Tensor) => tf.sum(mlpNodeFeatures([x as tf.Tensor2D], [b])))(w);
    expect(Array.from(grad.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([w, b, f, grad]);
  });
  it('graphTensors carries the packed arrays', () => {
    fc.assert(
      fc.property(fc.array(arbMlp({ maxLayers: 2, maxWidth: 4 }), { minLength: 1, maxLength: 3 }), (mlps) => {
        const p = packGraphs(mlps.map((m) => mlpGraph(m)));
        const t = graphTensors(p);
        expect(t.x.shape).toEqual([p.numNodes, 4]);
        expect(t.edgeIndex.shape).toEqual([2, p.numEdges]);
        expect(Array.from(t.edgeIndex.dataSync())).toEqual([...Array.from(p.src), ...Array.from(p.dst)]);
        expect(Array.from(t.batch.dataSync())).toEqual(Array.from(p.batch));
        expect(Array.from(t.edgeWeight.dataSync())).toEqual(Array.from(Float32Array.from(p.weight)));
        expect(Array.from(t.edgeAttr.dataSync())).toEqual(Array.from(p.isBias).flatMap((b, e) => [b, p.crossLayer[e] as number]));
        tf.dispose(Object.values(t));
      }),
      { numRuns: 30 },
    );
  });
  it('refuses mismatched tensors with GeoErrors', () => {
    const w0 = tf.zeros([3, 2]) as tf.Tensor2D;
    const w1 = tf.zeros([1, 4]) as tf.Tensor2D;
    const b0 = tf.zeros([3]) as tf.Tensor1D;
    const b1 = tf.zeros([1]) as tf.Tensor1D;
    expect(caught(() => mlpNodeFeatures([w0, w1], [b0, b1])).argument).toBe('weights[1]');
    expect(caught(() => mlpNodeFeatures([w0], [b1])).argument).toBe('biases[0]');
    expect(caught(() => mlpNodeFeatures([w0], [])).code).toBe('BAD_LENGTH');
    tf.dispose([w0, w1, b0, b1]);
  });
});
