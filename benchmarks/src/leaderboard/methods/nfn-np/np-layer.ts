// The NP-equivariant linear layer of Zhou et al. 2023 ("Permutation Equivariant Neural
// Functionals", NFN-NP): weight-space features in, weight-space features out, commuting with
// every permutation of hidden neurons.
import * as tf from '@tensorflow/tfjs-core';
import { GeoError, assertInteger } from '@geo/core';
import type { ParamStore } from '@geo/gth-gmn/tf';
import { linear } from '../tf-training/dense.js';

/**
 * Weight-space features of a batch of B MLPs with L layers: `weights[l]` is
 * `[B, n_{l+1}, n_l, c]` (rows: the neurons layer l feeds, columns: its inputs, as the
 * trajectory's `weights[l]`) and `biases[l]` is `[B, n_{l+1}, c]`.
 */
export interface WeightSpaceFeatures {
  readonly weights: readonly tf.Tensor4D[];
  readonly biases: readonly tf.Tensor3D[];
}

/**
 * The names of the terms of output tensor W_l / b_l, each a `[cIn, cOut]` matrix applied to a
 * pooled or broadcast input (means, not sums, so widths do not matter):
 * - `self`: W_l[j,k];  `row`: mean_k' W_l[j,k'];  `col`: mean_j' W_l[j',k]
 * - `prev`: mean_q W_{l-1}[k,q] (row means of the layer below, indexed by W_l's column k)
 * - `next`: mean_p W_{l+1}[p,j] (column means of the layer above, indexed by W_l's row j)
 * - `bias`: b_l[j];  `biasPrev`: b_{l-1}[k]
 * - `global` (`[2 L cIn, cOut]`): the full means of every W_s and b_s, broadcast everywhere
 * For b_l[j]: `self` b_l[j], `row`, `next`, `global`. Each output tensor also has an `offset`.
 */
export const WEIGHT_TERMS = ['self', 'row', 'col', 'prev', 'next', 'bias', 'biasPrev'] as const;
export const BIAS_TERMS = ['self', 'row', 'next'] as const;

export type WeightTerm = (typeof WEIGHT_TERMS)[number];
export type BiasTerm = (typeof BIAS_TERMS)[number];

/** One NP layer's variables: per output layer l, its weight and bias terms. */
export interface NpLayer {
  readonly numLayers: number;
  readonly cIn: number;
  readonly cOut: number;
  readonly weight: readonly { readonly terms: Readonly<Partial<Record<WeightTerm, tf.Variable>>>; readonly global: tf.Variable; readonly offset: tf.Variable }[];
  readonly bias: readonly { readonly terms: Readonly<Partial<Record<BiasTerm, tf.Variable>>>; readonly global: tf.Variable; readonly offset: tf.Variable }[];
}

/** Which terms exist for output layer l of L (no `prev`/`biasPrev` at the first layer, no `next` at the last). */
export function weightTermsOf(l: number, L: number): WeightTerm[] {
  return WEIGHT_TERMS.filter((t) => !((t === 'prev' || t === 'biasPrev') && l === 0) && !(t === 'next' && l === L - 1));
}

/** Which bias terms exist for output layer l of L. */
export function biasTermsOf(l: number, L: number): BiasTerm[] {
  return BIAS_TERMS.filter((t) => !(t === 'next' && l === L - 1));
}

/**
 * Creates an NP layer for L-layer MLPs mapping cIn to cOut channels. Each term matrix starts
 * uniform in ±sqrt(6 / ((cIn + cOut) x number of terms)), so the sum of terms keeps roughly
 * the scale of one Glorot layer.
 *
 * @example
 * const layer = npLayer(store, 'np.0', 3, 1, 16);
 */
