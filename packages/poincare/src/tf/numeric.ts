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
