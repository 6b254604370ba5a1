// The GTH-GMN model: Euclidean input embedding -> exp_0, stacked hyperbolic graph attention
// layers whose Q/K/V kernels a GRU evolves along the snapshots, and a permutation-invariant
// trajectory readout with a task head.
import * as tf from '@tensorflow/tfjs-core';
import { gatherRows } from '@geo/core/tf';
import { GeoError, assertInteger } from '@geo/core';
import type { GthGmnConfig, GthGmnConfigInput } from '../config.js';
import { resolveConfig } from '../config.js';
import { graphAttention } from './attention.js';
import type { AttentionWeights } from './attention.js';
import { euclideanGeometry, hyperbolicGeometry } from './geometry.js';
import type { TfGeometry } from './geometry.js';
import { segmentSum } from './segment.js';
import { NUM_EDGE_ATTRS, NUM_EDGE_TYPES, nodeInputWidth } from './inputs.js';
import type { PreparedBatch } from './inputs.js';
import { ParamStore } from './params.js';

/** What a forward pass returns (tensors owned by the caller, or by the enclosing tidy/grad). */
export interface ForwardResult {
  /** Node points on the ball after the last layer, one `[N, D]` tensor per snapshot used. */
  readonly nodeEmbeddings: tf.Tensor2D[];
  /** Attention weights of every layer and snapshot: `attention[t][layer]` is `[E, H]`. */
  readonly attention: tf.Tensor2D[][];
  /** Trajectory embedding `[B, G*D]` (tangent space at 0, pooled over snapshots). */
  readonly embedding: tf.Tensor2D;
  /** Task head output `[B, outputs]` (logits, regression values or ranking scores). */
  readonly output: tf.Tensor2D;
}

export interface ForwardOptions {
  /** Training mode (dropout on). */
  readonly training?: boolean;
  /** Seed of the dropout masks in training mode. */
  readonly seed?: number;
  /**
   * Run the per-snapshot recursion literally (one attention pass per snapshot) instead of
   * the batched pass over all snapshots; both compute the same function (tested), the
   * batched one with about T times fewer kernel dispatches. Dropout masks differ.
   */
  readonly sequential?: boolean;
}

/**
 * The hyperbolic temporal graph meta-network. Variables are created from `seed`; the
 * configuration is validated by `resolveConfig`.
 *
 * @example
 * const model = new GthGmn({ task: 'classification', outputs: 2 }, 1);
 * const batch = prepareBatch(trajectories, model.prepareOptions);
 * const { output } = model.forward(batch);
 */
export class GthGmn {
  readonly config: GthGmnConfig;
  readonly seed: number;
  readonly params: ParamStore;
  readonly geometry: TfGeometry;

