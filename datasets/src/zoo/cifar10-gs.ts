import { GeoError, createRng, isGeoError } from '@geo/core';
import type { Trajectory } from '@geo/param-graph';
import { loadDataset } from '../loaders/load.js';
import type { ResolveOptions } from '../loaders/resolve.js';
import { layerSlots } from '../trainer/arch.js';
import type { Activation, MlpArch } from '../trainer/arch.js';
import { createClassifierEvaluator } from '../trainer/evaluate.js';
import type { ClassifierEvaluator } from '../trainer/evaluate.js';
import { initParams } from '../trainer/init.js';
import type { OptimizerConfig } from '../trainer/optim.js';
import { snapshotSchedule } from '../trainer/schedule.js';
import { trainNetworks } from '../trainer/train.js';
import type { Cifar10GsProtocol } from './cifar10-gs-protocol.js';
import { cifarGreyscale } from './greyscale.js';
import type { ZooModel, ZooPlan } from './plan.js';

/** One classifier's hyperparameters, drawn from the plan's protocol. */
export interface Cifar10GsHyperparameters {
  readonly width: number;
  readonly activation: Activation;
  readonly optimizer: 'adam' | 'sgd';
  readonly learningRate: number;
  readonly weightDecay: number;
  /** Multiplier of the `nn.Linear` default initialisation (W, b ~ U(-1/sqrt(fanIn), 1/sqrt(fanIn))). */
  readonly initScale: number;
  readonly dropout: number;
  readonly trainSize: number;
  readonly batchSize: number;
  readonly epochs: number;
  /** Optimiser steps: epochs x batches per epoch, at least T - 1, at most the plan's maxSteps. */
  readonly steps: number;
}

/** A model whose loss overflows is redrawn (attempt 1, 2, ...) at most this many times. */
export const CIFAR10_GS_MAX_ATTEMPTS = 8;

function cifarProtocol(plan: ZooPlan): Cifar10GsProtocol {
  if (plan.cifar === undefined) throw new GeoError('OUT_OF_RANGE', `zoo "${plan.name}" is not a cifar10-gs plan`, { argument: 'plan', actual: plan.name });
  return plan.cifar;
}

/**
 * The hyperparameters of model `index` (attempt `attempt`), from the stream (seed, zoo,
 * 'model', index, 'attempt', attempt, 'hyper'): independent of sharding. Learning rate,
 * weight decay and init scale log-uniform; dropout uniform; the rest uniform over their sets.
 *
 * @example
 * cifar10GsHyperparameters(zooPlan('cifar10-gs', 'cpu'), 0).width // 16 or 32
 */
export function cifar10GsHyperparameters(plan: ZooPlan, index: number, attempt = 0): Cifar10GsHyperparameters {
  const p = cifarProtocol(plan);
  const rng = createRng(plan.seed).derive(plan.name, 'model', index, 'attempt', attempt, 'hyper');
  const pick = <T>(values: readonly T[]): T => values[rng.int(0, values.length - 1)] as T;
  const logUniform = ([lo, hi]: readonly [number, number]): number => Math.exp(Math.log(lo) + rng.uniform() * (Math.log(hi) - Math.log(lo)));
  const width = pick(p.widths);
  const activation = pick(p.activations);
  const optimizer = pick(p.optimizers);
  const learningRate = logUniform(p.learningRate[optimizer]);
  const weightDecay = logUniform(p.weightDecay);
  const initScale = logUniform(p.initScale);
  const dropout = p.dropout[0] + rng.uniform() * (p.dropout[1] - p.dropout[0]);
  const trainSize = pick(p.trainSizes);
  const batchSize = pick(p.batchSizes);
  const epochs = rng.int(p.epochs[0], p.epochs[1]);
  const steps = Math.min(plan.maxSteps, Math.max(p.snapshots - 1, epochs * Math.ceil(trainSize / batchSize)));
  return { width, activation, optimizer, learningRate, weightDecay, initScale, dropout, trainSize, batchSize, epochs, steps };
}

/** The greyscale training pool and held-out set of a cifar10-gs plan. */
export interface Cifar10GsData {
  readonly side: number;
  /** count x side^2, point-major: greyscale in [0, 1], then standardised by `inputMean` and `inputStd`. */
  readonly poolInputs: Float64Array;
  readonly poolLabels: Uint8Array;
  readonly heldOutInputs: Float64Array;
  readonly heldOutLabels: Uint8Array;
  /** Where each came from, e.g. 'cifar-10 data_batch_1..4'. */
  readonly poolSource: string;
  readonly heldOutSource: string;
  /** Mean and standard deviation of every greyscale pixel value of the pool (before standardisation). */
  readonly inputMean: number;
  readonly inputStd: number;
}

function describeSource(part: Cifar10GsProtocol['pool']): string {
  if (part.split === 'sample') return `cifar-10 embedded sample (records ${part.from}..${part.from + part.count - 1} of data_batch_1)`;
  const b = part.batches;
  return `cifar-10 data_batch_${b.length > 1 ? `${b[0]}..${b[b.length - 1]}` : b[0]}`;
}

