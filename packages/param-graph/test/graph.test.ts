import { describe, expect, it } from 'vitest';
import type { Mlp, ParamGraph } from '../src/index.js';
import {
  NODE_TYPE,
  biasNode,
  buildParamGraph,
  edgeAttributes,
  mlpGraph,
  mlpGraphLayout,
  neuronNode,
  packGraphs,
  packTrajectories,
  readTrajectory,
  snapshot,
  trajectoryFromSnapshots,
  trajectoryGraphs,
  zscore,
} from '../src/index.js';
import { caught } from './helpers.js';
import { REFERENCE_DIR, referenceBytes } from './reference.js';
import { STRENGTH_REL, SYMMETRISED_WEIGHT_REL, ZSCORE_MEAN_ABS, ZSCORE_VALUE_ABS } from './tolerances.js';

const f64 = (xs: number[]) => Float64Array.from(xs);

/** Edges as sorted "u>v:w" strings. */
const edgeSet = (g: Pick<ParamGraph, 'src' | 'dst' | 'weight'>): string[] => Array.from(g.src, (u, e) => `${u}>${g.dst[e]}:${g.weight[e]}`).sort();

/** A 2-2-1 MLP with one zero weight and one -0 bias. */
const small: Mlp = {
  sizes: [2, 2, 1],
  activation: 'tanh',
  weights: [f64([1, -2, 0, 3]), f64([0.5, -0.25])],
  biases: [f64([0.1, -0]), f64([-1])],
};

describe('mlpGraph on a hand-checked 2-2-1 MLP', () => {
  // Nodes: inputs 0,1; hidden 2,3; output 4; bias nodes 5 (feeds hidden), 6 (feeds output).
  const g = mlpGraph(small, { directed: true });
  it('lays out neurons by layer, then one bias node per layer', () => {
    expect(mlpGraphLayout([2, 2, 1])).toEqual({ numNodes: 7, numNeurons: 5, layerOffsets: [0, 2, 4] });
    expect(neuronNode([2, 2, 1], 2, 0)).toBe(4);
    expect(biasNode([2, 2, 1], 1)).toBe(5);
    expect(biasNode([2, 2, 1], 2)).toBe(6);
    expect(Array.from(g.layer)).toEqual([0, 0, 1, 1, 2, 0, 1]);
    expect(Array.from(g.nodeType)).toEqual([0, 0, 1, 1, 2, 3, 3].map((t) => t));
    expect(NODE_TYPE).toEqual({ input: 0, hidden: 1, output: 2, bias: 3 });
  });
  it('has one edge per non-zero weight (the zero weight and the -0 bias make none)', () => {
    // W0 = [[1, -2], [0, 3]]: 0->2 (1), 1->2 (-2), 1->3 (3); b0 = [0.1, -0]: 5->2; W1 = [0.5, -0.25]; b1 = -1: 6->4.
    expect(edgeSet(g)).toEqual(['0>2:1', '1>2:-2', '1>3:3', '2>4:0.5', '3>4:-0.25', '5>2:0.1', '6>4:-1'].sort());
    expect(g.numEdges).toBe(7);
    expect(Array.from(g.isBias)).toEqual(Array.from(g.src, (u) => (u >= 5 ? 1 : 0)));
    expect(Array.from(g.crossLayer)).toEqual(new Array(7).fill(0));
  });
  it('sums incident |w| and w per node and z-scores them within the snapshot', () => {
    const sAbs = [1, 5, 1 + 2 + 0.1 + 0.5, 3 + 0.25, 0.5 + 0.25 + 1, 0.1, 1];
    const sSgn = [1, 1, 1 - 2 + 0.1 + 0.5, 3 - 0.25, 0.5 - 0.25 - 1, 0.1, -1];
    sAbs.forEach((v, i) => expect(Math.abs((g.strengthAbs[i] as number) - v)).toBeLessThanOrEqual(STRENGTH_REL * Math.abs(v)));
    sSgn.forEach((v, i) => expect(Math.abs((g.strengthSgn[i] as number) - v)).toBeLessThanOrEqual(STRENGTH_REL * (sAbs[i] as number)));
    const z = (xs: number[]) => {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
      return xs.map((x) => (x - m) / sd);
    };
    const zAbs = z(sAbs);
    const zSgn = z(sSgn);
    for (let i = 0; i < 7; i++) {
      expect(g.nodeFeatures[4 * i]).toBe(g.layer[i]);
      expect(g.nodeFeatures[4 * i + 1]).toBe(g.nodeType[i]);
      expect(Math.abs((g.nodeFeatures[4 * i + 2] as number) - (zAbs[i] as number))).toBeLessThanOrEqual(ZSCORE_VALUE_ABS);
      expect(Math.abs((g.nodeFeatures[4 * i + 3] as number) - (zSgn[i] as number))).toBeLessThanOrEqual(ZSCORE_VALUE_ABS);
    }
  });
  it('undirected (the default) stores each edge both ways with the same strengths', () => {
    const u = mlpGraph(small);
    expect(u.directed).toBe(false);
    expect(u.numEdges).toBe(14);
    const directedBoth = [...edgeSet(g), ...Array.from(g.src, (s, e) => `${g.dst[e]}>${s}:${g.weight[e]}`)].sort();
    expect(edgeSet(u)).toEqual(directedBoth);
    expect(Array.from(u.strengthAbs)).toEqual(Array.from(g.strengthAbs));
    expect(Array.from(u.nodeFeatures)).toEqual(Array.from(g.nodeFeatures));
  });
  it('COO is sorted by (src, dst) and indptr is its CSR row pointer', () => {
    for (const h of [g, mlpGraph(small)]) {
      for (let e = 1; e < h.numEdges; e++) {
        const a = (h.src[e - 1] as number) * h.numNodes + (h.dst[e - 1] as number);
        const b = (h.src[e] as number) * h.numNodes + (h.dst[e] as number);
        expect(a).toBeLessThan(b);
      }
      for (let u = 0; u < h.numNodes; u++) {
        for (let e = h.indptr[u] as number; e < (h.indptr[u + 1] as number); e++) expect(h.src[e]).toBe(u);
      }
      expect(h.indptr[h.numNodes]).toBe(h.numEdges);
    }
  });
  it('edgeAttributes is the numEdges x 2 [isBias, crossLayer] matrix', () => {
    const a = edgeAttributes(g);
    expect(a.length).toBe(14);
    for (let e = 0; e < g.numEdges; e++) expect([a[2 * e], a[2 * e + 1]]).toEqual([g.isBias[e], g.crossLayer[e]]);
  });
});

