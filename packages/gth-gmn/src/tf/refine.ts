// Stage two of the paper's optimisation: the node coordinates z^(t) themselves, initialised
// from the trained model, are refined on the ball by Riemannian Adam (RAMSGrad: conformal
// rescaling of the gradient, exp-map updates, transported moments) against the graph
// objective, with the kernels, heads and decoder frozen.
import * as tf from '@tensorflow/tfjs-core';
import { GeoError, assertInteger, assertPositive } from '@geo/core';
import { RiemannianAdamOptimizer } from '@geo/poincare/tf';
import { graphObjective, hasGraphObjective } from './graph-objective.js';
import type { PreparedBatch } from './inputs.js';
import type { GthGmn } from './model.js';

export interface RefineOptions {
  readonly steps: number;
  readonly learningRate?: number;
  readonly seed?: number;
  readonly onProgress?: (step: number, loss: number) => void;
  readonly signal?: AbortSignal;
}

export interface RefineResult {
  /** Refined node points, one `[N, D]` tensor per snapshot (the caller disposes them). */
  readonly nodeEmbeddings: tf.Tensor2D[];
  /** Graph objective before each step. */
  readonly losses: number[];
}

/**
 * Refines the node embeddings of a batch with RAMSGrad on the ball (Euclidean Adam in the
 * Euclidean geometry) for `steps` steps of the weighted graph objective; the model's
 * variables are not changed. Needs a positive weight on at least one graph term.
 *
 * @example
 * const { nodeEmbeddings, losses } = refineEmbeddings(model, batch, { steps: 50, learningRate: 0.01 });
 */
export function refineEmbeddings(model: GthGmn, batch: PreparedBatch, options: RefineOptions): RefineResult {
  assertInteger(options.steps, 'options.steps', { min: 0 });
  const lr = options.learningRate ?? 0.01;
  assertPositive(lr, 'options.learningRate');
  if (!hasGraphObjective(model)) {
    throw new GeoError('OUT_OF_RANGE', 'refineEmbeddings needs a positive weight on a graph term (config.lossWeights)', { argument: 'model.config.lossWeights' });
  }
  const seed = options.seed ?? 0;
  const start = tf.tidy(() => model.forward(batch).nodeEmbeddings);
  const zs = start.map((z) => tf.variable(z, true));
  tf.dispose(start);
  const optimizer = model.geometry.kind === 'hyperbolic' ? new RiemannianAdamOptimizer({ c: model.geometry.c, learningRate: lr, amsgrad: true }) : tf.train.adam(lr);
  const losses: number[] = [];
  try {
    for (let step = 0; step < options.steps; step++) {
      if (options.signal?.aborted === true) throw new GeoError('ABORTED', 'refinement aborted', { argument: 'options.signal' });
      const progress = options.steps > 1 ? step / (options.steps - 1) : 1;
      const cost = optimizer.minimize(() => graphObjective(model, zs as tf.Tensor2D[], batch, { progress, seed: seed + step }), true, zs);
      const value = (cost as tf.Scalar).dataSync()[0] as number;
      cost?.dispose();
      if (!Number.isFinite(value)) throw new GeoError('NOT_FINITE', `objective became ${value} at step ${step}`, { argument: 'options.learningRate', actual: value });
      losses.push(value);
      options.onProgress?.(step, value);
    }
    return { nodeEmbeddings: zs.map((z) => tf.clone(z) as tf.Tensor2D), losses };
  } finally {
    optimizer.dispose();
    tf.dispose(zs);
  }
}
