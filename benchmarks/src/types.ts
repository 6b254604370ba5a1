import type { Rng } from '@geo/core';

/** Named scales: `smoke` for CI (minutes), `cpu` for the 2-core leaderboard (hours), `paper` for the published protocol. */
export type Scale = 'smoke' | 'cpu' | 'paper';
export const SCALES: readonly Scale[] = ['smoke', 'cpu', 'paper'];

/** Version of the result JSON layout; bump it when a field changes meaning. */
export const RESULT_SCHEMA_VERSION = 1;

/** What a task receives: its scale, a seeded stream, where to write, and how to report and stop. */
export interface TaskContext {
  readonly scale: Scale;
  readonly seed: number;
  /** A stream derived from the seed for this task alone. */
  readonly rng: Rng;
  /** The task's own output folder (exists). */
  readonly outDir: string;
  /** Aborted on Ctrl-C; a task checks it between units of work. */
  readonly signal: AbortSignal;
  /** Reports progress: `done` of `total` units, with a short label. */
  readonly onProgress: (done: number, total: number, label?: string) => void;
}

/** One row of a task's table: a method on a configuration, with its metrics. */
export type ResultRow = Record<string, string | number | boolean | null>;

/** What a task returns; the runner adds provenance (machine, wall time, schema version). */
export interface TaskOutput {
  /** The sizes the task ran at, e.g. `{ n: [64, 128] }`. */
  readonly sizes: Record<string, unknown>;
  /** Table rows, rendered to Markdown in this order. */
  readonly rows: readonly ResultRow[];
  /** Headline figures, e.g. `{ matmulGflops512: 3.4 }`. */
  readonly metrics: Record<string, number>;
  /** Anything a reader should know (protocol deviations, held-out sets). */
  readonly notes?: readonly string[];
}

export interface Task {
  /** Stable id used on the command line, e.g. `core-linalg`. */
  readonly name: string;
  readonly description: string;
  /** What each scale means for this task, for `geo-bench list`. */
  readonly scales: Record<Scale, string>;
  run(ctx: TaskContext): Promise<TaskOutput>;
}

export interface MachineInfo {
  readonly platform: string;
  readonly arch: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryBytes: number;
  readonly node: string;
}

/** The JSON written for each task run. */
export interface TaskResult extends TaskOutput {
  readonly schemaVersion: typeof RESULT_SCHEMA_VERSION;
  readonly task: string;
  readonly scale: Scale;
  readonly seed: number;
  readonly startedAt: string;
  readonly wallTimeMs: number;
  readonly machine: MachineInfo;
  /** The tfjs backend in use, if the task started one. */
  readonly backend: string | null;
}
