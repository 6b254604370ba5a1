import { GeoError, assertInteger } from '@geo/core';
import type { Trajectory } from '@geo/param-graph';
import type { FittedMethod, MetaDataset, MetaTaskSpec, Method, MethodContext } from '../../method.js';
import type { Scale } from '../../../types.js';
import { fitGbt, gbtLeaves, predictGbt } from '../gbt/index.js';
import type { GbtModel, GbtOptions } from '../gbt/index.js';
import { statnnFeatureMatrix } from './features.js';
import type { SnapshotSelection } from './features.js';
import { checkSpec, checkTargets, column } from './targets.js';

/** Tree shapes tried on the validation set; the one with the lowest validation loss is kept. */
export const STATNN_GBT_GRID: readonly Pick<GbtOptions, 'maxDepth' | 'maxLeaves'>[] = [
  { maxDepth: 3, maxLeaves: 8 },
  { maxDepth: 6, maxLeaves: 31 },
];

/** Boosting rounds at most per scale (early stopping on validation usually ends sooner). */
export const STATNN_GBT_ROUNDS: Readonly<Record<Scale, number>> = { smoke: 200, cpu: 1000, paper: 2000 };

export interface StatnnGbtOptions {
  /** Overrides of the boosting defaults (learning rate 0.1, row and column subsampling 0.8, lambda 1, 64 bins). */
  readonly gbt?: Partial<Omit<GbtOptions, 'objective' | 'classes' | 'seed' | 'signal'>>;
  /** Tree shapes to choose from on validation (default `STATNN_GBT_GRID`). */
  readonly grid?: readonly Pick<GbtOptions, 'maxDepth' | 'maxLeaves'>[];
}

interface Selected {
  readonly model: GbtModel;
  readonly valLoss: number;
  readonly config: number;
}

/** Fits GBT on StatNN features of the given snapshots; shared by `statnn-gbt` and `statnn-temporal`. */
export async function fitStatnnGbt(
  train: MetaDataset,
  val: MetaDataset,
  spec: MetaTaskSpec,
  ctx: MethodContext,
  selection: SnapshotSelection,
  options: StatnnGbtOptions = {},
): Promise<FittedMethod> {
  checkSpec(spec);
  checkTargets(train, spec, 'train');
  checkTargets(val, spec, 'val');
  const grid = options.grid ?? STATNN_GBT_GRID;
  if (grid.length === 0) throw new GeoError('BAD_LENGTH', 'options.grid must hold at least one tree shape', { argument: 'options.grid', actual: 0 });
  const tr = statnnFeatureMatrix(train.trajectories, selection, 'train.trajectories');
  const hasVal = val.trajectories.length > 0;
  const va = hasVal ? statnnFeatureMatrix(val.trajectories, selection, 'val.trajectories') : undefined;
  if (va !== undefined && va.d !== tr.d) {
    throw new GeoError('BAD_SHAPE', `val models give ${va.d} features, train models ${tr.d}: their depths differ`, { argument: 'val.trajectories', expected: tr.d, actual: va.d });
  }
  const softmax = spec.kind === 'classification';
  const heads = spec.kind === 'regression' ? spec.outputs : 1;
  const base: GbtOptions = {
    objective: softmax ? 'softmax' : 'squared',
    rounds: STATNN_GBT_ROUNDS[ctx.scale],
    learningRate: 0.1,
    rowSubsample: 0.8,
    colSubsample: 0.8,
    lambda: 1,
    ...options.gbt,
    ...(softmax ? { classes: spec.outputs } : {}),
    signal: ctx.signal,
  };
  const models: Selected[] = [];
  const total = heads * grid.length;
  let done = 0;
  for (let h = 0; h < heads; h++) {
    const yTr = softmax || heads === 1 ? train.targets : column(train.targets, heads, h);
    const yVa = softmax || heads === 1 ? val.targets : column(val.targets, heads, h);
    let best: Selected | undefined;
    for (let c = 0; c < grid.length; c++) {
      const model = fitGbt(
        { x: tr.x, n: tr.n, d: tr.d, y: yTr },
        va === undefined ? undefined : { x: va.x, n: va.n, d: va.d, y: yVa },
        { ...base, ...grid[c], seed: ctx.seed },
      );
      const valLoss = model.valLoss.length > 0 ? Math.min(...model.valLoss) : Number.NaN;
      // Without validation data the first shape is kept.
      if (best === undefined || valLoss < best.valLoss) best = { model, valLoss, config: c };
      ctx.onProgress(++done, total, `output ${h} shape ${c}`);
      await new Promise((r) => setImmediate(r)); // lets an abort or a progress bar through
    }
    models.push(best as Selected);
  }
  const info: Record<string, string | number | boolean> = { features: tr.d, snapshots: selection.kind === 'even' ? selection.count : 1 };
  models.forEach((s, h) => {
    const shape = grid[s.config] as Pick<GbtOptions, 'maxDepth' | 'maxLeaves'>;
    const p = heads === 1 ? '' : `output${h}.`;
    info[`${p}rounds`] = s.model.rounds;
    info[`${p}maxDepth`] = shape.maxDepth ?? 6;
    info[`${p}maxLeaves`] = shape.maxLeaves ?? 31;
    info[`${p}leaves`] = gbtLeaves(s.model);
    info[`${p}valLoss`] = s.valLoss;
  });
  return {
    info,
    async predict(trajectories: readonly Trajectory[]): Promise<Float64Array> {
      const te = statnnFeatureMatrix(trajectories, selection, 'trajectories');
      if (te.d !== tr.d) throw new GeoError('BAD_SHAPE', `the models have ${te.d} features, the method was fitted on ${tr.d} (another depth)`, { argument: 'trajectories', expected: tr.d, actual: te.d });
      if (heads === 1) return predictGbt((models[0] as Selected).model, te.x, te.n);
      const out = new Float64Array(te.n * heads);
      models.forEach((s, h) => {
        const p = predictGbt(s.model, te.x, te.n);
        for (let i = 0; i < te.n; i++) out[i * heads + h] = p[i] as number;
      });
      return out;
    },
  };
}

