// The leaderboard run: every (task, method, seed) unit at one scale, resumable (finished units
// are skipped), in this process or in `jobs` worker processes, then the report.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { GeoError, assertInteger } from '@geo/core';
import type { Scale } from '../types.js';
import { selectMethods } from './methods/index.js';
import { writeLeaderboard } from './report.js';
import type { Leaderboard } from './report.js';
import { leaderboardTask, leaderboardTasks } from './tasks.js';
import { readUnitResult, runUnit, unitId } from './unit.js';
import type { Unit, UnitResult } from './unit.js';
import { ensureZoo, zooFolder } from './zoo-data.js';

export interface LeaderboardOptions {
  readonly scale: Scale;
  readonly outDir: string;
  /** Folder whose subfolders are `<zoo>-<scale>` (default `<outDir>/zoos`). */
  readonly zooDir?: string;
  readonly tasks?: readonly string[];
  readonly methods?: readonly string[];
  /** Seeds 0..seeds-1 (default 3). */
  readonly seeds?: number;
  /** Worker processes (default 1: this process). */
  readonly jobs?: number;
  /** Run only units whose position in the plan is `index` mod `count` (a cluster array job); the report covers every unit on disk. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** Run nothing: collect the units on disk into the report (after sharded runs). */
  readonly reportOnly?: boolean;
  /** Generate a missing zoo (default true); otherwise its task is skipped with a note. */
  readonly generateZoos?: boolean;
  readonly signal?: AbortSignal;
  /** Units finished (or found finished) of the total; `label` names the running unit and its progress. */
  readonly onProgress?: (done: number, total: number, label: string) => void;
  /** Messages for the user (zoo generation, skipped tasks). */
  readonly log?: (message: string) => void;
}

/** Messages between the harness and a worker process. */
export type WorkerRequest = { readonly type: 'run'; readonly unit: Unit; readonly outDir: string; readonly zooDir: string } | { readonly type: 'exit' };
export type WorkerReply =
  | { readonly type: 'progress'; readonly done: number; readonly total: number; readonly label?: string }
  | { readonly type: 'done'; readonly result: UnitResult }
  | { readonly type: 'error'; readonly message: string };

/**
 * The units of a run, task-major then seed then method (so the first seed of every method
 * of a task finishes first).
 *
 * @example
 * planUnits(['sine'], ['gth-gmn'], 'smoke', 2).length // 2
 */
export function planUnits(tasks: readonly string[], methods: readonly string[], scale: Scale, seeds: number): Unit[] {
  assertInteger(seeds, 'seeds', { min: 1, max: 1000 });
  const units: Unit[] = [];
  for (const task of tasks) for (let seed = 0; seed < seeds; seed++) for (const method of methods) units.push({ task, method, scale, seed });
  return units;
}

function workerScript(): string {
  return fileURLToPath(new URL('./worker.js', import.meta.url));
}

