import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifierLogits,
  classifierPredict,
  grid2d,
  heatmapSvg,
  initShallowClassifier,
  metricFromJacobian,
  mlp,
  mlpForward,
  mlpJacobian,
  mlpPullbackMetric,
  noisyXorTask,
  randomMlp,
  sinusoidBoundary,
  sinusoidTask,
  toPoints,
} from '../src/index.js';
import { randomPoints, seedArb } from './helpers.js';

describe('invariants of the helpers', () => {
  it('toPoints reads rows, { data, rows, cols } and flat buffers alike', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), seedArb, (d, count, seed) => {
        const flat = randomPoints(seed, count, d);
        const rows = Array.from({ length: count }, (_, p) => Array.from(flat.subarray(p * d, (p + 1) * d)));
        const a = toPoints(flat, d, 'x');
        const b = toPoints(rows, d, 'x');
        const c = toPoints({ data: Array.from(flat), rows: count, cols: d }, d, 'x');
        for (const r of [a, b, c]) {
          expect(r.count).toBe(count);
          expect(Array.from(r.data)).toEqual(Array.from(flat));
        }
      }),
    );
  });

  it('grid2d spans its ranges with nx * ny points, x fastest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 2, max: 9 }), fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0.1, max: 5, noNaN: true }), (nx, ny, lo, span) => {
        const g = grid2d({ xRange: [lo, lo + span], yRange: [lo - span, lo], nx, ny });
        expect(g.points.length).toBe(2 * nx * ny);
        expect(g.points[0]).toBe(lo);
        expect(g.points[1]).toBe(lo - span);
        expect(g.points[2 * (nx * ny - 1)]).toBeCloseTo(lo + span, 12);
        expect(g.points[2 * (nx * ny - 1) + 1]).toBeCloseTo(lo, 12);
        expect(g.points[2 * 1 + 1]).toBe(g.points[1]); // second point: same row
      }),
    );
  });

  it('task generators are deterministic per seed and label by their rule', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 1, max: 50 }), (seed, count) => {
        const a = sinusoidTask(count, seed);
        expect(Array.from(sinusoidTask(count, seed).points)).toEqual(Array.from(a.points));
        for (let i = 0; i < count; i++) expect(a.labels[i]).toBe(a.points[2 * i + 1]! > sinusoidBoundary(a.points[2 * i]!) ? 1 : 0);
        const x = noisyXorTask(count, seed);
        expect(Array.from(noisyXorTask(count, seed).points)).toEqual(Array.from(x.points));
        for (let i = 0; i < count; i++) expect(x.labels[i]).toBe(i % 4 === 1 || i % 4 === 2 ? 1 : 0);
      }),
      { numRuns: 30 },
    );
  });

  it('randomMlp is deterministic, and widening a later layer leaves earlier layers unchanged', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 8 }), (seed, d, w) => {
        const a = randomMlp([d, 5, w], { activation: 'tanh', seed, biasStd: 0.3 });
        const b = randomMlp([d, 5, w + 3], { activation: 'tanh', seed, biasStd: 0.3 });
        expect(Array.from(b.layers[0]!.weight)).toEqual(Array.from(a.layers[0]!.weight));
        expect(Array.from(b.layers[0]!.bias)).toEqual(Array.from(a.layers[0]!.bias));
        expect(Array.from(randomMlp([d, 5, w], { activation: 'tanh', seed, biasStd: 0.3 }).layers[1]!.weight)).toEqual(Array.from(a.layers[1]!.weight));
      }),
      { numRuns: 30 },
    );
  });

  it('mlpForward of a linear map is s (W x + b); metricFromJacobian(mlpJacobian) = mlpPullbackMetric', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 }), (seed, d, n) => {
        const r = randomMlp([d, n], { activation: 'linear', seed, biasStd: 1, outputScale: 1.5 });
        const net = mlp({ layers: [{ weight: { data: r.layers[0]!.weight, rows: n, cols: d }, bias: r.layers[0]!.bias }], activation: 'linear', outputScale: 1.5 });
        const x = randomPoints(seed, 2, d);
        const y = mlpForward(net, x);
        for (let p = 0; p < 2; p++)
          for (let i = 0; i < n; i++) {
            let s = net.layers[0]!.bias[i]!;
            for (let m = 0; m < d; m++) s += net.layers[0]!.weight[i * d + m]! * x[p * d + m]!;
            expect(y[p * n + i]).toBeCloseTo(1.5 * s, 12);
          }
        const deep = randomMlp([d, 4, n], { activation: 'gelu', seed });
        expect(Array.from(metricFromJacobian(mlpJacobian(deep, x), 2, n, d).data).map((v) => v.toPrecision(12))).toEqual(
          Array.from(mlpPullbackMetric(deep, x).data).map((v) => v.toPrecision(12)),
        );
      }),
      { numRuns: 30 },
    );
  });

  it('classifierPredict is the argmax of classifierLogits', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 2, max: 5 }), (seed, classes) => {
        const model = initShallowClassifier(3, { width: 7, activation: 'erf', classes, seed });
        const x = randomPoints(seed, 6, 3);
        const logits = classifierLogits(model, { data: x, rows: 6, cols: 3 });
        const pred = classifierPredict(model, { data: x, rows: 6, cols: 3 });
        for (let p = 0; p < 6; p++) {
          const row = Array.from(logits.subarray(p * classes, (p + 1) * classes));
          expect(row[pred[p]!]).toBe(Math.max(...row));
        }
      }),
      { numRuns: 30 },
    );
  });

  it('heatmapSvg draws one cell per grid point', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 }), (nx, ny) => {
        const values = Float64Array.from({ length: nx * ny }, (_, k) => Math.sin(k));
        const svg = heatmapSvg({ values, nx, ny, xRange: [0, 1], yRange: [0, 1], title: 't' });
        const cells = svg.split('<g shape-rendering="crispEdges">')[1]!.split('</g>')[0]!.match(/<rect /g)?.length;
        expect(cells).toBe(nx * ny);
      }),
      { numRuns: 20 },
    );
  });
});
