import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ripsPersistence } from '../src/index.js';
import { distanceRows } from './helpers.js';

const coord = fc.integer({ min: -1000, max: 1000 }).map((x) => x / 100);
const cloud = fc.array(fc.array(coord, { minLength: 3, maxLength: 3 }), { minLength: 4, maxLength: 11 });

/** All k-simplices (sorted vertex lists) of the complete complex on n vertices. */
function simplices(n: number, k: number): number[][] {
  const out: number[][] = [];
  const rec = (start: number, acc: number[]): void => {
    if (acc.length === k + 1) {
      out.push([...acc]);
      return;
    }
    for (let v = start; v < n; v++) rec(v + 1, [...acc, v]);
  };
  rec(0, []);
  return out;
}

describe('representative cocycles', () => {
  it('are cocycles of K_t for every t in [birth, death), not at death, and contain a simplex born at the birth', () => {
    fc.assert(
      fc.property(cloud, (pts) => {
        const D = distanceRows(pts);
        const n = pts.length;
        const diam = (s: number[]) => Math.max(0, ...s.flatMap((a) => s.map((b) => D[a]![b]!)));
        const dgms = ripsPersistence({ points: pts }, { maxDim: 2, cocycles: true, threshold: Infinity });
        expect(dgms[0]!.cocycles).toBeUndefined();
        const values = [...new Set(D.flat())].sort((a, b) => a - b);
        for (let k = 1; k <= 2; k++) {
          const dg = dgms[k]!;
          expect(dg.cocycles).toHaveLength(dg.birth.length);
          const cofaces = simplices(n, k + 1).map((s) => ({ s, d: diam(s) }));
          for (let i = 0; i < dg.birth.length; i++) {
            const b = dg.birth[i]!;
            const d = dg.death[i]!;
            const z = dg.cocycles![i]!;
            expect(z.length).toBeGreaterThan(0);
            expect(z.every((s) => s.length === k + 1 && new Set(s).size === k + 1)).toBe(true);
            expect(z.some((s) => diam(s) === b)).toBe(true);
            expect(z.every((s) => diam(s) >= b)).toBe(true);
            const keys = z.map((s) => [...s].sort((x, y) => x - y).join(','));
            // number of facets of the coface in z restricted to K_t, mod 2
            const delta = (t: number) =>
              cofaces
                .filter((c) => c.d <= t)
                .filter((c) => {
                  let count = 0;
                  for (let drop = 0; drop < c.s.length; drop++) {
                    const f = c.s.filter((_, j) => j !== drop);
                    const key = f.join(',');
                    if (keys.includes(key) && diam(f) <= t) count++;
                  }
                  return count % 2 === 1;
                }).length;
            for (const t of values.filter((v) => v >= b && v < d)) expect(delta(t)).toBe(0);
            if (d !== Infinity) expect(delta(d)).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('turn edge collapse off and leave the diagrams unchanged', () => {
    const pts = Array.from({ length: 30 }, (_, i) => [Math.cos(i * 0.9) * 2, Math.sin(i * 1.7), Math.cos(i * 2.3)]);
    const a = ripsPersistence({ points: pts }, { maxDim: 2, cocycles: true });
    const b = ripsPersistence({ points: pts }, { maxDim: 2 });
    for (let k = 0; k <= 2; k++) {
      expect(Array.from(a[k]!.birth)).toEqual(Array.from(b[k]!.birth));
      expect(Array.from(a[k]!.death)).toEqual(Array.from(b[k]!.death));
    }
  });
});
