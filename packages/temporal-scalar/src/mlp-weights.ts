import { GeoError, assertArrayLike, assertFinite, assertInteger, assertShape, describe } from '@geo/core';

/**
 * The weights of one MLP snapshot: layer l maps `sizes[l]` inputs to `sizes[l+1]` outputs,
 * `weights[l]` row-major `sizes[l+1] x sizes[l]` (out x in, PyTorch's layout) and `biases[l]`
 * of length `sizes[l+1]`. Structurally the same as `@geo/param-graph`'s `Mlp` (whose
 * `activation` is simply ignored here), so its snapshots can be passed as they are.
 */
export interface MlpWeights {
  readonly sizes: readonly number[];
  readonly weights: readonly ArrayLike<number>[];
  readonly biases: readonly ArrayLike<number>[];
}

/**
 * Number of parameters (weights and biases) of an MLP with these layer sizes.
 *
 * @example
 * parameterCount([784, 32, 10]) // 25450
 */
export function parameterCount(sizes: readonly number[]): number {
  let p = 0;
  for (let l = 0; l + 1 < sizes.length; l++) p += ((sizes[l] as number) + 1) * (sizes[l + 1] as number);
  return p;
}

/** Checks an MlpWeights: sizes (>= 2 positive integers), one weight and bias per layer of the right length, finite values. */
export function validateMlpWeights(mlp: MlpWeights, name = 'mlp'): void {
  if (typeof mlp !== 'object' || mlp === null) {
    throw new GeoError('BAD_TYPE', `${name} must be an object with sizes, weights and biases`, { argument: name, actual: describe(mlp) });
  }
  if (!Array.isArray(mlp.sizes) || mlp.sizes.length < 2) {
    throw new GeoError('BAD_SHAPE', `${name}.sizes must list at least an input and an output size`, { argument: `${name}.sizes`, actual: mlp.sizes });
  }
  mlp.sizes.forEach((n, i) => assertInteger(n, `${name}.sizes[${i}]`, { min: 1 }));
  const L = mlp.sizes.length - 1;
  for (const key of ['weights', 'biases'] as const) {
    if (!Array.isArray(mlp[key]) || mlp[key].length !== L) {
      throw new GeoError('BAD_LENGTH', `${name}.${key} must hold one array per layer (${L})`, {
        argument: `${name}.${key}`,
        expected: L,
        actual: Array.isArray(mlp[key]) ? mlp[key].length : describe(mlp[key]),
      });
    }
  }
  for (let l = 0; l < L; l++) {
    const w = mlp.weights[l] as ArrayLike<number>;
    const b = mlp.biases[l] as ArrayLike<number>;
    assertArrayLike(w, `${name}.weights[${l}]`);
    assertArrayLike(b, `${name}.biases[${l}]`);
    assertShape(w, [mlp.sizes[l + 1] as number, mlp.sizes[l] as number], `${name}.weights[${l}]`);
    assertShape(b, [mlp.sizes[l + 1] as number], `${name}.biases[${l}]`);
    assertFinite(w, `${name}.weights[${l}]`);
    assertFinite(b, `${name}.biases[${l}]`);
  }
}

/** Throws unless two MLPs share their layer sizes. */
export function assertSameArchitecture(a: MlpWeights, b: MlpWeights, nameA: string, nameB: string): void {
  const same = a.sizes.length === b.sizes.length && a.sizes.every((n, i) => n === b.sizes[i]);
  if (!same) {
    throw new GeoError('BAD_SHAPE', `${nameB} has sizes [${b.sizes.join(', ')}], ${nameA} has [${a.sizes.join(', ')}]`, {
      argument: nameB,
      expected: [...a.sizes],
      actual: [...b.sizes],
    });
  }
}

/**
 * The parameter vector theta of an MLP: `weights[0]`, `biases[0]`, `weights[1]`, ... concatenated
 * (float64). The Euclidean distance between snapshots is |theta_t - theta_s|.
 *
 * @example
 * parameterVector({ sizes: [1, 1], weights: [[2]], biases: [[3]] }) // Float64Array [2, 3]
 */
