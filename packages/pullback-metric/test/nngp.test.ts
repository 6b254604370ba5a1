import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GeoError } from '@geo/core';
import { gaussHermite, gaussLegendre, gaussianExpectation, logVolumeElement, metricEigenvalues, mlpPullbackMetric, nngpMetric, nngpMetricCoefficients, randomMlp, type ActivationName } from '../src/index.js';
import { GAUSS_HERMITE_NODE_ATOL, GAUSS_HERMITE_RTOL, NNGP_CONVERGENCE_SLOPE_ATOL, NNGP_DEEP_MEAN_RTOL, NNGP_HERMITE_WIDE_RTOL, NNGP_QUADRATURE_RTOL } from './tolerances.js';
import { randomRotation, seedArb } from './helpers.js';

describe('gaussHermite', () => {
  it('matches the published 5-point rule (Abramowitz & Stegun 25.10)', () => {
    const { nodes, weights } = gaussHermite(5);
    const t = [-2.0201828704560856, -0.9585724646138185, 0, 0.9585724646138185, 2.0201828704560856];
    const w = [0.01995324205904591, 0.3936193231522412, 0.9453087204829419, 0.3936193231522412, 0.01995324205904591];
    t.forEach((v, i) => expect(Math.abs(nodes[i]! - v)).toBeLessThan(GAUSS_HERMITE_NODE_ATOL));
    w.forEach((v, i) => expect(Math.abs(weights[i]! - v)).toBeLessThan(GAUSS_HERMITE_NODE_ATOL));
  });

  it('integrates Gaussian moments exactly: E[z^2k] = q^k (2k-1)!!', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 120 }), fc.double({ min: 1e-3, max: 10, noNaN: true }), fc.integer({ min: 0, max: 6 }), (order, q, k) => {
        fc.pre(2 * k < 2 * order);
        let dfact = 1;
        for (let j = 2 * k - 1; j > 0; j -= 2) dfact *= j;
        const exact = q ** k * dfact;
        expect(Math.abs(gaussianExpectation((z) => z ** (2 * k), q, { order, method: 'hermite' }) - exact)).toBeLessThan(GAUSS_HERMITE_RTOL * exact * 10);
        expect(Math.abs(gaussianExpectation((z) => z ** (2 * k + 1), q, { order, method: 'hermite' }))).toBeLessThan(GAUSS_HERMITE_RTOL * Math.max(1, exact));
      }),
      { numRuns: 60 },
    );
  });

  it('Gauss-Legendre integrates monomials on [-1, 1] exactly up to degree 2n - 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 119 }), (n, k) => {
        fc.pre(k < 2 * n);
        const { nodes, weights } = gaussLegendre(n);
        let s = 0;
        for (let i = 0; i < n; i++) s += weights[i]! * nodes[i]! ** k;
        const exact = k % 2 === 1 ? 0 : 2 / (k + 1);
        expect(Math.abs(s - exact)).toBeLessThan(GAUSS_HERMITE_RTOL * 10);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses orders outside 1..200 and negative variances', () => {
    expect(() => gaussHermite(0)).toThrow(GeoError);
    expect(() => gaussHermite(201)).toThrow(GeoError);
    expect(() => gaussianExpectation((z) => z, -1)).toThrow(GeoError);
  });
});