/**
 * StatNN with gradient-boosted trees (Unterthiner et al. 2020, "Predicting Neural Network
 * Accuracy from Weights"): 7 statistics of every weight and bias tensor of the last
 * snapshot; softmax boosting for classes, one squared-loss model per regression output,
 * a regression of the target for ranking.
 *
 * @example
 * const fitted = await statnnGbt().fit(train, val, { task: 'inr-mnist', kind: 'classification', outputs: 10 }, ctx);
 */
export function statnnGbt(options: StatnnGbtOptions = {}): Method {
  return {
    name: 'statnn-gbt',
    description: 'StatNN (Unterthiner et al. 2020): mean, variance, 5 quantiles of each weight and bias tensor of the final weights -> gradient-boosted trees',
    temporal: false,
    fit: (train, val, spec, ctx) => fitStatnnGbt(train, val, spec, ctx, { kind: 'last' }, options),
  };
}

/** Snapshots read by `statnn-temporal` by default. */
export const STATNN_TEMPORAL_SNAPSHOTS = 8;

/**
 * Temporal StatNN: the same 7 statistics per tensor at `snapshots` evenly spaced snapshots
 * of the trajectory (first and last included), concatenated, into gradient-boosted trees.
 *
 * @example
 * statnnTemporal({ snapshots: 4 }).temporal // true
 */
export function statnnTemporal(options: StatnnGbtOptions & { readonly snapshots?: number } = {}): Method {
  const count = options.snapshots ?? STATNN_TEMPORAL_SNAPSHOTS;
  assertInteger(count, 'options.snapshots', { min: 1 });
  return {
    name: 'statnn-temporal',
    description: `StatNN over time: the 7 statistics of each tensor at ${count} evenly spaced positions among the snapshots read (some repeat when fewer are read), concatenated -> gradient-boosted trees`,
    temporal: true,
    fit: (train, val, spec, ctx) => fitStatnnGbt(train, val, spec, ctx, { kind: 'even', count }, options),
  };
}
