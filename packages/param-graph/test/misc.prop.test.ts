import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NODE_TYPE,
  biasNode,
  decodeTensorBytes,
  describeGraph,
  edgeAttributes,
  incomingEdges,
  initSiren,
  mlpForward,
  mlpGraph,
  mlpGraphLayout,
  neuronNode,
  packTrajectories,
  summarize,
  trajectoryFromSnapshots,
  trajectoryInfo,
  trajectoryMetadata,
  validateMlp,
} from '../src/index.js';
import type { Activation } from '../src/index.js';
import { arbMlp, arbSizes } from './arbitraries.js';
import { ACTIVATION_REL, MEAN_BOUNDS_REL } from './tolerances.js';

describe('initSiren', () => {
  it('is seeded, within the SIREN bounds, and finite through the forward pass', () => {
    fc.assert(
      fc.property(arbSizes({ maxLayers: 3, maxWidth: 8 }), fc.nat({ max: 1000 }), (sizes, seed) => {
        const a = initSiren(sizes, { seed });
        const b = initSiren(sizes, { seed });
        expect(a.weights.map((w) => Array.from(w))).toEqual(b.weights.map((w) => Array.from(w)));
        validateMlp(a);
        const L = sizes.length - 1;
        a.weights.forEach((w, l) => {
          const n = sizes[l] as number;
          const bound = l === L - 1 ? Math.sqrt(6 / n) / 30 : l === 0 ? 30 / n : Math.sqrt(6 / n);
          expect(w.every((v) => Math.abs(v) <= bound)).toBe(true);
        });
        expect(Array.from(mlpForward(a, new Array(sizes[0]).fill(0.5))).every(Number.isFinite)).toBe(true);
      }),
      { numRuns: 30 },
    );
    expect(Array.from(initSiren([2, 4, 1], { seed: 1 }).weights[0] ?? [])).not.toEqual(Array.from(initSiren([2, 4, 1], { seed: 2 }).weights[0] ?? []));
  });
});

describe('node layout helpers', () => {
  it('neuronNode and biasNode index the nodes mlpGraph labels as such', () => {
    fc.assert(
      fc.property(arbMlp({ maxLayers: 3, maxWidth: 5 }), (mlp) => {
        const g = mlpGraph(mlp);
        const { numNodes, layerOffsets } = mlpGraphLayout(mlp.sizes);
        expect(g.numNodes).toBe(numNodes);
        const L = mlp.sizes.length - 1;
        mlp.sizes.forEach((n, l) => {
          for (let j = 0; j < n; j++) {
            const u = neuronNode(mlp.sizes, l, j);
            expect(u).toBe((layerOffsets[l] as number) + j);
            expect(g.layer[u]).toBe(l);
            expect(g.nodeType[u]).toBe(l === 0 ? NODE_TYPE.input : l === L ? NODE_TYPE.output : NODE_TYPE.hidden);
          }
        });
        for (let l = 1; l <= L; l++) {
          const b = biasNode(mlp.sizes, l);
          expect(g.nodeType[b]).toBe(NODE_TYPE.bias);
          expect(g.layer[b]).toBe(l - 1);
          // Every edge out of a bias node goes to a neuron of layer l, and carries a bias.
          for (let e = g.indptr[b] as number; e < (g.indptr[b + 1] as number); e++) {
            expect(g.layer[g.dst[e] as number]).toBe(l);
            expect(g.isBias[e]).toBe(1);
          }
        }
        const attr = edgeAttributes(g);
        for (let e = 0; e < g.numEdges; e++) expect([attr[2 * e], attr[2 * e + 1]]).toEqual([g.isBias[e], g.crossLayer[e]]);
        expect(describeGraph(g).split('\n').filter((line) => /^ *\d+ +\d+ -> \d+/.test(line)).length).toBe(g.numEdges);
      }),
      { numRuns: 50 },
    );
  });
});

describe('decodeTensorBytes', () => {
  it('inverts the little-endian byte view, bit for bit', () => {
    fc.assert(
      fc.property(fc.array(fc.double()), fc.array(fc.float()), (d, f) => {
        const x = Float64Array.from(d);
        const y = Float32Array.from(f);
        const bx = decodeTensorBytes(new Uint8Array(x.buffer), 'F64');
        const by = decodeTensorBytes(new Uint8Array(y.buffer), 'F32');
        expect(Buffer.from(bx.buffer).equals(Buffer.from(x.buffer))).toBe(true);
        expect(Buffer.from(by.buffer).equals(Buffer.from(y.buffer))).toBe(true);
      }),
    );
  });
});

