import type { Activation } from './arch.js';

const GELU_C = Math.sqrt(2 / Math.PI);
const GELU_A = 0.044715;

/**
 * An activation and its derivative at one point, written plainly (the reference the fast
 * kernels are tested against). `w0` is SIREN's frequency, used by `sin` only.
 *
 * @example
 * activate('sin', 0.1, 30) // { value: Math.sin(3), slope: 30 * Math.cos(3) }
 */
export function activate(kind: Activation, z: number, w0: number): { value: number; slope: number } {
  switch (kind) {
    case 'sin':
      return { value: Math.sin(w0 * z), slope: w0 * Math.cos(w0 * z) };
    case 'relu':
      // The subgradient 0 at z = 0, as PyTorch.
      return { value: z > 0 ? z : 0, slope: z > 0 ? 1 : 0 };
    case 'tanh': {
      const t = Math.tanh(z);
      return { value: t, slope: 1 - t * t };
    }
    case 'sigmoid': {
      const s = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)); // no overflow either side
      return { value: s, slope: s * (1 - s) };
    }
    case 'gelu': {
      const u = GELU_C * (z + GELU_A * z * z * z);
      const t = Math.tanh(u);
      return { value: 0.5 * z * (1 + t), slope: 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * GELU_C * (1 + 3 * GELU_A * z * z) };
    }
  }
}
