// The Poincaré-ball operations on tfjs tensors: points and vectors along the last axis,
// leading axes broadcast, float32, gradients finite everywhere inside the ball.
import * as tf from '@tensorflow/tfjs-core';
import { GeoError } from '@geo/core';
import { TF_MIN_GAP, TF_PROJECT_EPS, asinhc, atanhc, clampedNorm, dotLast, gap, sqnorm, tanhc } from './numeric.js';
import { checkCurvature } from '../validate.js';

function checkPositiveC(c: number): void {
  checkCurvature(c);
}

/**
 * Projects onto the ball of radius (1 - eps)/sqrt(c) (float32 margin by default).
 *
 * @example
 * project(tf.tensor2d([[3, 4]]), 1) // [[0.599994, 0.799992]]
 */
export function project(x: tf.Tensor, c: number, eps = TF_PROJECT_EPS): tf.Tensor {
  checkPositiveC(c);
  return tf.tidy(() => {
    const maxr = (1 - eps) / Math.sqrt(c);
    const n = clampedNorm(x);
    return tf.mul(x, tf.minimum(1, tf.div(maxr, n)));
  });
}

/**
 * lambda_x = 2 / (1 - c|x|^2), with a kept last axis of size 1.
 *
 * @example
 * conformalFactor(tf.tensor1d([0.5, 0]), 1) // [2.6666667]
 */
export function conformalFactor(x: tf.Tensor, c: number): tf.Tensor {
  checkPositiveC(c);
  return tf.tidy(() => tf.div(2, gap(x, c)));
}

/**
 * <u, v>_x = lambda_x^2 <u, v>, with a kept last axis of size 1.
 *
 * @example
 * inner(tf.zeros([2]), tf.tensor1d([1, 0]), tf.tensor1d([1, 0]), 1) // [4]
 */
export function inner(x: tf.Tensor, u: tf.Tensor, v: tf.Tensor, c: number): tf.Tensor {
  checkPositiveC(c);
  return tf.tidy(() => tf.mul(tf.square(tf.div(2, gap(x, c))), dotLast(u, v)));
}

/** x ⊕ y from the gaps, in the cancellation-free form of the root face. */
function addWithGaps(x: tf.Tensor, gx: tf.Tensor, y: tf.Tensor, gy: tf.Tensor, c: number): tf.Tensor {
  const w = tf.add(x, y);
  const cw2 = tf.mul(c, sqnorm(w));
  const den = tf.maximum(tf.add(tf.mul(gx, gy), cw2), 1e-30);
  return tf.div(tf.add(tf.mul(gx, w), tf.mul(cw2, x)), den);
}

/**
 * Möbius addition x ⊕ y (broadcasting), projected inside.
 *
 * @example
 * mobiusAdd(tf.tensor1d([0.1, 0]), tf.tensor1d([0.2, 0]), 1) // [0.2941176, 0]
 */
export function mobiusAdd(x: tf.Tensor, y: tf.Tensor, c: number): tf.Tensor {
  checkPositiveC(c);
  return tf.tidy(() => project(addWithGaps(x, gap(x, c), y, gap(y, c), c), c));
}

/**
 * Möbius scalar multiplication r ⊗ x; r a number or a tensor broadcasting against x's leading axes (with a last axis of 1).
 *
 * @example
 * mobiusScalar(2, tf.tensor1d([0.5, 0]), 1) // [0.8, 0]
 */
export function mobiusScalar(r: number | tf.Tensor, x: tf.Tensor, c: number): tf.Tensor {
  checkPositiveC(c);
  return tf.tidy(() => {
    const s = Math.sqrt(c);
    const z = tf.mul(s, clampedNorm(x));
    const ac = atanhc(z);
    const t = tf.mul(tf.mul(r, z), ac);
    // r tanhc(t) atanhc(z) x: no 0/0 as |x| -> 0
    return project(tf.mul(tf.mul(tf.mul(r, tanhc(t)), ac), x), c);
  });
}

