// No NaN or Infinity for any finite input inside the ball: extreme radii, tiny and huge vectors.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as P from '../src/index.js';
import { BOUNDARY_EPS } from '../src/index.js';

const c = fc.constantFrom(1e-3, 0.1, 1, 5, 1e3);
const coord = fc.oneof(fc.double({ min: -1, max: 1, noNaN: true }), fc.constantFrom(0, -0, 1e-300, -1e-300, 5e-324, 1e-160));

/** A point at a relative radius that may be 1 - 1e-15 or a subnormal, in 1-4 dimensions. */
const extremePoint = (cc: number) =>
  fc.tuple(fc.array(coord, { minLength: 1, maxLength: 4 }), fc.constantFrom(0, 1e-300, 1e-8, 0.5, 1 - 1e-9, 1 - 1e-12, 1 - 1e-15)).map(([v, f]) => {
    let m = 0;
    for (const x of v) m = Math.max(m, Math.abs(x));
    if (m === 0) return Float64Array.from(v, () => 0);
    const u = v.map((x) => x / m);
    const n = Math.hypot(...u);
    return Float64Array.from(u, (x) => (x / n) * (f / Math.sqrt(cc)));
  });

const finite = (x: number | ArrayLike<number>): boolean => (typeof x === 'number' ? Number.isFinite(x) : Array.from(x).every(Number.isFinite));
const strictlyInside = (x: ArrayLike<number>, cc: number): boolean => cc * Array.from(x).reduce((s, v) => s + v * v, 0) < 1;

describe('finite results everywhere inside the ball', () => {
  it('for every op at extreme radii and scales', () => {
    fc.assert(
      fc.property(
        c.chain((cc) => fc.tuple(fc.constant(cc), fc.integer({ min: 1, max: 4 }))).chain(([cc, d]) =>
          fc.tuple(
            fc.constant(cc),
            extremePoint(cc).filter((p) => p.length >= 1),
            extremePoint(cc),
            fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(1e-300, 1e150, -1e150)), { minLength: d, maxLength: d }),
            fc.double({ min: -1e3, max: 1e3, noNaN: true }),
          ),
        ),
        ([cc, x0, y0, v0, r]) => {
          const d = Math.min(x0.length, y0.length, v0.length);
          const x = x0.slice(0, d);
          const y = y0.slice(0, d);
          const v = Float64Array.from(v0.slice(0, d));
          fc.pre(strictlyInside(x, cc) && strictlyInside(y, cc));
          const pts = [P.mobiusAdd(x, y, cc), P.mobiusScalar(r, x, cc), P.expmap(x, v, cc), P.expmap0(v, cc), P.poincareToKlein(x, cc), P.einsteinMidpoint([x, y], [1, 2], cc), P.mobiusMatvec(v.length === d ? Float64Array.from({ length: d * d }, (_, i) => (i % (d + 1) === 0 ? r : 0)) : [], d, d, x, cc)];
          for (const p of pts) {
            expect(finite(p)).toBe(true);
            // clamped results sit at 1 - BOUNDARY_EPS up to a few ulps of rescaling
            expect(Math.sqrt(cc) * Math.hypot(...Array.from(p))).toBeLessThanOrEqual(1 - BOUNDARY_EPS / 2);
          }
          const vecs = [P.logmap(x, y, cc), P.logmap0(y, cc), P.transp(x, y, P.logmap(x, y, cc), cc), P.transp0(y, x, cc), P.gyration(x, y, x, cc), P.distGradient(x, y, cc), P.poincareToHyperboloid(x, cc)];
          for (const w of vecs) expect(finite(w)).toBe(true);
          expect(finite(P.dist(x, y, cc))).toBe(true);
          expect(finite(P.conformalFactor(x, cc))).toBe(true);
          expect(finite(P.inner(x, x, y, cc))).toBe(true);
        },
      ),
    );
  });
});
