// The leaderboard's tasks: which zoo, what is predicted, how it is scored, what each scale
// reads, and the paper's numbers to print beside ours.
import { GeoError } from '@geo/core';
import type { Scale } from '../types.js';
import type { MetaTaskSpec } from './method.js';
import { accuracy, kendallTauB, meanSquaredError } from './metrics.js';

/** How much of a zoo one scale reads. */
export interface TaskScale {
  /** Models per split read (first in model order; undefined = the whole split). */
  readonly train?: number;
  readonly val?: number;
  readonly test?: number;
  /** Snapshots per trajectory (evenly spaced, first and last included). */
  readonly snapshots: number;
}

/** A published figure: mean, std (if given) and who reported it. */
export interface PaperFigure {
  readonly method: string;
  readonly mean: number;
  readonly std?: number;
}

export interface LeaderboardTask {
  readonly spec: MetaTaskSpec;
  /** Zoo name in @geo/datasets (folder `<zoo>-<scale>`). */
  readonly zoo: string;
  readonly description: string;
  /** What the score is, e.g. `accuracy (%)`. */
  readonly metric: string;
  readonly higherIsBetter: boolean;
  /** Shown as percent (x 100) in the report. */
  readonly percent: boolean;
  /** Targets of one model from its labels. */
  readonly target: (labels: Readonly<Record<string, unknown>>, path: string) => readonly number[];
  /** Scores a method's test predictions (n x outputs) against the targets. */
  readonly score: (predictions: Float64Array, targets: Float64Array) => number;
  readonly scales: Record<Scale, TaskScale>;
  /** The paper's numbers (GTH-GMN first), in the metric's units. */
  readonly paper: readonly PaperFigure[];
  /** How our protocol departs from the paper's at every scale. */
  readonly deviations: readonly string[];
}

function label(labels: Readonly<Record<string, unknown>>, key: string, path: string): number {
  const v = labels[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new GeoError('CORRUPT_FILE', `${path}: label ${key} is ${JSON.stringify(v)}, expected a finite number`, { argument: path, expected: key, actual: v });
  }
  return v;
}

/**
 * Kendall's tau-b of predicted scores against true accuracies; a constant predictor ranks
 * nothing and scores 0 (tau-b is undefined there).
 */
function rankScore(predictions: Float64Array, targets: Float64Array): number {
  let constant = true;
  for (let i = 1; i < predictions.length; i++) if (predictions[i] !== predictions[0]) constant = false;
  return constant ? 0 : kendallTauB(predictions, targets);
}

const INR_DEVIATIONS = [
  'INRs are DWSNets-style SIREN 2-32-32-1 fitted for up to 1,000 full-batch Adam steps with T = 90 stored snapshots (dense early); the paper states T in [80, 100] and not its INR recipe.',
  'Each method reads k evenly spaced snapshots of the stored T (first and last included), and only the first N models of each split (see sizes): a CPU budget, not the paper\'s 55k/5k/10k.',
  'Model selection and early stopping on the validation split only; the test split is scored once per seed.',
];

function inrTask(task: 'inr-mnist' | 'inr-fmnist'): LeaderboardTask {
  const mnist = task === 'inr-mnist';
  return {
    spec: { task, kind: 'classification', outputs: 10 },
    zoo: mnist ? 'mnist-inr' : 'fmnist-inr',
    description: `classify the ${mnist ? 'MNIST' : 'Fashion-MNIST'} digit an INR was fitted to, from its weight trajectory`,
    metric: 'test accuracy (%)',
    higherIsBetter: true,
    percent: true,
    target: (labels, path) => [label(labels, 'class', path)],
    score: (p, y) => accuracy(p, y, 10),
    scales: {
      smoke: { snapshots: 4 },
      cpu: { train: 1000, val: 250, test: 250, snapshots: 6 },
      paper: { snapshots: 90 },
    },
    paper: mnist
      ? [
          { method: 'gth-gmn', mean: 0.956, std: 0.0018 },
          { method: 'nfn-np', mean: 0.929, std: 0.0022 },
        ]
      : [
          { method: 'gth-gmn', mean: 0.8072, std: 0.0029 },
          { method: 'nfn-np', mean: 0.756, std: 0.0107 },
        ],
    deviations: INR_DEVIATIONS,
  };
}

