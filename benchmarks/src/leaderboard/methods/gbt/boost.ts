import { GeoError, assertFinite, assertInRange, assertInteger, assertOneOf, createRng, describe } from '@geo/core';
import { applyBins, fitBins } from './bins.js';
import { gradients, initialScores, meanLoss } from './objective.js';
import type { GbtObjective } from './objective.js';
import { addTreeBinned, addTreeRaw, growTree, treeLeaves } from './tree.js';
import type { BinnedData, Tree } from './tree.js';

/** A dense design matrix, n x d row-major, with one target per row (class index for softmax). */
export interface GbtData {
  readonly x: Float64Array;
  readonly n: number;
  readonly d: number;
  readonly y: Float64Array;
}

export interface GbtOptions {
  readonly objective: GbtObjective;
  /** Classes (softmax only; default: the largest label + 1). */
  readonly classes?: number;
  /** Boosting rounds at most (default 300). */
  readonly rounds?: number;
  /** Shrinkage applied to every leaf (default 0.1). */
  readonly learningRate?: number;
  /** Default 6. */
  readonly maxDepth?: number;
  /** Default 31. */
  readonly maxLeaves?: number;
  /** Fewest training rows in a leaf (default 5). */
  readonly minSamplesLeaf?: number;
  /** Smallest Hessian sum in a leaf (default 1e-3). */
  readonly minChildWeight?: number;
  /** L2 penalty on leaf values (default 1). */
  readonly lambda?: number;
  /** Quantile bins per feature, 2..256 (default 64). */
  readonly maxBins?: number;
  /** Fraction of rows drawn (without replacement) for each round's trees (default 1). */
  readonly rowSubsample?: number;
  /** Fraction of features drawn for each tree (default 1). */
  readonly colSubsample?: number;
  /** Stop when the validation loss has not improved for this many rounds (default 30); needs `val`. */
  readonly earlyStoppingRounds?: number;
  /** Seeds the row and column subsampling (default 0). */
  readonly seed?: number;
  readonly signal?: AbortSignal;
}

/** A fitted ensemble: scores = init + sum of trees (round-major: tree m * K + k adds to output k). */
export interface GbtModel {
  readonly objective: GbtObjective;
  /** Outputs per row: 1 (squared) or K classes (softmax). */
  readonly outputs: number;
  readonly d: number;
  readonly init: Float64Array;
  readonly trees: readonly Tree[];
  /** Rounds kept (the best validation round + 1 when early stopping ran). */
  readonly rounds: number;
  /** Mean training loss after each round run (MSE or cross-entropy), before truncation. */
  readonly trainLoss: readonly number[];
  /** Mean validation loss after each round run (empty without validation data). */
  readonly valLoss: readonly number[];
}

function checkData(data: GbtData, name: string, objective: GbtObjective, K: number | undefined): void {
  if (typeof data !== 'object' || data === null) throw new GeoError('BAD_TYPE', `${name} must be an object`, { argument: name, actual: describe(data) });
  assertInteger(data.n, `${name}.n`, { min: 1 });
  assertInteger(data.d, `${name}.d`, { min: 1 });
  if (!(data.x instanceof Float64Array) || data.x.length !== data.n * data.d) {
    throw new GeoError('BAD_SHAPE', `${name}.x must be a Float64Array of n x d = ${data.n * data.d} values`, { argument: `${name}.x`, expected: data.n * data.d, actual: describe(data.x) });
  }
  if (!(data.y instanceof Float64Array) || data.y.length !== data.n) {
    throw new GeoError('BAD_SHAPE', `${name}.y must be a Float64Array of n = ${data.n} targets`, { argument: `${name}.y`, expected: data.n, actual: describe(data.y) });
  }
  assertFinite(data.x, `${name}.x`);
  assertFinite(data.y, `${name}.y`);
  if (objective === 'softmax') {
    for (let i = 0; i < data.n; i++) {
      const c = data.y[i] as number;
      if (!Number.isInteger(c) || c < 0 || (K !== undefined && c >= K)) {
        throw new GeoError('OUT_OF_RANGE', `${name}.y[${i}] is ${c}, expected a class index in [0, ${K === undefined ? 'classes' : K - 1}]`, { argument: `${name}.y[${i}]`, actual: c });
      }
    }
  }
}

/**
 * Fits gradient-boosted regression trees: histogram-based (quantile bins), leaf-wise growth
 * with depth and leaf limits, shrinkage, seeded row and column subsampling, L2-regularised
 * Newton leaf values (second order, as XGBoost and LightGBM), and early stopping on `val`.
 * Softmax grows one tree per class per round. Deterministic per `seed`.
 *
 * @example
 * const model = fitGbt({ x, n, d, y }, { x: xv, n: nv, d, y: yv }, { objective: 'softmax', classes: 3 });
 * predictGbt(model, xTest, nTest) // nTest x 3 class scores (logits)
 */
