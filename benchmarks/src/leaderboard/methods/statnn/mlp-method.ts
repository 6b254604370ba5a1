import { GeoError, assertInRange, assertInteger, assertPositive, createRng } from '@geo/core';
import { initParams, layerSlots, trainNetworks } from '@geo/datasets';
import type { MlpArch } from '@geo/datasets';
import { mlpForward } from '@geo/param-graph';
import type { Mlp, Trajectory } from '@geo/param-graph';
import type { FittedMethod, MetaDataset, MetaTaskSpec, Method, MethodContext } from '../../method.js';
import type { Scale } from '../../../types.js';
import { statnnFeatureMatrix } from './features.js';
import { checkSpec, checkTargets } from './targets.js';

/** Full-batch Adam steps at most per scale; the step is then chosen on validation. */
export const STATNN_MLP_STEPS: Readonly<Record<Scale, number>> = { smoke: 600, cpu: 1500, paper: 5000 };

/** Checkpoints evaluated on the validation set along training. */
export const STATNN_MLP_CHECKPOINTS = 40;

export interface StatnnMlpOptions {
  /** Hidden widths (default [64, 64]). */
  readonly hidden?: readonly number[];
  /** Adam learning rate (default 1e-3). */
  readonly lr?: number;
  /** Decoupled weight decay (default 1e-4). */
  readonly weightDecay?: number;
  /** Overrides the per-scale step budget. */
  readonly steps?: number;
  /** Inverted dropout on the hidden layers during training (default 0). */
  readonly dropout?: number;
}

/**
 * `count` checkpoint steps spaced geometrically from 1 to `steps` (distinct, increasing,
 * ending at `steps`): small zoos overfit within tens of steps, large ones improve for
 * thousands, and a geometric grid resolves both with one budget.
 *
 * @example
 * checkpointSteps(1000, 4) // [1, 10, 100, 1000]
 */
export function checkpointSteps(steps: number, count: number): number[] {
  assertInteger(steps, 'steps', { min: 1 });
  assertInteger(count, 'count', { min: 1 });
  const out: number[] = [];
  for (let j = 0; j < count; j++) {
    const s = count === 1 ? steps : Math.round(steps ** (j / (count - 1)));
    if (out.length === 0 || s > (out[out.length - 1] as number)) out.push(s);
  }
  if (out[out.length - 1] !== steps) out.push(steps);
  return out;
}

/** Per-column mean and standard deviation (1 where a column is constant) of an n x d matrix. */
export function columnMoments(x: Float64Array, n: number, d: number): { mean: Float64Array; std: Float64Array } {
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (x[i * d + j] as number) / n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const r = (x[i * d + j] as number) - (mean[j] as number);
      std[j] = (std[j] as number) + (r * r) / n;
    }
  }
  for (let j = 0; j < d; j++) {
    const s = Math.sqrt(std[j] as number);
    // A constant column (or one constant up to rounding) carries no information: leave it at 0.
    std[j] = s > 1e-12 * Math.max(1, Math.abs(mean[j] as number)) ? s : 1;
  }
  return { mean, std };
}

/** (x - mean) / std per column, into a new matrix. */
export function standardise(x: Float64Array, n: number, d: number, m: { mean: Float64Array; std: Float64Array }): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = ((x[i * d + j] as number) - (m.mean[j] as number)) / (m.std[j] as number);
  return out;
}

function asMlp(arch: MlpArch, params: Float64Array): Mlp {
  const slots = layerSlots(arch);
  return {
    sizes: [...arch.sizes],
    activation: 'relu',
    weights: slots.map((s) => params.subarray(s.weight, s.weight + s.fanIn * s.fanOut)),
    biases: slots.map((s) => params.subarray(s.bias, s.bias + s.fanOut)),
  };
}

/** Mean cross-entropy (labels) or mean squared error over every output. */
function loss(kind: 'cross-entropy' | 'mse', out: Float64Array, targets: Float64Array, n: number, k: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    if (kind === 'mse') {
      for (let j = 0; j < k; j++) {
        const r = (out[i * k + j] as number) - (targets[i * k + j] as number);
        s += r * r / k;
      }
    } else {
      let m = -Infinity;
      for (let j = 0; j < k; j++) m = Math.max(m, out[i * k + j] as number);
      let z = 0;
      for (let j = 0; j < k; j++) z += Math.exp((out[i * k + j] as number) - m);
      s += m + Math.log(z) - (out[i * k + (targets[i] as number)] as number);
    }
  }
  return s / n;
}

