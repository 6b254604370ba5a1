import { GeoError, assertFinite, assertInteger, assertOneOf, assertPositive } from '@geo/core';
import { choleskyInPlace, choleskySolveInPlace, symmetricEigen } from './linalg.js';
import type { MetricBatch } from './metric.js';
import { checkOut } from './mlp.js';

/** How to take log det g: eigenvalues (Jacobi), Cholesky, or `auto` (eigenvalues up to d = 8). */
export type LogDetMethod = 'auto' | 'eigen' | 'cholesky';

export interface VolumeElementOptions {
  /**
   * g counts as singular when lambda_min <= rtol * lambda_max. Default d * 8 * eps: the
   * eigenvalues of a computed g are only known to about eps * |g|.
   */
  readonly rtol?: number;
  readonly method?: LogDetMethod;
  /** Receives the values (length `count`). */
  readonly out?: Float64Array;
}

/** Per-point values with a flag for metrics that are singular to working precision. */
export interface VolumeElementResult {
  /** log sqrt(det g) (or sqrt(det g)); -Infinity (0) when g has a non-positive eigenvalue. */
  readonly values: Float64Array;
  /** 1 where g is singular to working precision: the value is then not meaningful. */
  readonly singular: Uint8Array;
  /** How many points are flagged. */
  readonly singularCount: number;
}

const EPS = 2.220446049250313e-16;
const AUTO_EIGEN_MAX_DIM = 8; // measured: Jacobi 12 ms vs Cholesky 4.8 ms for 64 metrics at d = 16
const POWER_ITERATIONS = 30;

/** Checks a MetricBatch (finite, shapes consistent). */
export function assertMetricBatch(g: MetricBatch, name = 'g'): void {
  if (typeof g !== 'object' || g === null || !(g.data instanceof Float64Array)) {
    throw new GeoError('BAD_TYPE', `${name} must be { data: Float64Array, count, dim }`, { argument: name });
  }
  assertInteger(g.dim, `${name}.dim`, { min: 1 });
  assertInteger(g.count, `${name}.count`, { min: 0 });
  if (g.data.length !== g.count * g.dim * g.dim) {
    throw new GeoError('BAD_SHAPE', `${name}.data must hold count * dim * dim = ${g.count * g.dim * g.dim} entries, got ${g.data.length}`, {
      argument: `${name}.data`,
      expected: [g.count, g.dim, g.dim],
      actual: g.data.length,
    });
  }
  assertFinite(g.data, `${name}.data`);
}

/**
 * Half the log-determinant of each metric, log sqrt(det g), without overflow for large d
 * and with a flag where g is singular to working precision.
 *
 * `eigen`: Jacobi eigenvalues, log sqrt det = 1/2 sum log lambda_i; the flag compares
 * lambda_min with lambda_max directly. `cholesky`: 2 sum log L_ii (O(d^3 / 3)); a failed
 * factorisation falls back to eigenvalues, and lambda_min / lambda_max is estimated by
 * inverse and direct power iteration on the factor. Non-symmetric input is refused.
 *
 * @example
 * logVolumeElement({ data: Float64Array.of(4, 0, 0, 9), count: 1, dim: 2 }).values // [log 6]
 */
export function logVolumeElement(g: MetricBatch, options: VolumeElementOptions = {}): VolumeElementResult {
  assertMetricBatch(g);
  const d = g.dim;
  const method = options.method ?? 'auto';
  assertOneOf(method, ['auto', 'eigen', 'cholesky'], 'options.method');
  const rtol = options.rtol ?? d * 8 * EPS;
  assertPositive(rtol, 'options.rtol');
  const values = checkOut(options.out, g.count, 'options.out');
  const singular = new Uint8Array(g.count);
  const useEigen = method === 'eigen' || (method === 'auto' && d <= AUTO_EIGEN_MAX_DIM);
  const work = new Float64Array(d * d);
  const lambda = new Float64Array(d);
  const v = new Float64Array(d);
  const w = new Float64Array(d);
  let singularCount = 0;
  for (let p = 0; p < g.count; p++) {
    const off = p * d * d;
    assertSymmetric(g.data, off, d, p);
    let value: number;
    let flag: boolean;
    const viaEigen = (): void => {
      symmetricEigen(g.data, off, d, lambda, 0, work);
      const lmax = lambda[d - 1] as number;
      const lmin = lambda[0] as number;
      flag = !(lmin > rtol * lmax) || !(lmax > 0);
      let s = 0;
      for (let i = 0; i < d; i++) s += (lambda[i] as number) > 0 ? Math.log(lambda[i] as number) : -Infinity;
      value = 0.5 * s;
    };
    if (useEigen) viaEigen();
    else {
      for (let i = 0; i < d * d; i++) work[i] = g.data[off + i] as number;
      const minPivot = choleskyInPlace(work, d);
      if (!(minPivot > 0)) viaEigen();
      else {
        let s = 0;
        for (let i = 0; i < d; i++) s += Math.log(work[i * d + i] as number);
        value = s;
        flag = conditionRatio(g.data, off, d, work, v, w) <= rtol;
      }
    }
    values[p] = value!;
    singular[p] = flag! ? 1 : 0;
    if (flag!) singularCount++;
  }
  return { values, singular, singularCount };
}

