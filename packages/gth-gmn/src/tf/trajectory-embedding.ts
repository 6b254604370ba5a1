// The GTH-GMN node embeddings of one trajectory as a `geo-trajectory-embedding` file (the
// JSON the docs' Poincaré-disk viewer loads; format in docs/viewer-format.md).
import * as tf from '@tensorflow/tfjs-core';
import { GeoError, assertInteger, describe, eigh } from '@geo/core';
import { NODE_TYPE, mlpGraphLayout, numSnapshots, validateTrajectory } from '@geo/param-graph';
import type { Trajectory } from '@geo/param-graph';
import type { GthGmn } from './model.js';
import { prepareBatch } from './inputs.js';

/** The `format` field of every embedding file. */
export const TRAJECTORY_EMBEDDING_FORMAT = 'geo-trajectory-embedding';

/** Node type names of the file, indexed by `NODE_TYPE` code. */
const TYPE_NAMES = ['input', 'hidden', 'output', 'bias'] as const;

/** How points of dimension D > 2 were brought to the disk. */
export type EmbeddingProjection = 'none' | 'pca' | 'first-two';

/** One node of the parameter graph. `id` is its index in `positions` and in the edge lists. */
export interface EmbeddingNode {
  readonly id: number;
  /** Layer label (0 = inputs; a bias node carries the label of the layer below the neurons it feeds). */
  readonly layer: number;
  readonly type: (typeof TYPE_NAMES)[number];
  /** Index of the neuron in its layer; 0 for a bias node (one per layer). */
  readonly index: number;
}

/** One snapshot: node positions in the disk and the (strongest) edges with their signed weights. */
export interface EmbeddingSnapshot {
  /** Optimisation step of the snapshot (the trajectory's `steps[t]`). */
  readonly step: number;
  /** Flat `[x0, y0, x1, y1, ...]`, one point per node, inside the disk of radius 1/√c. */
  readonly positions: number[];
  /** Undirected edges, each once (`src < dst`), strongest |weight| first. */
  readonly edges: { readonly src: number[]; readonly dst: number[]; readonly weight: number[] };
}

/** A `geo-trajectory-embedding` version 1 file (plain JSON). */
export interface TrajectoryEmbeddingFile {
  readonly format: typeof TRAJECTORY_EMBEDDING_FORMAT;
  readonly version: 1;
  /** The ball has curvature −c; points lie in the disk of radius 1/√c. */
  readonly curvature: number;
  /** Dimension of `positions` (2 in version 1). */
  readonly dimension: 2;
  /** Dimension of the model's embedding before projection. */
  readonly sourceDimension: number;
  readonly projection: EmbeddingProjection;
  /** Edges kept per snapshot: the K strongest by |w|, or null for all. */
  readonly strongestEdges: number | null;
  readonly architecture: { readonly sizes: number[]; readonly activation: string };
  /** The trajectory's labels (any JSON object). */
  readonly labels: Record<string, unknown>;
  /** The model's head output for this trajectory (logits, values or a score). */
  readonly output: number[];
  readonly nodes: EmbeddingNode[];
  readonly snapshots: EmbeddingSnapshot[];
}

export interface TrajectoryEmbeddingOptions {
  /** Keep only the K strongest edges (by |w|) per snapshot; all edges when omitted. */
  readonly strongestEdges?: number;
  /** Indices (into the trajectory's snapshots) to write, increasing; all the model reads when omitted. */
  readonly snapshots?: readonly number[];
  /**
   * How a D > 2 embedding reaches the disk (default 'pca'): 'pca' maps log_0 z onto the top
   * two principal directions (uncentred, over every node of every snapshot the model read) and puts
   * the point back at its own hyperbolic distance from the origin, so radii are exact and
   * angles approximate; 'first-two' keeps the first two coordinates (inside the disk, radii shrink).
   */
  readonly projection?: 'pca' | 'first-two';
}

/**
 * The embedding file of one trajectory: `model.forward` on that trajectory alone, its node
 * embeddings per snapshot brought to the 2-D disk (see `projection`), the parameter graph's
 * nodes, and its undirected edges with their signed weights per snapshot (the K strongest
 * if `strongestEdges`). Throws a GeoError for a Euclidean model (no ball to draw), a bad
 * trajectory or bad options.
 *
 * @example
 * const file = trajectoryEmbeddingFile(model, trajectory, { strongestEdges: 60 });
 * writeFileSync('embedding.json', JSON.stringify(file));
 */
