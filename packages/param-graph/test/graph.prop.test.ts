import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Mlp, ParamGraph } from '../src/index.js';
import { buildParamGraph, mlpForward, mlpGraph, mlpGraphLayout, packGraphs, permuteHidden, zscore } from '../src/index.js';
import { arbHiddenPerms, arbMlp, arbMlpOf, arbSizes } from './arbitraries.js';
import { FORWARD_PERMUTATION_REL, NODE_FEATURE_PERMUTATION_REL, STRENGTH_REL, ZSCORE_MEAN_ABS, ZSCORE_STD_ABS, ZSCORE_WIDE_RANGE_ABS } from './tolerances.js';

/** An MLP (at least one hidden layer) with one permutation per hidden layer. */
const arbPermuted = arbSizes({ minLayers: 2, maxLayers: 4, maxWidth: 7 }).chain((sizes) => fc.tuple(arbMlpOf(sizes), arbHiddenPerms(sizes)));

/** Old node id -> new node id for `permuteHidden(mlp, perms)`: new neuron i of hidden layer h was old neuron perms[h-1][i]. */
function relabelling(sizes: readonly number[], perms: readonly number[][]): Int32Array {
  const { numNodes, layerOffsets } = mlpGraphLayout(sizes);
  const sigma = Int32Array.from({ length: numNodes }, (_, i) => i);
  perms.forEach((p, k) => {
    const off = layerOffsets[k + 1] as number;
    p.forEach((old, i) => (sigma[off + old] = off + i));
  });
  return sigma;
}

const edgeKeys = (g: ParamGraph, map?: Int32Array): string[] =>
  Array.from(g.src, (u, e) => `${map ? map[u] : u}>${map ? map[g.dst[e] as number] : g.dst[e]}:${g.weight[e]}:${g.isBias[e]}${g.crossLayer[e]}`).sort();

describe('hidden-neuron permutations', () => {
  it('leave the function unchanged', () => {
    fc.assert(
      fc.property(arbPermuted, fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 3, maxLength: 3 }), ([mlp, perms], xs) => {
        const nIn = mlp.sizes[0] as number;
        const x = Array.from({ length: 3 * nIn }, (_, i) => xs[i % 3] as number);
        const y = mlpForward(mlp, x);
        const yp = mlpForward(permuteHidden(mlp, perms), x);
        y.forEach((v, i) => expect(Math.abs(v - (yp[i] as number))).toBeLessThanOrEqual(FORWARD_PERMUTATION_REL * (1 + Math.abs(v))));
      }),
    );
  });
  it('give the same graph up to the relabelling: same edge multiset, node features permuted alike', () => {
    fc.assert(
      fc.property(arbPermuted, fc.boolean(), ([mlp, perms], directed) => {
        const g = mlpGraph(mlp, { directed });
        const h = mlpGraph(permuteHidden(mlp, perms), { directed });
        const sigma = relabelling(mlp.sizes, perms);
        expect(h.numNodes).toBe(g.numNodes);
        expect(edgeKeys(h)).toEqual(edgeKeys(g, sigma));
        for (let u = 0; u < g.numNodes; u++) {
          const v = sigma[u] as number;
          for (let c = 0; c < 4; c++) {
            const a = g.nodeFeatures[4 * u + c] as number;
            const b = h.nodeFeatures[4 * v + c] as number;
            expect(Math.abs(a - b)).toBeLessThanOrEqual(NODE_FEATURE_PERMUTATION_REL * (1 + Math.abs(a)));
          }
        }
      }),
    );
  });
  it('permuteHidden rejects non-permutations', () => {
    const mlp: Mlp = { sizes: [1, 2, 1], activation: 'relu', weights: [new Float64Array(2), new Float64Array(2)], biases: [new Float64Array(2), new Float64Array(1)] };
    for (const p of [[0, 0], [0], [0, 2], [0.5, 1]]) expect(() => permuteHidden(mlp, [p])).toThrow(/perms\[0\]/);
  });
});

/** A random edge list over a few labelled nodes (no self-loops, no duplicate directed edges). */
const arbEdgeList = fc.integer({ min: 2, max: 9 }).chain((n) =>
  fc.record({
    numNodes: fc.constant(n),
    layer: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: n, maxLength: n }),
    nodeType: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
    edges: fc.uniqueArray(
      fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.oneof(fc.double({ min: -3, max: 3, noNaN: true }), fc.constantFrom(1, -1, 0)), fc.integer({ min: 0, max: 1 })),
      { selector: ([u, v]) => `${u},${v}`, maxLength: 30 },
    ).map((es) => es.filter(([u, v]) => u !== v)),
  }),
);

