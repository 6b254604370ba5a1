// StatNN speed: feature extraction throughput (trajectories/s) for a zoo of 2-32-32-1 MLPs
// with 10 snapshots, beside a naive extractor (number[] copies, comparator sort, one
// pass per statistic); and the fit time of our histogram GBT on n = 1000 x 42 features
// (the StatNN width of a 3-layer MLP), beside an exact greedy tree (sort at every node).
import { Bench } from 'tinybench';
import { createRng } from '@geo/core';
import { trajectoryFromSnapshots } from '@geo/param-graph';
import type { Mlp, Trajectory } from '@geo/param-graph';
import { fitGbt } from '../src/leaderboard/methods/gbt/index.js';
import { statnnFeatureMatrix } from '../src/leaderboard/methods/statnn/index.js';

const ZOO = 200;
const T = 10;
const SIZES = [2, 32, 32, 1];
const N = 1000;
const D = 42;
const CLASSES = 10;

function zoo(): Trajectory[] {
  const rng = createRng(1).derive('bench-zoo');
  return Array.from({ length: ZOO }, () => {
    const snaps: Mlp[] = Array.from({ length: T }, () => ({
      sizes: SIZES,
      activation: 'sin',
      weights: SIZES.slice(1).map((o, l) => rng.fillNormal(new Float64Array(o * (SIZES[l] as number)))),
      biases: SIZES.slice(1).map((o) => rng.fillNormal(new Float64Array(o))),
    }));
    return trajectoryFromSnapshots(snaps, Array.from({ length: T }, (_, t) => t));
  });
}

/** The naive extractor: what one writes first (arrays, comparator sort, a pass per statistic). */
function naiveFeatures(trajs: readonly Trajectory[]): number[][] {
  return trajs.map((tr) => {
    const row: number[] = [];
    const t = tr.steps.length - 1;
    for (let l = 0; l + 1 < tr.sizes.length; l++) {
      const nIn = tr.sizes[l] as number;
      const nOut = tr.sizes[l + 1] as number;
      for (const v of [Array.from(tr.weights[l]?.subarray(t * nOut * nIn, (t + 1) * nOut * nIn) ?? []), Array.from(tr.biases[l]?.subarray(t * nOut, (t + 1) * nOut) ?? [])]) {
        const mean = v.reduce((a, b) => a + b, 0) / v.length;
        const variance = v.map((x) => (x - mean) ** 2).reduce((a, b) => a + b, 0) / v.length;
        const quantile = (q: number): number => {
          const s = [...v].sort((a, b) => a - b);
          const h = (s.length - 1) * q;
          return (s[Math.floor(h)] as number) + (h - Math.floor(h)) * ((s[Math.ceil(h)] as number) - (s[Math.floor(h)] as number));
        };
        row.push(mean, variance, ...[0, 0.25, 0.5, 0.75, 1].map(quantile));
      }
    }
    return row;
  });
}

/** Exact greedy squared-loss tree (depth-wise, every threshold between sorted values): the peer without histograms. */
function exactTree(x: Float64Array, r: Float64Array, rows: number[], depth: number, minLeaf: number): number {
  if (depth === 0 || rows.length < 2 * minLeaf) return 1;
  let total = 0;
  for (const i of rows) total += r[i] as number;
  let best = 0;
  let bestF = -1;
  let bestAt = 0;
  let bestOrder: number[] = [];
  for (let f = 0; f < D; f++) {
    const order = [...rows].sort((a, b) => (x[a * D + f] as number) - (x[b * D + f] as number));
    let gl = 0;
    for (let k = 0; k + 1 < order.length; k++) {
      gl += r[order[k] as number] as number;
      const nl = k + 1;
      const nr = order.length - nl;
      if (nl < minLeaf || nr < minLeaf) continue;
      const gain = (gl * gl) / nl + ((total - gl) * (total - gl)) / nr - (total * total) / order.length;
      if (gain > best) {
        best = gain;
        bestF = f;
        bestAt = nl;
        bestOrder = order;
      }
    }
  }
  if (bestF < 0) return 1;
  return exactTree(x, r, bestOrder.slice(0, bestAt), depth - 1, minLeaf) + exactTree(x, r, bestOrder.slice(bestAt), depth - 1, minLeaf);
}

