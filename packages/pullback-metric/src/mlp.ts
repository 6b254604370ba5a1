import { GeoError, assertFinite, assertFiniteNumber, assertInteger, assertShape, createRng, type MatrixInput, toMatrix } from '@geo/core';
import { activation as getActivation, type Activation, type ActivationName } from './activation.js';
import { toPoints, type Points, type PointsInput } from './points.js';

/** One dense layer h = W a + b, W row-major `outputs x inputs`. */
export interface DenseLayer {
  readonly weight: Float64Array;
  readonly bias: Float64Array;
  readonly inputs: number;
  readonly outputs: number;
}

/**
 * A fully connected feature map Phi(x) = s * phi(h_L), h_l = W_l phi(h_{l-1}) + b_l,
 * h_0 = x: every layer is followed by the activation; `outputScale` s multiplies the
 * features (1/sqrt(width) gives the paper's normalisation, under which the metric has an
 * infinite-width limit).
 */
export interface Mlp {
  readonly layers: readonly DenseLayer[];
  readonly activation: ActivationName;
  readonly outputScale: number;
  /** Input dimension d. */
  readonly inputDim: number;
  /** Feature dimension n_L. */
  readonly outputDim: number;
}

/** A layer given as arrays: `weight` as rows (`outputs x inputs`) or `{ data, rows, cols }`. */
export interface DenseLayerInput {
  readonly weight: MatrixInput;
  /** Defaults to zeros. */
  readonly bias?: ArrayLike<number>;
}

export interface MlpInput {
  readonly layers: readonly DenseLayerInput[];
  readonly activation: ActivationName;
  /** Multiplies the features; default 1. */
  readonly outputScale?: number;
}

/**
 * Validates and packs an MLP feature map. Layer shapes must chain (each layer's inputs are
 * the previous one's outputs); every weight and bias must be finite.
 *
 * @example
 * const net = mlp({ layers: [{ weight: [[1, 0], [0, 2], [1, 1]], bias: [0, 0, 0] }], activation: 'tanh' });
 * net.inputDim  // 2
 * net.outputDim // 3
 */
export function mlp(input: MlpInput): Mlp {
  if (typeof input !== 'object' || input === null || !Array.isArray(input.layers)) {
    throw new GeoError('BAD_TYPE', 'net must be { layers: [...], activation }', { argument: 'net' });
  }
  getActivation(input.activation, 'net.activation');
  const outputScale = input.outputScale ?? 1;
  assertFiniteNumber(outputScale, 'net.outputScale');
  if (input.layers.length === 0) {
    throw new GeoError('BAD_LENGTH', 'net.layers must hold at least one layer', { argument: 'net.layers', expected: '>= 1', actual: 0 });
  }
  const layers: DenseLayer[] = [];
  input.layers.forEach((layer, i) => {
    const w = toMatrix(layer.weight, `net.layers[${i}].weight`);
    if (w.rows === 0 || w.cols === 0) {
      throw new GeoError('BAD_SHAPE', `net.layers[${i}].weight must be non-empty`, { argument: `net.layers[${i}].weight`, actual: [w.rows, w.cols] });
    }
    const prev = layers[i - 1];
    if (prev !== undefined && prev.outputs !== w.cols) {
      throw new GeoError('BAD_SHAPE', `net.layers[${i}].weight has ${w.cols} columns but layer ${i - 1} has ${prev.outputs} outputs`, {
        argument: `net.layers[${i}].weight`,
        expected: [w.rows, prev.outputs],
        actual: [w.rows, w.cols],
      });
    }
    let bias: Float64Array;
    if (layer.bias === undefined) bias = new Float64Array(w.rows);
    else {
      assertShape(layer.bias, [w.rows], `net.layers[${i}].bias`);
      assertFinite(layer.bias, `net.layers[${i}].bias`);
      bias = Float64Array.from(layer.bias);
    }
    layers.push({ weight: Float64Array.from(w.data), bias, inputs: w.cols, outputs: w.rows });
  });
  const first = layers[0] as DenseLayer;
  const last = layers[layers.length - 1] as DenseLayer;
  return { layers, activation: input.activation, outputScale, inputDim: first.inputs, outputDim: last.outputs };
}

