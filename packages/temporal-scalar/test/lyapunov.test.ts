import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '@geo/core';
import {
  characteristicTime,
  delayEmbedding,
  exponentialRegime,
  kantz,
  linearFit,
  logSeparation,
  logisticMap,
  lorenz,
  maxLyapunov,
  rosenstein,
  seriesEmbeddingRules,
  separation,
  twinScalarSeparation,
} from '../src/index.js';
import type { SeriesEmbeddingRules } from '../src/index.js';
import { geoError } from './helpers.js';
import {
  LOGISTIC_LYAPUNOV_REL,
  LORENZ_LAMBDA,
  LORENZ_LYAPUNOV_REL,
  LORENZ_MEAN_PERIOD_RANGE,
  LORENZ_SHORT_TIME_DEFICIT,
  LORENZ_TAU_RANGE,
  ROSENSTEIN_TWIN_CURVE_REL,
  SYNTHETIC_SLOPE_REL,
} from './tolerances.js';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

/** Synthetic twin separations: d0 e^{lambda t} (plus a per-pair offset in the exponent) until the cap, then flat. */
function syntheticSeparations(lambda: number, d0: number, cap: number, T: number, pairs: number, seed: number): Float64Array[] {
  const rng = createRng(seed);
  return Array.from({ length: pairs }, () => {
    const jitter = 0.3 * rng.normal();
    return Float64Array.from({ length: T }, (_, t) => Math.min(cap, d0 * Math.exp(lambda * t + (t > 0 ? jitter : 0))));
  });
}

describe('logistic map at r = 4 (lambda = ln 2)', () => {
  const rng = createRng(7);
  const seps: Float64Array[] = [];
  for (let p = 0; p < 1000; p++) {
    const x0 = logisticMap(0.05 + 0.9 * rng.uniform(), 100)[99] as number;
    const y0 = x0 + (x0 < 0.5 ? 1e-12 : -1e-12);
    seps.push(separation(logisticMap(x0, 60), logisticMap(y0, 60), 60, 1));
  }
  const series = logisticMap(0.123456789, 5100).subarray(100);

  it('twin trajectories: maxLyapunov within 2% and the CI covers ln 2', () => {
    const est = maxLyapunov(seps, { bootstrap: 500 });
    expect(rel(est.lambda, Math.LN2)).toBeLessThan(LOGISTIC_LYAPUNOV_REL);
    expect(est.ciMethod).toBe('bootstrap');
    expect(est.ci[0]).toBeLessThan(Math.LN2);
    expect(est.ci[1]).toBeGreaterThan(Math.LN2);
    expect(est.regime.end - est.regime.start).toBeGreaterThan(10);
  });

  it("Rosenstein's and Kantz's estimators within 2%", () => {
    expect(rel(rosenstein(series, { maxSteps: 30 }).lambda, Math.LN2)).toBeLessThan(LOGISTIC_LYAPUNOV_REL);
    expect(rel(kantz(series, { maxSteps: 30, epsilon: 1e-4 }).lambda, Math.LN2)).toBeLessThan(LOGISTIC_LYAPUNOV_REL);
  });

  it('the characteristic time is where ln 2 growth from 1e-12 meets saturation', () => {
    const ct = characteristicTime(seps);
    // ln(d_sat / d0) / lambda with d_sat the plateau: about 38 steps for d0 = 1e-12.
    expect(rel(ct.time, ct.plateau / Math.LN2)).toBeLessThan(0.05);
    expect(ct.firstReach).toBeGreaterThan(ct.regime.end);
  });
});

