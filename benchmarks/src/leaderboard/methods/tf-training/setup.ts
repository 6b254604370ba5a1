// What every tfjs baseline does before training: gradients registered, a backend running, and
// the fixed architecture facts (depth, inputs, outputs) of a zoo checked.
import * as tf from '@tensorflow/tfjs-core';
import { GeoError, describe } from '@geo/core';
import { initBackend } from '@geo/core/tf';
import { registerGradients } from '@geo/gth-gmn/tf';
import type { Trajectory } from '@geo/param-graph';

/**
 * Registers the gradients the baselines differentiate through (those of @geo/gth-gmn/tf:
 * arithmetic, matmul, relu, means, sums, reshapes, concat, gathers, scatters, exp/log) and,
 * when no tfjs backend is active yet, starts the preferred one (`initBackend`). Returns the
 * backend name.
 *
 * @example
 * const backend = await prepareTf(); // 'wasm' here
 */
export async function prepareTf(): Promise<string> {
  registerGradients();
  // engine().backendName is unset until a backend has been chosen; never switch one the caller chose.
  if ((tf.engine().backendName as string | undefined) === undefined) await initBackend();
  return tf.getBackend();
}

/** Depth, input and output neurons: what a zoo's models must share (hidden widths may differ). */
export interface FixedArchitecture {
  readonly numLayers: number;
  readonly inputs: number;
  readonly outputs: number;
  readonly activation: string;
}

/** The fixed architecture of one trajectory. */
export function fixedArchitecture(t: Trajectory): FixedArchitecture {
  const L = t.sizes.length - 1;
  return { numLayers: L, inputs: t.sizes[0] as number, outputs: t.sizes[L] as number, activation: t.activation };
}

/**
 * Checks that every trajectory has the fixed architecture `arch` (depth, inputs, outputs);
 * GeoError UNSUPPORTED naming the first that does not.
 *
 * @example
 * assertArchitecture(val.trajectories, fixedArchitecture(train.trajectories[0]), 'val.trajectories');
 */
export function assertArchitecture(trajectories: readonly Trajectory[], arch: FixedArchitecture, name: string): void {
  trajectories.forEach((t, i) => {
    const a = fixedArchitecture(t);
    if (a.numLayers !== arch.numLayers || a.inputs !== arch.inputs || a.outputs !== arch.outputs) {
      throw new GeoError('UNSUPPORTED', `${name}[${i}] has sizes [${t.sizes}]; the method was built for ${arch.numLayers} layers, ${arch.inputs} inputs, ${arch.outputs} outputs`, {
        argument: `${name}[${i}].sizes`,
        expected: arch,
        actual: describe(t.sizes),
      });
    }
  });
}

/** A key per trajectory that groups equal architectures (sizes joined), for minibatching. */
export function sizesKey(t: Trajectory): string {
  return t.sizes.join('-');
}
