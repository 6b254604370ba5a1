// Riemannian Adam / RAMSGrad (Bécigneul & Ganea 2019) with geoopt's semantics on the Poincaré ball.
import { GeoError, assertFinite, assertInRange, assertInteger, assertPositive } from '@geo/core';
import { type Retraction, checkRetraction, retractTransport } from './retraction.js';
import { checkBatch, checkCurvature, outBuffer, rowGap } from './validate.js';

/** Optimiser state for n points of dimension dim; `riemannianAdamStep` updates it in place. */
export interface RiemannianAdamState {
  /** Steps taken so far (the bias corrections use step + 1 for the next one). */
  step: number;
  /** First moments, (n x dim) row-major, living in the tangent space of the current points. */
  readonly expAvg: Float64Array;
  /** One scalar second moment per point: a running mean of lambda_x^2 |rgrad|^2. */
  readonly expAvgSq: Float64Array;
  /** RAMSGrad's running maximum of expAvgSq (created on the first amsgrad step if absent). */
  maxExpAvgSq?: Float64Array;
}

export interface RiemannianAdamOptions {
  /** Curvature magnitude c > 0. */
  readonly c: number;
  /** Learning rate > 0. */
  readonly lr: number;
  /** First-moment decay (default 0.9). */
  readonly beta1?: number;
  /** Second-moment decay (default 0.999). */
  readonly beta2?: number;
  /** Added to the denominator (default 1e-8). */
  readonly eps?: number;
  /** L2 penalty: weightDecay * x is added to the Euclidean gradient (default 0). */
  readonly weightDecay?: number;
  /** RAMSGrad: divide by the running maximum of the second moment (default false). */
  readonly amsgrad?: boolean;
  /** 'expmap' (default, exact) or 'proj' (x + u projected to radius (1 - 1e-5)/sqrt(c)). */
  readonly retraction?: Retraction;
  /** Row length when x is an (n x dim) batch (default: x.length, one point). */
  readonly dim?: number;
  /** Where to write the new points (may be x itself). */
  readonly out?: Float64Array;
}

/**
 * Fresh zeroed state for n points of dimension dim.
 *
 * @example
 * const state = createRiemannianAdamState(100, 2);
 */
export function createRiemannianAdamState(n: number, dim: number, amsgrad = false): RiemannianAdamState {
  assertInteger(n, 'n', { min: 1 });
  assertInteger(dim, 'dim', { min: 1 });
  const state: RiemannianAdamState = { step: 0, expAvg: new Float64Array(n * dim), expAvgSq: new Float64Array(n) };
  if (amsgrad) state.maxExpAvgSq = new Float64Array(n);
  return state;
}

function checkState(state: RiemannianAdamState, n: number, dim: number): void {
  if (typeof state !== 'object' || state === null) throw new GeoError('BAD_TYPE', 'state must be a RiemannianAdamState', { argument: 'state' });
  assertInteger(state.step, 'state.step', { min: 0 });
  if (!(state.expAvg instanceof Float64Array) || state.expAvg.length !== n * dim) {
    throw new GeoError('BAD_SHAPE', `state.expAvg must be a Float64Array of ${n * dim} entries`, { argument: 'state.expAvg', expected: n * dim, actual: state.expAvg?.length });
  }
  if (!(state.expAvgSq instanceof Float64Array) || state.expAvgSq.length !== n) {
    throw new GeoError('BAD_SHAPE', `state.expAvgSq must be a Float64Array of ${n} entries (one per point)`, { argument: 'state.expAvgSq', expected: n, actual: state.expAvgSq?.length });
  }
  if (state.maxExpAvgSq !== undefined && (!(state.maxExpAvgSq instanceof Float64Array) || state.maxExpAvgSq.length !== n)) {
    throw new GeoError('BAD_SHAPE', `state.maxExpAvgSq must be a Float64Array of ${n} entries`, { argument: 'state.maxExpAvgSq', expected: n, actual: state.maxExpAvgSq.length });
  }
}

