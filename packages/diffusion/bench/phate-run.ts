// One timed PHATE run on the branching tree, with per-stage times, wall time and this
// process's peak resident memory. Each size has its own bench file so that each runs in
// its own process and the peak memory is that size's alone.
import { Bench } from 'tinybench';
import { phate } from '../src/index.js';
import { branchingTree } from './data.js';

export function phateBench(n: number, nLandmark = 2000) {
  const X = branchingTree(n);
  const bench = new Bench({ name: `phate n=${n}`, iterations: 1, time: 0, warmup: false });
  let t = 0;
  let landmarks = 0;
  let wallMs = 0;
  const stages: Record<string, number> = {};
  bench.add(`phate n=${n} metric MDS`, () => {
    const t0 = performance.now();
    let last = t0;
    let stage = 'start';
    const r = phate(X, {
      seed: 1,
      nLandmark,
      onProgress: (next) => {
        const now = performance.now();
        stages[`stageSeconds_${stage}`] = (now - last) / 1000;
        stage = next.replace(/ /g, '_');
        last = now;
      },
    });
    wallMs = performance.now() - t0;
    stages[`stageSeconds_${stage}`] = (performance.now() - last) / 1000;
    t = r.t;
    landmarks = r.landmarks?.count ?? 0;
  });
  return {
    benches: [bench],
    figures: () => ({ ...stages, n, wallSeconds: wallMs / 1000, peakRssMB: process.resourceUsage().maxRSS / 1024, t, landmarks }),
  };
}
