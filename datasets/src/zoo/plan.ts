import { GeoError, assertInteger, assertOneOf } from '@geo/core';
import type { MlpArch } from '../trainer/arch.js';
import type { InitScheme } from '../trainer/init.js';
import type { OptimizerConfig } from '../trainer/optim.js';
import { snapshotSchedule } from '../trainer/schedule.js';
import { CIFAR10_GS_PROTOCOLS } from './cifar10-gs-protocol.js';
import type { Cifar10GsProtocol } from './cifar10-gs-protocol.js';

/** The zoos the generator knows. */
export type ZooName = 'mnist-inr' | 'fmnist-inr' | 'sine' | 'cifar10-gs';
/** Every zoo name. */
export const ZOO_NAMES: readonly ZooName[] = ['mnist-inr', 'fmnist-inr', 'sine', 'cifar10-gs'];

/** `smoke`: under a minute, from the embedded samples; `cpu`: under an hour on 2 cores; `paper`: the published protocol. */
export type Scale = 'smoke' | 'cpu' | 'paper';
/** Every scale. */
export const SCALES: readonly Scale[] = ['smoke', 'cpu', 'paper'];

/** Which SIREN: DWSNets' (default, their corpora) or the original of Sitzmann et al. */
export type SirenVariant = 'dwsnets' | 'sitzmann';
/** Every SIREN variant. */
export const SIREN_VARIANTS: readonly SirenVariant[] = ['dwsnets', 'sitzmann'];

export type SplitName = 'train' | 'val' | 'test';
/** Every split, in the order models are numbered. */
export const SPLIT_NAMES: readonly SplitName[] = ['train', 'val', 'test'];

/** One model of a zoo: its global index, split, and where its target comes from. */
export interface ZooModel {
  readonly index: number;
  readonly split: SplitName;
  /** INR zoos: the image's index in `sourceSplit` of the dataset. Sine and cifar10-gs: the index within the split. */
  readonly source: number;
  readonly sourceSplit: 'train' | 'test' | 'sample';
}

/** One shard: a fixed run of consecutive models of one split, written and verified as a unit. */
export interface ZooShard {
  readonly name: string;
  readonly split: SplitName;
  readonly models: readonly ZooModel[];
}

/** Everything that determines a zoo's bytes. */
export interface ZooPlan {
  readonly name: ZooName;
  /**
   * cifar10-gs only: the hyperparameter ranges and data of its classifiers. Then `arch` is
   * the widest architecture (each model draws its own width and activation), `optimizer`
   * and `init` describe nothing (each model draws its own), `maxSteps` caps every model's
   * steps and `snapshotSteps` is empty (each model spaces its T snapshots over its own steps).
   */
  readonly cifar?: Cifar10GsProtocol;
  readonly scale: Scale;
  readonly seed: number;
  readonly variant: SirenVariant;
  readonly arch: MlpArch;
  readonly init: InitScheme;
  readonly optimizer: OptimizerConfig;
  readonly maxSteps: number;
  readonly stopAtLoss: number;
  readonly snapshotSteps: readonly number[];
  readonly counts: Readonly<Record<SplitName, number>>;
  readonly shardSize: number;
  readonly dtype: 'F32' | 'F64';
  readonly shards: readonly ZooShard[];
}

/** Overrides of a scale's defaults (for custom runs and tests). */
export interface ZooPlanOptions {
  readonly seed?: number;
  readonly variant?: SirenVariant;
  readonly counts?: Partial<Record<SplitName, number>>;
  readonly maxSteps?: number;
  readonly snapshots?: number;
  readonly shardSize?: number;
  readonly dtype?: 'F32' | 'F64';
}

interface ScaleDefaults {
  readonly counts: Record<SplitName, number>;
  readonly maxSteps: number;
  readonly snapshots: number;
  readonly shardSize: number;
}

