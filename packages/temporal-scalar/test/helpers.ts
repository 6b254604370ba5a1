import { createRng } from '@geo/core';
import type { MlpWeights } from '../src/index.js';

/** A random MLP with standard-normal weights (seeded). */
export function randomMlp(sizes: readonly number[], seed: number): MlpWeights {
  const rng = createRng(seed).derive('mlp');
  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    weights.push(rng.fillNormal(new Float64Array((sizes[l] as number) * (sizes[l + 1] as number))));
    biases.push(rng.fillNormal(new Float64Array(sizes[l + 1] as number)));
  }
  return { sizes: [...sizes], weights, biases };
}

/** A random orthogonal n x n matrix (product of n Householder reflections of Gaussian vectors). */
export function randomOrthogonal(n: number, seed: number): Float64Array {
  const rng = createRng(seed).derive('orthogonal');
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  for (let r = 0; r < n; r++) {
    const v = rng.fillNormal(new Float64Array(n));
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) v[i] = (v[i] as number) / norm;
    // Q <- Q (I - 2 v v^T)
    for (let i = 0; i < n; i++) {
      let dot = 0;
      for (let k = 0; k < n; k++) dot += (q[i * n + k] as number) * (v[k] as number);
      for (let k = 0; k < n; k++) q[i * n + k] = (q[i * n + k] as number) - 2 * dot * (v[k] as number);
    }
  }
  return q;
}

/** Rows of x (T x P) mapped by x -> Q x + b. */
export function applyIsometry(x: Float64Array, T: number, P: number, q: Float64Array, b: Float64Array): Float64Array {
  const y = new Float64Array(T * P);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < P; i++) {
      let s = b[i] as number;
      for (let k = 0; k < P; k++) s += (q[i * P + k] as number) * (x[t * P + k] as number);
      y[t * P + i] = s;
    }
  }
  return y;
}

/** A random walk of T steps in R^P (seeded): a stand-in for a training trajectory. */
export function randomWalk(T: number, P: number, seed: number, step = 0.1): Float64Array {
  const rng = createRng(seed).derive('walk');
  const x = new Float64Array(T * P);
  for (let t = 1; t < T; t++) for (let k = 0; k < P; k++) x[t * P + k] = (x[(t - 1) * P + k] as number) + step * rng.normal() + 0.02;
  return x;
}

export function maxAbs(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] as number));
  return m;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

/** Range max - min. */
export function spread(x: ArrayLike<number>): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    lo = Math.min(lo, x[i] as number);
    hi = Math.max(hi, x[i] as number);
  }
  return hi - lo;
}

/** Asserts fn throws a GeoError with this code and argument. */
export function geoError(fn: () => unknown): { code: string; argument: string | undefined } {
  try {
    fn();
  } catch (e) {
    const err = e as { name?: string; code?: string; argument?: string };
    if (err.name !== 'GeoError') throw e;
    return { code: err.code as string, argument: err.argument };
  }
  throw new Error('expected a GeoError, nothing was thrown');
}
