// The shared tfjs gradient registry, checked kernel by kernel: elementwise gradients (and
// their second derivatives) against float64 central differences of the op's own definition,
// linear ops by the adjoint identity <L v, w> = <v, Lᵀ w>.
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { erf } from '../src/index.js';
import { GRADIENT_KERNELS, initBackend, registerGradients } from '../src/tf/index.js';

/** float32 gradients against float64 differences: a few float32 ulps of the values involved. */
const GRAD_REL = 2e-5;
/** Second derivatives go through two float32 passes. */
const SECOND_REL = 2e-4;
/** Adjoint identity of linear ops in float32, relative to the summed magnitudes. */
const ADJOINT_REL = 1e-5;
/** Step of the float64 central differences (error ~h² f'''). */
const FD_STEP = 1e-5;

const runs = { numRuns: 25 };
const vec = (lo: number, hi: number, n = 6) =>
  fc.array(fc.double({ min: lo, max: hi, noNaN: true }).map(Math.fround), { minLength: n, maxLength: n });

/** Elementwise kernels: the tf op, its float64 definition, and the domain to sample. */
const ELEMENTWISE: { name: string; op: (x: tf.Tensor) => tf.Tensor; f: (x: number) => number; lo: number; hi: number }[] = [
  { name: 'Exp', op: tf.exp, f: Math.exp, lo: -3, hi: 3 },
  { name: 'Log', op: tf.log, f: Math.log, lo: 0.2, hi: 5 },
  { name: 'Tanh', op: tf.tanh, f: Math.tanh, lo: -3, hi: 3 },
  { name: 'Sigmoid', op: tf.sigmoid, f: (x) => 1 / (1 + Math.exp(-x)), lo: -5, hi: 5 },
  { name: 'Softplus', op: tf.softplus, f: (x) => Math.log1p(Math.exp(x)), lo: -5, hi: 5 },
  { name: 'Square', op: tf.square, f: (x) => x * x, lo: -3, hi: 3 },
  { name: 'Sqrt', op: tf.sqrt, f: Math.sqrt, lo: 0.2, hi: 5 },
  { name: 'Atanh', op: tf.atanh, f: Math.atanh, lo: -0.8, hi: 0.8 },
  { name: 'Asinh', op: tf.asinh, f: Math.asinh, lo: -5, hi: 5 },
  { name: 'Erf', op: tf.erf, f: erf, lo: -2.5, hi: 2.5 },
  { name: 'Neg', op: tf.neg, f: (x) => -x, lo: -3, hi: 3 },
];

const offGrid = (offset: number) =>
  fc.array(fc.integer({ min: -21, max: 20 }).map((k) => Math.fround((k + offset) / 7)), { minLength: 6, maxLength: 6 });

const d1 = (f: (x: number) => number, x: number): number => (f(x + FD_STEP) - f(x - FD_STEP)) / (2 * FD_STEP);
const d2 = (f: (x: number) => number, x: number): number => (f(x + FD_STEP) - 2 * f(x) + f(x - FD_STEP)) / (FD_STEP * FD_STEP);

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rel: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] as number;
    expect(Math.abs((actual[i] as number) - e)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(e)));
  }
}

/** Checks <L v, w> = <v, grad_v sum(L(v) * w)> for a linear op L of v. */
function checkAdjoint(L: (v: tf.Tensor) => tf.Tensor, v: tf.Tensor, wShapeOf: (out: tf.Tensor) => number[], seed: number): void {
  tf.tidy(() => {
    const out = L(v);
    const w = tf.randomNormal(wShapeOf(out), 0, 1, 'float32', seed);
    const lhs = tf.sum(tf.mul(out, w)).dataSync()[0] as number;
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(L(x), w)))(v);
    expect(g.shape).toEqual(v.shape);
    const rhs = tf.sum(tf.mul(v, g)).dataSync()[0] as number;
    const scale = (tf.sum(tf.abs(out)).dataSync()[0] as number) * 4 + 1;
    expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(ADJOINT_REL * scale);
  });
}

