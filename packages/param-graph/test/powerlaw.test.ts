import { readFileSync } from 'node:fs';
import { createRng } from '@geo/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitPowerLaw, graphStats, hurwitzZeta, mlpGraph, powerLawPValue, summarize } from '../src/index.js';
import { arbMlp } from './arbitraries.js';
import { caught } from './helpers.js';
import {
  HURWITZ_ZETA_REL,
  POWERLAW_ALPHA_FORMULA_REL,
  POWERLAW_ALPHA_SCIPY_REL,
  POWERLAW_ALPHA_SIGMAS,
  POWERLAW_KS_SCIPY_ABS,
  POWERLAW_SCAN_REL,
  QUANTILE_ABS,
} from './tolerances.js';

interface Fixture {
  hurwitz: { s: number; q: number; value: number }[];
  discrete: { alpha_true: number; xmin: number; data: number[]; alpha_mle: number; ks: number }[];
  continuous: { alpha_true: number; data: number[]; xmin: number; alpha: number; ks: number; n_tail: number }[];
}
// Cross-check values from numpy/scipy (test/fixtures/powerlaw_scipy.py), not from our code.
const fixture = JSON.parse(readFileSync(new URL('./fixtures/powerlaw-scipy.json', import.meta.url), 'utf8')) as Fixture;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('hurwitzZeta', () => {
  it('matches closed forms', () => {
    expect(rel(hurwitzZeta(2, 1), Math.PI ** 2 / 6)).toBeLessThan(HURWITZ_ZETA_REL);
    expect(rel(hurwitzZeta(4, 1), Math.PI ** 4 / 90)).toBeLessThan(HURWITZ_ZETA_REL);
    expect(rel(hurwitzZeta(3, 1), 1.2020569031595942)).toBeLessThan(HURWITZ_ZETA_REL);
    expect(rel(hurwitzZeta(2, 2), Math.PI ** 2 / 6 - 1)).toBeLessThan(HURWITZ_ZETA_REL);
    expect(rel(hurwitzZeta(2, 0.5), Math.PI ** 2 / 2)).toBeLessThan(HURWITZ_ZETA_REL); // (2^s - 1) zeta(s)
  });
  it('matches scipy.special.zeta', () => {
    for (const { s, q, value } of fixture.hurwitz) expect(rel(hurwitzZeta(s, q), value), `zeta(${s}, ${q})`).toBeLessThan(HURWITZ_ZETA_REL);
  });
  it('satisfies zeta(s, q) = q^-s + zeta(s, q + 1)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1.05, max: 12, noNaN: true }), fc.double({ min: 0.05, max: 500, noNaN: true }), (s, q) => {
        expect(rel(hurwitzZeta(s, q), q ** -s + hurwitzZeta(s, q + 1))).toBeLessThan(HURWITZ_ZETA_REL);
      }),
    );
  });
  it('refuses s <= 1 and q <= 0', () => {
    expect(caught(() => hurwitzZeta(1, 1)).argument).toBe('s');
    expect(caught(() => hurwitzZeta(2, 0)).argument).toBe('q');
  });
});

describe('fitPowerLaw', () => {
  it('continuous MLE at a fixed xmin is the closed form 1 + n / sum ln(x / xmin)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 50 }), fc.double({ min: 0.1, max: 1, noNaN: true }), (xs, xmin) => {
        const s = xs.reduce((a, x) => a + Math.log(x / xmin), 0);
        if (!(s > 0)) return;
        const fit = fitPowerLaw(xs, { xmin });
        expect(fit.xmin).toBe(xmin);
        expect(fit.nTail).toBe(xs.length);
        expect(rel(fit.alpha, 1 + xs.length / s)).toBeLessThan(POWERLAW_ALPHA_FORMULA_REL);
        expect(fit.ks).toBeGreaterThanOrEqual(0);
        expect(fit.ks).toBeLessThanOrEqual(1);
      }),
    );
  });
  it('the continuous xmin scan agrees with the numpy scan', () => {
    for (const c of fixture.continuous) {
      const fit = fitPowerLaw(c.data, { minTail: 10, maxCandidates: 10_000 });
      expect(fit.xmin).toBe(c.xmin);
      expect(fit.nTail).toBe(c.n_tail);
      expect(rel(fit.alpha, c.alpha)).toBeLessThan(POWERLAW_SCAN_REL);
      expect(rel(fit.ks, c.ks)).toBeLessThan(POWERLAW_SCAN_REL);
    }
  });
  it('the discrete MLE at fixed xmin agrees with scipy', () => {
    for (const d of fixture.discrete) {
      const fit = fitPowerLaw(d.data, { discrete: true, xmin: d.xmin });
      expect(rel(fit.alpha, d.alpha_mle)).toBeLessThan(POWERLAW_ALPHA_SCIPY_REL);
      expect(Math.abs(fit.ks - d.ks)).toBeLessThan(POWERLAW_KS_SCIPY_ABS);
    }
  });
  it('the fitted KS distance is the minimum over all candidate xmins', () => {
    const data = fixture.continuous[0]?.data ?? [];
    const best = fitPowerLaw(data, { maxCandidates: 10_000 });
    for (const x of [...new Set(data)].sort((a, b) => a - b).slice(0, -10)) {
      expect(fitPowerLaw(data, { xmin: x }).ks).toBeGreaterThanOrEqual(best.ks);
    }
  });
  it('recovers alpha from large synthetic samples within a few standard errors', () => {
    const rng = createRng(7);
    for (const alpha of [1.8, 2.5, 3.5]) {
      const xs = Array.from({ length: 3000 }, () => 2 * (1 - rng.uniform()) ** (-1 / (alpha - 1)));
      const fit = fitPowerLaw(xs, { xmin: 2 });
      expect(Math.abs(fit.alpha - alpha)).toBeLessThan(POWERLAW_ALPHA_SIGMAS * fit.sigma);
      const scanned = fitPowerLaw(xs);
      expect(Math.abs(scanned.alpha - alpha)).toBeLessThan(POWERLAW_ALPHA_SIGMAS * scanned.sigma);
    }
    for (const d of fixture.discrete) {
      const fit = fitPowerLaw(d.data, { discrete: true, xmin: d.xmin });
      expect(Math.abs(fit.alpha - d.alpha_true)).toBeLessThan(POWERLAW_ALPHA_SIGMAS * fit.sigma);
    }
  });
  it('refuses bad data with GeoErrors: non-positive, non-finite, non-integer (discrete), too few, no spread', () => {
    expect(caught(() => fitPowerLaw([1, 0, 2])).argument).toBe('values[1]');
    expect(caught(() => fitPowerLaw([1, Number.NaN])).code).toBe('NOT_FINITE');
    expect(caught(() => fitPowerLaw([1.5, 2], { discrete: true })).code).toBe('NOT_INTEGER');
    expect(caught(() => fitPowerLaw([1, 2, 3])).code).toBe('OUT_OF_DOMAIN');
    expect(caught(() => fitPowerLaw(new Array(50).fill(3))).code).toBe('OUT_OF_DOMAIN');
    expect(caught(() => fitPowerLaw([1, 2, 3], { xmin: 10 })).argument).toBe('options.xmin');
  });
});

