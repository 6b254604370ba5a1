// Parallel transport: an isometry between tangent spaces, undone by the reverse transport.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inner, tangentNorm, transp, transp0 } from '../src/index.js';
import { frame, point, relDiff, relDiffScalar, tangent } from './helpers/arbitraries.js';
import { IDENTITY_NEAR_BOUNDARY_REL_F64, IDENTITY_REL_F64 } from './tolerances.js';

describe('transp', () => {
  it('preserves the Riemannian inner product and is undone by the reverse transport', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 0.95), point(d, c, 0.95), tangent(d, 2), tangent(d, 2))),
        ([c, x, y, u, v]) => {
          const pu = transp(x, y, u, c);
          const pv = transp(x, y, v, c);
          const before = inner(x, u, v, c);
          const scale = tangentNorm(x, u, c) * tangentNorm(x, v, c);
          expect(Math.abs(inner(y, pu, pv, c) - before)).toBeLessThanOrEqual(IDENTITY_REL_F64 * Math.max(scale, 1e-300));
          expect(relDiff(transp(y, x, pu, c), u, Math.max(Math.hypot(...u), 1e-300))).toBeLessThan(IDENTITY_REL_F64);
        },
      ),
    );
  });

  it('stays an isometry near the boundary (within the condition number)', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 1 - 1e-6), point(d, c, 1 - 1e-6), tangent(d, 1))),
        ([c, x, y, u]) => {
          const pu = transp(x, y, u, c);
          expect(relDiffScalar(inner(y, pu, pu, c), inner(x, u, u, c), 1e-300)).toBeLessThan(IDENTITY_NEAR_BOUNDARY_REL_F64);
          expect(relDiff(transp(y, x, pu, c), u, Math.max(Math.hypot(...u), 1e-300))).toBeLessThan(IDENTITY_NEAR_BOUNDARY_REL_F64);
        },
      ),
    );
  });

  it('transp0 is transport from the origin', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 1 - 1e-9), tangent(d, 2))),
        ([c, y, v]) => {
          expect(relDiff(transp0(y, v, c), transp(new Float64Array(y.length), y, v, c), Math.max(Math.hypot(...v), 1e-300))).toBeLessThan(IDENTITY_REL_F64);
        },
      ),
    );
  });
});