export default async function () {
  const trajs = zoo();
  const rng = createRng(2).derive('bench-gbt');
  const x = rng.fillNormal(new Float64Array(N * D));
  const proj = rng.fillNormal(new Float64Array(CLASSES * D));
  const yClass = new Float64Array(N);
  const yReg = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let best = 0;
    let bestV = -Infinity;
    for (let k = 0; k < CLASSES; k++) {
      let v = 0;
      for (let f = 0; f < D; f++) v += (proj[k * D + f] as number) * (x[i * D + f] as number);
      if (v > bestV) {
        bestV = v;
        best = k;
      }
    }
    yClass[i] = best;
    yReg[i] = Math.sin(x[i * D] as number) + (x[i * D + 1] as number) ** 2 + 0.1 * rng.normal();
  }
  const train = { x, n: N, d: D, y: yClass };
  const trainReg = { x, n: N, d: D, y: yReg };
  let sink = 0;

  const features = new Bench({ name: `StatNN features of ${ZOO} trajectories (2-32-32-1, T = ${T})`, time: 2000, warmupTime: 300 });
  features
    .add('statnnFeatureMatrix, last snapshot', () => {
      sink += statnnFeatureMatrix(trajs).x[0] as number;
    })
    .add('statnnFeatureMatrix, 8 even snapshots (temporal)', () => {
      sink += statnnFeatureMatrix(trajs, { kind: 'even', count: 8 }).x[0] as number;
    })
    .add('naive extractor, last snapshot', () => {
      sink += naiveFeatures(trajs)[0]?.[0] as number;
    });

  const gbt = new Bench({ name: `GBT fit on n = ${N} x ${D} features`, time: 5000, warmupTime: 500, iterations: 3 });
  gbt
    .add(`softmax ${CLASSES} classes, 50 rounds (500 trees, 31 leaves, depth 6)`, () => {
      sink += fitGbt(train, undefined, { objective: 'softmax', classes: CLASSES, rounds: 50 }).trees.length;
    })
    .add('squared, 100 rounds (100 trees)', () => {
      sink += fitGbt(trainReg, undefined, { objective: 'squared', rounds: 100 }).trees.length;
    })
    .add('squared, 1 tree (depth 6, no leaf limit)', () => {
      sink += fitGbt(trainReg, undefined, { objective: 'squared', rounds: 1, maxLeaves: 64, minSamplesLeaf: 5 }).trees.length;
    })
    .add('exact greedy tree (depth 6), peer without histograms', () => {
      sink += exactTree(x, yReg, Array.from({ length: N }, (_, i) => i), 6, 5);
    });

  return {
    benches: [features, gbt],
    figures: () => {
      const ms = (b: Bench, name: string): number => {
        const r = b.getTask(name)?.result;
        return r !== undefined && 'latency' in r ? (r.latency.p50 ?? r.latency.mean) : Number.NaN;
      };
      const lastMs = ms(features, 'statnnFeatureMatrix, last snapshot');
      const naiveMs = ms(features, 'naive extractor, last snapshot');
      const softmaxMs = ms(gbt, `softmax ${CLASSES} classes, 50 rounds (500 trees, 31 leaves, depth 6)`);
      const oneTreeMs = ms(gbt, 'squared, 1 tree (depth 6, no leaf limit)');
      const figures: Record<string, number> = {
        features_trajectories_per_s: (1000 * ZOO) / lastMs,
        temporal8_trajectories_per_s: (1000 * ZOO) / ms(features, 'statnnFeatureMatrix, 8 even snapshots (temporal)'),
        naive_features_trajectories_per_s: (1000 * ZOO) / naiveMs,
        features_speedup_over_naive: naiveMs / lastMs,
        gbt_softmax10_50rounds_ms: softmaxMs,
        gbt_ms_per_tree_softmax: softmaxMs / (50 * CLASSES),
        gbt_squared_100rounds_ms: ms(gbt, 'squared, 100 rounds (100 trees)'),
        gbt_one_tree_ms: oneTreeMs,
        exact_tree_ms: ms(gbt, 'exact greedy tree (depth 6), peer without histograms'),
        one_tree_speedup_over_exact: ms(gbt, 'exact greedy tree (depth 6), peer without histograms') / oneTreeMs,
      };
      if (Number.isNaN(sink)) figures['sink'] = sink;
      return figures;
    },
  };
}
