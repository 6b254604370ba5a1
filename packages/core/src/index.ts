export { GeoError, isGeoError } from './errors.js';
export type { GeoErrorCode, GeoErrorDetails } from './errors.js';
export {
  assertArrayLike,
  assertFinite,
  assertFiniteNumber,
  assertInRange,
  assertInteger,
  assertLength,
  assertOneOf,
  assertPositive,
  assertSameLength,
  assertShape,
  describe,
} from './validate.js';
export type { RangeOptions } from './validate.js';
export { createRng } from './rng.js';
export type { Rng, StreamKey } from './rng.js';
export { toMatrix, transpose, matvec, identity } from './matrix.js';
export type { Matrix, MatrixInput } from './matrix.js';
export { matmul, gemm, eigh, topEigenpairs, denseOperator, linearAssignment } from './linalg/index.js';
export type { EighOptions, SymmetricEigen, EigenWhich, SymmetricOperator, TopEigenOptions, TopEigenResult, LinearAssignment } from './linalg/index.js';
export { erf, erfc } from './special/erf.js';
