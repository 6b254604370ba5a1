export { ripsPersistence, ripsFromDistanceMatrix } from './rips.js';
export type { RipsOptions } from './rips.js';
export { toDiagram, sortDiagram, diagramToPairs } from './diagram.js';
export type { PersistenceDiagram, DiagramInput } from './diagram.js';
export { toDistanceMatrix, enclosingRadius } from './distance-matrix.js';
export type { DistanceMatrix, DistancesInput, Metric, MetricFunction, PointsInput, RipsInput } from './distance-matrix.js';
