import { GeoError, assertInRange } from '@geo/core';
import { toSquare } from './input.js';
import type { SquareInput } from './input.js';

/** A row-stochastic diffusion operator together with what its spectral uses need. */
export interface DiffusionOperator {
  readonly n: number;
  /** P = D^-1 K, row-major n x n; every row sums to 1. */
  readonly P: Float64Array;
  /** Degrees d_i = sum_j K_ij (after any anisotropic normalisation). */
  readonly degrees: Float64Array;
  /** Stationary distribution pi = d / sum(d): pi P = pi. */
  readonly pi: Float64Array;
  /** The symmetric conjugate A = D^1/2 P D^-1/2 = D^-1/2 K D^-1/2 (same eigenvalues as P). */
  readonly symmetric: Float64Array;
}

export interface DiffusionOperatorOptions {
  /**
   * Anisotropy a in [0, 1] (Coifman and Lafon 2006): K_ij / (q_i q_j)^a with q the row sums of K.
   * 0 (default) keeps the graph Laplacian normalisation, 1 removes the density (Laplace-Beltrami).
   */
  readonly anisotropy?: number;
}

/** Internal: builds the operator from a validated symmetric non-negative kernel (copied). */
export function operatorFromKernel(K: Float64Array, n: number, anisotropy = 0): DiffusionOperator {
  let W = K;
  if (anisotropy !== 0) {
    const q = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += K[i * n + j] as number;
      q[i] = Math.pow(s, anisotropy);
    }
    W = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) W[i * n + j] = (K[i * n + j] as number) / ((q[i] as number) * (q[j] as number));
  }
  const degrees = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += W[i * n + j] as number;
    if (!(s > 0)) {
      throw new GeoError('OUT_OF_DOMAIN', `row ${i} of the kernel sums to ${s}: an isolated point has no diffusion`, { argument: 'K', expected: 'positive row sums', actual: s });
    }
    degrees[i] = s;
    total += s;
  }
  const P = new Float64Array(n * n);
  const A = new Float64Array(n * n);
  const rootD = degrees.map(Math.sqrt);
  for (let i = 0; i < n; i++) {
    const di = degrees[i] as number;
    for (let j = 0; j < n; j++) {
      const w = W[i * n + j] as number;
      P[i * n + j] = w / di;
      A[i * n + j] = w / ((rootD[i] as number) * (rootD[j] as number));
    }
  }
  // Exact symmetry of A so eigensolvers see a symmetric matrix bit for bit.
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) A[j * n + i] = A[i * n + j] as number;
  const pi = degrees.map((d) => d / total);
  return { n, P, degrees, pi, symmetric: A };
}

/** Checks a kernel matrix: square, finite, non-negative, symmetric (1e-10 relative). */
export function checkKernel(K: SquareInput, name: string): { data: Float64Array; n: number } {
  const { data, n } = toSquare(K, name);
  let maxAbs = 0;
  for (let i = 0; i < n * n; i++) {
    const v = data[i] as number;
    if (v < 0) throw new GeoError('OUT_OF_DOMAIN', `${name} must be non-negative: entry ${i} is ${v}`, { argument: name, expected: '>= 0', actual: v });
    if (v > maxAbs) maxAbs = v;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const gap = Math.abs((data[i * n + j] as number) - (data[j * n + i] as number));
      if (gap > 1e-10 * maxAbs) {
        throw new GeoError('OUT_OF_DOMAIN', `${name} must be symmetric: ${name}[${i}][${j}] - ${name}[${j}][${i}] = ${gap}`, { argument: name, expected: 'symmetric', actual: gap });
      }
    }
  }
  return { data, n };
}

/**
 * The diffusion operator P = Q^-1 W of a symmetric affinity matrix W (Coifman and Lafon 2006):
 * Q is the diagonal of row sums, so P is row-stochastic, reversible, with stationary
 * distribution pi = d / sum(d). Returns P with its degrees, pi and symmetric conjugate.
 *
 * @example
 * const op = diffusionOperator(gaussianKernel(X, { sigma: 0.5 }));
 * op.P  // rows sum to 1
 * op.pi // pi P = pi
 */
