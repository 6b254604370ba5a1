// One tfjs backend per process for the leaderboard's tfjs methods, started on first use.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@geo/core/tf';
import type { BackendName } from '@geo/core/tf';
import { registerGradients } from '@geo/gth-gmn/tf';

let started: Promise<string> | undefined;

/**
 * Starts the preferred tfjs backend (GEO_BACKEND or `force` picks one) and registers the
 * gradients tfjs-core lacks under Node; later calls return the same backend name.
 *
 * @example
 * await ensureTfBackend(); // 'wasm' on a machine without tfjs-node
 */
export function ensureTfBackend(force?: BackendName): Promise<string> {
  started ??= (async () => {
    const report = await initBackend(force === undefined ? {} : { force });
    registerGradients();
    return report.name;
  })();
  return started;
}

/**
 * The tfjs backend this process runs on, or null when no method started one (reading it
 * does not start one).
 *
 * @example
 * currentTfBackend() // 'wasm' after a tfjs method ran
 */
export function currentTfBackend(): string | null {
  return tf.engine().backendName ?? null;
}
