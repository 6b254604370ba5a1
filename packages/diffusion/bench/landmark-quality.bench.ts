// Landmark PHATE against the exact run: Procrustes disparity for 100-800 landmarks on a
// 1,200-point 4-branch tree and swiss roll, metric and classical MDS, landmark seeds 1-3 (the
// README's table). One timed exact run per dataset keeps tinybench's shape; the disparities are
// the figures.
import { Bench } from 'tinybench';
import { phate, procrustesDisparity } from '../src/index.js';
import { branchingTree, swissRoll } from '../test/helpers.js';

const asRows = (Y: Float64Array): number[][] => Array.from({ length: Y.length / 2 }, (_, i) => [Y[2 * i] as number, Y[2 * i + 1] as number]);

export default async function () {
  const n = 1200;
  const figures: Record<string, number> = {};
  const bench = new Bench({ name: 'landmark PHATE quality', iterations: 1, time: 0, warmup: false });
  for (const [name, X] of [
    ['tree', branchingTree(1, n)],
    ['swiss', swissRoll(1, n)],
  ] as const) {
    bench.add(`exact + landmark grid, ${name} n=${n}`, () => {
      for (const mds of ['metric', 'classic'] as const) {
        const exact = asRows(phate(X, { seed: 1, mds }).embedding);
        for (const L of [100, 200, 400, 800]) {
          for (const seed of [1, 2, 3]) {
            const r = phate(X, { seed, mds, nLandmark: L });
            figures[`${name}_${mds}_L${L}_seed${seed}`] = procrustesDisparity(exact, asRows(r.embedding));
          }
        }
      }
    });
  }
  return { benches: [bench], figures: () => figures };
}
