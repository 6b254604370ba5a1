// @tensorflow/tfjs-core alone registers no gradients under Node. @geo/poincare/tf registers
// those of its own kernels; these are the few more the model differentiates through
// (gathers, scatters, segment sums, exp/log, transposes), added only where none is registered.
import * as tf from '@tensorflow/tfjs-core';
import { registerGradients as registerPoincareGradients } from '@geo/poincare/tf';

type Saved = tf.Tensor[];
const T = (x: unknown): tf.Tensor => x as tf.Tensor;

const configs: tf.GradConfig[] = [
  { kernelName: tf.Exp, outputsToSave: [true], gradFunc: (dy, saved) => ({ x: () => tf.mul(T(dy), (saved as Saved)[0] as tf.Tensor) }) },
  { kernelName: tf.Log, inputsToSave: ['x'], gradFunc: (dy, saved) => ({ x: () => tf.div(T(dy), (saved as Saved)[0] as tf.Tensor) }) },
  { kernelName: tf.Abs, inputsToSave: ['x'], gradFunc: (dy, saved) => ({ x: () => tf.mul(T(dy), tf.sign((saved as Saved)[0] as tf.Tensor)) }) },
  {
    kernelName: tf.GatherV2,
    inputsToSave: ['x', 'indices'],
    gradFunc: (dy, saved, attrs) => {
      const [x, indices] = saved as [tf.Tensor, tf.Tensor];
      const { axis, batchDims } = attrs as { axis: number; batchDims: number };
      if (axis !== 0 || batchDims !== 0) throw new Error('GatherV2 gradient: only axis 0 without batch dims');
      return {
        x: () => tf.scatterND(tf.reshape(indices, [-1, 1]), T(dy), x.shape),
        indices: () => tf.cast(tf.zerosLike(indices), 'float32'),
      };
    },
  },
  {
    kernelName: tf.UnsortedSegmentSum,
    inputsToSave: ['segmentIds'],
    gradFunc: (dy, saved) => {
      const [ids] = saved as [tf.Tensor];
      return { x: () => tf.gather(T(dy), ids), segmentIds: () => tf.cast(tf.zerosLike(ids), 'float32') };
    },
  },
  {
    kernelName: tf.ScatterNd,
    inputsToSave: ['indices'],
    gradFunc: (dy, saved) => {
      const [indices] = saved as [tf.Tensor];
      return { updates: () => tf.gatherND(T(dy), indices), indices: () => tf.cast(tf.zerosLike(indices), 'float32') };
    },
  },
  {
    kernelName: tf.Transpose,
    gradFunc: (dy, _saved, attrs) => {
      const { perm } = attrs as { perm: number[] };
      const inv = new Array<number>(perm.length);
      perm.forEach((p, i) => (inv[p] = i));
      return { x: () => tf.transpose(T(dy), inv) };
    },
  },
  {
    kernelName: tf.Mean,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved as [tf.Tensor];
      const axes = tf.util.parseAxisParam((attrs as { axis: number | number[] }).axis, x.shape);
      const kept = x.shape.map((s, i) => (axes.includes(i) ? 1 : s));
      const count = axes.reduce((n, a) => n * (x.shape[a] as number), 1);
      return { x: () => tf.mul(tf.div(tf.reshape(T(dy), kept), count), tf.onesLike(x)) };
    },
  },
];

/**
 * Registers every gradient the model needs (those of @geo/poincare/tf, then gathers, segment
 * sums, exp, log, abs, transpose, mean), only where tfjs has none. Idempotent; returns the
 * kernels added. Call once before training, as you would choose a backend.
 *
 * @example
 * registerGradients(); // ['Add', ..., 'GatherV2', ...] the first time, [] afterwards
 */
export function registerGradients(): string[] {
  const added = registerPoincareGradients();
  for (const config of configs) {
    if (tf.getGradient(config.kernelName) === undefined) {
      tf.registerGradient(config);
      added.push(config.kernelName);
    }
  }
  return added;
}
