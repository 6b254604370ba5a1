// Pullback metric, volume element and curvature kernels, float64, with the naive or peer
// route beside each: finite differences for the metric, eigenvalues vs. Cholesky for log det,
// the Gauss-equation closed form beside the shallow m_jk form and Brioschi, tfjs autodiff.
import { Bench } from 'tinybench';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@geo/core/tf';
import {
  brioschiRicciScalar,
  createPoints,
  logVolumeElement,
  metricFromJacobian,
  mlpForward,
  mlpJacobian,
  mlpPullbackMetric,
  mlpRicciScalar,
  pullbackMetric,
  randomMlp,
  shallowRicciScalar,
} from './helpers.js';
import { mlpFeatureMap, pullbackMetric as tfPullbackMetric, registerGradients } from '../src/tf/index.js';

export default async function () {
  await initBackend({ force: 'cpu' });
  registerGradients();
  let sink = 0;
  const points = 256;
  const metric = new Bench({ name: `pullback metric of a shallow erf map on R^2, ${points} points`, time: 1000, warmupTime: 200, iterations: 3 });
  const timed: Record<string, number> = {};
  for (const width of [250, 1000, 4096]) {
    const net = randomMlp([2, width], { activation: 'erf', seed: width, biasStd: 0.5 });
    const x = createPoints(1, points, 2);
    metric.add(`closed form n=${width}`, () => {
      sink += mlpPullbackMetric(net, x).data[0] as number;
    });
    metric.add(`J then J^T J n=${width} (two passes)`, () => {
      sink += metricFromJacobian(mlpJacobian(net, x), points, width, 2).data[0] as number;
    });
    if (width <= 1000) {
      const few = x.subarray(0, 32);
      metric.add(`finite differences n=${width} (32 points)`, () => {
        sink += pullbackMetric((p) => mlpForward(net, p), few, { inputDim: 2 }).data[0] as number;
      });
    }
    if (width === 250) {
      const f = mlpFeatureMap(net);
      const xt = tf.tensor2d(Float32Array.from(x), [points, 2]);
      metric.add(`tfjs forward mode (cpu backend, float32) n=${width}`, async () => {
        const g = tfPullbackMetric(f, xt, { mode: 'forward' });
        sink += (await g.data())[0] as number;
        g.dispose();
      });
      const xt32 = tf.tensor2d(Float32Array.from(x.subarray(0, 64)), [32, 2]);
      metric.add(`tfjs reverse mode (cpu backend, float32) n=${width} (32 points)`, async () => {
        const g = tfPullbackMetric(f, xt32, { mode: 'reverse', chunkSize: 64 });
        sink += (await g.data())[0] as number;
        g.dispose();
      });
    }
  }
  const deep = randomMlp([16, 128, 128], { activation: 'gelu', seed: 3 });
  const xd = createPoints(2, 64, 16);
  metric.add('closed form d=16, 128-128 gelu, 64 points', () => {
    sink += mlpPullbackMetric(deep, xd).data[0] as number;
  });

  const volume = new Bench({ name: 'log volume element of 64 random metrics', time: 1000, warmupTime: 200, iterations: 3 });
  for (const d of [2, 16, 64, 196]) {
    const net = randomMlp([d, 2 * d + 8], { activation: 'tanh', seed: d });
    const g = mlpPullbackMetric(net, createPoints(d, 64, d));
    volume.add(`eigenvalues d=${d}`, () => {
      sink += logVolumeElement(g, { method: 'eigen' }).values[0] as number;
    });
    volume.add(`cholesky d=${d}`, () => {
      sink += logVolumeElement(g, { method: 'cholesky' }).values[0] as number;
    });
  }

  const curvature = new Bench({ name: 'Ricci scalar on R^2, 256 points', time: 1000, warmupTime: 200, iterations: 3 });
  for (const width of [64, 250]) {
    const net = randomMlp([2, width], { activation: 'erf', seed: width, biasStd: 0.5 });
    const x = createPoints(5, points, 2);
    curvature.add(`shallow m_jk closed form n=${width}`, () => {
      sink += shallowRicciScalar(net, x).values[0] as number;
    });
    curvature.add(`Gauss-equation closed form n=${width}`, () => {
      sink += mlpRicciScalar(net, x).values[0] as number;
    });
    curvature.add(`Brioschi (finite-difference metric) n=${width}`, () => {
      sink += brioschiRicciScalar(net, x).values[0] as number;
    });
  }

  return {
    benches: [metric, volume, curvature],
    figures: () => {
      for (const b of [metric, volume, curvature])
        for (const t of b.tasks) if ('latency' in t.result) timed[`${b.name ?? ''} | ${t.name}`] = t.result.latency.mean;
      const speedup = (a: string, b: string): number => (timed[b] ?? NaN) / (timed[a] ?? NaN);
      const m = metric.name ?? '';
      const c = curvature.name ?? '';
      return {
        closedFormOverTwoPass_n1000: speedup(`${m} | closed form n=1000`, `${m} | J then J^T J n=1000 (two passes)`),
        closedFormOverTfjsForward_n250: speedup(`${m} | closed form n=250`, `${m} | tfjs forward mode (cpu backend, float32) n=250`),
        shallowOverBrioschi_n250: speedup(`${c} | shallow m_jk closed form n=250`, `${c} | Brioschi (finite-difference metric) n=250`),
        ...(Number.isNaN(sink) ? { sink } : {}),
      };
    },
  };
}