describe('buildParamGraph: symmetrisation and validation', () => {
  const base = { numNodes: 4, layer: [0, 1, 1, 3], nodeType: [0, 1, 1, 2] };
  it('averages anti-parallel pairs, keeps lone directions, drops pairs that cancel', () => {
    const g = buildParamGraph({ ...base, src: [0, 1, 1, 2, 2, 0], dst: [1, 0, 2, 1, 3, 3], weight: [1, 0.2, 4, -4, -2, 7] });
    // 0-1: (1 + 0.2)/2; 1-2: cancels; 2-3: -2 alone; 0-3: 7 alone.
    expect(g.numEdges).toBe(6);
    const w01 = g.weight[Array.from(g.src).findIndex((u, e) => u === 0 && g.dst[e] === 1)] as number;
    expect(Math.abs(w01 - 0.6)).toBeLessThanOrEqual(SYMMETRISED_WEIGHT_REL * 0.6);
    expect(edgeSet(g).filter((s) => !s.startsWith('0>1') && !s.startsWith('1>0'))).toEqual(['0>3:7', '2>3:-2', '3>0:7', '3>2:-2']);
    // crossLayer: 0-3 spans layers 0..3, 2-3 spans 1..3.
    const cl = Array.from(g.src, (u, e) => [u, g.dst[e], g.crossLayer[e]]);
    expect(cl.filter((x) => x[2] === 1).map((x) => `${x[0]}-${x[1]}`).sort()).toEqual(['0-3', '2-3', '3-0', '3-2']);
  });
  it('directed keeps both directions as given', () => {
    const g = buildParamGraph({ ...base, src: [0, 1], dst: [1, 0], weight: [1, 0.2] }, { directed: true });
    expect(edgeSet(g)).toEqual(['0>1:1', '1>0:0.2']);
  });
  it('rejects self-loops, duplicates, bad indices, non-finite weights and bad labels with GeoErrors', () => {
    const one = (over: object) => () => buildParamGraph({ ...base, src: [0], dst: [1], weight: [1], ...over });
    expect(caught(one({ src: [1] })).code).toBe('OUT_OF_DOMAIN');
    expect(caught(one({ src: [0, 0], dst: [1, 1], weight: [1, 2] })).message).toMatch(/twice/);
    expect(caught(one({ dst: [4] })).argument).toBe('input.dst[0]');
    expect(caught(one({ src: [0.5] })).argument).toBe('input.src[0]');
    expect(caught(one({ weight: [Number.NaN] })).code).toBe('NOT_FINITE');
    expect(caught(one({ layer: [0, 1, 1] })).argument).toBe('input.layer');
    expect(caught(one({ nodeType: [0, 1, 1, 7] })).argument).toBe('input.nodeType[3]');
    expect(caught(one({ isBias: [2] })).argument).toBe('input.isBias[0]');
    expect(caught(one({ src: [0, 1] })).code).toBe('BAD_LENGTH');
  });
  it('an edgeless graph has all-zero z-scores, not NaN', () => {
    const g = buildParamGraph({ ...base, src: [], dst: [], weight: [] });
    expect(Array.from(g.nodeFeatures).every(Number.isFinite)).toBe(true);
    expect(Array.from(g.nodeFeatures).filter((_, k) => k % 4 >= 2)).toEqual(new Array(8).fill(0));
  });
  it('mlpGraph rejects a malformed Mlp, naming the buffer', () => {
    expect(caught(() => mlpGraph({ ...small, weights: [f64([1, 2, 3]), f64([1, 2])] })).argument).toBe('mlp.weights[0]');
    expect(caught(() => mlpGraph({ ...small, biases: [f64([1, Number.POSITIVE_INFINITY]), f64([1])] })).code).toBe('NOT_FINITE');
    expect(caught(() => mlpGraph({ ...small, activation: 'swish' as 'relu' })).argument).toBe('mlp.activation');
  });
});

