import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GeoError } from '@geo/core';
import {
  activation,
  ACTIVATIONS,
  finiteDifferenceJacobian,
  mlp,
  mlpForward,
  mlpJacobian,
  mlpPullbackMetric,
  pullbackMetric,
  randomMlp,
  type ActivationName,
} from '../src/index.js';
import { METRIC_CLOSED_VS_FD_RTOL, METRIC_F64_RTOL } from './tolerances.js';
import { matmul, randomPoints, randomRotation, relErr, seedArb, smoothArb, transposeSq } from './helpers.js';

const featureFn = (net: ReturnType<typeof randomMlp>) => (x: Float64Array) => mlpForward(net, x);

describe('activations', () => {
  it("phi' and phi'' match finite differences of phi away from kinks", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ACTIVATIONS), fc.double({ min: -4, max: 4, noNaN: true }), (name, z) => {
        fc.pre(Math.abs(z) > 1e-2); // ReLU's kink
        const a = activation(name);
        const h = 1e-3;
        const d1 = (a.f(z - 2 * h) - 8 * a.f(z - h) + 8 * a.f(z + h) - a.f(z + 2 * h)) / (12 * h);
        const d2 = (a.df(z - 2 * h) - 8 * a.df(z - h) + 8 * a.df(z + h) - a.df(z + 2 * h)) / (12 * h);
        expect(Math.abs(d1 - a.df(z))).toBeLessThan(1e-9);
        expect(Math.abs(d2 - a.d2f(z))).toBeLessThan(1e-9);
      }),
    );
  });

  it('refuses an unknown name with a GeoError naming the argument', () => {
    expect(() => activation('swish' as ActivationName)).toThrow(GeoError);
    try {
      mlp({ layers: [{ weight: [[1]] }], activation: 'swish' as ActivationName });
    } catch (e) {
      expect((e as GeoError).code).toBe('OUT_OF_RANGE');
      expect((e as GeoError).argument).toBe('net.activation');
    }
  });
});

