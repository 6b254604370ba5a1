// One timed PHATE run on the branching tree, with per-stage times, wall and CPU time, the load
// average around the run, and this
// process's peak resident memory. Each size has its own bench file so that each runs in
// its own process and the peak memory is that size's alone.
import { loadavg } from 'node:os';
import { Bench } from 'tinybench';
import { phate } from '../src/index.js';
import { branchingTree } from './data.js';

export function phateBench(n: number, nLandmark = 2000) {
  const X = branchingTree(n);
  const bench = new Bench({ name: `phate n=${n}`, iterations: 1, time: 0, warmup: false });
  let t = 0;
  let landmarks = 0;
  let wallMs = 0;
  let cpuSeconds = 0;
  let loadBefore = 0;
  let loadAfter = 0;
  const stages: Record<string, number> = {};
  bench.add(`phate n=${n} metric MDS`, () => {
    loadBefore = loadavg()[0] ?? 0;
    const c0 = process.cpuUsage();
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
    const c1 = process.cpuUsage(c0);
    cpuSeconds = (c1.user + c1.system) / 1e6;
    loadAfter = loadavg()[0] ?? 0;
    stages[`stageSeconds_${stage}`] = (performance.now() - last) / 1000;
    t = r.t;
    landmarks = r.landmarks?.count ?? 0;
  });
  return {
    benches: [bench],
    // CPU seconds are this process's own: on the shared machine they vary far less with the load than wall time.
    figures: () => ({ ...stages, n, wallSeconds: wallMs / 1000, cpuSeconds, loadAverageBefore: loadBefore, loadAverageAfter: loadAfter, peakRssMB: process.resourceUsage().maxRSS / 1024, t, landmarks }),
  };
}
