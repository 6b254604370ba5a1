import fc from 'fast-check';
import { createRng } from '@geo/core';
import type { ActivationName } from '../src/index.js';

/** Largest |a_i - b_i| over max(|b|_max, floor): a relative error at the scale of the data. */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-300): number {
  if (a.length !== b.length) return Infinity;
  let scale = floor;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i] as number));
  let err = 0;
  for (let i = 0; i < a.length; i++) err = Math.max(err, Math.abs((a[i] as number) - (b[i] as number)));
  return err / scale;
}

/** Arbitrary seeds for the package's own seeded generators. */
export const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });

/** The smooth activations (C^2), where curvature is defined everywhere. */
export const SMOOTH: readonly ActivationName[] = ['erf', 'tanh', 'sigmoid', 'gelu', 'softplus'];
export const smoothArb = fc.constantFrom(...SMOOTH);

/** `count` points of dimension `d` with coordinates N(0, scale^2), from `seed`. */
export function randomPoints(seed: number, count: number, d: number, scale = 1): Float64Array {
  return createRng(seed).derive('points').fillNormal(new Float64Array(count * d), 0, scale);
}

/** A random d x d orthogonal matrix (Gram-Schmidt on a Gaussian matrix). */
export function randomRotation(seed: number, d: number): Float64Array {
  const q = createRng(seed).derive('rotation').fillNormal(new Float64Array(d * d));
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      let dot = 0;
      for (let k = 0; k < d; k++) dot += (q[i * d + k] as number) * (q[j * d + k] as number);
      for (let k = 0; k < d; k++) q[i * d + k] = (q[i * d + k] as number) - dot * (q[j * d + k] as number);
    }
    let norm = 0;
    for (let k = 0; k < d; k++) norm += (q[i * d + k] as number) ** 2;
    norm = Math.sqrt(norm);
    for (let k = 0; k < d; k++) q[i * d + k] = (q[i * d + k] as number) / norm;
  }
  return q;
}

/** C = A B for row-major square d x d matrices. */
export function matmul(a: ArrayLike<number>, b: ArrayLike<number>, d: number): Float64Array {
  const c = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let k = 0; k < d; k++) for (let j = 0; j < d; j++) c[i * d + j] = (c[i * d + j] as number) + (a[i * d + k] as number) * (b[k * d + j] as number);
  return c;
}

export function transposeSq(a: ArrayLike<number>, d: number): Float64Array {
  const t = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) t[j * d + i] = a[i * d + j] as number;
  return t;
}

/** Determinant by Gaussian elimination with partial pivoting (test oracle). */
export function det(a: ArrayLike<number>, d: number): number {
  const m = Float64Array.from(a);
  let s = 1;
  for (let c = 0; c < d; c++) {
    let piv = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(m[r * d + c] as number) > Math.abs(m[piv * d + c] as number)) piv = r;
    if (m[piv * d + c] === 0) return 0;
    if (piv !== c) {
      for (let k = 0; k < d; k++) [m[c * d + k], m[piv * d + k]] = [m[piv * d + k] as number, m[c * d + k] as number];
      s = -s;
    }
    const p = m[c * d + c] as number;
    s *= p;
    for (let r = c + 1; r < d; r++) {
      const f = (m[r * d + c] as number) / p;
      for (let k = c; k < d; k++) m[r * d + k] = (m[r * d + k] as number) - f * (m[c * d + k] as number);
    }
  }
  return s;
}
