import { GeoError, assertArrayLike, assertFinite, assertInteger, assertOneOf, assertShape, describe } from '@geo/core';

/** A float buffer as stored in trajectory files: float32 or float64. */
export type FloatArray = Float32Array | Float64Array;

/** Hidden-layer nonlinearities an `Mlp` may name. The output layer is always affine. */
export type Activation = 'identity' | 'relu' | 'leaky_relu' | 'tanh' | 'sigmoid' | 'sin' | 'gelu' | 'softplus';

/**
 * Every `Activation`, in a fixed order.
 *
 * @example
 * ACTIVATIONS.includes('sin') // true
 */
export const ACTIVATIONS: readonly Activation[] = ['identity', 'relu', 'leaky_relu', 'tanh', 'sigmoid', 'sin', 'gelu', 'softplus'];

/** Layer sizes `[n_0 (inputs), n_1, ..., n_L (outputs)]` and the hidden nonlinearity. */
export interface MlpArchitecture {
  readonly sizes: readonly number[];
  readonly activation: Activation;
}

/**
 * A multilayer perceptron: layer l (0-based, l < L) maps `sizes[l]` inputs to `sizes[l+1]`
 * outputs as `y = W_l x + b_l`, with `weights[l]` row-major `sizes[l+1] x sizes[l]`
 * (out x in, PyTorch's `nn.Linear.weight` layout) and `biases[l]` of length `sizes[l+1]`.
 * The activation follows every layer but the last.
 */
export interface Mlp extends MlpArchitecture {
  readonly weights: readonly FloatArray[];
  readonly biases: readonly FloatArray[];
}

/**
 * Checks an architecture: at least two layer sizes, each a positive integer, and a known activation.
 *
 * @example
 * validateArchitecture({ sizes: [2, 32, 32, 1], activation: 'sin' }, 'arch') // ok
 */
export function validateArchitecture(arch: MlpArchitecture, name = 'architecture'): void {
  if (typeof arch !== 'object' || arch === null) {
    throw new GeoError('BAD_TYPE', `${name} must be an object with sizes and activation`, { argument: name, actual: describe(arch) });
  }
  if (!Array.isArray(arch.sizes) || arch.sizes.length < 2) {
    throw new GeoError('BAD_SHAPE', `${name}.sizes must list at least an input and an output size`, {
      argument: `${name}.sizes`,
      actual: arch.sizes,
    });
  }
  arch.sizes.forEach((n, i) => assertInteger(n, `${name}.sizes[${i}]`, { min: 1, max: 0x7fffffff }));
  assertOneOf(arch.activation, ACTIVATIONS, `${name}.activation`);
}

/**
 * Checks an `Mlp`: its architecture, one weight and bias per layer with the right lengths,
 * float32 or float64 storage, and finite values.
 *
 * @example
 * validateMlp({ sizes: [1, 1], activation: 'relu', weights: [new Float64Array([2])], biases: [new Float64Array([0])] })
 */
export function validateMlp(mlp: Mlp, name = 'mlp'): void {
  validateArchitecture(mlp, name);
  const L = mlp.sizes.length - 1;
  for (const key of ['weights', 'biases'] as const) {
    if (!Array.isArray(mlp[key]) || mlp[key].length !== L) {
      throw new GeoError('BAD_LENGTH', `${name}.${key} must hold one array per layer (${L}), got ${describe(mlp[key])}`, {
        argument: `${name}.${key}`,
        expected: L,
        actual: Array.isArray(mlp[key]) ? mlp[key].length : describe(mlp[key]),
      });
    }
  }
  for (let l = 0; l < L; l++) {
    const nIn = mlp.sizes[l] as number;
    const nOut = mlp.sizes[l + 1] as number;
    checkFloatArray(mlp.weights[l], `${name}.weights[${l}]`);
    checkFloatArray(mlp.biases[l], `${name}.biases[${l}]`);
    assertShape(mlp.weights[l] as FloatArray, [nOut, nIn], `${name}.weights[${l}]`);
    assertShape(mlp.biases[l] as FloatArray, [nOut], `${name}.biases[${l}]`);
    assertFinite(mlp.weights[l] as FloatArray, `${name}.weights[${l}]`);
    assertFinite(mlp.biases[l] as FloatArray, `${name}.biases[${l}]`);
  }
}

