import { assertOneOf } from '@geo/core';
import type { Rng } from '@geo/core';
import { archW0, layerSlots, paramCount } from './arch.js';
import type { MlpArch } from './arch.js';

/**
 * Initialisations:
 * - `pytorch`: `nn.Linear`'s default, W and b ~ U(-1/sqrt(fanIn), 1/sqrt(fanIn)).
 * - `siren`: Sitzmann et al. (2020), sec. 3.2: first layer W ~ U(-1/fanIn, 1/fanIn), later
 *   layers W ~ U(-sqrt(6/fanIn)/w0, sqrt(6/fanIn)/w0); biases keep the `nn.Linear` default.
 * - `dwsnets-siren`: the SIREN of DWSNets' INR zoos (their issue #7): every sine layer
 *   W ~ U(-sqrt(6/fanIn)/w0, sqrt(6/fanIn)/w0) with zero bias and no special first layer;
 *   the output layer is a plain `nn.Linear` (the `pytorch` default). Pair it with
 *   `outputShift: 0.5`.
 */
export type InitScheme = 'pytorch' | 'siren' | 'dwsnets-siren';

/** Every init scheme, in a fixed order. */
export const INIT_SCHEMES: readonly InitScheme[] = ['pytorch', 'siren', 'dwsnets-siren'];

/**
 * Fresh parameters for one network, drawn from `rng` (deterministic per stream), written to
 * `out` at `offset` when given.
 *
 * @example
 * initParams({ sizes: [2, 32, 32, 1], activation: 'sin' }, 'dwsnets-siren', createRng(0)).length // 1185
 */
export function initParams(arch: MlpArch, scheme: InitScheme, rng: Rng, out?: Float64Array, offset = 0): Float64Array {
  assertOneOf(scheme, INIT_SCHEMES, 'scheme');
  const slots = layerSlots(arch);
  const P = paramCount(arch);
  const dst = out ?? new Float64Array(P);
  const w0 = archW0(arch);
  slots.forEach((s, l) => {
    let wBound: number;
    let bBound: number;
    if (scheme === 'pytorch') {
      wBound = 1 / Math.sqrt(s.fanIn);
      bBound = wBound;
    } else if (scheme === 'siren') {
      wBound = l === 0 ? 1 / s.fanIn : Math.sqrt(6 / s.fanIn) / w0;
      bBound = 1 / Math.sqrt(s.fanIn);
    } else if (l === slots.length - 1) {
      wBound = 1 / Math.sqrt(s.fanIn);
      bBound = wBound;
    } else {
      wBound = Math.sqrt(6 / s.fanIn) / w0;
      bBound = 0;
    }
    for (let i = 0; i < s.fanIn * s.fanOut; i++) dst[offset + s.weight + i] = (2 * rng.uniform() - 1) * wBound;
    for (let j = 0; j < s.fanOut; j++) dst[offset + s.bias + j] = bBound === 0 ? 0 : (2 * rng.uniform() - 1) * bBound;
  });
  return dst;
}
