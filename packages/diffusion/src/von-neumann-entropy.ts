import { GeoError, assertArrayLike, assertFinite, assertInteger, assertOneOf } from '@geo/core';
import { isOperator } from './diffusion-operator.js';
import type { DiffusionOperator } from './diffusion-operator.js';
import { toSquare } from './input.js';
import type { SquareInput } from './input.js';
import { singularValues } from './singular-values.js';

const MACHINE_EPS = 2 ** -52;

/** Internal: the entropy curve from singular values. Entry j is for the power j + 1. */
export function entropyCurve(s: Float64Array, tMax: number): Float64Array {
  const H = new Float64Array(tMax);
  const p = new Float64Array(s.length);
  for (let j = 0; j < tMax; j++) {
    let total = 0;
    for (let i = 0; i < s.length; i++) {
      const v = Math.pow(s[i] as number, j + 1);
      p[i] = v;
      total += v;
    }
    let h = 0;
    for (let i = 0; i < s.length; i++) {
      // + machine epsilon keeps log finite for vanished values (PHATE's convention).
      const q = (p[i] as number) / total + MACHINE_EPS;
      h -= q * Math.log(q);
    }
    H[j] = h;
  }
  return H;
}

/**
 * The von Neumann entropy of the diffusion operator at times 1..tMax (PHATE, Moon et al. 2019):
 * with s the singular values of P, H(t) = -sum_i p_i ln p_i, p = s^t / sum s^t (+ machine
 * epsilon). Entry j of the result is t = j + 1. It decreases as diffusion removes detail; its
 * knee is PHATE's automatic t.
 *
 * @example
 * const H = vonNeumannEntropy(diffusionOperator(K), 100); // Float64Array(100)
 */
export function vonNeumannEntropy(P: DiffusionOperator | SquareInput, tMax = 100): Float64Array {
  assertInteger(tMax, 'tMax', { min: 1, max: 100000 });
  // Only singular values are used, so a bare P need not be reversible.
  const { data, n } = isOperator(P) ? { data: P.P, n: P.n } : toSquare(P, 'P');
  return entropyCurve(singularValues(data, n), tMax);
}

/** Which line the right segment of the knee fit uses (see `kneePoint`). */
export type KneeVariant = 'phate' | 'symmetric';

/** Least-squares line through (x_i, y_i), i in [from, to), scored by summed |residual| over [sFrom, sTo). */
function lineResidual(y: ArrayLike<number>, from: number, to: number, sFrom: number, sTo: number): number {
  const m = to - from;
  let sx = 0;
  let sy = 0;
  for (let i = from; i < to; i++) {
    sx += i;
    sy += y[i] as number;
  }
  const mx = sx / m;
  const my = sy / m;
  let sxx = 0;
  let sxy = 0;
  for (let i = from; i < to; i++) {
    sxx += (i - mx) * (i - mx);
    sxy += (i - mx) * ((y[i] as number) - my);
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const icpt = my - slope * mx;
  let r = 0;
  for (let i = sFrom; i < sTo; i++) r += Math.abs((y[i] as number) - (icpt + slope * i));
  return r;
}

/**
 * The knee of a curve by two-segment linear regression: the breakpoint b minimising the summed
 * absolute residuals of a least-squares line fitted and scored on [0..b] and one scored on
 * [b..end] (fitted on [b-1..end] in the 'phate' variant, on [b..end] in 'symmetric').
 * PHATE's automatic t is the knee of the von Neumann entropy curve.
 *
 * @example
 * kneePoint(vonNeumannEntropy(op, 100)) // e.g. 8
 */
export function kneePoint(y: ArrayLike<number>, variant: KneeVariant = 'phate'): number {
  assertArrayLike(y, 'y');
  assertFinite(y, 'y');
  assertOneOf(variant, ['phate', 'symmetric'], 'variant');
  const n = y.length;
  if (n < 4) throw new GeoError('BAD_LENGTH', `y needs at least 4 points for a knee, got ${n}`, { argument: 'y', expected: '>= 4', actual: n });
  let best = Infinity;
  let arg = 1;
  for (let b = 1; b < n - 1; b++) {
    const left = lineResidual(y, 0, b + 1, 0, b + 1);
    const right = variant === 'phate' ? lineResidual(y, b - 1, n, b, n) : lineResidual(y, b, n, b, n);
    const total = left + right;
    if (total < best) {
      best = total;
      arg = b;
    }
  }
  return arg;
}