/** Runs units in `jobs` child processes, each working through units one at a time. */
async function runInWorkers(units: readonly Unit[], jobs: number, outDir: string, zooDir: string, signal: AbortSignal, report: (slot: number, unit: Unit, done: number, total: number, label?: string) => void, finished: (r: UnitResult) => void): Promise<void> {
  const queue = [...units];
  const children: ChildProcess[] = [];
  const onAbort = (): void => {
    for (const c of children) c.kill('SIGTERM');
  };
  signal.addEventListener('abort', onAbort);
  try {
    await Promise.all(
      Array.from({ length: Math.min(jobs, units.length) }, (_, slot) =>
        new Promise<void>((resolve, reject) => {
          const child = fork(workerScript(), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
          children.push(child);
          let current: Unit | undefined;
          const next = (): void => {
            current = queue.shift();
            if (current === undefined || signal.aborted) {
              child.send({ type: 'exit' } satisfies WorkerRequest);
              return;
            }
            child.send({ type: 'run', unit: current, outDir, zooDir } satisfies WorkerRequest);
          };
          child.on('message', (m: WorkerReply) => {
            if (m.type === 'progress' && current !== undefined) report(slot, current, m.done, m.total, m.label);
            else if (m.type === 'done') {
              finished(m.result);
              next();
            } else if (m.type === 'error') {
              child.kill('SIGTERM');
              reject(new GeoError('ABORTED', `worker ${slot}: ${m.message}`, { argument: 'jobs' }));
            }
          });
          child.on('exit', (code, sig) => {
            if (signal.aborted) reject(new GeoError('ABORTED', 'the leaderboard run was stopped', { argument: 'signal' }));
            else if (code !== 0) reject(new GeoError('ABORTED', `worker ${slot} exited (${code ?? sig})${current === undefined ? '' : ` during ${unitId(current)}`}`, { argument: 'jobs' }));
            else resolve();
          });
          child.on('error', reject);
          next();
        }),
      ),
    );
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Runs the leaderboard: makes sure each task's zoo exists (generating it, resume-safe), runs
 * every unit not already finished, writing each result atomically as it ends, then writes
 * leaderboard.json, leaderboard.md and the figures from every finished unit on disk.
 *
 * @example
 * await runLeaderboard({ scale: 'smoke', outDir: 'results/leaderboard', methods: ['gth-gmn', 'statnn-gbt'], seeds: 1 });
 */
export async function runLeaderboard(options: LeaderboardOptions): Promise<Leaderboard> {
  const signal = options.signal ?? new AbortController().signal;
  const jobs = options.jobs ?? 1;
  assertInteger(jobs, 'jobs', { min: 1, max: 64 });
  const seeds = options.seeds ?? 3;
  const zooDir = options.zooDir ?? `${options.outDir}/zoos`;
  const taskIds = options.tasks ?? leaderboardTasks().map((t) => t.spec.task);
  const tasks = taskIds.map(leaderboardTask);
  const methods = selectMethods(options.methods).map((m) => m.name);
  await mkdir(options.outDir, { recursive: true });
  const skipped: { task: string; reason: string }[] = [];
  const ready: string[] = [];
  for (const t of tasks) {
    if (options.reportOnly === true) {
      ready.push(t.spec.task);
      continue;
    }
    try {
      await ensureZoo(t.zoo, options.scale, zooFolder(zooDir, t.zoo, options.scale), {
        generate: options.generateZoos ?? true,
        signal,
        ...(options.log === undefined ? {} : { log: options.log }),
        onProgress: (d, n) => options.onProgress?.(0, 1, `zoo ${t.zoo}: ${d}/${n} models`),
      });
      ready.push(t.spec.task);
    } catch (e) {
      if (signal.aborted) throw e;
      if (e instanceof GeoError && (e.code === 'UNSUPPORTED' || e.code === 'NOT_FOUND')) {
        skipped.push({ task: t.spec.task, reason: e.message });
        options.log?.(`skipping ${t.spec.task}: ${e.message}`);
      } else throw e;
    }
  }
  if (options.shard !== undefined) {
    assertInteger(options.shard.count, 'shard.count', { min: 1 });
    assertInteger(options.shard.index, 'shard.index', { min: 0, max: options.shard.count - 1 });
  }
  const shard = options.shard ?? { index: 0, count: 1 };
  // a shard's units are fixed by the full plan (tasks and methods as asked), not by which zoos are ready
  const units = planUnits(taskIds, methods, options.scale, seeds).filter((u, i) => i % shard.count === shard.index && ready.includes(u.task));
  const unfinished = units.filter((u) => readUnitResult(options.outDir, u)?.status !== 'ok');
  const todo = options.reportOnly === true ? [] : unfinished;
  let done = units.length - unfinished.length;
  const total = units.length;
  options.onProgress?.(done, total, done > 0 ? `${done} units already finished` : '');
  const finished = (r: UnitResult): void => {
    done++;
    options.onProgress?.(done, total, `${unitId(r)}: ${r.status === 'ok' ? `score ${r.score?.toPrecision(4)}` : `failed (${r.error})`}`);
    if (r.status === 'failed') options.log?.(`${unitId(r)} failed: ${r.error}`);
  };
  if (jobs === 1 || todo.length <= 1) {
    for (const u of todo) {
      if (signal.aborted) throw new GeoError('ABORTED', 'the leaderboard run was stopped', { argument: 'signal' });
      const r = await runUnit(u, {
        outDir: options.outDir,
        zooDir,
        signal,
        onProgress: (d, t, label) => options.onProgress?.(done, total, `${unitId(u)} ${label ?? ''} ${d}/${t}`),
      });
      finished(r);
    }
  } else {
    await runInWorkers(
      todo,
      jobs,
      options.outDir,
      zooDir,
      signal,
      (slot, u, d, t, label) => options.onProgress?.(done, total, `[${slot}] ${unitId(u)} ${label ?? ''} ${d}/${t}`),
      finished,
    );
  }
  return writeLeaderboard({ outDir: options.outDir, scale: options.scale, tasks: taskIds, methods, seeds, skipped });
}
