import { assertOneOf } from '@geo/core';
import { erf } from '@geo/core';

/** The activations with known first and second derivatives (closed forms below). */
export type ActivationName = 'erf' | 'tanh' | 'sigmoid' | 'gelu' | 'relu' | 'softplus' | 'linear';

/**
 * Every activation name, for validation and iteration.
 *
 * @example
 * ACTIVATIONS.includes('gelu') // true
 */
export const ACTIVATIONS: readonly ActivationName[] = ['erf', 'tanh', 'sigmoid', 'gelu', 'relu', 'softplus', 'linear'];

/** An activation with its value and first two derivatives, each a scalar float64 function. */
export interface Activation {
  readonly name: ActivationName;
  /** phi(z). */
  readonly f: (z: number) => number;
  /** phi'(z). */
  readonly df: (z: number) => number;
  /** phi''(z); 0 almost everywhere for ReLU and linear. */
  readonly d2f: (z: number) => number;
  /** True when phi is C^2 everywhere (curvature is defined pointwise). */
  readonly smooth: boolean;
}

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const INV_SQRT_2PI = 0.3989422804014327;
const SQRT1_2 = Math.SQRT1_2;

/** Logistic function, written so neither branch overflows. */
function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Standard normal CDF via erf. */
function normalCdf(z: number): number {
  return 0.5 * (1 + erf(z * SQRT1_2));
}

const table: Record<ActivationName, Activation> = {
  erf: {
    name: 'erf',
    f: erf,
    df: (z) => TWO_OVER_SQRT_PI * Math.exp(-z * z),
    d2f: (z) => -2 * z * TWO_OVER_SQRT_PI * Math.exp(-z * z),
    smooth: true,
  },
  tanh: {
    name: 'tanh',
    f: Math.tanh,
    df: (z) => {
      const t = Math.tanh(z);
      return 1 - t * t;
    },
    d2f: (z) => {
      const t = Math.tanh(z);
      return -2 * t * (1 - t * t);
    },
    smooth: true,
  },
  sigmoid: {
    name: 'sigmoid',
    f: sigmoid,
    df: (z) => {
      const s = sigmoid(z);
      return s * (1 - s);
    },
    d2f: (z) => {
      const s = sigmoid(z);
      return s * (1 - s) * (1 - 2 * s);
    },
    smooth: true,
  },
  // Exact GELU z * Phi(z) (not the tanh approximation).
  gelu: {
    name: 'gelu',
    f: (z) => z * normalCdf(z),
    df: (z) => normalCdf(z) + z * INV_SQRT_2PI * Math.exp(-0.5 * z * z),
    d2f: (z) => (2 - z * z) * INV_SQRT_2PI * Math.exp(-0.5 * z * z),
    smooth: true,
  },
  relu: {
    name: 'relu',
    f: (z) => (z > 0 ? z : 0),
    // The derivative at 0 is taken as 0 (tfjs's convention too).
    df: (z) => (z > 0 ? 1 : 0),
    d2f: () => 0,
    smooth: false,
  },
  softplus: {
    name: 'softplus',
    f: (z) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))),
    df: sigmoid,
    d2f: (z) => {
      const s = sigmoid(z);
      return s * (1 - s);
    },
    smooth: true,
  },
  linear: { name: 'linear', f: (z) => z, df: () => 1, d2f: () => 0, smooth: true },
};

/**
 * The activation called `name`, with phi, phi' and phi''. Throws a GeoError naming
 * `argument` for an unknown name.
 *
 * @example
 * activation('erf').df(0) // 2 / sqrt(pi) = 1.1283791670955126
 */
export function activation(name: ActivationName, argument = 'activation'): Activation {
  assertOneOf(name, ACTIVATIONS, argument);
  return table[name];
}
