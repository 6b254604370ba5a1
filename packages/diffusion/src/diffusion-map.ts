import { assertInRange, assertInteger, eigh } from '@geo/core';
import { asOperator } from './diffusion-operator.js';
import type { DiffusionOperator } from './diffusion-operator.js';
import type { SquareInput } from './input.js';
import { fixSign, largestEigenpairs } from './spectrum.js';

export interface DiffusionMapOptions {
  /** Diffusion time t >= 0 (default 1): coordinates are lambda^t psi. */
  readonly t?: number;
  /** Number of non-trivial coordinates (default 2). */
  readonly k?: number;
  /** Seed of the Lanczos start vector for large n (default 0). */
  readonly seed?: number;
}

export interface DiffusionMapResult {
  /** n x k row-major: row i is (lambda_1^t psi_1(i), ..., lambda_k^t psi_k(i)). */
  readonly embedding: Float64Array;
  /** lambda_0 = 1, lambda_1, ..., lambda_k (descending). */
  readonly eigenvalues: Float64Array;
  /** Right eigenvectors psi_0..psi_k of P, n x (k+1), normalised so sum_i pi_i psi(i)^2 = 1. */
  readonly eigenvectors: Float64Array;
  readonly n: number;
  readonly k: number;
}

/** Eigenvalues within this of 1 are treated as the (possibly repeated) top of the spectrum. */
const UNIT_CLUSTER_TOL = 1e-9;

/**
 * Right eigenpairs of P via its symmetric conjugate A = D^1/2 P D^-1/2: psi = v / sqrt(pi),
 * so sum pi psi^2 = 1. The trivial eigenvector is exactly psi_0 = 1; when the graph is
 * disconnected (eigenvalue 1 repeated), the other vectors of that eigenspace are made
 * pi-orthogonal to it. Signs: the entry of largest magnitude is positive.
 */
export function rightEigenpairs(op: DiffusionOperator, m: number, seed = 0): { values: Float64Array; psi: Float64Array } {
  const n = op.n;
  const { values, vectors } = largestEigenpairs(op.symmetric, n, m, seed);
  const sqrtPi = op.pi.map(Math.sqrt);
  // Replace column 0 by sqrt(pi) exactly and re-orthogonalise the unit cluster against it.
  let cluster = 1;
  while (cluster < m && Math.abs((values[cluster] as number) - 1) < UNIT_CLUSTER_TOL) cluster++;
  for (let i = 0; i < n; i++) vectors[i * m] = sqrtPi[i] as number;
  values[0] = 1;
  for (let c = 1; c < cluster; c++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let b = 0; b < c; b++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += (vectors[i * m + b] as number) * (vectors[i * m + c] as number);
        for (let i = 0; i < n; i++) vectors[i * m + c] = (vectors[i * m + c] as number) - dot * (vectors[i * m + b] as number);
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += (vectors[i * m + c] as number) ** 2;
      norm = Math.sqrt(norm);
      for (let i = 0; i < n; i++) vectors[i * m + c] = (vectors[i * m + c] as number) / norm;
    }
  }
  const psi = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const s = sqrtPi[i] as number;
    for (let c = 0; c < m; c++) psi[i * m + c] = (vectors[i * m + c] as number) / s;
  }
  for (let c = 1; c < m; c++) fixSign(psi, n, m, c);
  return { values, psi };
}

/**
 * Diffusion map (Coifman and Lafon 2006): the first k non-trivial right eigenvectors of P,
 * psi_l normalised so sum_i pi_i psi_l(i)^2 = 1, scaled by lambda_l^t. Euclidean distance
 * between rows approximates the diffusion distance at time t.
 *
 * @example
 * const op = diffusionOperator(gaussianKernel(X, { sigma: 1 }));
 * const { embedding } = diffusionMap(op, { t: 3, k: 2 }); // n x 2
 */
export function diffusionMap(P: DiffusionOperator | SquareInput, options: DiffusionMapOptions = {}): DiffusionMapResult {
  const op = asOperator(P, 'P');
  const n = op.n;
  const t = options.t ?? 1;
  assertInRange(t, 'options.t', { min: 0 });
  const k = options.k ?? 2;
  assertInteger(k, 'options.k', { min: 1, max: Math.max(1, n - 1) });
  const m = k + 1;
  const { values, psi } = rightEigenpairs(op, m, options.seed ?? 0);
  const embedding = new Float64Array(n * k);
  for (let c = 1; c < m; c++) {
    const lam = values[c] as number;
    // lambda^t for negative lambda and fractional t is undefined: use sign(lambda) |lambda|^t.
    const scale = Math.sign(lam) * Math.pow(Math.abs(lam), t);
    for (let i = 0; i < n; i++) embedding[i * k + c - 1] = scale * (psi[i * m + c] as number);
  }
  return { embedding, eigenvalues: values, eigenvectors: psi, n, k };
}

/**
 * All pairwise diffusion distances at time t: D_t(i, j)^2 = sum_{l >= 1} lambda_l^{2t}
 * (psi_l(i) - psi_l(j))^2 = sum_k (P^t_ik - P^t_jk)^2 / pi_k over the full spectrum, or over
 * the first `options.k` non-trivial terms (the Euclidean distances of the k-dimensional
 * diffusion map). Sign-free, so well defined when eigenvalues repeat. n x n row-major.
 *
 * @example
 * const D = diffusionDistances(diffusionOperator(K), 2);         // exact
 * const D2 = diffusionDistances(diffusionOperator(K), 2, { k: 2 }); // truncated to 2 terms
 */
export function diffusionDistances(P: DiffusionOperator | SquareInput, t = 1, options: { readonly k?: number } = {}): Float64Array {
  const op = asOperator(P, 'P');
  assertInRange(t, 't', { min: 0 });
  const n = op.n;
  if (options.k !== undefined) {
    const { embedding, k } = diffusionMap(op, { t, k: options.k });
    return embeddingDistances(embedding, n, k);
  }
  const { values, vectors } = eigh(op.symmetric, n, { symmetryTolerance: 1e-8 });
  // Coordinates lambda^t v / sqrt(pi) for every eigenpair; the trivial one is constant, so it cancels.
  const Y = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    const lam = values[c] as number;
    const s = Math.sign(lam) * Math.pow(Math.abs(lam), t);
    for (let i = 0; i < n; i++) Y[i * n + c] = (s * (vectors[i * n + c] as number)) / Math.sqrt(op.pi[i] as number);
  }
  return embeddingDistances(Y, n, n);
}

function embeddingDistances(Y: Float64Array, n: number, k: number): Float64Array {
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let c = 0; c < k; c++) {
        const d = (Y[i * k + c] as number) - (Y[j * k + c] as number);
        s += d * d;
      }
      const v = Math.sqrt(s);
      D[i * n + j] = v;
      D[j * n + i] = v;
    }
  }
  return D;
}
