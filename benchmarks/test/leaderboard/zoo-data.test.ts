import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGeoError } from '@geo/core';
import { listZooModels } from '@geo/datasets';
import { readTrajectoryFile } from '@geo/param-graph/node';
import { ensureZoo, loadZooSplit, snapshotIndices, zooFolder } from '../../src/leaderboard/zoo-data.js';
import { leaderboardTask } from '../../src/leaderboard/tasks.js';

describe('snapshotIndices', () => {
  it('gives min(k, T) strictly increasing indices in [0, T), the first and the last included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 250 }), (T, k) => {
        const idx = snapshotIndices(T, k);
        expect(idx.length).toBe(Math.min(k, T));
        for (let i = 1; i < idx.length; i++) expect(idx[i] as number).toBeGreaterThan(idx[i - 1] as number);
        expect(idx[idx.length - 1]).toBe(T - 1);
        if (idx.length >= 2) expect(idx[0]).toBe(0);
        // evenly spaced: every gap within one of (T - 1)/(k - 1)
        if (idx.length >= 2 && k < T) {
          const step = (T - 1) / (k - 1);
          for (let i = 1; i < idx.length; i++) expect(Math.abs((idx[i] as number) - (idx[i - 1] as number) - step)).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('refuses k or T below 1', () => {
    expect(() => snapshotIndices(10, 0)).toThrow(/k/);
    expect(() => snapshotIndices(0, 3)).toThrow(/T/);
  });
});

describe('zoo loading', () => {
  let dir = '';
  let folder = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'geo-lb-zoo-'));
    folder = zooFolder(dir, 'mnist-inr', 'smoke');
    await ensureZoo('mnist-inr', 'smoke', folder); // embedded sample, seconds
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a missing zoo into <zoo-dir>/<zoo>-<scale> and reuses it', async () => {
    expect(folder).toBe(join(dir, 'mnist-inr-smoke'));
    expect(existsSync(join(folder, 'manifest.json'))).toBe(true);
    const messages: string[] = [];
    await ensureZoo('mnist-inr', 'smoke', folder, { log: (m) => messages.push(m) });
    expect(messages).toEqual([]); // finished: nothing generated, nothing printed
  });

  it('reads a split with k snapshots, equal to those snapshots of the full file, and class targets', () => {
    const task = leaderboardTask('inr-mnist');
    const split = loadZooSplit(folder, 'val', { snapshots: 3, target: task.target });
    const { models } = listZooModels(folder, 'val');
    expect(split.trajectories.length).toBe(models.length);
    expect(split.available).toBe(models.length);
    expect(split.snapshotIndices).toEqual(snapshotIndices(split.storedSnapshots, 3));
    const full = readTrajectoryFile((models[0] as { path: string }).path);
    const sub = split.trajectories[0];
    expect(sub?.steps).toEqual(split.snapshotIndices.map((t) => full.steps[t]));
    const T = full.steps.length;
    const P = (full.weights[1] as ArrayLike<number>).length / T;
    const last = split.snapshotIndices[2] as number;
    expect(Array.from((sub?.weights[1] as ArrayLike<number>) ?? []).slice(2 * P, 3 * P)).toEqual(Array.from(full.weights[1] as ArrayLike<number>).slice(last * P, (last + 1) * P));
    expect(Array.from(split.targets)).toEqual(split.trajectories.map((t) => t.labels['class']));
  });

  it('keeps the first `limit` models', () => {
    const task = leaderboardTask('inr-mnist');
    const split = loadZooSplit(folder, 'train', { snapshots: 2, limit: 5, target: task.target });
    expect(split.trajectories.length).toBe(5);
    expect(split.available).toBeGreaterThan(5);
  });

  it('names the problem: no zoo without generation, an unknown zoo, a bad label', async () => {
    const err = async (p: Promise<unknown>): Promise<string | undefined> => p.then(() => undefined, (e: unknown) => (isGeoError(e) ? e.code : 'not a GeoError'));
    expect(await err(ensureZoo('sine', 'smoke', join(dir, 'nothing'), { generate: false }))).toBe('NOT_FOUND');
    expect(await err(ensureZoo('no-such-zoo', 'smoke', join(dir, 'nothing')))).toBe('UNSUPPORTED');
    expect(() => loadZooSplit(folder, 'val', { target: leaderboardTask('sine').target })).toThrow(/label a/);
  });
});
