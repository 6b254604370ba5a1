// Gyrovector-space laws of Möbius addition, scalar multiplication, gyrations and matvec.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expmap0, gyration, logmap0, mobiusAdd, mobiusMatvec, mobiusScalar } from '../src/index.js';
import { frame, point, relDiff } from './helpers/arbitraries.js';
import { IDENTITY_ABS_F64, IDENTITY_NEAR_BOUNDARY_REL_F64, IDENTITY_REL_F64 } from './tolerances.js';

const neg = (x: ArrayLike<number>): Float64Array => Float64Array.from(x, (v) => -v);
const norm = (x: ArrayLike<number>): number => Math.hypot(...Array.from(x));

describe('mobiusAdd', () => {
  it('left cancellation: (-a) ⊕ (a ⊕ b) = b', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 0.9), point(d, c, 0.9))),
        ([c, a, b]) => {
          const got = mobiusAdd(neg(a), mobiusAdd(a, b, c), c);
          expect(relDiff(got, b, 1 / Math.sqrt(c))).toBeLessThan(IDENTITY_REL_F64);
        },
      ),
    );
  });

  it('left cancellation holds near the boundary within the condition number', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 1 - 1e-6), point(d, c, 1 - 1e-6))),
        ([c, a, b]) => {
          const got = mobiusAdd(neg(a), mobiusAdd(a, b, c), c);
          expect(relDiff(got, b, 1 / Math.sqrt(c))).toBeLessThan(IDENTITY_NEAR_BOUNDARY_REL_F64);
        },
      ),
    );
  });

  it('has the origin as identity and -x as inverse', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 1 - 1e-9))),
        ([c, x]) => {
          expect(relDiff(mobiusAdd(x, new Float64Array(x.length), c), x, 1 / Math.sqrt(c))).toBeLessThan(IDENTITY_REL_F64);
          expect(relDiff(mobiusAdd(new Float64Array(x.length), x, c), x, 1 / Math.sqrt(c))).toBeLessThan(IDENTITY_REL_F64);
          expect(norm(mobiusAdd(neg(x), x, c))).toBeLessThanOrEqual(IDENTITY_ABS_F64);
        },
      ),
    );
  });

  it('gyrocommutativity: a ⊕ b = gyr[a, b](b ⊕ a)', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 0.9), point(d, c, 0.9))),
        ([c, a, b]) => {
          const lhs = mobiusAdd(a, b, c);
          const rhs = gyration(a, b, mobiusAdd(b, a, c), c);
          expect(relDiff(lhs, rhs, 1 / Math.sqrt(c))).toBeLessThan(IDENTITY_REL_F64);
        },
      ),
    );
  });
});

describe('gyration', () => {
  it('equals its definition -(u ⊕ v) ⊕ (u ⊕ (v ⊕ w)), preserves norms, and gyr[v, u] undoes gyr[u, v]', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 0.9), point(d, c, 0.9), point(d, c, 0.9))),
        ([c, u, v, w]) => {
          const g = gyration(u, v, w, c);
          const def = mobiusAdd(neg(mobiusAdd(u, v, c)), mobiusAdd(u, mobiusAdd(v, w, c), c), c);
          expect(relDiff(g, def, 1 / Math.sqrt(c))).toBeLessThan(IDENTITY_REL_F64);
          expect(Math.abs(norm(g) - norm(w))).toBeLessThan(IDENTITY_REL_F64 * (norm(w) + 1e-300) + IDENTITY_ABS_F64);
          expect(relDiff(gyration(v, u, g, c), w, 1 / Math.sqrt(c))).toBeLessThan(IDENTITY_REL_F64);
        },
      ),
    );
  });
});

