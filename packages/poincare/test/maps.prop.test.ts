// Exponential and logarithmic maps: inverse pairs, speed of geodesics, the origin special case.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conformalFactor, dist, expmap, expmap0, inner, logmap, logmap0, tangentNorm } from '../src/index.js';
import { frame, point, relDiff, relDiffScalar, tangent } from './helpers/arbitraries.js';
import { IDENTITY_NEAR_BOUNDARY_REL_F64, IDENTITY_REL_F64 } from './tolerances.js';

describe('expmap / logmap', () => {
  it('exp_x(log_x(y)) = y', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 0.95), point(d, c, 0.95))),
        ([c, x, y]) => {
          expect(relDiff(expmap(x, logmap(x, y, c), c), y, 1 / Math.sqrt(c))).toBeLessThan(IDENTITY_REL_F64);
        },
      ),
    );
  });

  it('exp_x(log_x(y)) = y near the boundary, within the condition number', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 1 - 1e-6), point(d, c, 1 - 1e-6))),
        ([c, x, y]) => {
          expect(relDiff(expmap(x, logmap(x, y, c), c), y, 1 / Math.sqrt(c))).toBeLessThan(IDENTITY_NEAR_BOUNDARY_REL_F64);
        },
      ),
    );
  });

  it('log_x(exp_x(v)) = v while exp_x(v) stays off the boundary', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 0.9), tangent(d, 3))),
        ([c, x, v]) => {
          // |v|_x is the distance travelled; keep it below ~15 so the end point is not saturated
          fc.pre(Math.sqrt(c) * tangentNorm(x, v, c) < 15);
          const back = logmap(x, expmap(x, v, c), c);
          // absolute floor: below an ulp of x a step cannot be represented in exp_x(v)
          expect(relDiff(back, v, Math.max(Math.hypot(...v), 1e-5))).toBeLessThan(1e-9);
        },
      ),
    );
  });

  it('geodesics have the speed of v: dist(x, exp_x v) = |v|_x = sqrt(<v, v>_x)', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 0.95), tangent(d, 2))),
        ([c, x, v]) => {
          const speed = tangentNorm(x, v, c);
          fc.pre(Math.sqrt(c) * speed < 15);
          expect(relDiffScalar(dist(x, expmap(x, v, c), c), speed, 1e-5)).toBeLessThan(1e-9);
          // <v, v>_x squares |v|: below 1e-150 it underflows, so compare with a floor there
          expect(relDiffScalar(Math.sqrt(inner(x, v, v, c)), speed, 1e-140)).toBeLessThan(IDENTITY_REL_F64);
          expect(relDiffScalar(speed, conformalFactor(x, c) * Math.hypot(...v), 1e-300)).toBeLessThan(IDENTITY_REL_F64);
        },
      ),
    );
  });

  it('at the origin they agree with expmap0 / logmap0, which are inverse', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 1 - 1e-9), tangent(d, 5))),
        ([c, y, v]) => {
          const zero = new Float64Array(y.length);
          expect(relDiff(expmap0(v, c), expmap(zero, v, c), 1 / Math.sqrt(c))).toBeLessThan(IDENTITY_REL_F64);
          expect(relDiff(logmap0(y, c), logmap(zero, y, c), 1)).toBeLessThan(IDENTITY_REL_F64);
          expect(relDiff(logmap0(expmap0(logmap0(y, c), c), c), logmap0(y, c), 1)).toBeLessThan(1e-6);
          expect(relDiff(expmap0(logmap0(y, c), c), y, 1 / Math.sqrt(c))).toBeLessThan(IDENTITY_REL_F64);
        },
      ),
    );
  });
});
