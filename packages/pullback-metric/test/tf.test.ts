import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GeoError } from '@geo/core';
import { initBackend } from '@geo/core/tf';
import { ACTIVATIONS, logVolumeElement, mlpJacobian, mlpPullbackMetric, randomMlp } from '../src/index.js';
import { jacobian, metricBatchFromTensor, mlpFeatureMap, pullbackMetric, registerGradients } from '../src/tf/index.js';
import { METRIC_TF_F32_RTOL } from './tolerances.js';
import { randomPoints, relErr, seedArb } from './helpers.js';

beforeAll(async () => {
  await initBackend({ force: 'cpu' });
  registerGradients();
});

describe('tf pullbackMetric (reverse-mode autodiff, float32)', () => {
  it('matches the float64 closed form to float32 accuracy on shallow and deep networks', async () => {
    await fc.assert(
      fc.asyncProperty(seedArb, fc.constantFrom(...ACTIVATIONS), fc.integer({ min: 1, max: 3 }), fc.boolean(), async (seed, act, d, deep) => {
        const net = randomMlp(deep ? [d, 12, 9] : [d, 20], { activation: act, seed, biasStd: 0.3 });
        const x = randomPoints(seed, 5, d);
        const mode = seed % 2 === 0 ? ('reverse' as const) : ('forward' as const);
        const gT = pullbackMetric(mlpFeatureMap(net), tf.tensor2d(Float32Array.from(x), [5, d]), { chunkSize: 7, mode });
        expect(gT.shape).toEqual([5, d, d]);
        const g = await metricBatchFromTensor(gT);
        gT.dispose();
        const expected = mlpPullbackMetric(net, Float64Array.from(Float32Array.from(x))).data;
        expect(relErr(g.data, expected)).toBeLessThan(METRIC_TF_F32_RTOL);
        {
          const jT = jacobian(mlpFeatureMap(net), tf.tensor2d(Float32Array.from(x), [5, d]), { mode: mode === 'forward' ? 'reverse' : 'forward' });
          expect(relErr(await jT.data(), mlpJacobian(net, Float64Array.from(Float32Array.from(x))))).toBeLessThan(METRIC_TF_F32_RTOL);
          jT.dispose();
        }
      }),
      { numRuns: 20 },
    );
  });

  it('forward and reverse modes give the same Jacobian', async () => {
    for (const act of ACTIVATIONS) {
      const net = randomMlp([3, 7, 5], { activation: act, seed: 11, biasStd: 0.4 });
      const x = tf.tensor2d(Float32Array.from(randomPoints(11, 4, 3)), [4, 3]);
      const a = jacobian(mlpFeatureMap(net), x, { mode: 'forward' });
      const b = jacobian(mlpFeatureMap(net), x, { mode: 'reverse', chunkSize: 2 });
      expect(a.shape).toEqual([4, 5, 3]);
      expect(relErr(await a.data(), await b.data())).toBeLessThan(METRIC_TF_F32_RTOL);
      tf.dispose([a, b, x]);
    }
  });

  it('gives each point the metric it has alone (rows do not interact), for any chunk size', async () => {
    const net = randomMlp([2, 10], { activation: 'tanh', seed: 5 });
    const x = Float32Array.from(randomPoints(5, 4, 2));
    const f = mlpFeatureMap(net);
    const all = await pullbackMetric(f, tf.tensor2d(x, [4, 2]), { chunkSize: 3 }).data();
    for (let p = 0; p < 4; p++) {
      const one = await pullbackMetric(f, tf.tensor2d(x.slice(2 * p, 2 * p + 2), [1, 2]), { chunkSize: 10 }).data();
      expect(relErr(all.slice(4 * p, 4 * p + 4), one)).toBeLessThan(METRIC_TF_F32_RTOL);
    }
  });

  it('says what to do when tfjs has no gradient for an op in f', () => {
    // Sin's gradient lives in tfjs's register_all_gradients, which tfjs-core alone never loads.
    const hasSin = tf.getGradient('Sin') !== undefined;
    const x = tf.tensor2d([[0.1, 0.2]]);
    try {
      pullbackMetric((v) => tf.sin(v), x);
      expect(hasSin).toBe(true); // only reachable when a full tfjs registered every gradient
    } catch (e) {
      expect(hasSin).toBe(false);
      expect(e).toBeInstanceOf(GeoError);
      expect((e as GeoError).code).toBe('UNSUPPORTED');
      expect((e as GeoError).argument).toBe('f');
      expect((e as GeoError).message).toMatch(/registerGradients|@tensorflow\/tfjs/);
    }
    x.dispose();
  });

  it('registers its gradients once', () => {
    expect(registerGradients()).toEqual([]);
  });

  it('does not leak tensors', () => {
    const net = randomMlp([2, 6], { activation: 'erf', seed: 2 });
    const x = tf.tensor2d([[0.1, 0.2]]);
    const before = tf.memory().numTensors;
    const g = pullbackMetric(mlpFeatureMap(net), x);
    expect(tf.memory().numTensors).toBe(before + 1);
    g.dispose();
    x.dispose();
  });

  it('feeds the float64 volume element', async () => {
    const net = randomMlp([2, 30], { activation: 'erf', seed: 9 });
    const x = randomPoints(9, 3, 2);
    const g = await metricBatchFromTensor(pullbackMetric(mlpFeatureMap(net), tf.tensor2d(Float32Array.from(x), [3, 2])));
    const a = logVolumeElement(g).values;
    const b = logVolumeElement(mlpPullbackMetric(net, Float64Array.from(Float32Array.from(x)))).values;
    for (let i = 0; i < 3; i++) expect(Math.abs((a[i] as number) - (b[i] as number))).toBeLessThan(METRIC_TF_F32_RTOL * 10);
  });

  it('refuses bad input with GeoErrors naming the argument', () => {
    const f = (x: tf.Tensor2D): tf.Tensor2D => x;
    const arg = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (e) {
        return e instanceof GeoError ? `${e.code}:${e.argument}` : String(e);
      }
      return undefined;
    };
    expect(arg(() => pullbackMetric(f, tf.tensor1d([1, 2]) as never))).toBe('BAD_SHAPE:x');
    expect(arg(() => pullbackMetric(f, tf.tensor2d([[1, 2]], [1, 2], 'int32')))).toBe('BAD_TYPE:x');
    expect(arg(() => pullbackMetric((x) => tf.sum(x) as never, tf.tensor2d([[1, 2]])))).toBe('BAD_SHAPE:f');
    expect(arg(() => pullbackMetric(f, tf.tensor2d([[1, 2]]), { chunkSize: 0 }))).toBe('OUT_OF_RANGE:options.chunkSize');
  });
});
