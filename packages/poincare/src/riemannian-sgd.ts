// Riemannian SGD with momentum (Bonnabel 2013; geoopt's RiemannianSGD) on the Poincaré ball.
import { GeoError, assertFinite, assertInRange, assertInteger, assertPositive } from '@geo/core';
import { type Retraction, checkRetraction, retractTransport } from './retraction.js';
import { checkBatch, checkCurvature, outBuffer, rowGap } from './validate.js';

/** Optimiser state for n points of dimension dim; `riemannianSgdStep` updates it in place. */
export interface RiemannianSgdState {
  /** Steps taken so far; at step 0 the momentum buffer is set to the first gradient (as torch.optim.SGD). */
  step: number;
  /** Momentum buffer, (n x dim) row-major, in the tangent spaces of the current points. */
  readonly momentumBuffer: Float64Array;
}

export interface RiemannianSgdOptions {
  /** Curvature magnitude c > 0. */
  readonly c: number;
  /** Learning rate > 0. */
  readonly lr: number;
  /** Momentum factor in [0, 1) (default 0: plain RSGD). */
  readonly momentum?: number;
  /** Dampening of the momentum (default 0). */
  readonly dampening?: number;
  /** Nesterov momentum (default false; needs momentum > 0 and dampening 0). */
  readonly nesterov?: boolean;
  /** L2 penalty added to the Euclidean gradient (default 0). */
  readonly weightDecay?: number;
  /** 'expmap' (default) or 'proj'. */
  readonly retraction?: Retraction;
  /** Row length for a batch (default x.length). */
  readonly dim?: number;
  /** Where to write the new points (may be x). */
  readonly out?: Float64Array;
}

/**
 * Fresh state for n points of dimension dim.
 *
 * @example
 * const state = createRiemannianSgdState(100, 2);
 */
export function createRiemannianSgdState(n: number, dim: number): RiemannianSgdState {
  assertInteger(n, 'n', { min: 1 });
  assertInteger(dim, 'dim', { min: 1 });
  return { step: 0, momentumBuffer: new Float64Array(n * dim) };
}

/**
 * One Riemannian SGD step: rgrad = (egrad + weightDecay x) / lambda_x^2; with momentum,
 * buf = momentum buf + (1 - dampening) rgrad (buf = rgrad on the first step) and the step
 * direction is buf (or rgrad + momentum buf with Nesterov); x' = exp_x(-lr dir); buf is
 * parallel-transported to x'. Updates `state` in place and returns the new points.
 *
 * @example
 * const state = createRiemannianSgdState(1, 2);
 * const x = riemannianSgdStep(state, [0.1, 0.2], [1, 0], { c: 1, lr: 0.1, momentum: 0.9 });
 */
export function riemannianSgdStep(state: RiemannianSgdState, x: ArrayLike<number>, egrad: ArrayLike<number>, options: RiemannianSgdOptions): Float64Array {
  const { c, lr, momentum = 0, dampening = 0, nesterov = false, weightDecay = 0, retraction = 'expmap' } = options;
  checkCurvature(c);
  assertPositive(lr, 'options.lr');
  assertInRange(momentum, 'options.momentum', { min: 0, max: 1, maxInclusive: false });
  assertInRange(dampening, 'options.dampening', { min: 0, max: 1 });
  assertInRange(weightDecay, 'options.weightDecay', { min: 0 });
  checkRetraction(retraction);
  if (nesterov && (momentum <= 0 || dampening !== 0)) {
    throw new GeoError('OUT_OF_RANGE', 'Nesterov momentum needs momentum > 0 and dampening 0', { argument: 'options.nesterov', expected: 'momentum > 0, dampening 0', actual: { momentum, dampening } });
  }
  const dim = options.dim ?? x.length;
  const n = checkBatch(x, dim, 'x');
  if (n === 0) throw new GeoError('BAD_LENGTH', 'x must hold at least one point', { argument: 'x' });
  if (egrad.length !== x.length) {
    throw new GeoError('BAD_LENGTH', `egrad must have the length of x (${x.length}), got ${egrad.length}`, { argument: 'egrad', expected: x.length, actual: egrad.length });
  }
  assertFinite(egrad, 'egrad');
  if (typeof state !== 'object' || state === null) throw new GeoError('BAD_TYPE', 'state must be a RiemannianSgdState', { argument: 'state' });
  assertInteger(state.step, 'state.step', { min: 0 });
  if (!(state.momentumBuffer instanceof Float64Array) || state.momentumBuffer.length !== n * dim) {
    throw new GeoError('BAD_SHAPE', `state.momentumBuffer must be a Float64Array of ${n * dim} entries`, { argument: 'state.momentumBuffer', expected: n * dim, actual: state.momentumBuffer?.length });
  }
  const out = outBuffer(options.out, n * dim, 'options.out');
  const gaps = new Float64Array(n);
  for (let r = 0; r < n; r++) gaps[r] = rowGap(x, r * dim, dim, c, 'x', r);
  const buf = state.momentumBuffer;
  const u = new Float64Array(dim);
  const next = new Float64Array(dim);
  const disp = new Float64Array(dim);
  const first = state.step === 0;
  for (let r = 0; r < n; r++) {
    const o = r * dim;
    const gx = gaps[r] as number;
    const inv = (gx * gx) / 4;
    for (let i = 0; i < dim; i++) {
      const g = ((egrad[o + i] as number) + weightDecay * (x[o + i] as number)) * inv;
      if (momentum > 0) {
        const b = first ? g : momentum * (buf[o + i] as number) + (1 - dampening) * g;
        buf[o + i] = b;
        u[i] = -lr * (nesterov ? g + momentum * b : b);
      } else {
        u[i] = -lr * g;
      }
    }
    retractTransport(x, o, gx, u, dim, c, retraction, next, disp, momentum > 0 ? buf : undefined, o);
    out.set(next, o);
  }
  state.step += 1;
  return out;
}
