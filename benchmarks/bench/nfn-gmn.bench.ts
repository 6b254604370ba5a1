// NFN-NP and GMN training speed: one epoch (minibatches of 32, Adam, cpu-scale widths) on 256
// random SIREN 2-32-32-1 INRs, trajectories/s, on the WASM backend (GEO_BACKEND overrides),
// with inference throughput beside each (forward only, no tape) as the reference point, and
// the GMN at the paper's width (d = 32, 4 layers) beside the cpu-scale one.
import * as tf from '@tensorflow/tfjs-core';
import { Bench } from 'tinybench';
import { initBackend } from '@geo/core/tf';
import { registerGradients } from '@geo/gth-gmn/tf';
import type { MetaTaskSpec } from '../src/leaderboard/method.js';
import { GMN_DEFAULTS, GmnModel, lastSnapshotGraph } from '../src/leaderboard/methods/gmn/index.js';
import { NFN_NP_DEFAULTS, NfnNpModel, standardiseLast } from '../src/leaderboard/methods/nfn-np/index.js';
import { layerStats } from '../src/leaderboard/methods/tf-training/layer-stats.js';
import { fixedArchitecture, sizesKey } from '../src/leaderboard/methods/tf-training/setup.js';
import { randomSirenZoo } from '../src/leaderboard/methods/tf-training/synthetic-zoo.js';
import type { BatchModel, PreparedSet } from '../src/leaderboard/methods/tf-training/train-loop.js';
import { predictSet, trainWithValidation } from '../src/leaderboard/methods/tf-training/train-loop.js';

const N = 256;
const SIZES = [2, 32, 32, 1];
const CLASSES = 10;
const spec: MetaTaskSpec = { task: 'bench', kind: 'classification', outputs: CLASSES };

export default async () => {
  const backend = await initBackend({ force: (process.env['GEO_BACKEND'] as 'cpu' | 'wasm' | 'tensorflow' | undefined) ?? 'wasm' });
  registerGradients();
  const zoo = randomSirenZoo(N, 0, SIZES, CLASSES);
  const arch = fixedArchitecture(zoo.trajectories[0] as (typeof zoo.trajectories)[number]);
  const stats = layerStats(zoo.trajectories);
  const groups = zoo.trajectories.map(sizesKey);
  const nfnSet: PreparedSet<ReturnType<typeof standardiseLast>[]> = { data: zoo.trajectories.map((t) => standardiseLast(t, stats)), count: N, groups };
  const gmnSet: PreparedSet<ReturnType<typeof lastSnapshotGraph>[]> = { data: zoo.trajectories.map(lastSnapshotGraph), count: N, groups };
  const nfnOptions = NFN_NP_DEFAULTS.cpu;
  const gmnOptions = GMN_DEFAULTS.cpu;
  const nfn = new NfnNpModel(arch, nfnOptions, CLASSES, 0);
  const net = new GmnModel(arch, stats, gmnOptions, CLASSES, 0);
  // the paper-scale GMN width beside the cpu one: the per-edge products grow as d^2
  const wide = new GmnModel(arch, stats, { ...gmnOptions, width: 32, layers: 4 }, CLASSES, 0);
  const empty = { data: [], count: 0, groups: [] };
  const epoch = <D>(model: BatchModel<D>, set: PreparedSet<D>, batchSize: number, learningRate: number) => () =>
    trainWithValidation(model, set, zoo.targets, { ...empty, data: set.data }, new Float64Array(0), spec, { maxEpochs: 1, patience: 1, batchSize, learningRate, seed: 0 }).then(() => undefined);

  const bench = new Bench({ name: `one epoch on ${N} SIREN ${SIZES.join('-')} INRs (${backend.name}, cpu-scale widths)`, iterations: 3, warmupIterations: 1, time: 0, warmupTime: 0 });
  bench
    .add(`nfn-np train epoch (c=${nfnOptions.channels}, ${nfnOptions.npLayers} NP layers)`, epoch(nfn, nfnSet, nfnOptions.batchSize, nfnOptions.learningRate))
    .add(`nfn-np predict ${N}`, () => void predictSet(nfn, nfnSet, CLASSES, 64, null))
    .add(`gmn train epoch (d=${gmnOptions.width}, ${gmnOptions.layers} layers)`, epoch(net, gmnSet, gmnOptions.batchSize, gmnOptions.learningRate))
    .add(`gmn predict ${N}`, () => void predictSet(net, gmnSet, CLASSES, 64, null))
    .add('gmn-wide train epoch (d=32, 4 layers)', epoch(wide, gmnSet, gmnOptions.batchSize, gmnOptions.learningRate));

  const perSecond = (name: string): number => {
    const task = bench.tasks.find((t) => t.name.startsWith(name));
    const r = task?.result;
    return r !== undefined && 'latency' in r ? N / (r.latency.mean / 1000) : Number.NaN;
  };
  return {
    benches: [bench],
    figures: () => {
      const f = {
        nfnNpTrainTrajectoriesPerSec: perSecond('nfn-np train'),
        nfnNpPredictTrajectoriesPerSec: perSecond('nfn-np predict'),
        gmnTrainTrajectoriesPerSec: perSecond('gmn train'),
        gmnPredictTrajectoriesPerSec: perSecond('gmn predict'),
        gmnWideTrainTrajectoriesPerSec: perSecond('gmn-wide train'),
        nfnNpParameters: nfn.store.size,
        gmnParameters: net.store.size,
        tensorsLeft: tf.memory().numTensors - nfn.variables.length - net.variables.length - wide.variables.length,
      };
      return { ...f, nfnOverGmnTrainSpeed: f.nfnNpTrainTrajectoriesPerSec / f.gmnTrainTrajectoriesPerSec };
    },
  };
};