/**
 * Loads (checksummed) and converts the plan's pool and held-out images: BT.601 greyscale
 * in [0, 1], average-pooled to the plan's resolution, then standardised with one mean and
 * one standard deviation over every pixel of the training pool (the held-out set uses the
 * pool's values, so nothing is learnt from it).
 *
 * @example
 * (await loadCifar10GsData(zooPlan('cifar10-gs', 'smoke'))).poolLabels.length // 70
 */
export async function loadCifar10GsData(plan: ZooPlan, options: ResolveOptions = {}): Promise<Cifar10GsData> {
  const p = cifarProtocol(plan);
  const load = async (part: Cifar10GsProtocol['pool']): Promise<{ inputs: Float64Array; labels: Uint8Array }> => {
    const ds = await loadDataset('cifar-10', { ...options, split: part.split, ...(part.split === 'train' ? { batches: part.batches } : {}) });
    if (ds.count < part.from + part.count) {
      throw new GeoError('CORRUPT_FILE', `${ds.files.join(', ')}: ${ds.count} images, the protocol needs ${part.from + part.count}`, { argument: ds.files[0] ?? 'cifar-10', expected: part.from + part.count, actual: ds.count });
    }
    return { inputs: cifarGreyscale(ds, part.from, part.count, p.resolution), labels: ds.labels.slice(part.from, part.from + part.count) };
  };
  const pool = await load(p.pool);
  const heldOut = await load(p.heldOut);
  let sum = 0;
  for (const v of pool.inputs) sum += v;
  const inputMean = sum / pool.inputs.length;
  let sq = 0;
  for (const v of pool.inputs) sq += (v - inputMean) ** 2;
  const inputStd = Math.sqrt(sq / pool.inputs.length);
  if (!(inputStd > 0)) throw new GeoError('CORRUPT_FILE', 'the CIFAR-10 training pool has constant pixels', { argument: 'dataset', actual: inputStd });
  for (const a of [pool.inputs, heldOut.inputs]) for (let i = 0; i < a.length; i++) a[i] = ((a[i] as number) - inputMean) / inputStd;
  return {
    inputMean,
    inputStd,
    side: p.resolution,
    poolInputs: pool.inputs,
    poolLabels: pool.labels,
    heldOutInputs: heldOut.inputs,
    heldOutLabels: heldOut.labels,
    poolSource: describeSource(p.pool),
    heldOutSource: describeSource(p.heldOut),
  };
}

/** Held-out evaluators per (width, activation), shared by the models of one run. */
export type Cifar10GsEvaluators = Map<string, ClassifierEvaluator>;

/**
 * Trains one classifier of a cifar10-gs plan and returns its trajectory: T snapshots,
 * labels (held-out and training accuracy and loss of the final parameters, every
 * hyperparameter) and per-snapshot accuracies as extra tensors. Deterministic in (seed,
 * model index) alone. A model whose loss overflows is redrawn with the next attempt's
 * hyperparameters (recorded as `attempt`).
 *
 * @example
 * const plan = zooPlan('cifar10-gs', 'smoke');
 * trainCifar10GsModel(plan, plan.shards[0].models[0], await loadCifar10GsData(plan)).labels.testAccuracy
 */
export function trainCifar10GsModel(plan: ZooPlan, model: ZooModel, data: Cifar10GsData, evaluators: Cifar10GsEvaluators = new Map(), signal?: AbortSignal): Trajectory {
  for (let attempt = 0; attempt < CIFAR10_GS_MAX_ATTEMPTS; attempt++) {
    try {
      return trainAttempt(plan, model, data, evaluators, attempt, signal);
    } catch (e) {
      if (!isGeoError(e, 'NOT_FINITE')) throw e;
    }
  }
  throw new GeoError('NOT_FINITE', `model ${model.index}: every one of ${CIFAR10_GS_MAX_ATTEMPTS} hyperparameter draws overflowed`, { argument: 'plan', actual: model.index });
}

