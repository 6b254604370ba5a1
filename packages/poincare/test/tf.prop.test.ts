// The tf face (float32) equals the root face (float64), broadcasts over leading axes, and its
// gradients are finite everywhere inside the ball and equal finite differences of the root face.
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as R from '../src/index.js';
import * as T from '../src/tf/index.js';
import { frame, point, relDiff, tangent } from './helpers/arbitraries.js';
import { startBackend, values } from './helpers/tf.js';
import { TF_GRAD_REL_F32, TF_VS_ROOT_ABS_F32, TF_VS_ROOT_REL_F32 } from './tolerances.js';

const RUNS = { numRuns: 30 };

beforeAll(async () => {
  await startBackend();
  T.registerGradients();
});

const t1 = (x: ArrayLike<number>): tf.Tensor => tf.tensor1d(Array.from(x));
const sq = (x: ArrayLike<number>): number => Array.from(x).reduce((s, v) => s + v * v, 0);

function close(got: tf.Tensor, want: number | ArrayLike<number>, scale: number): void {
  const g = values(got);
  const w = typeof want === 'number' ? [want] : want;
  got.dispose();
  expect(g.every(Number.isFinite)).toBe(true);
  expect(relDiff(g, w, Math.max(scale, TF_VS_ROOT_ABS_F32 / TF_VS_ROOT_REL_F32))).toBeLessThan(TF_VS_ROOT_REL_F32);
}

describe('tf face = root face (float32 tolerance)', () => {
  it('for every op on points with c|x|^2 <= 0.81', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 0.9), point(d, c, 0.9), point(d, c, 0.9), tangent(d, 1), fc.double({ min: -2, max: 2, noNaN: true }))),
        ([c, x, y, z, v, r]) => {
          const R0 = 1 / Math.sqrt(c);
          const d = x.length;
          const [X, Y, Z, V] = [t1(x), t1(y), t1(z), t1(v)];
          const vs = Math.max(Math.hypot(...v), 1e-3);
          close(T.mobiusAdd(X, Y, c), R.mobiusAdd(x, y, c), R0);
          close(T.mobiusScalar(r, X, c), R.mobiusScalar(r, x, c), R0);
          close(T.dist(X, Y, c), R.dist(x, y, c), 1);
          const e = R.expmap(x, v, c);
          if (c * sq(e) < 0.99) close(T.expmap(X, V, c), e, R0);
          close(T.logmap(X, Y, c), R.logmap(x, y, c), 1);
          close(T.expmap0(V, c), R.expmap0(v, c), R0);
          close(T.logmap0(Y, c), R.logmap0(y, c), 1);
          close(T.gyration(X, Y, Z, c), R.gyration(x, y, z, c), R0);
          close(T.transp(X, Y, V, c), R.transp(x, y, v, c), vs);
          close(T.transp0(Y, V, c), R.transp0(y, v, c), vs);
          close(T.conformalFactor(X, c), R.conformalFactor(x, c), 1);
          close(T.inner(X, V, Y, c), R.inner(x, v, y, c), 1);
          close(T.poincareToKlein(X, c), R.poincareToKlein(x, c), R0);
          close(T.kleinToPoincare(Y, c), R.kleinToPoincare(y, c), R0);
          close(T.poincareToHyperboloid(X, c), R.poincareToHyperboloid(x, c), R0);
          close(T.hyperboloidToPoincare(t1(R.poincareToHyperboloid(y, c)), c), y, R0);
          close(T.einsteinMidpoint(tf.tensor2d([Array.from(x), Array.from(y), Array.from(z)]), tf.tensor1d([1, 2, 0.5]), c), R.einsteinMidpoint([x, y, z], [1, 2, 0.5], c), R0);
          const m = Float64Array.from({ length: d * d }, (_, i) => Math.cos(3 * i + 1));
          close(T.mobiusMatvec(tf.tensor2d(Array.from(m), [d, d]), X, c), R.mobiusMatvec(m, d, d, x, c), R0);
          close(T.project(tf.mul(X, 10), c), R.project(x.map((a) => a * 10), c, 1e-5), R0);
          tf.dispose([X, Y, Z, V]);
        },
      ),
      RUNS,
    );
  });

  it('broadcasts over leading axes: (2, 3, d) against (d) and (3, d)', () => {
    const c = 0.7;
    const d = 3;
    const xs = Array.from({ length: 6 }, (_, i) => Float64Array.from({ length: d }, (_, j) => 0.3 * Math.sin(i * 3 + j + 1)));
    const a = Float64Array.from([0.2, -0.1, 0.3]);
    const vs = Array.from({ length: 3 }, (_, i) => Float64Array.from({ length: d }, (_, j) => 0.5 * Math.cos(i + 2 * j)));
    const X = tf.tensor(xs.flatMap((r) => Array.from(r)), [2, 3, d]);
    const add = values(T.mobiusAdd(t1(a), X, c));
    const ex = values(T.expmap(X, tf.tensor2d(vs.map((r) => Array.from(r))), c));
    const di = values(T.dist(X, t1(a), c));
    expect(di.length).toBe(6);
    xs.forEach((x, i) => {
      expect(relDiff(add.slice(i * d, (i + 1) * d), R.mobiusAdd(a, x, c), 1)).toBeLessThan(TF_VS_ROOT_REL_F32);
      expect(relDiff(ex.slice(i * d, (i + 1) * d), R.expmap(x, vs[i % 3] as Float64Array, c), 1)).toBeLessThan(TF_VS_ROOT_REL_F32);
      expect(Math.abs((di[i] as number) - R.dist(x, a, c))).toBeLessThan(TF_VS_ROOT_REL_F32);
    });
  });
});

