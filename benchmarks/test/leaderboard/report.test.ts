import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEADERBOARD_METHOD_NAMES, barChart, diskCoordinates, leaderboardMethods, el, escapeXml, leaderboardMarkdown, meanStd, niceTicks, poincareDiskFigure, svgDocument } from '../../src/leaderboard/index.js';
import type { Leaderboard, LeaderboardRow } from '../../src/leaderboard/index.js';
import { leaderboardTask } from '../../src/leaderboard/tasks.js';
import { DISK_RADIUS_TOLERANCE, METRIC_TOLERANCE, TICK_TOLERANCE } from './tolerances.js';

function row(method: string, scores: number[], extra: Partial<LeaderboardRow> = {}): LeaderboardRow {
  const s = scores.length > 0 ? meanStd(scores) : null;
  return { method, description: '', temporal: true, seeds: scores.map((_, i) => i), scores, mean: s?.mean ?? null, std: s?.std ?? null, wallTimeMsMean: 1500, backend: 'wasm', failures: [], info: {}, ...extra };
}

function board(): Leaderboard {
  const t = leaderboardTask('inr-mnist');
  const s = leaderboardTask('sine');
  return {
    schemaVersion: 1,
    scale: 'cpu',
    seeds: 3,
    writtenAt: '2026-01-01T00:00:00.000Z',
    machine: { platform: 'linux', arch: 'x64', cpus: 2, cpuModel: 'test cpu', memoryBytes: 2 ** 34, node: 'v20' },
    tasks: [
      { task: 'inr-mnist', zoo: t.zoo, metric: t.metric, higherIsBetter: true, percent: true, scaleConfig: t.scales.cpu, sizes: { train: 1000, val: 250, test: 250, snapshots: 6, storedSnapshots: 90 }, rows: [row('gth-gmn', [0.6, 0.62, 0.64], { description: 'GTH-GMN, last-snapshot readout' }), row('statnn-gbt', [0.5, 0.52, 0.54]), row('gmn', [], { failures: [{ seed: 0, error: 'boom' }] })], paper: t.paper, deviations: t.deviations },
      { task: 'sine', zoo: s.zoo, metric: s.metric, higherIsBetter: false, percent: false, scaleConfig: s.scales.cpu, sizes: null, rows: [row('gth-gmn', [2, 3]), row('statnn-gbt', [1.5])], paper: s.paper, deviations: s.deviations },
    ],
    skipped: [{ task: 'cifar10-generalisation', reason: 'no zoo' }],
  };
}

describe('leaderboard.md', () => {
  const md = leaderboardMarkdown(board(), new Map([['inr-mnist', ['figures/inr-mnist-cpu.svg']]]));

  it('puts our mean ± std beside the paper and bolds the best (by the metric direction)', () => {
    expect(md).toContain('| gth-gmn | **62.00 ± 2.00** | 95.60 ± 0.18 | 3 | 1.5 | all k snapshots | wasm |');
    expect(md).toContain('| statnn-gbt | 52.00 ± 2.00 |');
    expect(md).toContain('| nfn-np (paper only) | — | 92.90 ± 0.22 |');
    // sine: lower is better, so statnn-gbt's 1.5 is bold; one seed has no '± 0' (it would read as zero variance)
    expect(md).toContain('| statnn-gbt | **1.50** |  | 1 |');
    expect(md).toContain('| gth-gmn | 2.50 ± 0.707 | 1.06 ± 0.240 |');
  });

  it('states the scale, sizes, failures, skipped tasks, figures and deviations', () => {
    expect(md).toContain("Scale `cpu`: NOT the paper's protocol");
    expect(md).toContain('train 1000, val 250, test 250 models; 6 of 90 stored snapshots');
    expect(md).toContain('- gmn seed 0 failed: boom');
    expect(md).toContain('## cifar10-generalisation: skipped');
    expect(md).toContain('![inr-mnist](figures/inr-mnist-cpu.svg)');
    expect(md).toContain('averaged over both');
    expect(md).toContain('no finished unit yet');
  });

  it('ends with what each method is, once per method, in table order', () => {
    const methods = md.slice(md.indexOf('## Methods'));
    expect(md.indexOf('## Methods')).toBeGreaterThan(md.indexOf('## sine'));
    expect(methods).toContain('- `gth-gmn`: GTH-GMN, last-snapshot readout');
    expect(methods.match(/- `gth-gmn`/g)).toHaveLength(1);
    expect(methods.indexOf('`gth-gmn`')).toBeLessThan(methods.indexOf('`statnn-gbt`'));
    expect(methods).toContain('- `gmn`:');
  });

  it('meanStd gives the sample standard deviation', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 20 }), (xs) => {
        const { mean, std } = meanStd(xs);
        const m = xs.reduce((a, b) => a + b, 0) / xs.length;
        const v = xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
        expect(Math.abs(mean - m)).toBeLessThanOrEqual(METRIC_TOLERANCE * 1e3);
        expect(Math.abs(std - Math.sqrt(v))).toBeLessThanOrEqual(METRIC_TOLERANCE * 1e3);
      }),
    );
    expect(meanStd([4])).toEqual({ mean: 4, std: 0 });
  });
});

