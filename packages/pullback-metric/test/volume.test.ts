import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, GeoError } from '@geo/core';
import { logVolumeElement, metricEigenvalues, mlp, mlpLogVolumeElement, mlpPullbackMetric, randomMlp, volumeElement, type MetricBatch } from '../src/index.js';
import { EIGEN_F64_RTOL, LOG_VOLUME_F64_ATOL, LOG_VOLUME_PER_CONDITION } from './tolerances.js';
import { det, randomPoints, randomRotation, seedArb, smoothArb } from './helpers.js';

/** Q diag(lambda) Q^T with a random rotation Q. */
function spd(seed: number, lambda: readonly number[]): MetricBatch {
  const d = lambda.length;
  const q = randomRotation(seed, d);
  const data = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (q[i * d + k] as number) * (lambda[k] as number) * (q[j * d + k] as number);
      data[i * d + j] = s;
      data[j * d + i] = s;
    }
  return { data, count: 1, dim: d };
}

describe('volumeElement', () => {
  it('of a square linear map is |det W|', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 1, max: 6 }), (seed, d) => {
        const w = createRng(seed).fillNormal(new Float64Array(d * d));
        const net = mlp({ layers: [{ weight: { data: w, rows: d, cols: d } }], activation: 'linear' });
        const g = mlpPullbackMetric(net, randomPoints(seed, 3, d));
        const expected = Math.abs(det(w, d));
        const e = metricEigenvalues({ data: g.data.slice(0, d * d), count: 1, dim: d });
        const kappa = (e[d - 1] as number) / (e[0] as number);
        fc.pre(kappa < 1e10);
        const tol = LOG_VOLUME_F64_ATOL + d * LOG_VOLUME_PER_CONDITION * kappa;
        const v = volumeElement(g);
        for (const value of v.values) expect(Math.abs(value - expected) / expected).toBeLessThan(tol);
        expect(v.singularCount).toBe(0);
        const vc = volumeElement(g, { method: 'cholesky' });
        for (const value of vc.values) expect(Math.abs(value - expected) / expected).toBeLessThan(tol);
      }),
      { numRuns: 60 },
    );
  });

  it('log sqrt det g = 1/2 sum log lambda, by eigenvalues and by Cholesky, with no overflow at large d', () => {
    fc.assert(
      fc.property(seedArb, fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 1, maxLength: 40 }), (seed, logs) => {
        const lambda = logs.map((t) => Math.exp(t / 3)); // condition number up to e^20
        const g = spd(seed, lambda);
        const expected = 0.5 * logs.reduce((s, t) => s + t / 3, 0);
        const kappa = Math.max(...lambda) / Math.min(...lambda);
        const tol = LOG_VOLUME_F64_ATOL * logs.length + logs.length * LOG_VOLUME_PER_CONDITION * kappa;
        for (const method of ['eigen', 'cholesky'] as const) {
          const r = logVolumeElement(g, { method });
          expect(Math.abs((r.values[0] as number) - expected)).toBeLessThan(tol);
          expect(r.singularCount).toBe(0);
        }
      }),
      { numRuns: 40 },
    );
    // sqrt det = 1e400 overflows, its log does not.
    const big = spd(1, Array.from({ length: 200 }, () => 1e4));
    const r = logVolumeElement(big);
    expect(Math.abs((r.values[0] as number) - 400 * Math.log(10))).toBeLessThan(1e-9);
    expect(volumeElement(big).values[0]).toBe(Infinity);
  });

  it('flags singular metrics (rank-deficient maps, exact zeros) and returns -Infinity / 0 there', () => {
    // A width-1 layer on R^3 has rank <= 1.
    fc.assert(
      fc.property(seedArb, smoothArb, fc.constantFrom<'eigen' | 'cholesky'>('eigen', 'cholesky'), (seed, act, method) => {
        const net = randomMlp([3, 2], { activation: act, seed });
        const g = mlpPullbackMetric(net, randomPoints(seed, 4, 3));
        const r = logVolumeElement(g, { method });
        expect(r.singularCount).toBe(4);
        expect(Array.from(r.singular)).toEqual([1, 1, 1, 1]);
      }),
      { numRuns: 20 },
    );
    const zero = { data: new Float64Array(4), count: 1, dim: 2 };
    expect(logVolumeElement(zero).values[0]).toBe(-Infinity);
    expect(volumeElement(zero).values[0]).toBe(0);
    expect(logVolumeElement(zero).singular[0]).toBe(1);
    // Nearly singular but well inside float64: not flagged.
    const thin = spd(4, [1, 1e-10]);
    expect(logVolumeElement(thin).singularCount).toBe(0);
    expect(logVolumeElement(thin, { method: 'cholesky' }).singularCount).toBe(0);
    // Past the threshold: flagged by both routes.
    const flat = spd(4, [1, 1e-17]);
    expect(logVolumeElement(flat).singularCount).toBe(1);
    expect(logVolumeElement(flat, { method: 'cholesky' }).singularCount).toBe(1);
  });

  it('refuses bad metrics with a GeoError naming the argument', () => {
    const bad = (g: MetricBatch): string | undefined => {
      try {
        logVolumeElement(g);
      } catch (e) {
        return `${(e as GeoError).code}:${(e as GeoError).argument}`;
      }
      return undefined;
    };
    expect(bad({ data: Float64Array.of(1, 2, 0, 1), count: 1, dim: 2 })).toBe('OUT_OF_DOMAIN:g.data');
    expect(bad({ data: Float64Array.of(1, 0, 0), count: 1, dim: 2 })).toBe('BAD_SHAPE:g.data');
    expect(bad({ data: Float64Array.of(1, 0, 0, NaN), count: 1, dim: 2 })).toBe('NOT_FINITE:g.data[3]');
    expect(() => logVolumeElement({ data: Float64Array.of(1), count: 1, dim: 1 }, { method: 'lu' as never })).toThrow(GeoError);
  });
});

