// The leaderboard report from the unit results on disk: leaderboard.json, leaderboard.md and
// the SVG figures. Pure aggregation and rendering; recomputes nothing.
import { existsSync, readFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic.js';
import { machineInfo } from '../machine.js';
import type { MachineInfo, Scale } from '../types.js';
import { selectMethods } from './methods/index.js';
import { barChart, poincareDiskFigure } from './plots.js';
import { leaderboardTask } from './tasks.js';
import type { PaperFigure, TaskScale } from './tasks.js';
import { LEADERBOARD_SCHEMA_VERSION, embeddingFigurePath, readUnitResult, viewerFilePath } from './unit.js';
import type { EmbeddingFigureData, UnitResult } from './unit.js';

export interface LeaderboardRow {
  readonly method: string;
  readonly description: string;
  readonly temporal: boolean;
  /** Seeds with a finished result, and their scores in seed order. */
  readonly seeds: readonly number[];
  readonly scores: readonly number[];
  /** Mean and sample standard deviation (n - 1; 0 for one seed) over seeds; null without results. */
  readonly mean: number | null;
  readonly std: number | null;
  readonly wallTimeMsMean: number | null;
  /** The tfjs backend the method reports in its `info.backend` (null: it reports none, e.g. plain TypeScript). */
  readonly backend: string | null;
  /** Seeds that failed, with the error. */
  readonly failures: readonly { readonly seed: number; readonly error: string }[];
  /** The first seed's `info` (what the method settled on). */
  readonly info: Readonly<Record<string, string | number | boolean>>;
}

export interface LeaderboardTaskResult {
  readonly task: string;
  readonly zoo: string;
  readonly metric: string;
  readonly higherIsBetter: boolean;
  readonly percent: boolean;
  readonly scaleConfig: TaskScale;
  /** Sizes actually read (from the first finished unit). */
  readonly sizes: UnitResult['sizes'] | null;
  readonly rows: readonly LeaderboardRow[];
  readonly paper: readonly PaperFigure[];
  readonly deviations: readonly string[];
}

export interface Leaderboard {
  readonly schemaVersion: typeof LEADERBOARD_SCHEMA_VERSION;
  readonly scale: Scale;
  readonly seeds: number;
  readonly writtenAt: string;
  readonly machine: MachineInfo;
  readonly tasks: readonly LeaderboardTaskResult[];
  readonly skipped: readonly { readonly task: string; readonly reason: string }[];
}

/** Mean and sample standard deviation (0 for one value). */
export function meanStd(xs: readonly number[]): { mean: number; std: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const std = n > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, std };
}

export interface CollectOptions {
  readonly outDir: string;
  readonly scale: Scale;
  readonly tasks: readonly string[];
  readonly methods: readonly string[];
  readonly seeds: number;
  readonly skipped?: readonly { readonly task: string; readonly reason: string }[];
}

/**
 * Aggregates the finished unit files of a run into the leaderboard (missing units simply
 * have fewer seeds, so a partial run still reports).
 */
export function collectLeaderboard(o: CollectOptions): Leaderboard {
  const described = new Map(selectMethods(o.methods).map((m) => [m.name, m]));
  const tasks = o.tasks
    .filter((t) => !(o.skipped ?? []).some((s) => s.task === t))
    .map((id): LeaderboardTaskResult => {
      const task = leaderboardTask(id);
      let sizes: UnitResult['sizes'] | null = null;
      const rows = o.methods.map((name): LeaderboardRow => {
        const results: UnitResult[] = [];
        for (let seed = 0; seed < o.seeds; seed++) {
          const r = readUnitResult(o.outDir, { task: id, method: name, scale: o.scale, seed });
          if (r !== undefined) results.push(r);
        }
        const ok = results.filter((r) => r.status === 'ok');
        sizes ??= ok[0]?.sizes ?? null;
        const stats = ok.length > 0 ? meanStd(ok.map((r) => r.score as number)) : null;
        return {
          method: name,
          description: described.get(name)?.description ?? '',
          temporal: described.get(name)?.temporal ?? false,
          seeds: ok.map((r) => r.seed),
          scores: ok.map((r) => r.score as number),
          mean: stats?.mean ?? null,
          std: stats?.std ?? null,
          wallTimeMsMean: ok.length > 0 ? ok.reduce((a, r) => a + r.wallTimeMs, 0) / ok.length : null,
          backend: ok.map((r) => r.info.backend).find((b): b is string => typeof b === 'string') ?? null,
          failures: results.filter((r) => r.status === 'failed').map((r) => ({ seed: r.seed, error: r.error ?? '' })),
          info: ok[0]?.info ?? {},
        };
      });
      return {
        task: id,
        zoo: task.zoo,
        metric: task.metric,
        higherIsBetter: task.higherIsBetter,
        percent: task.percent,
        scaleConfig: task.scales[o.scale],
        sizes,
        rows,
        paper: task.paper,
        deviations: task.deviations,
      };
    });
  return { schemaVersion: LEADERBOARD_SCHEMA_VERSION, scale: o.scale, seeds: o.seeds, writtenAt: new Date().toISOString(), machine: machineInfo(), tasks, skipped: o.skipped ?? [] };
}

