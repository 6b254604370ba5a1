export { SAFETENSORS_MAX_HEADER_BYTES, dtypeBytes, parseSafetensorsHeader, readSafetensorsHeaderLength } from './safetensors-header.js';
export type { SafetensorsDtype, SafetensorsHeader, SafetensorsHeaderEntry, SafetensorsReadOptions } from './safetensors-header.js';
export { decodeTensorBytes, readSafetensors, writeSafetensors } from './safetensors.js';
export type { SafetensorsFile, SafetensorsTensor, SafetensorsTensorInput } from './safetensors.js';
export { ACTIVATIONS, assertPermutation, mlpForward, permuteHidden, validateArchitecture, validateMlp } from './mlp.js';
export type { Activation, FloatArray, Mlp, MlpArchitecture } from './mlp.js';
export { numSnapshots, snapshot, trajectoryFromSnapshots, validateTrajectory } from './trajectory.js';
export type { Trajectory } from './trajectory.js';
export {
  TRAJECTORY_FORMAT,
  TRAJECTORY_METADATA_KEYS,
  readTrajectory,
  trajectoryFromHeader,
  trajectoryInfo,
  trajectoryMetadata,
  writeTrajectory,
} from './trajectory-io.js';
export type { ReadTrajectoryOptions, TrajectoryInfo, WriteTrajectoryOptions } from './trajectory-io.js';
export { zscore } from './zscore.js';
export { EDGE_ATTRIBUTE_NAMES, NODE_FEATURE_NAMES, NODE_TYPE, NUM_NODE_FEATURES, buildParamGraph, edgeAttributes } from './param-graph.js';
export type { EdgeListInput, GraphOptions, ParamGraph } from './param-graph.js';
export { biasNode, mlpGraph, mlpGraphLayout, neuronNode, trajectoryGraphs } from './mlp-graph.js';
export { packGraphs, packTrajectories } from './pack.js';
export type { PackedGraphs } from './pack.js';
export { hurwitzZeta } from './hurwitz-zeta.js';
export { fitPowerLaw, powerLawPValue } from './powerlaw.js';
export type { PowerLawFit, PowerLawOptions, PowerLawPValueOptions } from './powerlaw.js';
export { QUANTILE_LEVELS, graphStats, summarize } from './graph-stats.js';
export type { DistributionSummary, GraphStats, GraphStatsOptions } from './graph-stats.js';
export { initSiren } from './init.js';
export { describeGraph, describeStats } from './describe-graph.js';
export { incomingEdges } from './csc.js';
export type { IncomingEdges } from './csc.js';
