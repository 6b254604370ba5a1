// @tensorflow/tfjs-core alone registers no gradients under Node: they live in
// `dist/register_all_gradients.js`, which only bundlers (or the @tensorflow/tfjs union package)
// load. These are the gradients of every kernel the tf face uses, registered on request and
// only where tfjs has none, so the official ones win when present.
import * as tf from '@tensorflow/tfjs-core';

type Saved = tf.Tensor[];
const T = (x: unknown): tf.Tensor => x as tf.Tensor;

/** Sums g over the axes along which `shape` was broadcast to g's shape. */
function unbroadcast(g: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes(shape, g.shape);
  const reduced = axes.length > 0 ? tf.sum(g, axes) : g;
  return tf.reshape(reduced, shape);
}

function binary(kernelName: string, da: (dy: tf.Tensor, a: tf.Tensor, b: tf.Tensor) => tf.Tensor, db: (dy: tf.Tensor, a: tf.Tensor, b: tf.Tensor) => tf.Tensor): tf.GradConfig {
  return {
    kernelName,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b] = saved as [tf.Tensor, tf.Tensor];
      return { a: () => unbroadcast(da(T(dy), a, b), a.shape), b: () => unbroadcast(db(T(dy), a, b), b.shape) };
    },
  };
}

function unaryX(kernelName: string, d: (dy: tf.Tensor, x: tf.Tensor) => tf.Tensor): tf.GradConfig {
  return { kernelName, inputsToSave: ['x'], gradFunc: (dy, saved) => ({ x: () => d(T(dy), (saved as Saved)[0] as tf.Tensor) }) };
}

function unaryY(kernelName: string, d: (dy: tf.Tensor, y: tf.Tensor) => tf.Tensor): tf.GradConfig {
  return { kernelName, outputsToSave: [true], gradFunc: (dy, saved) => ({ x: () => d(T(dy), (saved as Saved)[0] as tf.Tensor) }) };
}

