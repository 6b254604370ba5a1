// Exact Wasserstein (p = 2, L^inf ground metric) and bottleneck distances between random
// diagrams of 50..400 points, beside GUDHI (wasserstein_distance with POT, and the exact
// bottleneck_distance), timed inside Python when Debian's python3-gudhi is installed (skipped
// otherwise); the values are compared too.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@geo/core';
import { Bench } from 'tinybench';
import { bottleneckDistance, wassersteinDistance } from '../src/index.js';

const SIZES = [50, 100, 200, 400];

/** m random points above the diagonal, births in [0, 1), persistence exponential-ish. */
function randomDiagram(m: number, seed: number): [number, number][] {
  const rng = createRng(seed).derive('diagram', m);
  return Array.from({ length: m }, () => {
    const b = rng.uniform();
    return [b, b + 0.2 * -Math.log(1 - rng.uniform())] as [number, number];
  });
}

const GUDHI_SCRIPT = `
import sys, time, json, numpy as np, gudhi
from gudhi.wasserstein import wasserstein_distance
a = np.array(json.load(open(sys.argv[1]))); b = np.array(json.load(open(sys.argv[2])))
reps = int(sys.argv[3])
t0 = time.perf_counter()
for _ in range(reps): w = wasserstein_distance(a, b, order=2, internal_p=np.inf)
t1 = time.perf_counter()
for _ in range(reps): d = gudhi.bottleneck_distance(a, b)
t2 = time.perf_counter()
print(json.dumps({"w": w, "b": d, "ws": (t1 - t0) / reps, "bs": (t2 - t1) / reps}))
`;

export default async function () {
  const python = ['python3', '/usr/bin/python3'].find((py) => spawnSync(py, ['-c', 'import gudhi, ot'], { encoding: 'utf8' }).status === 0);
  if (python === undefined) console.warn('python3-gudhi (with POT) not found: the GUDHI rows are skipped');
  const dir = mkdtempSync(join(tmpdir(), 'geo-tda-dist-'));
  const bench = new Bench({ name: 'diagram distances', time: 1000, iterations: 3 });
  const figures: Record<string, number> = {};
  let sink = 0;
  for (const m of SIZES) {
    const a = randomDiagram(m, 1);
    const b = randomDiagram(m + m / 10, 2);
    bench.add(`wasserstein p=2 m=${m}`, () => {
      sink += wassersteinDistance(a, b, { p: 2, internalP: Infinity });
    });
    bench.add(`bottleneck m=${m}`, () => {
      sink += bottleneckDistance(a, b);
    });
    if (python !== undefined) {
      const fa = join(dir, `a${m}.json`);
      const fb = join(dir, `b${m}.json`);
      writeFileSync(fa, JSON.stringify(a));
      writeFileSync(fb, JSON.stringify(b));
      const r = spawnSync(python, ['-c', GUDHI_SCRIPT, fa, fb, m >= 200 ? '2' : '5'], { encoding: 'utf8' });
      if (r.status === 0) {
        const g = JSON.parse(r.stdout) as { w: number; b: number; ws: number; bs: number };
        figures[`gudhi_wasserstein_s_m${m}`] = g.ws;
        figures[`gudhi_bottleneck_s_m${m}`] = g.bs;
        const w = wassersteinDistance(a, b, { p: 2, internalP: Infinity });
        figures[`wasserstein_rel_diff_vs_gudhi_m${m}`] = Math.abs(w - g.w) / g.w;
        figures[`bottleneck_abs_diff_vs_gudhi_m${m}`] = Math.abs(bottleneckDistance(a, b) - g.b);
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return {
    benches: [bench],
    figures: () => {
      for (const m of SIZES) {
        for (const [task, key] of [
          [`wasserstein p=2 m=${m}`, 'wasserstein'],
          [`bottleneck m=${m}`, 'bottleneck'],
        ] as const) {
          const r = bench.getTask(task)?.result;
          if (r === undefined || !('latency' in r)) continue;
          const s = r.latency.mean / 1000;
          figures[`ours_${key}_s_m${m}`] = s;
          const g = figures[`gudhi_${key}_s_m${m}`];
          if (g !== undefined) figures[`ratio_ours_over_gudhi_${key}_m${m}`] = s / g;
        }
      }
      if (Number.isNaN(sink)) figures['sink'] = sink;
      return figures;
    },
  };
}