describe('registerGradients (@geo/core/tf)', () => {
  beforeAll(async () => {
    await initBackend({ force: 'cpu', log: () => {} });
  });

  it('registers every kernel it lists once, and nothing the second time', () => {
    const added = registerGradients();
    for (const k of added) expect(GRADIENT_KERNELS).toContain(k);
    for (const k of GRADIENT_KERNELS) expect(tf.getGradient(k)).toBeDefined();
    expect(registerGradients()).toEqual([]);
    expect(new Set(GRADIENT_KERNELS).size).toBe(GRADIENT_KERNELS.length);
  });

  for (const { name, op, f, lo, hi } of ELEMENTWISE) {
    it(`${name}: first and second derivatives match float64 central differences`, () => {
      registerGradients();
      fc.assert(
        fc.property(vec(lo, hi), (xs) => {
          tf.tidy(() => {
            const x = tf.tensor1d(xs);
            const g1 = tf.grad((t: tf.Tensor) => tf.sum(op(t)))(x).dataSync();
            expectClose(g1, xs.map((v) => d1(f, v)), GRAD_REL);
            const g2 = tf.grad((t: tf.Tensor) => tf.sum(tf.grad((u: tf.Tensor) => tf.sum(op(u)))(t)))(x).dataSync();
            if (name !== 'Neg') expectClose(g2, xs.map((v) => d2(f, v)), SECOND_REL * Math.max(1, ...xs.map((v) => Math.abs(d2(f, v)))));
          });
        }),
        runs,
      );
    });
  }

  it('piecewise ops (Relu, Abs, Maximum, Minimum, ClipByValue, Select) pass dy where they pass x', () => {
    registerGradients();
    fc.assert(
      // Off the kinks by construction: a = (k + 1/2)/7 is never 0 or ±1, b = (m + 1/4)/7 never equals a.
      fc.property(offGrid(0.5), offGrid(0.25), (as, bs) => {
        tf.tidy(() => {
          const a = tf.tensor1d(as);
          const b = tf.tensor1d(bs);
          expectClose(tf.grad((t: tf.Tensor) => tf.sum(tf.relu(t)))(a).dataSync(), as.map((v) => (v > 0 ? 1 : 0)), 0);
          expectClose(tf.grad((t: tf.Tensor) => tf.sum(tf.abs(t)))(a).dataSync(), as.map((v) => Math.sign(v)), 0);
          const [gmA, gmB] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.maximum(x, y)))([a, b]);
          expectClose(gmA!.dataSync(), as.map((v, i) => (v >= (bs[i] as number) ? 1 : 0)), 0);
          expectClose(gmB!.dataSync(), as.map((v, i) => (v >= (bs[i] as number) ? 0 : 1)), 0);
          const [gnA] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.minimum(x, y)))([a, b]);
          expectClose(gnA!.dataSync(), as.map((v, i) => (v <= (bs[i] as number) ? 1 : 0)), 0);
          expectClose(tf.grad((t: tf.Tensor) => tf.sum(tf.clipByValue(t, -1, 1)))(a).dataSync(), as.map((v) => (Math.abs(v) <= 1 ? 1 : 0)), 0);
          const cond = tf.greater(a, b);
          const [gt, ge] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.where(cond, x, y)))([a, b]);
          expectClose(gt!.dataSync(), as.map((v, i) => (v > (bs[i] as number) ? 1 : 0)), 0);
          expectClose(ge!.dataSync(), as.map((v, i) => (v > (bs[i] as number) ? 0 : 1)), 0);
        });
      }),
      runs,
    );
  });

  it('broadcast arithmetic (Add, Sub, Multiply, RealDiv) sums the gradient over broadcast axes', () => {
    registerGradients();
    fc.assert(
      fc.property(vec(0.5, 3, 6), vec(0.5, 3, 3), (as, bs) => {
        tf.tidy(() => {
          const a = tf.tensor2d(as, [2, 3]);
          const b = tf.tensor1d(bs);
          const ops: [(x: tf.Tensor, y: tf.Tensor) => tf.Tensor, (x: number, y: number) => [number, number]][] = [
            [tf.add, () => [1, 1]],
            [tf.sub, () => [1, -1]],
            [tf.mul, (x, y) => [y, x]],
            [tf.div, (x, y) => [1 / y, -x / (y * y)]],
          ];
          for (const [op, partials] of ops) {
            const [ga, gb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(op(x, y)))([a, b]);
            const expA = as.map((x, i) => partials(x, bs[i % 3] as number)[0]);
            const expB = bs.map((y, j) => partials(as[j] as number, y)[1] + partials(as[j + 3] as number, y)[1]);
            expectClose(ga!.dataSync(), expA, GRAD_REL);
            expectClose(gb!.dataSync(), expB, GRAD_REL);
          }
        });
      }),
      runs,
    );
  });

  it('linear ops satisfy the adjoint identity (sum, mean, reshape, transpose, concat, stack, slice, matMul, gather, scatter, segment sum)', () => {
    registerGradients();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.boolean(), fc.boolean(), (seed, ta, tb) => {
        const v = tf.randomNormal([4, 3], 0, 1, 'float32', seed);
        const other = tf.randomNormal([3, 4], 0, 1, 'float32', seed + 1);
        const shape = (o: tf.Tensor) => o.shape;
        checkAdjoint((x) => tf.sum(x, 1), v, shape, seed);
        checkAdjoint((x) => tf.mean(x, 0, true), v, shape, seed);
        checkAdjoint((x) => tf.reshape(x, [2, 6]), v, shape, seed);
        checkAdjoint((x) => tf.transpose(x), v, shape, seed);
        checkAdjoint((x) => tf.concat([x, tf.mul(x, 2)], 1), v, shape, seed);
        checkAdjoint((x) => tf.stack([x, x], 0), v, shape, seed);
        checkAdjoint((x) => tf.slice(x, [1, 0], [2, 2]), v, shape, seed);
        checkAdjoint((x) => tf.gather(x, tf.tensor1d([3, 0, 0, 2], 'int32')), v, shape, seed);
        checkAdjoint((x) => tf.unsortedSegmentSum(x, tf.tensor1d([1, 0, 1, 2], 'int32'), 3), v, shape, seed);
        checkAdjoint((x) => tf.scatterND(tf.tensor2d([[2], [0], [4], [1]], [4, 1], 'int32'), x, [5, 3]), v, shape, seed);
        // matMul with every transpose combination: v is A (4x3 or its transpose), other is B.
        const a = ta ? tf.transpose(v) : v;
        const b = tb ? tf.transpose(other) : other;
        checkAdjoint((x) => tf.matMul(x, b, ta, tb), a, shape, seed);
        checkAdjoint((y) => tf.matMul(a, y, ta, tb), b, shape, seed);
        // Batched (3-D) products: the transposes act on the last two axes only.
        const va = tf.randomNormal(ta ? [2, 3, 4] : [2, 4, 3], 0, 1, 'float32', seed + 2);
        const vb = tf.randomNormal(tb ? [2, 5, 3] : [2, 3, 5], 0, 1, 'float32', seed + 3);
        checkAdjoint((x) => tf.matMul(x, vb, ta, tb), va, shape, seed);
        checkAdjoint((y) => tf.matMul(va, y, ta, tb), vb, shape, seed);
        tf.dispose([v, other, a, b, va, vb]);
      }),
      runs,
    );
  });

  it('comparisons, casts and fills pass no gradient through the comparison and dy through the cast', () => {
    registerGradients();
    tf.tidy(() => {
      const x = tf.tensor1d([0.5, -1, 2]);
      const g = tf.grad((t: tf.Tensor) => tf.sum(tf.add(tf.mul(t, tf.cast(tf.less(t, 1), 'float32')), tf.onesLike(t))))(x).dataSync();
      expectClose(g, [1, 1, 0], 0);
      const gc = tf.grad((t: tf.Tensor) => tf.sum(tf.cast(tf.mul(t, 3), 'float32')))(x).dataSync();
      expectClose(gc, [3, 3, 3], 0);
    });
  });
});
