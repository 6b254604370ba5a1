// NFN-NP's invariant pooling: means over the permutable (hidden) axes, the fixed input and
// output neurons kept, everything concatenated.
import * as tf from '@tensorflow/tfjs-core';
import type { WeightSpaceFeatures } from './np-layer.js';

/**
 * Width of `npPool`'s output for L layers, n_0 inputs, n_L outputs and c channels: per W_l, c
 * times the fixed neurons kept (n_0 columns of W_0, n_L rows of W_{L-1}), per b_l, c (hidden)
 * or n_L c (the output biases).
 *
 * @example
 * npPoolWidth(3, 2, 1, 16) // W_0: 2*16, W_1: 16, W_2: 1*16, b: 16 + 16 + 16 = 112
 */
export function npPoolWidth(L: number, n0: number, nL: number, c: number): number {
  let width = 0;
  for (let l = 0; l < L; l++) {
    const keepRows = l === L - 1 ? nL : 1;
    const keepCols = l === 0 ? n0 : 1;
    width += keepRows * keepCols * c + keepRows * c;
  }
  return width;
}

/**
 * The invariant pooling of weight-space features `[B, ...]` -> `[B, npPoolWidth]`: W_l is
 * averaged over its rows when they are hidden neurons (l < L-1) and over its columns when
 * they are (l > 0); b_l over its neurons when hidden. Unchanged by any permutation of hidden
 * neurons (up to float rounding of the means).
 *
 * @example
 * const v = npPool(features); // [B, npPoolWidth(L, n0, nL, c)]
 */
export function npPool(x: WeightSpaceFeatures): tf.Tensor2D {
  return tf.tidy(() => {
    const L = x.weights.length;
    const parts: tf.Tensor2D[] = [];
    for (let l = 0; l < L; l++) {
      const w = x.weights[l] as tf.Tensor4D;
      const b = x.biases[l] as tf.Tensor3D;
      const B = w.shape[0];
      const axes: number[] = [];
      if (l < L - 1) axes.push(1);
      if (l > 0) axes.push(2);
      parts.push(tf.reshape(axes.length > 0 ? tf.mean(w, axes) : w, [B, -1]) as tf.Tensor2D);
      parts.push(tf.reshape(l < L - 1 ? tf.mean(b, 1) : b, [B, -1]) as tf.Tensor2D);
    }
    return tf.concat(parts, 1);
  });
}
