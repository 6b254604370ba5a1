// Metric axioms, isometry invariance and the analytic gradient of the distance.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dist, distGradient, mobiusAdd } from '../src/index.js';
import { frame, point, relDiff } from './helpers/arbitraries.js';
import { FD_GRAD_REL_F64, IDENTITY_ABS_F64, IDENTITY_REL_F64, TRIANGLE_REL_F64 } from './tolerances.js';

describe('dist', () => {
  it('is symmetric, zero exactly on the diagonal, and positive off it', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 1 - 1e-12), point(d, c, 1 - 1e-12))),
        ([c, x, y]) => {
          expect(dist(x, y, c)).toBe(dist(y, x, c));
          expect(dist(x, x, c)).toBe(0);
          if (x.some((v, i) => v !== y[i])) expect(dist(x, y, c)).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('satisfies the triangle inequality, also at 1e-12 from the boundary', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 1 - 1e-12), point(d, c, 1 - 1e-12), point(d, c, 1 - 1e-12))),
        ([c, x, y, z]) => {
          const xy = dist(x, y, c);
          const yz = dist(y, z, c);
          const xz = dist(x, z, c);
          expect(xz).toBeLessThanOrEqual((xy + yz) * (1 + TRIANGLE_REL_F64) + IDENTITY_ABS_F64);
        },
      ),
    );
  });

  it('is invariant under the isometries x -> a ⊕ x', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 0.9), point(d, c, 0.9), point(d, c, 0.9))),
        ([c, a, x, y]) => {
          const before = dist(x, y, c);
          const after = dist(mobiusAdd(a, x, c), mobiusAdd(a, y, c), c);
          expect(Math.abs(after - before)).toBeLessThanOrEqual(IDENTITY_REL_F64 * Math.max(before, 1));
        },
      ),
    );
  });

  it('grows with the radius along a ray, correctly ordered up to 1e-15 of the boundary', () => {
    fc.assert(
      fc.property(frame(), ({ d, c }) => {
        const dir = new Float64Array(d);
        dir[0] = 1;
        let prev = -1;
        for (let k = 1; k <= 15; k++) {
          const x = dir.map((v) => (v * (1 - 10 ** -k)) / Math.sqrt(c));
          const r = dist(new Float64Array(d), x, c);
          expect(Number.isFinite(r)).toBe(true);
          expect(r).toBeGreaterThan(prev);
          prev = r;
        }
      }),
    );
  });
});

describe('distGradient', () => {
  it('equals central finite differences of dist', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 0.9), point(d, c, 0.9))),
        ([c, x, y]) => {
          fc.pre(dist(x, y, c) > 1e-3);
          const g = distGradient(x, y, c);
          const fd = new Float64Array(x.length);
          const h = 1e-6 / Math.sqrt(c);
          for (let i = 0; i < x.length; i++) {
            const xp = Float64Array.from(x);
            const xm = Float64Array.from(x);
            xp[i] = (xp[i] as number) + h;
            xm[i] = (xm[i] as number) - h;
            fd[i] = (dist(xp, y, c) - dist(xm, y, c)) / (2 * h);
          }
          expect(relDiff(g, fd, 1e-3)).toBeLessThan(FD_GRAD_REL_F64);
        },
      ),
    );
  });
});
