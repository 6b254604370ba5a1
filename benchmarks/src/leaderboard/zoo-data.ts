// Zoo access for the leaderboard: where a zoo lives, generating it when missing, and reading
// one split's trajectories with a bounded number of snapshots.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GeoError, assertInteger } from '@geo/core';
import { ZOO_MANIFEST, ZOO_NAMES, estimateZooSeconds, generateZoo, listZooModels, zooPlan } from '@geo/datasets';
import type { ZooName } from '@geo/datasets';
import type { Trajectory } from '@geo/param-graph';
import { readTrajectoryFile, readTrajectoryInfoFile } from '@geo/param-graph/node';
import type { Scale } from '../types.js';

/**
 * k evenly spaced snapshot indices of T stored ones, strictly increasing, always the first
 * and the last (k = 1: the last only; k >= T: all of them).
 *
 * @example
 * snapshotIndices(90, 4) // [0, 30, 59, 89]
 */
export function snapshotIndices(T: number, k: number): number[] {
  assertInteger(T, 'T', { min: 1 });
  assertInteger(k, 'k', { min: 1 });
  if (k >= T) return Array.from({ length: T }, (_, i) => i);
  if (k === 1) return [T - 1];
  // spacing (T - 1)/(k - 1) >= 1, so the rounded positions stay distinct
  return Array.from({ length: k }, (_, i) => Math.round((i * (T - 1)) / (k - 1)));
}

/**
 * The folder of a zoo at a scale under a zoo directory: `<zooDir>/<zoo>-<scale>`.
 *
 * @example
 * zooFolder('/work/zoos', 'sine', 'cpu') // '/work/zoos/sine-cpu'
 */
export function zooFolder(zooDir: string, zoo: string, scale: Scale): string {
  return join(zooDir, `${zoo}-${scale}`);
}

/** True when @geo/datasets can generate this zoo. */
export function zooKnown(zoo: string): zoo is ZooName {
  return (ZOO_NAMES as readonly string[]).includes(zoo);
}

export interface EnsureZooOptions {
  /** Generate the zoo when its manifest is missing (default true); false makes a missing zoo a NOT_FOUND error. */
  readonly generate?: boolean;
  /** Where messages (the expected time) go. */
  readonly log?: (message: string) => void;
  readonly signal?: AbortSignal;
  /** Passed to the dataset loaders (GEO_DATA_DIR otherwise). */
  readonly dataDir?: string;
  /** Generation progress: models finished of the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Makes sure `folder` holds a finished zoo (its manifest), generating it with @geo/datasets'
 * resume-safe `generateZoo` otherwise (finished shards are kept). Returns the folder.
 *
 * @example
 * await ensureZoo('sine', 'smoke', 'zoos/sine-smoke', { log: console.error });
 */
export async function ensureZoo(zoo: string, scale: Scale, folder: string, options: EnsureZooOptions = {}): Promise<string> {
  if (existsSync(join(folder, ZOO_MANIFEST))) return folder;
  if (!zooKnown(zoo)) {
    throw new GeoError('UNSUPPORTED', `zoo ${zoo} has no generator in this @geo/datasets (known: ${ZOO_NAMES.join(', ')}) and ${folder} holds no manifest`, { argument: 'zoo', actual: zoo });
  }
  if (options.generate === false) {
    throw new GeoError('NOT_FOUND', `${folder}: no finished ${zoo} zoo (no ${ZOO_MANIFEST}); generate it with geo-datasets zoo ${zoo} --scale ${scale} --out ${folder}`, { argument: 'folder', actual: folder });
  }
  const plan = zooPlan(zoo, scale);
  const models = plan.shards.reduce((n, s) => n + s.models.length, 0);
  const { seconds } = estimateZooSeconds(plan, models);
  options.log?.(`generating the ${zoo} zoo at ${scale} scale (${models} models) into ${folder}: up to ${seconds < 120 ? `${seconds.toFixed(0)} s` : `${(seconds / 60).toFixed(1)} min`} on one core; rerun to resume if stopped`);
  const result = await generateZoo(zoo, scale, {
    out: folder,
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    onProgress: (e) => options.onProgress?.(e.done, e.total),
  });
  if (!result.manifestWritten) throw new GeoError('NOT_FOUND', `${folder}: the ${zoo} zoo is still incomplete after generation`, { argument: 'folder' });
  return folder;
}

export interface LoadSplitOptions {
  /** Snapshots to keep per trajectory (evenly spaced, first and last included); default all. */
  readonly snapshots?: number;
  /** Keep the first `limit` models of the split (model order), default all. */
  readonly limit?: number;
  /** Target of one model from its labels (classification: the class; regression: one value per output). */
  readonly target: (labels: Readonly<Record<string, unknown>>, path: string) => readonly number[];
}

export interface ZooSplit {
  readonly trajectories: Trajectory[];
  /** Targets concatenated in model order (n x outputs row-major). */
  readonly targets: Float64Array;
  /** Snapshots stored per model, and the indices read. */
  readonly storedSnapshots: number;
  readonly snapshotIndices: readonly number[];
  /** Models of the split in the zoo (before `limit`). */
  readonly available: number;
}

/**
 * Reads one split of a finished zoo: the first `limit` models, each with `snapshots` evenly
 * spaced snapshots (only those byte ranges are read), and their targets.
 *
 * @example
 * const val = loadZooSplit('zoos/sine-smoke', 'val', { snapshots: 4, target: (l) => [Number(l.a), Number(l.b)] });
 */
export function loadZooSplit(folder: string, split: string, options: LoadSplitOptions): ZooSplit {
  const { models } = listZooModels(folder, split);
  if (models.length === 0) throw new GeoError('NOT_FOUND', `${folder}: split ${split} has no models`, { argument: 'split', actual: split });
  if (options.limit !== undefined) assertInteger(options.limit, 'options.limit', { min: 1 });
  const chosen = options.limit === undefined ? models : models.slice(0, options.limit);
  const first = chosen[0] as (typeof chosen)[number];
  const T = readTrajectoryInfoFile(first.path).steps.length;
  const indices = snapshotIndices(T, options.snapshots ?? T);
  const trajectories: Trajectory[] = [];
  const targets: number[] = [];
  for (const m of chosen) {
    const traj = readTrajectoryFile(m.path, { snapshots: indices });
    if (traj.steps.length !== indices.length) {
      throw new GeoError('CORRUPT_FILE', `${m.path}: expected ${indices.length} snapshots, read ${traj.steps.length}`, { argument: m.path });
    }
    const y = options.target(traj.labels, m.path);
    for (const v of y) {
      if (!Number.isFinite(v)) throw new GeoError('CORRUPT_FILE', `${m.path}: its label gives a non-finite target`, { argument: m.path, actual: traj.labels });
      targets.push(v);
    }
    trajectories.push(traj);
  }
  return { trajectories, targets: Float64Array.from(targets), storedSnapshots: T, snapshotIndices: indices, available: models.length };
}