describe('method registry', () => {
  it('lists every method once, under the names the CLI help shows', () => {
    const names = leaderboardMethods().map((m) => m.name);
    expect(names).toEqual([...LEADERBOARD_METHOD_NAMES]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('SVG figures', () => {
  it('escapes text and attributes', () => {
    expect(escapeXml('a<b & "c"')).toBe('a&lt;b &amp; &quot;c&quot;');
    expect(el('text', { x: 1.23456 }, [], '<x>')).toBe('<text x="1.23">&lt;x&gt;</text>');
    expect(svgDocument(10, 10, []).startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('draws one bar per row, error bars where std > 0 and a paper marker where given', () => {
    const svg = barChart('t', 'm', [
      { label: 'gth-gmn', mean: 0.6, std: 0.02, paper: 0.956 },
      { label: 'statnn-gbt', mean: 0.5, std: 0 },
      { label: 'tau<0', mean: -0.2, std: 0.1 },
    ]);
    expect(svg.match(/<rect /g)?.length).toBe(3);
    expect(svg.match(/<path /g)?.length).toBe(1);
    expect(svg).toContain('tau&lt;0');
  });

  it('labels the bar axis at round ticks, in percent for a percent metric', () => {
    const rows = [{ label: 'gmn', mean: 0.4573, std: 0.0092, paper: 0.807 }];
    const tickLabels = (svg: string): string[] => [...svg.matchAll(/text-anchor="middle"[^>]*>([^<]*)</g)].map((m) => m[1] as string);
    expect(tickLabels(barChart('t', 'acc (%)', rows, { percent: true }))).toEqual(['0', '20', '40', '60', '80', '100']);
    expect(tickLabels(barChart('t', 'acc', rows))).toEqual(['0', '0.2', '0.4', '0.6', '0.8', '1']);
  });

  it('nice ticks span [lo, hi] in at most 5 equal steps of 1, 2 or 5 times a power of ten', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.double({ min: 1e-6, max: 1e4, noNaN: true }), (lo, width) => {
        const hi = lo + width;
        fc.pre(hi > lo);
        const t = niceTicks(lo, hi);
        expect(t.length).toBeGreaterThanOrEqual(2);
        expect(t.length).toBeLessThanOrEqual(6);
        // each tick is one rounding from its decimal value, so differences are exact up to the ticks' magnitude
        const slack = TICK_TOLERANCE * Math.max(Math.abs(t[0] as number), Math.abs(t[t.length - 1] as number));
        expect(t[0] as number).toBeLessThanOrEqual(lo + slack);
        expect(t[t.length - 1] as number).toBeGreaterThanOrEqual(hi - slack);
        const d = (t[1] as number) - (t[0] as number);
        const power = 10 ** Math.floor(Math.log10(d + slack + TICK_TOLERANCE * d));
        const step = Math.round(d / power) * power;
        expect([1, 2, 5]).toContain(Math.round(d / power));
        for (let i = 1; i < t.length; i++) expect(Math.abs((t[i] as number) - (t[i - 1] as number) - step)).toBeLessThanOrEqual(slack + TICK_TOLERANCE * step);
      }),
    );
    expect(niceTicks(2, 2)).toEqual([2]);
    expect(() => niceTicks(1, 0)).toThrow(/lo <= hi/);
    expect(() => niceTicks(Number.NaN, 1)).toThrow(/finite/);
  });

  it('disk coordinates keep each point\'s ball radius sqrt(c)|z| and stay inside the unit disk', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }).chain((d) => fc.tuple(fc.constant(d), fc.array(fc.array(fc.double({ min: -0.4, max: 0.4, noNaN: true }), { minLength: d, maxLength: d }), { minLength: 1, maxLength: 12 }))),
        fc.constantFrom(0.5, 1, 2),
        ([d, pts], c) => {
          const flat = Float64Array.from(pts.flat());
          const [xy] = diskCoordinates([flat], d, c) as [[number, number][]];
          pts.forEach((p, i) => {
            const norm = Math.hypot(...p);
            const r = Math.hypot(...(xy[i] as [number, number]));
            expect(r).toBeLessThanOrEqual(1);
            // a point whose projection is 0 is drawn at the centre; every other keeps its radius
            if (r > 0) expect(Math.abs(r - Math.min(Math.sqrt(c) * norm, 1))).toBeLessThanOrEqual(DISK_RADIUS_TOLERANCE);
          });
        },
      ),
    );
  });

  it('draws two disks (early, late) with one mark per node', () => {
    const z0 = Float64Array.from({ length: 5 * 3 }, (_, i) => 0.01 * i);
    const z1 = Float64Array.from({ length: 5 * 3 }, (_, i) => 0.05 * ((i % 7) - 3));
    const svg = poincareDiskFigure({ title: 'x', snapshots: [z0, z1], steps: [0, 100], dim: 3, curvature: 1, layer: [0, 0, 1, 2, 0], isBias: [0, 0, 0, 0, 1] });
    expect(svg).toContain('early: snapshot 1 of 2 (step 0)');
    expect(svg).toContain('late: snapshot 2 of 2 (step 100)');
    // 2 disks + 2 x 4 neuron nodes + 3 legend dots
    expect(svg.match(/<circle /g)?.length).toBe(2 + 8 + 3);
    expect(svg.match(/<rect /g)?.length).toBe(2);
  });
});

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
describe.skipIf(!existsSync(cli))('geo-bench leaderboard CLI', () => {
  it('has --help naming every option', () => {
    const r = spawnSync(process.execPath, [cli, 'leaderboard', '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const o of ['--scale <scale>', '--tasks <list>', '--methods <list>', '--seeds <n>', '--jobs <n>', '--zoo-dir <dir>', '--out <dir>', 'gth-gmn-euclidean', 'cifar10-generalisation']) expect(r.stdout).toContain(o);
  });

  it('rejects an unknown method or a bad job count', () => {
    const bad = spawnSync(process.execPath, [cli, 'leaderboard', '--methods', 'nope', '--out', '/nonexistent/never'], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('unknown method "nope"');
    const jobs = spawnSync(process.execPath, [cli, 'leaderboard', '--jobs', '0'], { encoding: 'utf8' });
    expect(jobs.stderr).toContain('positive integer');
  });
});
