// The cost the geo-bench leaderboard budgets GTH-GMN with: one Adam step's forward +
// backward per trajectory of k = 6 SIREN 2-32-32-1 snapshots (the cpu scale reads 6 of the
// stored 90), batches of 1 and 16 trajectories, for the package default (D = 16, two heads
// of 8, GRU width 16) and the leaderboard's small model (D = 8, one head of 8, GRU width 8),
// plus the forward pass alone (validation and test predictions). WASM backend. Figures: ms
// per trajectory, and ms per snapshot graph (what an epoch costs per trajectory and snapshot).
import * as tf from '@tensorflow/tfjs-core';
import { Bench } from 'tinybench';
import { createRng } from '@geo/core';
import { initBackend } from '@geo/core/tf';
import { initSiren, trajectoryFromSnapshots } from '@geo/param-graph';
import type { Mlp, Trajectory } from '@geo/param-graph';
import { GthGmn, prepareBatch, registerGradients, taskLoss } from '../src/tf/index.js';
import type { GthGmnConfigInput } from '../src/index.js';

const K = 6;
const SMALL: GthGmnConfigInput = { hiddenDim: 8, heads: 1, headDim: 8, gruDim: 8, headHidden: 32 };

/** A SIREN 2-32-32-1 trajectory: initSiren, then K - 1 seeded random-walk steps. */
function sirenTrajectory(seed: number): Trajectory {
  const rng = createRng(seed).derive('bench-walk');
  let m: Mlp = initSiren([2, 32, 32, 1], { seed });
  const snaps: Mlp[] = [m];
  for (let t = 1; t < K; t++) {
    m = { ...m, weights: m.weights.map((w) => w.map((x) => x + 0.05 * rng.normal())), biases: m.biases.map((b) => b.map((x) => x + 0.05 * rng.normal())) };
    snaps.push(m);
  }
  return trajectoryFromSnapshots(snaps, snaps.map((_, t) => t), { labels: { class: seed % 10 } });
}

interface Case {
  readonly name: string;
  readonly config: GthGmnConfigInput;
  readonly batch: number;
  readonly backward: boolean;
}

const CASES: Case[] = [
  { name: 'default fwd+bwd B=1', config: {}, batch: 1, backward: true },
  { name: 'default fwd+bwd B=16', config: {}, batch: 16, backward: true },
  { name: 'small fwd+bwd B=1', config: SMALL, batch: 1, backward: true },
  { name: 'small fwd+bwd B=16', config: SMALL, batch: 16, backward: true },
  { name: 'small fwd only B=16', config: SMALL, batch: 16, backward: false },
  { name: 'small static (last snapshot) fwd+bwd B=16', config: { ...SMALL, snapshots: 'last' }, batch: 16, backward: true },
];

export default async function () {
  await initBackend({ order: ['wasm'] });
  registerGradients();
  const trajectories = Array.from({ length: 16 }, (_, i) => sirenTrajectory(i + 1));
  const bench = new Bench({ name: `GTH-GMN leaderboard budget, k=${K} SIREN 2-32-32-1 snapshots (${tf.getBackend()})`, time: 2000, warmupTime: 300, iterations: 4 });
  let sink = 0;
  for (const cs of CASES) {
    const model = new GthGmn({ ...cs.config, outputs: 10 }, 1);
    const trs = trajectories.slice(0, cs.batch);
    const batch = prepareBatch(trs, model.prepareOptions);
    const labels = trs.map((_, i) => i % 10);
    model.ensureHead(batch.groupsPerGraph);
    const vars = model.variables;
    const step = (): void => {
      if (cs.backward) {
        const { value, grads } = tf.variableGrads(() => taskLoss(model.forward(batch).output, labels, 'classification'), vars);
        sink += value.dataSync()[0] as number;
        tf.dispose([value, ...Object.values(grads)]);
      } else {
        sink += tf.tidy(() => model.forward(batch).output.dataSync()[0] as number);
      }
    };
    step();
    bench.add(cs.name, step);
  }
  return {
    benches: [bench],
    figures: () => {
      const out: Record<string, number> = {};
      for (const cs of CASES) {
        const r = bench.tasks.find((t) => t.name === cs.name)?.result;
        const mean = r !== undefined && 'latency' in r ? r.latency.mean : Number.NaN;
        const graphs = cs.config.snapshots === 'last' ? 1 : K;
        out[`${cs.name}: ms per trajectory`] = mean / cs.batch;
        out[`${cs.name}: ms per snapshot graph`] = mean / cs.batch / graphs;
      }
      out['sink'] = sink === 0 ? 0 : 1;
      return out;
    },
  };
}
