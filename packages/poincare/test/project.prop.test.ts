// project: inside the ball with the dtype's margin, idempotent, and the identity on interior points.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROJECT_EPS, conformalFactor, project } from '../src/index.js';
import { frame, point } from './helpers/arbitraries.js';

describe('project', () => {
  it('puts any finite vector inside with a margin, is idempotent, and leaves interior points alone', () => {
    fc.assert(
      fc.property(
        frame().chain(({ d, c }) => fc.tuple(fc.constant(c), fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: d, maxLength: d }), point(d, c, 0.999))),
        ([c, v, x]) => {
          const p = project(v, c);
          expect(Number.isFinite(conformalFactor(p, c))).toBe(true);
          expect(Math.sqrt(c) * Math.hypot(...p)).toBeLessThanOrEqual(1 - PROJECT_EPS.float64 / 2);
          expect(project(p, c)).toEqual(p);
          expect(project(x, c)).toEqual(x);
        },
      ),
    );
  });

  it('uses the float32 margin for Float32Array input, which survives rounding to float32', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 6 }), (v) => {
        const p = project(Float32Array.from(v), 1);
        const p32 = Float32Array.from(p);
        const r = Math.hypot(...p32);
        expect(r).toBeLessThan(1);
        expect(r).toBeLessThanOrEqual(1 - PROJECT_EPS.float32 / 2);
      }),
    );
  });
});
