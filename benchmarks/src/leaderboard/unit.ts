// One unit of the leaderboard: a (task, method, scale, seed), its result file, and running it.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { GeoError } from '@geo/core';
import { saveModel, trajectoryEmbeddingFile } from '@geo/gth-gmn/tf';
import { writeFileAtomic } from '../atomic.js';
import { machineInfo } from '../machine.js';
import type { MachineInfo, Scale } from '../types.js';
import type { MetaDataset } from './method.js';
import { hasNodeEmbeddings, leaderboardMethods, selectMethods } from './methods/index.js';
import type { NodeEmbeddings } from './methods/index.js';
import { leaderboardTask } from './tasks.js';
import { currentTfBackend } from './tf-init.js';
import type { LeaderboardTask } from './tasks.js';
import { loadZooSplit, zooFolder } from './zoo-data.js';
import type { ZooSplit } from './zoo-data.js';

/** Version of the unit and leaderboard JSON layout; bump when a field changes meaning. */
export const LEADERBOARD_SCHEMA_VERSION = 1;

export interface Unit {
  readonly task: string;
  readonly method: string;
  readonly scale: Scale;
  readonly seed: number;
}

/** What one finished unit records (`<out>/units/<id>.json`). */
export interface UnitResult extends Unit {
  readonly schemaVersion: typeof LEADERBOARD_SCHEMA_VERSION;
  readonly status: 'ok' | 'failed';
  /** The test score in the task's metric (null when failed). */
  readonly score: number | null;
  readonly metric: string;
  readonly higherIsBetter: boolean;
  readonly error?: string;
  readonly startedAt: string;
  readonly wallTimeMs: number;
  readonly loadMs: number;
  readonly fitMs: number;
  readonly predictMs: number;
  /** The tfjs backend this process had started when the unit ended (any method's), null if none. */
  readonly backend: string | null;
  readonly machine: MachineInfo;
  readonly sizes: { readonly train: number; readonly val: number; readonly test: number; readonly snapshots: number; readonly storedSnapshots: number };
  readonly temporal: boolean;
  /** The method's `settings(scale, task)` when the unit ran (absent for methods without settings). */
  readonly settings?: string;
  readonly info: Readonly<Record<string, string | number | boolean>>;
}

/**
 * The file name stem of a unit.
 *
 * @example
 * unitId({ task: 'sine', method: 'gth-gmn', scale: 'smoke', seed: 2 }) // 'sine__gth-gmn__smoke__seed2'
 */
export function unitId(u: Unit): string {
  return `${u.task}__${u.method}__${u.scale}__seed${u.seed}`;
}

/** `<out>/units/<id>.json`. */
export function unitPath(outDir: string, u: Unit): string {
  return join(outDir, 'units', `${unitId(u)}.json`);
}

function isUnitResult(x: unknown, u: Unit): x is UnitResult {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Partial<UnitResult>;
  return (
    r.schemaVersion === LEADERBOARD_SCHEMA_VERSION &&
    r.task === u.task &&
    r.method === u.method &&
    r.scale === u.scale &&
    r.seed === u.seed &&
    (r.status === 'ok' ? typeof r.score === 'number' && Number.isFinite(r.score) : r.status === 'failed') &&
    typeof r.wallTimeMs === 'number' &&
    typeof r.sizes === 'object'
  );
}

/** The settings a unit of this method runs with now (undefined for an unknown method or one without settings). */
function currentSettings(u: Unit): string | undefined {
  const method = leaderboardMethods().find((m) => m.name === u.method);
  return method?.settings?.(u.scale, u.task);
}

/**
 * A unit's finished result, or undefined when it is missing, unreadable, of another schema,
 * for another unit (a corrupt file is recomputed, never trusted), or stale: run under other
 * method settings than the current ones.
 */
export function readUnitResult(outDir: string, u: Unit): UnitResult | undefined {
  const path = unitPath(outDir, u);
  if (!existsSync(path)) return undefined;
  try {
    const x: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return isUnitResult(x, u) && x.settings === currentSettings(u) ? x : undefined;
  } catch {
    return undefined;
  }
}

export interface UnitEnv {
  readonly outDir: string;
  readonly zooDir: string;
  readonly signal: AbortSignal;
  readonly onProgress?: (done: number, total: number, label?: string) => void;
}

/** The data of one task at one scale, cached for the last task read (units of a task run back to back). */
let cache: { key: string; data: { train: ZooSplit; val: ZooSplit; test: ZooSplit } } | undefined;

function taskData(task: LeaderboardTask, scale: Scale, zooDir: string): { train: ZooSplit; val: ZooSplit; test: ZooSplit } {
  const folder = zooFolder(zooDir, task.zoo, scale);
  const key = `${folder}|${task.spec.task}`;
  if (cache?.key === key) return cache.data;
  cache = undefined; // free the previous task's data first
  const s = task.scales[scale];
  const read = (split: 'train' | 'val' | 'test', limit: number | undefined): ZooSplit =>
    loadZooSplit(folder, split, { snapshots: s.snapshots, target: task.target, ...(limit === undefined ? {} : { limit }) });
  const data = { train: read('train', s.train), val: read('val', s.val), test: read('test', s.test) };
  cache = { key, data };
  return data;
}

