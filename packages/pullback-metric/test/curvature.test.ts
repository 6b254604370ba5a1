import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GeoError } from '@geo/core';
import { activation, brioschiRicciScalar, mlp, mlpPullbackMetric, mlpRicciScalar, randomMlp, shallowRicciScalar } from '../src/index.js';
import { RICCI_BRIOSCHI_RTOL, RICCI_CLOSED_FORMS_RTOL, METRIC_F64_RTOL } from './tolerances.js';
import { randomPoints, randomRotation, relErr, seedArb, smoothArb } from './helpers.js';

/** The paper's sum over triples, written literally (O(n^3)): an independent oracle. */
function literalShallow(net: ReturnType<typeof randomMlp>, x: readonly number[]): { det: number; R: number; scale: number } {
  const layer = net.layers[0]!;
  const n = layer.outputs;
  const W = layer.weight;
  const act = activation(net.activation);
  const s2 = net.outputScale ** 2;
  const c: number[] = [];
  const e: number[] = [];
  for (let j = 0; j < n; j++) {
    const h = W[2 * j]! * x[0]! + W[2 * j + 1]! * x[1]! + layer.bias[j]!;
    c.push(s2 * act.df(h) ** 2);
    e.push(s2 * act.df(h) * act.d2f(h));
  }
  const norm = (j: number): number => Math.hypot(W[2 * j]!, W[2 * j + 1]!);
  const m = (j: number, k: number): number => W[2 * j]! * W[2 * k + 1]! - W[2 * j + 1]! * W[2 * k]!;
  let det = 0;
  for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) det += 0.5 * c[j]! * c[k]! * m(j, k) ** 2;
  let sum = 0;
  let abs = 0;
  for (let j = 0; j < n; j++)
    for (let k = 0; k < n; k++)
      for (let l = 0; l < n; l++) {
        const t = c[k]! * e[j]! * e[l]! * m(j, k) * m(l, k) * m(j, l) ** 2;
        sum += t;
        // |m_jk m_lk| <= |w_j| |w_k|^2 |w_l|: the size rounding is relative to in any contraction order.
        abs += Math.abs(c[k]! * e[j]! * e[l]! * m(j, l) ** 2) * norm(j) * norm(k) ** 2 * norm(l);
      }
  // `scale`: the size of the summands, so a sum that cancels to ~0 (n = 2 is flat) is judged fairly.
  return { det, R: -sum / (det * det), scale: abs / (det * det) };
}

