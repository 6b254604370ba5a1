// Components 4-6 of the paper: the signed weight regression head (power-law magnitude of the
// hyperbolic distance, sign from a tangent-space inner product), the Fermi-Dirac link
// decoder with curriculum negative sampling, and the combined graph objective.
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@geo/core';
import { gatherRows } from '@geo/core/tf';
import { rankMargin } from '../config.js';
import type { PreparedBatch, SnapshotInput } from './inputs.js';
import type { GthGmn } from './model.js';
import { softplus } from './task-loss.js';

/** Smallest distance entering log d_uv (float32-sized). */
const MIN_DIST = 1e-6;
/** Candidates per negative when a hard negative is drawn (the closest non-edge of them wins). */
const HARD_CANDIDATES = 4;

/** Per-edge predictions of the heads for edges (src[i] -> dst[i]); all `[E]`. */
export interface EdgePredictions {
  /** d_c(z_u, z_v). */
  readonly dist: tf.Tensor1D;
  /** Fermi-Dirac logit (R - d) / T: psi = sigmoid(logit). */
  readonly linkLogit: tf.Tensor1D;
  /** log|w_uv| of the power law (undefined without the regression head). */
  readonly logMagnitude?: tf.Tensor1D;
  /** alpha_uv, the refined power-law slope. */
  readonly slope?: tf.Tensor1D;
  /** s_uv = <log_{z_u}(z_v), xi_u>_{z_u}, the sign logit. */
  readonly signLogit?: tf.Tensor1D;
  /** w_hat = |w| tanh(s_uv). */
  readonly weight?: tf.Tensor1D;
}

/**
 * The regression head and the Fermi-Dirac decoder on node points `z` `[N, D]` for the edges
 * (src, dst). Power law: log|w| = log nu + s_u + s_v - (1 - alpha/D)(k_u + k_v) - alpha log d_uv
 * with s, k linear in log_0 z and alpha_uv = softplus(a · (t_u + t_v) + a_0).
 *
 * @example
 * const { weight, linkLogit } = edgePredictions(model, z, src, dst);
 */
export function edgePredictions(model: GthGmn, z: tf.Tensor2D, src: tf.Tensor1D, dst: tf.Tensor1D): EdgePredictions {
  const p = model.params;
  const g = model.geometry;
  const E = src.shape[0];
  const zu = gatherRows(z, src);
  const zv = gatherRows(z, dst);
  const d = tf.reshape(g.dist(zu, zv), [E]) as tf.Tensor1D;
  const temp = tf.exp(p.get('fd.logT'));
  const linkLogit = tf.div(tf.sub(p.get('fd.R'), d), temp) as tf.Tensor1D;
  if (!model.config.regressionHead) return { dist: d, linkLogit };
  const D = model.config.hiddenDim;
  const t = g.logmap0(z);
  const s = tf.reshape(tf.add(tf.matMul(t as tf.Tensor2D, p.get('reg.sW') as tf.Tensor2D), p.get('reg.sB')), [-1]);
  const k = tf.reshape(tf.add(tf.matMul(t as tf.Tensor2D, p.get('reg.kW') as tf.Tensor2D), p.get('reg.kB')), [-1]);
  const tu = gatherRows(t, src);
  const tv = gatherRows(t, dst);
  const slope = tf.reshape(softplus(tf.add(tf.matMul(tf.add(tu, tv) as tf.Tensor2D, p.get('reg.aW') as tf.Tensor2D), p.get('reg.aB'))), [E]) as tf.Tensor1D;
  const sumS = tf.add(gatherRows(s, src), gatherRows(s, dst));
  const sumK = tf.add(gatherRows(k, src), gatherRows(k, dst));
  const logMagnitude = tf.sub(
    tf.sub(tf.add(p.get('reg.logNu'), sumS), tf.mul(tf.sub(1, tf.div(slope, D)), sumK)),
    tf.mul(slope, tf.log(tf.maximum(d, MIN_DIST))),
  ) as tf.Tensor1D;
  const delta = g.logmap(zu, zv);
  const xi = tf.add(tf.matMul(tu as tf.Tensor2D, p.get('reg.xiW') as tf.Tensor2D), p.get('reg.xiB'));
  const lam = g.lambda(zu);
  const signLogit = tf.reshape(tf.mul(tf.square(lam), tf.sum(tf.mul(delta, xi), -1, true)), [E]) as tf.Tensor1D;
  const weight = tf.mul(tf.exp(logMagnitude), tf.tanh(signLogit)) as tf.Tensor1D;
  return { dist: d, linkLogit, logMagnitude, slope, signLogit, weight };
}