export function npLayer(store: ParamStore, name: string, numLayers: number, cIn: number, cOut: number): NpLayer {
  assertInteger(numLayers, 'numLayers', { min: 1 });
  assertInteger(cIn, 'cIn', { min: 1 });
  assertInteger(cOut, 'cOut', { min: 1 });
  const L = numLayers;
  const weight = [];
  const bias = [];
  for (let l = 0; l < L; l++) {
    const wt = weightTermsOf(l, L);
    const limitW = Math.sqrt(6 / ((cIn + cOut) * (wt.length + 1)));
    const terms: Partial<Record<WeightTerm, tf.Variable>> = {};
    for (const t of wt) terms[t] = store.add(`${name}.W${l}.${t}`, [cIn, cOut], { uniform: limitW });
    weight.push({ terms, global: store.add(`${name}.W${l}.global`, [2 * L * cIn, cOut], { uniform: limitW }), offset: store.add(`${name}.W${l}.offset`, [cOut], 'zeros') });
    const bt = biasTermsOf(l, L);
    const limitB = Math.sqrt(6 / ((cIn + cOut) * (bt.length + 1)));
    const bterms: Partial<Record<BiasTerm, tf.Variable>> = {};
    for (const t of bt) bterms[t] = store.add(`${name}.b${l}.${t}`, [cIn, cOut], { uniform: limitB });
    bias.push({ terms: bterms, global: store.add(`${name}.b${l}.global`, [2 * L * cIn, cOut], { uniform: limitB }), offset: store.add(`${name}.b${l}.offset`, [cOut], 'zeros') });
  }
  return { numLayers: L, cIn, cOut, weight, bias };
}

/** x [..., cIn] times m [cIn, cOut] as one 2-D matmul. */
function mix(x: tf.Tensor, m: tf.Tensor): tf.Tensor {
  const [cIn, cOut] = m.shape as [number, number];
  return tf.reshape(linear(tf.reshape(x, [-1, cIn]) as tf.Tensor2D, m as tf.Tensor2D), [...x.shape.slice(0, -1), cOut]);
}

/**
 * Checks that features fit an NP layer: L weight and bias tensors, one batch size, cIn
 * channels, and neighbouring layers agreeing on the neuron counts they share.
 */
export function checkFeatures(x: WeightSpaceFeatures, L: number, cIn: number, name = 'x'): void {
  if (typeof x !== 'object' || x === null || !Array.isArray(x.weights) || !Array.isArray(x.biases) || x.weights.length !== L || x.biases.length !== L) {
    throw new GeoError('BAD_LENGTH', `${name} must hold ${L} weight and ${L} bias tensors`, { argument: name, expected: L });
  }
  const B = (x.weights[0] as tf.Tensor4D).shape[0];
  for (let l = 0; l < L; l++) {
    const w = x.weights[l] as tf.Tensor4D;
    const b = x.biases[l] as tf.Tensor3D;
    const [bw, rows, cols, c] = w.shape;
    const ok = w.rank === 4 && b.rank === 3 && bw === B && b.shape[0] === B && c === cIn && b.shape[2] === cIn && b.shape[1] === rows;
    const prevRows = l > 0 ? (x.weights[l - 1] as tf.Tensor4D).shape[1] : cols;
    if (!ok || prevRows !== cols) {
      throw new GeoError('BAD_SHAPE', `${name}.weights[${l}] / biases[${l}] have shapes [${w.shape}] / [${b.shape}]; expected [B, n_${l + 1}, n_${l}, ${cIn}] / [B, n_${l + 1}, ${cIn}] with n_${l} = ${prevRows}`, {
        argument: `${name}.weights[${l}]`,
        actual: w.shape,
      });
    }
  }
}

/**
 * The invariant vector of an NP layer: the full mean of every W_s and b_s, `[B, 2 L c]`
 * (W_0, b_0, W_1, b_1, ...).
 */
export function fullMeans(x: WeightSpaceFeatures): tf.Tensor2D {
  const parts: tf.Tensor[] = [];
  x.weights.forEach((w, l) => {
    parts.push(tf.mean(w, [1, 2]));
    parts.push(tf.mean(x.biases[l] as tf.Tensor3D, 1));
  });
  return tf.concat(parts, 1) as tf.Tensor2D;
}