export function fitGbt(train: GbtData, val: GbtData | undefined, options: GbtOptions): GbtModel {
  if (typeof options !== 'object' || options === null) throw new GeoError('BAD_TYPE', 'options must be an object', { argument: 'options', actual: describe(options) });
  assertOneOf(options.objective, ['squared', 'softmax'] as const, 'options.objective');
  const objective = options.objective;
  if (options.classes !== undefined) assertInteger(options.classes, 'options.classes', { min: 2 });
  checkData(train, 'train', objective, options.classes);
  let K = 1;
  if (objective === 'softmax') {
    let maxLabel = 0;
    for (let i = 0; i < train.n; i++) maxLabel = Math.max(maxLabel, train.y[i] as number);
    K = options.classes ?? Math.max(2, maxLabel + 1);
  }
  if (val !== undefined) {
    checkData(val, 'val', objective, K);
    if (val.d !== train.d) throw new GeoError('BAD_SHAPE', `val has ${val.d} features but train has ${train.d}`, { argument: 'val.d', expected: train.d, actual: val.d });
  }
  const rounds = options.rounds ?? 300;
  assertInteger(rounds, 'options.rounds', { min: 1 });
  const learningRate = options.learningRate ?? 0.1;
  assertInRange(learningRate, 'options.learningRate', { min: 0, minInclusive: false });
  const maxDepth = options.maxDepth ?? 6;
  assertInteger(maxDepth, 'options.maxDepth', { min: 0 });
  const maxLeaves = options.maxLeaves ?? 31;
  assertInteger(maxLeaves, 'options.maxLeaves', { min: 1 });
  const minSamplesLeaf = options.minSamplesLeaf ?? 5;
  assertInteger(minSamplesLeaf, 'options.minSamplesLeaf', { min: 1 });
  const minChildWeight = options.minChildWeight ?? 1e-3;
  assertInRange(minChildWeight, 'options.minChildWeight', { min: 0 });
  const lambda = options.lambda ?? 1;
  assertInRange(lambda, 'options.lambda', { min: 0 });
  const rowSubsample = options.rowSubsample ?? 1;
  assertInRange(rowSubsample, 'options.rowSubsample', { min: 0, minInclusive: false, max: 1 });
  const colSubsample = options.colSubsample ?? 1;
  assertInRange(colSubsample, 'options.colSubsample', { min: 0, minInclusive: false, max: 1 });
  const patience = options.earlyStoppingRounds ?? 30;
  assertInteger(patience, 'options.earlyStoppingRounds', { min: 1 });
  const seed = options.seed ?? 0;
  assertInteger(seed, 'options.seed', { min: 0, max: Number.MAX_SAFE_INTEGER });

  const { n, d, y } = train;
  const mapper = fitBins(train.x, n, d, options.maxBins ?? 64);
  const data: BinnedData = { bins: applyBins(mapper, train.x, n, d), n, d, edges: mapper.edges, maxBins: mapper.maxBins };
  const params = { maxDepth, maxLeaves, minSamplesLeaf, minChildWeight, lambda, learningRate };
  const init = initialScores(objective, y, K);
  const scores = new Float64Array(n * K);
  for (let i = 0; i < n; i++) scores.set(init, i * K);
  const valScores = val === undefined ? undefined : new Float64Array(val.n * K);
  if (val !== undefined && valScores !== undefined) for (let i = 0; i < val.n; i++) valScores.set(init, i * K);
  const grad = new Float64Array(n * K);
  const hess = new Float64Array(n * K);
  const rng = createRng(seed).derive('gbt');
  const nRows = Math.max(1, Math.round(rowSubsample * n));
  const nCols = Math.max(1, Math.round(colSubsample * d));
  const allCols = Int32Array.from({ length: d }, (_, f) => f);

  const trees: Tree[] = [];
  const trainLoss: number[] = [];
  const valLoss: number[] = [];
  let best = Infinity;
  let bestRound = -1;
  for (let m = 0; m < rounds; m++) {
    if (options.signal?.aborted === true) throw new GeoError('ABORTED', `boosting cancelled at round ${m}`, { argument: 'signal' });
    gradients(objective, scores, y, K, grad, hess);
    const sample = nRows === n ? Int32Array.from({ length: n }, (_, i) => i) : rng.derive('rows', m).permutation(n).subarray(0, nRows).sort();
    for (let k = 0; k < K; k++) {
      const cols = nCols === d ? allCols : rng.derive('cols', m, k).permutation(d).subarray(0, nCols).sort();
      const tree = growTree(data, grad.subarray(k * n, (k + 1) * n), hess.subarray(k * n, (k + 1) * n), sample.slice(), cols, params);
      trees.push(tree);
      addTreeBinned(tree, data.bins, n, d, scores, K, k);
      if (val !== undefined && valScores !== undefined) addTreeRaw(tree, val.x, val.n, d, valScores, K, k);
    }
    trainLoss.push(meanLoss(objective, scores, y, K));
    if (val !== undefined && valScores !== undefined) {
      const v = meanLoss(objective, valScores, val.y, K);
      valLoss.push(v);
      if (v < best) {
        best = v;
        bestRound = m;
      } else if (m - bestRound >= patience) break;
    }
  }
  const kept = val === undefined ? trainLoss.length : bestRound + 1;
  return { objective, outputs: K, d, init, trees: trees.slice(0, kept * K), rounds: kept, trainLoss, valLoss };
}

/**
 * Raw scores of a fitted model, n x outputs row-major: predictions (squared) or class
 * logits (softmax).
 *
 * @example
 * predictGbt(model, x, n) // Float64Array n x model.outputs
 */
export function predictGbt(model: GbtModel, x: Float64Array, n: number): Float64Array {
  assertInteger(n, 'n', { min: 0 });
  if (!(x instanceof Float64Array) || x.length !== n * model.d) {
    throw new GeoError('BAD_SHAPE', `x must be a Float64Array of n x d = ${n * model.d} values`, { argument: 'x', expected: n * model.d, actual: describe(x) });
  }
  assertFinite(x, 'x');
  const K = model.outputs;
  const out = new Float64Array(n * K);
  for (let i = 0; i < n; i++) out.set(model.init, i * K);
  model.trees.forEach((tree, t) => addTreeRaw(tree, x, n, model.d, out, K, t % K));
  return out;
}

/** Total leaves over the kept trees (for reports). */
export function gbtLeaves(model: GbtModel): number {
  return model.trees.reduce((s, t) => s + treeLeaves(t), 0);
}