export function trajectoryEmbeddingFile(model: GthGmn, trajectory: Trajectory, options: TrajectoryEmbeddingOptions = {}): TrajectoryEmbeddingFile {
  if (typeof model !== 'object' || model === null || typeof model.forward !== 'function') {
    throw new GeoError('BAD_TYPE', `model must be a GthGmn, got ${describe(model)}`, { argument: 'model' });
  }
  const cfg = model.config;
  if (cfg.geometry !== 'hyperbolic') {
    throw new GeoError('UNSUPPORTED', 'an embedding file needs a hyperbolic model (geometry: euclidean has no ball to draw)', { argument: 'model', actual: cfg.geometry });
  }
  validateTrajectory(trajectory);
  const T = numSnapshots(trajectory);
  // Trajectory snapshot indices the model's forward pass returns, in order.
  const available = cfg.snapshots === 'last' ? [T - 1] : Array.from({ length: T }, (_, t) => t);
  const picks = options.snapshots ?? available;
  if (!Array.isArray(picks) || picks.length === 0) {
    throw new GeoError('BAD_LENGTH', `options.snapshots must be a non-empty array, got ${describe(picks)}`, { argument: 'options.snapshots' });
  }
  picks.forEach((t, i) => {
    assertInteger(t, `options.snapshots[${i}]`, { min: i === 0 ? 0 : (picks[i - 1] as number) + 1, max: T - 1 });
    if (!available.includes(t)) {
      throw new GeoError('OUT_OF_RANGE', `options.snapshots[${i}] = ${t} is not read by the model (snapshots: 'last' reads only ${T - 1})`, { argument: `options.snapshots[${i}]`, expected: available, actual: t });
    }
  });
  if (options.strongestEdges !== undefined) assertInteger(options.strongestEdges, 'options.strongestEdges', { min: 0 });
  const projection = options.projection ?? 'pca';
  if (projection !== 'pca' && projection !== 'first-two') {
    throw new GeoError('BAD_TYPE', `options.projection must be 'pca' or 'first-two', got ${describe(projection)}`, { argument: 'options.projection' });
  }
  const c = cfg.c;
  const D = cfg.hiddenDim;

  const batch = prepareBatch([trajectory], model.prepareOptions);
  let points: Float64Array[];
  let output: number[];
  try {
    const read = tf.tidy(() => {
      const r = model.forward(batch);
      return { z: r.nodeEmbeddings.map((z) => z.dataSync().slice()), out: Array.from(r.output.dataSync()) };
    });
    points = read.z.map((z) => Float64Array.from(z as Float32Array));
    output = read.out;
  } finally {
    batch.dispose();
  }
  const snapInputs = picks.map((t) => batch.snapshots[available.indexOf(t)]);
  const N = snapInputs[0]?.numNodes as number;
  // Projected over every snapshot the model read, so a snapshot's picture does not depend on which others are written.
  const projected = D === 2 ? points : projection === 'pca' ? projectPca(points, N, D, c) : points.map((p) => firstTwo(p, N, D));
  const planar = picks.map((t) => projected[available.indexOf(t)] as Float64Array);

  const sizes = [...trajectory.sizes];
  const { numNeurons, layerOffsets } = mlpGraphLayout(sizes);
  const L = sizes.length - 1;
  const nodes: EmbeddingNode[] = [];
  for (let l = 0; l <= L; l++) {
    const type = l === 0 ? 'input' : l === L ? 'output' : 'hidden';
    for (let j = 0; j < (sizes[l] as number); j++) nodes.push({ id: (layerOffsets[l] as number) + j, layer: l, type, index: j });
  }
  for (let l = 1; l <= L; l++) nodes.push({ id: numNeurons + l - 1, layer: l - 1, type: TYPE_NAMES[NODE_TYPE.bias], index: 0 });

  const snapshots: EmbeddingSnapshot[] = picks.map((t, k) => {
    const s = snapInputs[k];
    if (s === undefined) throw new GeoError('BAD_LENGTH', `snapshot ${t} missing from the batch`, { argument: 'trajectory' });
    return { step: trajectory.steps[t] as number, positions: Array.from(planar[k] as Float64Array), edges: undirectedEdges(s.srcArray, s.dstArray, s.weightArray, options.strongestEdges) };
  });

  return {
    format: TRAJECTORY_EMBEDDING_FORMAT,
    version: 1,
    curvature: c,
    dimension: 2,
    sourceDimension: D,
    projection: D === 2 ? 'none' : projection,
    strongestEdges: options.strongestEdges ?? null,
    architecture: { sizes, activation: trajectory.activation },
    labels: JSON.parse(JSON.stringify(trajectory.labels ?? {})) as Record<string, unknown>,
    output,
    nodes,
    snapshots,
  };
}