describe('Lorenz system (sigma 10, rho 28, beta 8/3; lambda = 0.9056)', () => {
  it('twin trajectories (RK4): maxLyapunov within 5%', () => {
    const dt = 0.01;
    const every = 5;
    const seps: Float64Array[] = [];
    let s0: Float64Array = lorenz([1, 1, 1], 2, dt, { every: 2000 }).slice(3, 6);
    for (let p = 0; p < 40; p++) {
      s0 = lorenz(s0, 2, dt, { every: 137 }).slice(3, 6);
      const b0 = Float64Array.from(s0);
      b0[0] = (b0[0] as number) + 1e-9;
      const n = 700;
      seps.push(separation(lorenz(s0, n, dt, { every }), lorenz(b0, n, dt, { every }), n, 3));
    }
    const est = maxLyapunov(seps, { dt: dt * every, bootstrap: 500 });
    expect(rel(est.lambda, LORENZ_LAMBDA)).toBeLessThan(LORENZ_LYAPUNOV_REL);
    expect(est.ci[0]).toBeLessThan(LORENZ_LAMBDA);
    expect(est.ci[1]).toBeGreaterThan(LORENZ_LAMBDA);
  });

});

/** x(t) of the Lorenz system at dt = 0.01 (Rosenstein et al.'s sampling), transient of 20 time units dropped. */
function lorenzX(state0: readonly number[], n: number): Float64Array {
  const full = lorenz(state0, n + 2000, 0.01).subarray(3 * 2000);
  return Float64Array.from({ length: n }, (_, i) => full[3 * i] as number);
}

/** The pre-registered rules (README, "Series estimators on Lorenz"): AMI delay, FNN dimension, mean-period Theiler window, 2500 reference points. */
type SeriesRules = SeriesEmbeddingRules & { dt: number; referenceStride: number };
function seriesRules(x: Float64Array): SeriesRules {
  return { ...seriesEmbeddingRules(x), dt: 0.01, referenceStride: Math.round(x.length / 2500) };
}

describe('series estimators on the Lorenz x series (dt = 0.01, 50 000 samples, rules fixed in advance)', () => {
  const inits = [
    [1, 1, 1],
    [-5, 3, 20],
    [10, -10, 30],
  ] as const;
  const series = inits.map((s0) => lorenzX(s0, 50_000));
  const rules = series.map(seriesRules);

  it('the rules choose tau by mutual information, m = 3 by false neighbours, the Theiler window by the mean period', () => {
    for (const r of rules) {
      expect(r.m).toBe(3);
      // First AMI minimum near 0.17 time units; the mean period near 1.55 time units.
      expect(r.tau).toBeGreaterThanOrEqual(LORENZ_TAU_RANGE[0]);
      expect(r.tau).toBeLessThanOrEqual(LORENZ_TAU_RANGE[1]);
      expect(r.theiler).toBeGreaterThanOrEqual(LORENZ_MEAN_PERIOD_RANGE[0]);
      expect(r.theiler).toBeLessThanOrEqual(LORENZ_MEAN_PERIOD_RANGE[1]);
    }
  });

  it("Rosenstein's curve has the slope of exact twins over the same window, which is below lambda before t = 4", () => {
    // Exact twins (d0 = 1e-10, 3000 random directions): the mean log-separation curve itself.
    const n = 401;
    const dt = 0.01;
    const rng = createRng(5);
    const traj = lorenz([2, 1, 1], 200 * 3000 + 2000, dt).subarray(3 * 2000);
    const seps: Float64Array[] = [];
    for (let p = 0; p < 3000; p++) {
      const s0 = traj.slice(3 * 200 * p, 3 * 200 * p + 3);
      const dir = rng.fillNormal(new Float64Array(3));
      const norm = Math.hypot(...dir);
      const b0 = s0.map((v, k) => v + (1e-10 * (dir[k] as number)) / norm);
      seps.push(separation(lorenz(s0, n, dt), lorenz(b0, n, dt), n, 3));
    }
    const window = { start: 100, end: 350 }; // 1 to 3.5 time units: after the initial burst, before saturation
    const twin = maxLyapunov(seps, { dt, regime: window, bootstrap: 50 }).lambda;
    for (let i = 0; i < series.length; i++) {
      const r = rosenstein(series[i] as Float64Array, { ...(rules[i] as SeriesRules), regime: window }).lambda;
      expect(rel(r, twin)).toBeLessThan(ROSENSTEIN_TWIN_CURVE_REL);
      expect(r).toBeLessThan(LORENZ_LAMBDA * (1 - LORENZ_SHORT_TIME_DEFICIT));
      // Kantz's ln of the mean neighbour distance weights the faster-growing neighbours (Jensen) and reads higher.
      const k = kantz(series[i] as Float64Array, { ...(rules[i] as SeriesRules), regime: window }).lambda;
      expect(rel(k, LORENZ_LAMBDA)).toBeLessThan(LORENZ_LYAPUNOV_REL);
    }
    expect(twin).toBeLessThan(LORENZ_LAMBDA * (1 - LORENZ_SHORT_TIME_DEFICIT));
  });

  it('with the shared automatic window, Rosenstein lands within 5% (the burst and the transient offset each other)', () => {
    for (let i = 0; i < series.length; i++) {
      const r = rosenstein(series[i] as Float64Array, rules[i] as SeriesRules);
      expect(rel(r.lambda, LORENZ_LAMBDA)).toBeLessThan(LORENZ_LYAPUNOV_REL);
      // The automatic window starts inside the initial burst (before one time unit).
      expect(r.regime.start * 0.01).toBeLessThan(0.5);
    }
  });
});