export function parameterVector(mlp: MlpWeights, out?: Float64Array): Float64Array {
  validateMlpWeights(mlp);
  const p = parameterCount(mlp.sizes);
  const theta = out ?? new Float64Array(p);
  if (theta.length !== p) throw new GeoError('BAD_LENGTH', `out must have length ${p}, got ${theta.length}`, { argument: 'out', expected: p, actual: theta.length });
  let o = 0;
  for (let l = 0; l < mlp.weights.length; l++) {
    const w = mlp.weights[l] as ArrayLike<number>;
    for (let i = 0; i < w.length; i++) theta[o++] = w[i] as number;
    const b = mlp.biases[l] as ArrayLike<number>;
    for (let i = 0; i < b.length; i++) theta[o++] = b[i] as number;
  }
  return theta;
}

/**
 * The inverse of `parameterVector`: an MlpWeights (float64) with these sizes from theta.
 *
 * @example
 * mlpFromParameters([1, 1], new Float64Array([2, 3])) // { sizes: [1, 1], weights: [[2]], biases: [[3]] }
 */
export function mlpFromParameters(sizes: readonly number[], theta: ArrayLike<number>): MlpWeights {
  sizes.forEach((n, i) => assertInteger(n, `sizes[${i}]`, { min: 1 }));
  assertShape(theta, [parameterCount(sizes)], 'theta');
  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  let o = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const nIn = sizes[l] as number;
    const nOut = sizes[l + 1] as number;
    weights.push(Float64Array.from({ length: nIn * nOut }, (_, i) => theta[o + i] as number));
    o += nIn * nOut;
    biases.push(Float64Array.from({ length: nOut }, (_, i) => theta[o + i] as number));
    o += nOut;
  }
  return { sizes: [...sizes], weights, biases };
}

/**
 * Relabels hidden neurons: `perms[h]` permutes hidden layer h + 1 (new neuron i is old neuron
 * perms[h][i]). The network computes the same function.
 *
 * @example
 * permuteHiddenUnits(mlp, [Int32Array.from([1, 0])]) // swaps the two hidden neurons of a 1-hidden-layer MLP
 */
export function permuteHiddenUnits(mlp: MlpWeights, perms: readonly ArrayLike<number>[]): MlpWeights {
  validateMlpWeights(mlp);
  const L = mlp.sizes.length - 1;
  if (perms.length !== L - 1) {
    throw new GeoError('BAD_LENGTH', `perms must hold one permutation per hidden layer (${L - 1})`, { argument: 'perms', expected: L - 1, actual: perms.length });
  }
  perms.forEach((p, h) => assertPermutation(p, mlp.sizes[h + 1] as number, `perms[${h}]`));
  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  for (let l = 0; l < L; l++) {
    const nIn = mlp.sizes[l] as number;
    const nOut = mlp.sizes[l + 1] as number;
    const rowPerm = l < L - 1 ? (perms[l] as ArrayLike<number>) : undefined;
    const colPerm = l > 0 ? (perms[l - 1] as ArrayLike<number>) : undefined;
    const w = mlp.weights[l] as ArrayLike<number>;
    const b = mlp.biases[l] as ArrayLike<number>;
    const nw = new Float64Array(nIn * nOut);
    const nb = new Float64Array(nOut);
    for (let i = 0; i < nOut; i++) {
      const si = rowPerm ? (rowPerm[i] as number) : i;
      nb[i] = b[si] as number;
      for (let j = 0; j < nIn; j++) {
        const sj = colPerm ? (colPerm[j] as number) : j;
        nw[i * nIn + j] = w[si * nIn + sj] as number;
      }
    }
    weights.push(nw);
    biases.push(nb);
  }
  return { sizes: [...mlp.sizes], weights, biases };
}

/** Throws unless `p` is a permutation of 0..n-1. */
export function assertPermutation(p: ArrayLike<number>, n: number, name: string): void {
  assertArrayLike(p, name);
  if (p.length !== n) throw new GeoError('BAD_LENGTH', `${name} must have length ${n}, got ${p.length}`, { argument: name, expected: n, actual: p.length });
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = p[i] as number;
    if (!Number.isInteger(v) || v < 0 || v >= n || seen[v]) {
      throw new GeoError('OUT_OF_DOMAIN', `${name} is not a permutation of 0..${n - 1} (entry ${i} is ${v})`, { argument: name, actual: v });
    }
    seen[v] = 1;
  }
}
