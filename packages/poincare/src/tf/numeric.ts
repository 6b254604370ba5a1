// Float32 guards of the differentiable face: every clamp keeps values and gradients finite.
import * as tf from '@tensorflow/tfjs-core';

/** Norms are clamped below at this value before any division (its square is a normal float32). */
export const TF_MIN_NORM = 1e-15;
/** artanh arguments are clamped to [0, 1 - TF_ATANH_EPS] (1 - 1e-7 rounds to 1 - 2^-23 in float32). */
export const TF_ATANH_EPS = 1e-7;
/** Gaps 1 - c|x|^2 are clamped below at this value, so lambda_x <= 2e7 and its gradient stays finite. */
export const TF_MIN_GAP = 1e-7;
/** Default margin of the tf face's projection (relative to the radius). */
export const TF_PROJECT_EPS = 1e-5;

/** Sum of squares over the last axis, kept. */
export function sqnorm(x: tf.Tensor): tf.Tensor {
  return tf.sum(tf.square(x), -1, true);
}

/** Norm over the last axis, kept, clamped below at TF_MIN_NORM (zero gradient there instead of Inf). */
export function clampedNorm(x: tf.Tensor): tf.Tensor {
  return tf.sqrt(tf.maximum(sqnorm(x), TF_MIN_NORM * TF_MIN_NORM));
}

/** 1 - c|x|^2 over the last axis, kept, clamped below at TF_MIN_GAP. */
export function gap(x: tf.Tensor, c: number): tf.Tensor {
  return tf.maximum(tf.sub(1, tf.mul(c, sqnorm(x))), TF_MIN_GAP);
}

/** artanh of a non-negative argument clamped away from 1. */
export function clampedAtanh(z: tf.Tensor): tf.Tensor {
  return tf.atanh(tf.clipByValue(z, 0, 1 - TF_ATANH_EPS));
}

/** Sum of a * b over the last axis, kept. */
export function dotLast(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.sum(tf.mul(a, b), -1, true);
}

/** Below this argument the removable singularities use their Taylor series (float32: error < 1e-12). */
export const TF_SERIES_BELOW = 1e-2;

function series(z: tf.Tensor, near: (z2: tf.Tensor) => tf.Tensor, far: (zSafe: tf.Tensor) => tf.Tensor): tf.Tensor {
  const z2 = tf.square(z);
  const small = tf.less(z2, TF_SERIES_BELOW * TF_SERIES_BELOW);
  // both branches stay finite (and differentiable) everywhere: the far one sees 1 where z is small
  const zSafe = tf.where(small, tf.onesLike(z), z);
  return tf.where(small, near(z2), far(zSafe));
}

/** tanh(t)/t with its series 1 - t^2/3 + 2t^4/15 near 0. */
export function tanhc(t: tf.Tensor): tf.Tensor {
  return series(
    t,
    (t2) => tf.add(1, tf.mul(t2, tf.add(-1 / 3, tf.mul(2 / 15, t2)))),
    (ts) => tf.div(tf.tanh(ts), ts),
  );
}

/** artanh(z)/z for 0 <= z < 1 (argument clamped below 1) with its series 1 + z^2/3 + z^4/5 near 0. */
export function atanhc(z: tf.Tensor): tf.Tensor {
  return series(
    z,
    (z2) => tf.add(1, tf.mul(z2, tf.add(1 / 3, tf.mul(1 / 5, z2)))),
    (zs) => tf.div(clampedAtanh(zs), zs),
  );
}

/** asinh(t)/t with its series 1 - t^2/6 + 3t^4/40 near 0. */
export function asinhc(t: tf.Tensor): tf.Tensor {
  return series(
    t,
    (t2) => tf.add(1, tf.mul(t2, tf.add(-1 / 6, tf.mul(3 / 40, t2)))),
    (ts) => tf.div(tf.asinh(ts), ts),
  );
}
