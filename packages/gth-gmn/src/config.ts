// The model's configuration: every choice the paper leaves open is a named option here,
// with the default documented in the README.
import { GeoError, assertInRange, assertInteger, assertOneOf, assertPositive, describe } from '@geo/core';

/** Geometry of the message passing: the Poincaré ball of curvature -c, or its c -> 0 (Euclidean) limit. */
export type Geometry = 'hyperbolic' | 'euclidean';
/** How the attention kernels move along the trajectory: GRU-evolved (EvolveGCN-O style) or fixed. */
export type KernelEvolution = 'gru' | 'fixed';
/** Which snapshots the model reads: all T, or only the last (the "static" ablation). */
export type SnapshotMode = 'all' | 'last';
/** The downstream task of the readout head. */
export type TaskKind = 'classification' | 'regression' | 'ranking';
/** Readout groups: one Einstein midpoint per MLP layer (and per bias group), or one per graph. */
export type ReadoutGroups = 'layer' | 'graph';
/** Pooling of per-snapshot readouts over time. */
export type TemporalPool = 'mean' | 'last';

/** Loss weights of the combined objective (paper, "Loss & Training"). */
export interface LossWeights {
  /** Downstream task loss (cross-entropy, MSE or pairwise ranking). */
  readonly task: number;
  /** Fermi-Dirac link cross-entropy. */
  readonly link: number;
  /** |w| regression: squared error of log|w|. */
  readonly magnitude: number;
  /** Sign: logistic loss of the sign logit. */
  readonly sign: number;
  /** Gaussian prior of the power-law slopes alpha_uv around `slopePrior`. */
  readonly slope: number;
  /** Temporal smoothness: mean squared geodesic step of node embeddings between snapshots. */
  readonly smooth: number;
  /** Margin ranking of edge strength: stronger edges must be closer. */
  readonly rank: number;
}

/** The full configuration of a GTH-GMN model. */
export interface GthGmnConfig {
  readonly geometry: Geometry;
  /** Curvature magnitude c > 0 (the ball has curvature -c); ignored for `euclidean`. */
  readonly c: number;
  /** Width of node representations (tangent dimension). */
  readonly hiddenDim: number;
  /** Attention heads per layer. */
  readonly heads: number;
  /** Dimension of each head's query/key/value points. */
  readonly headDim: number;
  /** Hyperbolic graph attention layers. */
  readonly layers: number;
  /** Width of each GRU state (one per layer and head). */
  readonly gruDim: number;
  readonly kernelEvolution: KernelEvolution;
  readonly snapshots: SnapshotMode;
  /** Add a self-loop to every node so that it attends to itself (its neighbourhood is never empty). */
  readonly selfLoops: boolean;
  /** Learnable sigmoid gate g_uv on edge types (bias, cross-layer, self-loop) multiplying the attention weights. */
  readonly gate: boolean;
  /** Residual connection in the tangent space at the origin between attention layers. */
  readonly residual: boolean;
  /** Layer normalisation of the Euclidean input embedding (before exp_0). */
  readonly inputNorm: boolean;
  /**
   * One-hot slots for the index of each input and output neuron (fixed by the architecture,
   * unlike hidden neurons), appended to the node inputs. 0 (default) = the paper's features
   * only, under which the input neurons of an INR (x and y) are interchangeable. A documented
   * deviation from the paper; indices must be below it.
   */
  readonly fixedNeuronSlots: number;
  /**
   * Append asinh of each node's raw incident |w| and w sums to its inputs. The paper's
   * within-snapshot z-scores remove the absolute scale of the weights and its change along
   * training, which statistics-based baselines read directly. false (default) = the paper's
   * features only; true is a documented deviation.
   */
  readonly rawStrengths: boolean;
  /**
   * Edge-conditioned messages: node v aggregates u's value moved by a learned function of the
   * edge's attributes (signed weight first), v_u ⊕_{PT} (attr_uv W_e), so a weight changes
   * what u sends, not only how much v attends to u. false (default) = the paper's messages
   * (the neighbours' values); true is a documented deviation.
   */
  readonly edgeMessages: boolean;
  /** Dropout rate of the Euclidean input embedding (training only). */
  readonly dropout: number;
  readonly readoutGroups: ReadoutGroups;
  /**
   * Also read out each group's spread: per dimension, the mean square of (lambda_m / 2) log_m(z)
   * over the group's nodes z, m their Einstein midpoint (the diagonal of the tangent covariance
   * at m, in log_0's units). A midpoint alone is a mean and cannot see how a layer's nodes are
   * distributed. The paper does not specify its readout; false (default) = midpoints only.
   */
  readonly readoutSpread: boolean;
  readonly temporalPool: TemporalPool;
  readonly task: TaskKind;
  /** Outputs of the task head: classes (classification), targets (regression), 1 (ranking). */
  readonly outputs: number;
  /** Hidden width of the task head's MLP. */
  readonly headHidden: number;
  /** Build the signed weight regression head (false = the "no regression head" ablation). */
  readonly regressionHead: boolean;
  /** Prior mean of the power-law slopes alpha_uv. */
  readonly slopePrior: number;
  /** Initial Fermi-Dirac radius R and temperature T (both learnable). */
  readonly fdRadius: number;
  readonly fdTemperature: number;
  /** Negatives per positive edge in the link loss. */
  readonly negativesPerEdge: number;
  /** Ranking margin at the start and end of the annealing schedule. */
  readonly rankMarginStart: number;
  readonly rankMarginEnd: number;
  readonly lossWeights: LossWeights;
}