  constructor(config: GthGmnConfigInput = {}, seed = 0) {
    this.config = resolveConfig(config);
    assertInteger(seed, 'seed', { min: 0 });
    this.seed = seed;
    const cfg = this.config;
    this.geometry = cfg.geometry === 'hyperbolic' ? hyperbolicGeometry(cfg.c) : euclideanGeometry();
    const p = new ParamStore(seed);
    this.params = p;
    const D = cfg.hiddenDim;
    const H = cfg.heads;
    const dh = cfg.headDim;
    const g = cfg.gruDim;
    p.add('enc.W', [nodeInputWidth(this.config.fixedNeuronSlots, this.config.rawStrengths), D], 'glorot');
    p.add('enc.b', [D], 'zeros');
    if (cfg.inputNorm) {
      p.add('enc.gamma', [D], { constant: 0.5 });
      p.add('enc.beta', [D], 'zeros');
    }
    for (let i = 0; i < cfg.layers; i++) {
      p.add(`L${i}.kernel`, [3 * H * dh, D], 'glorot');
      p.add(`L${i}.qkvBias`, [3 * H, dh], 'zeros');
      p.add(`L${i}.edgeW`, [NUM_EDGE_ATTRS, H], 'glorot');
      p.add(`L${i}.edgeB`, [H], 'zeros');
      if (cfg.edgeMessages) p.add(`L${i}.edgeV`, [NUM_EDGE_ATTRS, H * cfg.headDim], 'glorot');
      if (cfg.gate) {
        p.add(`L${i}.gateW`, [NUM_EDGE_TYPES, H], 'zeros');
        p.add(`L${i}.gateB`, [H], 'zeros');
      }
      p.add(`L${i}.outW`, [H * dh, D], 'glorot');
      p.add(`L${i}.outB`, [D], 'zeros');
      if (cfg.kernelEvolution === 'gru') {
        p.add(`G${i}.Wx`, [D, H * 3 * g], 'glorot');
        p.add(`G${i}.bx`, [H * 3 * g], 'zeros');
        p.add(`G${i}.Uh`, [H, g, 3 * g], 'glorot');
        p.add(`G${i}.Wout`, [H, g, g], 'glorot');
        p.add(`G${i}.bout`, [H, 1, g], 'zeros');
        // Small: the generated kernels start near the base kernel and drift from there.
        p.add(`G${i}.Wgen`, [H, g, 3 * dh * D], { uniform: 0.02 });
      }
    }
    // Fermi-Dirac decoder: learnable radius R and temperature T = exp(logT).
    p.add('fd.R', [1], { constant: cfg.fdRadius });
    p.add('fd.logT', [1], { constant: Math.log(cfg.fdTemperature) });
    if (cfg.regressionHead) {
      p.add('reg.sW', [D, 1], 'glorot');
      p.add('reg.sB', [1], 'zeros');
      p.add('reg.kW', [D, 1], 'glorot');
      p.add('reg.kB', [1], 'zeros');
      p.add('reg.aW', [D, 1], { uniform: 0.01 });
      // softplus^-1(slopePrior): the slopes start at the prior
      p.add('reg.aB', [1], { constant: Math.log(Math.expm1(cfg.slopePrior)) });
      p.add('reg.logNu', [1], 'zeros');
      p.add('reg.xiW', [D, D], 'glorot');
      p.add('reg.xiB', [D], 'zeros');
    }
    const G = cfg.readoutGroups === 'layer' ? undefined : 1;
    // The readout width depends on the architecture (groups per graph), so the head is built lazily.
    this.readoutGroups = G;
  }

  private readoutGroups: number | undefined;

  /** The `prepareBatch` options this model needs. */
  get prepareOptions(): { snapshots: 'all' | 'last'; selfLoops: boolean; readoutGroups: 'layer' | 'graph'; fixedNeuronSlots: number; rawStrengths: boolean } {
    const c = this.config;
    return { snapshots: c.snapshots, selfLoops: c.selfLoops, readoutGroups: c.readoutGroups, fixedNeuronSlots: c.fixedNeuronSlots, rawStrengths: c.rawStrengths };
  }

  /** Builds the task head for `groups` readout groups per graph (once; later calls must agree). */
  ensureHead(groups: number): void {
    if (this.readoutGroups !== undefined && this.params.variables.has('head.W1')) {
      if (this.readoutGroups !== groups) {
        throw new GeoError('BAD_SHAPE', `the model was built for ${this.readoutGroups} readout groups per graph, the batch has ${groups} (another architecture)`, { argument: 'batch', expected: this.readoutGroups, actual: groups });
      }
      return;
    }
    this.readoutGroups = groups;
    const width = groups * this.config.hiddenDim * (this.config.readoutSpread ? 2 : 1);
    this.params.add('head.W1', [width, this.config.headHidden], 'glorot');
    this.params.add('head.b1', [this.config.headHidden], 'zeros');
    this.params.add('head.W2', [this.config.headHidden, this.config.outputs], 'glorot');
    this.params.add('head.b2', [this.config.outputs], 'zeros');
  }

  /** Readout groups per graph the head was built for (undefined before the first batch). */
  get groupsPerGraph(): number | undefined {
    return this.params.variables.has('head.W1') ? this.readoutGroups : undefined;
  }

