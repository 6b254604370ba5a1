import { GeoError, assertFiniteNumber, assertInRange, assertOneOf, assertPositive } from '@geo/core';

/** Adam as PyTorch's `torch.optim.Adam` (L2 weight decay added to the gradient, not AdamW). */
export interface AdamConfig {
  readonly kind: 'adam';
  readonly lr: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly eps?: number;
  readonly weightDecay?: number;
}

/** SGD with momentum as PyTorch's `torch.optim.SGD` (the first step sets the buffer to the gradient). */
export interface SgdConfig {
  readonly kind: 'sgd';
  readonly lr: number;
  readonly momentum?: number;
  readonly dampening?: number;
  readonly nesterov?: boolean;
  readonly weightDecay?: number;
}

export type OptimizerConfig = AdamConfig | SgdConfig;

/**
 * Checks an optimiser configuration; throws a GeoError naming the bad field.
 *
 * @example
 * checkOptimizer({ kind: 'adam', lr: -1 }) // throws GeoError OUT_OF_RANGE, argument 'optimizer.lr'
 */
export function checkOptimizer(cfg: OptimizerConfig): void {
  if (typeof cfg !== 'object' || cfg === null) throw new GeoError('BAD_TYPE', 'optimizer must be an object', { argument: 'optimizer' });
  assertOneOf(cfg.kind, ['adam', 'sgd'] as const, 'optimizer.kind');
  assertPositive(cfg.lr, 'optimizer.lr');
  if (cfg.weightDecay !== undefined) assertInRange(cfg.weightDecay, 'optimizer.weightDecay', { min: 0 });
  if (cfg.kind === 'adam') {
    if (cfg.beta1 !== undefined) assertInRange(cfg.beta1, 'optimizer.beta1', { min: 0, max: 1, maxInclusive: false });
    if (cfg.beta2 !== undefined) assertInRange(cfg.beta2, 'optimizer.beta2', { min: 0, max: 1, maxInclusive: false });
    if (cfg.eps !== undefined) assertPositive(cfg.eps, 'optimizer.eps');
  } else {
    if (cfg.momentum !== undefined) assertInRange(cfg.momentum, 'optimizer.momentum', { min: 0 });
    if (cfg.dampening !== undefined) assertFiniteNumber(cfg.dampening, 'optimizer.dampening');
  }
}

/**
 * One optimiser step on params[off, off + len) in place, with the gradient at grad[gOff...]
 * and the state buffers m (and v for Adam) at the same offset as params. `t` is the
 * 1-based number of this step (Adam's bias correction; SGD's first-step rule).
 *
 * @example
 * const p = new Float64Array([1]), g = new Float64Array([0.5]), m = new Float64Array(1), v = new Float64Array(1);
 * optimizerStep({ kind: 'sgd', lr: 0.1 }, p, 0, 1, g, 0, m, v, 1); // p[0] = 0.95
 */
export function optimizerStep(
  cfg: OptimizerConfig,
  params: Float64Array,
  off: number,
  len: number,
  grad: Float64Array,
  gOff: number,
  m: Float64Array,
  v: Float64Array,
  t: number,
): void {
  const wd = cfg.weightDecay ?? 0;
  if (cfg.kind === 'adam') {
    const b1 = cfg.beta1 ?? 0.9;
    const b2 = cfg.beta2 ?? 0.999;
    const eps = cfg.eps ?? 1e-8;
    const bc1 = 1 - b1 ** t;
    const sqrtBc2 = Math.sqrt(1 - b2 ** t);
    const stepSize = cfg.lr / bc1;
    for (let i = 0; i < len; i++) {
      const p = params[off + i] as number;
      const g = (grad[gOff + i] as number) + wd * p;
      const mi = b1 * (m[off + i] as number) + (1 - b1) * g;
      const vi = b2 * (v[off + i] as number) + (1 - b2) * g * g;
      m[off + i] = mi;
      v[off + i] = vi;
      // PyTorch's order of operations: denom = sqrt(v) / sqrt(1 - b2^t) + eps.
      params[off + i] = p - (stepSize * mi) / (Math.sqrt(vi) / sqrtBc2 + eps);
    }
    return;
  }
  const mom = cfg.momentum ?? 0;
  const damp = cfg.dampening ?? 0;
  for (let i = 0; i < len; i++) {
    const p = params[off + i] as number;
    let g = (grad[gOff + i] as number) + wd * p;
    if (mom !== 0) {
      const buf = t === 1 ? g : mom * (m[off + i] as number) + (1 - damp) * g;
      m[off + i] = buf;
      g = cfg.nesterov === true ? g + mom * buf : buf;
    }
    params[off + i] = p - cfg.lr * g;
  }
}
