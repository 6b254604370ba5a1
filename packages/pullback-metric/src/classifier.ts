import { GeoError, assertFinite, assertInRange, assertInteger, assertOneOf, assertPositive, createRng } from '@geo/core';
import { activation as getActivation, type ActivationName } from './activation.js';
import { randomMlp, type Mlp } from './mlp.js';
import { toPoints, type PointsInput } from './points.js';

/**
 * A shallow classifier: features Phi(x) = phi(W x + b) / sqrt(n) (the map whose geometry
 * this package studies) and a linear softmax readout logits = V Phi(x) + c.
 */
export interface ShallowClassifier {
  readonly features: Mlp;
  /** Row-major `classes x n`. */
  readonly readout: Float64Array;
  readonly readoutBias: Float64Array;
  readonly classes: number;
}

export interface TrainOptions {
  readonly width: number;
  readonly activation: ActivationName;
  readonly classes: number;
  readonly seed: number;
  /** Adam steps (full batch unless batchSize is set). */
  readonly steps: number;
  /** Default 0.01. */
  readonly learningRate?: number;
  /** `adam` (default) or `sgd` with heavy-ball momentum (PyTorch's convention). */
  readonly optimizer?: 'adam' | 'sgd';
  /** SGD momentum; default 0.9. */
  readonly momentum?: number;
  /** L2 penalty added to every gradient (PyTorch's weight_decay); default 0. */
  readonly weightDecay?: number;
  /** Minibatch size; default all points. */
  readonly batchSize?: number;
  /** Input-weight scale of the initialisation (W ~ N(0, weightScale^2 / d)); default 1. */
  readonly weightScale?: number;
  /** Default 0.5 (biases N(0, 0.25)): spreads the units' boundaries over the data. */
  readonly biasStd?: number;
  /** Input dimension; needed only when x is a flat buffer. */
  readonly inputDim?: number;
  /** Called after each step with the step index and the batch loss; return nothing. */
  readonly onStep?: (step: number, loss: number) => void;
  readonly signal?: AbortSignal;
}

/**
 * A fresh classifier with the paper's initialisation, drawn from `seed`: W ~ N(0, weightScale^2 / d),
 * b ~ N(0, biasStd^2), readout V ~ N(0, 1), c = 0.
 *
 * @example
 * const model = initShallowClassifier(2, { width: 250, activation: 'sigmoid', classes: 2, seed: 0 });
 */
export function initShallowClassifier(inputDim: number, options: Pick<TrainOptions, 'width' | 'activation' | 'classes' | 'seed' | 'weightScale' | 'biasStd'>): ShallowClassifier {
  assertInteger(options.classes, 'options.classes', { min: 2 });
  const features = randomMlp([inputDim, options.width], {
    activation: options.activation,
    seed: options.seed,
    weightScale: options.weightScale ?? 1,
    biasStd: options.biasStd ?? 0.5,
  });
  const readout = createRng(options.seed).derive('readout').fillNormal(new Float64Array(options.classes * options.width));
  return { features, readout, readoutBias: new Float64Array(options.classes), classes: options.classes };
}

/**
 * Logits of each point, row-major `count x classes`.
 *
 * @example
 * classifierLogits(model, [[0.1, 0.2]]) // Float64Array(classes)
 */
export function classifierLogits(model: ShallowClassifier, x: PointsInput): Float64Array {
  const { features } = model;
  const layer = features.layers[0];
  if (layer === undefined || features.layers.length !== 1) throw new GeoError('BAD_TYPE', 'model.features must be one layer', { argument: 'model' });
  const pts = toPoints(x, features.inputDim, 'x');
  const act = getActivation(features.activation);
  const n = layer.outputs;
  const d = layer.inputs;
  const C = model.classes;
  const out = new Float64Array(pts.count * C);
  const h = new Float64Array(n);
  for (let p = 0; p < pts.count; p++) {
    for (let j = 0; j < n; j++) {
      let z = layer.bias[j] as number;
      for (let m = 0; m < d; m++) z += (layer.weight[j * d + m] as number) * (pts.data[p * d + m] as number);
      h[j] = features.outputScale * act.f(z);
    }
    for (let c = 0; c < C; c++) {
      let s = model.readoutBias[c] as number;
      for (let j = 0; j < n; j++) s += (model.readout[c * n + j] as number) * (h[j] as number);
      out[p * C + c] = s;
    }
  }
  return out;
}

