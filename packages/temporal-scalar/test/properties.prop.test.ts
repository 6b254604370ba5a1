// Invariants of the public functions not already covered by a property in the other files.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng, eigh } from '@geo/core';
import {
  characteristicTime,
  dataCollapse,
  exponentialRegime,
  featureLength,
  kantz,
  ksTest,
  linearFit,
  logSeparation,
  logisticMap,
  lorenz,
  normalCdf,
  normalPdf,
  parameterCount,
  rosenstein,
  sampleSkewLognormal,
  separation,
  singularValues,
  snapshotFeatureRow,
  snapshotFeatures,
  spectrumLength,
  studentTCdf,
  twinScalarSeparation,
  validateMlpWeights,
} from '../src/index.js';
import { applyIsometry, geoError, maxAbs, maxAbsDiff, randomMlp, randomOrthogonal, randomWalk, spread } from './helpers.js';
import { EMBEDDING_REL, SPECTRUM_REL, SYNTHETIC_SLOPE_REL } from './tolerances.js';

const seedArb = fc.integer({ min: 0, max: 1e6 });

describe('properties', () => {
  it('singularValues: squares are the eigenvalues of A A^T, invariant to orthogonal maps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), seedArb, (m, n, seed) => {
        const a = createRng(seed).fillNormal(new Float64Array(m * n));
        const s = singularValues(a, m, n);
        const k = Math.min(m, n);
        const g = new Float64Array(m * m);
        for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) for (let c = 0; c < n; c++) g[i * m + j] = (g[i * m + j] as number) + (a[i * n + c] as number) * (a[j * n + c] as number);
        const ev = Array.from(eigh(g, m, { vectors: false }).values).sort((x, y) => y - x);
        const scale = maxAbs(ev);
        for (let i = 0; i < k; i++) if (Math.abs((s[i] as number) ** 2 - (ev[i] as number)) > SPECTRUM_REL * 10 * scale) return false;
        const q = randomOrthogonal(n, seed + 1);
        const aq = applyIsometry(a, m, n, q, new Float64Array(n)); // rows mapped by Q: A Q^T
        return maxAbsDiff(singularValues(aq, m, n), s) <= SPECTRUM_REL * (s[0] as number);
      }),
      { numRuns: 60 },
    );
  });

  it('separation is the diagonal of the cross distances and symmetric in its arguments', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 5 }), seedArb, (T, P, seed) => {
        const rng = createRng(seed);
        const a = rng.fillNormal(new Float64Array(T * P));
        const b = rng.fillNormal(new Float64Array(T * P));
        const d = separation(a, b, T, P);
        for (let t = 0; t < T; t++) {
          let acc = 0;
          for (let k = 0; k < P; k++) acc += ((a[t * P + k] as number) - (b[t * P + k] as number)) ** 2;
          if (d[t] !== Math.sqrt(acc)) return false;
        }
        return maxAbsDiff(d, separation(b, a, T, P)) === 0;
      }),
    );
  });

  it('linearFit recovers exact lines; exponentialRegime stays inside the linear part of a ramp', () => {
    fc.assert(
      fc.property(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0.01, max: 3, noNaN: true }), fc.integer({ min: 10, max: 60 }), fc.integer({ min: 0, max: 10 }), (a, slope, ramp, lead) => {
        // flat lead-in, ramp of `ramp` points, then a plateau as long as the ramp.
        const y = [...Array.from({ length: lead }, () => a), ...Array.from({ length: ramp }, (_, i) => a + slope * i), ...Array.from({ length: ramp }, () => a + slope * (ramp - 1))];
        const r = exponentialRegime(y);
        const inside = r.start >= lead && r.end <= lead + ramp - 1;
        const fit = linearFit(Array.from(y.keys()), y, r.start, r.end);
        return inside && Math.abs(fit.slope - slope) <= SYNTHETIC_SLOPE_REL * slope && fit.r2 > 1 - 1e-12;
      }),
    );
  });

  it('logSeparation and characteristicTime do not depend on the unit of distance', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 1, noNaN: true }), fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.integer({ min: 30, max: 80 }), (lambda, c, tSat) => {
        const seps = [Float64Array.from({ length: tSat * 2 }, (_, t) => 1e-9 * Math.exp(lambda * Math.min(t, tSat)))];
        const scaled = seps.map((s) => s.map((v) => v * c));
        const a = logSeparation(seps).mean;
        const b = logSeparation(scaled).mean;
        const ta = characteristicTime(seps).time;
        const tb = characteristicTime(scaled).time;
        return maxAbsDiff(a, b) < 1e-9 && Math.abs(ta - tSat) < 1e-6 * tSat && Math.abs(ta - tb) < 1e-9 * tSat;
      }),
    );
  });

  it('twinScalarSeparation is symmetric in the twins and invariant to isometries', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 12 }), fc.integer({ min: 2, max: 5 }), seedArb, (T, P, seed) => {
        const a = randomWalk(T, P, seed);
        const b = a.map((v, i) => v + 0.01 * Math.sin(i + seed));
        const s1 = twinScalarSeparation(a, b, T, P).separation;
        const s2 = twinScalarSeparation(b, a, T, P).separation;
        const q = randomOrthogonal(P, seed);
        const shift = createRng(seed).fillNormal(new Float64Array(P));
        const s3 = twinScalarSeparation(applyIsometry(a, T, P, q, shift), applyIsometry(b, T, P, q, shift), T, P).separation;
        const scale = Math.max(spread(a), 1e-300);
        return maxAbsDiff(s1, s2) <= EMBEDDING_REL * scale && maxAbsDiff(s1, s3) <= 1e-6 * scale;
      }),
      { numRuns: 40 },
    );
  });

  it('Rosenstein and Kantz are invariant to affine changes of the measurement unit', () => {
    const x = logisticMap(0.2345, 1200);
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }), (a, b) => {
        const y = x.map((v) => a * v + b);
        const r1 = rosenstein(x, { maxSteps: 15 }).lambda;
        const r2 = rosenstein(y, { maxSteps: 15 }).lambda;
        const k1 = kantz(x, { maxSteps: 15, epsilon: 1e-3 }).lambda;
        const k2 = kantz(y, { maxSteps: 15, epsilon: 1e-3 * a }).lambda;
        return Math.abs(r1 - r2) < 1e-6 && Math.abs(k1 - k2) < 1e-6;
      }),
      { numRuns: 10 },
    );
  });

  it('logisticMap stays in [0, 1]; lorenz conserves its trajectory under re-starting (RK4 is a one-step method)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 4, noNaN: true }), (x0, r) => logisticMap(x0, 100, r).every((v) => v >= 0 && v <= 1)),
    );
    fc.assert(
      fc.property(fc.array(fc.double({ min: -15, max: 15, noNaN: true }), { minLength: 3, maxLength: 3 }), fc.integer({ min: 2, max: 30 }), (s0, k) => {
        const whole = lorenz(s0, 2 * k, 0.005);
        const half = lorenz(whole.slice(3 * (k - 1), 3 * k), k + 1, 0.005);
        return maxAbsDiff(whole.subarray(3 * (k - 1)), half) === 0;
      }),
    );
    expect(geoError(() => logisticMap(1.5, 10))).toMatchObject({ code: 'OUT_OF_RANGE', argument: 'x0' });
    expect(geoError(() => lorenz([1, 2], 10, 0.01))).toMatchObject({ code: 'BAD_LENGTH', argument: 'state0' });
  });

  it('ksTest statistic lies in [1/(2n), 1] and vanishes only for a perfect grid', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 60 }), (v) => {
        const r = ksTest(v, normalCdf);
        return r.statistic >= 1 / (2 * v.length) - 1e-15 && r.statistic <= 1 && r.pValue >= 0 && r.pValue <= 1;
      }),
    );
    const n = 50;
    const grid = Array.from({ length: n }, (_, i) => (i + 0.5) / n);
    expect(Math.abs(ksTest(grid, (x) => x).statistic - 1 / (2 * n))).toBeLessThan(1e-15);
  });

  it('normalPdf is the derivative of normalCdf; Student t CDF is symmetric', () => {
    fc.assert(
      fc.property(fc.double({ min: -6, max: 6, noNaN: true }), fc.double({ min: 0.5, max: 50, noNaN: true }), (x, nu) => {
        const h = 1e-5;
        const deriv = (normalCdf(x + h) - normalCdf(x - h)) / (2 * h);
        return Math.abs(deriv - normalPdf(x)) < 1e-9 && Math.abs(studentTCdf(x, nu) + studentTCdf(-x, nu) - 1) < 1e-12;
      }),
    );
  });

  it('sampleSkewLognormal is positive and reproducible; dataCollapse ignores each group\'s unit', () => {
    fc.assert(
      fc.property(seedArb, fc.double({ min: -10, max: 10, noNaN: true }), (seed, alpha) => {
        const x = sampleSkewLognormal({ xi: 0, omega: 1, alpha }, 50, seed);
        return x.every((v) => v > 0) && maxAbsDiff(x, sampleSkewLognormal({ xi: 0, omega: 1, alpha }, 50, seed)) === 0;
      }),
    );
    fc.assert(
      fc.property(seedArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (seed, c) => {
        const g = [0, 1, 2].map((k) => sampleSkewLognormal({ xi: 0, omega: 0.5, alpha: 1 }, 60, seed + k));
        const a = dataCollapse(g, { fit: false });
        const b = dataCollapse([g[0] as Float64Array, (g[1] as Float64Array).map((v) => v * c), g[2] as Float64Array], { fit: false });
        return maxAbsDiff(a.pairwiseKs, b.pairwiseKs) < 1e-12 && a.collapsed === b.collapsed;
      }),
      { numRuns: 30 },
    );
  });

  it('feature rows: snapshotFeatures stacks snapshotFeatureRow; lengths agree with parameterCount and spectrumLength', () => {
    fc.assert(
      fc.property(fc.constantFrom([3, 4, 2], [2, 5, 3, 2], [6, 1]), seedArb, fc.constantFrom('euclidean' as const, 'frobenius' as const, 'spectral' as const), (sizes, seed, distance) => {
        const snaps = [randomMlp(sizes, seed), randomMlp(sizes, seed + 1)];
        const f = snapshotFeatures(snaps, { distance });
        const row1 = snapshotFeatureRow(snaps[1] as (typeof snaps)[number], { distance });
        const expected = distance === 'spectral' ? spectrumLength(sizes) : parameterCount(sizes);
        return f.cols === expected && featureLength(sizes, { distance }) === expected && maxAbsDiff(f.data.subarray(f.cols), row1) === 0;
      }),
      { numRuns: 30 },
    );
    expect(geoError(() => validateMlpWeights({ sizes: [2], weights: [], biases: [] }))).toMatchObject({ code: 'BAD_SHAPE', argument: 'mlp.sizes' });
    expect(geoError(() => validateMlpWeights({ sizes: [1, 1], weights: [[NaN]], biases: [[0]] }))).toMatchObject({ code: 'NOT_FINITE', argument: 'mlp.weights[0][0]' });
  });
});
