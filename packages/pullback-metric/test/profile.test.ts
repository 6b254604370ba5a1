import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GeoError } from '@geo/core';
import {
  classifierLogits,
  classifierPredict,
  contourSegments,
  distanceToSinusoid,
  distanceToXorBoundary,
  grid2d,
  gridProfile,
  heatmapSvg,
  initShallowClassifier,
  linearPath,
  logVolumeElement,
  mlpPullbackMetric,
  mlpRicciScalar,
  noisyXorTask,
  pathProfile,
  randomMlp,
  sinusoidBoundary,
  sinusoidTask,
  trainShallowClassifier,
} from '../src/index.js';
import { seedArb } from './helpers.js';

const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return e instanceof GeoError ? `${e.code}:${e.argument}` : String(e);
  }
  return 'no error';
};

describe('paths and grids', () => {
  it('linearPath runs from x0 to x1 in equal steps', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 2, max: 20 }), (x0, steps) => {
        const x1 = x0.map((v) => v + 1);
        const p = linearPath(x0, x1, steps);
        const d = x0.length;
        expect(Array.from(p.points.subarray(0, d))).toEqual(x0);
        p.points.subarray((steps - 1) * d).forEach((v, m) => expect(v).toBeCloseTo(x1[m]!, 12));
        for (let k = 1; k < steps; k++) for (let m = 0; m < d; m++) expect(p.points[k * d + m]! - p.points[(k - 1) * d + m]!).toBeCloseTo(1 / (steps - 1), 12);
      }),
    );
    expect(code(() => linearPath([0, 0], [1], 5))).toBe('BAD_LENGTH:x1');
    expect(code(() => linearPath([0], [1], 1))).toBe('OUT_OF_RANGE:steps');
  });

  it('grid2d lays points out row by row (x fastest) with both ends included', () => {
    const g = grid2d({ xRange: [-1, 1], yRange: [0, 2], nx: 3, ny: 2 });
    expect(Array.from(g.points)).toEqual([-1, 0, 0, 0, 1, 0, -1, 2, 0, 2, 1, 2]);
    expect(code(() => grid2d({ xRange: [1, 1], yRange: [0, 1], nx: 3, ny: 3 }))).toBe('OUT_OF_RANGE:spec.xRange');
  });

  it('profiles equal the pointwise volume element and Ricci scalar', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const net = randomMlp([2, 12], { activation: 'tanh', seed, biasStd: 0.3 });
        const grid = grid2d({ xRange: [-1, 1], yRange: [-1, 1], nx: 4, ny: 3 });
        const prof = gridProfile(net, grid, { ricci: true });
        expect(Array.from(prof.logVolume)).toEqual(Array.from(logVolumeElement(mlpPullbackMetric(net, grid.points)).values));
        expect(Array.from(prof.ricci!)).toEqual(Array.from(mlpRicciScalar(net, grid.points).values));
        const path = pathProfile(net, [0, 0], [1, -1], { steps: 5 });
        expect(Array.from(path.logVolume)).toEqual(Array.from(logVolumeElement(mlpPullbackMetric(net, path.points)).values));
      }),
      { numRuns: 10 },
    );
    expect(code(() => gridProfile(randomMlp([3, 4], { activation: 'erf', seed: 1 }), grid2d({ xRange: [0, 1], yRange: [0, 1], nx: 2, ny: 2 })))).toBe('BAD_SHAPE:net');
    expect(code(() => pathProfile(randomMlp([3, 4], { activation: 'erf', seed: 1 }), [0, 0], [1, 1]))).toBe('BAD_LENGTH:x0');
  });
});

describe('synthetic tasks', () => {
  it('sinusoid labels points above the curve, uniformly on the square', () => {
    const { points, labels, count } = sinusoidTask(400, 3);
    for (let i = 0; i < count; i++) {
      const [u, v] = [points[2 * i]!, points[2 * i + 1]!];
      expect(Math.abs(u)).toBeLessThanOrEqual(1);
      expect(Math.abs(v)).toBeLessThanOrEqual(1);
      expect(labels[i]).toBe(v > sinusoidBoundary(u) ? 1 : 0);
    }
    expect(Array.from(sinusoidTask(10, 3).points)).toEqual(Array.from(sinusoidTask(10, 3).points));
  });

  it('noisy XOR has balanced classes around (+-1, +-1) with variance 0.15', () => {
    const { points, labels, count } = noisyXorTask(4000, 5);
    let ones = 0;
    let varSum = 0;
    for (let i = 0; i < count; i++) {
      ones += labels[i]!;
      varSum += (points[2 * i]! - (i & 1 ? 1 : -1)) ** 2; // point i comes from centre i % 4
    }
    expect(ones).toBe(count / 2);
    // sample variance of x1 about its centre: 0.15 within ~5 standard errors (0.15 sqrt(2/4000) = 0.0034)
    expect(Math.abs(varSum / count - 0.15)).toBeLessThan(0.017);
  });

  it('distance to the sinusoid is the true Euclidean distance (vs. a brute-force scan) and 0 on the curve', () => {
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), (u, v) => {
        let best = Infinity;
        for (let k = 0; k <= 40000; k++) {
          const t = -3 + (6 * k) / 40000;
          best = Math.min(best, Math.hypot(u - t, v - sinusoidBoundary(t)));
        }
        const d = distanceToSinusoid(u, v);
        expect(d).toBeLessThanOrEqual(best + 1e-12);
        expect(best - d).toBeLessThan(1e-4); // the scan's own resolution
        expect(distanceToSinusoid(u, sinusoidBoundary(u))).toBe(0);
      }),
      { numRuns: 30 },
    );
    expect(distanceToXorBoundary(0.3, -2)).toBe(0.3);
  });
});

