// Forward + backward time per trajectory of T = 16 snapshots of SIREN 2-32-32-1 graphs
// (70 nodes each) on the WASM backend: the default model (hyperbolic, GRU kernels, all
// snapshots in one batched pass) beside the literal per-snapshot recursion (the unfused
// baseline), the forward pass alone and the fixed-kernel and Euclidean ablations, with
// batches of 1 and 8 trajectories. Figures: ms per trajectory, kernels per call, and the
// share of op dispatch, estimated from the batch sweep: wall(B) = a + b B
// (a = the fixed per-call cost: dispatch, since the kernel count does not grow with B),
// share = a / wall(1). (The sum of tf.profile kernel times exceeds the unprofiled wall time
// here, profiling inflates each tiny kernel, so it cannot give the share.)
import * as tf from '@tensorflow/tfjs-core';
import { Bench } from 'tinybench';
import { createRng } from '@geo/core';
import { initBackend } from '@geo/core/tf';
import { initSiren, trajectoryFromSnapshots } from '@geo/param-graph';
import type { Mlp, Trajectory } from '@geo/param-graph';
import { GthGmn, prepareBatch, registerGradients, taskLoss } from '../src/tf/index.js';
import type { GthGmnConfigInput } from '../src/index.js';

const T = 16;

/** A SIREN 2-32-32-1 trajectory: initSiren, then T - 1 small seeded random-walk steps. */
function sirenTrajectory(seed: number): Trajectory {
  const rng = createRng(seed).derive('bench-walk');
  let m: Mlp = initSiren([2, 32, 32, 1], { seed });
  const snaps: Mlp[] = [m];
  for (let t = 1; t < T; t++) {
    m = {
      ...m,
      weights: m.weights.map((w) => w.map((x) => x + 0.01 * rng.normal())),
      biases: m.biases.map((b) => b.map((x) => x + 0.01 * rng.normal())),
    };
    snaps.push(m);
  }
  return trajectoryFromSnapshots(snaps, snaps.map((_, t) => t), { labels: { class: seed % 2 } });
}

interface Case {
  readonly name: string;
  readonly config: GthGmnConfigInput;
  readonly batch: number;
  readonly backward: boolean;
  readonly sequential?: boolean;
}

const CASES: Case[] = [
  { name: 'gth-gmn fwd+bwd B=1', config: {}, batch: 1, backward: true },
  { name: 'per-snapshot recursion fwd+bwd B=1', config: {}, batch: 1, backward: true, sequential: true },
  { name: 'per-snapshot recursion fwd+bwd B=8', config: {}, batch: 8, backward: true, sequential: true },
  { name: 'gth-gmn fwd only B=1', config: {}, batch: 1, backward: false },
  { name: 'gth-gmn fwd+bwd B=8', config: {}, batch: 8, backward: true },
  { name: 'fixed kernels fwd+bwd B=1', config: { kernelEvolution: 'fixed' }, batch: 1, backward: true },
  { name: 'euclidean fwd+bwd B=1', config: { geometry: 'euclidean' }, batch: 1, backward: true },
];

export default async function () {
  await initBackend({ order: ['wasm'] });
  registerGradients();
  const trajectories = Array.from({ length: 8 }, (_, i) => sirenTrajectory(i + 1));
  const bench = new Bench({ name: `GTH-GMN forward+backward, T=${T} SIREN 2-32-32-1 snapshots (${tf.getBackend()})`, time: 2000, warmupTime: 300, iterations: 4 });
  const kernelCount = new Map<string, number>();
  let sink = 0;
  for (const cs of CASES) {
    const model = new GthGmn({ ...cs.config, outputs: 2 }, 1);
    const trs = trajectories.slice(0, cs.batch);
    const batch = prepareBatch(trs, model.prepareOptions);
    const labels = trs.map((_, i) => i % 2);
    model.ensureHead(batch.groupsPerGraph);
    const vars = model.variables;
    const step = (): void => {
      if (cs.backward) {
        const { value, grads } = tf.variableGrads(() => taskLoss(model.forward(batch, { sequential: cs.sequential === true }).output, labels, 'classification'), vars);
        sink += value.dataSync()[0] as number;
        tf.dispose([value, ...Object.values(grads)]);
      } else {
        sink += tf.tidy(() => model.forward(batch, { sequential: cs.sequential === true }).output.dataSync()[0] as number);
      }
    };
    step();
    const info = await tf.profile(step);
    kernelCount.set(cs.name, info.kernels.length);
    bench.add(cs.name, step);
  }
  return {
    benches: [bench],
    figures: () => {
      const out: Record<string, number> = {};
      const wall = (name: string): number => {
        const r = bench.tasks.find((t) => t.name === name)?.result;
        return r !== undefined && 'latency' in r ? r.latency.mean : Number.NaN;
      };
      for (const [label, one, eight] of [
        ['batched', 'gth-gmn fwd+bwd B=1', 'gth-gmn fwd+bwd B=8'],
        ['per-snapshot', 'per-snapshot recursion fwd+bwd B=1', 'per-snapshot recursion fwd+bwd B=8'],
      ] as const) {
        const w1 = wall(one);
        const w8 = wall(eight);
        out[`${label}: dispatch share at B=1 from the batch sweep`] = (8 * w1 - w8) / 7 / w1;
      }
      out['speed-up of the batched pass over the per-snapshot recursion (B=1)'] = wall('per-snapshot recursion fwd+bwd B=1') / wall('gth-gmn fwd+bwd B=1');
      for (const cs of CASES) {
        const mean = wall(cs.name);
        out[`${cs.name}: ms per trajectory`] = mean / cs.batch;
        out[`${cs.name}: kernels per call`] = kernelCount.get(cs.name) ?? Number.NaN;
      }
      out['sink'] = sink === 0 ? 0 : 1;
      return out;
    },
  };
}
