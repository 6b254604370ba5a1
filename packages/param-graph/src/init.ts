import { createRng } from '@geo/core';
import type { Mlp } from './mlp.js';
import { validateArchitecture } from './mlp.js';

/**
 * A SIREN (Sitzmann et al. 2020, "Implicit neural representations with periodic activation
 * functions") with its initialisation and omega_0 folded into the parameters, so that
 * `mlpForward` with the plain `sin` activation computes sin(omega_0 (W x + b)) per hidden
 * layer: first layer W ~ U(-1/n, 1/n) * omega_0, later layers W ~ U(-sqrt(6/n), sqrt(6/n))
 * (the paper's sqrt(6/n)/omega_0 times omega_0), the last (linear) layer
 * W ~ U(-sqrt(6/n), sqrt(6/n)) / omega_0, biases U(-1/sqrt(n), 1/sqrt(n)) (PyTorch's default),
 * times omega_0 in sine layers; n is the layer's fan-in. Float64, seeded.
 *
 * @example
 * const siren = initSiren([2, 32, 32, 1], { seed: 1 });
 * siren.activation // 'sin'
 */
export function initSiren(sizes: readonly number[], options: { readonly seed: number; readonly omega0?: number }): Mlp {
  validateArchitecture({ sizes, activation: 'sin' }, 'sizes');
  const omega0 = options.omega0 ?? 30;
  const root = createRng(options.seed).derive('siren-init');
  const L = sizes.length - 1;
  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  for (let l = 0; l < L; l++) {
    const n = sizes[l] as number;
    const out = sizes[l + 1] as number;
    const rng = root.derive(l);
    const last = l === L - 1;
    const bound = l === 0 && !last ? omega0 / n : last ? Math.sqrt(6 / n) / omega0 : Math.sqrt(6 / n);
    weights.push(rng.fillUniform(new Float64Array(out * n), -bound, bound));
    const bb = (last ? 1 : omega0) / Math.sqrt(n);
    biases.push(rng.fillUniform(new Float64Array(out), -bb, bb));
  }
  return { sizes: [...sizes], activation: 'sin', weights, biases };
}
