import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GeoError, assertInteger, createRng } from '@geo/core';
import { readTrajectoryFile, writeTrajectoryFile } from '@geo/param-graph/node';
import type { Trajectory } from '@geo/param-graph';
import { loadDataset } from '../loaders/load.js';
import type { ImageDataset } from '../loaders/image-dataset.js';
import type { ResolveOptions } from '../loaders/resolve.js';
import { archW0, layerSlots, paramCount } from '../trainer/arch.js';
import { createFusedMlp } from '../trainer/fused.js';
import { createWasmMlp } from '../trainer/wasm-engine.js';
import { initParams } from '../trainer/init.js';
import { trainNetworks } from '../trainer/train.js';
import type { TrainResult } from '../trainer/train.js';
import { dropoutMaskLength } from '../trainer/fused.js';
import { cifar10GsHyperparameters, loadCifar10GsData, trainCifar10GsModel } from './cifar10-gs.js';
import type { Cifar10GsData, Cifar10GsEvaluators } from './cifar10-gs.js';
import { writeZooManifestIfComplete } from './manifest.js';
import { zooPlan } from './plan.js';
import type { Scale, ZooModel, ZooName, ZooPlan, ZooPlanOptions, ZooShard } from './plan.js';
import { SHARD_SUMS, modelFileName, shardProblem, shardSums } from './shard-files.js';
import { imageGrid, modelTask, sineGrid } from './targets.js';

export interface GenerateZooOptions extends ZooPlanOptions, ResolveOptions {
  /** Output folder (created if needed). */
  readonly out: string;
  /** This worker's index in [0, of) (default 0). */
  readonly shard?: number;
  /** Number of workers (default 1): worker i writes the shards s with s mod of = i. */
  readonly of?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: ZooProgress) => void;
}

/** Progress after each model or skipped shard. */
export interface ZooProgress {
  /** Models finished or found finished, of this worker's total. */
  readonly done: number;
  readonly total: number;
  readonly shard: string;
  readonly event: 'model-trained' | 'model-kept' | 'shard-skipped' | 'shard-written';
}

export interface GenerateZooResult {
  readonly plan: ZooPlan;
  readonly written: readonly string[];
  readonly skipped: readonly string[];
  /** Finished shards that failed verification and were regenerated (the bad copy is kept as `<name>.corrupt`). */
  readonly regenerated: readonly string[];
  readonly modelsTrained: number;
  /** True when every shard of the zoo exists and the manifest was written. */
  readonly manifestWritten: boolean;
}

/**
 * This worker's shards: those whose position s in the plan has s mod of = shard.
 *
 * @example
 * shardsOf(zooPlan('sine', 'smoke'), 1, 2).map((s) => s.name) // ['train-00001', 'train-00003', 'test-00000']
 */
export function shardsOf(plan: ZooPlan, shard: number, of: number): ZooShard[] {
  assertInteger(of, 'of', { min: 1 });
  assertInteger(shard, 'shard', { min: 0, max: of - 1 });
  return plan.shards.filter((_, i) => i % of === shard);
}

/**
 * The inputs every model of a zoo shares: the 28 x 28 pixel grid or the 2,000 sine points
 * (cifar10-gs models have their own inputs: see `loadCifar10GsData`).
 *
 * @example
 * zooInputs(zooPlan('sine', 'smoke')).length // 2000
 */
export function zooInputs(plan: ZooPlan): Float64Array {
  if (plan.cifar !== undefined) throw new GeoError('OUT_OF_RANGE', 'cifar10-gs models have no shared inputs; use loadCifar10GsData', { argument: 'plan', actual: plan.name });
  return plan.name === 'sine' ? sineGrid() : imageGrid(28);
}

/** Median seconds of `f` over 7 rounds of `reps` calls. */
function medianSeconds(f: () => void, reps: number): number {
  const times: number[] = [];
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) f();
    times.push((performance.now() - t0) / reps / 1000);
  }
  times.sort((a, b) => a - b);
  return times[3] as number;
}

/** cifar10-gs: measured seconds per training example-step and per evaluated point (widest network), times each model's drawn work. */
function estimateCifarSeconds(plan: ZooPlan, models: number): { seconds: number; secondsPerStep: number } {
  const p = plan.cifar as NonNullable<ZooPlan['cifar']>;
  const arch = { ...plan.arch, sizes: [...plan.arch.sizes] };
  const dIn = arch.sizes[0] as number;
  const batch = 64;
  const rng = createRng(0);
  const inputs = rng.fillUniform(new Float64Array(4 * batch * dIn));
  const labels = Float64Array.from({ length: 4 * batch }, (_, i) => i % 10);
  const engine = createFusedMlp(arch, inputs, 'cross-entropy');
  const params = initParams(arch, 'pytorch', rng);
  const grad = new Float64Array(params.length);
  const rows = Int32Array.from({ length: batch }, (_, i) => 3 * i);
  const keep = new Float64Array(dropoutMaskLength(arch, batch)).fill(1);
  const secondsPerStep = medianSeconds(() => engine.lossAndGradient(params, 0, labels, 0, grad, 0, { rows, keep }), 10);
  const secondsPerPoint = medianSeconds(() => engine.lossOnly(params, 0, labels, 0), 10) / (4 * batch);
  // The average work of a model, from the hyperparameters of (up to) the plan's first 200 models.
  const sample = Math.min(200, plan.shards.reduce((n, s) => n + s.models.length, 0));
  let work = 0;
  for (let i = 0; i < sample; i++) {
    const hp = cifar10GsHyperparameters(plan, i);
    work += hp.steps * Math.min(hp.batchSize, hp.trainSize) * (secondsPerStep / batch) + p.snapshots * (p.heldOut.count + hp.trainSize) * secondsPerPoint;
  }
  return { seconds: sample === 0 ? 0 : (models * work) / sample, secondsPerStep };
}

