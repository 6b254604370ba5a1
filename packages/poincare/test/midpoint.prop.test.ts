// The Einstein midpoint: inside, symmetric, isometry-equivariant, and trivial on one point.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dist, einsteinMidpoint, einsteinMidpointBatch, mobiusAdd, mobiusScalar } from '../src/index.js';
import { frame, point, relDiff } from './helpers/arbitraries.js';
import { IDENTITY_REL_F64 } from './tolerances.js';

const cloud = (d: number, c: number, maxFrac: number) => fc.array(point(d, c, maxFrac), { minLength: 1, maxLength: 6 });
const weightsFor = (n: number) => fc.array(fc.double({ min: 0.01, max: 3, noNaN: true }), { minLength: n, maxLength: n });

describe('einsteinMidpoint', () => {
  it('is inside the ball and invariant under permutations of (point, weight) pairs', () => {
    fc.assert(
      fc.property(
        frame()
          .chain(({ d, c }) => fc.tuple(fc.constant(c), cloud(d, c, 1 - 1e-9)))
          .chain(([c, pts]) => fc.tuple(fc.constant(c), fc.constant(pts), weightsFor(pts.length), fc.integer({ min: 0, max: 1000 }))),
        ([c, pts, w, seed]) => {
          const m = einsteinMidpoint(pts, w, c);
          expect(c * m.reduce((s, v) => s + v * v, 0)).toBeLessThan(1);
          const order = pts.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101));
          const mp = einsteinMidpoint(order.map((i) => pts[i] as Float64Array), order.map((i) => w[i] as number), c);
          expect(relDiff(mp, m, 1 / Math.sqrt(c))).toBeLessThan(IDENTITY_REL_F64);
        },
      ),
    );
  });

  it('is equivariant under isometries: mid(a ⊕ x_i) = a ⊕ mid(x_i)', () => {
    fc.assert(
      fc.property(
        frame()
          .chain(({ d, c }) => fc.tuple(fc.constant(c), cloud(d, c, 0.9), point(d, c, 0.9)))
          .chain(([c, pts, a]) => fc.tuple(fc.constant(c), fc.constant(pts), fc.constant(a), weightsFor(pts.length))),
        ([c, pts, a, w]) => {
          const lhs = einsteinMidpoint(pts.map((p) => mobiusAdd(a, p, c)), w, c);
          const rhs = mobiusAdd(a, einsteinMidpoint(pts, w, c), c);
          expect(relDiff(lhs, rhs, 1 / Math.sqrt(c))).toBeLessThan(1e-10);
        },
      ),
    );
  });

  it('of a single point is the point, and of two equal-weight points is the geodesic midpoint', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 1 - 1e-9), point(d, c, 0.9), point(d, c, 0.9))),
        ([c, x, p, q]) => {
          expect(relDiff(einsteinMidpoint([x], undefined, c), x, 1 / Math.sqrt(c))).toBeLessThan(IDENTITY_REL_F64);
          const m = einsteinMidpoint([p, q], [1, 1], c);
          const geo = mobiusAdd(p, mobiusScalar(0.5, mobiusAdd(p.map((v) => -v), q, c), c), c);
          expect(relDiff(m, geo, 1 / Math.sqrt(c))).toBeLessThan(1e-10);
          expect(Math.abs(dist(m, p, c) - dist(m, q, c))).toBeLessThan(1e-9 * Math.max(1, dist(p, q, c)));
        },
      ),
    );
  });

  it('batched midpoints with one weight row each equal the single midpoints', () => {
    fc.assert(
      fc.property(
        frame()
          .chain(({ d, c }) => fc.tuple(fc.constant({ d, c }), cloud(d, c, 0.99)))
          .chain(([f, pts]) => fc.tuple(fc.constant(f), fc.constant(pts), weightsFor(pts.length), weightsFor(pts.length))),
        ([{ d, c }, pts, w1, w2]) => {
          const flat = new Float64Array(pts.length * d);
          pts.forEach((p, i) => flat.set(p, i * d));
          const got = einsteinMidpointBatch(flat, d, Float64Array.from([...w1, ...w2]), c);
          expect(got.subarray(0, d)).toEqual(einsteinMidpoint(pts, w1, c));
          expect(got.subarray(d)).toEqual(einsteinMidpoint(pts, w2, c));
        },
      ),
    );
  });
});
