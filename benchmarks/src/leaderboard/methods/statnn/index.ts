export { NUM_TENSOR_STATS, STATNN_QUANTILES, TENSOR_STAT_NAMES, sortedQuantile, tensorStats } from './tensor-stats.js';
export { evenSnapshotIndices, snapshotFeatureLength, statnnFeatureMatrix, statnnFeatureNames, writeSnapshotFeatures } from './features.js';
export type { SnapshotSelection } from './features.js';
export { STATNN_GBT_GRID, STATNN_GBT_ROUNDS, STATNN_TEMPORAL_SNAPSHOTS, fitStatnnGbt, statnnGbt, statnnTemporal } from './gbt-method.js';
export type { StatnnGbtOptions } from './gbt-method.js';
export { STATNN_MLP_CHECKPOINTS, STATNN_MLP_STEPS, checkpointSteps, columnMoments, standardise, statnnMlp } from './mlp-method.js';
export type { StatnnMlpOptions } from './mlp-method.js';
export { checkSpec, checkTargets } from './targets.js';
