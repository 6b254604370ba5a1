// Synthetic data for the PHATE benchmarks: a 6-branch tree in 20 dimensions (seeded).
import { createRng } from '@geo/core';
import type { Matrix } from '@geo/core';

/** n points on 6 noisy branches leaving the origin in 20-d (the shape PHATE is designed for). */
export function branchingTree(n: number, seed = 1, d = 20): Matrix {
  const rng = createRng(seed).derive('tree');
  const branches = 6;
  const dirs = Array.from({ length: branches }, () => rng.fillNormal(new Float64Array(d)));
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const b = i % branches;
    const s = rng.uniform() * 10;
    const dir = dirs[b] as Float64Array;
    for (let c = 0; c < d; c++) data[i * d + c] = (dir[c] as number) * s + rng.normal() * 0.5;
  }
  return { data, rows: n, cols: d };
}
