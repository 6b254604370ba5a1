// Klein and hyperboloid models: round trips and the sheet equation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dist, hyperboloidToPoincare, kleinToPoincare, poincareToHyperboloid, poincareToKlein } from '../src/index.js';
import { frame, point, relDiff, relDiffScalar } from './helpers/arbitraries.js';
import { IDENTITY_NEAR_BOUNDARY_REL_F64, IDENTITY_REL_F64 } from './tolerances.js';

describe('model changes', () => {
  it('Klein round trip is the identity, and Klein points stay in the ball', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 1 - 1e-6))),
        ([c, x]) => {
          const k = poincareToKlein(x, c);
          expect(c * k.reduce((s, v) => s + v * v, 0)).toBeLessThan(1);
          expect(relDiff(kleinToPoincare(k, c), x, 1 / Math.sqrt(c))).toBeLessThan(IDENTITY_NEAR_BOUNDARY_REL_F64);
        },
      ),
    );
  });

  it('hyperboloid points lie on the upper sheet, the round trip is the identity, and Lorentz distances match', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), point(d, c, 0.95), point(d, c, 0.95))),
        ([c, x, y]) => {
          const h = poincareToHyperboloid(x, c);
          const g = poincareToHyperboloid(y, c);
          const h0 = h[0] as number;
          let hs2 = 0;
          for (let i = 1; i < h.length; i++) hs2 += (h[i] as number) ** 2;
          expect(h0).toBeGreaterThan(0);
          expect(relDiffScalar(h0 * h0 - hs2, 1 / c, 1 / c)).toBeLessThan(IDENTITY_REL_F64 * h0 * h0 * c);
          expect(relDiff(hyperboloidToPoincare(h, c), x, 1 / Math.sqrt(c))).toBeLessThan(IDENTITY_REL_F64);
          // d = arcosh(-c <h, g>_L) / sqrt(c)
          let lor = -(h[0] as number) * (g[0] as number);
          for (let i = 1; i < h.length; i++) lor += (h[i] as number) * (g[i] as number);
          const dl = Math.acosh(Math.max(1, -c * lor)) / Math.sqrt(c);
          expect(Math.abs(dl - dist(x, y, c))).toBeLessThan(1e-6 * Math.max(1, dist(x, y, c)));
        },
      ),
    );
  });
});