/** Scale defaults. INR: DWSNets' 55k/5k/10k at paper scale; sine: 1k/1k validation/test as the issue, train count ours. */
const DEFAULTS: Record<'inr' | 'sine' | 'cifar', Record<Scale, ScaleDefaults>> = {
  // maxSteps: the largest any model can need (epochs x batches of an epoch), i.e. no cap.
  cifar: {
    smoke: { counts: { train: 16, val: 4, test: 4 }, maxSteps: maxCifarSteps(CIFAR10_GS_PROTOCOLS.smoke), snapshots: CIFAR10_GS_PROTOCOLS.smoke.snapshots, shardSize: 4 },
    cpu: { counts: { train: 600, val: 150, test: 250 }, maxSteps: maxCifarSteps(CIFAR10_GS_PROTOCOLS.cpu), snapshots: CIFAR10_GS_PROTOCOLS.cpu.snapshots, shardSize: 50 },
    paper: { counts: { train: 24000, val: 3000, test: 3000 }, maxSteps: maxCifarSteps(CIFAR10_GS_PROTOCOLS.paper), snapshots: CIFAR10_GS_PROTOCOLS.paper.snapshots, shardSize: 500 },
  },
  inr: {
    smoke: { counts: { train: 16, val: 4, test: 4 }, maxSteps: 100, snapshots: 10, shardSize: 4 },
    cpu: { counts: { train: 1000, val: 250, test: 250 }, maxSteps: 1000, snapshots: 90, shardSize: 50 },
    paper: { counts: { train: 55000, val: 5000, test: 10000 }, maxSteps: 1000, snapshots: 90, shardSize: 500 },
  },
  sine: {
    smoke: { counts: { train: 16, val: 4, test: 4 }, maxSteps: 100, snapshots: 10, shardSize: 4 },
    cpu: { counts: { train: 800, val: 100, test: 100 }, maxSteps: 1500, snapshots: 90, shardSize: 50 },
    paper: { counts: { train: 8000, val: 1000, test: 1000 }, maxSteps: 1500, snapshots: 90, shardSize: 500 },
  },
};

function maxCifarSteps(p: Cifar10GsProtocol): number {
  return p.epochs[1] * Math.ceil(Math.max(...p.trainSizes) / Math.min(...p.batchSizes));
}

/** Images available for each INR source split (MNIST and Fashion-MNIST alike). */
const SOURCE_SIZES = { train: 60000, test: 10000, sample: 300 } as const;
/** DWSNets hold out the last 5,000 training images for validation. */
const VAL_START = 55000;

/**
 * The full, deterministic plan of a zoo: architecture, protocol, splits and shards.
 * Depends only on (name, scale, options), so every worker of a sharded run agrees on it.
 *
 * @example
 * zooPlan('mnist-inr', 'paper').counts // { train: 55000, val: 5000, test: 10000 }
 */
