// The Euclidean graph meta-network: node and edge encoders, message-passing layers with edge
// features, invariant readout, MLP head.
import * as tf from '@tensorflow/tfjs-core';
import { assertInRange, assertInteger } from '@geo/core';
import { ParamStore } from '@geo/gth-gmn/tf';
import type { ParamGraph } from '@geo/param-graph';
import type { BatchModel } from '../tf-training/train-loop.js';
import type { Dense, Mlp } from '../tf-training/dense.js';
import { applyDense, applyMlp, dense, mlp } from '../tf-training/dense.js';
import type { LayerStats } from '../tf-training/layer-stats.js';
import type { FixedArchitecture } from '../tf-training/setup.js';
import type { GraphBatch } from './graph-input.js';
import { NUM_EDGE_FEATURES, NUM_NODE_TYPES, nodeFeatureWidth, packGraphBatch } from './graph-input.js';
import type { MessageLayer } from './message-passing.js';
import { applyMessageLayer, messageLayer } from './message-passing.js';
import { graphReadout } from './readout.js';

export interface GmnConfig {
  /** Width d of node and edge states. */
  readonly width: number;
  /** Message-passing layers. */
  readonly layers: number;
  /** Hidden width of the MLP head. */
  readonly headHidden: number;
  /** Dropout rate after the head's hidden layer while training. */
  readonly dropout: number;
}

/**
 * The GMN over parameter graphs of last snapshots. `forward` reads items of a list of
 * `ParamGraph`s (any widths mixed; depth, inputs and outputs fixed by `arch`), standardising
 * edge weights with `stats`.
 *
 * @example
 * const net = new GmnModel(arch, stats, config, 10, seed);
 * const logits = net.forward(graphs, [0, 1], { training: false, seed: 0 }); // [2, 10]
 */
export class GmnModel implements BatchModel<readonly ParamGraph[]> {
  readonly store: ParamStore;
  readonly nodeEncoder: Dense;
  readonly edgeEncoder: Dense;
  readonly layers: readonly MessageLayer[];
  readonly head: Mlp;
  readonly variables: readonly tf.Variable[];

  constructor(
    readonly architecture: FixedArchitecture,
    readonly stats: LayerStats,
    readonly config: GmnConfig,
    readonly outputs: number,
    seed: number,
  ) {
    assertInteger(config.width, 'config.width', { min: 1 });
    assertInteger(config.layers, 'config.layers', { min: 1 });
    assertInteger(config.headHidden, 'config.headHidden', { min: 1 });
    assertInRange(config.dropout, 'config.dropout', { min: 0, max: 1, maxInclusive: false });
    assertInteger(outputs, 'outputs', { min: 1 });
    const d = config.width;
    this.store = new ParamStore(seed);
    this.nodeEncoder = dense(this.store, 'encode.node', nodeFeatureWidth(architecture), d);
    this.edgeEncoder = dense(this.store, 'encode.edge', NUM_EDGE_FEATURES, d);
    const layers: MessageLayer[] = [];
    for (let i = 0; i < config.layers; i++) layers.push(messageLayer(this.store, `mp${i}`, d, i + 1 < config.layers));
    this.layers = layers;
    this.head = mlp(this.store, 'head', [(1 + NUM_NODE_TYPES) * d, config.headHidden, outputs]);
    this.variables = [...this.store.variables.values()];
  }

  /** Node states after every layer and the invariant readout `[B, 5 d]` of a packed batch. */
  embed(batch: GraphBatch): { readonly nodes: tf.Tensor2D; readonly readout: tf.Tensor2D } {
    return tf.tidy(() => {
      let h = tf.relu(applyDense(batch.x, this.nodeEncoder)) as tf.Tensor2D;
      let e = tf.relu(applyDense(batch.edgeFeatures, this.edgeEncoder)) as tf.Tensor2D;
      for (const layer of this.layers) ({ h, e } = applyMessageLayer(layer, batch, h, e));
      return { nodes: h, readout: graphReadout(batch, h) };
    });
  }

  /** Head outputs; the batch tensors it creates are freed by the caller's tidy (the training loop's gradient scope, or predict's). */
  forward(data: readonly ParamGraph[], indices: readonly number[], mode: { readonly training: boolean; readonly seed: number }): tf.Tensor2D {
    const batch = packGraphBatch(
      indices.map((i) => data[i] as ParamGraph),
      this.architecture,
      this.stats,
    );
    return applyMlp(this.embed(batch).readout, this.head, mode.training ? { dropout: this.config.dropout, seed: mode.seed, key: 'gmn.head' } : {}) as tf.Tensor2D;
  }

  dispose(): void {
    this.store.dispose();
  }
}
