// @tensorflow/tfjs-core alone registers no gradients under Node: they live in
// `dist/register_all_gradients.js`, an ES module with extension-less imports that only
// bundlers (or the @tensorflow/tfjs union package) can load. This is the one registry of the
// gradients every geo tf face differentiates through (the Poincaré ops, pullback metrics,
// GTH-GMN), registered on request and only where tfjs has none, so the official ones win when
// present. Every gradient is written from the op's *inputs* with registered ops, so gradients
// of gradients exist too (the forward mode of a Jacobian differentiates a backward pass).
import * as tf from '@tensorflow/tfjs-core';

type Saved = tf.Tensor[];
const T = (x: unknown): tf.Tensor => x as tf.Tensor;
const f32 = (x: tf.Tensor): tf.Tensor => (x.dtype === 'float32' ? x : tf.cast(x, 'float32'));

/** Sums g over the axes along which `shape` was broadcast to g's shape. */
function unbroadcast(g: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes(shape, g.shape);
  const reduced = axes.length > 0 ? tf.sum(g, axes) : g;
  return tf.reshape(reduced, shape);
}

function binary(
  kernelName: string,
  da: (dy: tf.Tensor, a: tf.Tensor, b: tf.Tensor) => tf.Tensor,
  db: (dy: tf.Tensor, a: tf.Tensor, b: tf.Tensor) => tf.Tensor,
): tf.GradConfig {
  return {
    kernelName,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b] = saved as [tf.Tensor, tf.Tensor];
      return { a: () => unbroadcast(da(T(dy), a, b), a.shape), b: () => unbroadcast(db(T(dy), a, b), b.shape) };
    },
  };
}

function unary(kernelName: string, d: (dy: tf.Tensor, x: tf.Tensor) => tf.Tensor): tf.GradConfig {
  return { kernelName, inputsToSave: ['x'], gradFunc: (dy, saved) => ({ x: () => d(T(dy), (saved as Saved)[0] as tf.Tensor) }) };
}

/** Comparisons and other piecewise-constant ops: zero gradient for every input. */
function flatBinary(kernelName: string): tf.GradConfig {
  return {
    kernelName,
    inputsToSave: ['a', 'b'],
    gradFunc: (_dy, saved) => ({ a: () => tf.zerosLike((saved as Saved)[0] as tf.Tensor), b: () => tf.zerosLike((saved as Saved)[1] as tf.Tensor) }),
  };
}

/** Reshapes dy to x's rank with the reduced axes kept as 1, so it broadcasts back over x. */
function keptShape(x: tf.Tensor, axis: number | number[]): { kept: number[]; count: number } {
  const axes = tf.util.parseAxisParam(axis, x.shape);
  return {
    kept: x.shape.map((s, i) => (axes.includes(i) ? 1 : s)),
    count: axes.reduce((n, a) => n * (x.shape[a] as number), 1),
  };
}

/** Swaps the last two axes (a matrix transpose, batched over leading axes). */
function swapLast(x: tf.Tensor): tf.Tensor {
  const perm = x.shape.map((_, i) => i);
  const r = perm.length;
  [perm[r - 2], perm[r - 1]] = [perm[r - 1] as number, perm[r - 2] as number];
  return tf.transpose(x, perm);
}

const product = (x: tf.Tensor, y: tf.Tensor): tf.Tensor => tf.matMul(x, y);

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

