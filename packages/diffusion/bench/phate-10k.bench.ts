// PHATE at n = 10000 (nLandmark = 2000): one timed run (a run takes seconds to minutes), wall time and
// this process's peak resident memory.
import { Bench } from 'tinybench';
import { phate } from '../src/index.js';
import { branchingTree } from './data.js';

export default async function () {
  const X = branchingTree(10000);
  const bench = new Bench({ name: 'phate n=10000', iterations: 1, time: 0, warmup: false });
  let t = 0;
  let landmarks = 0;
  let wallMs = 0;
  const stages: Record<string, number> = {};
  bench.add('phate n=10000 metric MDS', () => {
    const t0 = performance.now();
    let last = t0;
    let stage = 'start';
    const r = phate(X, {
      seed: 1,
      nLandmark: 2000,
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
    figures: () => ({ ...stages, n: 10000, wallSeconds: wallMs / 1000, peakRssMB: process.resourceUsage().maxRSS / 1024, t, landmarks }),
  };
}
