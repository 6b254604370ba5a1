export { matmul, gemm } from './matmul.js';
export { eigh } from './eigh.js';
export type { EighOptions, SymmetricEigen } from './eigh.js';
export { topEigenpairs, denseOperator } from './top-eigenpairs.js';
export type { EigenWhich, SymmetricOperator, TopEigenOptions, TopEigenResult } from './top-eigenpairs.js';
export { linearAssignment } from './assignment.js';
export type { LinearAssignment } from './assignment.js';