/**
 * Throws unless `x` is a Float32Array or Float64Array.
 *
 * @example
 * checkFloatArray(new Float32Array(3), 'w') // ok
 */
export function checkFloatArray(x: unknown, name: string): asserts x is FloatArray {
  if (!(x instanceof Float32Array) && !(x instanceof Float64Array)) {
    throw new GeoError('BAD_TYPE', `${name} must be a Float32Array or Float64Array, got ${describe(x)}`, {
      argument: name,
      expected: 'Float32Array | Float64Array',
      actual: describe(x),
    });
  }
}


/** Applies `activation` in place. leaky_relu uses PyTorch's default slope 0.01; gelu is the exact erf form. */
function activate(x: Float64Array, activation: Activation): void {
  switch (activation) {
    case 'identity':
      return;
    case 'relu':
      for (let i = 0; i < x.length; i++) x[i] = Math.max(0, x[i] as number);
      return;
    case 'leaky_relu':
      for (let i = 0; i < x.length; i++) {
        const v = x[i] as number;
        x[i] = v >= 0 ? v : 0.01 * v;
      }
      return;
    case 'tanh':
      for (let i = 0; i < x.length; i++) x[i] = Math.tanh(x[i] as number);
      return;
    case 'sigmoid':
      for (let i = 0; i < x.length; i++) x[i] = 1 / (1 + Math.exp(-(x[i] as number)));
      return;
    case 'sin':
      for (let i = 0; i < x.length; i++) x[i] = Math.sin(x[i] as number);
      return;
    case 'gelu':
      for (let i = 0; i < x.length; i++) {
        const v = x[i] as number;
        x[i] = 0.5 * v * erfc(-v / Math.SQRT2); // = v Phi(v)
      }
      return;
    case 'softplus':
      for (let i = 0; i < x.length; i++) {
        const v = x[i] as number;
        x[i] = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
      }
      return;
  }
}

/**
 * erfc to ~1e-13 relative: 1 - (Maclaurin series of erf) below 2.5, the Laplace continued
 * fraction above, and erfc(-z) = 2 - erfc(z), so GELU's far negative tail keeps its digits.
 */