function fromEdges(x: { numNodes: number; layer: number[]; nodeType: number[]; edges: [number, number, number, number][] }, directed: boolean): ParamGraph {
  return buildParamGraph(
    { numNodes: x.numNodes, layer: x.layer, nodeType: x.nodeType, src: x.edges.map((e) => e[0]), dst: x.edges.map((e) => e[1]), weight: x.edges.map((e) => e[2]), isBias: x.edges.map((e) => e[3]) },
    { directed },
  );
}

describe('graph construction invariants', () => {
  it('the graph (node features included) does not depend on edge order, bit for bit', () => {
    fc.assert(
      fc.property(arbEdgeList, fc.boolean(), fc.array(fc.nat()), (x, directed, keys) => {
        const shuffled = x.edges.map((e, i) => [keys[i] ?? i, i, e] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , e]) => e);
        const a = fromEdges(x, directed);
        const b = fromEdges({ ...x, edges: shuffled }, directed);
        for (const key of ['src', 'dst', 'weight', 'isBias', 'crossLayer', 'indptr', 'nodeFeatures', 'strengthAbs', 'strengthSgn'] as const) {
          expect(Array.from(b[key])).toEqual(Array.from(a[key]));
        }
      }),
    );
  });
  it('z-scored strengths have mean 0 and sd 1 where the strengths vary, and are 0 (never NaN) where constant', () => {
    fc.assert(
      fc.property(fc.oneof(arbEdgeList.map((x) => fromEdges(x, false))), (g) => {
        for (const [raw, col] of [
          [g.strengthAbs, 2],
          [g.strengthSgn, 3],
        ] as const) {
          const z = Array.from({ length: g.numNodes }, (_, i) => g.nodeFeatures[4 * i + col] as number);
          expect(z.every(Number.isFinite)).toBe(true);
          if (raw.every((v) => v === raw[0])) {
            expect(z.every((v) => v === 0)).toBe(true);
          } else {
            const m = z.reduce((a, b) => a + b, 0) / z.length;
            const sd = Math.sqrt(z.reduce((a, b) => a + (b - m) ** 2, 0) / z.length);
            expect(Math.abs(m)).toBeLessThanOrEqual(ZSCORE_MEAN_ABS);
            expect(Math.abs(sd - 1)).toBeLessThanOrEqual(ZSCORE_STD_ABS);
          }
        }
      }),
    );
  });
  it('zscore on arbitrary finite data: mean 0, sd 1, or all 0 when constant', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), { maxLength: 40 }), (xs) => {
        const z = Array.from(zscore(xs));
        expect(z.every(Number.isFinite)).toBe(true);
        if (xs.every((v) => v === xs[0])) {
          expect(z.every((v) => v === 0)).toBe(true);
        } else {
          const m = z.reduce((a, b) => a + b, 0) / z.length;
          const sd = Math.sqrt(z.reduce((a, b) => a + (b - m) ** 2, 0) / z.length);
          expect(Math.abs(m)).toBeLessThanOrEqual(ZSCORE_WIDE_RANGE_ABS * Math.sqrt(z.length));
          expect(Math.abs(sd - 1)).toBeLessThanOrEqual(ZSCORE_WIDE_RANGE_ABS * Math.sqrt(z.length));
        }
      }),
    );
  });
  it('undirected graphs are symmetric: u->v with w exactly when v->u with w; no zero weights anywhere', () => {
    fc.assert(
      fc.property(arbEdgeList, (x) => {
        const g = fromEdges(x, false);
        const fwd = Array.from(g.src, (u, e) => `${u}>${g.dst[e]}:${g.weight[e]}:${g.isBias[e]}`).sort();
        const rev = Array.from(g.src, (u, e) => `${g.dst[e]}>${u}:${g.weight[e]}:${g.isBias[e]}`).sort();
        expect(fwd).toEqual(rev);
        expect(Array.from(g.weight).every((w) => w !== 0)).toBe(true);
        for (let e = 0; e < g.numEdges; e++) {
          expect(g.crossLayer[e]).toBe(Math.abs((g.layer[g.src[e] as number] as number) - (g.layer[g.dst[e] as number] as number)) > 1 ? 1 : 0);
        }
      }),
    );
  });
  it('mlpGraph: one directed edge per non-zero parameter, strengths = incident sums', () => {
    fc.assert(
      fc.property(arbMlp({ maxLayers: 3, maxWidth: 6 }), (mlp) => {
        const g = mlpGraph(mlp, { directed: true });
        let nonzero = 0;
        mlp.weights.forEach((w, l) => (nonzero += w.filter((v) => v !== 0).length + (mlp.biases[l] as Float64Array).filter((v) => v !== 0).length));
        expect(g.numEdges).toBe(nonzero);
        const sAbs = new Float64Array(g.numNodes);
        for (let e = 0; e < g.numEdges; e++) {
          for (const u of [g.src[e] as number, g.dst[e] as number]) sAbs[u] = (sAbs[u] as number) + Math.abs(g.weight[e] as number);
        }
        sAbs.forEach((v, i) => expect(Math.abs(v - (g.strengthAbs[i] as number))).toBeLessThanOrEqual(STRENGTH_REL * (1 + v)));
        expect(Array.from(mlpGraph(mlp).strengthAbs)).toEqual(Array.from(g.strengthAbs));
      }),
    );
  });
  it('packGraphs: each graph is recovered from its slice of the union, and the union is CSR-sorted', () => {
    fc.assert(
      fc.property(fc.array(arbMlp({ maxLayers: 2, maxWidth: 4 }), { maxLength: 4 }), fc.boolean(), (mlps, directed) => {
        const graphs = mlps.map((m) => mlpGraph(m, { directed }));
        const p = packGraphs(graphs);
        graphs.forEach((g, b) => {
          const n0 = p.nodePtr[b] as number;
          const e0 = p.edgePtr[b] as number;
          expect(Array.from(p.src.subarray(e0, e0 + g.numEdges), (u) => u - n0)).toEqual(Array.from(g.src));
          expect(Array.from(p.dst.subarray(e0, e0 + g.numEdges), (u) => u - n0)).toEqual(Array.from(g.dst));
          expect(Array.from(p.weight.subarray(e0, e0 + g.numEdges))).toEqual(Array.from(g.weight));
          expect(Array.from(p.nodeFeatures.subarray(4 * n0, 4 * (n0 + g.numNodes)))).toEqual(Array.from(g.nodeFeatures));
        });
        for (let u = 0; u < p.numNodes; u++) {
          for (let e = p.indptr[u] as number; e < (p.indptr[u + 1] as number); e++) expect(p.src[e]).toBe(u);
          expect(p.graphIndex[p.batch[u] as number]).toBe(p.nodeGraph[u]);
        }
        expect(p.indptr[p.numNodes]).toBe(p.numEdges);
        for (let e = 0; e < p.numEdges; e++) expect(p.batch[p.src[e] as number]).toBe(p.edgeBatch[e]);
      }),
      { numRuns: 50 },
    );
  });
});