/** The individual terms of the graph objective (scalars), before weighting. */
export interface GraphLossTerms {
  readonly link: tf.Scalar;
  readonly magnitude: tf.Scalar;
  readonly sign: tf.Scalar;
  readonly slope: tf.Scalar;
  readonly rank: tf.Scalar;
  readonly smooth: tf.Scalar;
}

export interface GraphObjectiveOptions {
  /** Training progress in [0, 1]: the share of hard negatives and the annealed ranking margin. */
  readonly progress: number;
  /** Seed of the negative and ranking-pair sampling. */
  readonly seed: number;
}

/** Samples negatives (u, v') in u's graph, not an edge, v' != u; hard ones are the closest of a few candidates. */
function sampleNegatives(s: SnapshotInput, zData: Float32Array | undefined, D: number, count: number, hardShare: number, seed: number, t: number, c: number): { src: Int32Array; dst: Int32Array } {
  const rng = createRng(seed).derive('negatives', t);
  const Er = s.numRealEdges;
  const edgeSet = new Set<number>();
  const N = s.numNodes;
  for (let e = 0; e < Er; e++) edgeSet.add((s.srcArray[e] as number) * N + (s.dstArray[e] as number));
  const src = new Int32Array(Er * count);
  const dst = new Int32Array(Er * count);
  const dist2 = (u: number, v: number): number => {
    // the Poincaré distance is monotone in |u - v|^2 / (gap_u gap_v): enough to rank candidates
    let d = 0;
    let nu = 0;
    let nv = 0;
    for (let j = 0; j < D; j++) {
      const a = (zData as Float32Array)[u * D + j] as number;
      const b = (zData as Float32Array)[v * D + j] as number;
      d += (a - b) ** 2;
      nu += a * a;
      nv += b * b;
    }
    return c > 0 ? d / Math.max((1 - c * nu) * (1 - c * nv), 1e-12) : d;
  };
  let k = 0;
  for (let e = 0; e < Er; e++) {
    const u = s.srcArray[e] as number;
    const gph = s.nodeGraphArray[u] as number;
    const lo = s.nodePtr[gph] as number;
    const hi = s.nodePtr[gph + 1] as number;
    for (let r = 0; r < count; r++) {
      const hard = zData !== undefined && rng.uniform() < hardShare;
      const want = hard ? HARD_CANDIDATES : 1;
      let found = 0;
      let best = -1;
      let bestD = Infinity;
      for (let tries = 0; tries < 32 * want && found < want; tries++) {
        const v = rng.int(lo, hi - 1);
        if (v === u || edgeSet.has(u * N + v)) continue;
        found++;
        const dv = hard ? dist2(u, v) : 0;
        if (dv < bestD || best < 0) {
          best = v;
          bestD = dv;
        }
      }
      if (best < 0) continue; // a complete graph has no negatives for u
      src[k] = u;
      dst[k] = best;
      k++;
    }
  }
  return { src: src.slice(0, k), dst: dst.slice(0, k) };
}

/** Random pairs of real edges of one graph with different |w|: (stronger, weaker). */
function rankPairs(s: SnapshotInput, count: number, seed: number, t: number): { strong: Int32Array; weak: Int32Array } {
  const rng = createRng(seed).derive('rank-pairs', t);
  const Er = s.numRealEdges;
  const strong: number[] = [];
  const weak: number[] = [];
  for (let i = 0; i < count && Er > 1; i++) {
    const a = rng.int(0, Er - 1);
    const b = rng.int(0, Er - 1);
    const ga = s.nodeGraphArray[s.srcArray[a] as number];
    const gb = s.nodeGraphArray[s.srcArray[b] as number];
    if (ga !== gb) continue;
    const wa = Math.abs(s.weightArray[a] as number);
    const wb = Math.abs(s.weightArray[b] as number);
    if (wa === wb) continue;
    strong.push(wa > wb ? a : b);
    weak.push(wa > wb ? b : a);
  }
  return { strong: Int32Array.from(strong), weak: Int32Array.from(weak) };
}

function mean(x: tf.Tensor): tf.Scalar {
  return x.size === 0 ? (tf.scalar(0) as tf.Scalar) : (tf.div(tf.sum(x), x.size) as tf.Scalar);
}

/**
 * The graph objective's terms over every snapshot, averaged over snapshots: Fermi-Dirac
 * binary cross-entropy on real edges vs sampled negatives (the share of hard negatives
 * grows with `progress`), squared error of log|w|, logistic sign loss, the slope prior
 * (alpha - slopePrior)^2, the margin ranking loss relu(m + d_strong - d_weak) with the
 * annealed margin m, and temporal smoothness d_c(z_t, z_{t-1})^2.
 *
 * @example
 * const terms = graphLossTerms(model, result.nodeEmbeddings, batch, { progress: 0.5, seed: 1 });
 */