export interface RandomMlpOptions {
  readonly activation: ActivationName;
  /** Root seed of the weights. */
  readonly seed: number;
  /** Weights W_ij ~ N(0, weightScale^2 / fan_in); default 1. */
  readonly weightScale?: number;
  /** Biases ~ N(0, biasStd^2); default 0. */
  readonly biasStd?: number;
  /** Feature scale; default 1/sqrt(last width), the paper's normalisation. */
  readonly outputScale?: number;
}

/**
 * A random MLP with layer widths `sizes = [d, n_1, ..., n_L]`, Gaussian weights of variance
 * weightScale^2 / fan_in and Gaussian biases, drawn from `seed` (layer l from the stream
 * `derive('layer', l)`, so widening one layer leaves the others unchanged).
 *
 * @example
 * const net = randomMlp([2, 250], { activation: 'erf', seed: 1 });
 * net.outputScale // 1 / sqrt(250)
 */
export function randomMlp(sizes: readonly number[], options: RandomMlpOptions): Mlp {
  if (!Array.isArray(sizes) || sizes.length < 2) {
    throw new GeoError('BAD_LENGTH', 'sizes must list the input dimension and at least one layer width', { argument: 'sizes', expected: '>= 2', actual: sizes?.length });
  }
  sizes.forEach((s, i) => assertInteger(s, `sizes[${i}]`, { min: 1 }));
  const weightScale = options.weightScale ?? 1;
  const biasStd = options.biasStd ?? 0;
  assertFiniteNumber(weightScale, 'options.weightScale');
  assertFiniteNumber(biasStd, 'options.biasStd');
  const root = createRng(options.seed);
  const layers: DenseLayerInput[] = [];
  for (let l = 1; l < sizes.length; l++) {
    const fanIn = sizes[l - 1] as number;
    const width = sizes[l] as number;
    const rng = root.derive('layer', l);
    const weight = rng.fillNormal(new Float64Array(width * fanIn), 0, weightScale / Math.sqrt(fanIn));
    const bias = biasStd === 0 ? new Float64Array(width) : rng.derive('bias').fillNormal(new Float64Array(width), 0, biasStd);
    layers.push({ weight: { data: weight, rows: width, cols: fanIn }, bias });
  }
  const last = sizes[sizes.length - 1] as number;
  return mlp({ layers, activation: options.activation, outputScale: options.outputScale ?? 1 / Math.sqrt(last) });
}

/** Throws unless `net` looks like an Mlp built by `mlp()` / `randomMlp()`. */
export function assertMlp(net: unknown, name = 'net'): asserts net is Mlp {
  const n = net as Partial<Mlp> | null;
  if (typeof n !== 'object' || n === null || !Array.isArray(n.layers) || typeof n.inputDim !== 'number' || typeof n.outputScale !== 'number') {
    throw new GeoError('BAD_TYPE', `${name} must be an Mlp (build one with mlp() or randomMlp())`, { argument: name });
  }
}

/**
 * The features Phi(x) of each point, row-major `count x outputDim`.
 *
 * @example
 * const net = mlp({ layers: [{ weight: [[1, 0], [0, 1]] }], activation: 'linear' });
 * mlpForward(net, [[3, 4]]) // Float64Array [3, 4]
 */
