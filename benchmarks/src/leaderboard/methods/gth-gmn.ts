// GTH-GMN and its ablations as leaderboard methods: mini-batch Adam on the task loss (each
// mini-batch of one architecture: zoos may vary widths), model selection on the validation
// split (best epoch kept, early stop after `patience` epochs without improvement),
// predictions in the targets' units.
import * as tf from '@tensorflow/tfjs-core';
import { GeoError, createRng } from '@geo/core';
import type { GthGmnConfigInput } from '@geo/gth-gmn';
import { GthGmn, graphObjective, hasGraphObjective, predict, prepareBatch, taskLoss } from '@geo/gth-gmn/tf';
import type { PreparedBatch } from '@geo/gth-gmn/tf';
import { NODE_TYPE, mlpGraph, snapshot, trajectoryFromSnapshots } from '@geo/param-graph';
import type { Trajectory } from '@geo/param-graph';
import type { Scale } from '../../types.js';
import type { FittedMethod, MetaDataset, MetaTaskSpec, Method, MethodContext } from '../method.js';
import { accuracy, kendallTauB, meanSquaredError } from '../metrics.js';
import { ensureTfBackend } from '../tf-init.js';
import { snapshotIndices } from '../zoo-data.js';

/** The training budget and model size of one scale. */
export interface GthGmnBudget {
  readonly epochs: number;
  /** Epochs for particular tasks (by id), e.g. fewer where each graph is large (paper-scale cifar10-gs). */
  readonly taskEpochs?: Readonly<Record<string, number>>;
  /** Read at most this many of the snapshots given (evenly spaced, first and last kept); all when unset. */
  readonly snapshots?: number;
  /** Epochs without a better validation score before stopping. */
  readonly patience: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Model size (the ablation switches are added on top). */
  readonly config: GthGmnConfigInput;
}

/**
 * The readout at every scale (the paper leaves it open; chosen on validation, see
 * benchmarks/README.md): the last snapshot's readout, which has seen the whole trajectory
 * through the GRU-evolved kernels (averaging in the early snapshots, near the initialisation
 * and alike across classes, scored lower), with each layer's spread beside its midpoint.
 */
const READOUT = { temporalPool: 'last', readoutSpread: true } as const;

/**
 * Budgets per scale, sized from the measured cost and re-tuned on validation (benchmarks/README.md): WASM, SIREN
 * 2-32-32-1, B = 16: about 6.7 ms per snapshot graph per epoch (forward + backward) for the
 * small model (D = 8, one head), 15 ms for the package default (D = 16, two heads). The cpu
 * cifar10-gs graphs (8 x 8 inputs, 64-h-h-10) are about 3 times an INR graph, and the task
 * reads 200 x 3 of them, so it keeps the full epoch budget.
 */
export const GTH_GMN_BUDGETS: Readonly<Record<Scale, GthGmnBudget>> = Object.freeze({
  smoke: { epochs: 3, patience: 3, batchSize: 8, learningRate: 0.01, config: { hiddenDim: 8, heads: 1, headDim: 8, gruDim: 8, headHidden: 16, ...READOUT } },
  cpu: {
    epochs: 40,
    snapshots: 4,
    // validation accuracy on 250 models is noisy, with plateaus of 5+ epochs before it rises again
    patience: 12,
    batchSize: 16,
    learningRate: 0.005,
    config: { hiddenDim: 8, heads: 1, headDim: 8, gruDim: 8, headHidden: 32, ...READOUT },
  },
  paper: { epochs: 100, patience: 10, batchSize: 32, learningRate: 0.001, config: { ...READOUT } },
});

/** Node embeddings of one trajectory (for the Poincaré-disk figure): per snapshot used, N x D row-major points on the ball. */
export interface NodeEmbeddings {
  readonly snapshots: readonly Float32Array[];
  readonly steps: readonly number[];
  readonly dim: number;
  /** Layer of each node (bias nodes carry their layer's label) and whether it is a bias node. */
  readonly layer: Int32Array;
  readonly isBias: Uint8Array;
  readonly curvature: number;
}

/** A fitted GTH-GMN: predictions, plus what the report's figure needs. */
export interface FittedGthGmn extends FittedMethod {
  readonly model: GthGmn;
  nodeEmbeddings(trajectory: Trajectory): NodeEmbeddings;
}

/**
 * The budget as it applies to one task: `taskEpochs` resolved into `epochs` (what a unit's
 * settings record, so one task's epochs can change without staling the others' units).
 */
export function taskBudget(budget: GthGmnBudget, task: string): Omit<GthGmnBudget, 'taskEpochs'> {
  const { taskEpochs, ...rest } = budget;
  return { ...rest, epochs: taskEpochs?.[task] ?? budget.epochs };
}

/** Mini-batches of at most `size` indices, each of one architecture (a batch must share layer sizes), in `order`'s order within each architecture. */
function chunksByArchitecture(order: readonly number[], trajectories: readonly Trajectory[], size: number): number[][] {
  const groups = new Map<string, number[]>();
  for (const i of order) {
    const key = (trajectories[i] as Trajectory).sizes.join('-');
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [i]);
    else g.push(i);
  }
  const out: number[][] = [];
  for (const g of groups.values()) for (let i = 0; i < g.length; i += size) out.push(g.slice(i, i + size));
  return out;
}

