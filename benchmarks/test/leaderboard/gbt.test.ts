import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '@geo/core';
import {
  applyBins,
  binOf,
  fitBins,
  fitGbt,
  initialScores,
  predictGbt,
  softmaxRow,
} from '../../src/leaderboard/methods/gbt/index.js';
import type { GbtData, GbtModel } from '../../src/leaderboard/methods/gbt/index.js';
import {
  LEAF_VALUE_RTOL,
  LOSS_MONOTONE_RTOL,
  SKLEARN_ACCURACY_SLACK,
  SKLEARN_MSE_FACTOR,
  STEP_FIT_ATOL,
} from './statnn-tolerances.js';

function accuracy(scores: Float64Array, y: Float64Array, K: number): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if ((scores[i * K + k] as number) > (scores[i * K + best] as number)) best = k;
    if (best === y[i]) ok++;
  }
  return ok / y.length;
}

function mse(pred: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += ((pred[i] as number) - (y[i] as number)) ** 2;
  return s / y.length;
}

/** Three Gaussian blobs in 2-D, centres 6 apart, unit spread. */
function blobs(n: number, seed: number): GbtData {
  const rng = createRng(seed).derive('blobs');
  const centres = [[0, 0], [6, 0], [3, 6]];
  const x = new Float64Array(n * 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    y[i] = c;
    x[2 * i] = (centres[c]?.[0] as number) + rng.normal();
    x[2 * i + 1] = (centres[c]?.[1] as number) + rng.normal();
  }
  return { x, n, d: 2, y };
}

/** y = sin(2 x0) + x1^2 on [-2, 2]^2 with a third, irrelevant feature. */
function smooth(n: number, seed: number): GbtData {
  const rng = createRng(seed).derive('smooth');
  const x = rng.fillUniform(new Float64Array(n * 3), -2, 2);
  const y = Float64Array.from({ length: n }, (_, i) => Math.sin(2 * (x[3 * i] as number)) + (x[3 * i + 1] as number) ** 2);
  return { x, n, d: 3, y };
}

describe('bins', () => {
  it('bin(x) <= b exactly when x <= edges[b]; few distinct values get one bin each', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 2, max: 256 }), (v, maxBins) => {
        const x = Float64Array.from(v);
        const { edges } = fitBins(x, x.length, 1, maxBins);
        const e = edges[0] as Float64Array;
        const distinct = new Set(v.map((t) => (t === 0 ? 0 : t))).size;
        expect(e.length).toBeLessThanOrEqual(maxBins - 1);
        if (distinct <= maxBins) expect(e.length).toBe(distinct - 1);
        for (let i = 1; i < e.length; i++) expect(e[i] as number).toBeGreaterThan(e[i - 1] as number);
        const bins = applyBins({ edges, maxBins }, x, x.length, 1);
        for (let i = 0; i < x.length; i++) {
          const b = bins[i] as number;
          expect(b).toBe(binOf(e, x[i] as number));
          if (b < e.length) expect(x[i] as number).toBeLessThanOrEqual(e[b] as number);
          if (b > 0) expect(x[i] as number).toBeGreaterThan(e[b - 1] as number);
        }
      }),
    );
  });
});

