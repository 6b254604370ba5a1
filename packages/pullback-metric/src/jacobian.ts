import { GeoError, assertFinite, assertInteger, assertPositive } from '@geo/core';
import { toPoints, type PointsInput } from './points.js';

/** A feature map on plain float64 vectors: one point of dimension d in, n features out. */
export type FeatureFunction = (x: Float64Array) => ArrayLike<number>;

export interface FiniteDifferenceOptions {
  /** Input dimension d (needed when `x` is a flat buffer). */
  readonly inputDim: number;
  /** Relative step; the step along x_mu is `step * max(1, |x_mu|)`. Default 1e-3. */
  readonly step?: number;
}

/** Result of a batched Jacobian: `count x outputDim x inputDim`, row-major. */
export interface JacobianBatch {
  readonly data: Float64Array;
  readonly count: number;
  readonly outputDim: number;
  readonly inputDim: number;
}

/** Calls f and checks its output (length fixed by the first call, finite). */
function evaluate(f: FeatureFunction, x: Float64Array, expected: number | undefined): ArrayLike<number> {
  const y = f(x);
  if (y === null || typeof y !== 'object' || typeof y.length !== 'number') {
    throw new GeoError('BAD_TYPE', 'f must return an array or typed array of numbers', { argument: 'f', actual: typeof y });
  }
  if (expected !== undefined && y.length !== expected) {
    throw new GeoError('BAD_LENGTH', `f returned ${y.length} features at one point and ${expected} at another`, { argument: 'f', expected, actual: y.length });
  }
  assertFinite(y, 'f(x)');
  return y;
}

/**
 * The Jacobian of any feature map on float64 vectors by the sixth-order central
 * difference (-f(x-3h) + 9 f(x-2h) - 45 f(x-h) + 45 f(x+h) - 9 f(x+2h) + f(x+3h)) / 60h:
 * truncation O(h^6), rounding O(eps/h), so with the default h = 1e-3 about 1e-12
 * relative for smooth maps whose derivatives are of order one. It is
 * the independent float64 route the closed forms are tested against, and the fallback
 * for maps that are neither an Mlp nor a tfjs function.
 *
 * @example
 * const J = finiteDifferenceJacobian((x) => [x[0]! * x[1]!], [[2, 3]], { inputDim: 2 });
 * J.data // ~ Float64Array [3, 2]
 */
export function finiteDifferenceJacobian(f: FeatureFunction, x: PointsInput, options: FiniteDifferenceOptions): JacobianBatch {
  if (typeof f !== 'function') throw new GeoError('BAD_TYPE', 'f must be a function of a Float64Array', { argument: 'f' });
  assertInteger(options?.inputDim, 'options.inputDim', { min: 1 });
  const step = options.step ?? 1e-3;
  assertPositive(step, 'options.step');
  const pts = toPoints(x, options.inputDim, 'x');
  const d = pts.dim;
  const probe = new Float64Array(d);
  let n: number | undefined;
  let data = new Float64Array(0);
  for (let p = 0; p < pts.count; p++) {
    const x0 = pts.data.subarray(p * d, (p + 1) * d);
    for (let m = 0; m < d; m++) {
      const h = step * Math.max(1, Math.abs(x0[m] as number));
      const at = (k: number): ArrayLike<number> => {
        probe.set(x0);
        probe[m] = (x0[m] as number) + k * h;
        return evaluate(f, probe, n);
      };
      const fm3 = at(-3);
      if (n === undefined) {
        n = fm3.length;
        data = new Float64Array(pts.count * n * d);
      }
      const fm2 = at(-2);
      const fm1 = at(-1);
      const fp1 = at(1);
      const fp2 = at(2);
      const fp3 = at(3);
      const base = p * n * d;
      for (let i = 0; i < n; i++) {
        const num = -(fm3[i] as number) + 9 * (fm2[i] as number) - 45 * (fm1[i] as number) + 45 * (fp1[i] as number) - 9 * (fp2[i] as number) + (fp3[i] as number);
        data[base + i * d + m] = num / (60 * h);
      }
    }
  }
  return { data, count: pts.count, outputDim: n ?? 0, inputDim: d };
}
