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
  separation,
  twinScalarSeparation,
} from '../src/index.js';
import { geoError } from './helpers.js';
import { LOGISTIC_LYAPUNOV_REL, LORENZ_LAMBDA, LORENZ_LYAPUNOV_REL, LORENZ_ROSENSTEIN_REL, SYNTHETIC_SLOPE_REL } from './tolerances.js';

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

  it('Kantz (within 5%) and Rosenstein (within 8%) on 1200 time units, fitted over 0.5-2 time units', () => {
    const dt = 0.02;
    const traj = lorenz([1, 1, 1], 61000, 0.01, { every: 2 }).subarray(3 * 1000);
    const regime = { start: 25, end: 100 };
    const common = { dim: 3, theiler: 100, maxSteps: 120, dt, regime, referenceStride: 20 };
    const k = kantz(traj, { ...common, epsilon: 0.2, maxNeighbors: 20 });
    const r = rosenstein(traj, common);
    expect(rel(k.lambda, LORENZ_LAMBDA)).toBeLessThan(LORENZ_LYAPUNOV_REL);
    expect(rel(r.lambda, LORENZ_LAMBDA)).toBeLessThan(LORENZ_ROSENSTEIN_REL);
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