async function fitStatnnMlp(train: MetaDataset, val: MetaDataset, spec: MetaTaskSpec, ctx: MethodContext, options: StatnnMlpOptions): Promise<FittedMethod> {
  checkSpec(spec);
  checkTargets(train, spec, 'train');
  checkTargets(val, spec, 'val');
  const tr = statnnFeatureMatrix(train.trajectories, { kind: 'last' }, 'train.trajectories');
  const xMoments = columnMoments(tr.x, tr.n, tr.d);
  const xTr = standardise(tr.x, tr.n, tr.d, xMoments);
  const classify = spec.kind === 'classification';
  const k = spec.kind === 'regression' ? spec.outputs : classify ? spec.outputs : 1;
  const lossKind = classify ? 'cross-entropy' : 'mse';
  // Regression targets are standardised too, so one learning rate suits every task's units.
  const yMoments = classify ? undefined : columnMoments(train.targets, tr.n, k);
  const yTr = yMoments === undefined ? train.targets : standardise(train.targets, tr.n, k, yMoments);
  const arch: MlpArch = { sizes: [tr.d, ...(options.hidden ?? [64, 64]), k], activation: 'relu' };
  const steps = options.steps ?? STATNN_MLP_STEPS[ctx.scale];
  const snapshotSteps = checkpointSteps(steps, STATNN_MLP_CHECKPOINTS);
  const dropout = options.dropout ?? 0;
  const result = trainNetworks({
    arch,
    loss: lossKind,
    optimizer: { kind: 'adam', lr: options.lr ?? 1e-3, weightDecay: options.weightDecay ?? 1e-4 },
    inputs: xTr,
    targets: yTr,
    init: initParams(arch, 'pytorch', createRng(ctx.seed).derive('statnn-mlp', 'init')),
    networks: 1,
    steps,
    snapshotSteps,
    ...(dropout > 0 ? { dropout, rng: createRng(ctx.seed).derive('statnn-mlp', 'train') } : {}),
    signal: ctx.signal,
  });
  const P = result.paramCount;
  const T = snapshotSteps.length;
  let bestT = T - 1;
  let bestLoss = Number.NaN;
  if (val.trajectories.length > 0) {
    const va = statnnFeatureMatrix(val.trajectories, { kind: 'last' }, 'val.trajectories');
    if (va.d !== tr.d) throw new GeoError('BAD_SHAPE', `val models give ${va.d} features, train models ${tr.d}: their depths differ`, { argument: 'val.trajectories', expected: tr.d, actual: va.d });
    const xVa = standardise(va.x, va.n, va.d, xMoments);
    const yVa = yMoments === undefined ? val.targets : standardise(val.targets, va.n, k, yMoments);
    bestLoss = Infinity;
    for (let t = 0; t < T; t++) {
      const out = mlpForward(asMlp(arch, result.snapshots.subarray(t * P, (t + 1) * P)), xVa);
      const l = loss(lossKind, out, yVa, va.n, k);
      if (l < bestLoss) {
        bestLoss = l;
        bestT = t;
      }
    }
  }
  ctx.onProgress(1, 1, 'statnn-mlp');
  const params = result.snapshots.slice(bestT * P, (bestT + 1) * P);
  const net = asMlp(arch, params);
  return {
    info: { features: tr.d, hidden: (options.hidden ?? [64, 64]).join('x'), dropout, steps: snapshotSteps[bestT] as number, maxSteps: steps, valLoss: bestLoss },
    async predict(trajectories: readonly Trajectory[]): Promise<Float64Array> {
      const te = statnnFeatureMatrix(trajectories, { kind: 'last' }, 'trajectories');
      if (te.d !== tr.d) throw new GeoError('BAD_SHAPE', `the models have ${te.d} features, the method was fitted on ${tr.d} (another depth)`, { argument: 'trajectories', expected: tr.d, actual: te.d });
      const out = mlpForward(net, standardise(te.x, te.n, te.d, xMoments));
      if (yMoments !== undefined) {
        for (let i = 0; i < te.n; i++) for (let j = 0; j < k; j++) out[i * k + j] = (out[i * k + j] as number) * (yMoments.std[j] as number) + (yMoments.mean[j] as number);
      }
      return out;
    },
  };
}

/**
 * StatNN with an MLP: the `statnn-gbt` features, standardised on the training set, into a
 * ReLU MLP trained full batch with Adam (cross-entropy for classes, MSE on standardised
 * targets otherwise); the step is chosen by validation loss among evenly spaced checkpoints.
 *
 * @example
 * const fitted = await statnnMlp({ hidden: [32] }).fit(train, val, { task: 'sine', kind: 'regression', outputs: 2 }, ctx);
 */
export function statnnMlp(options: StatnnMlpOptions = {}): Method {
  (options.hidden ?? []).forEach((h, i) => assertInteger(h, `options.hidden[${i}]`, { min: 1, max: 4096 }));
  if (options.lr !== undefined) assertPositive(options.lr, 'options.lr');
  if (options.weightDecay !== undefined && !(options.weightDecay >= 0)) {
    throw new GeoError('OUT_OF_RANGE', `options.weightDecay must be >= 0, got ${options.weightDecay}`, { argument: 'options.weightDecay', actual: options.weightDecay });
  }
  if (options.steps !== undefined) assertInteger(options.steps, 'options.steps', { min: 1 });
  if (options.dropout !== undefined) assertInRange(options.dropout, 'options.dropout', { min: 0, max: 1, maxInclusive: false });
  return {
    name: 'statnn-mlp',
    description: 'StatNN (Unterthiner et al. 2020) features of the final weights, standardised -> ReLU MLP (Adam, step chosen on validation)',
    temporal: false,
    fit: (train, val, spec, ctx) => fitStatnnMlp(train, val, spec, ctx, options),
  };
}
