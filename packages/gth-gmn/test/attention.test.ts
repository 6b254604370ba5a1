// The attention layer: the Euclidean switch against a float64 graph-attention computation
// written out here, embeddings inside the ball, finite gradients up to the boundary.
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@geo/core';
import { euclideanGeometry, graphAttention, hyperbolicGeometry } from '../src/tf/index.js';
import type { AttentionGraph, AttentionWeights } from '../src/tf/index.js';
import { setupTf } from './helpers/tf.js';
import { BALL_MARGIN, EUCLIDEAN_REFERENCE_ABS } from './tolerances.js';

const N = 6;
const D = 4;
const H = 2;
const DH = 3;

/** A small directed graph with self-loops: edges as (src, dst). */
const EDGES: [number, number][] = [[0, 1], [1, 0], [1, 2], [2, 1], [2, 3], [3, 4], [4, 5], [5, 0], [0, 3], [3, 0], ...Array.from({ length: N }, (_, u): [number, number] => [u, u])];
const E = EDGES.length;

function randomArray(n: number, seed: number, scale: number): Float64Array {
  return createRng(seed).fillUniform(new Float64Array(n), -scale, scale);
}

function makeInputs(seed: number): { z: Float64Array; attr: Float64Array; type: Float64Array; kernel: Float64Array; qkvBias: Float64Array; edgeW: Float64Array; edgeB: Float64Array; gateW: Float64Array; gateB: Float64Array; outW: Float64Array; outB: Float64Array } {
  const type = new Float64Array(E * 3);
  EDGES.forEach(([u, v], e) => {
    if (u === v) type[e * 3 + 2] = 1;
    else if (e % 3 === 0) type[e * 3] = 1;
  });
  return {
    z: randomArray(N * D, seed, 0.3),
    attr: randomArray(E * 4, seed + 1, 1),
    type,
    kernel: randomArray(3 * H * DH * D, seed + 2, 0.8),
    qkvBias: randomArray(3 * H * DH, seed + 3, 0.2),
    edgeW: randomArray(4 * H, seed + 4, 0.5),
    edgeB: randomArray(H, seed + 5, 0.5),
    gateW: randomArray(3 * H, seed + 6, 1),
    gateB: randomArray(H, seed + 7, 0.5),
    outW: randomArray(H * DH * D, seed + 8, 0.5),
    outB: randomArray(D, seed + 9, 0.1),
  };
}

function toTf(inp: ReturnType<typeof makeInputs>): { z: tf.Tensor2D; graph: AttentionGraph; w: AttentionWeights } {
  return {
    z: tf.tensor2d(Float32Array.from(inp.z), [N, D]),
    graph: {
      numNodes: N,
      src: tf.tensor1d(EDGES.map((e) => e[0]), 'int32'),
      dst: tf.tensor1d(EDGES.map((e) => e[1]), 'int32'),
      edgeAttr: tf.tensor2d(Float32Array.from(inp.attr), [E, 4]),
      edgeType: tf.tensor2d(Float32Array.from(inp.type), [E, 3]),
      nodeGraph: tf.zeros([N], 'int32'),
    },
    w: {
      kernel: tf.tensor2d(Float32Array.from(inp.kernel), [3 * H * DH, D]),
      qkvBias: tf.tensor2d(Float32Array.from(inp.qkvBias), [3 * H, DH]),
      edgeW: tf.tensor2d(Float32Array.from(inp.edgeW), [4, H]),
      edgeB: tf.tensor1d(Float32Array.from(inp.edgeB)),
      gateW: tf.tensor2d(Float32Array.from(inp.gateW), [3, H]),
      gateB: tf.tensor1d(Float32Array.from(inp.gateB)),
      outW: tf.tensor2d(Float32Array.from(inp.outW), [H * DH, D]),
      outB: tf.tensor1d(Float32Array.from(inp.outB)),
    },
  };
}