/**
 * Möbius matrix-vector product M ⊗ x = exp_0(M log_0 x) for a (rows x cols) matrix m and x (..., cols).
 *
 * @example
 * mobiusMatvec(tf.tensor2d([[2, 0], [0, 2]]), tf.tensor1d([0.5, 0]), 1) // [0.8, 0]
 */
export function mobiusMatvec(m: tf.Tensor, x: tf.Tensor, c: number): tf.Tensor {
  checkPositiveC(c);
  if (m.rank !== 2) throw new GeoError('BAD_SHAPE', `m must be a (rows x cols) matrix, got rank ${m.rank}`, { argument: 'm', expected: 2, actual: m.rank });
  return tf.tidy(() => {
    const s = Math.sqrt(c);
    const cols = m.shape[1] as number;
    const lead = x.shape.slice(0, -1);
    const mx = tf.reshape(tf.matMul(tf.reshape(x, [-1, cols]), m, false, true), [...lead, m.shape[0] as number]);
    const nx = clampedNorm(x);
    const nmx = clampedNorm(mx);
    const ac = atanhc(tf.mul(s, nx));
    const t = tf.mul(tf.mul(s, nmx), ac);
    return project(tf.mul(tf.mul(tanhc(t), ac), mx), c);
  });
}

/**
 * Geodesic distance (2/sqrt(c)) asinh(sqrt(c)|x - y| / sqrt(g_x g_y)), with a kept last axis of size 1.
 * Needs no artanh, so it is finite and differentiable up to the float32 boundary.
 *
 * @example
 * dist(tf.zeros([2]), tf.tensor1d([0.5, 0]), 1) // [1.0986123]
 */
export function dist(x: tf.Tensor, y: tf.Tensor, c: number): tf.Tensor {
  checkPositiveC(c);
  return tf.tidy(() => {
    const s = Math.sqrt(c);
    const q = tf.div(tf.mul(s, clampedNorm(tf.sub(x, y))), tf.sqrt(tf.mul(gap(x, c), gap(y, c))));
    return tf.mul(2 / s, tf.asinh(q));
  });
}

/**
 * exp_x(v) = x ⊕ tanh(sqrt(c)|v|/g_x) v/(sqrt(c)|v|), projected inside.
 *
 * @example
 * expmap(tf.zeros([2]), tf.tensor1d([0.5, 0]), 1) // [0.4621172, 0]
 */
export function expmap(x: tf.Tensor, v: tf.Tensor, c: number): tf.Tensor {
  checkPositiveC(c);
  return tf.tidy(() => {
    const s = Math.sqrt(c);
    const gx = gap(x, c);
    const sv = tf.mul(s, clampedNorm(v));
    const t = tf.div(sv, gx);
    const th = tf.tanh(t);
    const u = tf.mul(tf.div(tanhc(t), gx), v);
    const gu = tf.maximum(tf.sub(1, tf.square(th)), 0);
    return project(addWithGaps(x, gx, u, gu, c), c);
  });
}

/**
 * log_x(y) = asinhc(q) (g_x (y - x) - c|y - x|^2 x) / (g_y sqrt(1 + q^2)), q = sqrt(c)|y-x|/sqrt(g_x g_y).
 *
 * @example
 * logmap(tf.zeros([2]), tf.tensor1d([0.4621172, 0]), 1) // [0.5, 0]
 */
export function logmap(x: tf.Tensor, y: tf.Tensor, c: number): tf.Tensor {
  checkPositiveC(c);
  return tf.tidy(() => {
    const s = Math.sqrt(c);
    const gx = gap(x, c);
    const gy = gap(y, c);
    const delta = tf.sub(y, x);
    const nd = clampedNorm(delta);
    const q = tf.div(tf.mul(s, nd), tf.sqrt(tf.mul(gx, gy)));
    const f = tf.div(asinhc(q), tf.mul(gy, tf.sqrt(tf.add(1, tf.square(q)))));
    return tf.mul(f, tf.sub(tf.mul(gx, delta), tf.mul(tf.mul(c, tf.square(nd)), x)));
  });
}

