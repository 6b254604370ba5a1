import { GeoError, assertFinite, assertOneOf } from '@geo/core';
import { layerSlots, paramCount } from './arch.js';
import type { MlpArch } from './arch.js';
import { LOSSES } from './loss.js';
import type { LossKind } from './loss.js';

/**
 * Validates one training problem (architecture, parameters, inputs n x in, targets) and
 * returns n. Targets: n x out numbers for `mse`, n integer labels in [0, out) for `cross-entropy`.
 *
 * @example
 * checkProblem({ sizes: [1, 2, 1], activation: 'tanh' }, new Float64Array(7), [0, 1], [1, 2], 'mse') // { n: 2 }
 */
export function checkProblem(
  arch: MlpArch,
  params: ArrayLike<number>,
  inputs: ArrayLike<number>,
  targets: ArrayLike<number>,
  loss: LossKind,
  networks = 1,
): { n: number } {
  layerSlots(arch);
  assertOneOf(loss, LOSSES, 'loss');
  const P = paramCount(arch);
  const dIn = arch.sizes[0] as number;
  const dOut = arch.sizes[arch.sizes.length - 1] as number;
  if (params.length !== networks * P) {
    throw new GeoError('BAD_SHAPE', `params must hold ${networks} x ${P} values for sizes [${arch.sizes.join(', ')}], got ${params.length}`, {
      argument: 'params',
      expected: networks * P,
      actual: params.length,
    });
  }
  assertFinite(params, 'params');
  if (inputs.length === 0 || inputs.length % dIn !== 0) {
    throw new GeoError('BAD_SHAPE', `inputs must be a non-empty n x ${dIn} array, got ${inputs.length} values`, { argument: 'inputs', expected: `n x ${dIn}`, actual: inputs.length });
  }
  assertFinite(inputs, 'inputs');
  const n = inputs.length / dIn;
  const per = loss === 'mse' ? n * dOut : n;
  if (targets.length !== networks * per) {
    throw new GeoError('BAD_SHAPE', `targets must hold ${networks} x ${per} values (${loss}), got ${targets.length}`, {
      argument: 'targets',
      expected: networks * per,
      actual: targets.length,
    });
  }
  assertFinite(targets, 'targets');
  if (loss === 'cross-entropy') {
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i] as number;
      if (!Number.isInteger(t) || t < 0 || t >= dOut) {
        throw new GeoError('OUT_OF_RANGE', `targets[${i}] must be a class index in [0, ${dOut}), got ${t}`, { argument: `targets[${i}]`, expected: `[0, ${dOut})`, actual: t });
      }
    }
  }
  return { n };
}

/**
 * Validates a dropout multiplier array for n points: one finite, non-negative value per
 * hidden unit and point (see `MiniBatch.keep`).
 *
 * @example
 * checkKeep({ sizes: [2, 3, 1], activation: 'relu' }, new Float64Array(6).fill(1), 2, 'keep') // ok
 */
export function checkKeep(arch: MlpArch, keep: ArrayLike<number>, n: number, name: string): void {
  let width = 0;
  for (let l = 1; l < arch.sizes.length - 1; l++) width += arch.sizes[l] as number;
  if (keep.length !== width * n) {
    throw new GeoError('BAD_SHAPE', `${name} must hold one multiplier per hidden unit and point (${width} x ${n}), got ${keep.length}`, { argument: name, expected: width * n, actual: keep.length });
  }
  for (let i = 0; i < keep.length; i++) {
    const k = keep[i] as number;
    if (!Number.isFinite(k) || k < 0) throw new GeoError('OUT_OF_RANGE', `${name}[${i}] must be a finite multiplier >= 0, got ${k}`, { argument: `${name}[${i}]`, actual: k });
  }
}