/**
 * Every leaderboard task, in report order.
 *
 * @example
 * leaderboardTasks().map((t) => t.spec.task) // ['inr-mnist', 'inr-fmnist', 'sine', 'cifar10-generalisation']
 */
export function leaderboardTasks(): LeaderboardTask[] {
  return [
    inrTask('inr-mnist'),
    inrTask('inr-fmnist'),
    {
      spec: { task: 'sine', kind: 'regression', outputs: 2 },
      zoo: 'sine',
      description: 'regress (a, b) of a sin(b x) from the trajectory of a SIREN fitted to it',
      metric: 'test MSE of (a, b), averaged over both',
      higherIsBetter: false,
      percent: false,
      target: (labels, path) => [label(labels, 'a', path), label(labels, 'b', path)],
      score: (p, y) => meanSquaredError(p, y),
      scales: {
        smoke: { snapshots: 4 },
        cpu: { train: 800, val: 100, test: 100, snapshots: 6 },
        paper: { snapshots: 90 },
      },
      paper: [
        { method: 'gth-gmn', mean: 1.06, std: 0.24 },
        { method: 'gmn', mean: 1.13, std: 0.08 },
        { method: 'dwsnets', mean: 1.39, std: 0.06 },
      ],
      deviations: [
        'The paper does not say whether its MSE averages a and b or sums them; we average the squared errors over both targets (a, b ~ U(0, 10)).',
        'Sine SIRENs 1-32-32-1 on 2,000 points, Adam lr 1e-3, weight decay 1e-4, up to 1,500 steps, T = 90; the paper does not give its recipe or split sizes.',
        'Each method reads k evenly spaced snapshots; regression targets are standardised on the training split by the methods that need it.',
      ],
    },
    {
      spec: { task: 'cifar10-generalisation', kind: 'ranking', outputs: 1 },
      zoo: 'cifar10-gs',
      description: 'rank MLPs trained on greyscale CIFAR-10 subsets by their true test accuracy (Kendall tau-b)',
      metric: "Kendall's tau-b (predicted score vs true accuracy)",
      higherIsBetter: true,
      percent: false,
      target: (labels, path) => [label(labels, 'testAccuracy', path)],
      score: rankScore,
      scales: {
        smoke: { snapshots: 4 },
        // 1,024-pixel inputs make each snapshot graph about 15 times an INR's: fewer models and snapshots
        cpu: { train: 200, val: 100, test: 250, snapshots: 3 },
        paper: { snapshots: 20 },
      },
      paper: [
        { method: 'gth-gmn', mean: 0.846, std: 0.004 },
        { method: 'nfn-hnp', mean: 0.934, std: 0.001 },
        { method: 'nfn-np', mean: 0.922, std: 0.001 },
        { method: 'statnn', mean: 0.915, std: 0.002 },
      ],
      deviations: [
        'Our CIFAR10-GS-style zoo is MLPs (not the Small CNN Zoo\'s CNNs) trained on greyscale subsets of data_batch_1..4 with varied hyperparameters; the true accuracy is measured on data_batch_5, the only complete held-out set available offline.',
        'Scored by Kendall tau-b (ties counted); a constant predictor scores 0.',
        'Each zoo model draws its hidden width (16 or 32), activation (ReLU or tanh), optimiser, learning rate, weight decay, init scale, dropout, training-set size, batch size and epochs; T = 20 snapshots (cpu) of which k are read.',
      ],
    },
  ];
}

/**
 * A task by id (GeoError NOT_FOUND listing the ids otherwise).
 *
 * @example
 * leaderboardTask('sine').spec.outputs // 2
 */
export function leaderboardTask(id: string): LeaderboardTask {
  const t = leaderboardTasks().find((x) => x.spec.task === id);
  if (t === undefined) {
    throw new GeoError('NOT_FOUND', `unknown leaderboard task "${id}" (known: ${leaderboardTasks().map((x) => x.spec.task).join(', ')})`, { argument: 'task', actual: id });
  }
  return t;
}
