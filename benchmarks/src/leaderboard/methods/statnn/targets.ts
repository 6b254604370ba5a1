import { GeoError, assertFinite, assertInteger, describe } from '@geo/core';
import type { MetaDataset, MetaTaskSpec } from '../../method.js';

/**
 * Checks a split's targets against the task: n class indices in [0, outputs)
 * (classification), n x outputs values (regression), n values (ranking).
 */
export function checkTargets(ds: MetaDataset, spec: MetaTaskSpec, name: string): void {
  if (typeof ds !== 'object' || ds === null || !Array.isArray(ds.trajectories)) {
    throw new GeoError('BAD_TYPE', `${name} must be a MetaDataset with a trajectories array`, { argument: name, actual: describe(ds) });
  }
  const n = ds.trajectories.length;
  const per = spec.kind === 'regression' ? spec.outputs : 1;
  if (!(ds.targets instanceof Float64Array) || ds.targets.length !== n * per) {
    throw new GeoError('BAD_SHAPE', `${name}.targets must be a Float64Array of ${n * per} values (${n} models x ${per})`, {
      argument: `${name}.targets`,
      expected: n * per,
      actual: ds.targets instanceof Float64Array ? ds.targets.length : describe(ds.targets),
    });
  }
  assertFinite(ds.targets, `${name}.targets`);
  if (spec.kind === 'classification') {
    for (let i = 0; i < n; i++) assertInteger(ds.targets[i], `${name}.targets[${i}]`, { min: 0, max: spec.outputs - 1 });
  }
}

/** Checks the task description a method is fitted for. */
export function checkSpec(spec: MetaTaskSpec): void {
  if (typeof spec !== 'object' || spec === null) throw new GeoError('BAD_TYPE', 'spec must be an object', { argument: 'spec', actual: describe(spec) });
  if (spec.kind !== 'classification' && spec.kind !== 'regression' && spec.kind !== 'ranking') {
    throw new GeoError('OUT_OF_RANGE', `spec.kind must be classification, regression or ranking, got ${describe(spec.kind)}`, { argument: 'spec.kind', actual: spec.kind });
  }
  assertInteger(spec.outputs, 'spec.outputs', { min: spec.kind === 'classification' ? 2 : 1, max: spec.kind === 'ranking' ? 1 : 1 << 16 });
}

/** Column j of an n x m row-major matrix. */
export function column(values: Float64Array, m: number, j: number): Float64Array {
  const n = values.length / m;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = values[i * m + j] as number;
  return out;
}
