import { GeoError, assertInteger, describe } from '@geo/core';
import { validateTrajectory } from '@geo/param-graph';
import type { FloatArray, Trajectory } from '@geo/param-graph';
import { NUM_TENSOR_STATS, TENSOR_STAT_NAMES, tensorStats } from './tensor-stats.js';

/** Features of one snapshot of a depth-L network: 7 statistics for each weight and each bias tensor. */
export function snapshotFeatureLength(layers: number): number {
  return 2 * layers * NUM_TENSOR_STATS;
}

/**
 * Writes the StatNN features of snapshot `t` to `out` at `offset`: for each layer l, the 7
 * statistics of its weight matrix, then of its bias vector (Unterthiner et al. 2020,
 * sec. 3). The trajectory must be valid (see `statnnFeatureMatrix`, which checks).
 */
export function writeSnapshotFeatures(trajectory: Trajectory, t: number, out: Float64Array, offset: number): void {
  const L = trajectory.sizes.length - 1;
  let at = offset;
  for (let l = 0; l < L; l++) {
    const nIn = trajectory.sizes[l] as number;
    const nOut = trajectory.sizes[l + 1] as number;
    const W = trajectory.weights[l] as FloatArray;
    const b = trajectory.biases[l] as FloatArray;
    tensorStats(W.subarray(t * nOut * nIn, (t + 1) * nOut * nIn), out, at, `weights[${l}]`);
    at += NUM_TENSOR_STATS;
    tensorStats(b.subarray(t * nOut, (t + 1) * nOut), out, at, `biases[${l}]`);
    at += NUM_TENSOR_STATS;
  }
}

/**
 * `count` snapshot indices spread evenly over 0..T-1, always including the first and the
 * last: round(j (T - 1) / (count - 1)). When T < count some snapshots repeat, so every
 * trajectory yields the same number of features whatever its T.
 *
 * @example
 * evenSnapshotIndices(11, 3) // [0, 5, 10]
 */
export function evenSnapshotIndices(T: number, count: number): number[] {
  assertInteger(T, 'T', { min: 1 });
  assertInteger(count, 'count', { min: 1 });
  if (count === 1) return [T - 1];
  return Array.from({ length: count }, (_, j) => Math.round((j * (T - 1)) / (count - 1)));
}

/** Which snapshots to read: the last one (StatNN) or `count` evenly spaced ones (temporal StatNN). */
export type SnapshotSelection = { readonly kind: 'last' } | { readonly kind: 'even'; readonly count: number };

/**
 * The StatNN feature matrix of a set of trajectories, n x d row-major, with d = 14 L per
 * selected snapshot (snapshots concatenated in time order). Networks of different widths
 * mix freely (the statistics are per tensor); a different depth throws `GeoError`
 * BAD_SHAPE, since the feature vectors would not line up.
 *
 * @example
 * const { x, d } = statnnFeatureMatrix(zoo, { kind: 'last' }); // d = 42 for 3-layer MLPs
 */
export function statnnFeatureMatrix(
  trajectories: readonly Trajectory[],
  selection: SnapshotSelection = { kind: 'last' },
  name = 'trajectories',
): { readonly x: Float64Array; readonly n: number; readonly d: number } {
  if (!Array.isArray(trajectories) || trajectories.length === 0) {
    throw new GeoError('BAD_LENGTH', `${name} must hold at least one trajectory`, { argument: name, actual: describe(trajectories) });
  }
  if (selection.kind === 'even') assertInteger(selection.count, 'selection.count', { min: 1 });
  const first = trajectories[0] as Trajectory;
  trajectories.forEach((traj, i) => {
    validateTrajectory(traj, `${name}[${i}]`);
    if (traj.sizes.length !== first.sizes.length) {
      throw new GeoError('BAD_SHAPE', `${name}[${i}] has ${traj.sizes.length - 1} layers but ${name}[0] has ${first.sizes.length - 1}; StatNN features need one depth`, {
        argument: `${name}[${i}].sizes`,
        expected: first.sizes.length - 1,
        actual: traj.sizes.length - 1,
      });
    }
  });
  const per = snapshotFeatureLength(first.sizes.length - 1);
  const snaps = selection.kind === 'last' ? 1 : selection.count;
  const d = per * snaps;
  const n = trajectories.length;
  const x = new Float64Array(n * d);
  trajectories.forEach((traj, i) => {
    const T = traj.steps.length;
    const idx = selection.kind === 'last' ? [T - 1] : evenSnapshotIndices(T, selection.count);
    idx.forEach((t, j) => writeSnapshotFeatures(traj, t, x, i * d + j * per));
  });
  return { x, n, d };
}

/**
 * Names of the features of `statnnFeatureMatrix` for depth `layers`, e.g. `s0.w1.q25`
 * (snapshot 0 of the selection, layer 1's weight, its lower quartile).
 */
export function statnnFeatureNames(layers: number, snapshots = 1): string[] {
  assertInteger(layers, 'layers', { min: 1 });
  assertInteger(snapshots, 'snapshots', { min: 1 });
  const names: string[] = [];
  for (let s = 0; s < snapshots; s++) {
    for (let l = 0; l < layers; l++) {
      for (const tensor of ['w', 'b']) for (const stat of TENSOR_STAT_NAMES) names.push(`s${s}.${tensor}${l}.${stat}`);
    }
  }
  return names;
}
