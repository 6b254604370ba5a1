// ripsPersistence against Debian's `ripser` command (Ripser 1.2) on a noisy torus and a uniform
// cube, n = 100..800, H0-H1 and H0-H2, default (enclosing-radius) threshold; H0-H2 at n >= 400
// runs once, everything else at least three warm iterations.
// Ripser is timed as a process (spawn included, a few ms); its diagrams are parsed and compared
// with ours (counts and values to its 6 printed digits). A GUDHI row (RipsComplex, edge collapse,
// expansion, persistence; timed inside Python) is added when python3-gudhi is installed.
// Rows whose tool is absent are skipped, never failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@geo/core';
import { Bench } from 'tinybench';
import { ripsPersistence, type PersistenceDiagram } from '../src/index.js';

const SIZES = [100, 200, 400, 800];
const DIMS = [1, 2];

/** A torus (R = 2, r = 1) in R^3 with Gaussian noise (sd 0.05), uniform angles. */
function torus(n: number, seed: number): number[][] {
  const rng = createRng(seed).derive('torus', n);
  return Array.from({ length: n }, () => {
    const a = 2 * Math.PI * rng.uniform();
    const b = 2 * Math.PI * rng.uniform();
    return [(2 + Math.cos(b)) * Math.cos(a) + rng.normal(0, 0.05), (2 + Math.cos(b)) * Math.sin(a) + rng.normal(0, 0.05), Math.sin(b) + rng.normal(0, 0.05)];
  });
}

/** n points uniform in the unit cube. */
function cube(n: number, seed: number): number[][] {
  const rng = createRng(seed).derive('cube', n);
  return Array.from({ length: n }, () => [rng.uniform(), rng.uniform(), rng.uniform()]);
}

function available(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.error === undefined;
}

/** Ripser's text output: lines "persistence intervals in dim k:" then " [b,d)" (d blank when essential). */
function parseRipser(out: string): [number, number][][] {
  const dgms: [number, number][][] = [];
  for (const line of out.split('\n')) {
    const head = /persistence intervals in dim (\d+)/.exec(line);
    if (head) {
      dgms[Number(head[1])] = [];
      continue;
    }
    const iv = /\[([^,]*),([^)]*)\)/.exec(line);
    if (iv && dgms.length > 0) dgms[dgms.length - 1]!.push([Number(iv[1]), iv[2]!.trim() === '' ? Infinity : Number(iv[2])]);
  }
  return dgms;
}

/** Same intervals as Ripser's (which prints 6 significant digits), compared after sorting. */
function agrees(ours: PersistenceDiagram[], theirs: [number, number][][]): boolean {
  for (let d = 0; d < ours.length; d++) {
    const a = Array.from(ours[d]!.birth, (b, i) => [b, ours[d]!.death[i]!] as [number, number]);
    const b = [...(theirs[d] ?? [])].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    if (a.length !== b.length) return false;
    const close = (x: number, y: number) => (x === Infinity ? y === Infinity : Math.abs(x - y) <= 1e-5 * Math.max(1, Math.abs(x)));
    // values are rounded in Ripser's print, so tie order may differ: compare sorted births and deaths separately
    const sb = (arr: [number, number][], k: 0 | 1) => arr.map((p) => p[k]).sort((x, y) => x - y);
    for (const k of [0, 1] as const) {
      const x = sb(a, k);
      const y = sb(b, k);
      for (let i = 0; i < x.length; i++) if (!close(x[i]!, y[i]!)) return false;
    }
  }
  return true;
}

const GUDHI_SCRIPT = `
import sys, time, numpy as np, gudhi
pts = np.loadtxt(sys.argv[1], delimiter=',')
maxdim = int(sys.argv[2])
D = np.sqrt(((pts[:, None, :] - pts[None, :, :]) ** 2).sum(-1))
thr = D.max(axis=1).min()
t0 = time.perf_counter()
st = gudhi.RipsComplex(points=pts, max_edge_length=thr).create_simplex_tree(max_dimension=1)
st.collapse_edges()
st.expansion(maxdim + 1)
st.persistence(homology_coeff_field=2, persistence_dim_max=False)
print(time.perf_counter() - t0)
`;

