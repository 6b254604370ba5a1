// Stage one of the paper's optimisation: Euclidean Adam on every model variable (kernels,
// GRUs, heads, decoder) against the task loss plus, when weighted, the graph objective.
import * as tf from '@tensorflow/tfjs-core';
import { GeoError, assertInteger, assertPositive } from '@geo/core';
import type { PreparedBatch } from './inputs.js';
import type { GthGmn } from './model.js';
import { taskLoss } from './task-loss.js';
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
 * Stage one: trains every variable on one prepared batch with Euclidean Adam for `epochs`
 * full-batch steps against lossWeights.task x task loss + the weighted graph objective
 * (`graphObjective`, when any of its weights is positive); returns the loss before each
 * step. Needs `registerGradients()` once.
 *
 * @example
 * const losses = trainTask(model, batch, labels, { epochs: 100, learningRate: 0.01 });
 */
export function trainTask(model: GthGmn, batch: PreparedBatch, targets: ArrayLike<number>, options: TrainOptions): number[] {
  assertInteger(options.epochs, 'options.epochs', { min: 0 });
  const lr = options.learningRate ?? 0.01;
  assertPositive(lr, 'options.learningRate');
  const seed = options.seed ?? 0;
  model.ensureHead(batch.groupsPerGraph);
  const weight = model.config.lossWeights.task;
  const graph = hasGraphObjective(model);
  const optimizer = tf.train.adam(lr);
  const losses: number[] = [];
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      if (options.signal?.aborted === true) throw new GeoError('ABORTED', 'training aborted', { argument: 'options.signal' });
      const progress = options.epochs > 1 ? epoch / (options.epochs - 1) : 1;
      const cost = optimizer.minimize(
        () => {
          const r = model.forward(batch, { training: true, seed: seed + epoch });
          let loss = tf.mul(weight, taskLoss(r.output, targets, model.config.task)) as tf.Scalar;
          if (graph) loss = tf.add(loss, graphObjective(model, r.nodeEmbeddings, batch, { progress, seed: seed + epoch }));
          if (options.extraLoss !== undefined) loss = tf.add(loss, options.extraLoss(r, progress, epoch));
          return loss;
        },
        true,
        model.variables,
      );
      const value = (cost as tf.Scalar).dataSync()[0] as number;
      cost?.dispose();
      if (!Number.isFinite(value)) throw new GeoError('NOT_FINITE', `loss became ${value} at epoch ${epoch}`, { argument: 'options.learningRate', actual: value });
      losses.push(value);
      options.onProgress?.(epoch, value);
    }
  } finally {
    optimizer.dispose();
  }
  return losses;
}