const configs: readonly tf.GradConfig[] = [
  // Arithmetic.
  binary(tf.Add, (dy) => dy, (dy) => dy),
  binary(tf.Sub, (dy) => dy, (dy) => tf.neg(dy)),
  binary(tf.Multiply, (dy, _a, b) => tf.mul(dy, f32(b)), (dy, a) => tf.mul(dy, f32(a))),
  binary(tf.RealDiv, (dy, _a, b) => tf.div(dy, b), (dy, a, b) => tf.neg(tf.div(tf.mul(dy, a), tf.square(b)))),
  binary(tf.Maximum, (dy, a, b) => tf.mul(dy, f32(tf.greaterEqual(a, b))), (dy, a, b) => tf.mul(dy, f32(tf.less(a, b)))),
  binary(tf.Minimum, (dy, a, b) => tf.mul(dy, f32(tf.lessEqual(a, b))), (dy, a, b) => tf.mul(dy, f32(tf.greater(a, b)))),
  unary(tf.Neg, (dy) => tf.neg(dy)),
  unary(tf.Abs, (dy, x) => tf.mul(dy, tf.sign(x))),
  unary(tf.Square, (dy, x) => tf.mul(dy, tf.mul(2, x))),
  unary(tf.Sqrt, (dy, x) => tf.div(dy, tf.mul(2, tf.sqrt(x)))),
  // Elementwise functions.
  unary(tf.Exp, (dy, x) => tf.mul(dy, tf.exp(x))),
  unary(tf.Log, (dy, x) => tf.div(dy, x)),
  unary(tf.Tanh, (dy, x) => tf.mul(dy, tf.sub(1, tf.square(tf.tanh(x))))),
  unary(tf.Sigmoid, (dy, x) => {
    const s = tf.sigmoid(x);
    return tf.mul(dy, tf.mul(s, tf.sub(1, s)));
  }),
  unary(tf.Softplus, (dy, x) => tf.mul(dy, tf.sigmoid(x))),
  unary(tf.Relu, (dy, x) => tf.mul(dy, tf.step(x))),
  unary(tf.Atanh, (dy, x) => tf.div(dy, tf.sub(1, tf.square(x)))),
  unary(tf.Asinh, (dy, x) => tf.div(dy, tf.sqrt(tf.add(1, tf.square(x))))),
  unary(tf.Erf, (dy, x) => tf.mul(dy, tf.mul(TWO_OVER_SQRT_PI, tf.exp(tf.neg(tf.square(x)))))),
  unary(tf.Step, (dy) => tf.zerosLike(dy)),
  unary(tf.Cast, (dy) => tf.clone(dy)),
  unary(tf.Identity, (dy) => tf.clone(dy)),
  unary(tf.OnesLike, (dy) => tf.zerosLike(dy)),
  unary(tf.ZerosLike, (dy) => tf.zerosLike(dy)),
  {
    kernelName: tf.ClipByValue,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved as [tf.Tensor];
      const { clipValueMin, clipValueMax } = attrs as { clipValueMin: number; clipValueMax: number };
      return { x: () => tf.mul(T(dy), f32(tf.logicalAnd(tf.greaterEqual(x, clipValueMin), tf.lessEqual(x, clipValueMax)))) };
    },
  },
  {
    kernelName: tf.Select,
    inputsToSave: ['condition'],
    gradFunc: (dy, saved) => {
      const [cond] = saved as [tf.Tensor];
      const m = f32(cond);
      return { condition: () => tf.zeros(cond.shape, 'float32'), t: () => tf.mul(T(dy), m), e: () => tf.mul(T(dy), tf.sub(1, m)) };
    },
  },
  ...[tf.Less, tf.LessEqual, tf.Greater, tf.GreaterEqual].map(flatBinary),
  // Reductions.
  {
    kernelName: tf.Sum,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved as [tf.Tensor];
      const { kept } = keptShape(x, (attrs as { axis: number | number[] }).axis);
      return { x: () => tf.mul(tf.reshape(T(dy), kept), tf.onesLike(x)) };
    },
  },
  {
    kernelName: tf.Mean,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved as [tf.Tensor];
      const { kept, count } = keptShape(x, (attrs as { axis: number | number[] }).axis);
      return { x: () => tf.mul(tf.div(tf.reshape(T(dy), kept), count), tf.onesLike(x)) };
    },
  },
  // Shape and layout.
  {
    kernelName: tf.Reshape,
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => ({ x: () => tf.reshape(T(dy), ((saved as Saved)[0] as tf.Tensor).shape) }),
  },
  {
    kernelName: tf.Transpose,
    gradFunc: (dy, _saved, attrs) => {
      const { perm } = attrs as { perm: number[] };
      const inverse = new Array<number>(perm.length);
      perm.forEach((p, i) => (inverse[p] = i));
      return { x: () => tf.transpose(T(dy), inverse) };
    },
  },
  {
    kernelName: tf.Concat,
    saveAllInputs: true,
    gradFunc: (dy, saved, attrs) => {
      const shapes = (saved as Saved).map((t) => t.shape);
      const axis = tf.util.parseAxisParam((attrs as { axis: number }).axis, shapes[0] as number[])[0] as number;
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
  // Indexing: gathers, scatters and segment sums (message passing over packed graphs).
  {
    kernelName: tf.GatherV2,
    inputsToSave: ['x', 'indices'],
    gradFunc: (dy, saved, attrs) => {
      const [x, indices] = saved as [tf.Tensor, tf.Tensor];
      const { axis, batchDims } = attrs as { axis: number; batchDims: number };
      if (axis !== 0 || batchDims !== 0) throw new Error('GatherV2 gradient: only axis 0 without batch dimensions is supported');
      return {
        x: () => tf.scatterND(tf.reshape(indices, [-1, 1]), T(dy), x.shape),
        indices: () => tf.zerosLike(f32(indices)),
      };
    },
  },
  {
    kernelName: tf.UnsortedSegmentSum,
    inputsToSave: ['segmentIds'],
    gradFunc: (dy, saved) => {
      const [ids] = saved as [tf.Tensor];
      return { x: () => tf.gather(T(dy), ids), segmentIds: () => tf.zerosLike(f32(ids)) };
    },
  },
  {
    kernelName: tf.ScatterNd,
    inputsToSave: ['indices'],
    gradFunc: (dy, saved) => {
      const [indices] = saved as [tf.Tensor];
      return { updates: () => tf.gatherND(T(dy), indices), indices: () => tf.zerosLike(f32(indices)) };
    },
  },
  // Matrix product, for every combination of transposes. The transposes are explicit: tfjs's
  // WASM matMul with a transpose flag is 7-11x slower than transposing first (measured on a
  // 38,000 x 32 operand: 78 ms vs 7 ms).
  {
    kernelName: tf.BatchMatMul,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved as [tf.Tensor, tf.Tensor];
      const g = T(dy);
      const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
      if (!transposeA && !transposeB) return { a: () => product(g, swapLast(b)), b: () => product(swapLast(a), g) };
      if (!transposeA && transposeB) return { a: () => product(g, b), b: () => product(swapLast(g), a) };
      if (transposeA && !transposeB) return { a: () => product(b, swapLast(g)), b: () => product(a, g) };
      return { a: () => product(swapLast(b), swapLast(g)), b: () => product(swapLast(g), swapLast(a)) };
    },
  },
];

/** The kernels this registry can supply a gradient for. */
export const GRADIENT_KERNELS: readonly string[] = configs.map((c) => c.kernelName);

/**
 * Registers the gradient of every kernel in {@link GRADIENT_KERNELS} that tfjs has none for
 * (plain @tensorflow/tfjs-core under Node). Idempotent; returns the kernels it added. Call
 * once before `tf.grad` or an optimiser, as you would choose a backend. @geo/poincare/tf,
 * @geo/pullback-metric/tf and @geo/gth-gmn/tf re-export it as their `registerGradients`.
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
