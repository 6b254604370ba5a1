import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GeoError, createRng } from '@geo/core';
import { permuteHidden, snapshot, trajectoryFromSnapshots } from '@geo/param-graph';
import type { Mlp, Trajectory } from '@geo/param-graph';
import {
  STATNN_QUANTILES,
  evenSnapshotIndices,
  sortedQuantile,
  statnnFeatureMatrix,
  statnnFeatureNames,
  tensorStats,
} from '../../src/leaderboard/methods/statnn/index.js';
import { QUANTILE_RTOL, STAT_RTOL } from './statnn-tolerances.js';

/** Brute force: sort, naive sums, and the type-7 quantile written with floor/ceil. */
function bruteStats(v: readonly number[]): number[] {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  const q = STATNN_QUANTILES.map((p) => {
    const h = (n - 1) * p;
    const lo = s[Math.floor(h)] as number;
    const hi = s[Math.ceil(h)] as number;
    return lo + (h - Math.floor(h)) * (hi - lo);
  });
  return [mean, variance, ...q];
}

function expectClose(actual: ArrayLike<number>, expected: readonly number[], scale: number, rtol: number): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(Math.abs((actual[i] as number) - e)).toBeLessThanOrEqual(rtol * scale));
}

function randomMlp(sizes: readonly number[], seed: number): Mlp {
  const rng = createRng(seed).derive('mlp');
  const weights = sizes.slice(1).map((o, l) => rng.fillNormal(new Float64Array(o * (sizes[l] as number))));
  const biases = sizes.slice(1).map((o) => rng.fillNormal(new Float64Array(o)));
  return { sizes: [...sizes], activation: 'relu', weights, biases };
}

function randomTrajectory(sizes: readonly number[], T: number, seed: number): Trajectory {
  const snaps = Array.from({ length: T }, (_, t) => randomMlp(sizes, seed * 31 + t));
  return trajectoryFromSnapshots(snaps, Array.from({ length: T }, (_, t) => t * 10));
}

describe('tensorStats', () => {
  it('equals a brute-force computation by sorting (numpy linear quantiles, population variance)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }), (v) => {
        const scale = Math.max(1e-300, ...v.map(Math.abs));
        const got = tensorStats(v);
        const want = bruteStats(v);
        expectClose(got.subarray(0, 1), want.slice(0, 1), scale, STAT_RTOL);
        expectClose(got.subarray(1, 2), want.slice(1, 2), scale * scale, STAT_RTOL);
        expectClose(got.subarray(2), want.slice(2), scale, QUANTILE_RTOL);
        // q0 and q100 are exactly the extremes.
        expect(got[2]).toBe(Math.min(...v));
        expect(got[6]).toBe(Math.max(...v));
      }),
    );
  });

  it('matches numpy (mean, var, np.quantile linear) on the committed fixture', () => {
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/statnn/quantiles.json', import.meta.url), 'utf8')) as {
      cases: { id: string; values: number[]; mean: number; var: number; quantiles: number[] }[];
    };
    expect(fixture.cases.length).toBeGreaterThanOrEqual(10);
    for (const c of fixture.cases) {
      const scale = Math.max(...c.values.map(Math.abs));
      const got = tensorStats(c.values);
      expectClose(got.subarray(0, 1), [c.mean], scale, STAT_RTOL);
      // Each deviation x - mean carries a rounding error of order eps * scale, times 2 |x - mean| <= 2 spread
      // in the square: so the bound scales with scale * spread (case 9 sits at 1e6 with unit spread).
      const spread = Math.max(...c.values) - Math.min(...c.values);
      expect(Math.abs((got[1] as number) - c.var)).toBeLessThanOrEqual(STAT_RTOL * scale * spread);
      expectClose(got.subarray(2), c.quantiles, scale, QUANTILE_RTOL);
    }
  });

  it('sortedQuantile interpolates between neighbours', () => {
    expect(sortedQuantile(Float64Array.of(1, 2, 3, 4), 0.25)).toBe(1.75);
    expect(sortedQuantile(Float64Array.of(7), 0.5)).toBe(7);
  });

  it('rejects empty and non-finite tensors with a GeoError naming them', () => {
    expect(() => tensorStats([])).toThrowError(expect.objectContaining({ code: 'BAD_LENGTH', argument: 'values' }));
    expect(() => tensorStats([1, Number.NaN], undefined, 0, 'w')).toThrowError(expect.objectContaining({ code: 'NOT_FINITE', argument: 'w[1]' }));
  });
});

