// Zoo throughput: one model of each zoo trained with its full protocol (snapshots, early
// stopping) through trainZooModel, as generateZoo does; models per hour per core follow.
import { Bench } from 'tinybench';
import { loadDataset } from '../src/index.js';
import { trainZooModel, zooInputs, zooPlan } from '../src/index.js';

export default async function () {
  const sample = await loadDataset('mnist', { split: 'sample', env: {} });
  const inr = zooPlan('mnist-inr', 'paper');
  const sine = zooPlan('sine', 'paper');
  const inrInputs = zooInputs(inr);
  const sineInputs = zooInputs(sine);
  const inrModel = { index: 0, split: 'train' as const, source: 0, sourceSplit: 'sample' as const };
  let k = 0;
  let sink = 0;
  const bench = new Bench({ name: 'one zoo model, full protocol (T = 90 snapshots)', time: 4000, iterations: 3, warmupTime: 0, warmupIterations: 1 });
  bench.add('mnist-inr model (SIREN 2-32-32-1, up to 1,000 Adam steps, 784 points)', () => {
    sink += trainZooModel(inr, inrModel, inrInputs, { sample }).steps.length;
  });
  bench.add('sine model (SIREN 1-32-32-1, up to 1,500 Adam steps, 2,000 points)', () => {
    // A different wave each time: their early stops differ, the mean is what a zoo sees.
    sink += trainZooModel(sine, { index: k++, split: 'train', source: 0, sourceSplit: 'train' }, sineInputs, {}).steps.length;
  });
  return {
    benches: [bench],
    figures: () => {
      const ms = (name: string): number => {
        const r = bench.getTask(name)?.result;
        return r !== undefined && 'latency' in r ? (r.latency.p50 ?? r.latency.mean) : Number.NaN;
      };
      const inrMs = ms('mnist-inr model (SIREN 2-32-32-1, up to 1,000 Adam steps, 784 points)');
      const sineMs = ms('sine model (SIREN 1-32-32-1, up to 1,500 Adam steps, 2,000 points)');
      const figures: Record<string, number> = {
        inr_seconds_per_model: inrMs / 1000,
        inr_models_per_hour_per_core: 3.6e6 / inrMs,
        sine_seconds_per_model: sineMs / 1000,
        sine_models_per_hour_per_core: 3.6e6 / sineMs,
        // Paper scale on one core, hours (upper bound for INR: this model runs all 1,000 steps).
        inr_paper_hours_one_core: (70000 * inrMs) / 3.6e6,
        sine_paper_hours_one_core: (10000 * sineMs) / 3.6e6,
      };
      if (Number.isNaN(sink)) figures['sink'] = sink;
      return figures;
    },
  };
}
