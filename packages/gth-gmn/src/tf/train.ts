// Stage one of the paper's optimisation: Euclidean Adam on every model variable (kernels,
// GRUs, heads, decoder) against the task loss plus, when weighted, the graph objective.
import * as tf from '@tensorflow/tfjs-core';
import { GeoError, assertInteger, assertPositive, createRng } from '@geo/core';
import type { Trajectory } from '@geo/param-graph';
import { prepareBatch } from './inputs.js';
import type { PreparedBatch } from './inputs.js';
import type { GthGmn } from './model.js';
import { checkTargets, taskLoss } from './task-loss.js';
import { graphObjective, hasGraphObjective } from './graph-objective.js';

export interface TrainOptions {
  readonly epochs: number;
  readonly learningRate?: number;
  /** Seed of dropout masks (and of negative sampling in the graph objective). */
  readonly seed?: number;
  /**
   * Extra loss terms added to the task loss (e.g. `graphObjective`), given the forward result
   * and the training progress in [0, 1]; must return a scalar.
   */
  readonly extraLoss?: (result: ReturnType<GthGmn['forward']>, progress: number, epoch: number) => tf.Scalar;
  readonly onProgress?: (epoch: number, loss: number) => void;
  readonly signal?: AbortSignal;
}

/**
 * Stage one: trains every variable with Euclidean Adam for `epochs` epochs against
 * lossWeights.task x task loss + the weighted graph objective (`graphObjective`, when any of
 * its weights is positive). `batches` is one prepared batch (full-batch steps) or several
 * (mini-batches of one architecture each, visited in a seeded random order every epoch),
 * with `targets` one array per batch. Returns the mean loss of each epoch (before its
 * steps' updates). Needs `registerGradients()` once.
 *
 * @example
 * const losses = trainTask(model, batch, labels, { epochs: 100, learningRate: 0.01 });
 * trainTask(model, [batchA, batchB], [labelsA, labelsB], { epochs: 20 }); // mini-batches
 */
export function trainTask(model: GthGmn, batches: PreparedBatch | readonly PreparedBatch[], targets: ArrayLike<number> | readonly ArrayLike<number>[], options: TrainOptions): number[] {
  assertInteger(options.epochs, 'options.epochs', { min: 0 });
  const lr = options.learningRate ?? 0.01;
  assertPositive(lr, 'options.learningRate');
  const seed = options.seed ?? 0;
  const list = Array.isArray(batches) ? (batches as readonly PreparedBatch[]) : [batches as PreparedBatch];
  const ys = Array.isArray(batches) ? (targets as readonly ArrayLike<number>[]) : [targets as ArrayLike<number>];
  if (list.length === 0) throw new GeoError('BAD_LENGTH', 'batches must not be empty', { argument: 'batches' });
  if (!Array.isArray(ys) || ys.length !== list.length) {
    throw new GeoError('BAD_LENGTH', `targets must hold one array per batch (${list.length})`, { argument: 'targets', expected: list.length });
  }
  for (const b of list) model.ensureHead(b.groupsPerGraph);
  // validate every batch's targets before the first step
  list.forEach((b, i) => checkTargets(ys[i] as ArrayLike<number>, model.config.task, b.numGraphs, model.config.outputs));
  const weight = model.config.lossWeights.task;
  const graph = hasGraphObjective(model);
  const optimizer = tf.train.adam(lr);
  const rng = createRng(seed).derive('batch-order');
  const losses: number[] = [];
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const progress = options.epochs > 1 ? epoch / (options.epochs - 1) : 1;
      const order = list.map((_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      let sum = 0;
      for (const bi of order) {
        if (options.signal?.aborted === true) throw new GeoError('ABORTED', 'training aborted', { argument: 'options.signal' });
        const batch = list[bi] as PreparedBatch;
        const stepSeed = seed + epoch * list.length + bi;
        const cost = optimizer.minimize(
          () => {
            const r = model.forward(batch, { training: true, seed: stepSeed });
            let loss = tf.mul(weight, taskLoss(r.output, ys[bi] as ArrayLike<number>, model.config.task)) as tf.Scalar;
            if (graph) loss = tf.add(loss, graphObjective(model, r.nodeEmbeddings, batch, { progress, seed: stepSeed }));
            if (options.extraLoss !== undefined) loss = tf.add(loss, options.extraLoss(r, progress, epoch));
            return loss;
          },
          true,
          model.variables,
        );
        const value = (cost as tf.Scalar).dataSync()[0] as number;
        cost?.dispose();
        if (!Number.isFinite(value)) throw new GeoError('NOT_FINITE', `loss became ${value} at epoch ${epoch}`, { argument: 'options.learningRate', actual: value });
        sum += value;
      }
      losses.push(sum / list.length);
      options.onProgress?.(epoch, sum / list.length);
    }
  } finally {
    optimizer.dispose();
  }
  return losses;
}

/**
 * Evaluates the model on trajectories in chunks of `batchSize` (one architecture and T per
 * call) and returns typed arrays: `embedding` (n x width, row-major), `output` (n x outputs).
 * Tensors are freed as it goes.
 *
 * @example
 * const { output } = predict(model, trajectories, { batchSize: 16 });
 */
export function predict(model: GthGmn, trajectories: readonly Trajectory[], options: { readonly batchSize?: number } = {}): { embedding: Float32Array; output: Float32Array; width: number } {
  const size = options.batchSize ?? 16;
  assertInteger(size, 'options.batchSize', { min: 1 });
  if (!Array.isArray(trajectories) || trajectories.length === 0) throw new GeoError('BAD_LENGTH', 'trajectories must be a non-empty array', { argument: 'trajectories' });
  const embeddings: Float32Array[] = [];
  const outputs: Float32Array[] = [];
  let width = 0;
  for (let i = 0; i < trajectories.length; i += size) {
    const batch = prepareBatch(trajectories.slice(i, i + size), model.prepareOptions);
    try {
      tf.tidy(() => {
        const r = model.forward(batch);
        width = r.embedding.shape[1];
        embeddings.push(Float32Array.from(r.embedding.dataSync()));
        outputs.push(Float32Array.from(r.output.dataSync()));
      });
    } finally {
      batch.dispose();
    }
  }
  const cat = (xs: Float32Array[]): Float32Array => {
    const out = new Float32Array(xs.reduce((a, x) => a + x.length, 0));
    let o = 0;
    for (const x of xs) {
      out.set(x, o);
      o += x.length;
    }
    return out;
  };
  return { embedding: cat(embeddings), output: cat(outputs), width };
}