/**
 * exp_0(v) = tanh(sqrt(c)|v|) v / (sqrt(c)|v|).
 *
 * @example
 * expmap0(tf.tensor1d([1, 0]), 1) // [0.7615942, 0]
 */
export function expmap0(v: tf.Tensor, c: number): tf.Tensor {
  checkPositiveC(c);
  return tf.tidy(() => {
    const sv = tf.mul(Math.sqrt(c), clampedNorm(v));
    return project(tf.mul(tanhc(sv), v), c);
  });
}

/**
 * log_0(y) = artanh(sqrt(c)|y|) y / (sqrt(c)|y|), the argument clamped below 1.
 *
 * @example
 * logmap0(tf.tensor1d([0.5, 0]), 1) // [0.5493061, 0]
 */
export function logmap0(y: tf.Tensor, c: number): tf.Tensor {
  checkPositiveC(c);
  return tf.tidy(() => {
    const z = tf.mul(Math.sqrt(c), clampedNorm(y));
    return tf.mul(atanhc(z), y);
  });
}

/** gyr[u, v] w * scale in the root face's form, with s = u + v. */
function gyr(u: tf.Tensor, v: tf.Tensor, w: tf.Tensor, gu: tf.Tensor, gv: tf.Tensor, c: number): tf.Tensor {
  const s = tf.add(u, v);
  const s2 = sqnorm(s);
  const sv = dotLast(s, v);
  const sw = dotLast(s, w);
  const vw = dotLast(v, w);
  const v2 = sqnorm(v);
  const c2 = c * c;
  const den = tf.maximum(tf.add(tf.mul(gu, gv), tf.mul(c, s2)), 1e-30);
  const A = tf.add(tf.mul(c, tf.mul(vw, gv)), tf.mul(c2, tf.sub(tf.mul(2, tf.mul(sv, vw)), tf.mul(sw, v2))));
  const B = tf.add(tf.mul(c, tf.mul(sw, gv)), tf.mul(c2, tf.mul(vw, s2)));
  return tf.add(w, tf.div(tf.mul(2, tf.sub(tf.mul(A, s), tf.mul(B, v))), den));
}

/**
 * The gyration gyr[u, v] w.
 *
 * @example
 * gyration(tf.tensor1d([0.3, 0]), tf.tensor1d([0, 0.4]), tf.tensor1d([1, 0]), 1)
 */
export function gyration(u: tf.Tensor, v: tf.Tensor, w: tf.Tensor, c: number): tf.Tensor {
  checkPositiveC(c);
  return tf.tidy(() => gyr(u, v, w, gap(u, c), gap(v, c), c));
}

/**
 * Parallel transport PT_{x->y}(v) = gyr[y, -x] v g_y / g_x.
 *
 * @example
 * transp(tf.zeros([2]), tf.tensor1d([0.5, 0]), tf.tensor1d([1, 0]), 1) // [0.75, 0]
 */
export function transp(x: tf.Tensor, y: tf.Tensor, v: tf.Tensor, c: number): tf.Tensor {
  checkPositiveC(c);
  return tf.tidy(() => {
    const gx = gap(x, c);
    const gy = gap(y, c);
    return tf.mul(gyr(y, tf.neg(x), v, gy, gx, c), tf.div(gy, gx));
  });
}

/**
 * Parallel transport from the origin, PT_{0->y}(v) = v (1 - c|y|^2).
 *
 * @example
 * transp0(tf.tensor1d([0.5, 0]), tf.tensor1d([1, 0]), 1) // [0.75, 0]
 */
export function transp0(y: tf.Tensor, v: tf.Tensor, c: number): tf.Tensor {
  checkPositiveC(c);
  return tf.tidy(() => tf.mul(v, gap(y, c)));
}

