// Losses of the task heads: cross-entropy (classification), MSE (regression), pairwise
// logistic ranking (generalisation prediction), built from kernels with registered gradients.
import * as tf from '@tensorflow/tfjs-core';
import { GeoError, assertFinite, describe } from '@geo/core';
import type { TaskKind } from '../config.js';

/** log(1 + e^x) without overflow: relu(x) + log(1 + e^-|x|). */
export function softplus(x: tf.Tensor): tf.Tensor {
  return tf.add(tf.relu(x), tf.log(tf.add(1, tf.exp(tf.neg(tf.abs(x))))));
}

/**
 * Checks task targets: class indices in [0, outputs) for classification, B x outputs finite
 * values for regression, B finite scores for ranking.
 *
 * @example
 * checkTargets([0, 1], 'classification', 2, 2) // ok
 */
export function checkTargets(targets: ArrayLike<number>, task: TaskKind, batchSize: number, outputs: number): void {
  const expected = task === 'regression' ? batchSize * outputs : batchSize;
  if (targets === null || typeof targets !== 'object' || typeof targets.length !== 'number' || targets.length !== expected) {
    throw new GeoError('BAD_LENGTH', `targets must hold ${expected} numbers for ${task} (batch ${batchSize}), got ${describe(targets)}`, { argument: 'targets', expected, actual: describe(targets) });
  }
  assertFinite(targets, 'targets');
  if (task === 'classification') {
    for (let i = 0; i < targets.length; i++) {
      const y = targets[i] as number;
      if (!Number.isInteger(y) || y < 0 || y >= outputs) {
        throw new GeoError('OUT_OF_RANGE', `targets[${i}] = ${y} is not a class index in [0, ${outputs})`, { argument: `targets[${i}]`, actual: y });
      }
    }
  }
}

/**
 * The task loss of head outputs `[B, outputs]`: mean softmax cross-entropy, mean squared
 * error, or the mean pairwise logistic loss softplus(-(s_i - s_j)) over pairs with y_i > y_j.
 *
 * @example
 * taskLoss(tf.tensor2d([[2, 0]]), [0], 'classification') // ~0.127
 */
export function taskLoss(output: tf.Tensor2D, targets: ArrayLike<number>, task: TaskKind): tf.Scalar {
  const [B, K] = output.shape;
  checkTargets(targets, task, B, K);
  return tf.tidy(() => {
    if (task === 'classification') {
      // log-softmax with a row shift taken from the values (shift-invariant, so no gradient needed).
      const shift = tf.tensor2d(rowMax(output.dataSync(), B, K), [B, 1]);
      const sh = tf.sub(output, shift);
      const lse = tf.log(tf.sum(tf.exp(sh), 1, true));
      const onehot = tf.cast(tf.oneHot(tf.tensor1d(Array.from(targets), 'int32'), K), 'float32');
      return tf.div(tf.neg(tf.sum(tf.mul(onehot, tf.sub(sh, lse)))), B) as tf.Scalar;
    }
    if (task === 'regression') {
      return tf.div(tf.sum(tf.square(tf.sub(output, tf.tensor2d(Float32Array.from(targets), [B, K])))), B * K) as tf.Scalar;
    }
    const pi: number[] = [];
    const pj: number[] = [];
    for (let i = 0; i < B; i++) {
      for (let j = 0; j < B; j++) {
        if ((targets[i] as number) > (targets[j] as number)) {
          pi.push(i);
          pj.push(j);
        }
      }
    }
    if (pi.length === 0) return tf.sum(tf.mul(output, 0)) as tf.Scalar;
    const s = tf.reshape(output, [B]);
    const diff = tf.sub(tf.gather(s, tf.tensor1d(pi, 'int32')), tf.gather(s, tf.tensor1d(pj, 'int32')));
    return tf.div(tf.sum(softplus(tf.neg(diff))), pi.length) as tf.Scalar;
  });
}

function rowMax(x: ArrayLike<number>, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let m = -Infinity;
    for (let c = 0; c < cols; c++) m = Math.max(m, x[r * cols + c] as number);
    out[r] = Number.isFinite(m) ? m : 0;
  }
  return out;
}
