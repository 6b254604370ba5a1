export { conformalFactor, conformalFactorBatch, inner, innerBatch, tangentNorm } from './conformal.js';
export { mobiusAdd, mobiusAddBatch, mobiusScalar, mobiusScalarBatch } from './mobius.js';
export { mobiusMatvec, mobiusMatvecBatch } from './matvec.js';
export { gyration, gyrationBatch } from './gyration.js';
export { dist, distBatch, distGradient } from './distance.js';
export { expmap, expmapBatch, logmap, logmapBatch, expmap0, expmap0Batch, logmap0, logmap0Batch } from './maps.js';
export { transp, transpBatch, transp0, transp0Batch } from './transport.js';
export { project, projectBatch, PROJECT_EPS } from './project.js';
export {
  poincareToKlein,
  poincareToKleinBatch,
  kleinToPoincare,
  kleinToPoincareBatch,
  poincareToHyperboloid,
  poincareToHyperboloidBatch,
  hyperboloidToPoincare,
  hyperboloidToPoincareBatch,
  HYPERBOLOID_SHEET_RTOL,
} from './models.js';
export { einsteinMidpoint, einsteinMidpointBatch } from './midpoint.js';
export { BOUNDARY_EPS } from './numeric.js';
export { createRiemannianAdamState, riemannianAdamStep } from './riemannian-adam.js';
export type { RiemannianAdamOptions, RiemannianAdamState } from './riemannian-adam.js';
export { createRiemannianSgdState, riemannianSgdStep } from './riemannian-sgd.js';
export type { RiemannianSgdOptions, RiemannianSgdState } from './riemannian-sgd.js';
export { PROJ_RETRACTION_EPS } from './retraction.js';
export type { Retraction } from './retraction.js';
export { PoincareBall } from './manifold.js';
export type { CheckResult, Manifold } from './manifold.js';