/**
 * Applies an NP layer: for every output W_l and b_l, the sum of its terms (see WEIGHT_TERMS)
 * plus an offset. Equivariant to any permutation of the hidden neurons of every layer
 * (permuting rows of W_l, b_l and columns of W_{l+1} alike); the input and output neurons are
 * treated with shared parameters too, so the layer is also equivariant to permutations of
 * those (a subspace of the NP layer; the model adds input/output position embeddings so it can
 * tell fixed neurons apart, as nfn's `io_embed`).
 *
 * @example
 * const y = applyNpLayer(layer, { weights: [w0, w1], biases: [b0, b1] });
 */
export function applyNpLayer(layer: NpLayer, x: WeightSpaceFeatures): WeightSpaceFeatures {
  const L = layer.numLayers;
  checkFeatures(x, L, layer.cIn);
  return tf.tidy(() => {
    const g = fullMeans(x);
    const rowMeans = x.weights.map((w) => tf.mean(w, 2)); // [B, n_{l+1}, c]: at row j
    const colMeans = x.weights.map((w) => tf.mean(w, 1)); // [B, n_l, c]: at column k
    const weights: tf.Tensor4D[] = [];
    const biases: tf.Tensor3D[] = [];
    for (let l = 0; l < L; l++) {
      const wp = layer.weight[l] as NpLayer['weight'][number];
      const t = wp.terms;
      const B = (x.weights[l] as tf.Tensor4D).shape[0];
      const globalTerm = tf.reshape(tf.add(mix(g, wp.global), wp.offset), [B, 1, layer.cOut]);
      let atRow = tf.add(mix(rowMeans[l] as tf.Tensor, t.row as tf.Variable), mix(x.biases[l] as tf.Tensor, t.bias as tf.Variable));
      if (t.next !== undefined) atRow = tf.add(atRow, mix(colMeans[l + 1] as tf.Tensor, t.next));
      atRow = tf.add(atRow, globalTerm);
      let atCol = mix(colMeans[l] as tf.Tensor, t.col as tf.Variable);
      if (t.prev !== undefined) atCol = tf.add(atCol, mix(rowMeans[l - 1] as tf.Tensor, t.prev));
      if (t.biasPrev !== undefined) atCol = tf.add(atCol, mix(x.biases[l - 1] as tf.Tensor, t.biasPrev));
      const self = mix(x.weights[l] as tf.Tensor, t.self as tf.Variable);
      // reshape, not expandDims: ExpandDims has no registered gradient under plain tfjs-core
      const [, rows, cols] = (x.weights[l] as tf.Tensor4D).shape;
      weights.push(tf.add(tf.add(self, tf.reshape(atRow, [B, rows, 1, layer.cOut])), tf.reshape(atCol, [B, 1, cols, layer.cOut])) as tf.Tensor4D);

      const bp = layer.bias[l] as NpLayer['bias'][number];
      let b = tf.add(mix(x.biases[l] as tf.Tensor, bp.terms.self as tf.Variable), mix(rowMeans[l] as tf.Tensor, bp.terms.row as tf.Variable));
      if (bp.terms.next !== undefined) b = tf.add(b, mix(colMeans[l + 1] as tf.Tensor, bp.terms.next));
      b = tf.add(b, tf.reshape(tf.add(mix(g, bp.global), bp.offset), [B, 1, layer.cOut]));
      biases.push(b as tf.Tensor3D);
    }
    return { weights, biases };
  });
}

/** ReLU on every tensor of a feature set. */
export function reluFeatures(x: WeightSpaceFeatures): WeightSpaceFeatures {
  return { weights: x.weights.map((w) => tf.relu(w)), biases: x.biases.map((b) => tf.relu(b)) };
}
