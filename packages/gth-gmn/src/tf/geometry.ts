// The geometry the layers compute in: the Poincaré ball of curvature -c (through
// @geo/poincare/tf), or its c -> 0 limit, where every map below becomes its Euclidean
// counterpart (exp/log = identity, Möbius matvec = matvec, d_c -> 2|x - y|, Einstein
// midpoint -> weighted mean). Both share one architecture, so the Euclidean ablation is
// the same model with the curvature switched off.
import * as tf from '@tensorflow/tfjs-core';
import { dist, expmap, expmap0, logmap0, project, transp0 } from '@geo/poincare/tf';

/** Smallest gap 1 - c|x|^2 and smallest midpoint denominator used (float32-sized). */
const MIN_GAP = 1e-7;
const MIN_DEN = 1e-30;

/** The operations a GTH-GMN layer needs, on points along the last axis. */
export interface TfGeometry {
  readonly kind: 'hyperbolic' | 'euclidean';
  /** Curvature magnitude (0 for Euclidean). */
  readonly c: number;
  expmap0(v: tf.Tensor): tf.Tensor;
  logmap0(x: tf.Tensor): tf.Tensor;
  /** Geodesic distance with a kept last axis of size 1. */
  dist(x: tf.Tensor, y: tf.Tensor): tf.Tensor;
  /** exp_y(PT_{0->y}(b)): adds a Euclidean bias at y. */
  addBias(y: tf.Tensor, b: tf.Tensor): tf.Tensor;
  /** log_x(y), the tangent vector at x pointing to y. */
  logmap(x: tf.Tensor, y: tf.Tensor): tf.Tensor;
  /**
   * log_0((-x) ⊕ y) = (lambda_x / 2) log_x(y): y seen from x, in log_0's units (at x = 0 it
   * is log_0 y; Euclidean: y - x). Smooth at y = x, unlike a norm of log_x(y).
   */
  logFrom(x: tf.Tensor, y: tf.Tensor): tf.Tensor;
  /** The conformal factor lambda_x (its c -> 0 limit 2 in the Euclidean case), kept last axis. */
  lambda(x: tf.Tensor): tf.Tensor;
  /**
   * Midpoint weights of points x: `num` multiplies x in the numerator, `den` is the
   * denominator weight; Klein: gamma k = lambda x and gamma = lambda - 1. Euclidean: 1, 1.
   */
  midpointCoefficients(x: tf.Tensor): { num: tf.Tensor; den: tf.Tensor };
  /** The point from the weighted sums: Klein mean back to the ball (Euclidean: the mean). */
  midpointFromSums(num: tf.Tensor, den: tf.Tensor): tf.Tensor;
}

function sqnorm(x: tf.Tensor): tf.Tensor {
  return tf.sum(tf.square(x), -1, true);
}

/**
 * The Poincaré ball of curvature -c.
 *
 * @example
 * const g = hyperbolicGeometry(1);
 * g.dist(tf.zeros([2]), tf.tensor1d([0.5, 0])) // [1.0986123]
 */
export function hyperbolicGeometry(c: number): TfGeometry {
  const lambda = (x: tf.Tensor): tf.Tensor => tf.div(2, tf.maximum(tf.sub(1, tf.mul(c, sqnorm(x))), MIN_GAP));
  return {
    kind: 'hyperbolic',
    c,
    expmap0: (v) => expmap0(v, c),
    logmap0: (x) => logmap0(x, c),
    dist: (x, y) => dist(x, y, c),
    addBias: (y, b) => expmap(y, transp0(y, b, c), c),
    logmap: (x, y) => {
      // log_x(y) = (2 / (sqrt(c) lambda_x)) artanh(sqrt(c)|w|) w/|w| with w = (-x) ⊕ y, via d_c = |log_x y|_x.
      const w = mobiusAddNeg(x, y, c);
      const nw = tf.sqrt(tf.maximum(sqnorm(w), 1e-30));
      const d = dist(x, y, c);
      return tf.mul(tf.div(d, tf.mul(lambda(x), nw)), w);
    },
    logFrom: (x, y) => logmap0(mobiusAddNeg(x, y, c), c),
    lambda,
    midpointCoefficients: (x) => {
      const lam = lambda(x);
      return { num: lam, den: tf.sub(lam, 1) };
    },
    midpointFromSums: (num, den) => {
      const k = tf.div(num, tf.maximum(den, MIN_DEN));
      const g = tf.maximum(tf.sub(1, tf.mul(c, sqnorm(k))), MIN_GAP * MIN_GAP);
      return project(tf.div(k, tf.add(1, tf.sqrt(g))), c);
    },
  };
}

/** (-x) ⊕ y, unprojected (only its direction and norm enter log_x). */
function mobiusAddNeg(x: tf.Tensor, y: tf.Tensor, c: number): tf.Tensor {
  const xy = tf.sum(tf.mul(x, y), -1, true);
  const x2 = sqnorm(x);
  const y2 = sqnorm(y);
  const a = tf.add(tf.sub(1, tf.mul(2 * c, xy)), tf.mul(c, y2));
  const b = tf.sub(1, tf.mul(c, x2));
  const den = tf.maximum(tf.add(tf.sub(1, tf.mul(2 * c, xy)), tf.mul(c * c, tf.mul(x2, y2))), MIN_GAP);
  return tf.div(tf.add(tf.mul(tf.neg(a), x), tf.mul(b, y)), den);
}

/**
 * The c -> 0 limit: flat space with the same formulas' limits.
 *
 * @example
 * euclideanGeometry().dist(tf.zeros([2]), tf.tensor1d([0.5, 0])) // [1] (= 2|x - y|)
 */
export function euclideanGeometry(): TfGeometry {
  return {
    kind: 'euclidean',
    c: 0,
    expmap0: (v) => v,
    logmap0: (x) => x,
    dist: (x, y) => tf.mul(2, tf.sqrt(tf.maximum(sqnorm(tf.sub(x, y)), 1e-30))),
    addBias: (y, b) => tf.add(y, b),
    logmap: (x, y) => tf.sub(y, x),
    logFrom: (x, y) => tf.sub(y, x),
    // lambda_x -> 2 as c -> 0 (the ball's metric 4|dx|^2 at the origin).
    lambda: (x) => tf.fill([...x.shape.slice(0, -1), 1], 2),
    midpointCoefficients: (x) => {
      const one = tf.ones([...x.shape.slice(0, -1), 1]);
      return { num: one, den: one };
    },
    midpointFromSums: (num, den) => tf.div(num, tf.maximum(den, MIN_DEN)),
  };
}