  /** Euclidean input embedding in T_0 (linear, layer norm, dropout), then exp_0. */
  private embedInputs(x: tf.Tensor2D, options: ForwardOptions, t: number): tf.Tensor2D {
    const p = this.params;
    let h = tf.add(tf.matMul(x, p.get('enc.W')), p.get('enc.b')) as tf.Tensor2D;
    if (this.config.inputNorm) {
      const D = this.config.hiddenDim;
      const mean = tf.div(tf.sum(h, 1, true), D);
      const c = tf.sub(h, mean);
      const v = tf.div(tf.sum(tf.square(c), 1, true), D);
      h = tf.add(tf.mul(tf.div(c, tf.sqrt(tf.add(v, 1e-5))), p.get('enc.gamma')), p.get('enc.beta'));
    }
    if (options.training === true && this.config.dropout > 0) {
      const keep = 1 - this.config.dropout;
      const mask = tf.cast(tf.less(tf.randomUniform(h.shape, 0, 1, 'float32', (options.seed ?? 0) * 1000 + t), keep), 'float32');
      h = tf.div(tf.mul(h, mask), keep);
    }
    return this.geometry.expmap0(h) as tf.Tensor2D;
  }

  /** One GRU step per head: u' = GRU(p, u) for p `[B, D]`, u `[H, B, g]`. */
  private gruStep(i: number, pIn: tf.Tensor2D, u: tf.Tensor3D): tf.Tensor3D {
    const p = this.params;
    const H = this.config.heads;
    const g = this.config.gruDim;
    const B = pIn.shape[0];
    const xg = tf.transpose(tf.reshape(tf.add(tf.matMul(pIn, p.get(`G${i}.Wx`)), p.get(`G${i}.bx`)), [B, H, 3 * g]), [1, 0, 2]);
    const hg = tf.matMul(u, p.get(`G${i}.Uh`) as tf.Tensor3D);
    const part = (x: tf.Tensor, j: number): tf.Tensor => tf.slice(x, [0, 0, j * g], [H, B, g]);
    const zt = tf.sigmoid(tf.add(part(xg, 0), part(hg, 0)));
    const rt = tf.sigmoid(tf.add(part(xg, 1), part(hg, 1)));
    const nt = tf.tanh(tf.add(part(xg, 2), tf.mul(rt, part(hg, 2))));
    return tf.add(tf.mul(tf.sub(1, zt), nt), tf.mul(zt, u)) as tf.Tensor3D;
  }

  /** Per-graph kernels `[B, 3*H*dh, D]` = base + phi(W_out u + b_out) W_gen. */
  private generatedKernel(i: number, u: tf.Tensor3D): tf.Tensor3D {
    const p = this.params;
    const { heads: H, headDim: dh, hiddenDim: D } = this.config;
    const B = u.shape[1];
    const hidden = tf.tanh(tf.add(tf.matMul(u, p.get(`G${i}.Wout`) as tf.Tensor3D), p.get(`G${i}.bout`)));
    const delta = tf.matMul(hidden as tf.Tensor3D, p.get(`G${i}.Wgen`) as tf.Tensor3D);
    const perGraph = tf.reshape(tf.transpose(tf.reshape(delta, [H, B, 3, dh, D]), [1, 2, 0, 3, 4]), [B, 3 * H * dh, D]);
    return tf.add(perGraph, p.get(`L${i}.kernel`)) as tf.Tensor3D;
  }

  private layerWeights(i: number, kernel: tf.Tensor): AttentionWeights {
    const p = this.params;
    const gate = this.config.gate;
    return {
      kernel,
      qkvBias: p.get(`L${i}.qkvBias`),
      edgeW: p.get(`L${i}.edgeW`),
      edgeB: p.get(`L${i}.edgeB`),
      ...(this.config.edgeMessages ? { edgeValue: p.get(`L${i}.edgeV`) } : {}),
      ...(gate ? { gateW: p.get(`L${i}.gateW`), gateB: p.get(`L${i}.gateB`) } : {}),
      outW: p.get(`L${i}.outW`),
      outB: p.get(`L${i}.outB`),
    };
  }