/**
 * Upper bound of the wall time for `models` models, from a short measurement of this
 * machine: seconds per step (median of a few timed steps) times maxSteps per model.
 *
 * @example
 * estimateZooSeconds(zooPlan('sine', 'cpu'), 400).seconds // about 3,000 here
 */
export function estimateZooSeconds(plan: ZooPlan, models: number): { seconds: number; secondsPerStep: number } {
  if (plan.cifar !== undefined) return estimateCifarSeconds(plan, models);
  const inputs = zooInputs(plan);
  // The engine trainNetworks will pick ('auto').
  const engine = createWasmMlp(plan.arch, inputs, 'mse') ?? createFusedMlp(plan.arch, inputs, 'mse');
  const P = paramCount(plan.arch);
  const params = initParams(plan.arch, plan.init, createRng(0));
  const grad = new Float64Array(P);
  const targets = new Float64Array(inputs.length / (plan.arch.sizes[0] as number));
  const times: number[] = [];
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) engine.lossAndGradient(params, 0, targets, 0, grad, 0);
    times.push((performance.now() - t0) / 5 / 1000);
  }
  times.sort((a, b) => a - b);
  const secondsPerStep = times[3] as number;
  return { seconds: models * plan.maxSteps * secondsPerStep, secondsPerStep };
}

/**
 * The trajectory file of one trained model: sine layers store w0 W and w0 b (see README), so sin(W' h + b') reproduces it.
 *
 * @example
 * writeTrajectoryFile(path, modelTrajectory(plan, model, trainResult, { class: 3 }, 'mnist/train[0]'));
 */
export function modelTrajectory(plan: ZooPlan, model: ZooModel, result: TrainResult, labels: Record<string, number>, source: string): Trajectory {
  const slots = layerSlots(plan.arch);
  const T = result.snapshotSteps.length;
  const P = result.paramCount;
  const w0 = archW0(plan.arch);
  const make = (n: number): Float64Array | Float32Array => (plan.dtype === 'F32' ? new Float32Array(n) : new Float64Array(n));
  const weights = slots.map((s) => make(T * s.fanOut * s.fanIn));
  const biases = slots.map((s) => make(T * s.fanOut));
  slots.forEach((s, l) => {
    const scale = l < slots.length - 1 ? w0 : 1;
    const w = weights[l] as Float64Array;
    const b = biases[l] as Float64Array;
    for (let t = 0; t < T; t++) {
      const base = t * P;
      for (let i = 0; i < s.fanOut * s.fanIn; i++) w[t * s.fanOut * s.fanIn + i] = scale * (result.snapshots[base + s.weight + i] as number);
      for (let j = 0; j < s.fanOut; j++) b[t * s.fanOut + j] = scale * (result.snapshots[base + s.bias + j] as number);
    }
  });
  return {
    sizes: [...plan.arch.sizes],
    activation: 'sin',
    steps: [...result.snapshotSteps],
    weights,
    biases,
    seed: plan.seed,
    labels: { ...labels },
    metadata: {
      zoo: plan.name,
      split: model.split,
      model_index: String(model.index),
      source,
      w0: String(w0),
      w0_folded: 'true',
      output_shift: String(plan.arch.outputShift ?? 0),
      siren_variant: plan.variant,
      init: plan.init,
      optimizer: JSON.stringify(plan.optimizer),
      max_steps: String(plan.maxSteps),
      stop_at_loss: String(plan.stopAtLoss),
      steps_taken: String(result.stepsTaken[0]),
      final_loss: String(result.finalLoss[0]),
      engine: result.engine,
    },
    extras: { snapshot_loss: { dtype: 'F64', shape: [T], data: Float64Array.from(result.snapshotLoss) } },
  };
}

/**
 * Trains one model of the plan: deterministic in (seed, zoo, model index) alone.
 *
 * @example
 * const plan = zooPlan('sine', 'smoke');
 * trainZooModel(plan, plan.shards[0].models[0], zooInputs(plan), {}).labels // { a, b }
 */