function shuffled(n: number, rng: ReturnType<typeof createRng>): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/** Column means and standard deviations (1 for a constant column) of n x k targets. */
function standardiser(y: Float64Array, k: number): { mean: Float64Array; std: Float64Array } {
  const n = y.length / k;
  const mean = new Float64Array(k);
  const std = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) mean[j] = (mean[j] as number) + (y[i * k + j] as number) / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) std[j] = (std[j] as number) + ((y[i * k + j] as number) - (mean[j] as number)) ** 2 / n;
  for (let j = 0; j < k; j++) std[j] = Math.sqrt(std[j] as number) || 1;
  return { mean, std };
}

function pick(y: Float64Array, rows: readonly number[], k: number): Float64Array {
  const out = new Float64Array(rows.length * k);
  rows.forEach((r, i) => out.set(y.subarray(r * k, r * k + k), i * k));
  return out;
}

/** The trajectory with at most k of its snapshots (evenly spaced, first and last kept); itself when k is unset or not smaller. */
function thinSnapshots(t: Trajectory, k: number | undefined): Trajectory {
  const T = t.steps.length;
  if (k === undefined || k >= T) return t;
  const idx = snapshotIndices(T, k);
  return trajectoryFromSnapshots(
    idx.map((i) => snapshot(t, i)),
    idx.map((i) => t.steps[i] as number),
    { ...(t.seed === undefined ? {} : { seed: t.seed }), labels: { ...t.labels }, metadata: { ...t.metadata } },
  );
}

/** Validation score, larger is better (accuracy, -MSE, tau-b). */
function validationScore(spec: MetaTaskSpec, out: Float64Array, y: Float64Array): number {
  if (spec.kind === 'classification') return accuracy(out, y, spec.outputs);
  if (spec.kind === 'regression') return -meanSquaredError(out, y);
  let constant = true;
  for (let i = 1; i < out.length; i++) if (out[i] !== out[0]) constant = false;
  return constant || y.length < 2 ? 0 : kendallTauB(out, y);
}

/**
 * A GTH-GMN method (or an ablation: `overrides` are the switches, e.g. `{ geometry: 'euclidean' }`).
 *
 * @example
 * const m = gthGmnMethod('gth-gmn-static', 'GTH-GMN on the last snapshot only', { snapshots: 'last' });
 */