function fmt(v: number, percent: boolean): string {
  return percent ? (100 * v).toFixed(2) : v.toPrecision(3);
}

function cell(mean: number | null, std: number | null | undefined, percent: boolean): string {
  if (mean === null) return '—';
  return std === undefined || std === null ? fmt(mean, percent) : `${fmt(mean, percent)} ± ${fmt(std, percent)}`;
}

/**
 * leaderboard.md: per task, our mean ± std over seeds beside the paper's figure, the sizes,
 * wall times, failures, and the protocol deviations; then what each method is.
 */
export function leaderboardMarkdown(lb: Leaderboard, figures: ReadonlyMap<string, readonly string[]> = new Map()): string {
  const m = lb.machine;
  const lines = [
    `# geo-bench leaderboard (scale: ${lb.scale})`,
    '',
    `${lb.seeds} seeds per method (0..${lb.seeds - 1}); mean ± sample std over the seeds that finished. Machine: ${m.cpus} × ${m.cpuModel}, ${(m.memoryBytes / 2 ** 30).toFixed(0)} GiB, ${m.platform}/${m.arch}, Node ${m.node}. Written ${lb.writtenAt}.`,
    '',
    `Scale \`${lb.scale}\`: ${lb.scale === 'paper' ? 'the published protocol' : 'NOT the paper\'s protocol (far fewer models and snapshots, small budgets): compare methods with each other here, and with the paper\'s numbers only as a direction.'}`,
    '',
  ];
  for (const t of lb.tasks) {
    const sizes = t.sizes === null ? 'no finished unit yet' : `train ${t.sizes.train}, val ${t.sizes.val}, test ${t.sizes.test} models; ${t.sizes.snapshots} of ${t.sizes.storedSnapshots} stored snapshots`;
    lines.push(`## ${t.task}`, '', `${t.metric}${t.higherIsBetter ? ' (higher is better)' : ' (lower is better)'}. Zoo \`${t.zoo}\`: ${sizes}.`, '');
    lines.push('| method | ours | paper | seeds | wall s / seed | reads | backend |', '| --- | --- | --- | --- | --- | --- | --- |');
    const best = t.rows.filter((r) => r.mean !== null).sort((a, b) => (t.higherIsBetter ? (b.mean as number) - (a.mean as number) : (a.mean as number) - (b.mean as number)))[0];
    for (const r of t.rows) {
      const p = t.paper.find((x) => x.method === r.method);
      // one seed has no spread to report: no '± 0' that reads as zero variance
      const ours = cell(r.mean, r.seeds.length > 1 ? r.std : null, t.percent);
      lines.push(
        `| ${r.method} | ${r === best ? `**${ours}**` : ours} | ${p === undefined ? '' : cell(p.mean, p.std, t.percent)} | ${r.seeds.length}${r.failures.length > 0 ? ` (${r.failures.length} failed)` : ''} | ${r.wallTimeMsMean === null ? '—' : (r.wallTimeMsMean / 1000).toFixed(1)} | ${reads(r)} | ${r.backend ?? '—'} |`,
      );
    }
    for (const p of t.paper.filter((x) => !t.rows.some((r) => r.method === x.method))) {
      lines.push(`| ${p.method} (paper only) | — | ${cell(p.mean, p.std, t.percent)} | | | | |`);
    }
    lines.push('');
    for (const r of t.rows) for (const f of r.failures) lines.push(`- ${r.method} seed ${f.seed} failed: ${f.error}`);
    const figs = figures.get(t.task) ?? [];
    if (figs.length > 0) lines.push(...figs.map((f) => `![${t.task}](${f})`), '');
    lines.push('Deviations from the paper\'s protocol:', '', ...t.deviations.map((d) => `- ${d}`), '');
  }
  for (const s of lb.skipped) lines.push(`## ${s.task}: skipped`, '', s.reason, '');
  const methods = methodDescriptions(lb);
  if (methods.length > 0) lines.push('## Methods', '', ...methods.map(([name, d]) => `- \`${name}\`: ${d}`), '');
  return `${lines.join('\n')}\n`;
}

