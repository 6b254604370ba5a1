import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '@geo/core';
import { averageMutualInformation, delayByAutocorrelation, delayByMutualInformation, falseNearestNeighbors, meanPeriod, seriesEmbeddingRules } from '../src/index.js';
import { geoError } from './helpers.js';
import { AFFINE_INVARIANCE_REL, MEAN_PERIOD_REL } from './tolerances.js';

const sine = (n: number, period: number, phase = 0): Float64Array => Float64Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * i) / period + phase));

describe('meanPeriod', () => {
  it('is the period of a sinusoid that fits the padded length exactly', () => {
    expect(Math.abs(meanPeriod(sine(4096, 64)) - 64) / 64).toBeLessThan(MEAN_PERIOD_REL);
  });

  it('is invariant to affine maps a x + b, a != 0 (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 10, noNaN: true }), fc.boolean(), fc.double({ min: -100, max: 100, noNaN: true }), fc.integer({ min: 0, max: 1e6 }), (a, flip, b, seed) => {
        const x = createRng(seed).fillNormal(new Float64Array(300));
        const y = x.map((v) => (flip ? -a : a) * v + b);
        return Math.abs(meanPeriod(y) - meanPeriod(x)) <= AFFINE_INVARIANCE_REL * meanPeriod(x);
      }),
      { numRuns: 30 },
    );
  });

  it('rejects constant and short series', () => {
    expect(geoError(() => meanPeriod([2, 2, 2, 2, 2]))).toMatchObject({ code: 'OUT_OF_DOMAIN', argument: 'series' });
    expect(geoError(() => meanPeriod([1, 2]))).toMatchObject({ code: 'BAD_LENGTH', argument: 'series' });
  });
});

describe('average mutual information and the delay rules', () => {
  it('I(0) is the entropy of the binned series and I(k) >= 0; invariant to increasing affine maps (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }), fc.integer({ min: 0, max: 1e6 }), (a, b, seed) => {
        const x = createRng(seed).fillNormal(new Float64Array(500));
        const ix = averageMutualInformation(x, 5, { bins: 8 });
        const iy = averageMutualInformation(x.map((v) => a * v + b), 5, { bins: 8 });
        // Entropy of the 8-bin histogram, computed directly.
        let lo = Infinity;
        let hi = -Infinity;
        for (const v of x) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        const counts = new Float64Array(8);
        for (const v of x) {
          const k = Math.min(7, Math.floor(((v - lo) / (hi - lo)) * 8));
          counts[k] = (counts[k] as number) + 1;
        }
        let h = 0;
        for (const c of counts) if (c > 0) h -= (c / x.length) * Math.log(c / x.length);
        const same = ix.every((v, k) => Math.abs(v - (iy[k] as number)) <= AFFINE_INVARIANCE_REL * (ix[0] as number));
        return same && Math.abs((ix[0] as number) - h) <= 1e-12 * h && ix.every((v) => v >= -1e-15);
      }),
      { numRuns: 30 },
    );
  });

  it('delay rules on a sinusoid: the ACF crosses 1 - 1/e where cos does; AMI has its first minimum before half a period', () => {
    const x = sine(20_000, 100);
    // cos(2 pi k / 100) <= 1 - 1/e first at k = 15 (cos(2 pi 0.15) = 0.588 < 0.632 < cos(2 pi 0.14) = 0.637).
    expect(delayByAutocorrelation(x).tau).toBe(15);
    const { tau, curve } = delayByMutualInformation(x, { maxLag: 80 });
    expect(tau).toBeGreaterThan(0);
    expect(tau).toBeLessThan(50);
    expect(curve[tau] as number).toBeLessThan(curve[tau - 1] as number);
    expect(curve[tau] as number).toBeLessThanOrEqual(curve[tau + 1] as number);
  });

  it('reports no minimum or crossing within maxLag, and bad options', () => {
    const ramp = Float64Array.from({ length: 500 }, (_, i) => i);
    expect(geoError(() => delayByAutocorrelation(ramp, { maxLag: 3 }))).toMatchObject({ code: 'NOT_CONVERGED', argument: 'options.maxLag' });
    expect(geoError(() => delayByMutualInformation(ramp, { maxLag: 3 }))).toMatchObject({ code: 'NOT_CONVERGED', argument: 'options.maxLag' });
    expect(geoError(() => averageMutualInformation(ramp, 10, { bins: 1 }))).toMatchObject({ argument: 'options.bins' });
    expect(geoError(() => averageMutualInformation([1, 1, 1], 1))).toMatchObject({ code: 'OUT_OF_DOMAIN', argument: 'series' });
  });
});

describe('falseNearestNeighbors', () => {
  it('a sinusoid unfolds in 2 delay coordinates; white noise never does', () => {
    const fnn = falseNearestNeighbors(sine(3000, 50.3), { tau: 12, maxDim: 4 });
    expect(fnn.fractions[0] as number).toBeGreaterThan(fnn.fractions[1] as number);
    expect(fnn.dimension).toBe(2);
    const noise = createRng(4).fillNormal(new Float64Array(3000));
    const f = falseNearestNeighbors(noise, { tau: 1, maxDim: 4, referenceStride: 3 });
    expect(Math.min(...f.fractions)).toBeGreaterThan(0.05);
    expect(f.dimension).toBeNaN();
  });

  it('is invariant to affine maps of the series (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }), fc.integer({ min: 0, max: 1e6 }), (a, b, seed) => {
        const x = createRng(seed).fillNormal(new Float64Array(200));
        const f = falseNearestNeighbors(x, { maxDim: 3 });
        const g = falseNearestNeighbors(x.map((v) => a * v + b), { maxDim: 3 });
        return f.fractions.every((v, k) => Math.abs(v - (g.fractions[k] as number)) < 1e-12);
      }),
      { numRuns: 20 },
    );
  });

  it('rejects short series and bad options', () => {
    expect(geoError(() => falseNearestNeighbors([1, 2, 3, 4, 5], { tau: 2, maxDim: 3 }))).toMatchObject({ code: 'BAD_LENGTH', argument: 'series' });
    expect(geoError(() => falseNearestNeighbors(sine(100, 10), { ratioTolerance: 0 }))).toMatchObject({ argument: 'options.ratioTolerance' });
  });
});

describe('seriesEmbeddingRules', () => {
  it('chooses the same tau, m and Theiler window after an affine change of units (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 4, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 30, max: 60, noNaN: true }), fc.integer({ min: 0, max: 1e6 }), (a, b, period, seed) => {
        const rng = createRng(seed);
        const x = sine(2000, period, 2 * Math.PI * rng.uniform()).map((v) => v + 0.01 * rng.normal());
        const r = seriesEmbeddingRules(x);
        const s = seriesEmbeddingRules(x.map((v) => a * v + b));
        return r.tau === s.tau && r.m === s.m && r.theiler === s.theiler && r.maxSteps === 5 * r.theiler && r.m <= 3;
      }),
      { numRuns: 10 },
    );
  });

  it('says so when false neighbours never fall below 1% (white noise)', () => {
    const noise = createRng(8).fillNormal(new Float64Array(1500));
    expect(geoError(() => seriesEmbeddingRules(noise, { maxDim: 3 }))).toMatchObject({ code: 'NOT_CONVERGED', argument: 'options.maxDim' });
  });
});
