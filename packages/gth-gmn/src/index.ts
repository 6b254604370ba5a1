export { DEFAULT_CONFIG, rankMargin, resolveConfig } from './config.js';
export type { Geometry, GthGmnConfig, GthGmnConfigInput, KernelEvolution, LossWeights, ReadoutGroups, SnapshotMode, TaskKind, TemporalPool } from './config.js';
