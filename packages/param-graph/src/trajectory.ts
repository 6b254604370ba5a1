import { GeoError, assertFinite, assertInteger, assertShape, describe } from '@geo/core';
import type { FloatArray, Mlp, MlpArchitecture } from './mlp.js';
import { checkFloatArray, validateArchitecture, validateMlp } from './mlp.js';
import type { SafetensorsTensor } from './safetensors.js';

/**
 * A training trajectory of one MLP: T snapshots of its parameters, the optimisation
 * steps at which they were taken, and what the zoo generator recorded about it.
 * `weights[l]` is row-major `[T, sizes[l+1], sizes[l]]`, `biases[l]` is `[T, sizes[l+1]]`:
 * exactly the `layers.{l}.weight` / `layers.{l}.bias` tensors of the trajectory file.
 */
export interface Trajectory extends MlpArchitecture {
  /** Step of each snapshot: non-negative integers, strictly increasing, length T. */
  readonly steps: readonly number[];
  readonly weights: readonly FloatArray[];
  readonly biases: readonly FloatArray[];
  /** Seed the generator used for this model, if recorded. */
  readonly seed?: number;
  /** Labels (class, amplitude/frequency, test accuracy, ...): any JSON object. */
  readonly labels: Readonly<Record<string, unknown>>;
  /** Further `__metadata__` strings, kept verbatim (never the reserved trajectory keys). */
  readonly metadata: Readonly<Record<string, string>>;
  /** Further tensors in the file (e.g. per-snapshot losses), kept verbatim. */
  readonly extras?: Readonly<Record<string, SafetensorsTensor>>;
}

/**
 * Number of snapshots T of a trajectory.
 *
 * @example
 * numSnapshots(readTrajectory(bytes)) // 12 for the SIREN reference file
 */
export function numSnapshots(trajectory: Trajectory): number {
  return trajectory.steps.length;
}

/**
 * Checks a trajectory: architecture, steps, and one `[T, out, in]` weight and `[T, out]`
 * bias buffer per layer, finite unless `allowNonFinite` (diverged runs).
 *
 * @example
 * validateTrajectory(readTrajectory(bytes)) // ok
 */
export function validateTrajectory(trajectory: Trajectory, name = 'trajectory', options: { readonly allowNonFinite?: boolean } = {}): void {
  validateArchitecture(trajectory, name);
  const { steps } = trajectory;
  if (!Array.isArray(steps) || steps.length === 0) {
    throw new GeoError('BAD_LENGTH', `${name}.steps must list at least one snapshot step`, { argument: `${name}.steps`, actual: describe(steps) });
  }
  steps.forEach((s, i) => {
    assertInteger(s, `${name}.steps[${i}]`, { min: i === 0 ? 0 : (steps[i - 1] as number) + 1, max: Number.MAX_SAFE_INTEGER });
  });
  if (trajectory.seed !== undefined) assertInteger(trajectory.seed, `${name}.seed`, { min: 0, max: Number.MAX_SAFE_INTEGER });
  if (typeof trajectory.labels !== 'object' || trajectory.labels === null || Array.isArray(trajectory.labels)) {
    throw new GeoError('BAD_TYPE', `${name}.labels must be an object`, { argument: `${name}.labels`, actual: describe(trajectory.labels) });
  }
  const T = steps.length;
  const L = trajectory.sizes.length - 1;
  for (const key of ['weights', 'biases'] as const) {
    if (!Array.isArray(trajectory[key]) || trajectory[key].length !== L) {
      throw new GeoError('BAD_LENGTH', `${name}.${key} must hold one buffer per layer (${L})`, {
        argument: `${name}.${key}`,
        expected: L,
        actual: describe(trajectory[key]),
      });
    }
  }
  for (let l = 0; l < L; l++) {
    const nIn = trajectory.sizes[l] as number;
    const nOut = trajectory.sizes[l + 1] as number;
    checkFloatArray(trajectory.weights[l], `${name}.weights[${l}]`);
    checkFloatArray(trajectory.biases[l], `${name}.biases[${l}]`);
    assertShape(trajectory.weights[l] as FloatArray, [T, nOut, nIn], `${name}.weights[${l}]`);
    assertShape(trajectory.biases[l] as FloatArray, [T, nOut], `${name}.biases[${l}]`);
    if (options.allowNonFinite !== true) {
      assertFinite(trajectory.weights[l] as FloatArray, `${name}.weights[${l}]`);
      assertFinite(trajectory.biases[l] as FloatArray, `${name}.biases[${l}]`);
    }
  }
}

