import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GeoError } from '@geo/core';
import { sha256Hex } from '../loaders/bytes.js';
import { SPLIT_NAMES } from './plan.js';
import type { ZooPlan } from './plan.js';
import { SHARD_SUMS, modelFileName, shardProblem } from './shard-files.js';

/** The manifest file of a zoo folder. */
export const ZOO_MANIFEST = 'manifest.json';

/** A zoo's manifest: the protocol, splits, counts and each shard's SHA-256 (of its SHA256SUMS). */
export interface ZooManifest {
  readonly format: 'geo-zoo';
  readonly schemaVersion: 1;
  readonly name: string;
  readonly scale: string;
  readonly seed: number;
  readonly protocol: Record<string, unknown>;
  readonly counts: Record<string, number>;
  readonly splits: Record<string, { readonly count: number; readonly shards: readonly string[] }>;
  readonly shards: readonly { readonly name: string; readonly split: string; readonly count: number; readonly models: readonly number[]; readonly files: readonly string[]; readonly sha256: string }[];
}

/**
 * Builds the manifest of a complete zoo (throws NOT_FOUND naming the first shard that is missing). Deterministic: no times, no hosts.
 *
 * @example
 * buildZooManifest('zoo/sine', zooPlan('sine', 'smoke')).counts // { train: 16, val: 4, test: 4, total: 24 }
 */
export function buildZooManifest(out: string, plan: ZooPlan): ZooManifest {
  const shards = plan.shards.map((s) => {
    const sums = join(out, s.name, SHARD_SUMS);
    if (!existsSync(sums)) throw new GeoError('NOT_FOUND', `${join(out, s.name)}: shard not finished`, { argument: s.name });
    return { name: s.name, split: s.split, count: s.models.length, models: s.models.map((m) => m.index), files: s.models.map((m) => modelFileName(m.index)), sha256: sha256Hex(readFileSync(sums)) };
  });
  const splits: Record<string, { count: number; shards: string[] }> = {};
  for (const split of SPLIT_NAMES) splits[split] = { count: plan.counts[split], shards: plan.shards.filter((s) => s.split === split).map((s) => s.name) };
  return {
    format: 'geo-zoo',
    schemaVersion: 1,
    name: plan.name,
    scale: plan.scale,
    seed: plan.seed,
    protocol: plan.cifar !== undefined ? cifarProtocolRecord(plan) : {
      architecture: { sizes: plan.arch.sizes, activation: plan.arch.activation, w0: plan.arch.w0, outputShift: plan.arch.outputShift ?? 0 },
      sirenVariant: plan.variant,
      init: plan.init,
      w0Folded: true,
      optimizer: plan.optimizer,
      loss: 'mse',
      fullBatch: true,
      maxSteps: plan.maxSteps,
      stopAtLoss: plan.stopAtLoss,
      snapshotSteps: plan.snapshotSteps,
      dtype: plan.dtype,
      shardSize: plan.shardSize,
    },
    counts: { ...plan.counts, total: plan.shards.reduce((n, s) => n + s.models.length, 0) },
    splits,
    shards,
  };
}

/** The manifest's protocol of a cifar10-gs zoo: the data, the architecture family and every hyperparameter range. */
function cifarProtocolRecord(plan: ZooPlan): Record<string, unknown> {
  const p = plan.cifar as NonNullable<ZooPlan['cifar']>;
  const part = (q: typeof p.pool): string => (q.split === 'sample' ? `embedded sample records ${q.from}..${q.from + q.count - 1}` : `data_batch_${q.batches.join(',')}`);
  return {
    task: 'CIFAR-10 greyscale generalisation prediction (CIFAR10-GS-like, MLPs)',
    inputs: { greyscale: 'ITU-R BT.601 luma 0.299 R + 0.587 G + 0.114 B, divided by 255', standardisation: '(x - mean) / std, one mean and std over every pixel of the training pool (each model file records them as input_mean, input_std)', resolution: [p.resolution, p.resolution], pooling: p.resolution === 32 ? 'none' : `mean over ${32 / p.resolution} x ${32 / p.resolution} blocks` },
    architecture: { sizes: [p.resolution * p.resolution, 'h', 'h', 10], widths: p.widths, activations: p.activations },
    loss: 'cross-entropy',
    trainingPool: { source: part(p.pool), count: p.pool.count },
    heldOut: {
      source: part(p.heldOut),
      count: p.heldOut.count,
      note: p.heldOut.split === 'sample' ? 'smoke scale: the embedded sample only' : 'data_batch_5 is the only complete held-out CIFAR-10 set available offline with a verified checksum (test_batch.bin has none); labels.testAccuracy is measured on it',
    },
    hyperparameters: {
      optimizers: p.optimizers,
      sgdMomentum: p.sgdMomentum,
      learningRateLogUniform: p.learningRate,
      weightDecayLogUniform: p.weightDecay,
      initScaleLogUniform: p.initScale,
      init: 'nn.Linear default x initScale',
      dropoutUniform: p.dropout,
      trainSizes: p.trainSizes,
      batchSizes: p.batchSizes,
      epochsUniformInteger: p.epochs,
    },
    snapshots: p.snapshots,
    snapshotSpacing: 'snapshotSchedule(steps, T) over each model\'s own steps (dense early)',
    maxSteps: plan.maxSteps,
    dtype: plan.dtype,
    shardSize: plan.shardSize,
  };
}