/**
 * One Riemannian Adam step on one point or a batch of points, as geoopt's RiemannianAdam:
 * rgrad = (egrad + weightDecay x) / lambda_x^2; m = beta1 m + (1 - beta1) rgrad;
 * v = beta2 v + (1 - beta2) lambda_x^2 |rgrad|^2 (one scalar per point);
 * x' = exp_x(-lr (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)); m is then
 * parallel-transported to x'. Updates `state` in place and returns the new points.
 *
 * @example
 * const state = createRiemannianAdamState(1, 2);
 * let x = new Float64Array([0.1, 0.2]);
 * x = riemannianAdamStep(state, x, [1, 0], { c: 1, lr: 0.01 }); // x moved against the gradient
 */
export function riemannianAdamStep(
  state: RiemannianAdamState,
  x: ArrayLike<number>,
  egrad: ArrayLike<number>,
  options: RiemannianAdamOptions,
): Float64Array {
  const { c, lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0, amsgrad = false, retraction = 'expmap' } = options;
  checkCurvature(c);
  assertPositive(lr, 'options.lr');
  assertInRange(beta1, 'options.beta1', { min: 0, max: 1, maxInclusive: false });
  assertInRange(beta2, 'options.beta2', { min: 0, max: 1, maxInclusive: false });
  assertInRange(eps, 'options.eps', { min: 0 });
  assertInRange(weightDecay, 'options.weightDecay', { min: 0 });
  checkRetraction(retraction);
  const dim = options.dim ?? x.length;
  const n = checkBatch(x, dim, 'x');
  if (n === 0) throw new GeoError('BAD_LENGTH', 'x must hold at least one point', { argument: 'x' });
  checkBatch(egrad, dim, 'egrad');
  if (egrad.length !== x.length) {
    throw new GeoError('BAD_LENGTH', `egrad must have the length of x (${x.length}), got ${egrad.length}`, { argument: 'egrad', expected: x.length, actual: egrad.length });
  }
  assertFinite(egrad, 'egrad');
  checkState(state, n, dim);
  if (amsgrad && state.maxExpAvgSq === undefined) state.maxExpAvgSq = new Float64Array(n);
  const out = outBuffer(options.out, n * dim, 'options.out');

  const t = state.step + 1;
  const bc1 = 1 - beta1 ** t;
  const bc2 = 1 - beta2 ** t;
  const { expAvg, expAvgSq } = state;
  const vmax = state.maxExpAvgSq;
  const u = new Float64Array(dim);
  const next = new Float64Array(dim);
  const disp = new Float64Array(dim);
  // Validate every point before touching the state, so a bad row leaves it unchanged.
  const gaps = new Float64Array(n);
  for (let r = 0; r < n; r++) gaps[r] = rowGap(x, r * dim, dim, c, 'x', r);
  for (let r = 0; r < n; r++) {
    const o = r * dim;
    const gx = gaps[r] as number;
    const inv = (gx * gx) / 4; // 1 / lambda_x^2
    let g2 = 0;
    for (let i = 0; i < dim; i++) {
      const g = ((egrad[o + i] as number) + weightDecay * (x[o + i] as number)) * inv;
      expAvg[o + i] = beta1 * (expAvg[o + i] as number) + (1 - beta1) * g;
      g2 += g * g;
    }
    const v = beta2 * (expAvgSq[r] as number) + (1 - beta2) * (g2 / inv);
    expAvgSq[r] = v;
    let vHat = v;
    if (amsgrad && vmax !== undefined) {
      vHat = Math.max(vmax[r] as number, v);
      vmax[r] = vHat;
    }
    const denom = Math.sqrt(vHat / bc2) + eps;
    const f = denom > 0 ? -lr / (bc1 * denom) : 0;
    for (let i = 0; i < dim; i++) u[i] = f * (expAvg[o + i] as number);
    retractTransport(x, o, gx, u, dim, c, retraction, next, disp, expAvg, o);
    out.set(next, o);
  }
  state.step = t;
  return out;
}