describe('mlpJacobian / mlpPullbackMetric (closed form) against a float64 finite-difference Jacobian', () => {
  it('agree to 1e-8 on random shallow networks', () => {
    fc.assert(
      fc.property(seedArb, smoothArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 40 }), (seed, act, d, n) => {
        const net = randomMlp([d, n], { activation: act, seed, biasStd: 0.5 });
        const x = randomPoints(seed, 3, d);
        const jFd = finiteDifferenceJacobian(featureFn(net), x, { inputDim: d });
        expect(relErr(mlpJacobian(net, x), jFd.data)).toBeLessThan(METRIC_CLOSED_VS_FD_RTOL);
        const gFd = pullbackMetric(featureFn(net), x, { inputDim: d });
        expect(relErr(mlpPullbackMetric(net, x).data, gFd.data)).toBeLessThan(METRIC_CLOSED_VS_FD_RTOL);
      }),
      { numRuns: 40 },
    );
  });

  it('agree to 1e-8 on random deep networks', () => {
    fc.assert(
      fc.property(
        seedArb,
        smoothArb,
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.integer({ min: 1, max: 24 }), { minLength: 2, maxLength: 4 }),
        (seed, act, d, widths) => {
          const net = randomMlp([d, ...widths], { activation: act, seed, biasStd: 0.3, weightScale: 1.5 });
          const x = randomPoints(seed, 2, d);
          const gFd = pullbackMetric(featureFn(net), x, { inputDim: d });
          expect(relErr(pullbackMetric(net, x).data, gFd.data)).toBeLessThan(METRIC_CLOSED_VS_FD_RTOL);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('is J^T J of the closed-form Jacobian, symmetric and positive semi-definite', () => {
    fc.assert(
      fc.property(seedArb, fc.constantFrom(...ACTIVATIONS), fc.integer({ min: 1, max: 4 }), (seed, act, d) => {
        const n = 7;
        const net = randomMlp([d, 5, n], { activation: act, seed });
        const x = randomPoints(seed, 2, d);
        const J = mlpJacobian(net, x);
        const g = mlpPullbackMetric(net, x);
        const rng = randomPoints(seed + 1, 1, d);
        for (let p = 0; p < 2; p++) {
          for (let a = 0; a < d; a++) {
            for (let b = 0; b < d; b++) {
              let s = 0;
              for (let i = 0; i < n; i++) s += (J[p * n * d + i * d + a] as number) * (J[p * n * d + i * d + b] as number);
              expect(Math.abs((g.data[p * d * d + a * d + b] as number) - s)).toBeLessThanOrEqual(METRIC_F64_RTOL * (Math.abs(s) + 1e-300) + 1e-300);
              expect(g.data[p * d * d + a * d + b]).toBe(g.data[p * d * d + b * d + a]);
            }
          }
          // v^T g v = |J v|^2 >= 0
          let q = 0;
          for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) q += (rng[a] as number) * (g.data[p * d * d + a * d + b] as number) * (rng[b] as number);
          expect(q).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('transforms as a (0,2)-tensor under input rotations: g_R(Rx) = R g(x) R^T', () => {
    fc.assert(
      fc.property(seedArb, smoothArb, fc.integer({ min: 2, max: 4 }), (seed, act, d) => {
        const net = randomMlp([d, 16, 12], { activation: act, seed, biasStd: 0.2 });
        const R = randomRotation(seed, d);
        // The rotated network Phi_R(y) = Phi(R^T y): first-layer weights W R^T.
        const first = net.layers[0]!;
        const wRt = new Float64Array(first.outputs * d);
        for (let i = 0; i < first.outputs; i++)
          for (let j = 0; j < d; j++) {
            let s = 0;
            for (let k = 0; k < d; k++) s += (first.weight[i * d + k] as number) * (R[j * d + k] as number);
            wRt[i * d + j] = s;
          }
        const rotated = mlp({
          layers: [{ weight: { data: wRt, rows: first.outputs, cols: d }, bias: first.bias }, ...net.layers.slice(1).map((l) => ({ weight: { data: l.weight, rows: l.outputs, cols: l.inputs }, bias: l.bias }))],
          activation: act,
          outputScale: net.outputScale,
        });
        const x = randomPoints(seed, 1, d);
        const y = new Float64Array(d);
        for (let i = 0; i < d; i++) for (let k = 0; k < d; k++) y[i] = (y[i] as number) + (R[i * d + k] as number) * (x[k] as number);
        const gx = mlpPullbackMetric(net, x).data;
        const gy = mlpPullbackMetric(rotated, y).data;
        // g_R(y) = R g(x) R^T, since J_R(y) = J(x) R^T.
        const expected = matmul(matmul(R, gx, d), transposeSq(R, d), d);
        expect(relErr(gy, expected)).toBeLessThan(METRIC_F64_RTOL);
      }),
      { numRuns: 40 },
    );
  });

  it('a linear map gives the constant metric W^T W', () => {
    const net = mlp({ layers: [{ weight: [[1, 2], [3, 4], [5, 6]] }], activation: 'linear' });
    const g = mlpPullbackMetric(net, [[0.3, -1], [10, 2]]).data;
    expect(Array.from(g)).toEqual([35, 44, 44, 56, 35, 44, 44, 56]);
  });

  it('honours outputScale: the metric scales with its square', () => {
    fc.assert(
      fc.property(seedArb, fc.double({ min: 0.01, max: 10, noNaN: true }), (seed, s) => {
        const base = randomMlp([2, 9], { activation: 'tanh', seed, outputScale: 1 });
        const scaled = randomMlp([2, 9], { activation: 'tanh', seed, outputScale: s });
        const x = randomPoints(seed, 2, 2);
        const g1 = mlpPullbackMetric(base, x).data.map((v) => v * s * s);
        expect(relErr(mlpPullbackMetric(scaled, x).data, g1)).toBeLessThan(METRIC_F64_RTOL);
      }),
      { numRuns: 30 },
    );
  });

  it('fills a caller-provided out buffer and returns it', () => {
    const net = randomMlp([3, 5], { activation: 'erf', seed: 3 });
    const out = new Float64Array(2 * 9);
    const g = mlpPullbackMetric(net, randomPoints(1, 2, 3), out);
    expect(g.data).toBe(out);
  });
});

describe('bad input', () => {
  const net = randomMlp([2, 4], { activation: 'erf', seed: 1 });
  const code = (f: () => unknown): [string, string | undefined] => {
    try {
      f();
    } catch (e) {
      if (e instanceof GeoError) return [e.code, e.argument];
      throw e;
    }
    throw new Error('did not throw');
  };
  it('names the argument', () => {
    expect(code(() => mlpPullbackMetric(net, [[1, 2, 3]]))).toEqual(['BAD_SHAPE', 'x']);
    expect(code(() => mlpPullbackMetric(net, [1, 2, 3]))).toEqual(['BAD_SHAPE', 'x']);
    expect(code(() => mlpPullbackMetric(net, [[1, NaN]]))).toEqual(['NOT_FINITE', 'x[0][1]']);
    expect(code(() => mlpPullbackMetric(net, [[1, 2]], new Float64Array(3)))).toEqual(['BAD_SHAPE', 'out']);
    expect(code(() => mlpPullbackMetric({} as never, [[1, 2]]))).toEqual(['BAD_TYPE', 'net']);
    expect(code(() => mlp({ layers: [{ weight: [[1, 2]] }, { weight: [[1, 2]] }], activation: 'erf' }))).toEqual(['BAD_SHAPE', 'net.layers[1].weight']);
    expect(code(() => mlp({ layers: [{ weight: [[1, 2]], bias: [1, 2] }], activation: 'erf' }))).toEqual(['BAD_SHAPE', 'net.layers[0].bias']);
    expect(code(() => mlp({ layers: [{ weight: [[1, Infinity]] }], activation: 'erf' }))).toEqual(['NOT_FINITE', 'net.layers[0].weight[0][1]']);
    expect(code(() => pullbackMetric((x) => [x[0]! / 0], [[0, 1]], { inputDim: 2 }))).toEqual(['NOT_FINITE', 'f(x)[0]']);
    expect(code(() => pullbackMetric((x) => [x[0]!], [[0, 1]]))).toEqual(['BAD_TYPE', 'options.inputDim']);
    expect(code(() => randomMlp([2], { activation: 'erf', seed: 1 }))).toEqual(['BAD_LENGTH', 'sizes']);
    expect(code(() => randomMlp([2, 3], { activation: 'erf', seed: -1 }))).toEqual(['OUT_OF_RANGE', 'seed']);
  });
});
