// The site's leaderboard page from a `geo-bench leaderboard --out DIR` folder: DIR/leaderboard.json
// (schema version 1: benchmarks/src/leaderboard/report.ts), its SVG figures (DIR/figures/*.svg),
// and any geo-trajectory-embedding files (DIR/figures/<task>-<scale>.embedding.json,
// DIR/example-trajectory.embedding.json, DIR/embeddings/*.json), opened in the viewer by a link.
//   npx tsx docs/scripts/leaderboard-page.ts <leaderboard folder> [out.md]
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GeoError } from '@geo/core';

/** The leaderboard.json schema version this page reads. */
export const LEADERBOARD_SCHEMA = 1;

export interface PageRow {
  readonly method: string;
  readonly description: string;
  readonly temporal: boolean;
  readonly seeds: readonly number[];
  readonly mean: number | null;
  readonly std: number | null;
  readonly wallTimeMsMean: number | null;
  readonly backend: string | null;
  readonly failures: readonly { readonly seed: number; readonly error: string }[];
}

export interface PageTask {
  readonly task: string;
  readonly zoo: string;
  readonly metric: string;
  readonly higherIsBetter: boolean;
  readonly percent: boolean;
  readonly sizes: { readonly train: number; readonly val: number; readonly test: number; readonly snapshots: number; readonly storedSnapshots: number } | null;
  readonly rows: readonly PageRow[];
  readonly paper: readonly { readonly method: string; readonly mean: number; readonly std?: number }[];
  readonly deviations: readonly string[];
}

export interface PageLeaderboard {
  readonly schemaVersion: number;
  readonly scale: string;
  readonly seeds: number;
  readonly writtenAt: string;
  readonly machine: { readonly cpus: number; readonly cpuModel: string; readonly memoryBytes: number; readonly platform: string; readonly arch: string; readonly node: string };
  readonly tasks: readonly PageTask[];
  readonly skipped: readonly { readonly task: string; readonly reason: string }[];
}

