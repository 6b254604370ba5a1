// The viewer's disk maths against @geo/poincare: Möbius recentring is Möbius addition of −a,
// geodesics are arcs orthogonal to the unit circle through both points whose points are on
// the hyperbolic segment, hyperbolic radius is dist(0, z), composing disk maps is applying them in turn.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dist, expmap, logmap, mobiusAdd } from '@geo/poincare';
import {
  COLLINEAR_EPS,
  IDENTITY_MAP,
  NEAR_ORIGIN,
  applyMap,
  composeMaps,
  fromScreen,
  geodesic,
  geodesicPoint,
  hyperbolicRadius,
  recentre,
  recentreMap,
  toScreen,
} from '../viewer/src/geometry.js';
import type { Point } from '../viewer/src/geometry.js';
import { COMPOSE_ABS, MOBIUS_ABS, ON_CIRCLE_REL, ORTHOGONAL_ABS, RADIUS_REL, TRIANGLE_ABS } from './tolerances.js';

/** Curvatures the properties run over. */
const curvature = fc.constantFrom(0.25, 1, 4);
/** A point of the unit disk at Euclidean radius up to `maxR`. */
const unitPoint = (maxR = 0.95): fc.Arbitrary<Point> =>
  fc.record({ r: fc.double({ min: 0, max: maxR, noNaN: true }), th: fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }) }).map(({ r, th }) => ({ x: r * Math.cos(th), y: r * Math.sin(th) }));
/** A point of the ball of curvature -c (scaled from the unit disk). */
const ballPoint = (c: number, maxR = 0.95): fc.Arbitrary<Point> => unitPoint(maxR).map((p) => ({ x: p.x / Math.sqrt(c), y: p.y / Math.sqrt(c) }));

describe('recentre (Möbius recentring)', () => {
  it('equals Möbius addition of −a in the ball of curvature −c', () => {
    fc.assert(
      fc.property(curvature.chain((c) => fc.tuple(fc.constant(c), ballPoint(c), ballPoint(c))), ([c, a, z]) => {
        const got = recentre(z, a, c);
        const want = mobiusAdd([-a.x, -a.y], [z.x, z.y], c);
        expect(Math.abs(got.x - want[0]!)).toBeLessThanOrEqual(MOBIUS_ABS / Math.sqrt(c));
        expect(Math.abs(got.y - want[1]!)).toBeLessThanOrEqual(MOBIUS_ABS / Math.sqrt(c));
      }),
    );
  });

  it('sends a to the centre and keeps hyperbolic distances (an isometry)', () => {
    fc.assert(
      fc.property(curvature.chain((c) => fc.tuple(fc.constant(c), ballPoint(c, 0.9), ballPoint(c, 0.9), ballPoint(c, 0.9))), ([c, a, p, q]) => {
        const o = recentre(a, a, c);
        expect(Math.hypot(o.x, o.y)).toBeLessThanOrEqual(MOBIUS_ABS);
        const before = dist([p.x, p.y], [q.x, q.y], c);
        const pp = recentre(p, a, c);
        const qq = recentre(q, a, c);
        const after = dist([pp.x, pp.y], [qq.x, qq.y], c);
        expect(Math.abs(after - before)).toBeLessThanOrEqual(TRIANGLE_ABS * Math.max(1, before));
      }),
    );
  });

  it('composing disk maps equals applying them in turn; the identity changes nothing', () => {
    fc.assert(
      fc.property(unitPoint(0.9), unitPoint(0.9), unitPoint(0.9), (a, b, w) => {
        const inner = recentreMap(a);
        const outer = recentreMap(b);
        const once = applyMap(composeMaps(outer, inner), w);
        const twice = applyMap(outer, applyMap(inner, w));
        expect(Math.abs(once.x - twice.x)).toBeLessThanOrEqual(COMPOSE_ABS);
        expect(Math.abs(once.y - twice.y)).toBeLessThanOrEqual(COMPOSE_ABS);
        const same = applyMap(IDENTITY_MAP, w);
        expect(Math.abs(same.x - w.x) + Math.abs(same.y - w.y)).toBe(0);
      }),
    );
  });
});

describe('hyperbolicRadius', () => {
  it('equals dist(0, z) of @geo/poincare', () => {
    fc.assert(
      fc.property(curvature.chain((c) => fc.tuple(fc.constant(c), ballPoint(c, 1 - 1e-6))), ([c, z]) => {
        const want = dist([0, 0], [z.x, z.y], c);
        expect(Math.abs(hyperbolicRadius(z, c) - want)).toBeLessThanOrEqual(RADIUS_REL * Math.max(1, want));
      }),
    );
  });
});