/**
 * The predicted class of each point (argmax of the logits).
 *
 * @example
 * classifierPredict(model, [[0.1, 0.2], [-0.5, 0.9]]) // Int32Array [1, 0]
 */
export function classifierPredict(model: ShallowClassifier, x: PointsInput): Int32Array {
  const logits = classifierLogits(model, x);
  const C = model.classes;
  const out = new Int32Array(logits.length / C);
  for (let p = 0; p < out.length; p++) {
    let best = 0;
    for (let c = 1; c < C; c++) if ((logits[p * C + c] as number) > (logits[p * C + best] as number)) best = c;
    out[p] = best;
  }
  return out;
}

/**
 * Trains a shallow classifier on the mean cross-entropy, all parameters (W, b, V, c)
 * together, by Adam or SGD with momentum and weight decay, full batch or minibatches drawn
 * from `seed` (a minibatch run walks through a fresh permutation each epoch). Starts from
 * `init` when given (its width and activation then win over the options'), else from
 * `initShallowClassifier(d, options)`; returns a new model and leaves `init` untouched. A plain, dependable trainer for
 * the reproduction tasks, not a fast one.
 *
 * @example
 * const model = trainShallowClassifier(x, labels, { width: 250, activation: 'erf', classes: 2, seed: 0, steps: 2000 });
 */