describe('Ricci scalar of 2-D metrics', () => {
  it('Brioschi gives R = 2/rho^2 on a sphere of radius rho and -2 on the Poincare disk', () => {
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: 0.2, max: 5, noNaN: true }), (u, v, rho) => {
        const sphere = (x: Float64Array): number[] => {
          const f = (4 * rho * rho) / (1 + x[0]! ** 2 + x[1]! ** 2) ** 2;
          return [f, 0, 0, f];
        };
        const R = brioschiRicciScalar(sphere, [[u, v]]).values[0]!;
        expect(Math.abs(R - 2 / (rho * rho)) * rho * rho).toBeLessThan(RICCI_BRIOSCHI_RTOL);
      }),
      { numRuns: 50 },
    );
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.8, noNaN: true }), fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), (r, t) => {
        const disk = (x: Float64Array): number[] => {
          const f = 4 / (1 - x[0]! ** 2 - x[1]! ** 2) ** 2;
          return [f, 0, 0, f];
        };
        const R = brioschiRicciScalar(disk, [[r * Math.cos(t), r * Math.sin(t)]]).values[0]!;
        expect(Math.abs(R + 2)).toBeLessThan(RICCI_BRIOSCHI_RTOL * 2);
      }),
      { numRuns: 30 },
    );
  });

  it('is zero for a linear map (flat) by every route', () => {
    const net = mlp({ layers: [{ weight: [[1, 2], [3, -1], [0.5, 0.5]] }], activation: 'linear' });
    const x = [[0.1, 0.2], [3, -4]];
    for (const v of mlpRicciScalar(net, x).values) expect(v).toBe(0);
    for (const v of shallowRicciScalar(net, x).values) expect(v === 0).toBe(true);
    for (const v of brioschiRicciScalar(net, x).values) expect(Math.abs(v)).toBeLessThan(1e-9);
  });

  it('shallow closed form: det g and R equal the literal m_jk triple sums', () => {
    fc.assert(
      fc.property(seedArb, smoothArb, fc.integer({ min: 2, max: 12 }), (seed, act, n) => {
        const net = randomMlp([2, n], { activation: act, seed, biasStd: 0.5 });
        const x = Array.from(randomPoints(seed, 1, 2));
        const lit = literalShallow(net, x);
        const r = shallowRicciScalar(net, [x]);
        expect(Math.abs(r.detG[0]! - lit.det)).toBeLessThanOrEqual(METRIC_F64_RTOL * lit.det);
        const g = mlpPullbackMetric(net, [x]).data;
        expect(Math.abs(g[0]! * g[3]! - g[1]! ** 2 - lit.det)).toBeLessThanOrEqual(1e-10 * (g[0]! + g[3]!) ** 2);
        expect(Math.abs(r.values[0]! - lit.R)).toBeLessThanOrEqual(RICCI_CLOSED_FORMS_RTOL * (Math.abs(lit.R) + lit.scale));
      }),
      { numRuns: 40 },
    );
  });

  it('shallow closed form = Gauss-equation closed form = Brioschi (generic route) on random shallow networks', () => {
    fc.assert(
      fc.property(seedArb, smoothArb, fc.integer({ min: 3, max: 60 }), (seed, act, n) => {
        const net = randomMlp([2, n], { activation: act, seed, biasStd: 0.5 });
        const x = randomPoints(seed, 4, 2, 0.7);
        const a = shallowRicciScalar(net, x).values;
        const b = mlpRicciScalar(net, x).values;
        const c = brioschiRicciScalar(net, x).values;
        expect(relErr(b, a)).toBeLessThan(RICCI_CLOSED_FORMS_RTOL);
        expect(relErr(c, a)).toBeLessThan(RICCI_BRIOSCHI_RTOL);
      }),
      { numRuns: 40 },
    );
  });

  it('Gauss-equation closed form = Brioschi on random deep networks', () => {
    fc.assert(
      fc.property(seedArb, smoothArb, fc.array(fc.integer({ min: 3, max: 16 }), { minLength: 2, maxLength: 3 }), (seed, act, widths) => {
        const net = randomMlp([2, ...widths], { activation: act, seed, biasStd: 0.3 });
        const x = randomPoints(seed, 3, 2, 0.7);
        expect(relErr(brioschiRicciScalar(net, x).values, mlpRicciScalar(net, x).values)).toBeLessThan(RICCI_BRIOSCHI_RTOL);
      }),
      { numRuns: 30 },
    );
  });

  it('is a scalar: invariant under input rotations, and scales as 1/s^2 with the feature scale', () => {
    fc.assert(
      fc.property(seedArb, smoothArb, fc.double({ min: 0.1, max: 10, noNaN: true }), (seed, act, s) => {
        const net = randomMlp([2, 8, 10], { activation: act, seed, biasStd: 0.3, outputScale: 1 });
        const R = randomRotation(seed, 2);
        const w0 = net.layers[0]!;
        const wRt = new Float64Array(w0.outputs * 2);
        for (let i = 0; i < w0.outputs; i++)
          for (let j = 0; j < 2; j++) wRt[i * 2 + j] = w0.weight[i * 2]! * R[j * 2]! + w0.weight[i * 2 + 1]! * R[j * 2 + 1]!;
        const layers = (first: Float64Array, scale: number) =>
          mlp({
            layers: [{ weight: { data: first, rows: w0.outputs, cols: 2 }, bias: w0.bias }, ...net.layers.slice(1).map((l) => ({ weight: { data: l.weight, rows: l.outputs, cols: l.inputs }, bias: l.bias }))],
            activation: act,
            outputScale: scale,
          });
        const x = randomPoints(seed, 1, 2);
        const y = Float64Array.of(R[0]! * x[0]! + R[1]! * x[1]!, R[2]! * x[0]! + R[3]! * x[1]!);
        const r0 = mlpRicciScalar(net, x).values[0]!;
        const r1 = mlpRicciScalar(layers(wRt, 1), y).values[0]!;
        const r2 = mlpRicciScalar(layers(w0.weight, s), x).values[0]!;
        expect(Math.abs(r1 - r0)).toBeLessThanOrEqual(RICCI_CLOSED_FORMS_RTOL * (Math.abs(r0) + 1e-12));
        expect(Math.abs(r2 * s * s - r0)).toBeLessThanOrEqual(RICCI_CLOSED_FORMS_RTOL * (Math.abs(r0) + 1e-12));
      }),
      { numRuns: 40 },
    );
  });

  it('in d = 3, a product (surface) x (curve) has the surface curvature', () => {
    fc.assert(
      fc.property(seedArb, smoothArb, fc.integer({ min: 3, max: 20 }), (seed, act, n) => {
        const surface = randomMlp([2, n], { activation: act, seed, biasStd: 0.4, outputScale: 1 });
        const l = surface.layers[0]!;
        const rows: number[][] = [];
        for (let i = 0; i < n; i++) rows.push([l.weight[2 * i]!, l.weight[2 * i + 1]!, 0]);
        rows.push([0, 0, 1.3], [0, 0, -0.7]); // a curve in the x3 direction: intrinsically flat
        const product = mlp({ layers: [{ weight: rows, bias: [...l.bias, 0.2, -0.1] }], activation: act });
        const x = randomPoints(seed, 2, 2);
        const x3 = Float64Array.of(x[0]!, x[1]!, 0.3, x[2]!, x[3]!, -0.5);
        expect(relErr(mlpRicciScalar(product, x3).values, mlpRicciScalar(surface, x).values)).toBeLessThan(RICCI_CLOSED_FORMS_RTOL);
      }),
      { numRuns: 30 },
    );
  });

  it('flags points where g is singular and returns NaN there', () => {
    const thin = randomMlp([2, 1], { activation: 'erf', seed: 1 });
    for (const r of [mlpRicciScalar(thin, [[0, 0]]), shallowRicciScalar(thin, [[0, 0]]), brioschiRicciScalar(thin, [[0, 0]])]) {
      expect(r.singularCount).toBe(1);
      expect(r.values[0]).toBeNaN();
    }
  });

  it('refuses what it cannot do with GeoErrors naming the argument', () => {
    const deep = randomMlp([2, 3, 3], { activation: 'erf', seed: 1 });
    const err = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return e instanceof GeoError ? `${e.code}:${e.argument}` : String(e);
      }
      return 'no error';
    };
    expect(err(() => shallowRicciScalar(deep, [[0, 0]]))).toBe('UNSUPPORTED:net');
    expect(err(() => brioschiRicciScalar(randomMlp([3, 4], { activation: 'erf', seed: 1 }), [[0, 0, 0]]))).toBe('UNSUPPORTED:metric');
    expect(err(() => brioschiRicciScalar(() => [1, 0, 0], [[0, 0]]))).toBe('BAD_SHAPE:metric');
    expect(err(() => brioschiRicciScalar(() => [1, 0, 0, NaN], [[0, 0]]))).toBe('NOT_FINITE:metric(x)[3]');
    expect(err(() => mlpRicciScalar(deep, [[0, 0, 1]]))).toBe('BAD_SHAPE:x');
  });
});
