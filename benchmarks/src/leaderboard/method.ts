import type { Trajectory } from '@geo/param-graph';
import type { Scale } from '../types.js';

/**
 * The contract between the leaderboard harness and every meta-learning method (GTH-GMN and
 * its ablations, StatNN, the Euclidean GMN, NFN-NP). The harness loads a zoo, splits it,
 * hands a method the training and validation sets, and scores its predictions on the test
 * set itself, so every method is measured by the same code on the same models.
 */

/** What is predicted: a class (INR tasks), real values (sine: a, b), or a score whose order should match a target (generalisation). */
export type MetaTaskKind = 'classification' | 'regression' | 'ranking';

export interface MetaTaskSpec {
  /** Leaderboard task id, e.g. `inr-mnist`. */
  readonly task: string;
  readonly kind: MetaTaskKind;
  /** Classes (classification), target columns (regression: 2 for sine), 1 (ranking). */
  readonly outputs: number;
}

/**
 * A split of a zoo: trajectories (each with T >= 1 snapshots; a single-snapshot method reads
 * the last) and their targets: class indices (classification), n x outputs row-major values
 * (regression), the true test accuracy (ranking).
 */
export interface MetaDataset {
  readonly trajectories: readonly Trajectory[];
  readonly targets: Float64Array;
}

export interface MethodContext {
  readonly scale: Scale;
  /** Seed for everything stochastic inside fit (initialisation, batching, dropout). */
  readonly seed: number;
  /** Checked between epochs; an aborted fit throws. */
  readonly signal: AbortSignal;
  readonly onProgress: (done: number, total: number, label?: string) => void;
}

export interface FittedMethod {
  /**
   * n x outputs row-major: logits or probabilities (classification, argmax is the class),
   * values (regression, in the targets' units), one score per model (ranking).
   */
  predict(trajectories: readonly Trajectory[]): Promise<Float64Array>;
  /** Releases tensors or workers, if any. */
  dispose?(): void;
  /** What the method settled on (epochs run, best validation score, hyperparameters), for the report. */
  readonly info?: Readonly<Record<string, string | number | boolean>>;
}

export interface Method {
  /** Stable id for the leaderboard, e.g. `gth-gmn`, `gth-gmn-static`, `statnn-gbt`, `nfn-np`, `gmn`. */
  readonly name: string;
  /** One line for the report: the paper it follows and what it reads. */
  readonly description: string;
  /** True when it reads every snapshot, false when only the last one. */
  readonly temporal: boolean;
  /**
   * The configuration a unit of `task` at `scale` runs with (budget, model size), as a stable
   * string. A finished unit recorded under other settings is stale: it is rerun and left out of
   * the report, so one table never mixes budgets. Per task, so a change to one task's budget
   * leaves the other tasks' units valid. Methods without it are never stale.
   */
  settings?(scale: Scale, task: string): string;
  /** Trains on `train`, may use `val` for early stopping or model selection, never sees the test set. */
  fit(train: MetaDataset, val: MetaDataset, spec: MetaTaskSpec, ctx: MethodContext): Promise<FittedMethod>;
}