function trainAttempt(plan: ZooPlan, model: ZooModel, data: Cifar10GsData, evaluators: Cifar10GsEvaluators, attempt: number, signal: AbortSignal | undefined): Trajectory {
  const p = cifarProtocol(plan);
  const hp = cifar10GsHyperparameters(plan, model.index, attempt);
  const stream = createRng(plan.seed).derive(plan.name, 'model', model.index, 'attempt', attempt);
  const dIn = data.side * data.side;
  const arch: MlpArch = { sizes: [dIn, hp.width, hp.width, 10], activation: hp.activation };
  const poolCount = data.poolLabels.length;
  if (hp.trainSize > poolCount) {
    throw new GeoError('OUT_OF_RANGE', `training-set size ${hp.trainSize} exceeds the pool of ${poolCount} images`, { argument: 'plan.cifar.trainSizes', actual: hp.trainSize });
  }
  // The model's training images: a seeded random subset of the pool, in increasing order.
  const rows = stream.derive('data').permutation(poolCount).subarray(0, hp.trainSize).sort();
  const inputs = new Float64Array(hp.trainSize * dIn);
  const labels = new Float64Array(hp.trainSize);
  rows.forEach((r, i) => {
    inputs.set(data.poolInputs.subarray(r * dIn, (r + 1) * dIn), i * dIn);
    labels[i] = data.poolLabels[r] as number;
  });
  const init = initParams(arch, 'pytorch', stream.derive('init'));
  for (let i = 0; i < init.length; i++) init[i] = (init[i] as number) * hp.initScale;
  const optimizer: OptimizerConfig =
    hp.optimizer === 'adam' ? { kind: 'adam', lr: hp.learningRate, weightDecay: hp.weightDecay } : { kind: 'sgd', lr: hp.learningRate, momentum: p.sgdMomentum, weightDecay: hp.weightDecay };
  const T = p.snapshots;
  const result = trainNetworks({
    arch,
    loss: 'cross-entropy',
    optimizer,
    inputs,
    targets: labels,
    init,
    networks: 1,
    steps: hp.steps,
    snapshotSteps: snapshotSchedule(hp.steps, T),
    batchSize: Math.min(hp.batchSize, hp.trainSize),
    dropout: hp.dropout,
    rng: stream.derive('train'),
    engine: 'fused',
    ...(signal === undefined ? {} : { signal }),
  });

  const key = `${hp.width}/${hp.activation}`;
  let heldOut = evaluators.get(key);
  if (heldOut === undefined) {
    heldOut = createClassifierEvaluator(arch, data.heldOutInputs, data.heldOutLabels);
    evaluators.set(key, heldOut);
  }
  const train = createClassifierEvaluator(arch, inputs, labels);
  const P = result.paramCount;
  const testAccuracy = new Float64Array(T);
  const testLoss = new Float64Array(T);
  const trainAccuracy = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    const te = heldOut.score(result.snapshots, t * P);
    const tr = train.score(result.snapshots, t * P);
    testAccuracy[t] = te.accuracy;
    testLoss[t] = te.loss;
    trainAccuracy[t] = tr.accuracy;
  }
  const slots = layerSlots(arch);
  const make = (n: number): Float64Array | Float32Array => (plan.dtype === 'F32' ? new Float32Array(n) : new Float64Array(n));
  const weights = slots.map((s) => make(T * s.fanOut * s.fanIn));
  const biases = slots.map((s) => make(T * s.fanOut));
  slots.forEach((s, l) => {
    const w = weights[l] as Float64Array;
    const b = biases[l] as Float64Array;
    for (let t = 0; t < T; t++) {
      w.set(result.snapshots.subarray(t * P + s.weight, t * P + s.weight + s.fanOut * s.fanIn), t * s.fanOut * s.fanIn);
      b.set(result.snapshots.subarray(t * P + s.bias, t * P + s.bias + s.fanOut), t * s.fanOut);
    }
  });
  const f64 = (a: Float64Array): { dtype: 'F64'; shape: number[]; data: Float64Array } => ({ dtype: 'F64', shape: [a.length], data: a });
  return {
    sizes: [...arch.sizes],
    activation: hp.activation,
    steps: [...result.snapshotSteps],
    weights,
    biases,
    seed: plan.seed,
    labels: {
      testAccuracy: testAccuracy[T - 1] as number,
      trainAccuracy: trainAccuracy[T - 1] as number,
      testLoss: testLoss[T - 1] as number,
      trainLoss: result.finalLoss[0] as number,
      ...hp,
    },
    metadata: {
      zoo: plan.name,
      split: model.split,
      model_index: String(model.index),
      source: `${data.poolSource}: ${hp.trainSize} random images, greyscale (BT.601 luma / 255), ${data.side} x ${data.side}, standardised (x - ${data.inputMean}) / ${data.inputStd}`,
      input_mean: String(data.inputMean),
      input_std: String(data.inputStd),
      held_out: `${data.heldOutSource}, ${data.heldOutLabels.length} images (test accuracy)`,
      attempt: String(attempt),
      init: `pytorch x ${hp.initScale}`,
      optimizer: JSON.stringify(optimizer),
      batch_size: String(hp.batchSize),
      dropout: String(hp.dropout),
      max_steps: String(hp.steps),
      steps_taken: String(result.stepsTaken[0]),
      final_loss: String(result.finalLoss[0]),
      engine: result.engine,
    },
    extras: {
      snapshot_loss: f64(Float64Array.from(result.snapshotLoss)),
      test_accuracy: f64(testAccuracy),
      test_loss: f64(testLoss),
      train_accuracy: f64(trainAccuracy),
      train_indices: f64(Float64Array.from(rows)),
    },
  };
}