  /**
   * Per-graph readout `[graphs, G*D]`: log_0 of the Einstein midpoint of each group; with
   * `readoutSpread`, `[graphs, G*2D]`: each group's midpoint, then its spread. `graphs` is a
   * multiple of the batch's B (every snapshot's graphs at once), group ids as in `PreparedBatch.all`.
   */
  private readout(z: tf.Tensor2D, group: tf.Tensor1D, graphs: number, batch: PreparedBatch): tf.Tensor2D {
    const G = batch.groupsPerGraph;
    const D = this.config.hiddenDim;
    const geom = this.geometry;
    const coef = geom.midpointCoefficients(z);
    const num = segmentSum(tf.mul(coef.num, z), group, graphs * G);
    const den = segmentSum(coef.den, group, graphs * G);
    const m = geom.midpointFromSums(num, den);
    const mid = geom.logmap0(m) as tf.Tensor2D;
    if (!this.config.readoutSpread) return tf.reshape(mid, [graphs, G * D]) as tf.Tensor2D;
    const v = geom.logFrom(gatherRows(m, group), z);
    const counts = tf.reshape(tf.tile(batch.nodesPerGroup, [graphs / batch.numGraphs]), [graphs * G, 1]);
    const spread = tf.div(segmentSum(tf.square(v), group, graphs * G), counts);
    return tf.reshape(tf.concat([mid, spread], 1), [graphs, G * 2 * D]) as tf.Tensor2D;
  }

  /** Trajectory embedding from per-snapshot readouts `[T, B, G*D]`: mean or last over T. */
  private pool(readouts: tf.Tensor3D): tf.Tensor2D {
    const [T, B, W] = readouts.shape;
    if (this.config.temporalPool === 'last') return tf.reshape(tf.slice(readouts, [T - 1, 0, 0], [1, B, W]), [B, W]) as tf.Tensor2D;
    return tf.div(tf.sum(readouts, 0), T) as tf.Tensor2D;
  }

  private head(embedding: tf.Tensor2D): tf.Tensor2D {
    const p = this.params;
    const hidden = tf.tanh(tf.add(tf.matMul(embedding, p.get('head.W1')), p.get('head.b1')));
    return tf.add(tf.matMul(hidden, p.get('head.W2')), p.get('head.b2')) as tf.Tensor2D;
  }

  /**
   * The forward pass over a prepared batch. Call inside `tf.tidy` (or `tf.grad`) or dispose the results.
   *
   * @example
   * const { embedding, output } = model.forward(batch);
   */
  forward(batch: PreparedBatch, options: ForwardOptions = {}): ForwardResult {
    if (typeof batch !== 'object' || batch === null || !Array.isArray(batch.snapshots) || batch.all === undefined) {
      throw new GeoError('BAD_TYPE', 'batch must come from prepareBatch', { argument: 'batch' });
    }
    if (batch.snapshots.length === 0 || batch.snapshots[0]?.x.isDisposed === true) {
      throw new GeoError('BAD_TYPE', 'batch is empty or disposed', { argument: 'batch' });
    }
    this.ensureHead(batch.groupsPerGraph);
    return options.sequential === true ? this.forwardSequential(batch, options) : this.forwardBatched(batch, options);
  }

