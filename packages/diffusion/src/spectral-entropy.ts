import { GeoError, assertInRange, assertPositive, eigh } from '@geo/core';
import { asOperator, operatorFromKernel } from './diffusion-operator.js';
import type { DiffusionOperator } from './diffusion-operator.js';
import { distanceMatrixOf } from './distances.js';
import { gaussianFromDistances } from './gaussian-kernel.js';
import { toLabels, toPoints } from './input.js';
import type { PointsInput, SquareInput } from './input.js';

const MACHINE_EPS = 2 ** -52;

export interface SpectralEntropyOptions {
  /** Base of the logarithm (default 2, as in Liao et al. 2023). */
  readonly logBase?: number;
  /** Drop the trivial eigenvalue 1 before normalising (default true). */
  readonly dropTrivial?: boolean;
}

/** Internal: DSE from eigenvalues sorted descending. */
export function entropyOfEigenvalues(values: ArrayLike<number>, t: number, logBase: number, dropTrivial: boolean): number {
  const start = dropTrivial ? 1 : 0;
  let total = 0;
  const w: number[] = [];
  for (let i = start; i < values.length; i++) {
    const v = Math.pow(Math.abs(values[i] as number), t);
    w.push(v);
    total += v;
  }
  if (w.length === 0 || total === 0) return 0;
  const lnBase = Math.log(logBase);
  let h = 0;
  for (const v of w) {
    const p = v / total + MACHINE_EPS;
    h -= p * Math.log(p);
  }
  return h / lnBase;
}

/** Eigenvalues of a reversible P (via its symmetric conjugate), descending. */
export function operatorEigenvalues(op: DiffusionOperator): Float64Array {
  const { values } = eigh(op.symmetric, op.n, { symmetryTolerance: 1e-8 });
  return values.reverse();
}

/**
 * Diffusion spectral entropy (Liao et al. 2023): with lambda_i the eigenvalues of P (sorted
 * descending, the trivial 1 dropped), alpha_i = |lambda_i|^t / sum_j |lambda_j|^t and
 * S_D(P, t) = -sum_i alpha_i log2 alpha_i. Near log2(k) for k well-separated clusters at large t.
 *
 * @example
 * diffusionSpectralEntropy(diffusionOperator(gaussianKernel(X, { sigma: 0.5 })), 1)
 */
export function diffusionSpectralEntropy(P: DiffusionOperator | SquareInput, t = 1, options: SpectralEntropyOptions = {}): number {
  const op = asOperator(P, 'P');
  assertInRange(t, 't', { min: 0 });
  const logBase = options.logBase ?? 2;
  assertPositive(logBase, 'options.logBase');
  if (logBase === 1) throw new GeoError('OUT_OF_RANGE', 'options.logBase must not be 1', { argument: 'options.logBase', actual: 1 });
  return entropyOfEigenvalues(operatorEigenvalues(op), t, logBase, options.dropTrivial ?? true);
}

export interface MutualInformationOptions extends SpectralEntropyOptions {
  /** Gaussian bandwidth of every operator (default 0.5, the paper's). */
  readonly sigma?: number;
  /** Diffusion time (default 1). */
  readonly t?: number;
}

export interface MutualInformationResult {
  /** I_D(Z; Y) = S_D(P_Z, t) - sum_y p(y) S_D(P_{Z|Y=y}, t). */
  readonly mutualInformation: number;
  readonly entropy: number;
  /** sum_y p(y) S_D(P_{Z|Y=y}, t). */
  readonly conditionalEntropy: number;
}

/**
 * Diffusion spectral mutual information (the manifold-of-networks paper, appendix D):
 * I_D(Z; Y) = S_D(P_Z, t) - sum_y p(Y = y) S_D(P_{Z|Y=y}, t), where P_{Z|Y=y} is the diffusion
 * operator (Gaussian kernel, same sigma) built on the points of class y only. Classes with a
 * single point contribute entropy 0.
 *
 * @example
 * const { mutualInformation } = diffusionSpectralMutualInformation(hidden, labels, { sigma: 0.5 });
 */
export function diffusionSpectralMutualInformation(Z: PointsInput, labels: ArrayLike<number>, options: MutualInformationOptions = {}): MutualInformationResult {
  const m = toPoints(Z, 'Z', 2);
  const { codes, count } = toLabels(labels, 'labels', m.rows);
  const sigma = options.sigma ?? 0.5;
  assertPositive(sigma, 'options.sigma');
  const t = options.t ?? 1;
  assertInRange(t, 'options.t', { min: 0 });
  const logBase = options.logBase ?? 2;
  assertPositive(logBase, 'options.logBase');
  const drop = options.dropTrivial ?? true;
  const dseOf = (rows: number[]): number => {
    const n = rows.length;
    if (n < 2) return 0;
    const data = new Float64Array(n * m.cols);
    rows.forEach((r, i) => data.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols));
    const D = distanceMatrixOf({ data, rows: n, cols: m.cols });
    const op = operatorFromKernel(gaussianFromDistances(D, n, sigma, '2sigma2', D), n);
    return entropyOfEigenvalues(operatorEigenvalues(op), t, logBase, drop);
  };
  const all = Array.from({ length: m.rows }, (_, i) => i);
  const entropy = dseOf(all);
  let conditional = 0;
  for (let c = 0; c < count; c++) {
    const members = all.filter((i) => codes[i] === c);
    conditional += (members.length / m.rows) * dseOf(members);
  }
  return { mutualInformation: entropy - conditional, entropy, conditionalEntropy: conditional };
}