function erfc(z: number): number {
  if (z < 0) return 2 - erfc(-z);
  if (z < 2.5) {
    // erf z = 2/sqrt(pi) sum_n (-1)^n z^(2n+1) / (n! (2n+1))
    let term = z;
    let sum = z;
    const z2 = z * z;
    for (let n = 1; n < 200; n++) {
      term *= -z2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - sum * (2 / Math.sqrt(Math.PI));
  }
  if (z > 27) return 0; // below the smallest double
  // erfc z = exp(-z^2)/sqrt(pi) / (z + (1/2)/(z + 1/(z + (3/2)/(z + ...)))), evaluated bottom-up.
  let f = z;
  for (let k = 80; k >= 1; k--) f = z + k / 2 / f;
  return Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
}

/**
 * Evaluates the MLP on a batch: `x` is row-major `batch x sizes[0]`, the result is
 * `batch x sizes[L]` in float64. Hidden layers apply the activation, the last layer is
 * affine (a SIREN's omega_0 is assumed folded into its weights, as in the zoo files).
 *
 * @example
 * const mlp = { sizes: [1, 1], activation: 'relu', weights: [new Float64Array([2])], biases: [new Float64Array([1])] };
 * mlpForward(mlp, [3]) // Float64Array [7]
 */
export function mlpForward(mlp: Mlp, x: ArrayLike<number>, out?: Float64Array): Float64Array {
  validateMlp(mlp);
  assertArrayLike(x, 'x');
  assertFinite(x, 'x');
  const nIn = mlp.sizes[0] as number;
  if (x.length % nIn !== 0) {
    throw new GeoError('BAD_SHAPE', `x must hold whole rows of ${nIn} inputs, got ${x.length} values`, { argument: 'x', actual: x.length });
  }
  const batch = x.length / nIn;
  const L = mlp.sizes.length - 1;
  let h = Float64Array.from(x);
  for (let l = 0; l < L; l++) {
    const a = mlp.sizes[l] as number;
    const b = mlp.sizes[l + 1] as number;
    const W = mlp.weights[l] as FloatArray;
    const bias = mlp.biases[l] as FloatArray;
    const next = new Float64Array(batch * b);
    for (let s = 0; s < batch; s++) {
      for (let i = 0; i < b; i++) {
        let acc = bias[i] as number;
        const row = i * a;
        for (let j = 0; j < a; j++) acc += (W[row + j] as number) * (h[s * a + j] as number);
        next[s * b + i] = acc;
      }
    }
    if (l < L - 1) activate(next, mlp.activation);
    h = next;
  }
  const nOut = mlp.sizes[L] as number;
  if (out !== undefined) {
    assertShape(out, [batch * nOut], 'out');
    out.set(h);
    return out;
  }
  return h;
}

/**
 * Relabels the hidden neurons: in hidden layer h (1-based layer index, 1 <= h < L), new
 * neuron i is old neuron `perms[h-1][i]`. Rows of W_{h-1}, entries of b_{h-1} and columns
 * of W_h move together, so the function computed is unchanged. Storage types are kept.
 *
 * @example
 * const q = permuteHidden(mlp, [Int32Array.from([1, 0])]); // swap the two neurons of a 1-2-1 MLP
 * mlpForward(q, [0.5]) // same as mlpForward(mlp, [0.5])
 */
export function permuteHidden(mlp: Mlp, perms: readonly ArrayLike<number>[]): Mlp {
  validateMlp(mlp);
  const L = mlp.sizes.length - 1;
  if (!Array.isArray(perms) || perms.length !== L - 1) {
    throw new GeoError('BAD_LENGTH', `perms must hold one permutation per hidden layer (${L - 1})`, {
      argument: 'perms',
      expected: L - 1,
      actual: Array.isArray(perms) ? perms.length : describe(perms),
    });
  }
  perms.forEach((p, h) => assertPermutation(p, mlp.sizes[h + 1] as number, `perms[${h}]`));
  const weights = mlp.weights.map((w) => w.slice());
  const biases = mlp.biases.map((b) => b.slice());
  for (let h = 1; h < L; h++) {
    const p = perms[h - 1] as ArrayLike<number>;
    const n = mlp.sizes[h] as number;
    const nPrev = mlp.sizes[h - 1] as number;
    const nNext = mlp.sizes[h + 1] as number;
    // Work on the current copies: layer h's rows may already have been permuted as layer h-1's columns.
    const newIn = weights[h - 1] as FloatArray;
    const newB = biases[h - 1] as FloatArray;
    const newOut = weights[h] as FloatArray;
    const rows = newIn.slice();
    const bs = newB.slice();
    for (let i = 0; i < n; i++) {
      const old = p[i] as number;
      newIn.set(rows.subarray(old * nPrev, (old + 1) * nPrev), i * nPrev);
      newB[i] = bs[old] as number;
    }
    const cols = newOut.slice();
    for (let r = 0; r < nNext; r++) {
      for (let i = 0; i < n; i++) newOut[r * n + i] = cols[r * n + (p[i] as number)] as number;
    }
  }
  return { sizes: [...mlp.sizes], activation: mlp.activation, weights, biases };
}

/**
 * Throws a GeoError naming `name` unless `p` is a permutation of 0..n-1.
 *
 * @example
 * assertPermutation([2, 0, 1], 3, 'perm') // ok
 */
export function assertPermutation(p: ArrayLike<number>, n: number, name: string): void {
  assertArrayLike(p, name);
  if (p.length !== n) {
    throw new GeoError('BAD_LENGTH', `${name} must be a permutation of 0..${n - 1}, got length ${p.length}`, {
      argument: name,
      expected: n,
      actual: p.length,
    });
  }
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = p[i] as number;
    if (!Number.isInteger(v) || v < 0 || v >= n || seen[v] === 1) {
      throw new GeoError('OUT_OF_DOMAIN', `${name} is not a permutation of 0..${n - 1} (entry ${i} is ${describe(v)})`, {
        argument: `${name}[${i}]`,
        actual: v,
      });
    }
    seen[v] = 1;
  }
}