export function diffusionOperator(K: SquareInput, options: DiffusionOperatorOptions = {}): DiffusionOperator {
  const { data, n } = checkKernel(K, 'K');
  const a = options.anisotropy ?? 0;
  assertInRange(a, 'options.anisotropy', { min: 0, max: 1 });
  return operatorFromKernel(data, n, a);
}

/** True for a DiffusionOperator object (as opposed to a bare matrix). */
export function isOperator(x: unknown): x is DiffusionOperator {
  return typeof x === 'object' && x !== null && 'P' in x && 'symmetric' in x && 'pi' in x && 'n' in x;
}

/** Row-sum tolerance when a bare transition matrix is passed. */
const ROW_SUM_TOL = 1e-8;

/**
 * Accepts a DiffusionOperator, or a bare reversible row-stochastic P (array of rows or
 * row-major). For a bare P the symmetric conjugate is A_ij = sqrt(P_ij P_ji) (exact for
 * P = D^-1 K with K symmetric) and pi is recovered from detailed balance,
 * pi_j / pi_i = P_ij / P_ji, each connected component weighted by its size.
 */
export function asOperator(x: DiffusionOperator | SquareInput, name: string): DiffusionOperator {
  if (isOperator(x)) return x;
  const { data: P, n } = toSquare(x, name);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) {
      const v = P[i * n + j] as number;
      if (v < 0) throw new GeoError('OUT_OF_DOMAIN', `${name} must be non-negative: ${name}[${i}][${j}] = ${v}`, { argument: name, expected: '>= 0', actual: v });
      s += v;
    }
    if (Math.abs(s - 1) > ROW_SUM_TOL) {
      throw new GeoError('OUT_OF_DOMAIN', `${name} must be row-stochastic: row ${i} sums to ${s}`, { argument: name, expected: 'rows summing to 1', actual: s });
    }
  }
  // Detailed balance by breadth-first search over the graph of positive entries.
  const w = new Float64Array(n).fill(-1);
  const queue = new Int32Array(n);
  for (let root = 0; root < n; root++) {
    if ((w[root] as number) >= 0) continue;
    w[root] = 1;
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    const members: number[] = [];
    let mass = 0;
    while (head < tail) {
      const i = queue[head++] as number;
      members.push(i);
      mass += w[i] as number;
      for (let j = 0; j < n; j++) {
        const pij = P[i * n + j] as number;
        if (pij === 0 || (w[j] as number) >= 0) continue;
        const pji = P[j * n + i] as number;
        if (pji === 0) throw new GeoError('UNSUPPORTED', `${name} is not reversible: ${name}[${i}][${j}] > 0 but ${name}[${j}][${i}] = 0; pass the kernel to diffusionOperator instead`, { argument: name });
        w[j] = ((w[i] as number) * pij) / pji;
        queue[tail++] = j;
      }
    }
    // Weight each component by its share of points (its true weight is not recoverable from P).
    for (const i of members) w[i] = ((w[i] as number) / mass) * members.length;
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i] as number;
  const pi = w.map((v) => v / total);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const pij = P[i * n + j] as number;
      const pji = P[j * n + i] as number;
      const v = Math.sqrt(pij * pji);
      if (Math.abs(pij * (pi[i] as number) - pji * (pi[j] as number)) > 1e-8 * Math.max(pij * (pi[i] as number), 1e-300)) {
        throw new GeoError('UNSUPPORTED', `${name} is not reversible (detailed balance fails at ${i}, ${j}); pass the kernel to diffusionOperator instead`, { argument: name });
      }
      A[i * n + j] = v;
      A[j * n + i] = v;
    }
  }
  return { n, P, degrees: pi.slice(), pi, symmetric: A };
}