export function trainZooModel(plan: ZooPlan, model: ZooModel, inputs: Float64Array, images: Partial<Record<ZooModel['sourceSplit'], ImageDataset>>, signal?: AbortSignal): Trajectory {
  if (plan.cifar !== undefined) throw new GeoError('OUT_OF_RANGE', 'cifar10-gs models are trained by trainCifar10GsModel', { argument: 'plan', actual: plan.name });
  const { targets, labels, source } = modelTask(plan, model, images);
  const init = initParams(plan.arch, plan.init, createRng(plan.seed).derive(plan.name, 'model', model.index, 'init'));
  const result = trainNetworks({
    arch: plan.arch,
    loss: 'mse',
    optimizer: plan.optimizer,
    inputs,
    targets,
    init,
    networks: 1,
    steps: plan.maxSteps,
    snapshotSteps: plan.snapshotSteps,
    stopAtLoss: plan.stopAtLoss,
    ...(signal === undefined ? {} : { signal }),
  });
  return modelTrajectory(plan, model, result, labels, source);
}

function keepPartial(path: string, plan: ZooPlan): boolean {
  try {
    const t = readTrajectoryFile(path);
    if (plan.cifar !== undefined) return t.steps.length === plan.cifar.snapshots && typeof t.labels['testAccuracy'] === 'number';
    return t.steps.length === plan.snapshotSteps.length && t.steps.every((s, i) => s === plan.snapshotSteps[i]);
  } catch {
    return false;
  }
}

/**
 * Generates this worker's shards of a zoo into `out`. Each model is trained from its own
 * seed stream and written atomically into `<shard>.partial/`; a finished shard gets its
 * SHA256SUMS and is renamed into place. A rerun verifies and skips finished shards and
 * keeps finished models of a partial shard, so a run killed at any moment loses only the
 * model in training. When every shard exists, `manifest.json` is written.
 *
 * @example
 * await generateZoo('sine', 'smoke', { out: 'zoo/sine-smoke', seed: 0 });
 */
export async function generateZoo(name: ZooName, scale: Scale, options: GenerateZooOptions): Promise<GenerateZooResult> {
  const plan = zooPlan(name, scale, options);
  const mine = shardsOf(plan, options.shard ?? 0, options.of ?? 1);
  const out = options.out;
  if (typeof out !== 'string' || out === '') throw new GeoError('BAD_TYPE', 'options.out must be a folder path', { argument: 'options.out' });
  mkdirSync(out, { recursive: true });
  const total = mine.reduce((n, s) => n + s.models.length, 0);
  let done = 0;
  let trained = 0;
  const written: string[] = [];
  const skipped: string[] = [];
  const regenerated: string[] = [];
  const inputs = plan.cifar === undefined ? zooInputs(plan) : new Float64Array(0);
  const images: Partial<Record<ZooModel['sourceSplit'], ImageDataset>> = {};
  let cifarData: Cifar10GsData | undefined;
  const evaluators: Cifar10GsEvaluators = new Map();
  const dataset = name === 'mnist-inr' ? 'mnist' : 'fashion-mnist';

  for (const shard of mine) {
    const dir = join(out, shard.name);
    const files = shard.models.map((m) => modelFileName(m.index));
    if (existsSync(dir)) {
      const problem = shardProblem(dir, files);
      if (problem === undefined) {
        skipped.push(shard.name);
        done += shard.models.length;
        options.onProgress?.({ done, total, shard: shard.name, event: 'shard-skipped' });
        continue;
      }
      // Keep the evidence, regenerate the shard.
      const aside = `${dir}.corrupt`;
      rmSync(aside, { recursive: true, force: true });
      renameSync(dir, aside);
      regenerated.push(shard.name);
    }
    const partial = `${dir}.partial`;
    mkdirSync(partial, { recursive: true });
    for (const f of readdirSync(partial)) if (f.endsWith('.tmp')) unlinkSync(join(partial, f)); // a killed atomic write
    for (const model of shard.models) {
      const path = join(partial, modelFileName(model.index));
      if (existsSync(path) && keepPartial(path, plan)) {
        done++;
        options.onProgress?.({ done, total, shard: shard.name, event: 'model-kept' });
        continue;
      }
      let trajectory: Trajectory;
      if (plan.cifar !== undefined) {
        cifarData ??= await loadCifar10GsData(plan, options);
        trajectory = trainCifar10GsModel(plan, model, cifarData, evaluators, options.signal);
      } else {
        if (name !== 'sine' && images[model.sourceSplit] === undefined) {
          images[model.sourceSplit] = await loadDataset(dataset, { ...options, split: model.sourceSplit });
        }
        trajectory = trainZooModel(plan, model, inputs, images, options.signal);
      }
      writeTrajectoryFile(path, trajectory, { dtype: plan.dtype });
      trained++;
      done++;
      options.onProgress?.({ done, total, shard: shard.name, event: 'model-trained' });
    }
    writeFileSync(join(partial, SHARD_SUMS), shardSums(partial, files));
    renameSync(partial, dir);
    written.push(shard.name);
    options.onProgress?.({ done, total, shard: shard.name, event: 'shard-written' });
  }
  const manifestWritten = writeZooManifestIfComplete(out, plan);
  return { plan, written, skipped, regenerated, modelsTrained: trained, manifestWritten };
}
