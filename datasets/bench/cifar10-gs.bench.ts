// cifar10-gs throughput: one minibatch training step and one held-out evaluation of the
// zoo's MLPs, at the cpu scale's 8 x 8 inputs and the paper scale's 32 x 32; with the
// hyperparameters the plans draw, these give CPU-hours per zoo.
import { Bench } from 'tinybench';
import { createRng } from '@geo/core';
import { CIFAR10_GS_PROTOCOLS, cifar10GsHyperparameters, createClassifierEvaluator, createFusedMlp, dropoutMaskLength, initParams, zooPlan } from '../src/index.js';
import type { MlpArch } from '../src/index.js';

const BATCH = 64;
const HELD_OUT = 10000;

function setup(side: number): { step: () => number; evaluate: () => number } {
  const arch: MlpArch = { sizes: [side * side, 32, 32, 10], activation: 'relu' };
  const rng = createRng(1);
  const pool = 4000;
  const inputs = rng.fillNormal(new Float64Array(pool * side * side));
  const labels = Float64Array.from({ length: pool }, () => rng.int(0, 9));
  const engine = createFusedMlp(arch, inputs, 'cross-entropy');
  const params = initParams(arch, 'pytorch', rng);
  const grad = new Float64Array(params.length);
  const perm = rng.permutation(pool);
  const keep = Float64Array.from({ length: dropoutMaskLength(arch, BATCH) }, () => (rng.uniform() < 0.2 ? 0 : 1.25));
  let at = 0;
  const heldOut = createClassifierEvaluator(arch, rng.fillNormal(new Float64Array(HELD_OUT * side * side)), Float64Array.from({ length: HELD_OUT }, () => rng.int(0, 9)));
  return {
    step: () => {
      at = (at + BATCH) % (pool - BATCH);
      return engine.lossAndGradient(params, 0, labels, 0, grad, 0, { rows: perm.subarray(at, at + BATCH), keep });
    },
    evaluate: () => heldOut.score(params).correct,
  };
}

/** Mean (steps x batch) and (T x (held-out + train size)) of a plan's first 500 models. */
function meanWork(scale: 'cpu' | 'paper'): { examples: number; evaluated: number } {
  const plan = zooPlan('cifar10-gs', scale);
  let examples = 0;
  let evaluated = 0;
  for (let i = 0; i < 500; i++) {
    const h = cifar10GsHyperparameters(plan, i);
    examples += h.steps * Math.min(h.batchSize, h.trainSize);
    evaluated += CIFAR10_GS_PROTOCOLS[scale].snapshots * (HELD_OUT + h.trainSize);
  }
  return { examples: examples / 500, evaluated: evaluated / 500 };
}

export default async function () {
  const small = setup(8);
  const large = setup(32);
  let sink = 0;
  const bench = new Bench({ name: 'cifar10-gs: MLP in-32-32-10 (relu, dropout 0.2), fused engine', time: 3000, warmupTime: 200 });
  const names = {
    step8: 'minibatch step, 64 inputs (8 x 8), batch 64',
    eval8: 'held-out evaluation, 64 inputs, 10,000 images',
    step32: 'minibatch step, 1,024 inputs (32 x 32), batch 64',
    eval32: 'held-out evaluation, 1,024 inputs, 10,000 images',
  };
  bench.add(names.step8, () => void (sink += small.step()));
  bench.add(names.eval8, () => void (sink += small.evaluate()));
  bench.add(names.step32, () => void (sink += large.step()));
  bench.add(names.eval32, () => void (sink += large.evaluate()));
  return {
    benches: [bench],
    figures: () => {
      const ms = (name: string): number => {
        const r = bench.getTask(name)?.result;
        return r !== undefined && 'latency' in r ? (r.latency.p50 ?? r.latency.mean) : Number.NaN;
      };
      const cpu = meanWork('cpu');
      const paper = meanWork('paper');
      // Seconds per model = examples x (step time / batch) + evaluated points x (evaluation time / 10,000).
      const perModel = (w: { examples: number; evaluated: number }, step: number, ev: number): number => (w.examples * step) / BATCH / 1000 + (w.evaluated * ev) / HELD_OUT / 1000;
      const cpuSeconds = perModel(cpu, ms(names.step8), ms(names.eval8));
      const paperSeconds = perModel(paper, ms(names.step32), ms(names.eval32));
      const figures: Record<string, number> = {
        steps_per_second_8x8: 1000 / ms(names.step8),
        steps_per_second_32x32: 1000 / ms(names.step32),
        cpu_seconds_per_model: cpuSeconds,
        cpu_zoo_minutes_one_core: (1000 * cpuSeconds) / 60,
        paper_seconds_per_model: paperSeconds,
        paper_zoo_hours_one_core: (30000 * paperSeconds) / 3600,
      };
      if (Number.isNaN(sink)) figures['sink'] = sink;
      return figures;
    },
  };
}
