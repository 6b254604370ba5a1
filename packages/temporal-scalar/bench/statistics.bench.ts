// Snapshot features of a 784-32-10 MLP, Lyapunov estimators and the skew-lognormal fit.
import { Bench } from 'tinybench';
import { createRng } from '@geo/core';
import { adjacencySpectrum, alignHiddenUnits, fitSkewLognormal, kantz, logisticMap, maxLyapunov, permuteHiddenUnits, rosenstein, sampleSkewLognormal, separation } from '../src/index.js';
import type { MlpWeights } from '../src/index.js';

function mlp(sizes: number[], seed: number): MlpWeights {
  const rng = createRng(seed);
  return {
    sizes,
    weights: sizes.slice(1).map((n, l) => rng.fillNormal(new Float64Array(n * (sizes[l] as number)))),
    biases: sizes.slice(1).map((n) => rng.fillNormal(new Float64Array(n))),
  };
}

export default async function () {
  const bench = new Bench({ name: 'features, Lyapunov estimators, skew-lognormal fit', time: 1500, warmupTime: 200, iterations: 3 });
  let sink = 0;
  const net = mlp([784, 32, 10], 1);
  const relabelled = permuteHiddenUnits(net, [createRng(2).permutation(32)]);
  bench.add('adjacencySpectrum 784-32-10 (one-sided Jacobi, 33 x 795)', () => {
    sink += adjacencySpectrum(net)[0] as number;
  });
  bench.add('alignHiddenUnits 784-32-10 (Hungarian)', () => {
    sink += alignHiddenUnits(relabelled, net).perms.length;
  });
  const rng = createRng(3);
  const seps: Float64Array[] = [];
  for (let p = 0; p < 200; p++) {
    const x0 = logisticMap(0.05 + 0.9 * rng.uniform(), 100)[99] as number;
    seps.push(separation(logisticMap(x0, 60), logisticMap(x0 + 1e-12, 60), 60, 1));
  }
  bench.add('maxLyapunov 200 pairs x 60, bootstrap 2000', () => {
    sink += maxLyapunov(seps).lambda;
  });
  const series = logisticMap(0.3, 3000);
  bench.add('rosenstein N=3000', () => {
    sink += rosenstein(series, { maxSteps: 20 }).lambda;
  });
  bench.add('kantz N=3000 eps=1e-3', () => {
    sink += kantz(series, { maxSteps: 20, epsilon: 1e-3 }).lambda;
  });
  const samples = sampleSkewLognormal({ xi: 1, omega: 0.5, alpha: 3 }, 10_000, 1);
  bench.add('fitSkewLognormal n=1e4 (with KS)', () => {
    sink += fitSkewLognormal(samples).params.alpha;
  });
  return { benches: [bench], figures: () => (Number.isNaN(sink) ? { sink } : {}) };
}