function bad(path: string, message: string): never {
  throw new GeoError('CORRUPT_FILE', `leaderboard.json: ${path} ${message}`, { argument: path });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks the fields the page reads (a GeoError naming the first bad one) and returns the
 * leaderboard typed.
 *
 * @example
 * checkLeaderboard(JSON.parse(readFileSync('results/leaderboard/leaderboard.json', 'utf8'))).tasks.length
 */
export function checkLeaderboard(value: unknown): PageLeaderboard {
  if (!isObject(value)) bad('(root)', 'must be an object');
  if (value['schemaVersion'] !== LEADERBOARD_SCHEMA) bad('schemaVersion', `must be ${LEADERBOARD_SCHEMA}, got ${JSON.stringify(value['schemaVersion'])}`);
  if (typeof value['scale'] !== 'string') bad('scale', 'must be a string');
  if (typeof value['seeds'] !== 'number') bad('seeds', 'must be a number');
  if (typeof value['writtenAt'] !== 'string') bad('writtenAt', 'must be a string');
  if (!isObject(value['machine'])) bad('machine', 'must be an object');
  if (!Array.isArray(value['tasks'])) bad('tasks', 'must be an array');
  value['tasks'].forEach((t: unknown, i: number) => {
    const p = `tasks[${i}]`;
    if (!isObject(t)) bad(p, 'must be an object');
    for (const k of ['task', 'zoo', 'metric'] as const) if (typeof t[k] !== 'string') bad(`${p}.${k}`, 'must be a string');
    for (const k of ['higherIsBetter', 'percent'] as const) if (typeof t[k] !== 'boolean') bad(`${p}.${k}`, 'must be a boolean');
    for (const k of ['rows', 'paper', 'deviations'] as const) if (!Array.isArray(t[k])) bad(`${p}.${k}`, 'must be an array');
    (t['rows'] as unknown[]).forEach((r, j) => {
      if (!isObject(r) || typeof r['method'] !== 'string') bad(`${p}.rows[${j}].method`, 'must be a string');
      if (r['mean'] !== null && typeof r['mean'] !== 'number') bad(`${p}.rows[${j}].mean`, 'must be a number or null');
      if (!Array.isArray(r['seeds']) || !Array.isArray(r['failures'])) bad(`${p}.rows[${j}]`, 'must list seeds and failures');
    });
  });
  if (!Array.isArray(value['skipped'])) bad('skipped', 'must be an array');
  return value as unknown as PageLeaderboard;
}

function num(v: number, percent: boolean): string {
  return percent ? (100 * v).toFixed(2) : v.toPrecision(3);
}

function cell(mean: number | null, std: number | null | undefined, percent: boolean): string {
  if (mean === null) return '—';
  return std === undefined || std === null ? num(mean, percent) : `${num(mean, percent)} ± ${num(std, percent)}`;
}

/** Escapes the characters Markdown tables and inline HTML care about. */
function md(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

/**
 * The page as Markdown: per task, every method's mean ± std over seeds (the best in bold)
 * beside the paper's figure, seeds (and failures), wall time, what it reads and its
 * backend; the task's figures; the protocol deviations; skipped tasks; what each method is;
 * links into the viewer for each embedding file. `figures` maps a task to image paths relative to the page.
 */
export function leaderboardPageMarkdown(lb: PageLeaderboard, figures: ReadonlyMap<string, readonly string[]> = new Map(), embeddings: readonly { task: string | null; href: string; name: string }[] = []): string {
  const m = lb.machine;
  const lines = [
    `# Leaderboard (scale: ${md(lb.scale)})`,
    '',
    `Generated from \`leaderboard.json\` (written ${md(lb.writtenAt)} by \`geo-bench leaderboard\`). ${lb.seeds} seed${lb.seeds === 1 ? '' : 's'} per method; mean ± sample standard deviation over the seeds that finished. Machine: ${m.cpus} × ${md(m.cpuModel)}, ${(m.memoryBytes / 2 ** 30).toFixed(0)} GiB, ${md(m.platform)}/${md(m.arch)}, Node ${md(m.node)}.`,
    '',
  ];
  if (lb.scale !== 'paper') lines.push(`Scale \`${md(lb.scale)}\` is not the paper's protocol (fewer models and snapshots, small budgets): compare methods with each other here, and with the paper's numbers only as a direction.`, '');
  if (lb.tasks.length === 0) lines.push('No task has finished yet.', '');
  for (const t of lb.tasks) {
    const sizes = t.sizes === null ? 'no finished unit yet' : `train ${t.sizes.train}, val ${t.sizes.val}, test ${t.sizes.test} models; ${t.sizes.snapshots} of ${t.sizes.storedSnapshots} stored snapshots`;
    lines.push(`## ${md(t.task)}`, '', `${md(t.metric)} (${t.higherIsBetter ? 'higher' : 'lower'} is better). Zoo \`${md(t.zoo)}\`: ${sizes}.`, '');
    lines.push('| method | ours | paper | seeds | wall s / seed | reads | backend |', '| --- | --- | --- | --- | --- | --- | --- |');
    const finished = t.rows.filter((r) => r.mean !== null);
    const best = [...finished].sort((a, b) => (t.higherIsBetter ? (b.mean as number) - (a.mean as number) : (a.mean as number) - (b.mean as number)))[0];
    for (const r of t.rows) {
      const p = t.paper.find((x) => x.method === r.method);
      // one seed has no spread to report: no '± 0' that reads as zero variance
      const ours = cell(r.mean, r.seeds.length > 1 ? r.std : null, t.percent);
      const seeds = `${r.seeds.length}${r.failures.length > 0 ? ` (${r.failures.length} failed)` : ''}`;
      const wall = r.wallTimeMsMean === null ? '—' : (r.wallTimeMsMean / 1000).toFixed(1);
      lines.push(`| ${md(r.method)} | ${r === best ? `**${ours}**` : ours} | ${p === undefined ? '' : cell(p.mean, p.std, t.percent)} | ${seeds} | ${wall} | ${r.temporal ? 'all snapshots' : 'last snapshot'} | ${md(r.backend ?? '—')} |`);
    }
    for (const p of t.paper.filter((x) => !t.rows.some((r) => r.method === x.method))) lines.push(`| ${md(p.method)} (paper only) | — | ${cell(p.mean, p.std, t.percent)} | | | | |`);
    lines.push('');
    for (const r of t.rows) for (const f of r.failures) lines.push(`- ${md(r.method)}, seed ${f.seed}, failed: ${md(f.error)}`);
    if (t.rows.some((r) => r.failures.length > 0)) lines.push('');
    for (const f of figures.get(t.task) ?? []) lines.push(`![${md(t.task)}: ${md(basename(f))}](${f})`, '');
    for (const e of embeddings.filter((x) => x.task === t.task)) lines.push(`[Open ${md(e.name)} in the Poincaré-disk viewer](${e.href})`, '');
    if (t.deviations.length > 0) lines.push("Deviations from the paper's protocol:", '', ...t.deviations.map((d) => `- ${md(d)}`), '');
  }
  for (const s of lb.skipped) lines.push(`## ${md(s.task)}: skipped`, '', md(s.reason), '');
  const methods = new Map<string, string>();
  for (const t of lb.tasks) for (const r of t.rows) if (!methods.has(r.method) && typeof r.description === 'string') methods.set(r.method, r.description);
  if (methods.size > 0) lines.push('## Methods', '', ...[...methods].map(([name, d]) => `- \`${md(name)}\`: ${md(d)}`), '');
  const loose = embeddings.filter((x) => x.task === null || !lb.tasks.some((t) => t.task === x.task));
  if (loose.length > 0) lines.push('## Embedding files', '', ...loose.map((e) => `- [${md(e.name)}](${e.href}) in the Poincaré-disk viewer`), '');
  return `${lines.join('\n')}\n`;
}

/**
 * Reads a leaderboard folder and writes what the page needs into `siteDir`: the SVG figures
 * (to `leaderboard/figures/`) and embedding files (to `leaderboard/embeddings/`); returns the
 * page's Markdown, for a page at the site's root. A JSON file in the folder, its `figures/` or
 * its `embeddings/` counts as an embedding file when its `format` is `geo-trajectory-embedding`
 * (identical files once); its task is the longest task name its file name starts with.
 */
export function buildLeaderboardPage(folder: string, siteDir: string): string {
  const jsonPath = join(folder, 'leaderboard.json');
  if (!existsSync(jsonPath)) throw new GeoError('NOT_FOUND', `no leaderboard.json in ${folder} (run geo-bench leaderboard --out ${folder})`, { argument: 'folder' });
  const lb = checkLeaderboard(JSON.parse(readFileSync(jsonPath, 'utf8')));
  const figures = new Map<string, string[]>();
  const figDir = join(folder, 'figures');
  const svgs = existsSync(figDir) ? readdirSync(figDir).filter((f) => f.endsWith('.svg')).sort() : [];
  const taskOf = (name: string): string | null => lb.tasks.map((t) => t.task).filter((t) => name.startsWith(`${t}-`) || name.startsWith(`${t}.`)).sort((a, b) => b.length - a.length)[0] ?? null;
  if (svgs.length > 0) mkdirSync(join(siteDir, 'leaderboard', 'figures'), { recursive: true });
  for (const f of svgs) {
    copyFileSync(join(figDir, f), join(siteDir, 'leaderboard', 'figures', f));
    const task = taskOf(f);
    if (task !== null) figures.set(task, [...(figures.get(task) ?? []), `leaderboard/figures/${f}`]);
  }
  const embeddings: { task: string | null; href: string; name: string }[] = [];
  const contents = new Set<string>();
  for (const dir of [figDir, join(folder, 'embeddings'), folder]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json') && x !== 'leaderboard.json').sort()) {
      const text = readFileSync(join(dir, f), 'utf8');
      let format: unknown;
      try {
        format = (JSON.parse(text) as { format?: unknown }).format;
      } catch {
        continue;
      }
      // geo-bench also copies one file to example-trajectory.embedding.json: list each content once.
      if (format !== 'geo-trajectory-embedding' || contents.has(text)) continue;
      contents.add(text);
      mkdirSync(join(siteDir, 'leaderboard', 'embeddings'), { recursive: true });
      copyFileSync(join(dir, f), join(siteDir, 'leaderboard', 'embeddings', f));
      embeddings.push({ task: taskOf(f), name: f, href: `viewer/index.html?file=${encodeURIComponent(`../leaderboard/embeddings/${f}`)}` });
    }
  }
  return leaderboardPageMarkdown(lb, figures, embeddings);
}

// CLI: print (or write) the page's Markdown for a folder; figures go beside the output file.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const folder = process.argv[2];
  if (folder === undefined) {
    process.stderr.write('usage: tsx docs/scripts/leaderboard-page.ts <leaderboard folder> [out.md]\n');
    process.exit(2);
  }
  const out = process.argv[3];
  const page = buildLeaderboardPage(folder, out === undefined ? process.cwd() : join(out, '..'));
  if (out === undefined) process.stdout.write(page);
  else writeFileSync(out, page);
}