describe('metricEigenvalues', () => {
  it('recovers the spectrum of Q diag(lambda) Q^T, ascending', () => {
    fc.assert(
      fc.property(seedArb, fc.array(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 12 }), (seed, lambda) => {
        const e = metricEigenvalues(spd(seed, lambda));
        const sorted = [...lambda].sort((a, b) => a - b);
        const top = sorted[sorted.length - 1] as number;
        sorted.forEach((l, i) => expect(Math.abs((e[i] as number) - l)).toBeLessThan(EIGEN_F64_RTOL * top * lambda.length));
      }),
      { numRuns: 60 },
    );
  });

  it('is invariant under the tensor transformation g -> R g R^T', () => {
    fc.assert(
      fc.property(seedArb, smoothArb, (seed, act) => {
        const net = randomMlp([3, 10], { activation: act, seed });
        const g = mlpPullbackMetric(net, randomPoints(seed, 1, 3));
        const e1 = metricEigenvalues(g);
        const R = randomRotation(seed + 7, 3);
        const rg = new Float64Array(9);
        for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
          let s = 0;
          for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) s += (R[i * 3 + a] as number) * (g.data[a * 3 + b] as number) * (R[j * 3 + b] as number);
          rg[i * 3 + j] = s;
        }
        for (let i = 0; i < 3; i++) for (let j = 0; j < i; j++) rg[i * 3 + j] = rg[j * 3 + i] as number;
        const e2 = metricEigenvalues({ data: rg, count: 1, dim: 3 });
        for (let i = 0; i < 3; i++) expect(Math.abs((e1[i] as number) - (e2[i] as number))).toBeLessThan(EIGEN_F64_RTOL * 10 * (e1[2] as number));
      }),
      { numRuns: 40 },
    );
  });
});

describe('mlpLogVolumeElement (QR of the Jacobian)', () => {
  it('agrees with log sqrt det of the formed metric on well-conditioned maps', () => {
    fc.assert(
      fc.property(seedArb, smoothArb, fc.integer({ min: 1, max: 5 }), fc.boolean(), (seed, act, d, deep) => {
        const net = randomMlp(deep ? [d, 12, 10] : [d, 3 * d + 4], { activation: act, seed, biasStd: 0.3 });
        const x = randomPoints(seed, 3, d);
        const viaG = logVolumeElement(mlpPullbackMetric(net, x));
        const viaJ = mlpLogVolumeElement(net, x);
        for (let i = 0; i < 3; i++) {
          if (viaG.singular[i] === 1) continue;
          const e = metricEigenvalues({ data: mlpPullbackMetric(net, x.subarray(i * d, (i + 1) * d)).data, count: 1, dim: d });
          const kappa = (e[d - 1] as number) / (e[0] as number);
          expect(Math.abs(viaJ.values[i]! - viaG.values[i]!)).toBeLessThan(LOG_VOLUME_F64_ATOL * d + d * LOG_VOLUME_PER_CONDITION * kappa);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('resolves a metric whose small eigenvalue is below eps |g|, which the formed g cannot', () => {
    // A linear map with singular values 1 and 1e-10: g has eigenvalues 1 and 1e-20.
    const R = randomRotation(3, 2);
    const w = [
      [R[0]! * 1, R[1]! * 1],
      [R[2]! * 1e-10, R[3]! * 1e-10],
      [0, 0],
    ];
    const net = mlp({ layers: [{ weight: w }], activation: 'linear' });
    const viaJ = mlpLogVolumeElement(net, [[0.3, 0.4]]);
    expect(Math.abs(viaJ.values[0]! - Math.log(1e-10))).toBeLessThan(1e-12);
    expect(viaJ.singularCount).toBe(0);
    expect(logVolumeElement(mlpPullbackMetric(net, [[0.3, 0.4]])).singularCount).toBe(1);
  });

  it('flags rank-deficient Jacobians (n < d, or dependent columns)', () => {
    expect(mlpLogVolumeElement(randomMlp([3, 2], { activation: 'erf', seed: 1 }), [[0, 0, 0]]).singularCount).toBe(1);
    const net = mlp({ layers: [{ weight: [[1, 2], [2, 4], [-1, -2]] }], activation: 'tanh' });
    expect(mlpLogVolumeElement(net, [[0.1, 0.2]]).singular[0]).toBe(1);
  });
});