/** Plain Euclidean multi-head graph attention in float64: the c -> 0 limit of the layer. */
function euclideanReference(inp: ReturnType<typeof makeInputs>): Float64Array {
  const qkv = new Float64Array(N * 3 * H * DH);
  for (let n = 0; n < N; n++) {
    for (let r = 0; r < 3 * H * DH; r++) {
      let s = inp.qkvBias[r] as number;
      for (let k = 0; k < D; k++) s += (inp.kernel[r * D + k] as number) * (inp.z[n * D + k] as number);
      qkv[n * 3 * H * DH + r] = s;
    }
  }
  const at = (n: number, part: number, h: number, j: number): number => qkv[n * 3 * H * DH + (part * H + h) * DH + j] as number;
  const out = new Float64Array(N * D);
  const heads = new Float64Array(N * H * DH);
  for (let h = 0; h < H; h++) {
    const w = new Float64Array(E);
    EDGES.forEach(([u, v], e) => {
      let d2 = 0;
      for (let j = 0; j < DH; j++) d2 += (at(v, 0, h, j) - at(u, 1, h, j)) ** 2;
      let b = inp.edgeB[h] as number;
      for (let a = 0; a < 4; a++) b += (inp.attr[e * 4 + a] as number) * (inp.edgeW[a * H + h] as number);
      let gl = inp.gateB[h] as number;
      for (let a = 0; a < 3; a++) gl += (inp.type[e * 3 + a] as number) * (inp.gateW[a * H + h] as number);
      w[e] = Math.exp(-2 * Math.sqrt(d2) + b) / (1 + Math.exp(-gl));
    });
    for (let v = 0; v < N; v++) {
      let den = 0;
      EDGES.forEach(([, dst], e) => (den += dst === v ? (w[e] as number) : 0));
      EDGES.forEach(([u, dst], e) => {
        if (dst !== v) return;
        for (let j = 0; j < DH; j++) heads[(v * H + h) * DH + j] = (heads[(v * H + h) * DH + j] as number) + ((w[e] as number) / den) * at(u, 2, h, j);
      });
    }
  }
  for (let n = 0; n < N; n++) {
    for (let k = 0; k < D; k++) {
      let s = inp.outB[k] as number;
      for (let r = 0; r < H * DH; r++) s += (heads[n * H * DH + r] as number) * (inp.outW[r * D + k] as number);
      out[n * D + k] = (inp.z[n * D + k] as number) + Math.tanh(s);
    }
  }
  return out;
}

describe('graphAttention', () => {
  beforeAll(setupTf);

  it('Euclidean switch = Euclidean graph attention (float64 reference)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (seed) => {
        const inp = makeInputs(seed);
        const { z, graph, w } = toTf(inp);
        const got = tf.tidy(() => graphAttention(euclideanGeometry(), z, graph, w, { heads: H, headDim: DH, residual: true }).z.dataSync());
        const want = euclideanReference(inp);
        want.forEach((x, i) => expect(Math.abs((got[i] as number) - x)).toBeLessThanOrEqual(EUCLIDEAN_REFERENCE_ABS));
        tf.dispose([z, ...Object.values(graph).filter((t) => t instanceof tf.Tensor), ...Object.values(w)]);
      }),
      { numRuns: 10 },
    );
  });

  it('attention weights of each node sum to 1', () => {
    const { z, graph, w } = toTf(makeInputs(3));
    const alpha = tf.tidy(() => graphAttention(hyperbolicGeometry(1), z, graph, w, { heads: H, headDim: DH, residual: true }).alpha.arraySync());
    for (let h = 0; h < H; h++) {
      for (let v = 0; v < N; v++) {
        let s = 0;
        EDGES.forEach(([, dst], e) => (s += dst === v ? (alpha[e] as number[])[h] as number : 0));
        expect(Math.abs(s - 1)).toBeLessThanOrEqual(1e-5);
      }
    }
  });

  it('outputs stay inside the ball and gradients stay finite for inputs up to the boundary', () => {
    fc.assert(
      fc.property(fc.constantFrom(0.25, 1, 4), fc.double({ min: -15, max: Math.log10(1 - 1e-6), noNaN: true }), fc.integer({ min: 0, max: 100 }), (c, logr, seed) => {
        const inp = makeInputs(seed);
        const { z: z0, graph, w } = toTf(inp);
        // rescale every node to radius r / sqrt(c), r log-spaced towards 1
        const r = 10 ** logr;
        const z = tf.tidy(() => tf.mul(tf.div(z0, tf.norm(z0, 'euclidean', 1, true)), r / Math.sqrt(c))) as tf.Tensor2D;
        const geom = hyperbolicGeometry(c);
        const f = (zz: tf.Tensor, kernel: tf.Tensor, edgeW: tf.Tensor): tf.Scalar => {
          const out = graphAttention(geom, zz as tf.Tensor2D, graph, { ...w, kernel, edgeW }, { heads: H, headDim: DH, residual: true }).z;
          return tf.sum(tf.mul(out, tf.div(tf.reshape(tf.range(0, N * D), [N, D]), N * D))) as tf.Scalar;
        };
        const out = tf.tidy(() => graphAttention(geom, z, graph, w, { heads: H, headDim: DH, residual: true }).z.arraySync());
        for (const row of out) expect(Math.hypot(...row)).toBeLessThan((1 - BALL_MARGIN) / Math.sqrt(c));
        const grads = tf.tidy(() => tf.grads(f)([z, w.kernel, w.edgeW]).map((g) => g.dataSync()));
        for (const g of grads) for (const x of g) expect(Number.isFinite(x)).toBe(true);
        tf.dispose([z0, z, ...Object.values(graph).filter((t) => t instanceof tf.Tensor), ...Object.values(w)]);
      }),
      { numRuns: 12 },
    );
  });
});
