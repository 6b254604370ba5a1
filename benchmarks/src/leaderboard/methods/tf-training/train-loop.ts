// The minibatch training loop both baselines share: seeded Adam, per-architecture minibatches,
// the epoch chosen by the validation score (the best epoch's weights are kept).
import * as tf from '@tensorflow/tfjs-core';
import { GeoError, assertInteger, assertPositive, createRng } from '@geo/core';
import { taskLoss } from '@geo/gth-gmn/tf';
import type { MetaTaskSpec } from '../../method.js';
import { targetWidth } from './check-dataset.js';
import type { TargetScaler } from './scores.js';
import { fitTargetScaler, scale, unscale, validationScore } from './scores.js';

/** A model the loop can train: its variables and a forward pass over items of a prepared set. */
export interface BatchModel<D> {
  readonly variables: readonly tf.Variable[];
  /**
   * Head outputs `[indices.length, outputs]` for the items `indices` of `data` (all of one
   * architecture group). Called inside a tidy; `seed` drives dropout when training.
   */
  forward(data: D, indices: readonly number[], mode: { readonly training: boolean; readonly seed: number }): tf.Tensor2D;
}

/** A prepared set: items (whatever the model reads), their count and architecture groups. */
export interface PreparedSet<D> {
  readonly data: D;
  readonly count: number;
  /** Per item: a key; one minibatch never mixes keys (e.g. hidden widths). */
  readonly groups: readonly string[];
}

export interface LoopOptions {
  readonly maxEpochs: number;
  /** Stop after this many epochs without a better validation score. */
  readonly patience: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
  readonly signal?: AbortSignal;
  readonly onEpoch?: (epoch: number, maxEpochs: number, trainLoss: number, valScore: number) => void;
}

export interface LoopResult {
  /** Epochs actually run. */
  readonly epochsRun: number;
  /** 1-based epoch whose weights were kept (the last one when there is no validation set). */
  readonly bestEpoch: number;
  /** Validation score of the kept weights (NaN without a validation set). */
  readonly bestValScore: number;
  /** Mean training loss per epoch. */
  readonly trainLosses: readonly number[];
  /** Standardisation of regression targets (identity otherwise); predictions are unscaled with it. */
  readonly scaler: TargetScaler | null;
}

/**
 * Items split into minibatches of one group each, in a seeded random order: shuffled within
 * each group, chunked, and the chunks shuffled.
 *
 * @example
 * minibatches(['a', 'a', 'b'], 2, createRng(0)) // e.g. [[1, 0], [2]]
 */
export function minibatches(groups: readonly string[], batchSize: number, rng: ReturnType<typeof createRng>): number[][] {
  const byGroup = new Map<string, number[]>();
  groups.forEach((g, i) => {
    const list = byGroup.get(g);
    if (list === undefined) byGroup.set(g, [i]);
    else list.push(i);
  });
  const batches: number[][] = [];
  for (const key of [...byGroup.keys()].sort()) {
    const idx = rng.shuffle(byGroup.get(key) as number[]);
    for (let i = 0; i < idx.length; i += batchSize) batches.push(idx.slice(i, i + batchSize));
  }
  return rng.shuffle(batches);
}

/**
 * Head outputs of every item of a set, `count x outputs` row-major in item order, computed in
 * chunks of one group; regression outputs are mapped back to the targets' units by `scaler`.
 *
 * @example
 * const pred = predictSet(model, prepared, spec.outputs, 64, scaler);
 */
export function predictSet<D>(model: BatchModel<D>, set: PreparedSet<D>, outputs: number, chunk: number, scaler: TargetScaler | null): Float64Array {
  const out = new Float64Array(set.count * outputs);
  const byGroup = new Map<string, number[]>();
  set.groups.forEach((g, i) => {
    const list = byGroup.get(g);
    if (list === undefined) byGroup.set(g, [i]);
    else list.push(i);
  });
  for (const idx of byGroup.values()) {
    for (let s = 0; s < idx.length; s += chunk) {
      const part = idx.slice(s, s + chunk);
      const values = tf.tidy(() => model.forward(set.data, part, { training: false, seed: 0 }).dataSync());
      part.forEach((item, r) => {
        for (let c = 0; c < outputs; c++) out[item * outputs + c] = values[r * outputs + c] as number;
      });
    }
  }
  return scaler === null ? out : unscale(scaler, out);
}