export function zooPlan(name: ZooName, scale: Scale, options: ZooPlanOptions = {}): ZooPlan {
  assertOneOf(name, ZOO_NAMES, 'name');
  assertOneOf(scale, SCALES, 'scale');
  const variant = options.variant ?? 'dwsnets';
  assertOneOf(variant, SIREN_VARIANTS, 'options.variant');
  const seed = options.seed ?? 0;
  assertInteger(seed, 'options.seed', { min: 0, max: Number.MAX_SAFE_INTEGER });
  const kind = name === 'sine' ? 'sine' : name === 'cifar10-gs' ? 'cifar' : 'inr';
  const d = DEFAULTS[kind][scale];
  const counts = { ...d.counts, ...options.counts };
  for (const s of SPLIT_NAMES) assertInteger(counts[s], `options.counts.${s}`, { min: 0, max: 10_000_000 });
  const maxSteps = options.maxSteps ?? d.maxSteps;
  assertInteger(maxSteps, 'options.maxSteps', { min: 1 });
  const T = options.snapshots ?? Math.min(d.snapshots, maxSteps + 1);
  assertInteger(T, 'options.snapshots', { min: 1, max: maxSteps + 1 });
  const shardSize = options.shardSize ?? d.shardSize;
  assertInteger(shardSize, 'options.shardSize', { min: 1 });
  const dtype = options.dtype ?? 'F64';
  assertOneOf(dtype, ['F32', 'F64'] as const, 'options.dtype');

  if (kind === 'cifar') return cifarPlan(name, scale, seed, counts, maxSteps, T, shardSize, dtype);
  const sizes = kind === 'sine' ? [1, 32, 32, 1] : [2, 32, 32, 1];
  const arch: MlpArch = { sizes, activation: 'sin', w0: 30, outputShift: variant === 'dwsnets' ? 0.5 : 0 };
  const optimizer: OptimizerConfig = kind === 'sine' ? { kind: 'adam', lr: 1e-3, weightDecay: 1e-4 } : { kind: 'adam', lr: 5e-4 };
  // INR: stop at 40 dB PSNR on [0, 1] images, i.e. MSE 1e-4; sine: loss <= 1e-4.
  const stopAtLoss = 1e-4;

  const models: ZooModel[] = [];
  let index = 0;
  for (const split of SPLIT_NAMES) {
    for (let k = 0; k < counts[split]; k++) {
      if (kind === 'sine') {
        models.push({ index: index++, split, source: k, sourceSplit: 'train' });
        continue;
      }
      // smoke draws from the embedded sample: train, then val, then test images in order.
      let sourceSplit: ZooModel['sourceSplit'];
      let source: number;
      if (scale === 'smoke') {
        sourceSplit = 'sample';
        source = split === 'train' ? k : split === 'val' ? counts.train + k : counts.train + counts.val + k;
      } else if (split === 'test') {
        sourceSplit = 'test';
        source = k;
      } else {
        sourceSplit = 'train';
        source = split === 'train' ? k : VAL_START + k;
      }
      if (source >= SOURCE_SIZES[sourceSplit] || (split === 'train' && sourceSplit === 'train' && source >= VAL_START)) {
        throw new GeoError('OUT_OF_RANGE', `options.counts.${split}: ${counts[split]} models need more ${sourceSplit} images than the dataset has`, {
          argument: `options.counts.${split}`,
          actual: counts[split],
        });
      }
      models.push({ index: index++, split, source, sourceSplit });
    }
  }
  const shards = shardModels(models, shardSize);
  return {
    name,
    scale,
    seed,
    variant,
    arch,
    init: variant === 'dwsnets' ? 'dwsnets-siren' : 'siren',
    optimizer,
    maxSteps,
    stopAtLoss,
    snapshotSteps: snapshotSchedule(maxSteps, T),
    counts,
    shardSize,
    dtype,
    shards,
  };
}

/** Fixed runs of consecutive models of one split, named `<split>-00000`, ... */
function shardModels(models: readonly ZooModel[], shardSize: number): ZooShard[] {
  const shards: ZooShard[] = [];
  for (const split of SPLIT_NAMES) {
    const own = models.filter((m) => m.split === split);
    for (let i = 0; i < own.length; i += shardSize) {
      shards.push({ name: `${split}-${String(shards.filter((s) => s.split === split).length).padStart(5, '0')}`, split, models: own.slice(i, i + shardSize) });
    }
  }
  return shards;
}

function cifarPlan(name: ZooName, scale: Scale, seed: number, counts: Record<SplitName, number>, maxSteps: number, T: number, shardSize: number, dtype: 'F32' | 'F64'): ZooPlan {
  const cifar: Cifar10GsProtocol = { ...CIFAR10_GS_PROTOCOLS[scale], snapshots: T };
  const side = cifar.resolution;
  const widest = Math.max(...cifar.widths);
  const models: ZooModel[] = [];
  let index = 0;
  for (const split of SPLIT_NAMES) for (let k = 0; k < counts[split]; k++) models.push({ index: index++, split, source: k, sourceSplit: cifar.pool.split });
  return {
    name,
    cifar,
    scale,
    seed,
    variant: 'dwsnets',
    arch: { sizes: [side * side, widest, widest, 10], activation: cifar.activations[0] ?? 'relu' },
    init: 'pytorch',
    optimizer: { kind: 'adam', lr: cifar.learningRate.adam[0] },
    maxSteps,
    stopAtLoss: 0,
    snapshotSteps: [],
    counts,
    shardSize,
    dtype,
    shards: shardModels(models, shardSize),
  };
}
