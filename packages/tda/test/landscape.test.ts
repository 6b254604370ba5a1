import fc from 'fast-check';
import { GeoError } from '@geo/core';
import { describe, expect, it } from 'vitest';
import { bottleneckDistance, persistenceLandscape } from '../src/index.js';
import { METRIC_AXIOM_RTOL } from './tolerances.js';

const value = fc.integer({ min: 0, max: 10_000 }).map((x) => x / 1000);
const point = fc.tuple(value, value).map(([x, y]) => (x <= y ? [x, y] : [y, x]) as [number, number]);
const diagram = fc.array(point, { maxLength: 20 });
const samples = Float64Array.from({ length: 101 }, (_, i) => i / 10);

describe('persistenceLandscape', () => {
  it('is the tent of a single point, and the k-th largest tent for several', () => {
    const { values } = persistenceLandscape([[0, 2]], { k: 1, samples: [0, 0.5, 1, 1.5, 2, 3] });
    expect(Array.from(values)).toEqual([0, 0.5, 1, 0.5, 0, 0]);
    const two = persistenceLandscape(
      [
        [0, 4],
        [1, 3],
        [5, Infinity],
      ],
      { k: 3, samples: [2] },
    );
    expect(Array.from(two.values)).toEqual([2, 1, 0]);
  });

  it('defaults to 100 samples over [min birth, max death] and writes into `out`', () => {
    const r = persistenceLandscape([[1, 3]], { k: 2 });
    expect(r.samples.length).toBe(100);
    expect(r.samples[0]).toBe(1);
    expect(r.samples[99]).toBe(3);
    const out = new Float64Array(2 * 100);
    expect(persistenceLandscape([[1, 3]], { k: 2, out }).values).toBe(out);
  });

  it('rejects bad options', () => {
    expect(() => persistenceLandscape([], { k: 0 })).toThrow(GeoError);
    expect(() => persistenceLandscape([], { samples: [1, 0] })).toThrow(/ascending/);
    expect(() => persistenceLandscape([[0, 1]], { k: 2, samples: [0], out: new Float64Array(3) })).toThrow(/options.out/);
  });

  it('is non-negative, decreasing in k, 1-Lipschitz in t, and stable: ||lambda(A) - lambda(B)||_inf <= d_B(A, B)', () => {
    fc.assert(
      fc.property(diagram, diagram, (a, b) => {
        const k = 4;
        const S = samples.length;
        const la = persistenceLandscape(a, { k, samples }).values;
        const lb = persistenceLandscape(b, { k, samples }).values;
        let sup = 0;
        for (let j = 0; j < k; j++) {
          for (let s = 0; s < S; s++) {
            const v = la[j * S + s]!;
            expect(v).toBeGreaterThanOrEqual(0);
            if (j > 0) expect(v).toBeLessThanOrEqual(la[(j - 1) * S + s]!);
            if (s > 0) expect(Math.abs(v - la[j * S + s - 1]!)).toBeLessThanOrEqual(samples[s]! - samples[s - 1]! + METRIC_AXIOM_RTOL);
            sup = Math.max(sup, Math.abs(v - lb[j * S + s]!));
          }
        }
        expect(sup).toBeLessThanOrEqual(bottleneckDistance(a, b) + METRIC_AXIOM_RTOL);
      }),
      { numRuns: 100 },
    );
  });
});
