// Internal building blocks whose fast paths the public tests always take: check each fast path
// against its plain fallback.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binomialTable, simplexVertices } from '../src/binomial.js';
import { EntryHeap, KeyHeap } from '../src/heap.js';
import { IndexMap } from '../src/index-map.js';
import { sortNonNegative } from '../src/radix-sort.js';
import { sortForReduction } from '../src/reduction.js';

describe('internals', () => {
  it('sortNonNegative sorts like the numeric sort (small and radix sizes, integers and fractions)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.boolean(),
        (n, seed, integers) => {
          let s = seed;
          const x = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
            x[i] = integers ? s * 2097152 + (s % 977) : (s / 2 ** 32) * 7;
          }
          const want = Float64Array.from(x).sort();
          expect(sortNonNegative(x)).toEqual(want);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('sortForReduction gives the same order with packed keys as with the comparator', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 10_000 })), { maxLength: 6000 }), (entries) => {
        const list = { diam: Float64Array.from(entries, (e) => e[0]), idx: Float64Array.from(entries, (e) => e[1]), length: entries.length };
        const a = sortForReduction(list);
        const b = sortForReduction(list, 51, 10_001);
        expect(Array.from(b.diam)).toEqual(Array.from(a.diam));
        expect(Array.from(b.idx)).toEqual(Array.from(a.idx));
      }),
      { numRuns: 30 },
    );
  });

  it('KeyHeap and EntryHeap pop the same pivots with Z/2 cancellation', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 })), (entries) => {
        const B = 31;
        const a = new EntryHeap(4);
        const b = new KeyHeap(B, 4);
        entries.forEach((x, i) => {
          // the same simplex always has the same diameter: derive it from the index
          const dd = (x * 7) % 21;
          if (i % 2 === 0) {
            a.push(dd, x);
            b.push(dd, x);
          } else {
            a.append(dd, x);
            b.append(dd, x);
          }
        });
        a.heapify();
        b.heapify();
        for (;;) {
          const pa = a.pivot();
          const pb = b.pivot();
          expect(pb).toBe(pa);
          if (pa === -1) break;
          expect(b.topDiam()).toBe(a.topDiam());
          a.pop();
          b.pop();
        }
      }),
    );
  });

  it('IndexMap stores and finds keys up to 2^53', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 2 ** 21 }), fc.nat())), (entries) => {
        const m = new IndexMap(4);
        const ref = new Map<number, number>();
        for (const [lo, hi, v] of entries) {
          const key = hi * 2 ** 32 + lo;
          m.set(key, v);
          ref.set(key, v);
        }
        for (const [key, v] of ref) expect(m.get(key)).toBe(v);
        expect(m.size).toBe(ref.size);
        expect(m.get(2 ** 53 - 1)).toBe(ref.get(2 ** 53 - 1) ?? -1);
      }),
    );
  });

  it('simplexVertices inverts the combinatorial number system', () => {
    // n = 3000 and up to 5 vertices: every index C(n, 5) ~ 2e15 stays below 2^53, as rips ensures
    const n = 3000;
    const B = binomialTable(n, 5);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((k) => fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: k, maxLength: k })),
        (vs) => {
          const k = vs.length;
          const desc = [...vs].sort((a, b) => b - a);
          const idx = desc.reduce((s, v, i) => s + (B[(k - i) * (n + 1) + v] as number), 0);
          const out = new Int32Array(k);
          simplexVertices(B, n, idx, k, out);
          expect(Array.from(out)).toEqual(desc);
        },
      ),
      { numRuns: 500 },
    );
    // the extremes: the first and the last simplex of each size
    for (let k = 1; k <= 5; k++) {
      const out = new Int32Array(k);
      simplexVertices(B, n, 0, k, out);
      expect(Array.from(out)).toEqual(Array.from({ length: k }, (_, i) => k - 1 - i));
      simplexVertices(B, n, (B[k * (n + 1) + n] as number) - 1, k, out);
      expect(Array.from(out)).toEqual(Array.from({ length: k }, (_, i) => n - 1 - i));
    }
  });
});
