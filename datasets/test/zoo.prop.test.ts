import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPLIT_NAMES, ZOO_NAMES, imageGrid, shardsOf, sineGrid, sineParameters, zooPlan } from '../src/index.js';

describe('zoo plans', () => {
  it('shards partition the models, stay in one split, and the workers of any --of partition the shards', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZOO_NAMES),
        fc.record({ train: fc.integer({ min: 0, max: 30 }), val: fc.integer({ min: 0, max: 10 }), test: fc.integer({ min: 0, max: 10 }) }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 5 }),
        (name, counts, shardSize, of) => {
          const plan = zooPlan(name, 'smoke', { counts, shardSize });
          expect(zooPlan(name, 'smoke', { counts, shardSize })).toEqual(plan); // deterministic
          const total = counts.train + counts.val + counts.test;
          expect(plan.shards.flatMap((s) => s.models.map((m) => m.index))).toEqual(Array.from({ length: total }, (_, i) => i));
          for (const s of plan.shards) {
            expect(s.models.length).toBeGreaterThan(0);
            expect(s.models.length).toBeLessThanOrEqual(shardSize);
            expect(s.models.every((m) => m.split === s.split)).toBe(true);
          }
          for (const split of SPLIT_NAMES) expect(plan.shards.filter((s) => s.split === split).reduce((n, s) => n + s.models.length, 0)).toBe(counts[split]);
          const byWorker = Array.from({ length: of }, (_, i) => shardsOf(plan, i, of).map((s) => s.name)).flat().sort();
          expect(byWorker).toEqual(plan.shards.map((s) => s.name).sort());
        },
      ),
      { numRuns: 60 },
    );
  });

  it('sine tasks: a, b in [0, 10), fixed by (seed, index) alone', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: 1e6 }), (seed, index) => {
        const p = sineParameters(seed, 'sine', index);
        expect(sineParameters(seed, 'sine', index)).toEqual(p);
        for (const v of [p.a, p.b]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThan(10);
        }
      }),
    );
  });

  it('grids: image pixel centres span [-1, 1] symmetrically; sine points are evenly spaced on [-pi, pi)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 2, max: 3000 }), (side, n) => {
        const g = imageGrid(side);
        expect(g.length).toBe(2 * side * side);
        expect(g[0]).toBe(-1);
        expect(g[g.length - 1]).toBe(1);
        for (let i = 0; i < side * side; i++) expect(Math.abs((g[2 * i] as number) + (g[2 * (side * side - 1 - i)] as number))).toBeLessThanOrEqual(1e-15);
        const x = sineGrid(n);
        expect(x[0]).toBe(-Math.PI);
        expect(x[n - 1] as number).toBeLessThan(Math.PI);
        expect(Math.abs((x[1] as number) - (x[0] as number) - (2 * Math.PI) / n)).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 40 },
    );
  });
});