describe('maxLyapunov and the regime rule on exact curves', () => {
  it('recovers the slope of exact exponential separations and is scale-invariant (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 2, noNaN: true }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.integer({ min: 0, max: 1e6 }), (lambda, c, seed) => {
        const T = Math.ceil(25 / lambda) + 20;
        const seps = syntheticSeparations(lambda, 1e-10, 1, T, 5, seed);
        const est = maxLyapunov(seps, { bootstrap: 50 });
        const scaled = maxLyapunov(seps.map((s) => s.map((v) => v * c)), { bootstrap: 50 });
        return rel(est.lambda, lambda) < SYNTHETIC_SLOPE_REL && Math.abs(scaled.lambda - est.lambda) < SYNTHETIC_SLOPE_REL * lambda && est.ci[0] <= est.lambda * (1 + 1e-12) && est.lambda * (1 - 1e-12) <= est.ci[1];
      }),
      { numRuns: 40 },
    );
  });

  it('dt rescales the exponent, and a single pair gets an OLS interval', () => {
    const seps = syntheticSeparations(0.5, 1e-8, 1, 80, 1, 3);
    const a = maxLyapunov(seps);
    const b = maxLyapunov(seps, { dt: 0.1 });
    expect(rel(b.lambda, a.lambda * 10)).toBeLessThan(SYNTHETIC_SLOPE_REL);
    expect(a.ciMethod).toBe('ols');
  });

  it('exponentialRegime picks the straight middle of a rise', () => {
    const y = [0, -0.5, 0, 1, 2, 3, 4, 5, 6, 7, 8, 8.5, 8.8, 9, 9, 9, 9, 9, 9, 9];
    const r = exponentialRegime(y);
    // plateau 9 (last 2), floor -0.5; rise 9.5: lo 0.45 -> start at index 2 (y = 0), hi 6.15 -> end at index 9 (y = 7).
    expect(r).toEqual({ start: 2, end: 9, plateau: 9, floor: -0.5 });
    expect(linearFit(Array.from(y.keys()), y, r.start, r.end).slope).toBe(1);
  });

  it('characteristicTime of a line meeting a plateau is where they meet', () => {
    // ln d/d0 = 0.25 t until 10, i.e. t* = 40.
    const seps = [Float64Array.from({ length: 120 }, (_, t) => 1e-6 * Math.exp(Math.min(0.25 * t, 10)))];
    const ct = characteristicTime(seps);
    expect(Math.abs(ct.time - 40)).toBeLessThan(1e-9);
    expect(ct.firstReach).toBe(40);
  });

  it('rejects curves without growth and bad separations', () => {
    expect(geoError(() => maxLyapunov([Float64Array.from({ length: 20 }, () => 1)]))).toMatchObject({ code: 'NOT_CONVERGED', argument: 'curve' });
    expect(geoError(() => maxLyapunov([[0, 1, 2]]))).toMatchObject({ code: 'OUT_OF_DOMAIN', argument: 'separations[0]' });
    expect(geoError(() => maxLyapunov([[1, 2, 3], [1, 2]]))).toMatchObject({ code: 'BAD_LENGTH', argument: 'separations[1]' });
    expect(geoError(() => maxLyapunov([[1, -2, 3]]))).toMatchObject({ code: 'OUT_OF_DOMAIN' });
    expect(geoError(() => maxLyapunov([[1, 2, 4, 8]], { regime: { start: 2, end: 1 } }))).toMatchObject({ argument: 'options.regime.end' });
    expect(geoError(() => maxLyapunov([[1, 2, 4, 8]], { confidence: 1 }))).toMatchObject({ argument: 'options.confidence' });
    expect(geoError(() => maxLyapunov([]))).toMatchObject({ code: 'BAD_LENGTH', argument: 'separations' });
    expect(logSeparation([[1, 0, 4], [1, 2, 4]]).zeros).toBe(1);
  });
});