describe('fitGbt', () => {
  it('fits a step function exactly with one deep tree (no shrinkage, no penalty)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 60 }),
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 5 }),
        (xs, levels) => {
          const sorted = [...xs].sort((a, b) => a - b);
          const n = xs.length;
          // Level j covers the j-th block of the sorted inputs.
          const levelOf = (x: number): number => levels[Math.min(levels.length - 1, Math.floor((sorted.indexOf(x) * levels.length) / n))] as number;
          const x = Float64Array.from(xs);
          const y = Float64Array.from(xs, levelOf);
          const model = fitGbt({ x, n, d: 1, y }, undefined, { objective: 'squared', rounds: 1, learningRate: 1, lambda: 0, maxDepth: 10, maxLeaves: 64, minSamplesLeaf: 1, minChildWeight: 0 });
          expect(model.trees).toHaveLength(1);
          const pred = predictGbt(model, x, n);
          for (let i = 0; i < n; i++) expect(Math.abs((pred[i] as number) - (y[i] as number))).toBeLessThanOrEqual(STEP_FIT_ATOL);
          // Points between the inputs follow the step too: midway between two neighbours of one level.
          const probe = Float64Array.from(sorted.slice(1), (b, i) => 0.5 * (b + (sorted[i] as number)));
          const mids = predictGbt(model, probe, probe.length);
          sorted.slice(1).forEach((b, i) => {
            const a = sorted[i] as number;
            if (levelOf(a) === levelOf(b)) expect(Math.abs((mids[i] as number) - levelOf(a))).toBeLessThanOrEqual(STEP_FIT_ATOL);
          });
        },
      ),
    );
  });

  it('never increases the squared training loss from one round to the next', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 80 }),
        fc.integer({ min: 1, max: 4 }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.nat(1000),
        (n, d, learningRate, lambda, seed) => {
          const rng = createRng(seed);
          const x = rng.fillNormal(new Float64Array(n * d));
          const y = Float64Array.from({ length: n }, (_, i) => Math.sin(3 * (x[i * d] as number)) + 0.3 * rng.normal());
          const model = fitGbt({ x, n, d, y }, undefined, { objective: 'squared', rounds: 15, learningRate, lambda, minSamplesLeaf: 2, colSubsample: 0.5, seed });
          const { trainLoss } = model;
          for (let m = 1; m < trainLoss.length; m++) {
            expect(trainLoss[m] as number).toBeLessThanOrEqual((trainLoss[m - 1] as number) * (1 + LOSS_MONOTONE_RTOL));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('is deterministic per seed, and the seed drives the subsampling', () => {
    const data = smooth(200, 1);
    const opts = { objective: 'squared', rounds: 20, rowSubsample: 0.6, colSubsample: 0.67 } as const;
    fc.assert(
      fc.property(fc.nat(10_000), (seed) => {
        const a = predictGbt(fitGbt(data, undefined, { ...opts, seed }), data.x, data.n);
        const b = predictGbt(fitGbt(data, undefined, { ...opts, seed }), data.x, data.n);
        expect(a).toEqual(b);
      }),
      { numRuns: 10 },
    );
    const a = predictGbt(fitGbt(data, undefined, { ...opts, seed: 1 }), data.x, data.n);
    const c = predictGbt(fitGbt(data, undefined, { ...opts, seed: 2 }), data.x, data.n);
    expect(a).not.toEqual(c);
  });

  it('separates well-separated Gaussian blobs (softmax)', () => {
    const train = blobs(300, 1);
    const val = blobs(90, 2);
    const test = blobs(300, 3);
    const model = fitGbt(train, val, { objective: 'softmax', classes: 3, rounds: 200 });
    expect(model.outputs).toBe(3);
    expect(accuracy(predictGbt(model, test.x, test.n), test.y, 3)).toBeGreaterThanOrEqual(0.97);
  });

  it('beats the mean predictor by far on a smooth function (squared)', () => {
    const train = smooth(600, 1);
    const val = smooth(200, 2);
    const test = smooth(400, 3);
    const model = fitGbt(train, val, { objective: 'squared', rounds: 500 });
    const meanY = train.y.reduce((a, b) => a + b, 0) / train.n;
    const base = mse(new Float64Array(test.n).fill(meanY), test.y);
    expect(mse(predictGbt(model, test.x, test.n), test.y)).toBeLessThan(0.1 * base);
  });

  it('stops early at the best validation round', () => {
    const train = smooth(60, 4);
    const val = smooth(60, 5);
    const model = fitGbt(train, val, { objective: 'squared', rounds: 2000, learningRate: 0.5, earlyStoppingRounds: 10, minSamplesLeaf: 1 });
    const best = model.valLoss.indexOf(Math.min(...model.valLoss));
    expect(model.rounds).toBe(best + 1);
    expect(model.valLoss.length).toBeLessThan(2000);
    expect(model.valLoss.length - model.rounds).toBe(10);
  });

  it('gives Newton leaf values -lr G / (H + lambda), equal to the closed form on a tiny softmax example', () => {
    // Two classes, one feature, four rows: priors 3:1, so p = (0.8, 0.2) after smoothing ((3+1)/6, (1+1)/6 -> 2/3, 1/3).
    const x = Float64Array.of(0, 1, 2, 3);
    const y = Float64Array.of(0, 0, 0, 1);
    const lambda = 0.5;
    const lr = 0.3;
    const model = fitGbt({ x, n: 4, d: 1, y }, undefined, { objective: 'softmax', rounds: 1, learningRate: lr, lambda, maxDepth: 0 });
    const init = initialScores('softmax', y, 2);
    const p = new Float64Array(2);
    softmaxRow(init, 0, 2, p);
    expect(p[0]).toBeCloseTo(2 / 3, 14);
    // Class 0: g = p0 - 1 on three rows, p0 on one; h = p0 (1 - p0) on all four.
    const p0 = p[0] as number;
    const G0 = 3 * (p0 - 1) + p0;
    const H0 = 4 * p0 * (1 - p0);
    const G1 = 3 * (1 - p0) + (1 - p0 - 1);
    const want = [-lr * G0 / (H0 + lambda), -lr * G1 / (H0 + lambda)];
    model.trees.forEach((t, k) => {
      expect(t.feature[0]).toBe(-1);
      expect(Math.abs((t.value[0] as number) - (want[k] as number))).toBeLessThanOrEqual(LEAF_VALUE_RTOL * Math.abs(want[k] as number));
    });
    // Squared loss with one split: each leaf is lr * sum(residual) / (count + lambda).
    const ys = Float64Array.of(1, 2, 10, 12);
    const sq = fitGbt({ x, n: 4, d: 1, y: ys }, undefined, { objective: 'squared', rounds: 1, learningRate: lr, lambda, maxDepth: 1, minSamplesLeaf: 1 });
    const mean = 25 / 4;
    const leftWant = (lr * ((1 - mean) + (2 - mean))) / (2 + lambda);
    const rightWant = (lr * ((10 - mean) + (12 - mean))) / (2 + lambda);
    const t = sq.trees[0] as GbtModel['trees'][number];
    expect(t.threshold[0]).toBe(1.5);
    expect(Math.abs((t.value[t.left[0] as number] as number) - leftWant)).toBeLessThanOrEqual(LEAF_VALUE_RTOL * Math.abs(leftWant));
    expect(Math.abs((t.value[t.right[0] as number] as number) - rightWant)).toBeLessThanOrEqual(LEAF_VALUE_RTOL * Math.abs(rightWant));
  });

  it('rejects bad input with GeoErrors naming the argument', () => {
    const good = smooth(20, 1);
    const code = (f: () => unknown): { code?: string; argument?: string } => {
      try {
        f();
      } catch (e) {
        return e as { code?: string; argument?: string };
      }
      return {};
    };
    expect(code(() => fitGbt({ ...good, x: new Float64Array(5) }, undefined, { objective: 'squared' }))).toMatchObject({ code: 'BAD_SHAPE', argument: 'train.x' });
    expect(code(() => fitGbt({ ...good, y: good.y.map((v, i) => (i === 3 ? Number.NaN : v)) }, undefined, { objective: 'squared' }))).toMatchObject({ code: 'NOT_FINITE', argument: 'train.y[3]' });
    expect(code(() => fitGbt({ ...good, y: good.y.map(() => 0.5) }, undefined, { objective: 'softmax' }))).toMatchObject({ code: 'OUT_OF_RANGE', argument: 'train.y[0]' });
    expect(code(() => fitGbt({ ...good, y: good.y.map(() => 3) }, undefined, { objective: 'softmax', classes: 3 }))).toMatchObject({ code: 'OUT_OF_RANGE', argument: 'train.y[0]' });
    expect(code(() => fitGbt(good, undefined, { objective: 'squared', learningRate: 0 }))).toMatchObject({ code: 'OUT_OF_RANGE', argument: 'options.learningRate' });
    expect(code(() => fitGbt(good, undefined, { objective: 'squared', maxBins: 300 }))).toMatchObject({ code: 'OUT_OF_RANGE', argument: 'maxBins' });
    expect(code(() => fitGbt(good, undefined, { objective: 'squared', rowSubsample: 1.5 }))).toMatchObject({ code: 'OUT_OF_RANGE', argument: 'options.rowSubsample' });
    expect(code(() => fitGbt(good, { ...good, d: 2, x: new Float64Array(40) }, { objective: 'squared' }))).toMatchObject({ code: 'BAD_SHAPE', argument: 'val.d' });
    expect(code(() => fitGbt(good, undefined, { objective: 'hinge' as 'squared' }))).toMatchObject({ code: 'OUT_OF_RANGE', argument: 'options.objective' });
    const model = fitGbt(good, undefined, { objective: 'squared', rounds: 2 });
    expect(code(() => predictGbt(model, new Float64Array(4), 1))).toMatchObject({ code: 'BAD_SHAPE', argument: 'x' });
    const ac = new AbortController();
    ac.abort();
    expect(code(() => fitGbt(good, undefined, { objective: 'squared', signal: ac.signal }))).toMatchObject({ code: 'ABORTED' });
  });
});

describe('against scikit-learn HistGradientBoosting (committed fixture, same settings)', () => {
  interface Split { d: number; xTrain: number[]; yTrain: number[]; xTest: number[]; yTest: number[] }
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/statnn/hgb.json', import.meta.url), 'utf8')) as {
    params: { max_iter: number; learning_rate: number; max_leaf_nodes: number; min_samples_leaf: number; l2_regularization: number; max_bins: number };
    classification: Split & { classes: number; accuracy: number };
    regression: Split & { mse: number; meanPredictorMse: number };
  };
  const p = fixture.params;
  // scikit-learn's max_bins counts the non-missing bins (<= 255); no depth limit; no subsampling.
  const same = { rounds: p.max_iter, learningRate: p.learning_rate, maxLeaves: p.max_leaf_nodes, maxDepth: 64, minSamplesLeaf: p.min_samples_leaf, lambda: p.l2_regularization, maxBins: p.max_bins };
  const data = (s: Split, which: 'Train' | 'Test'): GbtData => {
    const x = Float64Array.from(which === 'Train' ? s.xTrain : s.xTest);
    const y = Float64Array.from(which === 'Train' ? s.yTrain : s.yTest);
    return { x, n: y.length, d: s.d, y };
  };

  it('reaches comparable accuracy on the 3-class problem', () => {
    const c = fixture.classification;
    const test = data(c, 'Test');
    const model = fitGbt(data(c, 'Train'), undefined, { objective: 'softmax', classes: c.classes, ...same });
    const acc = accuracy(predictGbt(model, test.x, test.n), test.y, c.classes);
    console.log(`3-class accuracy: ours ${acc.toFixed(4)}, sklearn ${c.accuracy.toFixed(4)}`);
    expect(acc).toBeGreaterThanOrEqual(c.accuracy - SKLEARN_ACCURACY_SLACK);
  });

  it('reaches a comparable MSE on Friedman #1', () => {
    const r = fixture.regression;
    const test = data(r, 'Test');
    const model = fitGbt(data(r, 'Train'), undefined, { objective: 'squared', ...same });
    const ours = mse(predictGbt(model, test.x, test.n), test.y);
    console.log(`Friedman #1 test MSE: ours ${ours.toFixed(4)}, sklearn ${r.mse.toFixed(4)}, mean predictor ${r.meanPredictorMse.toFixed(4)}`);
    expect(ours).toBeLessThanOrEqual(r.mse * SKLEARN_MSE_FACTOR);
  });
});
