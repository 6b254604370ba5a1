// Per-layer weight and bias statistics of a training set (NFN's input normalisation).
import { GeoError } from '@geo/core';
import type { FloatArray, Trajectory } from '@geo/param-graph';

/** Mean and standard deviation of every layer's weights and biases (last snapshot), over a set of models. */
export interface LayerStats {
  readonly numLayers: number;
  readonly weightMean: Float64Array;
  readonly weightStd: Float64Array;
  readonly biasMean: Float64Array;
  readonly biasStd: Float64Array;
}

/** Below this a layer is treated as constant and only centred (std = 1), so no division by ~0. */
const MIN_STD = 1e-8;

/**
 * The per-layer mean and std of the last snapshot's weights and biases over `trajectories`
 * (all entries of layer l pooled across models, so models of different widths are weighted
 * by their parameter counts). Every model must have the same depth.
 *
 * @example
 * const stats = layerStats(train.trajectories);
 * (w - stats.weightMean[l]) / stats.weightStd[l] // a standardised weight of layer l
 */
export function layerStats(trajectories: readonly Trajectory[]): LayerStats {
  if (trajectories.length === 0) throw new GeoError('BAD_LENGTH', 'trajectories must not be empty', { argument: 'trajectories' });
  const L = (trajectories[0] as Trajectory).sizes.length - 1;
  const sums = { w: new Float64Array(L), w2: new Float64Array(L), nw: new Float64Array(L), b: new Float64Array(L), b2: new Float64Array(L), nb: new Float64Array(L) };
  trajectories.forEach((t, k) => {
    if (t.sizes.length - 1 !== L) {
      throw new GeoError('UNSUPPORTED', `trajectories[${k}] has ${t.sizes.length - 1} layers, trajectories[0] has ${L}: one depth per zoo`, {
        argument: `trajectories[${k}].sizes`,
        expected: L + 1,
        actual: t.sizes.length,
      });
    }
    const T = t.steps.length;
    for (let l = 0; l < L; l++) {
      const nW = (t.sizes[l] as number) * (t.sizes[l + 1] as number);
      const nB = t.sizes[l + 1] as number;
      const w = (t.weights[l] as FloatArray).subarray((T - 1) * nW, T * nW);
      const b = (t.biases[l] as FloatArray).subarray((T - 1) * nB, T * nB);
      for (const x of w) {
        sums.w[l] = (sums.w[l] as number) + x;
        sums.w2[l] = (sums.w2[l] as number) + x * x;
      }
      for (const x of b) {
        sums.b[l] = (sums.b[l] as number) + x;
        sums.b2[l] = (sums.b2[l] as number) + x * x;
      }
      sums.nw[l] = (sums.nw[l] as number) + nW;
      sums.nb[l] = (sums.nb[l] as number) + nB;
    }
  });
  const moments = (s: Float64Array, s2: Float64Array, n: Float64Array) => {
    const mean = new Float64Array(L);
    const std = new Float64Array(L);
    for (let l = 0; l < L; l++) {
      const m = (s[l] as number) / (n[l] as number);
      const v = Math.max(0, (s2[l] as number) / (n[l] as number) - m * m);
      mean[l] = m;
      std[l] = Math.sqrt(v) > MIN_STD ? Math.sqrt(v) : 1;
    }
    return { mean, std };
  };
  const w = moments(sums.w, sums.w2, sums.nw);
  const b = moments(sums.b, sums.b2, sums.nb);
  return { numLayers: L, weightMean: w.mean, weightStd: w.std, biasMean: b.mean, biasStd: b.std };
}
