// Riemannian Adam / SGD: semantics against their definitions (the exact reference is in reference.test.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GeoError } from '@geo/core';
import {
  createRiemannianAdamState,
  createRiemannianSgdState,
  dist,
  expmap,
  inner,
  riemannianAdamStep,
  riemannianSgdStep,
  transp,
} from '../src/index.js';
import { frame, point, relDiff, tangent } from './helpers/arbitraries.js';
import { IDENTITY_REL_F64 } from './tolerances.js';

describe('riemannianSgdStep', () => {
  it('without momentum is x -> exp_x(-lr egrad / lambda_x^2)', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 0.99), tangent(d, 5), fc.double({ min: 1e-4, max: 1, noNaN: true }))),
        ([c, x, g, lr]) => {
          const state = createRiemannianSgdState(1, x.length);
          const got = riemannianSgdStep(state, x, g, { c, lr });
          const l2 = (2 / (1 - c * x.reduce((s, v) => s + v * v, 0))) ** 2;
          expect(relDiff(got, expmap(x, g.map((v) => (-lr * v) / l2), c), 1 / Math.sqrt(c))).toBeLessThan(IDENTITY_REL_F64);
          expect(state.step).toBe(1);
        },
      ),
    );
  });

  it('with momentum transports the buffer to the new point, preserving its Riemannian norm', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 0.9), tangent(d, 2), tangent(d, 2))),
        ([c, x, g1, g2]) => {
          const state = createRiemannianSgdState(1, x.length);
          const x1 = riemannianSgdStep(state, x, g1, { c, lr: 0.1, momentum: 0.9 });
          const buf1 = Float64Array.from(state.momentumBuffer);
          const l2 = (2 / (1 - c * x.reduce((s, v) => s + v * v, 0))) ** 2;
          // first step: buffer = rgrad, transported from x to x1
          expect(relDiff(buf1, transp(x, x1, g1.map((v) => v / l2), c), Math.max(Math.hypot(...g1) / l2, 1e-300))).toBeLessThan(1e-12);
          const n0 = inner(x, g1, g1, c) / (l2 * l2);
          expect(Math.abs(inner(x1, buf1, buf1, c) - n0)).toBeLessThanOrEqual(1e-12 * Math.max(n0, 1e-300));
          const x2 = riemannianSgdStep(state, x1, g2, { c, lr: 0.1, momentum: 0.9, nesterov: true });
          expect(x2.every(Number.isFinite)).toBe(true);
          expect(state.step).toBe(2);
        },
      ),
    );
  });

  it('rejects Nesterov without momentum', () => {
    const e = (() => {
      try {
        riemannianSgdStep(createRiemannianSgdState(1, 2), [0, 0], [1, 0], { c: 1, lr: 0.1, nesterov: true });
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(GeoError);
    expect((e as GeoError).argument).toBe('options.nesterov');
  });
});

describe('riemannianAdamStep', () => {
  it('on a batch equals the step on each point alone (one second moment per point)', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant({ d, c }), fc.array(fc.tuple(point(d, c, 0.99), tangent(d, 3)), { minLength: 1, maxLength: 4 }), fc.boolean())),
        ([{ d, c }, rows, amsgrad]) => {
          const n = rows.length;
          const X = new Float64Array(n * d);
          const G = new Float64Array(n * d);
          rows.forEach(([x, g], i) => {
            X.set(x, i * d);
            G.set(g, i * d);
          });
          const batch = createRiemannianAdamState(n, d, amsgrad);
          const opts = { c, lr: 0.05, amsgrad, weightDecay: 0.01, dim: d };
          const X1 = riemannianAdamStep(batch, X, G, opts);
          const X2 = riemannianAdamStep(batch, X1, G, opts);
          rows.forEach(([x, g], i) => {
            const s = createRiemannianAdamState(1, d, amsgrad);
            const o = { c, lr: 0.05, amsgrad, weightDecay: 0.01 };
            const x2 = riemannianAdamStep(s, riemannianAdamStep(s, x, g, o), g, o);
            expect(X2.slice(i * d, (i + 1) * d)).toEqual(x2);
            expect(batch.expAvgSq[i]).toBe(s.expAvgSq[0]);
            expect(batch.expAvg.slice(i * d, (i + 1) * d)).toEqual(s.expAvg);
          });
          expect(batch.step).toBe(2);
        },
      ),
    );
  });

  it('takes a first step of Riemannian length lr (Adam normalises the direction) with eps = 0', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 0.99), tangent(d, 3))),
        ([c, x, g]) => {
          fc.pre(Math.hypot(...g) > 1e-50);
          const lr = 0.01;
          const x1 = riemannianAdamStep(createRiemannianAdamState(1, x.length), x, g, { c, lr, eps: 0 });
          expect(Math.abs(dist(x, x1, c) - lr)).toBeLessThan(1e-12);
        },
      ),
    );
  });

  it('RAMSGrad keeps the running maximum of the second moment', () => {
    const state = createRiemannianAdamState(1, 2, true);
    let x: Float64Array = new Float64Array([0.1, 0.2]);
    x = riemannianAdamStep(state, x, [5, 0], { c: 1, lr: 0.01, amsgrad: true });
    const big = state.maxExpAvgSq?.[0] as number;
    x = riemannianAdamStep(state, x, [0, 0], { c: 1, lr: 0.01, amsgrad: true });
    expect(state.expAvgSq[0]).toBeLessThan(big);
    expect(state.maxExpAvgSq?.[0]).toBe(big);
    expect(x.every(Number.isFinite)).toBe(true);
  });

  it('validates its state and options, and leaves the state untouched on bad input', () => {
    const state = createRiemannianAdamState(2, 2);
    const bad = (f: () => unknown): GeoError => {
      try {
        f();
      } catch (e) {
        return e as GeoError;
      }
      throw new Error('did not throw');
    };
    expect(bad(() => riemannianAdamStep(state, [0, 0, 0, 0], [1, 1, 1, 1], { c: 1, lr: 0.1 })).argument).toBe('state.expAvgSq'); // no dim: one point of length 4
    expect(bad(() => riemannianAdamStep(state, [0, 0, 2, 0], [1, 1, 1, 1], { c: 1, lr: 0.1, dim: 2 })).argument).toBe('x[1]');
    expect(state.step).toBe(0);
    expect(bad(() => riemannianAdamStep(state, [0, 0, 0, 0], [1, 1, 1], { c: 1, lr: 0.1, dim: 2 })).argument).toBe('egrad');
    expect(bad(() => riemannianAdamStep(state, [0, 0, 0, 0], [1, 1, 1, 1], { c: 1, lr: -1, dim: 2 })).argument).toBe('options.lr');
    expect(bad(() => riemannianAdamStep(state, [0, 0, 0, 0], [1, 1, 1, 1], { c: 1, lr: 1, dim: 2, beta1: 1 })).argument).toBe('options.beta1');
    expect(bad(() => riemannianAdamStep(state, [0, 0, 0, 0], [1, NaN, 1, 1], { c: 1, lr: 1, dim: 2 })).argument).toBe('egrad[1]');
    expect(bad(() => riemannianAdamStep(state, [0, 0, 0, 0], [1, 1, 1, 1], { c: 1, lr: 1, dim: 2, retraction: 'foo' as 'proj' })).argument).toBe('options.retraction');
    expect(state.expAvg.every((v) => v === 0)).toBe(true);
  });
});