export function gthGmnMethod(name: string, description: string, overrides: GthGmnConfigInput = {}, budgets: Readonly<Record<Scale, GthGmnBudget>> = GTH_GMN_BUDGETS): Method {
  return {
    name,
    description,
    temporal: overrides.snapshots !== 'last',
    settings: (scale, task) => JSON.stringify({ budget: taskBudget(budgets[scale], task), overrides }),
    async fit(trainIn: MetaDataset, valIn: MetaDataset, spec: MetaTaskSpec, ctx: MethodContext): Promise<FittedGthGmn> {
      const backend = await ensureTfBackend();
      const budget = taskBudget(budgets[ctx.scale], spec.task);
      const thin = (trajs: readonly Trajectory[]): Trajectory[] => trajs.map((t) => thinSnapshots(t, budget.snapshots));
      const train = { trajectories: thin(trainIn.trajectories), targets: trainIn.targets };
      const val = { trajectories: thin(valIn.trajectories), targets: valIn.targets };
      const maxEpochs = budget.epochs;
      const n = train.trajectories.length;
      if (n === 0) throw new GeoError('BAD_LENGTH', 'the training split is empty', { argument: 'train' });
      const k = spec.kind === 'regression' ? spec.outputs : 1;
      // Regression targets are standardised on the training split; predictions are mapped back.
      const scaler = spec.kind === 'regression' ? standardiser(train.targets, k) : undefined;
      const ytrain = Float64Array.from(train.targets, (v, i) => (scaler === undefined ? v : (v - (scaler.mean[i % k] as number)) / (scaler.std[i % k] as number)));
      const model = new GthGmn({ ...budget.config, ...overrides, task: spec.kind, outputs: spec.outputs }, ctx.seed);
      const withGraph = hasGraphObjective(model);
      const rng = createRng(ctx.seed).derive('gth-gmn', 'batches');
      const groups = chunksByArchitecture(shuffled(n, rng), train.trajectories, budget.batchSize);
      const batches: PreparedBatch[] = [];
      const saved: tf.Tensor[] = [];
      const optimizer = tf.train.adam(budget.learningRate);
      const toOriginal = (out: Float32Array): Float64Array =>
        Float64Array.from(out, (v, i) => (scaler === undefined ? v : v * (scaler.std[i % k] as number) + (scaler.mean[i % k] as number)));
      // predictions per architecture group, put back in input order
      const run = (trajs: readonly Trajectory[]): Float64Array => {
        const out = new Float32Array(trajs.length * spec.outputs);
        for (const g of chunksByArchitecture(trajs.map((_, i) => i), trajs, Number.MAX_SAFE_INTEGER)) {
          const o = predict(model, g.map((i) => trajs[i] as Trajectory), { batchSize: budget.batchSize }).output;
          g.forEach((i, j) => out.set(o.subarray(j * spec.outputs, (j + 1) * spec.outputs), i * spec.outputs));
        }
        return toOriginal(out);
      };
      let best = -Infinity;
      let bestEpoch = -1;
      let epochs = 0;
      try {
        for (const g of groups) batches.push(prepareBatch(g.map((i) => train.trajectories[i] as Trajectory), model.prepareOptions));
        const ys = groups.map((g) => pick(ytrain, g, k));
        const steps = maxEpochs * batches.length;
        for (let epoch = 0; epoch < maxEpochs; epoch++) {
          const order = shuffled(batches.length, rng);
          for (const [s, bi] of order.entries()) {
            if (ctx.signal.aborted) throw new GeoError('ABORTED', `${name}: fit stopped`, { argument: 'signal' });
            const stepSeed = ctx.seed * 100_003 + epoch * batches.length + bi;
            const progress = maxEpochs > 1 ? epoch / (maxEpochs - 1) : 1;
            const cost = optimizer.minimize(
              () => {
                const batch = batches[bi] as PreparedBatch;
                const r = model.forward(batch, { training: true, seed: stepSeed });
                const task = tf.mul(model.config.lossWeights.task, taskLoss(r.output, ys[bi] as Float64Array, spec.kind)) as tf.Scalar;
                // the paper's graph terms (link, magnitude, sign, ...), when the budget weights them
                return withGraph ? (tf.add(task, graphObjective(model, r.nodeEmbeddings, batch, { progress, seed: stepSeed })) as tf.Scalar) : task;
              },
              true,
              model.variables,
            );
            const loss = cost?.dataSync()[0] ?? NaN;
            cost?.dispose();
            if (!Number.isFinite(loss)) throw new GeoError('NOT_FINITE', `${name}: training loss became ${loss} at epoch ${epoch}`, { argument: 'learningRate', actual: loss });
            ctx.onProgress(epoch * batches.length + s + 1, steps, `epoch ${epoch + 1}/${maxEpochs}`);
            // yield to the event loop so a Ctrl-C or a parent's message is seen
            if (s % 8 === 7) await new Promise((r) => setImmediate(r));
          }
          epochs = epoch + 1;
          const score = validationScore(spec, run(val.trajectories), val.targets);
          if (score > best) {
            best = score;
            bestEpoch = epoch;
            for (const t of saved) t.dispose();
            saved.length = 0;
            for (const v of model.variables) saved.push(tf.keep(v.clone()));
          } else if (epoch - bestEpoch >= budget.patience) break;
        }
        // keep the best epoch's weights
        model.variables.forEach((v, i) => v.assign(saved[i] as tf.Tensor));
      } catch (e) {
        model.dispose();
        throw e;
      } finally {
        for (const b of batches) b.dispose();
        for (const t of saved) t.dispose();
        optimizer.dispose();
      }
      const cfg = model.config;
      return {
        model,
        predict: async (trajectories) => run(thin(trajectories)),
        dispose: () => model.dispose(),
        info: {
          backend,
          epochsRun: epochs,
          maxEpochs,
          snapshotsRead: cfg.snapshots === 'last' ? 1 : (train.trajectories[0]?.steps.length ?? 0),
          bestEpoch: bestEpoch + 1,
          bestValScore: best,
          geometry: cfg.geometry,
          kernelEvolution: cfg.kernelEvolution,
          snapshots: cfg.snapshots,
          hiddenDim: cfg.hiddenDim,
          heads: cfg.heads,
          layers: cfg.layers,
          batchSize: budget.batchSize,
          learningRate: budget.learningRate,
          graphObjective: withGraph ? JSON.stringify(cfg.lossWeights) : 'none',
        },
        nodeEmbeddings(full: Trajectory): NodeEmbeddings {
          const trajectory = thinSnapshots(full, budget.snapshots);
          const batch = prepareBatch([trajectory], model.prepareOptions);
          try {
            const snapshots = tf.tidy(() => model.forward(batch).nodeEmbeddings.map((z) => Float32Array.from(z.dataSync())));
            const T = trajectory.steps.length;
            const used = cfg.snapshots === 'last' ? [T - 1] : Array.from({ length: T }, (_, i) => i);
            const g = mlpGraph(snapshot(trajectory, T - 1));
            return {
              snapshots,
              steps: used.map((t) => trajectory.steps[t] as number),
              dim: cfg.hiddenDim,
              layer: Int32Array.from(g.layer),
              isBias: Uint8Array.from(g.nodeType, (t) => (t === NODE_TYPE.bias ? 1 : 0)),
              curvature: cfg.geometry === 'hyperbolic' ? cfg.c : 0,
            };
          } finally {
            batch.dispose();
          }
        },
      };
    },
  };
}

/** Type guard: a fitted method that can give node embeddings (GTH-GMN and its ablations). */
export function hasNodeEmbeddings(f: FittedMethod): f is FittedGthGmn {
  return typeof (f as Partial<FittedGthGmn>).nodeEmbeddings === 'function';
}