describe('geodesic', () => {
  it('passes through both points on a circle orthogonal to the unit circle (or the straight segment through 0)', () => {
    fc.assert(
      fc.property(unitPoint(), unitPoint(), (p, q) => {
        const g = geodesic(p, q);
        const rp = Math.hypot(p.x, p.y);
        const rq = Math.hypot(q.x, q.y);
        if (g.kind === 'line') {
          // collinear with the origin (sin of the angle between them ~ 0), or one point at the origin
          const nearOrigin = Math.min(rp, rq) <= NEAR_ORIGIN;
          expect(nearOrigin || Math.abs((p.x / rp) * (q.y / rq) - (p.y / rp) * (q.x / rq)) <= COLLINEAR_EPS).toBe(true);
          return;
        }
        expect(Number.isFinite(g.radius)).toBe(true);
        const tol = ON_CIRCLE_REL * Math.max(1, g.radius);
        expect(Math.abs(Math.hypot(p.x - g.center.x, p.y - g.center.y) - g.radius)).toBeLessThanOrEqual(tol);
        expect(Math.abs(Math.hypot(q.x - g.center.x, q.y - g.center.y) - g.radius)).toBeLessThanOrEqual(tol);
        // meets the unit circle at right angles: |o|² = r² + 1
        const o2 = g.center.x ** 2 + g.center.y ** 2;
        expect(Math.abs(o2 - g.radius ** 2 - 1)).toBeLessThanOrEqual(ORTHOGONAL_ABS * Math.max(1, o2));
      }),
    );
  });

  it('its points lie on the hyperbolic segment from p to q (d(p,m) + d(m,q) = d(p,q)), and it contains the midpoint of @geo/poincare', () => {
    fc.assert(
      fc.property(unitPoint(0.9), unitPoint(0.9), fc.double({ min: 0, max: 1, noNaN: true }), (p, q, t) => {
        fc.pre(dist([p.x, p.y], [q.x, q.y], 1) > 1e-3);
        const g = geodesic(p, q);
        const m = geodesicPoint(g, t);
        expect(Math.hypot(m.x, m.y)).toBeLessThan(1);
        const defect = dist([p.x, p.y], [m.x, m.y], 1) + dist([m.x, m.y], [q.x, q.y], 1) - dist([p.x, p.y], [q.x, q.y], 1);
        expect(Math.abs(defect)).toBeLessThanOrEqual(TRIANGLE_ABS);
        // The hyperbolic midpoint exp_p(½ log_p q) lies on the same circle (or line).
        const mid = expmap([p.x, p.y], Array.from(logmap([p.x, p.y], [q.x, q.y], 1), (v) => v / 2), 1);
        if (g.kind === 'arc') {
          expect(Math.abs(Math.hypot(mid[0]! - g.center.x, mid[1]! - g.center.y) - g.radius)).toBeLessThanOrEqual(ON_CIRCLE_REL * 10 * Math.max(1, g.radius));
        } else {
          expect(Math.abs(p.x * mid[1]! - p.y * mid[0]!)).toBeLessThanOrEqual(TRIANGLE_ABS);
        }
      }),
    );
  });

  it('is a straight segment for points on a diameter, and the endpoints are exact', () => {
    const g = geodesic({ x: -0.5, y: 0 }, { x: 0.7, y: 0 });
    expect(g.kind).toBe('line');
    expect(geodesicPoint(g, 0)).toEqual({ x: -0.5, y: 0 });
    const a = geodesic({ x: 0.5, y: 0 }, { x: 0, y: 0.5 });
    expect(a.kind).toBe('arc');
    // Symmetric about the diagonal: centre on y = x, at |o|² = r² + 1 with (0.5, 0) on it.
    if (a.kind === 'arc') {
      expect(a.center.x).toBeCloseTo(a.center.y, 12);
      expect(a.center.x).toBeCloseTo(1.25, 12); // p·o = (0.25 + 1)/2 with p = (0.5, 0)
    }
  });
});

describe('screen frame', () => {
  it('fromScreen inverts toScreen and flips y', () => {
    const f = { cx: 200, cy: 150, r: 120 };
    expect(toScreen({ x: 0, y: 1 }, f)).toEqual({ x: 200, y: 30 });
    fc.assert(
      fc.property(unitPoint(), (p) => {
        const back = fromScreen(toScreen(p, f), f);
        expect(Math.abs(back.x - p.x)).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(back.y - p.y)).toBeLessThanOrEqual(1e-12);
      }),
    );
  });
});
