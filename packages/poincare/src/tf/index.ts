export {
  conformalFactor,
  dist,
  einsteinMidpoint,
  expmap,
  expmap0,
  gyration,
  hyperboloidToPoincare,
  inner,
  kleinToPoincare,
  logmap,
  logmap0,
  mobiusAdd,
  mobiusMatvec,
  mobiusScalar,
  poincareToHyperboloid,
  poincareToKlein,
  project,
  transp,
  transp0,
} from './ops.js';
export { HyperbolicLinear, hypActivation, hypLinear } from './layers.js';
export type { HyperbolicLinearOptions } from './layers.js';
export { RiemannianAdamOptimizer } from './optimizer.js';
export type { TfRiemannianAdamOptions } from './optimizer.js';
export { TF_ATANH_EPS, TF_MIN_GAP, TF_MIN_NORM, TF_PROJECT_EPS } from './numeric.js';
// One gradient registry for every geo tf face lives in @geo/core/tf.
export { registerGradients } from '@geo/core/tf';