describe('powerLawPValue', () => {
  it('is seeded, in [0, 1], high for power-law data and low for exponential data', () => {
    const rng = createRng(11);
    const pareto = Array.from({ length: 400 }, () => (1 - rng.uniform()) ** (-1 / 1.5));
    const expo = Array.from({ length: 400 }, () => 1 - Math.log(1 - rng.uniform()));
    const a = powerLawPValue(pareto, { seed: 1, reps: 40 });
    expect(powerLawPValue(pareto, { seed: 1, reps: 40 }).p).toBe(a.p);
    expect(a.p).toBeGreaterThan(0.1);
    expect(powerLawPValue(expo, { seed: 1, reps: 40, xmin: 1 }).p).toBeLessThan(0.1);
    let calls = 0;
    powerLawPValue(pareto, { seed: 2, reps: 3, onProgress: () => calls++ });
    expect(calls).toBe(3);
    const ac = new AbortController();
    ac.abort();
    expect(caught(() => powerLawPValue(pareto, { seed: 1, signal: ac.signal })).code).toBe('ABORTED');
  });
});

describe('graphStats', () => {
  it('counts each undirected edge once and agrees between directed and undirected graphs', () => {
    fc.assert(
      fc.property(arbMlp({ maxLayers: 3, maxWidth: 6 }), (mlp) => {
        const u = graphStats(mlpGraph(mlp), { skipPowerLaw: true });
        const d = graphStats(mlpGraph(mlp, { directed: true }), { skipPowerLaw: true });
        expect(u.numEdges).toBe(d.numEdges);
        expect(Array.from(u.degreeCounts)).toEqual(Array.from(d.degreeCounts));
        expect(u.weightAbs.quantiles).toEqual(d.weightAbs.quantiles);
        expect(u.degreeCounts.reduce((a, b) => a + b, 0)).toBe(u.numNodes);
        expect(Array.from(u.degreeCounts).reduce((a, c, k) => a + c * k, 0)).toBe(2 * u.numEdges);
        expect(u.weightAbs.counts.reduce((a, b) => a + b, 0)).toBe(u.weightAbs.count);
        expect(u.positiveFraction).toBeGreaterThanOrEqual(0);
        expect(u.positiveFraction).toBeLessThanOrEqual(1);
      }),
    );
  });
  it('fits |w| of a heavy-tailed MLP and returns null fits for tiny graphs', () => {
    const rng = createRng(3);
    const sizes = [8, 64, 64, 4];
    const heavy = (n: number) => Float64Array.from({ length: n }, () => (rng.uniform() < 0.5 ? -1 : 1) * 0.01 * (1 - rng.uniform()) ** (-1 / 1.5));
    const mlp = { sizes, activation: 'relu' as const, weights: sizes.slice(1).map((o, l) => heavy(o * (sizes[l] as number))), biases: sizes.slice(1).map((o) => heavy(o)) };
    const s = graphStats(mlpGraph(mlp));
    expect(s.weightPowerLaw).not.toBeNull();
    expect(Math.abs((s.weightPowerLaw?.alpha ?? 0) - 2.5)).toBeLessThan(POWERLAW_ALPHA_SIGMAS * (s.weightPowerLaw?.sigma ?? 0));
    const tiny = graphStats(mlpGraph({ sizes: [1, 1], activation: 'relu', weights: [Float64Array.of(1)], biases: [Float64Array.of(0)] }));
    expect(tiny.weightPowerLaw).toBeNull();
    expect(tiny.degreePowerLaw).toBeNull();
  });
  it('summarize: quantiles interpolate like numpy, empty input gives zeros', () => {
    const s = summarize([4, 1, 3, 2], 3);
    [1, 1.15, 1.75, 2.5, 3.25, 3.85, 4].forEach((q, i) => expect(Math.abs((s.quantiles[i] as number) - q)).toBeLessThanOrEqual(QUANTILE_ABS));
    expect(Array.from(s.counts)).toEqual([1, 1, 2]);
    expect(s.mean).toBe(2.5);
    expect(summarize([]).count).toBe(0);
  });
});
