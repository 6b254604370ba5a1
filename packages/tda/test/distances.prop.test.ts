import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bottleneckDistance, linearAssignment, wassersteinDistance } from '../src/index.js';
import { bruteForceDistance } from './naive.js';
import { METRIC_AXIOM_RTOL } from './tolerances.js';

const value = fc.integer({ min: 0, max: 10_000 }).map((x) => x / 1000);
/** A finite persistence point (birth <= death). */
const point = fc.tuple(value, value).map(([x, y]) => (x <= y ? [x, y] : [y, x]) as [number, number]);
const diagram = (max: number) => fc.array(point, { maxLength: max });
const orders = fc.constantFrom(
  { p: 1, internalP: Infinity },
  { p: 2, internalP: Infinity },
  { p: 1, internalP: 2 },
  { p: 2, internalP: 2 },
  { p: 3, internalP: 1 },
);
const slack = (...xs: number[]) => METRIC_AXIOM_RTOL * Math.max(1, ...xs);

describe('diagram distances are exact metrics', () => {
  it('Wasserstein and bottleneck equal brute force over all partial matchings (tiny diagrams)', () => {
    fc.assert(
      fc.property(diagram(4), diagram(4), orders, (a, b, o) => {
        const w = wassersteinDistance(a, b, o);
        const want = bruteForceDistance(a, b, o.p, o.internalP);
        expect(Math.abs(w - want)).toBeLessThanOrEqual(slack(want));
        expect(bottleneckDistance(a, b)).toBe(bruteForceDistance(a, b, Infinity, Infinity));
      }),
      { numRuns: 200 },
    );
  });

  it('are symmetric, zero on equal (reordered) diagrams and satisfy the triangle inequality', () => {
    fc.assert(
      fc.property(diagram(25), diagram(25), diagram(25), orders, (a, b, c, o) => {
        const ab = wassersteinDistance(a, b, o);
        const ba = wassersteinDistance(b, a, o);
        expect(Math.abs(ab - ba)).toBeLessThanOrEqual(slack(ab));
        expect(wassersteinDistance(a, [...a].reverse(), o)).toBeLessThanOrEqual(slack());
        const bc = wassersteinDistance(b, c, o);
        const ac = wassersteinDistance(a, c, o);
        expect(ac).toBeLessThanOrEqual(ab + bc + slack(ab, bc));
        expect(ab).toBeGreaterThanOrEqual(0);

        const Bab = bottleneckDistance(a, b);
        expect(bottleneckDistance(b, a)).toBe(Bab);
        expect(bottleneckDistance(a, [...a].reverse())).toBe(0);
        expect(bottleneckDistance(a, c)).toBeLessThanOrEqual(Bab + bottleneckDistance(b, c) + slack(Bab));
        // the bottleneck distance bounds W_{p, inf} from below
        if (o.internalP === Infinity) expect(Bab).toBeLessThanOrEqual(ab + slack(ab));
      }),
      { numRuns: 80 },
    );
  });

  it('adding points on the diagonal changes nothing', () => {
    fc.assert(
      fc.property(diagram(15), diagram(15), fc.array(value, { maxLength: 5 }), orders, (a, b, diag, o) => {
        const a2 = [...a, ...diag.map((x) => [x, x] as [number, number])];
        const w = wassersteinDistance(a, b, o);
        expect(Math.abs(wassersteinDistance(a2, b, o) - w)).toBeLessThanOrEqual(slack(w));
        expect(bottleneckDistance(a2, b)).toBe(bottleneckDistance(a, b));
      }),
      { numRuns: 50 },
    );
  });

  it('linearAssignment finds the minimum over all permutations', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }).chain((N) => fc.tuple(fc.constant(N), fc.array(fc.oneof(value, fc.integer({ min: 0, max: 2 })), { minLength: N * N, maxLength: N * N }))), ([N, c]) => {
        const C = Float64Array.from(c);
        let best = Infinity;
        const perm = Array.from({ length: N }, (_, i) => i);
        const rec = (k: number, acc: number): void => {
          if (k === N) {
            best = Math.min(best, acc);
            return;
          }
          for (let i = k; i < N; i++) {
            [perm[k], perm[i]] = [perm[i]!, perm[k]!];
            rec(k + 1, acc + C[k * N + perm[k]!]!);
            [perm[k], perm[i]] = [perm[i]!, perm[k]!];
          }
        };
        rec(0, 0);
        const r = linearAssignment(C, N);
        expect(Math.abs(r.cost - best)).toBeLessThanOrEqual(slack(best));
        expect(new Set(r.rowToCol).size).toBe(N);
      }),
      { numRuns: 300 },
    );
  });
});
