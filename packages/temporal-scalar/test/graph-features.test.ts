import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '@geo/core';
import { graphSnapshotFeatures, pairwiseDistances, permuteHiddenUnits, snapshotFeatures } from '../src/index.js';
import type { GraphSnapshot, MlpWeights } from '../src/index.js';
import { geoError, maxAbs, maxAbsDiff, randomMlp } from './helpers.js';
import { DISTANCE_REL } from './tolerances.js';

/**
 * The undirected signed graph of an MLP in @geo/param-graph's layout: neurons layer by layer,
 * then one bias node per affine layer; every edge stored in both directions, in a shuffled order.
 */
function mlpToGraph(mlp: MlpWeights, seed: number): GraphSnapshot {
  const L = mlp.sizes.length - 1;
  const start: number[] = [];
  let n = 0;
  for (let l = 0; l <= L; l++) {
    start.push(n);
    n += mlp.sizes[l] as number;
  }
  const edges: [number, number, number][] = [];
  for (let l = 0; l < L; l++) {
    const nIn = mlp.sizes[l] as number;
    for (let i = 0; i < (mlp.sizes[l + 1] as number); i++) {
      const v = (start[l + 1] as number) + i;
      for (let j = 0; j < nIn; j++) {
        const w = (mlp.weights[l] as ArrayLike<number>)[i * nIn + j] as number;
        edges.push([(start[l] as number) + j, v, w], [v, (start[l] as number) + j, w]);
      }
      const b = (mlp.biases[l] as ArrayLike<number>)[i] as number;
      edges.push([n + l, v, b], [v, n + l, b]);
    }
  }
  createRng(seed).shuffle(edges);
  return { numNodes: n + L, src: edges.map((e) => e[0]), dst: edges.map((e) => e[1]), weight: edges.map((e) => e[2]) };
}

describe('graphSnapshotFeatures', () => {
  const sizes = [3, 5, 2];
  const trajectory = (seed: number): MlpWeights[] => Array.from({ length: 4 }, (_, t) => randomMlp(sizes, seed * 10 + t));

  it('agrees with the MLP snapshot distances (Frobenius and spectral), edge order aside (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e5 }), fc.constantFrom('frobenius' as const, 'spectral' as const), (seed, distance) => {
        const snaps = trajectory(seed);
        const graphs = snaps.map((m, t) => mlpToGraph(m, seed + t));
        const g = graphSnapshotFeatures(graphs, { distance });
        const f = snapshotFeatures(snaps, { distance });
        const dg = pairwiseDistances(g.data, g.rows, g.cols);
        const df = pairwiseDistances(f.data, f.rows, f.cols);
        return maxAbsDiff(dg, df) <= DISTANCE_REL * maxAbs(df);
      }),
      { numRuns: 20 },
    );
  });

  it('spectral graph distances ignore hidden-neuron relabelling', () => {
    const snaps = trajectory(3);
    const rng = createRng(4);
    const relabelled = snaps.map((m) => permuteHiddenUnits(m, [rng.permutation(5)]));
    const a = graphSnapshotFeatures(snaps.map((m) => mlpToGraph(m, 1)), { distance: 'spectral' });
    const b = graphSnapshotFeatures(relabelled.map((m) => mlpToGraph(m, 2)), { distance: 'spectral' });
    expect(maxAbsDiff(pairwiseDistances(a.data, 4, a.cols), pairwiseDistances(b.data, 4, b.cols))).toBeLessThan(1e-12 * maxAbs(a.data) * 10);
  });

  it('rejects graphs that do not match', () => {
    const g = mlpToGraph(randomMlp(sizes, 1), 1);
    expect(geoError(() => graphSnapshotFeatures([g, { ...g, numNodes: g.numNodes + 1 }]))).toMatchObject({ code: 'BAD_SHAPE', argument: 'graphs[1]' });
    expect(geoError(() => graphSnapshotFeatures([g, { ...g, src: Array.from(g.src, (u, e) => (e === 0 ? (u + 1) % g.numNodes : u)) }]))).toMatchObject({ code: 'BAD_SHAPE', argument: 'graphs[1]' });
    expect(geoError(() => graphSnapshotFeatures([{ ...g, src: [99, ...Array.from(g.src).slice(1)] }]))).toMatchObject({ code: 'OUT_OF_RANGE', argument: 'graphs[0].src' });
    expect(geoError(() => graphSnapshotFeatures([{ ...g, weight: [NaN, ...Array.from(g.weight).slice(1)] }]))).toMatchObject({ code: 'NOT_FINITE' });
    expect(geoError(() => graphSnapshotFeatures([]))).toMatchObject({ code: 'BAD_LENGTH', argument: 'graphs' });
  });
});
