// Validation at the Method edge: a MetaDataset and a MetaTaskSpec the harness hands to fit.
import { GeoError, assertFinite, assertInteger, describe } from '@geo/core';
import { validateTrajectory } from '@geo/param-graph';
import type { Trajectory } from '@geo/param-graph';
import type { MetaDataset, MetaTaskSpec } from '../../method.js';

const KINDS = ['classification', 'regression', 'ranking'] as const;

/**
 * Checks a task spec: a known kind and a positive integer number of outputs (1 for ranking).
 *
 * @example
 * checkSpec({ task: 'inr-mnist', kind: 'classification', outputs: 10 }) // ok
 */
export function checkSpec(spec: MetaTaskSpec): void {
  if (typeof spec !== 'object' || spec === null) throw new GeoError('BAD_TYPE', `spec must be a MetaTaskSpec, got ${describe(spec)}`, { argument: 'spec' });
  if (!(KINDS as readonly string[]).includes(spec.kind)) {
    throw new GeoError('OUT_OF_DOMAIN', `spec.kind must be one of ${KINDS.join(', ')}, got ${describe(spec.kind)}`, { argument: 'spec.kind', expected: KINDS, actual: spec.kind });
  }
  assertInteger(spec.outputs, 'spec.outputs', { min: spec.kind === 'classification' ? 2 : 1, max: 1 << 20 });
  if (spec.kind === 'ranking' && spec.outputs !== 1) {
    throw new GeoError('OUT_OF_RANGE', `spec.outputs must be 1 for ranking, got ${spec.outputs}`, { argument: 'spec.outputs', expected: 1, actual: spec.outputs });
  }
}

/** Number of target values one model carries: `outputs` for regression, one otherwise. */
export function targetWidth(spec: MetaTaskSpec): number {
  return spec.kind === 'regression' ? spec.outputs : 1;
}

/**
 * Checks every trajectory (finite, consistent shapes) of a dataset and its targets: class
 * indices in [0, outputs), n x outputs finite values, or n finite scores. `allowEmpty`
 * accepts an empty set (a validation split may be empty).
 *
 * @example
 * checkDataset(train, spec, 'train')
 */
export function checkDataset(data: MetaDataset, spec: MetaTaskSpec, name: string, options: { readonly allowEmpty?: boolean } = {}): void {
  if (typeof data !== 'object' || data === null) throw new GeoError('BAD_TYPE', `${name} must be a MetaDataset, got ${describe(data)}`, { argument: name });
  checkTrajectories(data.trajectories, `${name}.trajectories`, options);
  checkTargets(data.targets, spec, data.trajectories.length, `${name}.targets`);
}

/**
 * Checks an array of trajectories (each finite with consistent shapes); empty only when `allowEmpty`.
 *
 * @example
 * checkTrajectories(test.trajectories, 'trajectories', { allowEmpty: true })
 */
export function checkTrajectories(trajectories: readonly Trajectory[], name: string, options: { readonly allowEmpty?: boolean } = {}): void {
  if (!Array.isArray(trajectories)) throw new GeoError('BAD_TYPE', `${name} must be an array of Trajectory, got ${describe(trajectories)}`, { argument: name });
  if (trajectories.length === 0 && options.allowEmpty !== true) throw new GeoError('BAD_LENGTH', `${name} must hold at least one trajectory`, { argument: name, actual: 0 });
  trajectories.forEach((t, i) => validateTrajectory(t, `${name}[${i}]`));
}

/**
 * Checks targets of n models against a spec.
 *
 * @example
 * checkTargets(new Float64Array([0, 2]), { task: 't', kind: 'classification', outputs: 3 }, 2, 'targets') // ok
 */
export function checkTargets(targets: Float64Array, spec: MetaTaskSpec, n: number, name: string): void {
  const expected = n * targetWidth(spec);
  if (!(targets instanceof Float64Array) || targets.length !== expected) {
    throw new GeoError('BAD_LENGTH', `${name} must be a Float64Array of ${expected} values (${n} models x ${targetWidth(spec)}), got ${describe(targets)}`, {
      argument: name,
      expected,
      actual: describe(targets),
    });
  }
  assertFinite(targets, name);
  if (spec.kind === 'classification') {
    for (let i = 0; i < n; i++) {
      const y = targets[i] as number;
      if (!Number.isInteger(y) || y < 0 || y >= spec.outputs) {
        throw new GeoError('OUT_OF_RANGE', `${name}[${i}] = ${y} is not a class index in [0, ${spec.outputs})`, { argument: `${name}[${i}]`, actual: y });
      }
    }
  }
}
