// Real use: embed the balanced tree (branching 3, depth 5: 364 nodes) in the 2-D ball with
// Riemannian Adam and measure Nickel & Kiela's mean average precision of edge reconstruction.
// The start is a Laplacian-eigenmap layout of the graph (shrunk to radius 1e-2): from a random
// start the upper levels end up interleaved in 2-D and Riemannian Adam stalls at MAP 0.92-0.94.
import { describe, expect, it } from 'vitest';
import { balancedTree, embedGraph, meanAveragePrecision } from './helpers/tree.js';
import { TREE_MAP_MIN } from './tolerances.js';

describe('tree embedding', () => {
  it('MAP is 1 for a perfect layout and drops when the layout is scrambled (the measure can fail)', () => {
    const { n, edges } = balancedTree(3, 2);
    // root at the centre, children on a ring, grandchildren further out beside their parent
    const x = new Float64Array(2 * n);
    for (let k = 0; k < 3; k++) {
      const a = (2 * Math.PI * k) / 3;
      x.set([0.5 * Math.cos(a), 0.5 * Math.sin(a)], 2 * (1 + k));
      for (let j = 0; j < 3; j++) {
        const b = a + ((j - 1) * Math.PI) / 7;
        x.set([0.8 * Math.cos(b), 0.8 * Math.sin(b)], 2 * (4 + 3 * k + j));
      }
    }
    expect(meanAveragePrecision(x, 2, n, edges)).toBe(1);
    const swapped = Float64Array.from(x);
    swapped.set(x.subarray(2, 4), 0);
    swapped.set(x.subarray(0, 2), 2);
    expect(meanAveragePrecision(swapped, 2, n, edges)).toBeLessThan(0.9);
  });

  it(`Riemannian Adam embeds the (3, 5) tree in 2-D with MAP >= ${TREE_MAP_MIN}, from a spectral start that alone scores far lower`, () => {
    const { n, edges } = balancedTree(3, 5);
    expect(n).toBe(364);
    const options = { dim: 2, c: 1, epochs: 100, lr: 0.1, burnIn: 20, seed: 7, init: 'spectral', initRadius: 1e-2 } as const;
    const start = embedGraph(n, edges, { ...options, epochs: 0 });
    const x = embedGraph(n, edges, options);
    let maxNorm = 0;
    for (let i = 0; i < n; i++) maxNorm = Math.max(maxNorm, Math.hypot(x[2 * i] as number, x[2 * i + 1] as number));
    expect(maxNorm).toBeLessThan(1);
    const before = meanAveragePrecision(start, 2, n, edges);
    const map = meanAveragePrecision(x, 2, n, edges);
    console.log(`tree (3, 5) in the 2-D ball: spectral start MAP = ${before.toFixed(4)}, after Riemannian Adam MAP = ${map.toFixed(4)}`);
    expect(before).toBeLessThan(0.5);
    expect(map).toBeGreaterThanOrEqual(TREE_MAP_MIN);
  });
});
