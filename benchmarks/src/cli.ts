#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import { isGeoError } from '@geo/core';
import { createRegistry } from './registry.js';
import { runTasks } from './runner.js';
import { builtinTasks } from './tasks/index.js';
import { SCALES, type Scale } from './types.js';

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('the seed must be a non-negative integer.');
  return n;
}

/** A progress bar on a terminal; one line per task elsewhere (CI logs). */
function progressReporter(): { update: (task: string, done: number, total: number, label?: string) => void; stop: () => void } {
  if (!process.stderr.isTTY) {
    let last = '';
    return {
      update(task, done, total) {
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