export function mlpForward(net: Mlp, x: PointsInput, out?: Float64Array): Float64Array {
  assertMlp(net);
  const pts = toPoints(x, net.inputDim, 'x');
  const result = checkOut(out, pts.count * net.outputDim, 'out');
  const act = getActivation(net.activation);
  let maxWidth = net.inputDim;
  for (const layer of net.layers) maxWidth = Math.max(maxWidth, layer.outputs);
  let a = new Float64Array(maxWidth);
  let next = new Float64Array(maxWidth);
  for (let p = 0; p < pts.count; p++) {
    a.set(pts.data.subarray(p * pts.dim, (p + 1) * pts.dim));
    for (const layer of net.layers) {
      const { weight, bias, inputs, outputs } = layer;
      for (let i = 0; i < outputs; i++) {
        let h = bias[i] as number;
        const off = i * inputs;
        for (let k = 0; k < inputs; k++) h += (weight[off + k] as number) * (a[k] as number);
        next[i] = act.f(h);
      }
      [a, next] = [next, a];
    }
    for (let i = 0; i < net.outputDim; i++) result[p * net.outputDim + i] = net.outputScale * (a[i] as number);
  }
  return result;
}

/** Validates or allocates an output buffer of `length` float64 entries. */
export function checkOut(out: Float64Array | undefined, length: number, name: string): Float64Array {
  if (out === undefined) return new Float64Array(length);
  if (!(out instanceof Float64Array) || out.length !== length) {
    throw new GeoError('BAD_SHAPE', `${name} must be a Float64Array of length ${length}`, {
      argument: name,
      expected: length,
      actual: out instanceof Float64Array ? out.length : typeof out,
    });
  }
  return out;
}

/**
 * Scratch space for propagating value, Jacobian and (optionally) Hessians of one point
 * through an MLP; reused across points so the batched kernels allocate once.
 */
export interface MlpWorkspace {
  readonly act: Activation;
  /** Pre-activations of the current layer. */
  readonly h: Float64Array;
  /** Jacobian of the current activations, `width x d`. */
  jac: Float64Array;
  jacNext: Float64Array;
  /** Hessians of the current activations, `width x d x d` (only when requested). */
  hess: Float64Array;
  hessNext: Float64Array;
  /** Activations. */
  a: Float64Array;
  aNext: Float64Array;
  /** phi'(h) and phi''(h) of the last layer. */
  readonly d1: Float64Array;
  readonly d2: Float64Array;
  /** Jacobian of the last pre-activation h_L (before phi), `n_L x d`. */
  readonly preJac: Float64Array;
}

export function mlpWorkspace(net: Mlp, withHessian: boolean): MlpWorkspace {
  const d = net.inputDim;
  let w = d;
  for (const layer of net.layers) w = Math.max(w, layer.outputs);
  const hessLen = withHessian ? w * d * d : 0;
  return {
    act: getActivation(net.activation),
    h: new Float64Array(w),
    jac: new Float64Array(w * d),
    jacNext: new Float64Array(w * d),
    hess: new Float64Array(hessLen),
    hessNext: new Float64Array(hessLen),
    a: new Float64Array(w),
    aNext: new Float64Array(w),
    d1: new Float64Array(w),
    d2: new Float64Array(w),
    preJac: new Float64Array(w * d),
  };
}

/**
 * Forward-mode propagation of one point x (at `x[off..off+d)`): leaves the Jacobian of the
 * final activations in `ws.jac` (n_L x d), and, when
 * `withHessian`, their Hessians in `ws.hess` (n_L x d x d). Also keeps phi'(h_L), phi''(h_L)
 * and the pre-activation Jacobian of the last layer, which the shallow closed forms use.
 * The chain rule: dh_l = W_l da_{l-1}; da_l = phi'(h_l) dh_l;
 * d2a_l = phi''(h_l) dh_l dh_l^T + phi'(h_l) W_l d2a_{l-1}.
 */
