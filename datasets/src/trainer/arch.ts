import { GeoError, assertFiniteNumber, assertInteger, assertOneOf } from '@geo/core';

/** Hidden-layer activations. `sin` is SIREN's sin(w0 z); `gelu` is the exact z Phi(z) (PyTorch's default `nn.GELU()`). */
export type Activation = 'sin' | 'relu' | 'tanh' | 'gelu' | 'sigmoid';

/** Every activation, in a fixed order. */
export const ACTIVATIONS: readonly Activation[] = ['sin', 'relu', 'tanh', 'gelu', 'sigmoid'];

/**
 * A fully connected network: `sizes = [in, hidden..., out]`, the activation on every hidden
 * layer, a linear output plus a constant `outputShift` (DWSNets' SIRENs add 0.5).
 */
export interface MlpArch {
  readonly sizes: readonly number[];
  readonly activation: Activation;
  /** SIREN frequency: hidden layers compute sin(w0 (W h + b)). Default 30; ignored by other activations. */
  readonly w0?: number;
  /** A constant added to the output (default 0). */
  readonly outputShift?: number;
}

/** Where layer l's weight (out x in, row-major) and bias start in a flat parameter vector. */
export interface LayerSlot {
  readonly fanIn: number;
  readonly fanOut: number;
  readonly weight: number;
  readonly bias: number;
}

/**
 * Checks an architecture and returns the parameter layout: for each layer its weight
 * (fanOut x fanIn, row-major, as PyTorch's `nn.Linear.weight`) then its bias.
 *
 * @example
 * layerSlots({ sizes: [2, 32, 1], activation: 'relu' }).map((s) => s.weight) // [0, 96]
 */
export function layerSlots(arch: MlpArch): LayerSlot[] {
  if (typeof arch !== 'object' || arch === null) throw new GeoError('BAD_TYPE', 'arch must be an object', { argument: 'arch' });
  const { sizes } = arch;
  if (!Array.isArray(sizes) || sizes.length < 2) {
    throw new GeoError('BAD_SHAPE', 'arch.sizes must list at least an input and an output size', { argument: 'arch.sizes', actual: sizes });
  }
  sizes.forEach((s, i) => assertInteger(s, `arch.sizes[${i}]`, { min: 1, max: 1 << 16 }));
  assertOneOf(arch.activation, ACTIVATIONS, 'arch.activation');
  if (arch.w0 !== undefined) assertFiniteNumber(arch.w0, 'arch.w0');
  if (arch.outputShift !== undefined) assertFiniteNumber(arch.outputShift, 'arch.outputShift');
  const slots: LayerSlot[] = [];
  let at = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l] as number;
    const fanOut = sizes[l + 1] as number;
    slots.push({ fanIn, fanOut, weight: at, bias: at + fanIn * fanOut });
    at += fanIn * fanOut + fanOut;
  }
  return slots;
}

/**
 * Number of parameters of one network.
 *
 * @example
 * paramCount({ sizes: [2, 32, 32, 1], activation: 'sin' }) // 1185
 */
export function paramCount(arch: MlpArch): number {
  const slots = layerSlots(arch);
  const last = slots[slots.length - 1] as LayerSlot;
  return last.bias + last.fanOut;
}

/**
 * The SIREN frequency of an architecture (30 unless set).
 *
 * @example
 * archW0({ sizes: [2, 1], activation: 'sin' }) // 30
 */
export function archW0(arch: MlpArch): number {
  return arch.w0 ?? 30;
}
