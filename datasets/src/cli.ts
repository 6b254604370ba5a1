#!/usr/bin/env node
// geo-datasets: dataset checks and downloads, zoo generation and verification.
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import { GeoError, isGeoError } from '@geo/core';
import { loadDataset } from './loaders/load.js';
import { DATASET_NAMES } from './loaders/manifest.js';
import type { DatasetName } from './loaders/manifest.js';
import { estimateZooSeconds, generateZoo, shardsOf } from './zoo/generate.js';
import type { GenerateZooOptions } from './zoo/generate.js';
import { ZOO_MANIFEST, verifyZoo, writeZooManifestIfComplete } from './zoo/manifest.js';
import { SCALES, SIREN_VARIANTS, ZOO_NAMES, zooPlan } from './zoo/plan.js';
import type { Scale, SirenVariant, ZooName, ZooPlanOptions } from './zoo/plan.js';

function nonNegativeInt(what: string): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!/^\d+$/.test(v) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`${what} must be a non-negative integer.`);
    return n;
  };
}

function duration(seconds: number): string {
  if (seconds < 90) return `${seconds.toFixed(0)} s`;
  if (seconds < 5400) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

interface ZooCliOptions {
  scale: Scale;
  out: string;
  shard?: number;
  of?: number;
  seed: number;
  variant: SirenVariant;
  dtype: 'F32' | 'F64';
  train?: number;
  val?: number;
  test?: number;
  steps?: number;
  snapshots?: number;
  shardSize?: number;
  jobs: number;
  dataDir?: string;
  allowDownload?: boolean;
  progress: boolean;
  jsonProgress?: boolean;
}

function planOptions(o: ZooCliOptions): ZooPlanOptions {
  const counts: Record<string, number> = {};
  if (o.train !== undefined) counts['train'] = o.train;
  if (o.val !== undefined) counts['val'] = o.val;
  if (o.test !== undefined) counts['test'] = o.test;
  return {
    seed: o.seed,
    variant: o.variant,
    dtype: o.dtype,
    counts,
    ...(o.steps === undefined ? {} : { maxSteps: o.steps }),
    ...(o.snapshots === undefined ? {} : { snapshots: o.snapshots }),
    ...(o.shardSize === undefined ? {} : { shardSize: o.shardSize }),
  };
}

/** A progress bar on a terminal, a line per shard elsewhere, JSON lines for a parent process. */
function reporter(o: ZooCliOptions): { update: (done: number, total: number, shard: string) => void; stop: () => void } {
  if (o.jsonProgress === true) {
    return { update: (done, total, shard) => process.stdout.write(`${JSON.stringify({ done, total, shard })}\n`), stop() {} };
  }
  if (!o.progress) return { update() {}, stop() {} };
  if (!process.stderr.isTTY) {
    let last = '';
    return {
      update(done, total, shard) {
        if (shard !== last) {
          last = shard;
          process.stderr.write(`${shard}: ${done}/${total} models\n`);
        }
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar({ format: 'zoo [{bar}] {value}/{total} models | {shard} | eta {eta_formatted}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(done, total, shard) {
      if (!started) {
        bar.start(total, done, { shard });
        started = true;
      }
      bar.update(done, { shard });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** Runs `jobs` worker processes, worker i writing shards i mod jobs, and aggregates their progress. */
async function runWorkers(name: ZooName, argv: readonly string[], o: ZooCliOptions, total: number, signal: AbortSignal): Promise<void> {
  const script = fileURLToPath(import.meta.url);
  const report = reporter(o);
  const done = new Array<number>(o.jobs).fill(0);
  const codes = await Promise.all(
    Array.from({ length: o.jobs }, (_, i) => {
      const args = [...process.execArgv, script, 'zoo', name, ...argv, '--shard', String(i), '--of', String(o.jobs), '--jobs', '1', '--json-progress'];
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
      signal.addEventListener('abort', () => child.kill('SIGINT'), { once: true });
      createInterface({ input: child.stdout }).on('line', (line) => {
        try {
          const p = JSON.parse(line) as { done: number; shard: string };
          done[i] = p.done;
          report.update(done.reduce((a, b) => a + b, 0), total, p.shard);
        } catch {
          process.stderr.write(`${line}\n`);
        }
      });
      return new Promise<number>((res) => child.on('close', (code) => res(code ?? 1)));
    }),
  );
  report.stop();
  if (signal.aborted) throw new GeoError('ABORTED', 'zoo generation cancelled', { argument: 'signal' });
  const failed = codes.findIndex((c) => c !== 0);
  if (failed >= 0) throw new Error(`worker ${failed} exited with code ${codes[failed]}`);
}

/** The program; exported so tests can run commands in-process. */
export function buildProgram(): Command {
  const program = new Command()
    .name('geo-datasets')
    .description('Verified dataset loaders and model-zoo generation (SIREN INRs of MNIST / Fashion-MNIST, sine waves, CIFAR-10 greyscale classifiers) writing safetensors trajectories.')
    .showHelpAfterError();

  program
    .command('zoo')
    .description('Generate a model zoo (or this worker\'s shards of it), resuming any earlier run in the same folder.')
    .argument('<name>', `zoo: ${ZOO_NAMES.join(', ')}`)
    .addOption(new Option('--scale <scale>', 'smoke (< 1 min, embedded samples), cpu (< 1 h), paper (full protocol)').choices(SCALES).makeOptionMandatory())
    .requiredOption('--out <dir>', 'output folder')
    .option('--shard <i>', 'this worker\'s index in [0, of)', nonNegativeInt('--shard'))
    .option('--of <n>', 'number of workers sharing the zoo', nonNegativeInt('--of'))
    .option('--seed <s>', 'root seed', nonNegativeInt('--seed'), 0)
    .addOption(new Option('--variant <v>', 'SIREN variant: dwsnets (default: +0.5 output, zero biases) or sitzmann').choices(SIREN_VARIANTS).default('dwsnets'))
    .addOption(new Option('--dtype <d>', 'stored float type').choices(['F64', 'F32']).default('F64'))
    .option('--train <n>', 'override the number of training models', nonNegativeInt('--train'))
    .option('--val <n>', 'override the number of validation models', nonNegativeInt('--val'))
    .option('--test <n>', 'override the number of test models', nonNegativeInt('--test'))
    .option('--steps <n>', 'override the maximum optimiser steps (cifar10-gs: a cap on every model\'s steps)', nonNegativeInt('--steps'))
    .option('--snapshots <t>', 'override the number of snapshots T', nonNegativeInt('--snapshots'))
    .option('--shard-size <n>', 'override models per shard', nonNegativeInt('--shard-size'))
    .option('--jobs <n>', 'worker processes on this machine (one per core)', nonNegativeInt('--jobs'), 1)
    .option('--data-dir <dir>', 'dataset folder (default: GEO_DATA_DIR, then the user cache)')
    .option('--allow-download', 'download missing dataset files from their official address')
    .option('--no-progress', 'no progress output')
    .addOption(new Option('--json-progress').hideHelp())
    .action(async (name: string, o: ZooCliOptions, cmd: Command) => {
      if (!(ZOO_NAMES as readonly string[]).includes(name)) throw new InvalidArgumentError(`unknown zoo "${name}"; one of ${ZOO_NAMES.join(', ')}`);
      const zoo = name as ZooName;
      if (o.jobs > 1 && o.of !== undefined) throw new InvalidArgumentError('--jobs splits this machine\'s work; combine it with --shard/--of only as --jobs 1');
      const plan = zooPlan(zoo, o.scale, planOptions(o));
      const out = resolve(o.out);
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const shard = o.shard ?? 0;
      const of = o.of ?? 1;
      const mine = shardsOf(plan, shard, of);
      const total = mine.reduce((n, s) => n + s.models.length, 0);
      if (o.jsonProgress !== true) {
        const { seconds, secondsPerStep } = estimateZooSeconds(plan, total);
        const parallel = Math.max(1, o.jobs);
        process.stderr.write(
          `${zoo} at ${o.scale} scale: ${total} models in ${mine.length} shards (of ${plan.shards.length}) -> ${out}\n` +
            (plan.cifar !== undefined
              ? `expected wall time: about ${duration(seconds / parallel)} (${total} models x their drawn epochs, ${(secondsPerStep * 1000).toFixed(2)} ms per batch-64 step and T = ${plan.cifar.snapshots} held-out evaluations measured now${parallel > 1 ? `, ${parallel} workers` : ''})\n`
              : `expected wall time: up to ${duration(seconds / parallel)} (${total} models x up to ${plan.maxSteps} steps x ${(secondsPerStep * 1000).toFixed(2)} ms/step measured now${parallel > 1 ? `, ${parallel} workers` : ''}; early stopping shortens it)\n`),
        );
      }
      try {
        if (o.jobs > 1) {
          const passThrough = process.argv.slice(process.argv.indexOf(name) + 1).filter((a, i, all) => !['--jobs', '--shard', '--of'].includes(a) && !['--jobs', '--shard', '--of'].includes(all[i - 1] ?? ''));
          await runWorkers(zoo, passThrough, o, total, controller.signal);
          const complete = writeZooManifestIfComplete(out, plan);
          process.stderr.write(complete ? `zoo complete: ${resolve(out, ZOO_MANIFEST)}\n` : 'shards written; other workers still have shards to write\n');
          return;
        }
        const report = reporter(o);
        const options: GenerateZooOptions = {
          ...planOptions(o),
          out,
          shard,
          of,
          signal: controller.signal,
          onProgress: (p) => report.update(p.done, p.total, p.shard),
          ...(o.dataDir === undefined ? {} : { dataDir: o.dataDir }),
          ...(o.allowDownload === true ? { allowDownload: true } : {}),
        };
        const result = await generateZoo(zoo, o.scale, options);
        report.stop();
        if (o.jsonProgress !== true) {
          process.stderr.write(
            `trained ${result.modelsTrained} models; shards written ${result.written.length}, skipped (verified) ${result.skipped.length}, regenerated ${result.regenerated.length}\n` +
              (result.manifestWritten ? `zoo complete: ${resolve(out, ZOO_MANIFEST)}\n` : 'manifest not written yet: other shards are missing\n'),
          );
        }
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
      void cmd;
    });

  program
    .command('verify')
    .description('Re-check a zoo against its manifest; exits non-zero naming every missing or corrupt shard.')
    .argument('<dir>', 'zoo folder')
    .action((dir: string) => {
      const problems = verifyZoo(resolve(dir));
      if (problems.length === 0) {
        process.stdout.write(`${resolve(dir)}: every shard matches the manifest\n`);
        return;
      }
      for (const p of problems) process.stderr.write(`${p.shard}: ${p.problem}\n`);
      process.stderr.write(`${problems.length} shard(s) missing or corrupt\n`);
      process.exitCode = 1;
    });

  program
    .command('fetch')
    .description('Find, verify (SHA-256) and, with --allow-download, download a dataset split.')
    .argument('<dataset>', `dataset: ${DATASET_NAMES.join(', ')}`)
    .addOption(new Option('--split <split>', 'split').choices(['train', 'test', 'sample', 'test-first1000']).default('train'))
    .option('--data-dir <dir>', 'dataset folder (default: GEO_DATA_DIR, then the user cache)')
    .option('--allow-download', 'download missing files from their official address')
    .option('--allow-unverified', 'accept files without a known checksum')
    .action(async (dataset: string, o: { split: 'train' | 'test' | 'sample' | 'test-first1000'; dataDir?: string; allowDownload?: boolean; allowUnverified?: boolean }) => {
      if (!(DATASET_NAMES as readonly string[]).includes(dataset)) throw new InvalidArgumentError(`unknown dataset "${dataset}"; one of ${DATASET_NAMES.join(', ')}`);
      const ds = await loadDataset(dataset as DatasetName, {
        split: o.split,
        ...(o.dataDir === undefined ? {} : { dataDir: o.dataDir }),
        allowDownload: o.allowDownload === true,
        allowUnverified: o.allowUnverified === true,
      });
      process.stdout.write(`${dataset} ${o.split}: ${ds.count} images ${ds.channels}x${ds.height}x${ds.width}, verified\n${ds.files.map((f) => `  ${f}`).join('\n')}\n`);
    });

  program
    .command('merge')
    .description('Write the manifest of a zoo whose shards were generated elsewhere (same plan options as `zoo`).')
    .argument('<name>', `zoo: ${ZOO_NAMES.join(', ')}`)
    .addOption(new Option('--scale <scale>', 'scale').choices(SCALES).makeOptionMandatory())
    .requiredOption('--out <dir>', 'zoo folder')
    .option('--seed <s>', 'root seed', nonNegativeInt('--seed'), 0)
    .addOption(new Option('--variant <v>', 'SIREN variant').choices(SIREN_VARIANTS).default('dwsnets'))
    .addOption(new Option('--dtype <d>', 'stored float type').choices(['F64', 'F32']).default('F64'))
    .option('--train <n>', 'training models', nonNegativeInt('--train'))
    .option('--val <n>', 'validation models', nonNegativeInt('--val'))
    .option('--test <n>', 'test models', nonNegativeInt('--test'))
    .option('--steps <n>', 'maximum optimiser steps', nonNegativeInt('--steps'))
    .option('--snapshots <t>', 'snapshots T', nonNegativeInt('--snapshots'))
    .option('--shard-size <n>', 'models per shard', nonNegativeInt('--shard-size'))
    .action((name: string, o: ZooCliOptions) => {
      if (!(ZOO_NAMES as readonly string[]).includes(name)) throw new InvalidArgumentError(`unknown zoo "${name}"`);
      const plan = zooPlan(name as ZooName, o.scale, planOptions(o));
      if (!writeZooManifestIfComplete(resolve(o.out), plan)) {
        process.stderr.write('not every shard is finished; run `zoo` for the missing ones first\n');
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`${resolve(o.out, ZOO_MANIFEST)}\n`);
    });
  return program;
}

async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (e) {
    if (isGeoError(e, 'ABORTED')) {
      process.stderr.write('\ncancelled: finished models and shards are kept; rerun the same command to resume\n');
      process.exitCode = 130;
      return;
    }
    process.stderr.write(`${isGeoError(e) ? `${e.code}: ` : ''}${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}

function isEntryPoint(): boolean {
  const argv1 = process.argv[1];
  if (argv1 === undefined) return false;
  try {
    return realpathSync(argv1) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) void main();
