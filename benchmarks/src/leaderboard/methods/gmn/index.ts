// The Euclidean graph meta-network baseline as a leaderboard Method.
import type { ParamGraph, Trajectory } from '@geo/param-graph';
import type { Method } from '../../method.js';
import type { Scale } from '../../../types.js';
import type { Baseline, LoopHyperparameters } from '../tf-training/fit-baseline.js';
import { fitBaseline } from '../tf-training/fit-baseline.js';
import { sizesKey } from '../tf-training/setup.js';
import { lastSnapshotGraph } from './graph-input.js';
import type { GmnConfig } from './model.js';
import { GmnModel } from './model.js';

export { GmnModel } from './model.js';
export type { GmnConfig } from './model.js';
export { NUM_EDGE_FEATURES, NUM_NODE_TYPES, lastSnapshotGraph, nodeFeatureWidth, packGraphBatch } from './graph-input.js';
export type { GraphBatch } from './graph-input.js';
export { applyMessageLayer, messageLayer, segmentSum } from './message-passing.js';
export type { MessageLayer } from './message-passing.js';
export { graphReadout } from './readout.js';

/** Everything the GMN can be told; unset fields take the scale's defaults (`GMN_DEFAULTS`). */
export interface GmnOptions extends GmnConfig, LoopHyperparameters {}

/**
 * Defaults per scale. The cpu scale is narrower than the papers' (d = 16, 3 layers): every
 * layer runs four d x d products per stored edge (2370 per SIREN 2-32-32-1), which on 2
 * loaded cores is the whole cost of an epoch (see bench/nfn-gmn.bench.ts).
 */
export const GMN_DEFAULTS: Readonly<Record<Scale, GmnOptions>> = {
  smoke: { width: 16, layers: 3, headHidden: 32, dropout: 0, maxEpochs: 40, patience: 10, batchSize: 32, learningRate: 3e-3 },
  cpu: { width: 16, layers: 3, headHidden: 64, dropout: 0.1, maxEpochs: 60, patience: 15, batchSize: 32, learningRate: 1e-3 },
  paper: { width: 64, layers: 4, headHidden: 128, dropout: 0.1, maxEpochs: 200, patience: 30, batchSize: 32, learningRate: 1e-3 },
};

/**
 * A Euclidean graph meta-network (Lim et al. 2024 "Graph Metanetworks"; Kofinas et al. 2024
 * "Graph Neural Networks for Learning Equivariant Representations of Neural Networks") as a
 * leaderboard method: the parameter graph of the last snapshot (`mlpGraph`, as GTH-GMN reads
 * it), node features (layer, type, input/output position), edge features (standardised
 * weight, bias flag, direction), message passing with edge-conditioned messages and edge
 * updates, invariant per-type mean readout, MLP head; seeded Adam, the epoch picked on the
 * validation set, pairwise logistic loss for ranking.
 *
 * @example
 * const fitted = await gmn().fit(train, val, { task: 'sine', kind: 'regression', outputs: 2 }, ctx);
 * const ab = await fitted.predict(test.trajectories); // n x 2, in the targets' units
 */
export function gmn(options: Partial<GmnOptions> = {}): Method {
  return {
    name: 'gmn',
    description: 'Euclidean graph meta-network (Lim et al. 2024; Kofinas et al. 2024): edge-featured message passing on the last snapshot\'s parameter graph',
    temporal: false,
    fit(train, val, spec, ctx) {
      const o: GmnOptions = { ...GMN_DEFAULTS[ctx.scale], ...options };
      const baseline: Baseline<readonly ParamGraph[], GmnModel> = {
        name: 'gmn',
        hyperparameters: { ...o },
        build: (arch, stats, outputs, seed) => new GmnModel(arch, stats, o, outputs, seed),
        prepare: (trajectories: readonly Trajectory[]) => ({ data: trajectories.map(lastSnapshotGraph), count: trajectories.length, groups: trajectories.map(sizesKey) }),
        size: (model) => model.store.size,
        disposeModel: (model) => model.dispose(),
      };
      return fitBaseline(baseline, train, val, spec, ctx);
    },
  };
}
