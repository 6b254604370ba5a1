import { assertOneOf, assertPositive } from '@geo/core';
import { distanceMatrixOf } from './distances.js';
import { toPoints, toSquare } from './input.js';
import type { PointsInput, SquareInput } from './input.js';

/** How sigma enters the Gaussian: exp(-d^2/(2 sigma^2)) ('2sigma2', default), exp(-d^2/sigma^2) ('sigma2'), exp(-d^2/sigma) ('eps'). */
export type GaussianForm = '2sigma2' | 'sigma2' | 'eps';

export interface GaussianKernelOptions {
  /** Bandwidth (the manifold-of-networks paper uses 0.5). Required. */
  readonly sigma: number;
  /** How sigma enters the exponent (default '2sigma2'). */
  readonly form?: GaussianForm;
  /** Treat the input as an n x n distance matrix instead of points (default false). */
  readonly precomputed?: boolean;
}

/** Gaussian affinities of a distance matrix, in place into `out` (may alias `dist`). */
export function gaussianFromDistances(dist: Float64Array, n: number, sigma: number, form: GaussianForm, out: Float64Array = new Float64Array(n * n)): Float64Array {
  const scale = form === '2sigma2' ? 2 * sigma * sigma : form === 'sigma2' ? sigma * sigma : sigma;
  for (let i = 0; i < n * n; i++) {
    const d = dist[i] as number;
    out[i] = Math.exp(-(d * d) / scale);
  }
  return out;
}

/**
 * The fully connected Gaussian affinity matrix W_ij = exp(-|x_i - x_j|^2 / (2 sigma^2)),
 * n x n row-major (symmetric, ones on the diagonal).
 *
 * @example
 * const W = gaussianKernel([[0], [1]], { sigma: 0.5 });
 * // Float64Array [1, e^-2, e^-2, 1]
 */
export function gaussianKernel(X: PointsInput | SquareInput, options: GaussianKernelOptions): Float64Array {
  const sigma = options?.sigma;
  assertPositive(sigma, 'options.sigma');
  const form = options.form ?? '2sigma2';
  assertOneOf(form, ['2sigma2', 'sigma2', 'eps'], 'options.form');
  if (options.precomputed === true) {
    const { data, n } = toSquare(X, 'X');
    return gaussianFromDistances(data, n, sigma, form);
  }
  const m = toPoints(X as PointsInput, 'X');
  const d = distanceMatrixOf(m);
  return gaussianFromDistances(d, m.rows, sigma, form, d);
}