/** Scalar losses built on each op, in both faces, for gradient checks. */
type Case = { name: string; tf: (x: tf.Tensor) => tf.Scalar; root: (x: Float64Array) => number };

function cases(c: number, y: Float64Array, v: Float64Array, w: Float64Array): Case[] {
  const d = y.length;
  const Y = () => t1(y);
  const V = () => t1(v);
  const W = () => t1(w);
  const dotW = (a: ArrayLike<number>): number => Array.from(a).reduce((s, b, i) => s + b * (w[i % d] as number), 0);
  const m = Float64Array.from({ length: d * d }, (_, i) => Math.cos(3 * i + 1));
  return [
    { name: 'dist(x, y)', tf: (x) => tf.sum(T.dist(x, Y(), c)), root: (x) => R.dist(x, y, c) },
    { name: 'mobiusAdd(x, y)', tf: (x) => tf.sum(tf.mul(T.mobiusAdd(x, Y(), c), W())), root: (x) => dotW(R.mobiusAdd(x, y, c)) },
    { name: 'mobiusAdd(y, x)', tf: (x) => tf.sum(tf.mul(T.mobiusAdd(Y(), x, c), W())), root: (x) => dotW(R.mobiusAdd(y, x, c)) },
    { name: 'mobiusScalar(1.7, x)', tf: (x) => tf.sum(tf.mul(T.mobiusScalar(1.7, x, c), W())), root: (x) => dotW(R.mobiusScalar(1.7, x, c)) },
    { name: 'expmap(x, v)', tf: (x) => tf.sum(tf.mul(T.expmap(x, V(), c), W())), root: (x) => dotW(R.expmap(x, v, c)) },
    { name: 'expmap(y, x) (x as tangent)', tf: (x) => tf.sum(tf.mul(T.expmap(Y(), x, c), W())), root: (x) => dotW(R.expmap(y, x, c)) },
    { name: 'logmap(x, y)', tf: (x) => tf.sum(tf.mul(T.logmap(x, Y(), c), W())), root: (x) => dotW(R.logmap(x, y, c)) },
    { name: 'logmap(y, x)', tf: (x) => tf.sum(tf.mul(T.logmap(Y(), x, c), W())), root: (x) => dotW(R.logmap(y, x, c)) },
    { name: 'expmap0(x)', tf: (x) => tf.sum(tf.mul(T.expmap0(x, c), W())), root: (x) => dotW(R.expmap0(x, c)) },
    { name: 'logmap0(x)', tf: (x) => tf.sum(tf.mul(T.logmap0(x, c), W())), root: (x) => dotW(R.logmap0(x, c)) },
    { name: 'transp(x, y, v)', tf: (x) => tf.sum(tf.mul(T.transp(x, Y(), V(), c), W())), root: (x) => dotW(R.transp(x, y, v, c)) },
    { name: 'conformalFactor(x)', tf: (x) => tf.sum(T.conformalFactor(x, c)), root: (x) => R.conformalFactor(x, c) },
    { name: 'einsteinMidpoint(x, y)', tf: (x) => tf.sum(tf.mul(T.einsteinMidpoint(tf.stack([x, Y()]), tf.tensor1d([1, 2]), c), W())), root: (x) => dotW(R.einsteinMidpoint([x, y], [1, 2], c)) },
    { name: 'mobiusMatvec(M, x)', tf: (x) => tf.sum(tf.mul(T.mobiusMatvec(tf.tensor2d(Array.from(m), [d, d]), x, c), W())), root: (x) => dotW(R.mobiusMatvec(m, d, d, x, c)) },
    { name: 'poincareToKlein(x)', tf: (x) => tf.sum(tf.mul(T.poincareToKlein(x, c), W())), root: (x) => dotW(R.poincareToKlein(x, c)) },
  ];
}

