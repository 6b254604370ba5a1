import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { GeoError, createRng } from '@geo/core';
import { writeFileAtomic } from './atomic.js';
import { machineInfo } from './machine.js';
import { markdownReport } from './report.js';
import { RESULT_SCHEMA_VERSION, type Scale, type Task, type TaskResult } from './types.js';

export interface RunOptions {
  readonly scale: Scale;
  readonly seed: number;
  readonly outDir: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (task: string, done: number, total: number, label?: string) => void;
  /** The tfjs backend name, if the caller started one. */
  readonly backend?: string | null;
}

/**
 * Runs tasks one after another, writing `<out>/<task>.json` and `.md` atomically as each
 * finishes, then `<out>/summary.md`. A task that is aborted writes nothing.
 */
export async function runTasks(tasks: readonly Task[], options: RunOptions): Promise<TaskResult[]> {
  const signal = options.signal ?? new AbortController().signal;
  await mkdir(options.outDir, { recursive: true });
  const results: TaskResult[] = [];
  for (const task of tasks) {
    if (signal.aborted) throw new GeoError('ABORTED', `stopped before task ${task.name}`);
    const taskDir = join(options.outDir, task.name);
    await mkdir(taskDir, { recursive: true });
    const startedAt = new Date();
    const t0 = performance.now();
    const output = await task.run({
      scale: options.scale,
      seed: options.seed,
      rng: createRng(options.seed).derive('task', task.name),
      outDir: taskDir,
      signal,
      onProgress: (done, total, label) => options.onProgress?.(task.name, done, total, label),
    });
    if (signal.aborted) throw new GeoError('ABORTED', `task ${task.name} was stopped`);
    const result: TaskResult = {
      schemaVersion: RESULT_SCHEMA_VERSION,
      task: task.name,
      scale: options.scale,
      seed: options.seed,
      startedAt: startedAt.toISOString(),
      wallTimeMs: performance.now() - t0,
      machine: machineInfo(),
      backend: options.backend ?? null,
      ...output,
    };
    await writeFileAtomic(join(options.outDir, `${task.name}.json`), `${JSON.stringify(result, null, 2)}\n`);
    await writeFileAtomic(join(options.outDir, `${task.name}.md`), markdownReport(result));
    results.push(result);
  }
  const summary = `${[`# geo-bench results (scale: ${options.scale}, seed ${options.seed})`, '', ...results.map(markdownReport)].join('\n')}\n`;
  await writeFileAtomic(join(options.outDir, 'summary.md'), summary);
  return results;
}