/**
 * The volume element sqrt(det g) of each metric, computed as exp of `logVolumeElement` so
 * that it is 0 or Infinity (never NaN) when it under- or overflows; the same singular flag.
 *
 * @example
 * volumeElement({ data: Float64Array.of(4, 0, 0, 9), count: 1, dim: 2 }).values // [6]
 */
export function volumeElement(g: MetricBatch, options: VolumeElementOptions = {}): VolumeElementResult {
  const r = logVolumeElement(g, options);
  for (let i = 0; i < r.values.length; i++) r.values[i] = Math.exp(r.values[i] as number);
  return r;
}

/**
 * The eigenvalues of each metric, ascending, row-major `count x dim` (Jacobi rotations,
 * float64). Their square roots are the local stretch factors of the map.
 *
 * @example
 * metricEigenvalues({ data: Float64Array.of(2, 1, 1, 2), count: 1, dim: 2 }) // [1, 3]
 */
export function metricEigenvalues(g: MetricBatch, out?: Float64Array): Float64Array {
  assertMetricBatch(g);
  const d = g.dim;
  const result = checkOut(out, g.count * d, 'out');
  const work = new Float64Array(d * d);
  for (let p = 0; p < g.count; p++) {
    assertSymmetric(g.data, p * d * d, d, p);
    symmetricEigen(g.data, p * d * d, d, result, p * d, work);
  }
  return result;
}

/** Refuses a block that is not symmetric to rounding. */
function assertSymmetric(a: Float64Array, off: number, d: number, p: number): void {
  for (let i = 0; i < d; i++) {
    for (let j = i + 1; j < d; j++) {
      const x = a[off + i * d + j] as number;
      const y = a[off + j * d + i] as number;
      const scale = Math.abs(a[off + i * d + i] as number) + Math.abs(a[off + j * d + j] as number);
      if (Math.abs(x - y) > 1e-12 * scale + 1e-300) {
        throw new GeoError('OUT_OF_DOMAIN', `g[${p}] is not symmetric: entry (${i}, ${j}) is ${x}, entry (${j}, ${i}) is ${y}`, {
          argument: 'g.data',
          expected: 'symmetric metrics',
          actual: [x, y],
        });
      }
    }
  }
}

/**
 * Estimates lambda_min / lambda_max of the block from its Cholesky factor `l`: power
 * iteration with g for lambda_max and inverse iteration (solves with L L^T) for lambda_min.
 */
function conditionRatio(a: Float64Array, off: number, d: number, l: Float64Array, v: Float64Array, w: Float64Array): number {
  // A fixed, non-symmetric start so no eigenvector is missed by symmetry.
  for (let i = 0; i < d; i++) v[i] = 1 + i / (d + 1);
  let lmax = 0;
  for (let it = 0; it < POWER_ITERATIONS; it++) {
    let norm = 0;
    for (let i = 0; i < d; i++) norm += (v[i] as number) ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < d; i++) v[i] = (v[i] as number) / norm;
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (a[off + i * d + j] as number) * (v[j] as number);
      w[i] = s;
    }
    let rq = 0;
    for (let i = 0; i < d; i++) rq += (v[i] as number) * (w[i] as number);
    lmax = Math.max(lmax, rq);
    v.set(w);
  }
  for (let i = 0; i < d; i++) v[i] = 1 - i / (d + 1);
  let invMax = 0;
  for (let it = 0; it < POWER_ITERATIONS; it++) {
    let norm = 0;
    for (let i = 0; i < d; i++) norm += (v[i] as number) ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < d; i++) v[i] = (v[i] as number) / norm;
    w.set(v);
    choleskySolveInPlace(l, d, w);
    let rq = 0;
    for (let i = 0; i < d; i++) rq += (v[i] as number) * (w[i] as number);
    invMax = Math.max(invMax, rq);
    v.set(w);
  }
  return 1 / (invMax * lmax);
}