/**
 * The defaults, sized for SIREN 2-32-32-1 trajectories on a CPU.
 *
 * @example
 * DEFAULT_CONFIG.geometry // 'hyperbolic'
 */
export const DEFAULT_CONFIG: GthGmnConfig = Object.freeze({
  geometry: 'hyperbolic',
  c: 1,
  hiddenDim: 16,
  heads: 2,
  headDim: 8,
  layers: 2,
  gruDim: 16,
  kernelEvolution: 'gru',
  snapshots: 'all',
  selfLoops: true,
  gate: true,
  residual: true,
  inputNorm: true,
  fixedNeuronSlots: 0,
  rawStrengths: false,
  edgeMessages: false,
  dropout: 0,
  readoutGroups: 'layer',
  readoutSpread: false,
  temporalPool: 'mean',
  task: 'classification',
  outputs: 2,
  headHidden: 32,
  regressionHead: true,
  slopePrior: 1,
  fdRadius: 2,
  fdTemperature: 1,
  negativesPerEdge: 1,
  rankMarginStart: 0.5,
  rankMarginEnd: 0.1,
  lossWeights: Object.freeze({ task: 1, link: 0, magnitude: 0, sign: 0, slope: 0, smooth: 0, rank: 0 }),
}) as GthGmnConfig;

/** A partial configuration; `lossWeights` may itself be partial. */
export type GthGmnConfigInput = Partial<Omit<GthGmnConfig, 'lossWeights'>> & { readonly lossWeights?: Partial<LossWeights> };

/**
 * Fills defaults and validates every field (GeoError naming `config.<field>` on bad input).
 *
 * @example
 * resolveConfig({ geometry: 'euclidean', heads: 4 }).heads // 4
 */
export function resolveConfig(input: GthGmnConfigInput = {}): GthGmnConfig {
  if (typeof input !== 'object' || input === null) {
    throw new GeoError('BAD_TYPE', `config must be an object, got ${describe(input)}`, { argument: 'config' });
  }
  const known = new Set(Object.keys(DEFAULT_CONFIG));
  for (const k of Object.keys(input)) {
    if (!known.has(k)) throw new GeoError('BAD_TYPE', `unknown config field ${k}`, { argument: `config.${k}` });
  }
  const lw = { ...DEFAULT_CONFIG.lossWeights, ...(input.lossWeights ?? {}) };
  const cfg: GthGmnConfig = { ...DEFAULT_CONFIG, ...input, lossWeights: lw };
  assertOneOf(cfg.geometry, ['hyperbolic', 'euclidean'], 'config.geometry');
  assertPositive(cfg.c, 'config.c');
  for (const k of ['hiddenDim', 'heads', 'headDim', 'layers', 'gruDim', 'outputs', 'headHidden'] as const) {
    assertInteger(cfg[k], `config.${k}`, { min: 1, max: 4096 });
  }
  assertInteger(cfg.negativesPerEdge, 'config.negativesPerEdge', { min: 0, max: 64 });
  assertInteger(cfg.fixedNeuronSlots, 'config.fixedNeuronSlots', { min: 0, max: 4096 });
  assertOneOf(cfg.kernelEvolution, ['gru', 'fixed'], 'config.kernelEvolution');
  assertOneOf(cfg.snapshots, ['all', 'last'], 'config.snapshots');
  assertOneOf(cfg.readoutGroups, ['layer', 'graph'], 'config.readoutGroups');
  assertOneOf(cfg.temporalPool, ['mean', 'last'], 'config.temporalPool');
  assertOneOf(cfg.task, ['classification', 'regression', 'ranking'], 'config.task');
  for (const k of ['selfLoops', 'gate', 'residual', 'inputNorm', 'regressionHead', 'rawStrengths', 'readoutSpread', 'edgeMessages'] as const) {
    if (typeof cfg[k] !== 'boolean') throw new GeoError('BAD_TYPE', `config.${k} must be a boolean`, { argument: `config.${k}`, actual: describe(cfg[k]) });
  }
  assertInRange(cfg.dropout, 'config.dropout', { min: 0, max: 1, maxInclusive: false });
  assertPositive(cfg.slopePrior, 'config.slopePrior');
  assertPositive(cfg.fdRadius, 'config.fdRadius');
  assertPositive(cfg.fdTemperature, 'config.fdTemperature');
  assertInRange(cfg.rankMarginStart, 'config.rankMarginStart', { min: 0 });
  assertInRange(cfg.rankMarginEnd, 'config.rankMarginEnd', { min: 0 });
  for (const [k, v] of Object.entries(lw)) assertInRange(v, `config.lossWeights.${k}`, { min: 0 });
  if (cfg.task === 'ranking' && cfg.outputs !== 1) {
    throw new GeoError('OUT_OF_RANGE', 'config.outputs must be 1 for the ranking task', { argument: 'config.outputs', expected: 1, actual: cfg.outputs });
  }
  if (cfg.task === 'classification' && cfg.outputs < 2) {
    throw new GeoError('OUT_OF_RANGE', 'config.outputs must be >= 2 classes for classification', { argument: 'config.outputs', expected: '>= 2', actual: cfg.outputs });
  }
  return Object.freeze({ ...cfg, lossWeights: Object.freeze(lw) });
}

/**
 * The annealed ranking margin at training progress p in [0, 1] (linear from start to end).
 *
 * @example
 * rankMargin(resolveConfig(), 0.5) // 0.3
 */
export function rankMargin(config: GthGmnConfig, progress: number): number {
  assertInRange(progress, 'progress', { min: 0, max: 1 });
  return config.rankMarginStart + (config.rankMarginEnd - config.rankMarginStart) * progress;
}