export function propagate(net: Mlp, x: Float64Array, off: number, ws: MlpWorkspace, withHessian: boolean): void {
  const d = net.inputDim;
  const dd = d * d;
  const act = ws.act;
  // Layer 0 "activations" are the inputs, with identity Jacobian and zero Hessian.
  for (let k = 0; k < d; k++) ws.a[k] = x[off + k] as number;
  ws.jac.fill(0, 0, d * d);
  for (let k = 0; k < d; k++) ws.jac[k * d + k] = 1;
  if (withHessian) ws.hess.fill(0, 0, d * dd);
  let first = true;
  for (let l = 0; l < net.layers.length; l++) {
    const { weight, bias, inputs, outputs } = net.layers[l] as DenseLayer;
    const last = l === net.layers.length - 1;
    for (let i = 0; i < outputs; i++) {
      const wOff = i * inputs;
      let h = bias[i] as number;
      for (let k = 0; k < inputs; k++) h += (weight[wOff + k] as number) * (ws.a[k] as number);
      const f1 = act.df(h);
      const f2 = withHessian || last ? act.d2f(h) : 0;
      // The last layer's values are not needed for derivatives (and phi can be costly: erf).
      if (!last) ws.aNext[i] = act.f(h);
      if (last) {
        ws.h[i] = h;
        ws.d1[i] = f1;
        ws.d2[i] = f2;
      }
      // dh = W_i . jac  (the first layer's jac is the identity: dh = W_i).
      const jOff = i * d;
      if (first) {
        for (let m = 0; m < d; m++) ws.preJac[jOff + m] = weight[wOff + m] as number;
      } else {
        for (let m = 0; m < d; m++) ws.preJac[jOff + m] = 0;
        for (let k = 0; k < inputs; k++) {
          const wik = weight[wOff + k] as number;
          if (wik === 0) continue;
          const src = k * d;
          for (let m = 0; m < d; m++) ws.preJac[jOff + m] = (ws.preJac[jOff + m] as number) + wik * (ws.jac[src + m] as number);
        }
      }
      for (let m = 0; m < d; m++) ws.jacNext[jOff + m] = f1 * (ws.preJac[jOff + m] as number);
      if (withHessian) {
        const hOff = i * dd;
        for (let m = 0; m < d; m++) {
          const pm = ws.preJac[jOff + m] as number;
          for (let q = 0; q < d; q++) ws.hessNext[hOff + m * d + q] = f2 * pm * (ws.preJac[jOff + q] as number);
        }
        if (!first) {
          for (let k = 0; k < inputs; k++) {
            const c = f1 * (weight[wOff + k] as number);
            if (c === 0) continue;
            const src = k * dd;
            for (let e = 0; e < dd; e++) ws.hessNext[hOff + e] = (ws.hessNext[hOff + e] as number) + c * (ws.hess[src + e] as number);
          }
        }
      }
    }
    [ws.a, ws.aNext] = [ws.aNext, ws.a];
    [ws.jac, ws.jacNext] = [ws.jacNext, ws.jac];
    if (withHessian) [ws.hess, ws.hessNext] = [ws.hessNext, ws.hess];
    first = false;
  }
}

/**
 * The Jacobian dPhi/dx of each point, exact (forward-mode chain rule in float64), as
 * row-major `count x outputDim x inputDim`.
 *
 * @example
 * const net = mlp({ layers: [{ weight: [[2, 0], [0, 3]] }], activation: 'linear' });
 * mlpJacobian(net, [[0, 0]]) // Float64Array [2, 0, 0, 3]
 */
export function mlpJacobian(net: Mlp, x: PointsInput, out?: Float64Array): Float64Array {
  assertMlp(net);
  const pts: Points = toPoints(x, net.inputDim, 'x');
  const n = net.outputDim;
  const d = net.inputDim;
  const result = checkOut(out, pts.count * n * d, 'out');
  const ws = mlpWorkspace(net, false);
  const s = net.outputScale;
  for (let p = 0; p < pts.count; p++) {
    propagate(net, pts.data, p * d, ws, false);
    const base = p * n * d;
    for (let e = 0; e < n * d; e++) result[base + e] = s * (ws.jac[e] as number);
  }
  return result;
}
