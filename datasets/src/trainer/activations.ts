import type { Activation } from './arch.js';

const INV_SQRT2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * The error function, to a few ulp: the Maclaurin series for |x| <= 2 (terms peak near 2.4,
 * so little cancellation), the continued fraction of erfc beyond (Abramowitz & Stegun 7.1.14),
 * evaluated bottom-up; erf(x) = +-1 in float64 beyond |x| = 6.
 *
 * @example
 * erf(1) // 0.8427007929497149
 */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax <= 2) {
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 60; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) <= 1e-17 * Math.abs(sum)) break;
    }
    return TWO_OVER_SQRT_PI * sum;
  }
  if (ax >= 6) return Math.sign(x);
  let f = ax;
  for (let k = 80; k >= 1; k--) f = ax + k / 2 / f;
  return Math.sign(x) * (1 - Math.exp(-ax * ax) / (Math.sqrt(Math.PI) * f));
}

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
      // The exact form, PyTorch's default: z Phi(z), slope Phi(z) + z phi(z).
      const cdf = 0.5 * (1 + erf(z * INV_SQRT2));
      return { value: z * cdf, slope: cdf + z * INV_SQRT_2PI * Math.exp(-0.5 * z * z) };
    }
  }
}