  /**
   * All snapshots at once: per layer, the T GRU steps (small ops) run first, then one
   * attention pass over the union of every snapshot's graphs with per-(snapshot, graph)
   * kernels. Layer l's GRU input at t is the mean of layer l's input at t - 1, which the
   * previous layer's batched pass has already computed, so this equals the per-snapshot
   * recursion with about T times fewer kernel dispatches.
   */
  private forwardBatched(batch: PreparedBatch, options: ForwardOptions): ForwardResult {
    const cfg = this.config;
    const B = batch.numGraphs;
    const T = batch.numSnapshots;
    const all = batch.all;
    const gru = cfg.kernelEvolution === 'gru';
    let z = this.embedInputs(all.x, options, 0);
    const attentionAll: tf.Tensor2D[] = [];
    const counts = gru ? tf.reshape(tf.tile(tf.reshape(batch.nodesPerGraph, [1, B]), [T, 1]), [T * B, 1]) : undefined;
    for (let i = 0; i < cfg.layers; i++) {
      let kernel: tf.Tensor = this.params.get(`L${i}.kernel`);
      if (gru) {
        const means = tf.reshape(tf.div(segmentSum(this.geometry.logmap0(z), all.nodeGraph, T * B), counts as tf.Tensor), [T, B, cfg.hiddenDim]);
        let u = tf.zeros([cfg.heads, B, cfg.gruDim]) as tf.Tensor3D;
        let prev = tf.zeros([B, cfg.hiddenDim]) as tf.Tensor2D;
        const kernels: tf.Tensor3D[] = [];
        for (let t = 0; t < T; t++) {
          u = this.gruStep(i, prev, u);
          kernels.push(this.generatedKernel(i, u));
          prev = tf.reshape(tf.slice(means, [t, 0, 0], [1, B, cfg.hiddenDim]), [B, cfg.hiddenDim]) as tf.Tensor2D;
        }
        kernel = kernels.length === 1 ? (kernels[0] as tf.Tensor3D) : tf.concat(kernels, 0);
      }
      const r = graphAttention(this.geometry, z, all, this.layerWeights(i, kernel), { heads: cfg.heads, headDim: cfg.headDim, residual: cfg.residual, uniformGraphSize: all.numNodes / (T * B) });
      z = r.z;
      attentionAll.push(r.alpha);
    }
    const nodeEmbeddings: tf.Tensor2D[] = [];
    const attention: tf.Tensor2D[][] = [];
    let n0 = 0;
    let e0 = 0;
    const D = cfg.hiddenDim;
    for (const s of batch.snapshots) {
      nodeEmbeddings.push(T === 1 ? z : (tf.slice(z, [n0, 0], [s.numNodes, D]) as tf.Tensor2D));
      attention.push(attentionAll.map((a) => (T === 1 ? a : (tf.slice(a, [e0, 0], [s.numEdges, cfg.heads]) as tf.Tensor2D))));
      n0 += s.numNodes;
      e0 += s.numEdges;
    }
    const readouts = tf.reshape(this.readout(z, all.group, T * B, batch), [T, B, -1]) as tf.Tensor3D;
    const embedding = this.pool(readouts);
    return { nodeEmbeddings, attention, embedding, output: this.head(embedding) };
  }

  /** The per-snapshot recursion as the paper states it (one attention pass per snapshot and layer). */
  private forwardSequential(batch: PreparedBatch, options: ForwardOptions): ForwardResult {
    const cfg = this.config;
    const B = batch.numGraphs;
    const gru = cfg.kernelEvolution === 'gru';
    let states: tf.Tensor3D[] = [];
    let means: tf.Tensor2D[] = [];
    if (gru) {
      states = Array.from({ length: cfg.layers }, () => tf.zeros([cfg.heads, B, cfg.gruDim]) as tf.Tensor3D);
      means = Array.from({ length: cfg.layers }, () => tf.zeros([B, cfg.hiddenDim]) as tf.Tensor2D);
    }
    const nodeEmbeddings: tf.Tensor2D[] = [];
    const attention: tf.Tensor2D[][] = [];
    const readouts: tf.Tensor2D[] = [];
    batch.snapshots.forEach((s, t) => {
      let z = this.embedInputs(s.x, options, t);
      const att: tf.Tensor2D[] = [];
      for (let i = 0; i < cfg.layers; i++) {
        let kernel: tf.Tensor = this.params.get(`L${i}.kernel`);
        if (gru) {
          // u^(t) = GRU(p^(t-1), u^(t-1)); p^(t-1) is the previous snapshot's mean node representation.
          states[i] = this.gruStep(i, means[i] as tf.Tensor2D, states[i] as tf.Tensor3D);
          kernel = this.generatedKernel(i, states[i] as tf.Tensor3D);
          means[i] = tf.div(segmentSum(this.geometry.logmap0(z), s.nodeGraph, B), tf.reshape(batch.nodesPerGraph, [B, 1])) as tf.Tensor2D;
        }
        const r = graphAttention(this.geometry, z, s, this.layerWeights(i, kernel), { heads: cfg.heads, headDim: cfg.headDim, residual: cfg.residual });
        z = r.z;
        att.push(r.alpha);
      }
      nodeEmbeddings.push(z);
      attention.push(att);
      readouts.push(this.readout(z, s.group, B, batch));
    });
    const embedding = this.pool(tf.stack(readouts) as tf.Tensor3D);
    return { nodeEmbeddings, attention, embedding, output: this.head(embedding) };
  }

  /** Every trainable variable. */
  get variables(): tf.Variable[] {
    return [...this.params.variables.values()];
  }

  dispose(): void {
    this.params.dispose();
  }
}