/** Each method's description, once, in the order the tables list them (what a row is, including its deviations). */
function methodDescriptions(lb: Leaderboard): [string, string][] {
  const seen = new Map<string, string>();
  for (const t of lb.tasks) for (const r of t.rows) if (!seen.has(r.method)) seen.set(r.method, r.description);
  return [...seen];
}

/**
 * Collects the units on disk and writes leaderboard.json, leaderboard.md, one bar chart per
 * task (`figures/<task>-<scale>.svg`), the Poincaré-disk figure of each task whose seed-0
 * `gth-gmn` unit left its embedding data, and `example-trajectory.embedding.json` (the docs
 * viewer's file of the first such task). Atomic writes.
 */
export async function writeLeaderboard(o: CollectOptions): Promise<Leaderboard> {
  const lb = collectLeaderboard(o);
  const figDir = join(o.outDir, 'figures');
  await mkdir(figDir, { recursive: true });
  const figures = new Map<string, string[]>();
  for (const t of lb.tasks) {
    const rows = t.rows.filter((r) => r.mean !== null).map((r) => ({ label: r.method, mean: r.mean as number, std: r.std as number, ...paperOf(t.paper, r.method) }));
    const list: string[] = [];
    if (rows.length > 0) {
      const name = `${t.task}-${o.scale}.svg`;
      await writeFileAtomic(join(figDir, name), barChart(`${t.task} (${o.scale})`, t.metric, rows, { percent: t.percent }));
      list.push(`figures/${name}`);
    }
    const embPath = embeddingFigurePath(o.outDir, t.task, o.scale);
    if (existsSync(embPath)) {
      const e = JSON.parse(readFileSync(embPath, 'utf8')) as EmbeddingFigureData;
      const name = `${t.task}-${o.scale}-poincare.svg`;
      await writeFileAtomic(
        join(figDir, name),
        poincareDiskFigure({ title: `${e.method} node embeddings of one test trajectory (${t.task}, label ${e.label.map((v) => Number(v.toPrecision(4))).join(', ')})`, snapshots: e.snapshots, steps: e.steps, dim: e.dim, curvature: e.curvature, layer: e.layer, isBias: e.isBias }),
      );
      list.push(`figures/${name}`);
    }
    figures.set(t.task, list);
  }
  // The docs viewer's example: the first task (report order) whose seed-0 gth-gmn unit wrote one.
  const viewer = lb.tasks.map((t) => viewerFilePath(o.outDir, t.task, o.scale)).find((p) => existsSync(p));
  if (viewer !== undefined) await copyFile(viewer, join(o.outDir, 'example-trajectory.embedding.json'));
  await writeFileAtomic(join(o.outDir, 'leaderboard.json'), `${JSON.stringify(lb, null, 2)}\n`);
  await writeFileAtomic(join(o.outDir, 'leaderboard.md'), leaderboardMarkdown(lb, figures));
  return lb;
}

/** What a method read: the last snapshot, the snapshots it reports in `info.snapshotsRead`, or all k given. */
function reads(r: LeaderboardRow): string {
  if (!r.temporal) return 'last snapshot';
  const n = r.info['snapshotsRead'];
  return typeof n === 'number' ? `${n} snapshots` : 'all k snapshots';
}

function paperOf(paper: readonly PaperFigure[], method: string): { paper?: number } {
  const p = paper.find((x) => x.method === method);
  return p === undefined ? {} : { paper: p.mean };
}