describe('trajectory metadata', () => {
  it('trajectoryInfo(trajectoryMetadata(t)) gives back architecture, steps, seed, labels, extras', () => {
    fc.assert(
      fc.property(arbMlp({ maxLayers: 2, maxWidth: 3 }), fc.nat(), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer()), (mlp, seed, labels) => {
        const t = trajectoryFromSnapshots([mlp], [seed % 1000], { seed, labels, metadata: { note: 'x' } });
        const info = trajectoryInfo(trajectoryMetadata(t));
        expect(info.sizes).toEqual(t.sizes);
        expect(info.activation).toBe(t.activation);
        expect(info.steps).toEqual(t.steps);
        expect(info.seed).toBe(seed);
        expect(info.labels).toEqual(labels);
        expect(info.metadata).toEqual({ note: 'x' });
        const packed = packTrajectories([t, t]);
        expect(Array.from(packed.graphIndex)).toEqual([0, 1]);
      }),
      { numRuns: 50 },
    );
  });
});

describe('summarize', () => {
  it('counts sum to n, quantiles are monotone between min and max, mean within them', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 30 }), (xs, bins) => {
        const s = summarize(xs, bins);
        expect(s.counts.reduce((a, b) => a + b, 0)).toBe(xs.length);
        expect(s.quantiles[0]).toBe(s.min);
        expect(s.quantiles[s.quantiles.length - 1]).toBe(s.max);
        for (let i = 1; i < s.quantiles.length; i++) expect(s.quantiles[i]).toBeGreaterThanOrEqual(s.quantiles[i - 1] as number);
        expect(s.mean).toBeGreaterThanOrEqual(s.min - MEAN_BOUNDS_REL * Math.abs(s.min));
        expect(s.mean).toBeLessThanOrEqual(s.max + MEAN_BOUNDS_REL * Math.abs(s.max));
      }),
    );
  });
});

describe('incomingEdges (CSC)', () => {
  it('lists every edge once under its destination, sources ascending, pointing back to its COO index', () => {
    fc.assert(
      fc.property(arbMlp({ maxLayers: 3, maxWidth: 5 }), fc.boolean(), (mlp, directed) => {
        const g = mlpGraph(mlp, { directed });
        const inc = incomingEdges(g);
        expect(inc.indptr[g.numNodes]).toBe(g.numEdges);
        expect(Array.from(inc.edge).sort((a, b) => a - b)).toEqual(Array.from({ length: g.numEdges }, (_, e) => e));
        for (let v = 0; v < g.numNodes; v++) {
          for (let k = inc.indptr[v] as number; k < (inc.indptr[v + 1] as number); k++) {
            const e = inc.edge[k] as number;
            expect(g.dst[e]).toBe(v);
            expect(g.src[e]).toBe(inc.src[k]);
            if (k > (inc.indptr[v] as number)) expect(inc.src[k]).toBeGreaterThan(inc.src[k - 1] as number);
          }
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('mlpForward activations against scipy values', () => {
  // x Phi(x) (scipy.special.ndtr), log(1 + e^x) (numpy.logaddexp), 1/(1 + e^-x) (scipy.special.expit).
  const cases: [Activation, number, number][] = [
    ['gelu', 1, 0.8413447460685429],
    ['gelu', 3, 2.99595030590511],
    ['gelu', -4, -0.00012668496733247945],
    ['gelu', -1, -0.15865525393145707],
    ['gelu', 0.3, 0.18537342665668577],
    ['gelu', -8, -4.976768459417392e-15],
    ['gelu', 2.7, 2.6906391707317905],
    ['softplus', -30, 9.357622968839737e-14],
    ['softplus', -1, 0.31326168751822286],
    ['softplus', 0.5, 0.9740769841801067],
    ['softplus', 40, 40],
    ['sigmoid', -30, 9.357622968839299e-14],
    ['sigmoid', -1, 0.2689414213699951],
    ['sigmoid', 0.5, 0.6224593312018546],
    ['relu', -2, 0],
    ['relu', 2, 2],
    ['leaky_relu', -2, -0.02],
    ['tanh', 0.5, Math.tanh(0.5)],
    ['sin', 1, Math.sin(1)],
    ['identity', -3, -3],
  ];
  for (const [activation, x, y] of cases) {
    it(`${activation}(${x})`, () => {
      const mlp = { sizes: [1, 1, 1], activation, weights: [Float64Array.of(1), Float64Array.of(1)], biases: [Float64Array.of(0), Float64Array.of(0)] };
      const got = mlpForward(mlp, [x])[0] as number;
      expect(Math.abs(got - y)).toBeLessThanOrEqual(ACTIVATION_REL * Math.abs(y));
    });
  }
});