describe('zscore', () => {
  it('constant input gives zeros; huge and tiny scales stay finite', () => {
    expect(Array.from(zscore([3, 3, 3]))).toEqual([0, 0, 0]);
    expect(Array.from(zscore([]))).toEqual([]);
    expect(Array.from(zscore([7]))).toEqual([0]);
    for (const s of [1e-300, 1e300]) {
      const z = zscore([s, 2 * s, 3 * s]);
      expect(Math.abs((z[0] as number) + Math.sqrt(1.5))).toBeLessThan(ZSCORE_MEAN_ABS);
      expect(Math.abs(z[1] as number)).toBeLessThan(ZSCORE_MEAN_ABS);
    }
    expect(caught(() => zscore([1, Number.NaN])).code).toBe('NOT_FINITE');
  });
});

describe.skipIf(REFERENCE_DIR === undefined)('graphs of the reference trajectories', () => {
  it('the single-layer file: the zero weight and the -0 bias make no edge', () => {
    const traj = readTrajectory(referenceBytes('mlp-5-3-f64-single.safetensors'));
    const g = mlpGraph(snapshot(traj, 0), { directed: true });
    expect(g.numNodes).toBe(5 + 3 + 1);
    expect(g.numEdges).toBe(15 - 1 + 3 - 1);
    const has = (u: number, v: number) => Array.from(g.src).some((s, e) => s === u && g.dst[e] === v);
    expect(has(neuronNode([5, 3], 0, 0), neuronNode([5, 3], 1, 0))).toBe(false);
    expect(has(biasNode([5, 3], 1), neuronNode([5, 3], 1, 0))).toBe(false);
    expect(has(biasNode([5, 3], 1), neuronNode([5, 3], 1, 1))).toBe(true);
  });
  it('the SIREN trajectory: 12 graphs of 70 nodes, packed into one union', () => {
    const traj = readTrajectory(referenceBytes('siren-2-32-32-1-f32.safetensors'));
    const graphs = trajectoryGraphs(traj);
    expect(graphs.length).toBe(12);
    for (const g of graphs) expect(g.numNodes).toBe(2 + 32 + 32 + 1 + 3);
    const packed = packTrajectories([traj, traj], { snapshots: [0, 11] });
    expect(packed.numGraphs).toBe(4);
    expect(Array.from(packed.graphIndex)).toEqual([0, 0, 1, 1]);
    expect(Array.from(packed.snapshotIndex)).toEqual([0, 11, 0, 11]);
    expect(packed.numNodes).toBe(4 * 70);
    expect(packed.numEdges).toBe(2 * ((graphs[0] as ParamGraph).numEdges + (graphs[11] as ParamGraph).numEdges));
    expect(Array.from(packed.nodeSnapshot.subarray(70, 140))).toEqual(new Array(70).fill(11));
  });
});

describe('packGraphs', () => {
  it('offsets node ids, keeps each graph intact, and labels nodes and edges', () => {
    const a = mlpGraph(small);
    const b = mlpGraph({ ...small, weights: [f64([1, 1, 1, 1]), f64([1, 1])] });
    const p = packGraphs([a, b], { graphIndex: [5, 5], snapshotIndex: [0, 3] });
    expect(Array.from(p.nodePtr)).toEqual([0, 7, 14]);
    expect(Array.from(p.edgePtr)).toEqual([0, a.numEdges, a.numEdges + b.numEdges]);
    expect(Array.from(p.batch)).toEqual([...new Array(7).fill(0), ...new Array(7).fill(1)]);
    expect(Array.from(p.nodeGraph)).toEqual(new Array(14).fill(5));
    expect(Array.from(p.nodeSnapshot)).toEqual([...new Array(7).fill(0), ...new Array(7).fill(3)]);
    expect(Array.from(p.src.subarray(a.numEdges), (u) => u - 7)).toEqual(Array.from(b.src));
    expect(Array.from(p.nodeFeatures.subarray(28))).toEqual(Array.from(b.nodeFeatures));
    expect(caught(() => packGraphs([a, mlpGraph(small, { directed: true })])).argument).toBe('graphs[1]');
    expect(caught(() => packGraphs([a], { graphIndex: [-1] })).argument).toBe('options.graphIndex[0]');
    expect(packGraphs([]).numNodes).toBe(0);
  });
  it('packTrajectories reports progress and can be aborted', () => {
    const traj = trajectoryFromSnapshots([small, small], [0, 1]);
    const seen: number[] = [];
    const p = packTrajectories([traj, traj, traj], { onProgress: (done, total) => seen.push(done * 10 + total) });
    expect(seen).toEqual([13, 23, 33]);
    expect(p.numGraphs).toBe(6);
    const ac = new AbortController();
    ac.abort();
    expect(caught(() => packTrajectories([traj], { signal: ac.signal })).code).toBe('ABORTED');
  });
});