export default async function () {
  const hasRipser = available('ripser', ['--help']);
  // Debian's python3-gudhi lives under /usr/bin/python3, which another python3 on PATH may shadow
  const python = ['python3', '/usr/bin/python3'].find((py) => spawnSync(py, ['-c', 'import gudhi, numpy'], { encoding: 'utf8' }).status === 0);
  const hasGudhi = python !== undefined;
  if (!hasRipser) console.warn('ripser not found (apt-get install ripser): the Ripser rows are skipped');
  if (!hasGudhi) console.warn('python3-gudhi not found: the GUDHI edge-collapse rows are skipped');
  const dir = mkdtempSync(join(tmpdir(), 'geo-tda-bench-'));
  const benches: Bench[] = [];
  const agreement: Record<string, number> = {};
  const gudhiSeconds: Record<string, number> = {};
  const ripserOutput = new Map<string, string>();
  const checks: (() => void)[] = [];
  let sink = 0;
  for (const [shape, make] of [
    ['torus', torus],
    ['cube', cube],
  ] as const) {
    for (const n of SIZES) {
      const pts = make(n, 2026);
      const file = join(dir, `${shape}-${n}.csv`);
      writeFileSync(file, pts.map((p) => p.join(',')).join('\n'));
      const big = n >= 400;
      for (const maxDim of DIMS) {
        // H0-H1 is cheap for both tools: several warm iterations; H0-H2 at n >= 400 runs once
        // (Ripser needs tens of seconds at n = 800)
        const once = big && maxDim === 2;
        const bench = new Bench({ name: `${shape} n=${n} H0-H${maxDim}`, time: once ? 0 : 300, iterations: once ? 1 : 3, warmup: !once });
        benches.push(bench);
        const label = `${shape} n=${n} H0-H${maxDim}`;
        bench.add(`ours ${label}`, () => {
          sink += ripsPersistence({ points: pts }, { maxDim })[maxDim]!.birth.length;
        });
        if (hasRipser) {
          bench.add(`ripser ${label}`, () => {
            const r = spawnSync('ripser', ['--format', 'point-cloud', '--dim', String(maxDim), file], { encoding: 'utf8', maxBuffer: 1 << 28 });
            ripserOutput.set(label, r.stdout);
            sink += r.stdout.length;
          });
          checks.push(() => {
            // the diagrams themselves, against the last timed Ripser run's output
            const out = ripserOutput.get(label) ?? '';
            agreement[`agrees_with_ripser_${shape}_n${n}_H${maxDim}`] = agrees(ripsPersistence({ points: pts }, { maxDim }), parseRipser(out)) ? 1 : 0;
          });
        }
        if (python !== undefined) {
          const g = spawnSync(python, ['-c', GUDHI_SCRIPT, file, String(maxDim)], { encoding: 'utf8' });
          const s = Number.parseFloat(g.stdout);
          if (g.status === 0 && Number.isFinite(s)) gudhiSeconds[label] = s;
        }
      }
    }
  }
  return {
    benches,
    figures: () => {
      rmSync(dir, { recursive: true, force: true });
      for (const check of checks) check();
      const figures: Record<string, number> = { ...agreement };
      const mean = (name: string): number => {
        for (const b of benches) {
          const r = b.getTask(name)?.result;
          if (r !== undefined && 'latency' in r) return r.latency.mean / 1000;
        }
        return Number.NaN;
      };
      const rows: string[] = ['| case | ours (s) | ripser (s) | ours / ripser | GUDHI collapse (s) | ours / GUDHI |', '|---|---|---|---|---|---|'];
      for (const shape of ['torus', 'cube']) {
        for (const n of SIZES) {
          for (const maxDim of DIMS) {
            const label = `${shape} n=${n} H0-H${maxDim}`;
            const key = `${shape}_n${n}_H${maxDim}`;
            const ours = mean(`ours ${label}`);
            const rip = mean(`ripser ${label}`);
            const gud = gudhiSeconds[label] ?? Number.NaN;
            figures[`ours_s_${key}`] = ours;
            if (hasRipser) {
              figures[`ripser_s_${key}`] = rip;
              figures[`ratio_ours_over_ripser_${key}`] = ours / rip;
            }
            if (hasGudhi) {
              figures[`gudhi_collapse_s_${key}`] = gud;
              figures[`ratio_ours_over_gudhi_${key}`] = ours / gud;
            }
            const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
            rows.push(`| ${label} | ${f(ours)} | ${f(rip)} | ${f(ours / rip)} | ${f(gud)} | ${f(ours / gud)} |`);
          }
        }
      }
      console.log(`\n${rows.join('\n')}\n`);
      if (Number.isNaN(sink)) figures['sink'] = sink;
      return figures;
    },
  };
}
