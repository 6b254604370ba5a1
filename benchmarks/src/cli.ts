#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import { isGeoError } from '@geo/core';
import { leaderboardTasks } from './leaderboard/tasks.js';
import { LEADERBOARD_METHOD_NAMES } from './leaderboard/methods/names.js';
import { createRegistry } from './registry.js';
import { runTasks } from './runner.js';
import { builtinTasks } from './tasks/index.js';
import { SCALES, type Scale } from './types.js';

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer.');
  return n;
}

function parseShard(value: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || count < 1 || index >= count) throw new InvalidArgumentError('must be i/n with 0 <= i < n, e.g. 3/16.');
  return { index, count };
}

function parseList(value: string): string[] {
  return value.split(',').map((x) => x.trim()).filter((x) => x !== '');
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('the seed must be a non-negative integer.');
  return n;
}

/** A progress bar on a terminal; one line per task elsewhere (CI logs). */
function progressReporter(lineEachStep = false): { update: (task: string, done: number, total: number, label?: string) => void; stop: () => void } {
  if (!process.stderr.isTTY) {
    let last = '';
    let lastDone = -1;
    return {
      update(task, done, total, label = '') {
        if (lineEachStep) {
          // one timestamped line per finished unit (logs of long runs)
          if (done !== lastDone) process.stderr.write(`${new Date().toISOString()} ${task}: ${done}/${total} ${label}\n`);
          lastDone = done;
          return;
        }
        if (done === total && last !== task) {
          last = task;
          process.stderr.write(`${task}: ${done}/${total} done\n`);
        }
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: '{task} [{bar}] {value}/{total} {label} | eta {eta_formatted}', stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let current = '';
  return {
    update(task, done, total, label = '') {
      if (task !== current) {
        if (current !== '') bar.stop();
        current = task;
        bar.start(total, done, { task, label });
      }
      bar.setTotal(total);
      bar.update(done, { task, label });
    },
    stop: () => bar.stop(),
  };
}

export function buildProgram(): Command {
  const registry = createRegistry(builtinTasks());
  const program = new Command()
    .name('geo-bench')
    .description('Run geo benchmark tasks at a named scale and write JSON + Markdown results.')
    .showHelpAfterError();

  program
    .command('list')
    .description('list the tasks and what each scale means for them')
    .option('--json', 'print the list as JSON')
    .action((opts: { json?: boolean }) => {
      const tasks = registry.list();
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify(tasks.map(({ name, description, scales }) => ({ name, description, scales })), null, 2)}\n`);
        return;
      }
      for (const t of tasks) {
        process.stdout.write(`${t.name}\n  ${t.description}\n`);
        for (const s of SCALES) process.stdout.write(`    ${s.padEnd(6)} ${t.scales[s]}\n`);
      }
    });

  program
    .command('run')
    .description('run one task, or "all" of them')
    .argument('<task>', 'task name (see `geo-bench list`) or "all"')
    .addOption(new Option('--scale <scale>', 'how big a run').choices([...SCALES]).default('smoke'))
    .option('--seed <n>', 'root seed; every stream of the run derives from it', parseSeed, 0)
    .option('--out <dir>', 'folder for <task>.json, <task>.md and summary.md', 'results')
    .action(async (name: string, opts: { scale: Scale; seed: number; out: string }) => {
      const tasks = name === 'all' ? registry.list() : [registry.get(name)];
      const controller = new AbortController();
      const onSigint = (): void => {
        if (controller.signal.aborted) process.exit(130);
        process.stderr.write('\nstopping after the current step (Ctrl-C again to quit now)...\n');
        controller.abort();
      };
      process.on('SIGINT', onSigint);
      process.stderr.write(`geo-bench: running ${tasks.map((t) => t.name).join(', ')} at scale ${opts.scale} (seed ${opts.seed}); Ctrl-C stops after the current step\n`);
      const progress = progressReporter();
      try {
        const results = await runTasks(tasks, {
          scale: opts.scale,
          seed: opts.seed,
          outDir: resolve(opts.out),
          signal: controller.signal,
          onProgress: progress.update,
        });
        progress.stop();
        for (const r of results) {
          const figures = Object.entries(r.metrics).map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toPrecision(4)}`);
          process.stdout.write(`${r.task} [${r.scale}] ${(r.wallTimeMs / 1000).toFixed(1)} s  ${figures.join('  ')}\n`);
        }
        process.stdout.write(`results in ${resolve(opts.out)}\n`);
      } finally {
        progress.stop();
        process.off('SIGINT', onSigint);
      }
    });
  program
    .command('embed')
    .description("write the docs viewer's embedding file of one trajectory under a saved GTH-GMN")
    .requiredOption('--model <file>', 'a saved GTH-GMN (the leaderboard writes figures/<task>-<scale>.gth-gmn.safetensors)')
    .requiredOption('--trajectory <file>', 'one trajectory file of a zoo (safetensors)')
    .option('--edges <k>', 'edges kept per snapshot, strongest |w| first', parseCount, 60)
    .option('--out <file>', 'the geo-trajectory-embedding JSON to write', 'trajectory.embedding.json')
    .addHelpText('after', '\nExample:\n  geo-bench embed --model results/leaderboard/figures/inr-mnist-smoke.gth-gmn.safetensors \\\n    --trajectory results/leaderboard/zoos/mnist-inr-smoke/test-00000/<model>.safetensors --out m.embedding.json\nOpen the file in the docs viewer (npm run docs, then viewer/?file=...).')
    .action(async (opts: { model: string; trajectory: string; edges: number; out: string }) => {
      // loaded here, not at startup: it pulls in tfjs
      const { writeTrajectoryEmbedding } = await import('./leaderboard/embed.js');
      const r = await writeTrajectoryEmbedding({ modelPath: resolve(opts.model), trajectoryPath: resolve(opts.trajectory), outPath: resolve(opts.out), strongestEdges: opts.edges });
      process.stdout.write(`${resolve(opts.out)}: ${r.nodes} nodes, ${r.snapshots} snapshots\n`);
    });

  program
    .command('leaderboard')
    .description('run every (task, method, seed) of the meta-learning leaderboard; resumable: finished units are skipped')
    .addOption(new Option('--scale <scale>', 'smoke: embedded data, minutes; cpu: the 2-core leaderboard, hours; paper: the published sizes, for a cluster (--shard)').choices(['smoke', 'cpu', 'paper']).default('smoke'))
    .option('--tasks <list>', `comma-separated tasks (${leaderboardTasks().map((t) => t.spec.task).join(', ')})`, parseList)
    .option('--methods <list>', `comma-separated methods (${LEADERBOARD_METHOD_NAMES.join(', ')})`, parseList)
    .option('--seeds <n>', 'seeds per task and method (0..n-1)', parseCount, 3)
    .option('--jobs <n>', 'worker processes (tfjs WASM is single-threaded: 2 uses both cores)', parseCount, 1)
    .option('--zoo-dir <dir>', 'folder whose subfolders are <zoo>-<scale> (default <out>/zoos); a missing zoo is generated there')
    .option('--no-generate', 'skip a task whose zoo is missing instead of generating it')
    .option('--shard <i/n>', 'run only every n-th unit starting at i (0-based), e.g. one cluster array task; then --report-only', parseShard)
    .option('--report-only', 'run nothing: write leaderboard.json/.md and figures from the units in --out')
    .option('--out <dir>', 'folder for units/, leaderboard.json, leaderboard.md and figures/', 'results/leaderboard')
    .addHelpText(
      'after',
      '\nExamples:\n  geo-bench leaderboard --scale smoke --out results/leaderboard\n  geo-bench leaderboard --scale cpu --jobs 2 --zoo-dir /data/zoos --out lb-cpu\n  geo-bench leaderboard --tasks sine --methods gth-gmn,statnn-gbt --seeds 1\n  geo-bench leaderboard --scale cpu --shard 3/16 --out shared/lb   # one of 16 array tasks, then --report-only',
    )
    .action(async (opts: { scale: Scale; tasks?: string[]; methods?: string[]; seeds: number; jobs: number; zooDir?: string; generate: boolean; out: string; shard?: { index: number; count: number }; reportOnly?: boolean }) => {
      const controller = new AbortController();
      const onSigint = (): void => {
        if (controller.signal.aborted) process.exit(130);
        process.stderr.write('\nstopping (finished units are kept; rerun to resume; Ctrl-C again to quit now)...\n');
        controller.abort();
      };
      process.on('SIGINT', onSigint);
      const progress = progressReporter(true);
      const out = resolve(opts.out);
      const t0 = performance.now();
      try {
        // loaded here, not at startup: the methods pull in tfjs
        const { runLeaderboard } = await import('./leaderboard/harness.js');
        const lb = await runLeaderboard({
          scale: opts.scale,
          outDir: out,
          ...(opts.zooDir === undefined ? {} : { zooDir: resolve(opts.zooDir) }),
          ...(opts.tasks === undefined ? {} : { tasks: opts.tasks }),
          ...(opts.methods === undefined ? {} : { methods: opts.methods }),
          seeds: opts.seeds,
          jobs: opts.jobs,
          generateZoos: opts.generate,
          ...(opts.shard === undefined ? {} : { shard: opts.shard }),
          reportOnly: opts.reportOnly === true,
          signal: controller.signal,
          onProgress: (done, total, label) => progress.update('leaderboard', done, total, process.stderr.isTTY ? label.slice(0, 70) : label),
          log: (m) => process.stderr.write(`${m}\n`),
        });
        progress.stop();
        for (const t of lb.tasks) {
          const cells = t.rows.map((r) => `${r.method}=${r.mean === null ? '-' : `${(t.percent ? 100 * r.mean : r.mean).toPrecision(4)}±${(t.percent ? 100 * (r.std ?? 0) : (r.std ?? 0)).toPrecision(2)}`}`);
          process.stdout.write(`${t.task}: ${cells.join('  ')}\n`);
        }
        process.stdout.write(`leaderboard in ${out} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
      } finally {
        progress.stop();
        process.off('SIGINT', onSigint);
      }
    });
  return program;
}

async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (e) {
    if (isGeoError(e, 'ABORTED')) {
      process.stderr.write(`geo-bench: ${e.message}\n`);
      process.exitCode = 130;
      return;
    }
    process.stderr.write(`geo-bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}

/** True when this file is the program node was asked to run (also through an npm bin symlink). */
function isEntryPoint(): boolean {
  const argv1 = process.argv[1];
  if (argv1 === undefined) return false;
  try {
    return realpathSync(argv1) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// Run only as a program, never on import.
if (isEntryPoint()) void main();
