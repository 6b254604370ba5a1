// The last snapshot of each trajectory as standardised weight-space tensors.
import * as tf from '@tensorflow/tfjs-core';
import { GeoError } from '@geo/core';
import type { FloatArray, Trajectory } from '@geo/param-graph';
import type { LayerStats } from '../tf-training/layer-stats.js';
import type { WeightSpaceFeatures } from './np-layer.js';

/** One model's last snapshot, standardised per layer: `weights[l]` n_{l+1} x n_l row-major, `biases[l]` n_{l+1}. */
export interface StandardisedModel {
  readonly sizes: readonly number[];
  readonly weights: readonly Float32Array[];
  readonly biases: readonly Float32Array[];
}

/**
 * The last snapshot of `trajectory` with layer l's weights mapped to (w - mean_l) / std_l and
 * its biases likewise (NFN's per-layer input normalisation; statistics from the training set).
 *
 * @example
 * const m = standardiseLast(trajectory, layerStats(train.trajectories));
 */
export function standardiseLast(trajectory: Trajectory, stats: LayerStats): StandardisedModel {
  const T = trajectory.steps.length;
  const L = trajectory.sizes.length - 1;
  const weights: Float32Array[] = [];
  const biases: Float32Array[] = [];
  for (let l = 0; l < L; l++) {
    const nW = (trajectory.sizes[l] as number) * (trajectory.sizes[l + 1] as number);
    const nB = trajectory.sizes[l + 1] as number;
    const w = (trajectory.weights[l] as FloatArray).subarray((T - 1) * nW, T * nW);
    const b = (trajectory.biases[l] as FloatArray).subarray((T - 1) * nB, T * nB);
    const mw = stats.weightMean[l] as number;
    const sw = stats.weightStd[l] as number;
    const mb = stats.biasMean[l] as number;
    const sb = stats.biasStd[l] as number;
    weights.push(Float32Array.from(w, (x) => (x - mw) / sw));
    biases.push(Float32Array.from(b, (x) => (x - mb) / sb));
  }
  return { sizes: [...trajectory.sizes], weights, biases };
}

/**
 * Stacks models of one architecture into weight-space tensors with one channel:
 * `weights[l]` `[B, n_{l+1}, n_l, 1]`, `biases[l]` `[B, n_{l+1}, 1]`.
 *
 * @example
 * const x = stackModels([m0, m1]);
 */
export function stackModels(models: readonly StandardisedModel[]): WeightSpaceFeatures {
  if (models.length === 0) throw new GeoError('BAD_LENGTH', 'models must not be empty', { argument: 'models' });
  const first = models[0] as StandardisedModel;
  models.forEach((m, i) => {
    if (m.sizes.length !== first.sizes.length || m.sizes.some((n, k) => n !== first.sizes[k])) {
      throw new GeoError('BAD_SHAPE', `models[${i}] has sizes [${m.sizes}], models[0] has [${first.sizes}]: one architecture per stack`, { argument: `models[${i}]`, expected: first.sizes, actual: m.sizes });
    }
  });
  const L = first.sizes.length - 1;
  const B = models.length;
  const weights: tf.Tensor4D[] = [];
  const biases: tf.Tensor3D[] = [];
  for (let l = 0; l < L; l++) {
    const rows = first.sizes[l + 1] as number;
    const cols = first.sizes[l] as number;
    const w = new Float32Array(B * rows * cols);
    const b = new Float32Array(B * rows);
    models.forEach((m, i) => {
      w.set(m.weights[l] as Float32Array, i * rows * cols);
      b.set(m.biases[l] as Float32Array, i * rows);
    });
    weights.push(tf.tensor4d(w, [B, rows, cols, 1]));
    biases.push(tf.tensor3d(b, [B, rows, 1]));
  }
  return { weights, biases };
}