/** The first test trajectory's node embeddings from the seed-0 `gth-gmn` unit, for the Poincaré-disk figure. */
export interface EmbeddingFigureData extends Omit<NodeEmbeddings, 'snapshots' | 'layer' | 'isBias'> {
  readonly task: string;
  readonly method: string;
  readonly scale: Scale;
  readonly label: readonly number[];
  readonly snapshots: readonly number[][];
  readonly layer: readonly number[];
  readonly isBias: readonly number[];
}

/** `<out>/figures/<task>-<scale>.embedding.json`: the docs viewer's file of the same trajectory. */
export function viewerFilePath(outDir: string, task: string, scale: Scale): string {
  return join(outDir, 'figures', `${task}-${scale}.embedding.json`);
}

/** `<out>/figures/<task>-<scale>.gth-gmn.safetensors`: the GTH-GMN behind the viewer file, for `geo-bench embed`. */
export function modelFilePath(outDir: string, task: string, scale: Scale): string {
  return join(outDir, 'figures', `${task}-${scale}.gth-gmn.safetensors`);
}

/** `<out>/figures/<task>-<scale>-embedding.json`. */
export function embeddingFigurePath(outDir: string, task: string, scale: Scale): string {
  return join(outDir, 'figures', `${task}-${scale}-embedding.json`);
}

/**
 * Runs one unit: loads the task's splits, fits the method on train (validation for model
 * selection), predicts the test split, scores it, and writes the result atomically. A
 * method that throws gives a `failed` result (retried on the next run); an abort throws.
 */
export async function runUnit(u: Unit, env: UnitEnv): Promise<UnitResult> {
  const task = leaderboardTask(u.task);
  const [method] = selectMethods([u.method]);
  if (method === undefined) throw new GeoError('NOT_FOUND', `unknown method ${u.method}`, { argument: 'method' });
  const startedAt = new Date();
  const t0 = performance.now();
  const data = taskData(task, u.scale, env.zooDir);
  const loadMs = performance.now() - t0;
  const asSet = (s: ZooSplit): MetaDataset => ({ trajectories: s.trajectories, targets: s.targets });
  let fitMs = 0;
  let predictMs = 0;
  let score: number | null = null;
  let error: string | undefined;
  let info: Readonly<Record<string, string | number | boolean>> = {};
  try {
    const t1 = performance.now();
    const fitted = await method.fit(asSet(data.train), asSet(data.val), task.spec, {
      scale: u.scale,
      seed: u.seed,
      signal: env.signal,
      onProgress: (d, t, label) => env.onProgress?.(d, t, label),
    });
    fitMs = performance.now() - t1;
    try {
      const t2 = performance.now();
      const predictions = await fitted.predict(data.test.trajectories);
      predictMs = performance.now() - t2;
      score = task.score(predictions, data.test.targets);
      info = fitted.info ?? {};
      if (u.method === 'gth-gmn' && u.seed === 0 && hasNodeEmbeddings(fitted)) {
        const traj = data.test.trajectories[0];
        if (traj !== undefined) {
          const e = fitted.nodeEmbeddings(traj);
          const k = task.spec.kind === 'regression' ? task.spec.outputs : 1;
          const figure: EmbeddingFigureData = {
            task: u.task,
            method: u.method,
            scale: u.scale,
            label: Array.from(data.test.targets.subarray(0, k)),
            steps: e.steps,
            dim: e.dim,
            curvature: e.curvature,
            snapshots: e.snapshots.map((z) => Array.from(z, (v) => Number(v.toPrecision(6)))),
            layer: Array.from(e.layer),
            isBias: Array.from(e.isBias),
          };
          const path = embeddingFigurePath(env.outDir, u.task, u.scale);
          await mkdir(join(env.outDir, 'figures'), { recursive: true });
          await writeFileAtomic(path, `${JSON.stringify(figure)}\n`);
          // the docs viewer's file (geo-trajectory-embedding), strongest 60 edges per snapshot
          const file = trajectoryEmbeddingFile(fitted.model, traj, { strongestEdges: 60 });
          await writeFileAtomic(viewerFilePath(env.outDir, u.task, u.scale), `${JSON.stringify(file)}\n`);
          // and the model, so `geo-bench embed` can show any other trajectory of the zoo
          await writeFileAtomic(modelFilePath(env.outDir, u.task, u.scale), saveModel(fitted.model));
        }
      }
    } finally {
      fitted.dispose?.();
    }
  } catch (e) {
    if (env.signal.aborted || (e instanceof GeoError && e.code === 'ABORTED')) throw e;
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  const result: UnitResult = {
    schemaVersion: LEADERBOARD_SCHEMA_VERSION,
    ...u,
    status: error === undefined ? 'ok' : 'failed',
    score,
    metric: task.metric,
    higherIsBetter: task.higherIsBetter,
    ...(error === undefined ? {} : { error }),
    startedAt: startedAt.toISOString(),
    wallTimeMs: performance.now() - t0,
    loadMs,
    fitMs,
    predictMs,
    backend: currentTfBackend(),
    machine: machineInfo(),
    sizes: {
      train: data.train.trajectories.length,
      val: data.val.trajectories.length,
      test: data.test.trajectories.length,
      snapshots: data.train.snapshotIndices.length,
      storedSnapshots: data.train.storedSnapshots,
    },
    temporal: method.temporal,
    ...(method.settings === undefined ? {} : { settings: method.settings(u.scale, u.task) }),
    info,
  };
  await mkdir(join(env.outDir, 'units'), { recursive: true });
  await writeFileAtomic(unitPath(env.outDir, u), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}