function fdGrad(f: (x: Float64Array) => number, x: Float64Array, h: number): Float64Array {
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const p = Float64Array.from(x);
    const q = Float64Array.from(x);
    p[i] = (p[i] as number) + h;
    q[i] = (q[i] as number) - h;
    g[i] = (f(p) - f(q)) / (2 * h);
  }
  return g;
}

describe('tf gradients', () => {
  it('equal float64 finite differences of the root face', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 0.8), point(d, c, 0.8), tangent(d, 1), point(d, 1, 1))),
        ([c, x, y, v, w]) => {
          fc.pre(R.dist(x, y, c) > 0.05 && Math.hypot(...x) > 1e-3 && Math.hypot(...v) > 1e-3);
          for (const k of cases(c, y, v, w)) {
            const X = t1(x);
            const g = values(tf.tidy(() => tf.grad((a: tf.Tensor) => k.tf(a))(X)));
            X.dispose();
            const fd = fdGrad(k.root, x, 1e-6 / Math.sqrt(c));
            const scale = Math.max(Math.hypot(...fd), 1e-3);
            const err = relDiff(g, fd, scale);
            if (!(err < TF_GRAD_REL_F32)) throw new Error(`${k.name}: tf grad ${Array.from(g)} vs fd ${Array.from(fd)} (rel ${err})`);
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it('equal finite differences near the origin too (series expansions of tanh(t)/t, artanh(z)/z, asinh(t)/t)', () => {
    const c = 0.9;
    const y = Float64Array.from([0.3, -0.4]);
    const v = Float64Array.from([0.2, 0.5]);
    for (const rho of [1e-7, 1e-5, 1e-3, 2e-2]) {
      const x = Float64Array.from([0.6 * rho, 0.8 * rho]);
      for (const k of cases(c, y, v, Float64Array.from([1, -2]))) {
        const X = t1(x);
        const g = values(tf.tidy(() => tf.grad((a: tf.Tensor) => k.tf(a))(X)));
        X.dispose();
        const fd = fdGrad(k.root, x, 1e-7);
        const err = relDiff(g, fd, Math.max(Math.hypot(...fd), 1e-3));
        if (!(err < TF_GRAD_REL_F32)) throw new Error(`${k.name} at radius ${rho}: tf grad ${Array.from(g)} vs fd ${Array.from(fd)} (rel ${err})`);
      }
    }
  });

  it('are finite at the origin, for coincident points, and on radii log-spaced from 1e-15 to 1 - 1e-6', () => {
    const c = 1.3;
    const dir = Float64Array.from([0.6, -0.8]);
    const radii = [0, 1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 0.1, 0.5, 0.9, 0.99, 0.999, 1 - 1e-4, 1 - 1e-5, 1 - 1e-6];
    const y = Float64Array.from([0.1, 0.2]);
    const v = Float64Array.from([0.3, -0.2]);
    for (const rho of radii) {
      const x = dir.map((a) => (a * rho) / Math.sqrt(c));
      for (const k of [...cases(c, y, v, Float64Array.from([1, -2])), ...cases(c, x, v, Float64Array.from([0.5, 1]))]) {
        const X = t1(x);
        const g = values(tf.tidy(() => tf.grad((a: tf.Tensor) => k.tf(a))(X)));
        X.dispose();
        if (!g.every(Number.isFinite)) throw new Error(`${k.name} at radius ${rho}: gradient ${Array.from(g)}`);
      }
    }
    // the zero tangent vector and the zero point together
    const z = tf.zeros([2]);
    const g0 = values(tf.tidy(() => tf.grad((a: tf.Tensor) => tf.sum(T.expmap(z, a, c)))(tf.zeros([2]))));
    expect(g0.every(Number.isFinite)).toBe(true);
    expect(relDiff(g0, [1, 1], 1)).toBeLessThan(1e-6); // d exp_0(v)/dv at 0 is the identity
  });
});