describe('mlpGraph (direct, sort-free path) against buildParamGraph on the same edge list', () => {
  it('gives bit-identical graphs, directed and undirected, whatever the edge-list order', () => {
    fc.assert(
      fc.property(arbMlp({ maxLayers: 4, maxWidth: 6 }), fc.boolean(), fc.array(fc.nat()), (mlp, directed, keys) => {
        const { numNodes, numNeurons, layerOffsets } = mlpGraphLayout(mlp.sizes);
        const L = mlp.sizes.length - 1;
        const layer: number[] = [];
        const nodeType: number[] = [];
        mlp.sizes.forEach((n, l) => {
          for (let j = 0; j < n; j++) {
            layer.push(l);
            nodeType.push(l === 0 ? 0 : l === L ? 2 : 1);
          }
        });
        for (let l = 1; l <= L; l++) {
          layer.push(l - 1);
          nodeType.push(3);
        }
        const edges: [number, number, number, number][] = [];
        mlp.weights.forEach((W, l) => {
          const nIn = mlp.sizes[l] as number;
          const nOut = mlp.sizes[l + 1] as number;
          for (let j = 0; j < nOut; j++) {
            for (let i = 0; i < nIn; i++) edges.push([(layerOffsets[l] as number) + i, (layerOffsets[l + 1] as number) + j, W[j * nIn + i] as number, 0]);
            edges.push([numNeurons + l, (layerOffsets[l + 1] as number) + j, (mlp.biases[l] as Float64Array)[j] as number, 1]);
          }
        });
        const order = edges.map((e, i) => [keys[i] ?? i, i, e] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , e]) => e);
        const general = buildParamGraph(
          { numNodes, layer, nodeType, src: order.map((e) => e[0]), dst: order.map((e) => e[1]), weight: order.map((e) => e[2]), isBias: order.map((e) => e[3]) },
          { directed },
        );
        const direct = mlpGraph(mlp, { directed });
        for (const key of ['src', 'dst', 'weight', 'isBias', 'crossLayer', 'indptr', 'layer', 'nodeType', 'strengthAbs', 'strengthSgn', 'nodeFeatures'] as const) {
          expect(Array.from(direct[key]), key).toEqual(Array.from(general[key]));
        }
        expect(direct.numEdges).toBe(general.numEdges);
      }),
    );
  });
});