/** Target rows of `indices` (width values each). */
function rows(targets: Float64Array, indices: readonly number[], width: number): Float64Array {
  const out = new Float64Array(indices.length * width);
  indices.forEach((item, r) => out.set(targets.subarray(item * width, (item + 1) * width), r * width));
  return out;
}

/** Lets timers and abort events through between epochs. */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Trains `model` with Adam on `train` for at most `maxEpochs` epochs; after each epoch scores
 * the validation set (accuracy, -MSE in target units, or Kendall tau) and keeps the weights of
 * the best epoch (the earliest on ties), stopping after `patience` epochs without improvement.
 * Losses: softmax cross-entropy, MSE on standardised targets, pairwise logistic ranking loss
 * over the pairs of each minibatch (`taskLoss` of @geo/gth-gmn/tf). Without validation items
 * it runs every epoch and keeps the last weights. The model's variables hold the kept weights
 * on return. Needs `registerGradients()` and a tfjs backend.
 *
 * @example
 * const r = await trainWithValidation(model, trainSet, trainTargets, valSet, valTargets, spec, { maxEpochs: 50, patience: 10, batchSize: 32, learningRate: 1e-3, seed: 0 });
 */
export async function trainWithValidation<D>(
  model: BatchModel<D>,
  train: PreparedSet<D>,
  trainTargets: Float64Array,
  val: PreparedSet<D>,
  valTargets: Float64Array,
  spec: MetaTaskSpec,
  options: LoopOptions,
): Promise<LoopResult> {
  assertInteger(options.maxEpochs, 'options.maxEpochs', { min: 1 });
  assertInteger(options.patience, 'options.patience', { min: 1 });
  assertInteger(options.batchSize, 'options.batchSize', { min: 1 });
  assertPositive(options.learningRate, 'options.learningRate');
  const width = targetWidth(spec);
  const scaler = spec.kind === 'regression' ? fitTargetScaler(trainTargets, width) : null;
  const fitTargets = scaler === null ? trainTargets : scale(scaler, trainTargets);
  const rng = createRng(options.seed).derive('minibatches');
  const optimizer = tf.train.adam(options.learningRate);
  const trainLosses: number[] = [];
  let best: Float32Array[] | null = null;
  let bestScore = -Infinity;
  let bestEpoch = 0;
  let epoch = 0;
  try {
    for (; epoch < options.maxEpochs; epoch++) {
      await yieldToLoop();
      if (options.signal?.aborted === true) throw new GeoError('ABORTED', 'training aborted', { argument: 'ctx.signal' });
      const batches = minibatches(train.groups, options.batchSize, rng);
      let sum = 0;
      batches.forEach((indices, b) => {
        const y = rows(fitTargets, indices, width);
        const stepSeed = options.seed * 1_000_003 + epoch * batches.length + b;
        const cost = optimizer.minimize(
          () => taskLoss(model.forward(train.data, indices, { training: true, seed: stepSeed }), y, spec.kind),
          true,
          model.variables as tf.Variable[],
        );
        const value = (cost as tf.Scalar).dataSync()[0] as number;
        cost?.dispose();
        if (!Number.isFinite(value)) throw new GeoError('NOT_FINITE', `training loss became ${value} at epoch ${epoch + 1}`, { argument: 'options.learningRate', actual: value });
        sum += value * indices.length;
      });
      trainLosses.push(sum / train.count);
      let score = Number.NaN;
      if (val.count > 0) {
        score = validationScore(spec.kind, predictSet(model, val, spec.outputs, options.batchSize, scaler), valTargets, spec.outputs);
        if (score > bestScore) {
          bestScore = score;
          bestEpoch = epoch + 1;
          best = model.variables.map((v) => Float32Array.from(v.dataSync()));
        }
      }
      options.onEpoch?.(epoch + 1, options.maxEpochs, trainLosses[epoch] as number, score);
      if (val.count > 0 && epoch + 1 - bestEpoch >= options.patience) {
        epoch++;
        break;
      }
    }
  } finally {
    optimizer.dispose();
  }
  if (best !== null) {
    model.variables.forEach((v, i) => {
      const saved = tf.tensor(best?.[i] as Float32Array, v.shape, 'float32');
      v.assign(saved);
      saved.dispose();
    });
  }
  return {
    epochsRun: epoch,
    bestEpoch: val.count > 0 ? bestEpoch : epoch,
    bestValScore: val.count > 0 ? bestScore : Number.NaN,
    trainLosses,
    scaler,
  };
}