export function trainShallowClassifier(x: PointsInput, labels: ArrayLike<number>, options: TrainOptions, init?: ShallowClassifier): ShallowClassifier {
  assertInteger(options.width, 'options.width', { min: 1 });
  assertInteger(options.steps, 'options.steps', { min: 0 });
  const lr = options.learningRate ?? 0.01;
  assertPositive(lr, 'options.learningRate');
  if (typeof labels !== 'object' || labels === null || typeof labels.length !== 'number') {
    throw new GeoError('BAD_TYPE', 'labels must be an array of class indices', { argument: 'labels' });
  }
  const firstDim = init?.features.inputDim ?? options.inputDim ?? (Array.isArray(x) && typeof x[0] === 'object' ? (x[0] as ArrayLike<number>).length : (x as { cols?: number }).cols);
  if (firstDim === undefined) throw new GeoError('BAD_SHAPE', 'x is a flat buffer: pass options.inputDim', { argument: 'options.inputDim' });
  const pts = toPoints(x, firstDim, 'x');
  if (labels.length !== pts.count) throw new GeoError('BAD_LENGTH', `labels must have one entry per point (${pts.count}), got ${labels.length}`, { argument: 'labels', expected: pts.count, actual: labels.length });
  assertFinite(labels, 'labels');
  for (let i = 0; i < labels.length; i++) assertInteger(labels[i], `labels[${i}]`, { min: 0, max: options.classes - 1 });
  const batchSize = options.batchSize ?? pts.count;
  assertInteger(batchSize, 'options.batchSize', { min: 1 });
  const model = init ?? initShallowClassifier(pts.dim, options);
  const layer = model.features.layers[0] as Mlp['layers'][number];
  const W = Float64Array.from(layer.weight);
  const b = Float64Array.from(layer.bias);
  const V = Float64Array.from(model.readout);
  const c = Float64Array.from(model.readoutBias);
  const params = [W, b, V, c];
  const grads = params.map((p) => new Float64Array(p.length));
  const m1 = params.map((p) => new Float64Array(p.length));
  const m2 = params.map((p) => new Float64Array(p.length));
  const act = getActivation(model.features.activation);
  const n = layer.outputs;
  const d = pts.dim;
  const C = model.classes;
  const s = model.features.outputScale;
  const z = new Float64Array(n);
  const h = new Float64Array(n);
  const dh = new Float64Array(n);
  const logits = new Float64Array(C);
  const rng = createRng(options.seed).derive('batches');
  let order = rng.permutation(pts.count);
  let cursor = 0;
  const beta1 = 0.9;
  const beta2 = 0.999;
  const optimizer = options.optimizer ?? 'adam';
  assertOneOf(optimizer, ['adam', 'sgd'], 'options.optimizer');
  const momentum = options.momentum ?? 0.9;
  assertInRange(momentum, 'options.momentum', { min: 0, max: 1, maxInclusive: false });
  const weightDecay = options.weightDecay ?? 0;
  assertInRange(weightDecay, 'options.weightDecay', { min: 0 });
  for (let step = 0; step < options.steps; step++) {
    if (options.signal?.aborted === true) throw new GeoError('ABORTED', `training stopped at step ${step}`);
    for (const g of grads) g.fill(0);
    let loss = 0;
    const batch = Math.min(batchSize, pts.count);
    for (let k = 0; k < batch; k++) {
      if (cursor >= pts.count) {
        order = rng.permutation(pts.count);
        cursor = 0;
      }
      const p = batchSize >= pts.count ? k : (order[cursor++] as number);
      const xo = p * d;
      for (let j = 0; j < n; j++) {
        let t = b[j] as number;
        for (let m = 0; m < d; m++) t += (W[j * d + m] as number) * (pts.data[xo + m] as number);
        z[j] = t;
        h[j] = s * act.f(t);
      }
      let max = -Infinity;
      for (let k2 = 0; k2 < C; k2++) {
        let t = c[k2] as number;
        for (let j = 0; j < n; j++) t += (V[k2 * n + j] as number) * (h[j] as number);
        logits[k2] = t;
        max = Math.max(max, t);
      }
      let sum = 0;
      for (let k2 = 0; k2 < C; k2++) sum += Math.exp((logits[k2] as number) - max);
      const label = labels[p] as number;
      loss += max + Math.log(sum) - (logits[label] as number);
      dh.fill(0);
      for (let k2 = 0; k2 < C; k2++) {
        const dl = (Math.exp((logits[k2] as number) - max) / sum - (k2 === label ? 1 : 0)) / batch;
        (grads[3] as Float64Array)[k2] = ((grads[3] as Float64Array)[k2] as number) + dl;
        for (let j = 0; j < n; j++) {
          (grads[2] as Float64Array)[k2 * n + j] = ((grads[2] as Float64Array)[k2 * n + j] as number) + dl * (h[j] as number);
          dh[j] = (dh[j] as number) + dl * (V[k2 * n + j] as number);
        }
      }
      for (let j = 0; j < n; j++) {
        const dz = (dh[j] as number) * s * act.df(z[j] as number);
        if (dz === 0) continue;
        (grads[1] as Float64Array)[j] = ((grads[1] as Float64Array)[j] as number) + dz;
        for (let m = 0; m < d; m++) (grads[0] as Float64Array)[j * d + m] = ((grads[0] as Float64Array)[j * d + m] as number) + dz * (pts.data[xo + m] as number);
      }
    }
    const t = step + 1;
    const corr1 = 1 - beta1 ** t;
    const corr2 = 1 - beta2 ** t;
    for (let q = 0; q < params.length; q++) {
      const p = params[q] as Float64Array;
      const g = grads[q] as Float64Array;
      const a = m1[q] as Float64Array;
      const v = m2[q] as Float64Array;
      for (let i = 0; i < p.length; i++) {
        const gi = (g[i] as number) + weightDecay * (p[i] as number);
        if (optimizer === 'sgd') {
          // PyTorch SGD: buf = momentum * buf + g (buf = g on the first step); p -= lr * buf.
          a[i] = step === 0 ? gi : momentum * (a[i] as number) + gi;
          p[i] = (p[i] as number) - lr * (a[i] as number);
          continue;
        }
        a[i] = beta1 * (a[i] as number) + (1 - beta1) * gi;
        v[i] = beta2 * (v[i] as number) + (1 - beta2) * gi * gi;
        p[i] = (p[i] as number) - (lr * ((a[i] as number) / corr1)) / (Math.sqrt((v[i] as number) / corr2) + 1e-8);
      }
    }
    options.onStep?.(step, loss / batch);
  }
  const features: Mlp = { ...model.features, layers: [{ weight: W, bias: b, inputs: d, outputs: n }] };
  return { features, readout: V, readoutBias: c, classes: C };
}
