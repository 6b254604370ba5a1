import { describe, expect, it } from 'vitest';
import { phate, procrustesDisparity } from '../src/index.js';
import { branchingTree, swissRoll } from './helpers.js';
import { LANDMARK_HALF_PROCRUSTES, LANDMARK_QUARTER_PROCRUSTES } from './tolerances.js';

const asRows = (Y: Float64Array, k: number): number[][] => Array.from({ length: Y.length / k }, (_, i) => Array.from(Y.subarray(i * k, (i + 1) * k)));

describe('landmark PHATE converges to the exact embedding as landmarks grow', () => {
  const n = 600;
  it.each([
    ['4-branch tree', 1],
    ['4-branch tree', 2],
    ['swiss roll', 1],
  ] as const)('%s (data seed %i)', (kind, seed) => {
    const X = kind === 'swiss roll' ? swissRoll(seed, n) : branchingTree(seed, n);
    const exact = phate(X, { seed: 1, mds: 'classic' });
    const half = phate(X, { seed: 1, mds: 'classic', nLandmark: n / 2 });
    const quarter = phate(X, { seed: 1, mds: 'classic', nLandmark: n / 4 });
    // k-means may leave a cluster empty (it is dropped).
    expect(half.landmarks?.count).toBeGreaterThanOrEqual(0.95 * (n / 2));
    // About the same point-level t (the estimated knee; a flat curve's knee moves a few steps), halved on P_L = P_LN P_NL.
    expect(Math.abs(half.t - exact.t)).toBeLessThanOrEqual(Math.max(2, 0.15 * exact.t));
    expect(half.landmarkT).toBe(Math.max(1, Math.round(half.t / 2)));
    const ref = asRows(exact.embedding, 2);
    expect(procrustesDisparity(ref, asRows(quarter.embedding, 2))).toBeLessThanOrEqual(LANDMARK_QUARTER_PROCRUSTES);
    expect(procrustesDisparity(ref, asRows(half.embedding, 2))).toBeLessThanOrEqual(LANDMARK_HALF_PROCRUSTES);
  });

  it('an explicit t is the point-level time with landmarks too', () => {
    const X = swissRoll(3, 300);
    const r = phate(X, { seed: 1, mds: 'classic', nLandmark: 150, t: 9 });
    expect(r.t).toBe(9);
    expect(r.landmarkT).toBe(5);
    expect(r.entropy).toBeNull();
  });
});
