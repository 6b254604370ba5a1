import type { Activation } from '../trainer/arch.js';
import type { Scale } from './plan.js';

/**
 * The CIFAR10-GS-style generalisation zoo's protocol: what each model's hyperparameters
 * are drawn from, where its training images come from and where its accuracy is measured.
 */
export interface Cifar10GsProtocol {
  /** Side of the greyscale input image: 32 (native) or an average-pooled 8 (64 inputs). */
  readonly resolution: number;
  /** Hidden widths h of the in-h-h-10 MLPs, drawn uniformly. */
  readonly widths: readonly number[];
  /** Hidden activations, drawn uniformly. */
  readonly activations: readonly Activation[];
  /** Optimisers, drawn uniformly: Adam, or SGD with momentum `sgdMomentum`. */
  readonly optimizers: readonly ('adam' | 'sgd')[];
  readonly sgdMomentum: number;
  /** Log-uniform learning-rate ranges [lo, hi) per optimiser. */
  readonly learningRate: { readonly adam: readonly [number, number]; readonly sgd: readonly [number, number] };
  /** Log-uniform L2 weight decay range [lo, hi). */
  readonly weightDecay: readonly [number, number];
  /** Log-uniform multiplier of the `nn.Linear` default initialisation, [lo, hi). */
  readonly initScale: readonly [number, number];
  /** Uniform dropout probability range [lo, hi) on both hidden layers. */
  readonly dropout: readonly [number, number];
  /** Training-set sizes, drawn uniformly; each model's images are a seeded random subset of the pool. */
  readonly trainSizes: readonly number[];
  /** Minibatch sizes, drawn uniformly. */
  readonly batchSizes: readonly number[];
  /** Epochs, a uniform integer in [lo, hi]. */
  readonly epochs: readonly [number, number];
  /** Snapshots per model, spaced densely early over its own steps. */
  readonly snapshots: number;
  /** The training pool and the held-out set: CIFAR-10 records. */
  readonly pool: { readonly split: 'train' | 'sample'; readonly batches: readonly number[]; readonly from: number; readonly count: number };
  readonly heldOut: { readonly split: 'train' | 'sample'; readonly batches: readonly number[]; readonly from: number; readonly count: number };
}

/** Records of the embedded CIFAR-10 sample used as the smoke-scale training pool (the rest is held out). */
export const SMOKE_POOL = 70;

const COMMON = {
  widths: [16, 32],
  activations: ['relu', 'tanh'],
  optimizers: ['adam', 'sgd'],
  sgdMomentum: 0.9,
  learningRate: { adam: [1e-4, 1e-2], sgd: [1e-3, 1e-1] },
  weightDecay: [1e-6, 1e-2],
  initScale: [0.5, 4],
  dropout: [0, 0.5],
  batchSizes: [32, 64, 128],
} as const;

/**
 * The protocol at each scale. smoke: the embedded 100-record sample (records 0..69 the
 * training pool, 70..99 held out), 8 x 8; cpu: data_batch_1..4 the pool, data_batch_5 held
 * out, 8 x 8; paper: the same data at the native 32 x 32.
 */
export const CIFAR10_GS_PROTOCOLS: Readonly<Record<Scale, Cifar10GsProtocol>> = {
  smoke: {
    ...COMMON,
    resolution: 8,
    trainSizes: [20, 40, 70],
    batchSizes: [8, 16, 32],
    epochs: [2, 6],
    snapshots: 5,
    pool: { split: 'sample', batches: [], from: 0, count: SMOKE_POOL },
    heldOut: { split: 'sample', batches: [], from: SMOKE_POOL, count: 100 - SMOKE_POOL },
  },
  cpu: {
    ...COMMON,
    resolution: 8,
    trainSizes: [500, 1000, 2000, 4000, 8000],
    epochs: [5, 40],
    snapshots: 20,
    pool: { split: 'train', batches: [1, 2, 3, 4], from: 0, count: 40000 },
    heldOut: { split: 'train', batches: [5], from: 0, count: 10000 },
  },
  paper: {
    ...COMMON,
    resolution: 32,
    trainSizes: [1000, 2500, 5000, 10000, 20000],
    epochs: [5, 40],
    snapshots: 20,
    pool: { split: 'train', batches: [1, 2, 3, 4], from: 0, count: 40000 },
    heldOut: { split: 'train', batches: [5], from: 0, count: 10000 },
  },
};
