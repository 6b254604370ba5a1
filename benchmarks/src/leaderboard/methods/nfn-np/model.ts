// The NFN-NP meta-network: NP layers with ReLU, input/output position embeddings, invariant
// pooling, an MLP head.
import * as tf from '@tensorflow/tfjs-core';
import { GeoError, assertInRange, assertInteger } from '@geo/core';
import { ParamStore } from '@geo/gth-gmn/tf';
import type { BatchModel } from '../tf-training/train-loop.js';
import type { Mlp } from '../tf-training/dense.js';
import { applyMlp, mlp } from '../tf-training/dense.js';
import type { StandardisedModel } from './features.js';
import { stackModels } from './features.js';
import type { NpLayer, WeightSpaceFeatures } from './np-layer.js';
import { applyNpLayer, npLayer, reluFeatures } from './np-layer.js';
import { npPool, npPoolWidth } from './np-pool.js';

export interface NfnNpConfig {
  /** Channels of every hidden NP layer. */
  readonly channels: number;
  /** Number of NP layers (each followed by ReLU). */
  readonly npLayers: number;
  /** Hidden width of the MLP head. */
  readonly headHidden: number;
  /** Dropout rate after the head's hidden layer while training. */
  readonly dropout: number;
}

/** What the network reads: depth, and the fixed numbers of input and output neurons. */
export interface NfnArchitecture {
  readonly numLayers: number;
  readonly inputs: number;
  readonly outputs: number;
}

/**
 * NFN-NP over standardised last snapshots (one channel in), `outputs` head outputs.
 * `forward` runs on items of a list of `StandardisedModel`s of one architecture.
 *
 * @example
 * const net = new NfnNpModel({ numLayers: 3, inputs: 2, outputs: 1 }, config, 10, seed);
 * const logits = net.forward(models, [0, 1, 2], { training: false, seed: 0 }); // [3, 10]
 */
export class NfnNpModel implements BatchModel<readonly StandardisedModel[]> {
  readonly store: ParamStore;
  readonly layers: readonly NpLayer[];
  /** Learned position embeddings of the fixed neurons: `[n_0, c]` inputs, `[n_L, c]` outputs (weights), `[n_L, c]` output biases. */
  readonly inputEmbedding: tf.Variable;
  readonly outputEmbedding: tf.Variable;
  readonly outputBiasEmbedding: tf.Variable;
  readonly head: Mlp;
  readonly variables: readonly tf.Variable[];

  constructor(
    readonly architecture: NfnArchitecture,
    readonly config: NfnNpConfig,
    readonly outputs: number,
    seed: number,
  ) {
    assertInteger(architecture.numLayers, 'architecture.numLayers', { min: 1 });
    assertInteger(architecture.inputs, 'architecture.inputs', { min: 1 });
    assertInteger(architecture.outputs, 'architecture.outputs', { min: 1 });
    assertInteger(config.channels, 'config.channels', { min: 1 });
    assertInteger(config.npLayers, 'config.npLayers', { min: 1 });
    assertInteger(config.headHidden, 'config.headHidden', { min: 1 });
    assertInRange(config.dropout, 'config.dropout', { min: 0, max: 1, maxInclusive: false });
    assertInteger(outputs, 'outputs', { min: 1 });
    const { numLayers: L, inputs, outputs: nL } = architecture;
    const c = config.channels;
    this.store = new ParamStore(seed);
    const layers: NpLayer[] = [];
    for (let i = 0; i < config.npLayers; i++) layers.push(npLayer(this.store, `np${i}`, L, i === 0 ? 1 : c, c));
    this.layers = layers;
    this.inputEmbedding = this.store.add('io.inputs', [inputs, c], { uniform: 0.1 });
    this.outputEmbedding = this.store.add('io.outputs', [nL, c], { uniform: 0.1 });
    this.outputBiasEmbedding = this.store.add('io.outputBiases', [nL, c], { uniform: 0.1 });
    this.head = mlp(this.store, 'head', [npPoolWidth(L, inputs, nL, c), config.headHidden, outputs]);
    this.variables = [...this.store.variables.values()];
  }

  /** The pooled invariant embedding `[B, npPoolWidth]` of weight-space features with one channel. */
  embed(x: WeightSpaceFeatures): tf.Tensor2D {
    const { numLayers: L, inputs, outputs } = this.architecture;
    const first = x.weights[0];
    const last = x.weights[L - 1];
    if (x.weights.length !== L || first === undefined || last === undefined || first.shape[2] !== inputs || last.shape[1] !== outputs) {
      throw new GeoError('BAD_SHAPE', `the models must have ${L} layers, ${inputs} inputs and ${outputs} outputs (the training set's)`, {
        argument: 'trajectories',
        expected: { numLayers: L, inputs, outputs },
        actual: { numLayers: x.weights.length, inputs: first?.shape[2], outputs: last?.shape[1] },
      });
    }
    return tf.tidy(() => {
      let h = applyNpLayer(this.layers[0] as NpLayer, x);
      const c = this.config.channels;
      // Position embeddings of the fixed neurons, added before the first ReLU: W_0's columns
      // (inputs), W_{L-1}'s rows and b_{L-1} (outputs). Hidden neurons get none, so the
      // network stays equivariant to their permutations.
      const weights = [...h.weights];
      const biases = [...h.biases];
      weights[0] = tf.add(weights[0] as tf.Tensor4D, tf.reshape(this.inputEmbedding, [1, 1, inputs, c]));
      weights[L - 1] = tf.add(weights[L - 1] as tf.Tensor4D, tf.reshape(this.outputEmbedding, [1, outputs, 1, c]));
      biases[L - 1] = tf.add(biases[L - 1] as tf.Tensor3D, tf.reshape(this.outputBiasEmbedding, [1, outputs, c]));
      h = reluFeatures({ weights, biases });
      for (let i = 1; i < this.layers.length; i++) h = reluFeatures(applyNpLayer(this.layers[i] as NpLayer, h));
      return npPool(h);
    });
  }

  forward(data: readonly StandardisedModel[], indices: readonly number[], mode: { readonly training: boolean; readonly seed: number }): tf.Tensor2D {
    return tf.tidy(() => {
      const x = stackModels(indices.map((i) => data[i] as StandardisedModel));
      const z = this.embed(x);
      return applyMlp(z, this.head, mode.training ? { dropout: this.config.dropout, seed: mode.seed, key: 'nfn-np.head' } : {}) as tf.Tensor2D;
    });
  }

  dispose(): void {
    this.store.dispose();
  }
}
