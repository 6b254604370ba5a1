// The fit/predict scaffolding the tfjs baselines share: validate, normalise, train with
// validation, and wrap the trained model as a FittedMethod.
import { GeoError } from '@geo/core';
import type { Trajectory } from '@geo/param-graph';
import type { FittedMethod, MetaDataset, MetaTaskSpec, MethodContext } from '../../method.js';
import { checkDataset, checkSpec, checkTrajectories } from './check-dataset.js';
import type { LayerStats } from './layer-stats.js';
import { layerStats } from './layer-stats.js';
import type { FixedArchitecture } from './setup.js';
import { assertArchitecture, fixedArchitecture, prepareTf } from './setup.js';
import type { BatchModel, PreparedSet } from './train-loop.js';
import { predictSet, trainWithValidation } from './train-loop.js';

/** The training hyperparameters every baseline exposes. */
export interface LoopHyperparameters {
  readonly maxEpochs: number;
  readonly patience: number;
  readonly batchSize: number;
  readonly learningRate: number;
}

/** A baseline: how to build its model and how to turn trajectories into what the model reads. */
export interface Baseline<D, M extends BatchModel<D>> {
  readonly name: string;
  readonly hyperparameters: LoopHyperparameters & Readonly<Record<string, number | string | boolean>>;
  build(arch: FixedArchitecture, stats: LayerStats, outputs: number, seed: number): M;
  prepare(trajectories: readonly Trajectory[], stats: LayerStats): PreparedSet<D>;
  /** Number of trainable scalars, for the report. */
  size(model: M): number;
  disposeModel(model: M): void;
}

/**
 * Fits a baseline: checks the spec and both sets (GeoError on bad input), requires one depth
 * and one number of inputs and outputs across train and val (hidden widths may differ),
 * standardises with the training set's per-layer statistics, trains with
 * `trainWithValidation` (seeded by `ctx.seed`, progress per epoch, abortable) and returns
 * a FittedMethod whose `predict` gives `n x outputs` in the targets' units.
 *
 * @example
 * return fitBaseline(nfnBaseline, train, val, spec, ctx);
 */
export async function fitBaseline<D, M extends BatchModel<D>>(baseline: Baseline<D, M>, train: MetaDataset, val: MetaDataset, spec: MetaTaskSpec, ctx: MethodContext): Promise<FittedMethod> {
  checkSpec(spec);
  checkDataset(train, spec, 'train');
  checkDataset(val, spec, 'val', { allowEmpty: true });
  const arch = fixedArchitecture(train.trajectories[0] as Trajectory);
  assertArchitecture(train.trajectories, arch, 'train.trajectories');
  assertArchitecture(val.trajectories, arch, 'val.trajectories');
  const backend = await prepareTf();
  const stats = layerStats(train.trajectories);
  const h = baseline.hyperparameters;
  const model = baseline.build(arch, stats, spec.outputs, ctx.seed);
  try {
    const t0 = performance.now();
    const result = await trainWithValidation(model, baseline.prepare(train.trajectories, stats), train.targets, baseline.prepare(val.trajectories, stats), val.targets, spec, {
      maxEpochs: h.maxEpochs,
      patience: h.patience,
      batchSize: h.batchSize,
      learningRate: h.learningRate,
      seed: ctx.seed,
      signal: ctx.signal,
      onEpoch: (epoch, total, loss) => ctx.onProgress(epoch, total, `${baseline.name} epoch ${epoch} loss ${loss.toPrecision(3)}`),
    });
    const trainSeconds = (performance.now() - t0) / 1000;
    let disposed = false;
    return {
      async predict(trajectories: readonly Trajectory[]): Promise<Float64Array> {
        if (disposed) throw new GeoError('UNSUPPORTED', `${baseline.name}: predict after dispose`, { argument: 'this' });
        checkTrajectories(trajectories, 'trajectories', { allowEmpty: true });
        assertArchitecture(trajectories, arch, 'trajectories');
        return predictSet(model, baseline.prepare(trajectories, stats), spec.outputs, h.batchSize, result.scaler);
      },
      dispose() {
        if (!disposed) baseline.disposeModel(model);
        disposed = true;
      },
      info: {
        backend,
        epochsRun: result.epochsRun,
        bestEpoch: result.bestEpoch,
        bestValScore: result.bestValScore,
        trainSeconds,
        parameters: baseline.size(model),
        rankingLoss: 'pairwise logistic',
        ...h,
      },
    };
  } catch (e) {
    baseline.disposeModel(model);
    throw e;
  }
}
