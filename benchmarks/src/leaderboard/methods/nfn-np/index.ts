// The NFN-NP baseline as a leaderboard Method.
import type { Trajectory } from '@geo/param-graph';
import type { Method } from '../../method.js';
import type { Scale } from '../../../types.js';
import type { Baseline, LoopHyperparameters } from '../tf-training/fit-baseline.js';
import { fitBaseline } from '../tf-training/fit-baseline.js';
import { sizesKey } from '../tf-training/setup.js';
import type { StandardisedModel } from './features.js';
import { standardiseLast } from './features.js';
import type { NfnNpConfig } from './model.js';
import { NfnNpModel } from './model.js';

export { NfnNpModel } from './model.js';
export type { NfnArchitecture, NfnNpConfig } from './model.js';
export { BIAS_TERMS, WEIGHT_TERMS, applyNpLayer, biasTermsOf, fullMeans, npLayer, reluFeatures, weightTermsOf } from './np-layer.js';
export type { NpLayer, WeightSpaceFeatures } from './np-layer.js';
export { npPool, npPoolWidth } from './np-pool.js';
export { stackModels, standardiseLast } from './features.js';
export type { StandardisedModel } from './features.js';

/** Everything NFN-NP can be told; unset fields take the scale's defaults (`NFN_NP_DEFAULTS`). */
export interface NfnNpOptions extends NfnNpConfig, LoopHyperparameters {}

/** Defaults per scale: smoke is seconds, cpu fits a 2-core leaderboard, paper widens the layers. */
export const NFN_NP_DEFAULTS: Readonly<Record<Scale, NfnNpOptions>> = {
  smoke: { channels: 8, npLayers: 2, headHidden: 32, dropout: 0, maxEpochs: 40, patience: 10, batchSize: 32, learningRate: 3e-3 },
  cpu: { channels: 16, npLayers: 3, headHidden: 64, dropout: 0.1, maxEpochs: 100, patience: 20, batchSize: 32, learningRate: 1e-3 },
  paper: { channels: 64, npLayers: 3, headHidden: 256, dropout: 0.1, maxEpochs: 200, patience: 30, batchSize: 32, learningRate: 1e-3 },
};

/**
 * NFN-NP (Zhou et al. 2023, "Permutation Equivariant Neural Functionals", NP variant) as a
 * leaderboard method: the last snapshot's weights, standardised per layer with training-set
 * statistics, through NP-equivariant layers (ReLU between), invariant pooling and an MLP head,
 * trained with seeded Adam, the epoch picked on the validation set. Ranking uses the pairwise
 * logistic loss. Hidden widths may differ between models (a minibatch holds one width);
 * depth, inputs and outputs must match the training set's.
 *
 * @example
 * const fitted = await nfnNp().fit(train, val, { task: 'inr-mnist', kind: 'classification', outputs: 10 }, ctx);
 * const logits = await fitted.predict(test.trajectories); // n x 10
 */
export function nfnNp(options: Partial<NfnNpOptions> = {}): Method {
  return {
    name: 'nfn-np',
    description: "NFN-NP (Zhou et al. 2023): NP-equivariant layers over the last snapshot's weights, invariant pooling, MLP head",
    temporal: false,
    fit(train, val, spec, ctx) {
      const o: NfnNpOptions = { ...NFN_NP_DEFAULTS[ctx.scale], ...options };
      const baseline: Baseline<readonly StandardisedModel[], NfnNpModel> = {
        name: 'nfn-np',
        hyperparameters: { ...o },
        build: (arch, _stats, outputs, seed) => new NfnNpModel(arch, o, outputs, seed),
        prepare: (trajectories: readonly Trajectory[], stats) => ({ data: trajectories.map((t) => standardiseLast(t, stats)), count: trajectories.length, groups: trajectories.map(sizesKey) }),
        size: (model) => model.store.size,
        disposeModel: (model) => model.dispose(),
      };
      return fitBaseline(baseline, train, val, spec, ctx);
    },
  };
}