/**
 * Writes manifest.json atomically when every shard of the plan is finished; returns whether it did.
 *
 * @example
 * writeZooManifestIfComplete('zoo/sine', zooPlan('sine', 'smoke')) // true once all shards exist
 */
export function writeZooManifestIfComplete(out: string, plan: ZooPlan): boolean {
  if (!plan.shards.every((s) => existsSync(join(out, s.name, SHARD_SUMS)))) return false;
  const manifest = buildZooManifest(out, plan);
  const path = join(out, ZOO_MANIFEST);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(tmp, path);
  return true;
}

/** One problem `verifyZoo` found. */
export interface ZooProblem {
  readonly shard: string;
  readonly problem: string;
}

/** One model of a finished zoo, as listed by its manifest. */
export interface ZooEntry {
  readonly path: string;
  readonly split: string;
  readonly index: number;
  readonly shard: string;
}

function readManifest(dir: string): ZooManifest {
  const path = join(dir, ZOO_MANIFEST);
  if (!existsSync(path)) throw new GeoError('NOT_FOUND', `${path}: no zoo manifest`, { argument: 'dir', actual: dir });
  let manifest: ZooManifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as ZooManifest;
  } catch (cause) {
    throw new GeoError('CORRUPT_FILE', `${path}: not valid JSON`, { argument: path, cause });
  }
  if (manifest.format !== 'geo-zoo' || !Array.isArray(manifest.shards)) {
    throw new GeoError('CORRUPT_FILE', `${path}: not a geo-zoo manifest`, { argument: path, expected: 'geo-zoo', actual: manifest.format });
  }
  return manifest;
}

/**
 * The models of a finished zoo from its manifest (no file is hashed or opened), in model
 * order, optionally of one split: what a benchmark iterates over. Read each with
 * @geo/param-graph's `readTrajectoryFile`.
 *
 * @example
 * listZooModels('zoo/mnist-inr', 'test').length // 10000 at paper scale
 */
export function listZooModels(dir: string, split?: string): { manifest: ZooManifest; models: ZooEntry[] } {
  const manifest = readManifest(dir);
  const models: ZooEntry[] = [];
  for (const s of manifest.shards) {
    if (split !== undefined && s.split !== split) continue;
    s.models.forEach((index, i) => models.push({ path: join(dir, s.name, s.files[i] as string), split: s.split, index, shard: s.name }));
  }
  return { manifest, models };
}

/**
 * Re-checks a zoo folder against its manifest: every shard present, its SHA256SUMS
 * matching the manifest's SHA-256, every model file matching its sum. Returns the
 * problems (empty when the zoo is intact); a missing or unreadable manifest is a GeoError.
 *
 * @example
 * verifyZoo('zoo/mnist-inr') // [] when intact, else [{ shard: 'train-00003', problem: 'missing' }, ...]
 */
export function verifyZoo(dir: string): ZooProblem[] {
  const manifest = readManifest(dir);
  const problems: ZooProblem[] = [];
  for (const s of manifest.shards) {
    const problem = shardProblem(join(dir, s.name), s.files, s.sha256);
    if (problem !== undefined) problems.push({ shard: s.name, problem });
  }
  return problems;
}