describe('mobiusScalar', () => {
  it('is a scalar action: r ⊗ (s ⊗ x) = (rs) ⊗ x, (r + s) ⊗ x = (r ⊗ x) ⊕ (s ⊗ x), 1 ⊗ x = x', () => {
    const r = fc.double({ min: -2, max: 2, noNaN: true });
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 0.8), r, r)),
        ([c, x, a, b]) => {
          const scale = 1 / Math.sqrt(c);
          expect(relDiff(mobiusScalar(a, mobiusScalar(b, x, c), c), mobiusScalar(a * b, x, c), scale)).toBeLessThan(IDENTITY_REL_F64);
          expect(relDiff(mobiusScalar(a + b, x, c), mobiusAdd(mobiusScalar(a, x, c), mobiusScalar(b, x, c), c), scale)).toBeLessThan(IDENTITY_REL_F64);
          expect(relDiff(mobiusScalar(1, x, c), x, scale)).toBeLessThan(IDENTITY_REL_F64);
        },
      ),
    );
  });

  it('agrees with repeated addition: 2 ⊗ x = x ⊕ x', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 1 - 1e-6))),
        ([c, x]) => {
          expect(relDiff(mobiusScalar(2, x, c), mobiusAdd(x, x, c), 1 / Math.sqrt(c))).toBeLessThan(IDENTITY_REL_F64);
        },
      ),
    );
  });
});

describe('mobiusMatvec', () => {
  const matrix = (rows: number, cols: number): fc.Arbitrary<Float64Array> =>
    fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: rows * cols, maxLength: rows * cols }).map((a) => Float64Array.from(a));

  it('is exp_0(M log_0 x), with M = rI giving r ⊗ x', () => {
    fc.assert(
      fc.property(
        fc
          .record({ rows: fc.integer({ min: 1, max: 5 }), cols: fc.integer({ min: 1, max: 5 }), c: fc.double({ min: 0.05, max: 5, noNaN: true }) })
          .chain(({ rows, cols, c }) => fc.tuple(fc.constant({ rows, cols, c }), matrix(rows, cols), point(cols, c, 0.95), fc.double({ min: -2, max: 2, noNaN: true }))),
        ([{ rows, cols, c }, m, x, r]) => {
          const got = mobiusMatvec(m, rows, cols, x, c);
          const l = logmap0(x, c);
          const ml = new Float64Array(rows);
          for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) ml[i] = (ml[i] as number) + (m[i * cols + j] as number) * (l[j] as number);
          expect(relDiff(got, expmap0(ml, c), 1 / Math.sqrt(c))).toBeLessThan(IDENTITY_REL_F64);
          const eye = new Float64Array(cols * cols);
          for (let i = 0; i < cols; i++) eye[i * cols + i] = r;
          expect(relDiff(mobiusMatvec(eye, cols, cols, x, c), mobiusScalar(r, x, c), 1 / Math.sqrt(c))).toBeLessThan(IDENTITY_REL_F64);
        },
      ),
    );
  });

  it('is associative with matrix products: (AB) ⊗ x = A ⊗ (B ⊗ x)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 5, noNaN: true }).chain((c) => fc.tuple(fc.constant(c), matrix(3, 3), matrix(3, 3), point(3, c, 0.9))),
        ([c, a, b, x]) => {
          const ab = new Float64Array(9);
          for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) ab[i * 3 + j] = (ab[i * 3 + j] as number) + (a[i * 3 + k] as number) * (b[k * 3 + j] as number);
          const lhs = mobiusMatvec(ab, 3, 3, x, c);
          const bx = mobiusMatvec(b, 3, 3, x, c);
          // Skip draws where an intermediate saturates at the boundary (both sides are then clamped).
          fc.pre(c * bx.reduce((s, v) => s + v * v, 0) < 0.99 && c * lhs.reduce((s, v) => s + v * v, 0) < 0.99);
          expect(relDiff(lhs, mobiusMatvec(a, 3, 3, bx, c), 1 / Math.sqrt(c))).toBeLessThan(1e-9);
        },
      ),
    );
  });
});