const configs: tf.GradConfig[] = [
  binary(tf.Add, (dy) => dy, (dy) => dy),
  binary(tf.Sub, (dy) => dy, (dy) => tf.neg(dy)),
  binary(tf.Multiply, (dy, _a, b) => tf.mul(dy, b), (dy, a) => tf.mul(dy, a)),
  binary(tf.RealDiv, (dy, _a, b) => tf.div(dy, b), (dy, a, b) => tf.neg(tf.div(tf.mul(dy, a), tf.square(b)))),
  binary(tf.Maximum, (dy, a, b) => tf.mul(dy, tf.cast(tf.greaterEqual(a, b), 'float32')), (dy, a, b) => tf.mul(dy, tf.cast(tf.less(a, b), 'float32'))),
  binary(tf.Minimum, (dy, a, b) => tf.mul(dy, tf.cast(tf.lessEqual(a, b), 'float32')), (dy, a, b) => tf.mul(dy, tf.cast(tf.greater(a, b), 'float32'))),
  unaryX(tf.Neg, (dy) => tf.neg(dy)),
  unaryX(tf.Square, (dy, x) => tf.mul(dy, tf.mul(2, x))),
  unaryX(tf.Sqrt, (dy, x) => tf.div(dy, tf.mul(2, tf.sqrt(x)))),
  unaryX(tf.Atanh, (dy, x) => tf.div(dy, tf.sub(1, tf.square(x)))),
  unaryX(tf.Asinh, (dy, x) => tf.div(dy, tf.sqrt(tf.add(1, tf.square(x))))),
  unaryX(tf.Relu, (dy, x) => tf.mul(dy, tf.cast(tf.greater(x, 0), 'float32'))),
  unaryX(tf.Cast, (dy) => dy),
  unaryX(tf.Identity, (dy) => dy),
  unaryY(tf.Tanh, (dy, y) => tf.mul(dy, tf.sub(1, tf.square(y)))),
  unaryY(tf.Sigmoid, (dy, y) => tf.mul(dy, tf.mul(y, tf.sub(1, y)))),
  {
    kernelName: tf.Select,
    inputsToSave: ['condition'],
    gradFunc: (dy, saved) => {
      const [cond] = saved as [tf.Tensor];
      const m = tf.cast(cond, 'float32');
      return { condition: () => tf.zeros(cond.shape, 'float32'), t: () => tf.mul(T(dy), m), e: () => tf.mul(T(dy), tf.sub(1, m)) };
    },
  },
  ...[tf.Less, tf.LessEqual, tf.Greater, tf.GreaterEqual].map(
    (kernelName): tf.GradConfig => ({ kernelName, inputsToSave: ['a', 'b'], gradFunc: (_dy, saved) => ({ a: () => tf.zerosLike((saved as Saved)[0] as tf.Tensor), b: () => tf.zerosLike((saved as Saved)[1] as tf.Tensor) }) }),
  ),
  { kernelName: tf.OnesLike, gradFunc: (dy) => ({ x: () => tf.zerosLike(T(dy)) }) },
  { kernelName: tf.ZerosLike, gradFunc: (dy) => ({ x: () => tf.zerosLike(T(dy)) }) },
  {
    kernelName: tf.ClipByValue,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved as [tf.Tensor];
      const { clipValueMin, clipValueMax } = attrs as { clipValueMin: number; clipValueMax: number };
      return { x: () => tf.mul(T(dy), tf.cast(tf.logicalAnd(tf.greaterEqual(x, clipValueMin), tf.lessEqual(x, clipValueMax)), 'float32')) };
    },
  },
  {
    kernelName: tf.Sum,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved as [tf.Tensor];
      const axes = tf.util.parseAxisParam((attrs as { axis: number | number[] }).axis, x.shape);
      const kept = x.shape.map((s, i) => (axes.includes(i) ? 1 : s));
      return { x: () => tf.mul(tf.reshape(T(dy), kept), tf.onesLike(x)) };
    },
  },
  {
    kernelName: tf.Reshape,
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => ({ x: () => tf.reshape(T(dy), ((saved as Saved)[0] as tf.Tensor).shape) }),
  },
  {
    kernelName: tf.Concat,
    saveAllInputs: true,
    gradFunc: (dy, saved, attrs) => {
      const shapes = (saved as Saved).map((t) => t.shape);
      const axis = tf.util.parseAxisParam((attrs as { axis: number }).axis, (shapes[0] as number[]))[0] as number;
      const parts = tf.split(T(dy), shapes.map((s) => s[axis] as number), axis);
      return parts.map((p) => () => p) as unknown as Record<string, () => tf.Tensor>;
    },
  },
  {
    kernelName: tf.Pack,
    saveAllInputs: true,
    gradFunc: (dy, _saved, attrs) => {
      const { axis } = attrs as { axis: number };
      return tf.unstack(T(dy), axis).map((p) => () => p) as unknown as Record<string, () => tf.Tensor>;
    },
  },
  {
    kernelName: tf.Slice,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved as [tf.Tensor];
      const { begin, size } = attrs as { begin: number | number[]; size: number | number[] };
      const [b, s] = tf.slice_util.parseSliceParams(x, begin, size);
      const paddings = x.shape.map((n, i): [number, number] => [(b as number[])[i] as number, n - ((b as number[])[i] as number) - ((s as number[])[i] as number)]);
      return { x: () => tf.pad(T(dy), paddings) };
    },
  },
  {
    kernelName: tf.BatchMatMul,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved as [tf.Tensor2D, tf.Tensor2D];
      const g = dy as tf.Tensor2D;
      const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
      if (!transposeA && !transposeB) return { a: () => tf.matMul(g, b, false, true), b: () => tf.matMul(a, g, true, false) };
      if (!transposeA && transposeB) return { a: () => tf.matMul(g, b, false, false), b: () => tf.matMul(g, a, true, false) };
      if (transposeA && !transposeB) return { a: () => tf.matMul(b, g, false, true), b: () => tf.matMul(a, g, false, false) };
      return { a: () => tf.matMul(b, g, true, true), b: () => tf.matMul(g, a, true, true) };
    },
  },
];

/**
 * Registers the gradients of every kernel the tf face differentiates through, where tfjs has
 * none registered (plain @tensorflow/tfjs-core under Node). Idempotent; returns the kernels added.
 * Call it once before `tf.grad` / optimisers, as you would choose a backend.
 *
 * @example
 * registerGradients(); // ['Add', 'Sub', ...] the first time, [] afterwards
 */
export function registerGradients(): string[] {
  const added: string[] = [];
  for (const config of configs) {
    if (tf.getGradient(config.kernelName) === undefined) {
      tf.registerGradient(config);
      added.push(config.kernelName);
    }
  }
  return added;
}