/** Each undirected edge once (src < dst), sorted by |w| descending (stable), the first K kept. */
function undirectedEdges(src: Int32Array, dst: Int32Array, weight: Float64Array, k: number | undefined): EmbeddingSnapshot['edges'] {
  const keep: number[] = [];
  for (let e = 0; e < src.length; e++) if ((src[e] as number) < (dst[e] as number)) keep.push(e);
  keep.sort((a, b) => Math.abs(weight[b] as number) - Math.abs(weight[a] as number) || a - b);
  const chosen = k === undefined ? keep : keep.slice(0, k);
  return { src: chosen.map((e) => src[e] as number), dst: chosen.map((e) => dst[e] as number), weight: chosen.map((e) => weight[e] as number) };
}

/** The first two coordinates of each of N points of dimension D (a coordinate projection: the norm only shrinks). */
function firstTwo(p: Float64Array, N: number, D: number): Float64Array {
  const out = new Float64Array(2 * N);
  for (let n = 0; n < N; n++) {
    out[2 * n] = p[n * D] as number;
    out[2 * n + 1] = p[n * D + 1] as number;
  }
  return out;
}

/**
 * Radius-keeping PCA projection: v = log_0 z, u = P v with P the top two eigenvectors of
 * Σ v vᵀ over every point given, then exp_0(|v| u/|u|). Uses log_0 z = artanh(√c|z|) z/(√c|z|),
 * exp_0 likewise. A point whose v is orthogonal to both directions keeps its radius along the first.
 */
function projectPca(points: readonly Float64Array[], N: number, D: number, c: number): Float64Array[] {
  const sc = Math.sqrt(c);
  const maxNorm = (1 - 1e-7) / sc;
  const tangent = points.map((p) => {
    const v = new Float64Array(N * D);
    for (let n = 0; n < N; n++) {
      let r2 = 0;
      for (let i = 0; i < D; i++) r2 += (p[n * D + i] as number) ** 2;
      const r = Math.min(Math.sqrt(r2), maxNorm);
      const f = r === 0 ? 1 : Math.atanh(sc * r) / (sc * Math.sqrt(r2));
      for (let i = 0; i < D; i++) v[n * D + i] = f * (p[n * D + i] as number);
    }
    return v;
  });
  const m = new Float64Array(D * D);
  for (const v of tangent) {
    for (let n = 0; n < N; n++) {
      for (let i = 0; i < D; i++) {
        const vi = v[n * D + i] as number;
        for (let j = 0; j <= i; j++) m[i * D + j] = (m[i * D + j] as number) + vi * (v[n * D + j] as number);
      }
    }
  }
  for (let i = 0; i < D; i++) for (let j = 0; j < i; j++) m[j * D + i] = m[i * D + j] as number;
  const { vectors } = eigh(m, D);
  // Columns D-1 and D-2 are the two largest; the sign makes the largest entry positive (deterministic).
  const axes = [D - 1, D - 2].map((col) => {
    const a = Float64Array.from({ length: D }, (_, i) => vectors[i * D + col] as number);
    let big = 0;
    for (let i = 1; i < D; i++) if (Math.abs(a[i] as number) > Math.abs(a[big] as number)) big = i;
    if ((a[big] as number) < 0) for (let i = 0; i < D; i++) a[i] = -(a[i] as number);
    return a;
  });
  const [a0, a1] = axes as [Float64Array, Float64Array];
  return tangent.map((v) => {
    const out = new Float64Array(2 * N);
    for (let n = 0; n < N; n++) {
      let norm2 = 0;
      let u0 = 0;
      let u1 = 0;
      for (let i = 0; i < D; i++) {
        const vi = v[n * D + i] as number;
        norm2 += vi * vi;
        u0 += vi * (a0[i] as number);
        u1 += vi * (a1[i] as number);
      }
      const norm = Math.sqrt(norm2);
      const un = Math.hypot(u0, u1);
      const [d0, d1] = un > 0 ? [u0 / un, u1 / un] : [1, 0];
      const radius = Math.min(Math.tanh(sc * norm) / sc, maxNorm); // |exp_0(w)| for |w| = norm, kept inside
      out[2 * n] = radius * d0;
      out[2 * n + 1] = radius * d1;
    }
    return out;
  });
}