export function graphLossTerms(model: GthGmn, nodeEmbeddings: readonly tf.Tensor2D[], batch: PreparedBatch, options: GraphObjectiveOptions): GraphLossTerms {
  const cfg = model.config;
  const D = cfg.hiddenDim;
  const acc: Record<keyof GraphLossTerms, tf.Tensor[]> = { link: [], magnitude: [], sign: [], slope: [], rank: [], smooth: [] };
  const margin = rankMargin(cfg, options.progress);
  nodeEmbeddings.forEach((z, t) => {
    const s = batch.snapshots[t] as SnapshotInput;
    const Er = s.numRealEdges;
    const src = tf.tensor1d(s.srcArray, 'int32');
    const dst = tf.tensor1d(s.dstArray, 'int32');
    const pred = edgePredictions(model, z, src, dst);
    // link: positives vs negatives
    const zData = options.progress > 0 ? (z.dataSync() as Float32Array) : undefined;
    const neg = sampleNegatives(s, zData, D, cfg.negativesPerEdge, options.progress, options.seed, t, model.geometry.c);
    let link = mean(softplus(tf.neg(pred.linkLogit)));
    if (neg.src.length > 0) {
      const np = edgePredictions(model, z, tf.tensor1d(neg.src, 'int32'), tf.tensor1d(neg.dst, 'int32'));
      link = tf.div(tf.add(tf.mul(link, Er), tf.sum(softplus(np.linkLogit))), Er + neg.src.length) as tf.Scalar;
    }
    acc.link.push(link);
    if (pred.logMagnitude !== undefined && pred.signLogit !== undefined && pred.slope !== undefined) {
      const target = new Float32Array(Er);
      const sign = new Float32Array(Er);
      for (let e = 0; e < Er; e++) {
        const w = s.weightArray[e] as number;
        target[e] = Math.log(Math.abs(w));
        sign[e] = w > 0 ? 1 : -1;
      }
      acc.magnitude.push(mean(tf.square(tf.sub(pred.logMagnitude, tf.tensor1d(target)))));
      acc.sign.push(mean(softplus(tf.neg(tf.mul(tf.tensor1d(sign), pred.signLogit)))));
      acc.slope.push(mean(tf.square(tf.sub(pred.slope, cfg.slopePrior))));
    }
    const pairs = rankPairs(s, Er, options.seed, t);
    if (pairs.strong.length > 0) {
      const ds = gatherRows(pred.dist, tf.tensor1d(pairs.strong, 'int32'));
      const dw = gatherRows(pred.dist, tf.tensor1d(pairs.weak, 'int32'));
      acc.rank.push(mean(tf.relu(tf.add(margin, tf.sub(ds, dw)))));
    }
    if (t > 0) {
      const prev = nodeEmbeddings[t - 1] as tf.Tensor2D;
      if (prev.shape[0] === z.shape[0]) acc.smooth.push(mean(tf.square(model.geometry.dist(z, prev))));
    }
  });
  const avg = (xs: tf.Tensor[]): tf.Scalar => (xs.length === 0 ? (tf.scalar(0) as tf.Scalar) : (tf.div(xs.reduce((a, b) => tf.add(a, b)), xs.length) as tf.Scalar));
  return { link: avg(acc.link), magnitude: avg(acc.magnitude), sign: avg(acc.sign), slope: avg(acc.slope), rank: avg(acc.rank), smooth: avg(acc.smooth) };
}

/**
 * The weighted graph objective: sum of `config.lossWeights[term] * term` over the terms of
 * `graphLossTerms` (the task loss is added by `trainTask`).
 *
 * @example
 * const loss = graphObjective(model, result.nodeEmbeddings, batch, { progress, seed });
 */
export function graphObjective(model: GthGmn, nodeEmbeddings: readonly tf.Tensor2D[], batch: PreparedBatch, options: GraphObjectiveOptions): tf.Scalar {
  const w = model.config.lossWeights;
  const terms = graphLossTerms(model, nodeEmbeddings, batch, options);
  let total: tf.Scalar = tf.scalar(0);
  for (const k of ['link', 'magnitude', 'sign', 'slope', 'rank', 'smooth'] as const) {
    if (w[k] > 0) total = tf.add(total, tf.mul(w[k], terms[k]));
  }
  return total;
}

/** True when any graph term has a positive weight. */
export function hasGraphObjective(model: GthGmn): boolean {
  const w = model.config.lossWeights;
  return w.link > 0 || w.magnitude > 0 || w.sign > 0 || w.slope > 0 || w.rank > 0 || w.smooth > 0;
}