describe('nngpMetricCoefficients', () => {
  it('erf: both quadrature rules reproduce the closed form (Gauss-Hermite where it resolves phi, composite at any radius)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 50, noNaN: true }), fc.integer({ min: 1, max: 5 }), fc.double({ min: 0.2, max: 3, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (r, d, sigma, sb) => {
        const o = { activation: 'erf' as const, inputDim: d, weightScale: sigma, biasStd: sb };
        const c = nngpMetricCoefficients(r, { ...o, method: 'closed' });
        const q = nngpMetricCoefficients(r, { ...o, method: 'quadrature', quadrature: 'composite' });
        expect(Math.abs(q.A - c.A)).toBeLessThan(NNGP_QUADRATURE_RTOL * c.A);
        expect(Math.abs(q.B - c.B)).toBeLessThan(NNGP_QUADRATURE_RTOL * Math.abs(c.B));
        if (c.q < 0.01) {
          const h = nngpMetricCoefficients(r, { ...o, method: 'quadrature', quadrature: 'hermite', order: 96 });
          expect(Math.abs(h.A - c.A)).toBeLessThan(NNGP_QUADRATURE_RTOL * c.A);
          expect(Math.abs(h.B - c.B)).toBeLessThan(NNGP_QUADRATURE_RTOL * Math.abs(c.B));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('ReLU: quadrature reproduces A = s/2, B = 0 (even orders are exact by symmetry)', () => {
    const c = nngpMetricCoefficients(1.3, { activation: 'relu', inputDim: 3, weightScale: 1.4, method: 'quadrature', order: 64 });
    expect(Math.abs(c.A - 1.4 ** 2 / 3 / 2)).toBeLessThan(1e-15);
    expect(c.B).toBe(0);
    expect(() => nngpMetricCoefficients(0, { activation: 'relu', inputDim: 2 })).toThrow(GeoError);
  });

  it('Gauss-Hermite and composite Gauss-Legendre agree for GELU, sigmoid, tanh and softplus at every radius', () => {
    for (const activation of ['gelu', 'sigmoid', 'tanh', 'softplus'] as ActivationName[]) {
      for (const r of [0, 0.02, 0.1, 0.5, 2]) {
        // Gauss-Hermite with 200 points resolves phi up to r ~ 2 (sd ~ 1.4); the composite rule anywhere.
        const tol = r <= 0.5 ? NNGP_QUADRATURE_RTOL : NNGP_HERMITE_WIDE_RTOL;
        const a = nngpMetricCoefficients(r, { activation, inputDim: 2, biasStd: 0.1, order: 200, method: 'quadrature', quadrature: 'hermite' });
        const b = nngpMetricCoefficients(r, { activation, inputDim: 2, biasStd: 0.1, method: 'quadrature', quadrature: 'composite' });
        expect(Math.abs(a.A - b.A)).toBeLessThan(tol * Math.abs(b.A));
        expect(Math.abs(a.B - b.B)).toBeLessThan(tol * (Math.abs(b.B) + Math.abs(b.A)));
      }
    }
  });
});

describe('nngpMetric', () => {
  it('is spherically symmetric: g(Rx) = R g(x) R^T, eigenvalues A (d-1 times) and A + B r^2', () => {
    fc.assert(
      fc.property(seedArb, fc.constantFrom<ActivationName>('erf', 'gelu', 'sigmoid'), fc.integer({ min: 2, max: 4 }), (seed, activation, d) => {
        const R = randomRotation(seed, d);
        const x = randomRotation(seed + 1, d).slice(0, d).map((v) => v * 1.7);
        const y = new Float64Array(d);
        for (let i = 0; i < d; i++) for (let k = 0; k < d; k++) y[i] = y[i]! + R[i * d + k]! * x[k]!;
        const o = { activation, inputDim: d, biasStd: 0.2 };
        const gx = nngpMetric(x, o).data;
        const gy = nngpMetric(y, o).data;
        for (let i = 0; i < d; i++)
          for (let j = 0; j < d; j++) {
            let s = 0;
            for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) s += R[i * d + a]! * gx[a * d + b]! * R[j * d + b]!;
            expect(Math.abs(gy[i * d + j]! - s)).toBeLessThan(1e-13);
          }
        const { A, B, logVolumeElement: lv } = nngpMetricCoefficients(1.7, o);
        const e = Array.from(metricEigenvalues({ data: gx, count: 1, dim: d }));
        const expected = [...Array.from({ length: d - 1 }, () => A), A + B * 1.7 ** 2].sort((p, q) => p - q);
        e.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(1e-14));
        expect(Math.abs(logVolumeElement({ data: gx, count: 1, dim: d }).values[0]! - lv)).toBeLessThan(1e-12);
      }),
      { numRuns: 30 },
    );
  });

  it('is the limit of wide random networks, with error shrinking like 1/sqrt(width)', () => {
    const widths = [64, 256, 1024, 4096];
    const seeds = 12;
    const points = Float64Array.of(0.4, -0.3, 1.2, 0.9, -0.1, 0.05);
    for (const activation of ['erf', 'gelu'] as ActivationName[]) {
      const opts = { activation, inputDim: 2, weightScale: 1.5, biasStd: 0.3 };
      const limit = nngpMetric(points, opts).data;
      const errors = widths.map((width) => {
        let total = 0;
        for (let seed = 0; seed < seeds; seed++) {
          const net = randomMlp([2, width], { activation, seed, weightScale: 1.5, biasStd: 0.3 });
          const g = mlpPullbackMetric(net, points).data;
          let num = 0;
          let den = 0;
          for (let i = 0; i < g.length; i++) {
            num += (g[i]! - limit[i]!) ** 2;
            den += limit[i]! ** 2;
          }
          total += Math.sqrt(num / den);
        }
        return total / seeds;
      });
      // Least-squares slope of log(error) on log(width).
      const lx = widths.map(Math.log);
      const ly = errors.map(Math.log);
      const mx = lx.reduce((a, b) => a + b) / lx.length;
      const my = ly.reduce((a, b) => a + b) / ly.length;
      const slope = lx.reduce((s, v, i) => s + (v - mx) * (ly[i]! - my), 0) / lx.reduce((s, v) => s + (v - mx) ** 2, 0);
      console.log(`${activation}: mean relative error by width ${widths.join('/')}: ${errors.map((e) => e.toExponential(2)).join(' ')}; slope ${slope.toFixed(3)}`);
      expect(Math.abs(slope + 0.5)).toBeLessThan(NNGP_CONVERGENCE_SLOPE_ATOL);
      expect(errors[3]!).toBeLessThan(errors[0]! / 4);
    }
  });

  it('depth > 1: deep random networks approach the deep NNGP metric like 1/sqrt(width); depth 1 via the deep recursion = the shallow form', () => {
    for (const activation of ['erf', 'tanh'] as ActivationName[]) {
      const shallow = nngpMetricCoefficients(0.8, { activation, inputDim: 3, biasStd: 0.2, method: 'quadrature' });
      const viaDeep = nngpMetricCoefficients(0.8, { activation, inputDim: 3, biasStd: 0.2, depth: 1 });
      expect(Math.abs(viaDeep.A - shallow.A)).toBeLessThan(NNGP_QUADRATURE_RTOL * shallow.A);
    }
    // At depth 2 the finite-width bias is O(1/n) beside O(1/sqrt(n)) fluctuations, so the slope
    // is taken between the two widest networks.
    const widths = [128, 512, 2048];
    const seeds = 6;
    const points = Float64Array.of(0.4, -0.3, 1.2, 0.9);
    for (const activation of ['erf', 'tanh'] as ActivationName[]) {
      const opts = { activation, inputDim: 2, weightScale: 1.5, biasStd: 0.3, depth: 2 };
      const limit = nngpMetric(points, opts).data;
      const errors = widths.map((width) => {
        let total = 0;
        for (let seed = 0; seed < seeds; seed++) {
          const net = randomMlp([2, width, width], { activation, seed, weightScale: 1.5, biasStd: 0.3 });
          const g = mlpPullbackMetric(net, points).data;
          let num = 0;
          let den = 0;
          for (let i = 0; i < g.length; i++) {
            num += (g[i]! - limit[i]!) ** 2;
            den += limit[i]! ** 2;
          }
          total += Math.sqrt(num / den);
        }
        return total / seeds;
      });
      const slope = Math.log(errors[2]! / errors[1]!) / Math.log(widths[2]! / widths[1]!);
      // The seed-averaged metric of the widest nets: fluctuations shrink by sqrt(seeds), so a
      // wrong recursion (a bias of a few percent) would show here.
      const mean = new Float64Array(limit.length);
      for (let seed = 0; seed < seeds; seed++) {
        const g = mlpPullbackMetric(randomMlp([2, 2048, 2048], { activation, seed, weightScale: 1.5, biasStd: 0.3 }), points).data;
        for (let i = 0; i < g.length; i++) mean[i] = mean[i]! + g[i]! / seeds;
      }
      let num = 0;
      let den = 0;
      for (let i = 0; i < mean.length; i++) {
        num += (mean[i]! - limit[i]!) ** 2;
        den += limit[i]! ** 2;
      }
      console.log(`depth 2 ${activation}: seed-averaged width-2048 metric vs limit: ${Math.sqrt(num / den).toExponential(2)}`);
      expect(Math.sqrt(num / den)).toBeLessThan(NNGP_DEEP_MEAN_RTOL);
      console.log(`depth 2 ${activation}: mean relative error by width ${widths.join('/')}: ${errors.map((e) => e.toExponential(2)).join(' ')}; slope ${slope.toFixed(3)}`);
      expect(Math.abs(slope + 0.5)).toBeLessThan(NNGP_CONVERGENCE_SLOPE_ATOL);
    }
  });

  it('refuses bad options with GeoErrors naming the argument', () => {
    const err = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return e instanceof GeoError ? `${e.code}:${e.argument}` : String(e);
      }
      return 'no error';
    };
    expect(err(() => nngpMetricCoefficients(-1, { activation: 'erf', inputDim: 2 }))).toBe('OUT_OF_RANGE:radius');
    expect(err(() => nngpMetricCoefficients(1, { activation: 'gelu', inputDim: 2, method: 'closed' }))).toBe('UNSUPPORTED:options.method');
    expect(err(() => nngpMetricCoefficients(1, { activation: 'erf', inputDim: 0 }))).toBe('OUT_OF_RANGE:options.inputDim');
    expect(err(() => nngpMetric([[1, 2, 3]], { activation: 'erf', inputDim: 2 }))).toBe('BAD_SHAPE:x');
  });
});