describe('statnnFeatureMatrix', () => {
  const archArb = fc.record({
    hidden: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }),
    nIn: fc.integer({ min: 1, max: 4 }),
    nOut: fc.integer({ min: 1, max: 3 }),
    T: fc.integer({ min: 1, max: 4 }),
    seed: fc.nat(1000),
  });

  it('is invariant to permutations of hidden neurons (exactly)', () => {
    fc.assert(
      fc.property(archArb, fc.nat(), ({ hidden, nIn, nOut, T, seed }, permSeed) => {
        const sizes = [nIn, ...hidden, nOut];
        const traj = randomTrajectory(sizes, T, seed);
        const rng = createRng(permSeed);
        const perms = hidden.map((h) => rng.permutation(h));
        const snaps = Array.from({ length: T }, (_, t) => permuteHidden(snapshot(traj, t), perms));
        const permuted = trajectoryFromSnapshots(snaps, traj.steps);
        for (const sel of [{ kind: 'last' } as const, { kind: 'even', count: 3 } as const]) {
          expect(statnnFeatureMatrix([permuted], sel).x).toEqual(statnnFeatureMatrix([traj], sel).x);
        }
      }),
    );
  });

  it('has 14 features per layer per snapshot, in the order of statnnFeatureNames, whatever the widths and T', () => {
    fc.assert(
      fc.property(archArb, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), ({ hidden, nIn, nOut, T, seed }, T2, count) => {
        const L = hidden.length + 1;
        const a = randomTrajectory([nIn, ...hidden, nOut], T, seed);
        const b = randomTrajectory([nIn + 1, ...hidden.map((h) => h + 2), nOut], T2, seed + 1);
        const m = statnnFeatureMatrix([a, b], { kind: 'even', count });
        expect(m.d).toBe(14 * L * count);
        expect(statnnFeatureNames(L, count)).toHaveLength(m.d);
        // The last block of the even selection is the last snapshot, equal to the 'last' features.
        const last = statnnFeatureMatrix([a], { kind: 'last' });
        expect(m.x.subarray((count - 1) * 14 * L, count * 14 * L)).toEqual(last.x);
        // Feature 1 (layer 0's weight variance) is the variance of that tensor.
        const w0 = snapshot(a, a.steps.length - 1).weights[0] as Float64Array;
        expect(last.x[1]).toBe(tensorStats(w0)[1]);
      }),
    );
  });

  it('evenSnapshotIndices spans first to last, in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 2, max: 20 }), (T, count) => {
        const idx = evenSnapshotIndices(T, count);
        expect(idx).toHaveLength(count);
        expect(idx[0]).toBe(0);
        expect(idx[count - 1]).toBe(T - 1);
        idx.forEach((t, j) => j > 0 && expect(t).toBeGreaterThanOrEqual(idx[j - 1] as number));
      }),
    );
    expect(evenSnapshotIndices(11, 3)).toEqual([0, 5, 10]);
    expect(evenSnapshotIndices(5, 1)).toEqual([4]);
  });

  it('throws a GeoError when depths differ, when empty, or on non-finite weights', () => {
    const a = randomTrajectory([2, 4, 1], 2, 1);
    const b = randomTrajectory([2, 4, 4, 1], 2, 2);
    expect(() => statnnFeatureMatrix([a, b])).toThrowError(expect.objectContaining({ code: 'BAD_SHAPE', argument: 'trajectories[1].sizes' }));
    expect(() => statnnFeatureMatrix([])).toThrowError(expect.objectContaining({ code: 'BAD_LENGTH', argument: 'trajectories' }));
    const bad = randomTrajectory([2, 3, 1], 1, 3);
    (bad.weights[0] as Float64Array)[2] = Number.POSITIVE_INFINITY;
    expect(() => statnnFeatureMatrix([bad])).toThrowError(GeoError);
    expect(() => statnnFeatureMatrix([a], { kind: 'even', count: 0 })).toThrowError(expect.objectContaining({ argument: 'selection.count' }));
  });
});