/**
 * Snapshot t (0-based) as an `Mlp` whose buffers are views into the trajectory (no copy;
 * pass `{ copy: true }` for independent buffers).
 *
 * @example
 * const mlp = snapshot(trajectory, trajectory.steps.length - 1); // the final weights
 */
export function snapshot(trajectory: Trajectory, t: number, options: { readonly copy?: boolean } = {}): Mlp {
  const T = trajectory.steps.length;
  assertInteger(t, 't', { min: 0, max: T - 1 });
  const L = trajectory.sizes.length - 1;
  const weights: FloatArray[] = [];
  const biases: FloatArray[] = [];
  for (let l = 0; l < L; l++) {
    const nIn = trajectory.sizes[l] as number;
    const nOut = trajectory.sizes[l + 1] as number;
    const W = trajectory.weights[l] as FloatArray;
    const b = trajectory.biases[l] as FloatArray;
    if (W.length !== T * nOut * nIn || b.length !== T * nOut) validateTrajectory(trajectory);
    const w = W.subarray(t * nOut * nIn, (t + 1) * nOut * nIn);
    const bb = b.subarray(t * nOut, (t + 1) * nOut);
    weights.push(options.copy === true ? w.slice() : w);
    biases.push(options.copy === true ? bb.slice() : bb);
  }
  return { sizes: [...trajectory.sizes], activation: trajectory.activation, weights, biases };
}

/**
 * Stacks snapshots of one architecture into a trajectory (copying). A layer is stored as
 * float32 only when every snapshot stores it as float32, otherwise as float64, so values
 * are never rounded.
 *
 * @example
 * const traj = trajectoryFromSnapshots([mlp0, mlp1], [0, 100], { seed: 7, labels: { class: 3 } });
 * snapshot(traj, 1).weights[0] // equal to mlp1.weights[0]
 */
export function trajectoryFromSnapshots(
  snapshots: readonly Mlp[],
  steps: readonly number[],
  info: { readonly seed?: number; readonly labels?: Record<string, unknown>; readonly metadata?: Record<string, string> } = {},
): Trajectory {
  if (!Array.isArray(snapshots) || snapshots.length === 0) {
    throw new GeoError('BAD_LENGTH', 'snapshots must hold at least one Mlp', { argument: 'snapshots', actual: describe(snapshots) });
  }
  if (!Array.isArray(steps) || steps.length !== snapshots.length) {
    throw new GeoError('BAD_LENGTH', `steps must hold one step per snapshot (${snapshots.length})`, {
      argument: 'steps',
      expected: snapshots.length,
      actual: describe(steps),
    });
  }
  const first = snapshots[0] as Mlp;
  snapshots.forEach((m, t) => {
    validateMlp(m, `snapshots[${t}]`);
    if (m.activation !== first.activation || m.sizes.length !== first.sizes.length || m.sizes.some((n: number, i: number) => n !== first.sizes[i])) {
      throw new GeoError('BAD_SHAPE', `snapshots[${t}] has a different architecture from snapshots[0]`, {
        argument: `snapshots[${t}]`,
        expected: { sizes: first.sizes, activation: first.activation },
        actual: { sizes: m.sizes, activation: m.activation },
      });
    }
  });
  const T = snapshots.length;
  const L = first.sizes.length - 1;
  const stack = (get: (m: Mlp) => FloatArray): FloatArray => {
    const f32 = snapshots.every((m) => get(m) instanceof Float32Array);
    const n = get(first).length;
    const out = f32 ? new Float32Array(T * n) : new Float64Array(T * n);
    snapshots.forEach((m, t) => out.set(get(m), t * n));
    return out;
  };
  const weights: FloatArray[] = [];
  const biases: FloatArray[] = [];
  for (let l = 0; l < L; l++) {
    weights.push(stack((m) => m.weights[l] as FloatArray));
    biases.push(stack((m) => m.biases[l] as FloatArray));
  }
  const traj: Trajectory = {
    sizes: [...first.sizes],
    activation: first.activation,
    steps: [...steps],
    weights,
    biases,
    ...(info.seed === undefined ? {} : { seed: info.seed }),
    labels: { ...(info.labels ?? {}) },
    metadata: { ...(info.metadata ?? {}) },
  };
  validateTrajectory(traj);
  return traj;
}
