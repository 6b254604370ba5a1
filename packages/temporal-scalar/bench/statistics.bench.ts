// Snapshot features of a 784-32-10 MLP, Lyapunov estimators and the skew-lognormal fit.
import { Bench } from 'tinybench';
import { createRng, eigh, gemm } from '@geo/core';
import {
  adjacencySpectrum,
  alignHiddenUnits,
  pairwiseDistances,
  fitSkewLognormal,
  kantz,
  logisticMap,
  lorenz,
  maxLyapunov,
  meanPeriod,
  permuteHiddenUnits,
  rosenstein,
  sampleSkewLognormal,
  separation,
  seriesEmbeddingRules,
} from '../src/index.js';
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
  // Baseline: all eigenvalues of the full 828 x 828 signed adjacency (what the bipartite shortcut avoids).
  const n = 784 + 32 + 10 + 2;
  const full = new Float64Array(n * n);
  const link = (u: number, v: number, w: number): void => {
    full[u * n + v] = w;
    full[v * n + u] = w;
  };
  for (let i = 0; i < 32; i++) {
    for (let j = 0; j < 784; j++) link(j, 784 + i, (net.weights[0] as Float64Array)[i * 784 + j] as number);
    link(826, 784 + i, (net.biases[0] as Float64Array)[i] as number);
  }
  for (let c = 0; c < 10; c++) {
    for (let i = 0; i < 32; i++) link(784 + i, 816 + c, (net.weights[1] as Float64Array)[c * 32 + i] as number);
    link(827, 816 + c, (net.biases[1] as Float64Array)[c] as number);
  }
  bench.add('baseline: eigh of the full 828 x 828 adjacency (values only)', () => {
    sink += eigh(full, n, { vectors: false }).values[0] as number;
  });
  // Trajectory distances: explicit differences (ours, exact for twins) vs the Gram identity through gemm.
  const T = 200;
  const P = 25450;
  const traj = createRng(5).fillNormal(new Float64Array(T * P));
  bench.add('pairwiseDistances T=200 P=25450 (explicit differences)', () => {
    sink += pairwiseDistances(traj, T, P)[1] as number;
  });
  const trajT = new Float64Array(P * T);
  for (let t = 0; t < T; t++) for (let k = 0; k < P; k++) trajT[k * T + t] = traj[t * P + k] as number;
  const gram = new Float64Array(T * T);
  bench.add('baseline: Gram identity via gemm T=200 P=25450 (loses twins)', () => {
    gemm(traj, trajT, T, P, T, gram);
    sink += Math.sqrt(Math.max(0, (gram[0] as number) + (gram[T + 1] as number) - 2 * (gram[1] as number)));
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
  // Embedding-parameter rules on the Lorenz x series (dt = 0.01).
  const lorenzState = lorenz([1, 1, 1], 22_000, 0.01).subarray(3 * 2000);
  const lorenzX = Float64Array.from({ length: 20_000 }, (_, i) => lorenzState[3 * i] as number);
  bench.add('seriesEmbeddingRules Lorenz x N=2e4 (AMI, FNN m<=10, mean period)', () => {
    sink += seriesEmbeddingRules(lorenzX).m;
  });
  const x4096 = lorenzX.subarray(0, 4096);
  bench.add('meanPeriod N=4096 (radix-2 FFT)', () => {
    sink += meanPeriod(x4096);
  });
  // Baseline: the same mean frequency from a direct O(N^2) DFT.
  bench.add('baseline: mean period by direct DFT N=4096', () => {
    const n = x4096.length;
    let mean = 0;
    for (const v of x4096) mean += v;
    mean /= n;
    let power = 0;
    let moment = 0;
    for (let k = 1; k <= n / 2; k++) {
      let re = 0;
      let im = 0;
      for (let t = 0; t < n; t++) {
        const a = (-2 * Math.PI * k * t) / n;
        re += ((x4096[t] as number) - mean) * Math.cos(a);
        im += ((x4096[t] as number) - mean) * Math.sin(a);
      }
      power += re * re + im * im;
      moment += (k / n) * (re * re + im * im);
    }
    sink += power / moment;
  });
  return {
    benches: [bench],
    figures: () => {
      const mean = (name: string): number => {
        const r = bench.tasks.find((t) => t.name === name)?.result;
        return r !== undefined && 'latency' in r ? r.latency.mean : NaN;
      };
      const spectrumSpeedup = mean('baseline: eigh of the full 828 x 828 adjacency (values only)') / mean('adjacencySpectrum 784-32-10 (one-sided Jacobi, 33 x 795)');
      const gramRatio = mean('pairwiseDistances T=200 P=25450 (explicit differences)') / mean('baseline: Gram identity via gemm T=200 P=25450 (loses twins)');
      const fftSpeedup = mean('baseline: mean period by direct DFT N=4096') / mean('meanPeriod N=4096 (radix-2 FFT)');
      return { spectrumSpeedupOverFullEigh: spectrumSpeedup, explicitOverGramTime: gramRatio, meanPeriodFftSpeedup: fftSpeedup, ...(Number.isNaN(sink) ? { sink } : {}) };
    },
  };
}