describe('twinScalarSeparation', () => {
  it('embeds twins jointly: the embedded exponent tracks the parameter-space one on a chaotic map', () => {
    // Twin trajectories of a chaotic map lifted into R^P along fixed random directions.
    const P = 6;
    const T = 40;
    const rng = createRng(5);
    const dirs = rng.fillNormal(new Float64Array(2 * P));
    const lift = (xs: Float64Array): Float64Array => {
      const out = new Float64Array(T * P);
      for (let t = 0; t < T; t++) for (let k = 0; k < P; k++) out[t * P + k] = (xs[t] as number) * (dirs[k] as number) + 0.1 * t * (dirs[P + k] as number);
      return out;
    };
    const param: Float64Array[] = [];
    const embedded: Float64Array[] = [];
    for (let p = 0; p < 200; p++) {
      const x0 = logisticMap(0.05 + 0.9 * rng.uniform(), 100)[99] as number;
      const a = lift(logisticMap(x0, T));
      const b = lift(logisticMap(x0 + (x0 < 0.5 ? 1e-10 : -1e-10), T));
      param.push(separation(a, b, T, P));
      embedded.push(twinScalarSeparation(a, b, T, P).separation);
    }
    const lp = maxLyapunov(param, { bootstrap: 100 }).lambda;
    const le = maxLyapunov(embedded, { bootstrap: 100 }).lambda;
    expect(rel(lp, Math.LN2)).toBeLessThan(0.05);
    expect(rel(le, lp)).toBeLessThan(0.1);
  });

  it('landmark form agrees with the full joint embedding on a line', () => {
    const a = Float64Array.from({ length: 20 }, (_, t) => t);
    const b = Float64Array.from({ length: 20 }, (_, t) => t + 0.5);
    const full = twinScalarSeparation(a, b, 20, 1).separation;
    const lm = twinScalarSeparation(a, b, 20, 1, { landmarks: 8 }).separation;
    for (let t = 0; t < 20; t++) {
      expect(Math.abs((full[t] as number) - 0.5)).toBeLessThan(1e-9);
      expect(Math.abs((lm[t] as number) - 0.5)).toBeLessThan(1e-9);
    }
    expect(geoError(() => twinScalarSeparation(a, b, 20, 1, { landmarks: 8, method: 'pca' }))).toMatchObject({ code: 'UNSUPPORTED' });
  });
});

describe('delayEmbedding', () => {
  it('stacks delayed copies (property: row i, block k is s[i + k tau])', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 1e6 }), (m, tau, dim, seed) => {
        const N = 20;
        const s = createRng(seed).fillNormal(new Float64Array(N * dim));
        const e = delayEmbedding(s, m, tau, dim);
        if (e.rows !== N - (m - 1) * tau || e.cols !== m * dim) return false;
        for (let i = 0; i < e.rows; i++) for (let k = 0; k < m; k++) for (let c = 0; c < dim; c++) if (e.data[i * e.cols + k * dim + c] !== s[(i + k * tau) * dim + c]) return false;
        return true;
      }),
    );
    expect(geoError(() => delayEmbedding([1, 2, 3], 3, 2))).toMatchObject({ code: 'BAD_LENGTH', argument: 'series' });
    expect(geoError(() => rosenstein([1, 2, 3, 4, 5], { maxSteps: 10 }))).toMatchObject({ argument: 'options.maxSteps' });
  });
});