/**
 * Poincaré -> Klein: 2x / (1 + c|x|^2).
 *
 * @example
 * poincareToKlein(tf.tensor1d([0.5, 0]), 1) // [0.8, 0]
 */
export function poincareToKlein(x: tf.Tensor, c: number): tf.Tensor {
  checkPositiveC(c);
  return tf.tidy(() => tf.div(tf.mul(2, x), tf.add(1, tf.mul(c, sqnorm(x)))));
}

/**
 * Klein -> Poincaré: k / (1 + sqrt(1 - c|k|^2)).
 *
 * @example
 * kleinToPoincare(tf.tensor1d([0.8, 0]), 1) // [0.5, 0]
 */
export function kleinToPoincare(k: tf.Tensor, c: number): tf.Tensor {
  checkPositiveC(c);
  return tf.tidy(() => tf.div(k, tf.add(1, tf.sqrt(tf.maximum(tf.sub(1, tf.mul(c, sqnorm(k))), TF_MIN_GAP * TF_MIN_GAP)))));
}

/**
 * Poincaré -> hyperboloid (time first): [(1 + c|x|^2)/(sqrt(c) g), 2x/g].
 *
 * @example
 * poincareToHyperboloid(tf.zeros([2]), 1) // [1, 0, 0]
 */
export function poincareToHyperboloid(x: tf.Tensor, c: number): tf.Tensor {
  checkPositiveC(c);
  return tf.tidy(() => {
    const g = gap(x, c);
    const h0 = tf.div(tf.add(1, tf.mul(c, sqnorm(x))), tf.mul(Math.sqrt(c), g));
    return tf.concat([h0, tf.div(tf.mul(2, x), g)], -1);
  });
}

/**
 * Hyperboloid (time first) -> Poincaré: h_s / (1 + sqrt(c) h0), projected inside.
 *
 * @example
 * hyperboloidToPoincare(tf.tensor1d([1.25, 0.75, 0]), 1) // [0.3333333, 0]
 */
export function hyperboloidToPoincare(h: tf.Tensor, c: number): tf.Tensor {
  checkPositiveC(c);
  return tf.tidy(() => {
    const d = (h.shape[h.rank - 1] as number) - 1;
    const h0 = tf.slice(h, [...h.shape.slice(0, -1).map(() => 0), 0], [...h.shape.slice(0, -1), 1]);
    const hs = tf.slice(h, [...h.shape.slice(0, -1).map(() => 0), 1], [...h.shape.slice(0, -1), d]);
    return project(tf.div(hs, tf.add(1, tf.mul(Math.sqrt(c), h0))), c);
  });
}

/**
 * Weighted Einstein midpoint over axis -2: points (..., n, d), weights (..., n) or undefined
 * (equal). Through the Klein model with Lorentz factors: sum w lambda x / sum w (lambda - 1), then back.
 *
 * @example
 * einsteinMidpoint(tf.tensor2d([[0.5, 0], [-0.5, 0]]), undefined, 1) // [0, 0]
 */
export function einsteinMidpoint(points: tf.Tensor, weights: tf.Tensor | undefined, c: number): tf.Tensor {
  checkPositiveC(c);
  if (points.rank < 2) throw new GeoError('BAD_SHAPE', `points must have shape (..., n, d), got rank ${points.rank}`, { argument: 'points', expected: '>= 2', actual: points.rank });
  return tf.tidy(() => {
    const g = gap(points, c);
    const lam = tf.div(2, g);
    const w = weights === undefined ? tf.onesLike(lam) : tf.expandDims(weights, -1);
    const num = tf.sum(tf.mul(tf.mul(w, lam), points), -2);
    const den = tf.sum(tf.mul(w, tf.sub(lam, 1)), -2);
    const m = tf.div(num, den);
    const gm = tf.maximum(tf.sub(1, tf.mul(c, sqnorm(m))), TF_MIN_GAP * TF_MIN_GAP);
    return project(tf.div(m, tf.add(1, tf.sqrt(gm))), c);
  });
}