describe('shallow classifier trainer', () => {
  it('learns noisy XOR with SGD and with Adam, deterministically', () => {
    const data = noisyXorTask(200, 1);
    const test = noisyXorTask(400, 2);
    for (const optimizer of ['sgd', 'adam'] as const) {
      const opts = { width: 16, activation: 'tanh' as const, classes: 2, seed: 4, steps: 300, learningRate: optimizer === 'sgd' ? 0.2 : 0.02, optimizer, batchSize: optimizer === 'sgd' ? 50 : undefined, inputDim: 2, weightScale: Math.SQRT2, biasStd: 1 };
      const model = trainShallowClassifier(data.points, data.labels, opts);
      const again = trainShallowClassifier(data.points, data.labels, opts);
      expect(Array.from(again.readout)).toEqual(Array.from(model.readout));
      const pred = classifierPredict(model, { data: test.points, rows: test.count, cols: 2 });
      let ok = 0;
      for (let i = 0; i < test.count; i++) ok += pred[i] === test.labels[i] ? 1 : 0;
      // The Bayes error of this mixture is ~0.5%; a 16-unit net trained briefly reaches > 90%.
      expect(ok / test.count).toBeGreaterThan(0.9);
    }
  });

  it('its gradient is the derivative of the loss (one tiny SGD step lowers it by lr |grad|^2)', () => {
    const data = sinusoidTask(40, 2);
    const opts = { width: 6, activation: 'erf' as const, classes: 2, seed: 7, inputDim: 2 };
    const init = initShallowClassifier(2, opts);
    const loss = (m: typeof init): number => {
      const l = classifierLogits(m, data.points);
      let s = 0;
      for (let i = 0; i < data.count; i++) {
        const a = l[2 * i]!;
        const b = l[2 * i + 1]!;
        const mx = Math.max(a, b);
        s += mx + Math.log(Math.exp(a - mx) + Math.exp(b - mx)) - (data.labels[i] ? b : a);
      }
      return s / data.count;
    };
    const lr = 1e-6;
    let gradSq = 0;
    const before = Array.from(init.features.layers[0]!.weight);
    const stepped = trainShallowClassifier(data.points, data.labels, { ...opts, steps: 1, optimizer: 'sgd', learningRate: lr, momentum: 0 }, init);
    expect(Array.from(init.features.layers[0]!.weight)).toEqual(before); // init is left untouched
    // |grad|^2 = |delta theta|^2 / lr^2
    const pairs: [Float64Array, Float64Array][] = [
      [stepped.features.layers[0]!.weight, init.features.layers[0]!.weight],
      [stepped.features.layers[0]!.bias, init.features.layers[0]!.bias],
      [stepped.readout, init.readout],
      [stepped.readoutBias, init.readoutBias],
    ];
    for (const [a, b] of pairs) for (let i = 0; i < a.length; i++) gradSq += ((a[i]! - b[i]!) / lr) ** 2;
    const drop = loss(init) - loss(stepped);
    expect(Math.abs(drop - lr * gradSq) / (lr * gradSq)).toBeLessThan(1e-3);
  });

  it('refuses bad labels and options', () => {
    const data = sinusoidTask(10, 2);
    const opts = { width: 4, activation: 'erf' as const, classes: 2, seed: 1, steps: 1, inputDim: 2 };
    expect(code(() => trainShallowClassifier(data.points, [0, 1], opts))).toBe('BAD_LENGTH:labels');
    expect(code(() => trainShallowClassifier(data.points, new Int32Array(10).fill(2), opts))).toBe('OUT_OF_RANGE:labels[0]');
    expect(code(() => trainShallowClassifier(data.points, data.labels, { ...opts, inputDim: undefined }))).toBe('BAD_SHAPE:options.inputDim');
    expect(code(() => trainShallowClassifier(data.points, data.labels, { ...opts, optimizer: 'lbfgs' as never }))).toBe('OUT_OF_RANGE:options.optimizer');
  });
});


describe('heat maps', () => {
  it('marching squares finds the zero level of a linear field where it is', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 8.5, noNaN: true }), (c) => {
        const nx = 10;
        const ny = 6;
        const values = new Float64Array(nx * ny);
        for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) values[j * nx + i] = i - c;
        fc.pre(Math.abs(c - Math.round(c)) > 1e-9);
        const segs = contourSegments(values, nx, ny, 0);
        expect(segs.length).toBe(ny - 1);
        for (const [x0, , x1] of segs) {
          expect(x0).toBeCloseTo(c, 12);
          expect(x1).toBeCloseTo(c, 12);
        }
      }),
    );
  });

  it('writes a well-formed SVG with one cell per grid point and the contour', () => {
    const values = Float64Array.from({ length: 12 }, (_, k) => (k === 5 ? NaN : k));
    const svg = heatmapSvg({ values, nx: 4, ny: 3, xRange: [-1, 1], yRange: [-1, 1], title: 'a < b', contours: [{ values: Float64Array.from({ length: 12 }, (_, k) => (k % 4) - 1.5), label: 'boundary' }] });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('a &lt; b');
    expect(svg.match(/fill="#999"/g)?.length).toBe(1); // the NaN cell
    expect(svg).toMatch(/<path d="M[^"]+"/);
    expect(code(() => heatmapSvg({ values: [1, 2, 3], nx: 2, ny: 2, xRange: [0, 1], yRange: [0, 1], title: '' }))).toBe('BAD_SHAPE:spec.values');
  });
});
