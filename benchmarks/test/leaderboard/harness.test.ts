import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GTH_GMN_BUDGETS, LEADERBOARD_SCHEMA_VERSION, gthGmnMethod, planUnits, readUnitResult, runLeaderboard, selectMethods, taskBudget, unitPath } from '../../src/leaderboard/index.js';
import type { Leaderboard, Unit, UnitResult } from '../../src/leaderboard/index.js';

// One end-to-end run on tiny smoke zoos (generated from the embedded sample), then resume.
describe('leaderboard harness end to end', () => {
  let out = '';
  let first: Leaderboard;
  const methods = ['gth-gmn', 'statnn-gbt'];
  const tasks = ['inr-mnist'];
  const units = planUnits(tasks, methods, 'smoke', 1);
  const read = (u: Unit): UnitResult => JSON.parse(readFileSync(unitPath(out, u), 'utf8')) as UnitResult;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'geo-lb-e2e-'));
    first = await runLeaderboard({ scale: 'smoke', outDir: out, tasks, methods, seeds: 1 });
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('plans task x seed x method units', () => {
    expect(units.map((u) => `${u.task}/${u.seed}/${u.method}`)).toEqual(['inr-mnist/0/gth-gmn', 'inr-mnist/0/statnn-gbt']);
    expect(planUnits(['a', 'b'], ['m', 'n'], 'cpu', 2).map((u) => `${u.task}/${u.seed}/${u.method}`)).toEqual(['a/0/m', 'a/0/n', 'a/1/m', 'a/1/n', 'b/0/m', 'b/0/n', 'b/1/m', 'b/1/n']);
  });

  it('writes one finished unit JSON per unit with score, sizes, timing and machine', () => {
    for (const u of units) {
      const r = readUnitResult(out, u);
      expect(r?.status, JSON.stringify(r)).toBe('ok');
      expect(r?.schemaVersion).toBe(LEADERBOARD_SCHEMA_VERSION);
      expect(Number.isFinite(r?.score)).toBe(true);
      expect(r?.sizes.train).toBeGreaterThan(0);
      expect(r?.wallTimeMs).toBeGreaterThan(0);
      expect(r?.machine.cpus).toBeGreaterThan(0);
    }
    const acc = readUnitResult(out, units[0] as Unit)?.score as number;
    expect(acc).toBeGreaterThanOrEqual(0);
    expect(acc).toBeLessThanOrEqual(1);
    expect(read(units[0] as Unit).info['backend']).toBeTypeOf('string');
  });

  it('writes leaderboard.json, leaderboard.md and the figures', () => {
    expect(first.tasks.map((t) => t.task)).toEqual(tasks);
    for (const t of first.tasks) for (const r of t.rows) expect(r.seeds).toEqual([0]);
    const json = JSON.parse(readFileSync(join(out, 'leaderboard.json'), 'utf8')) as Leaderboard;
    expect(json.schemaVersion).toBe(LEADERBOARD_SCHEMA_VERSION);
    const md = readFileSync(join(out, 'leaderboard.md'), 'utf8');
    expect(md).toContain('# geo-bench leaderboard (scale: smoke)');
    expect(md).toContain('| gth-gmn |');
    expect(md).toContain('95.60 ± 0.18'); // the paper's MNIST INR figure beside ours
    const viewer = JSON.parse(readFileSync(join(out, 'example-trajectory.embedding.json'), 'utf8')) as { format: string };
    expect(viewer.format).toBe('geo-trajectory-embedding');
    for (const f of ['inr-mnist-smoke.svg', 'inr-mnist-smoke-poincare.svg']) {
      const svg = readFileSync(join(out, 'figures', f), 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
    }
  });

  it('runs only its shard of the plan, and --report-only runs nothing', async () => {
    const shardOut = mkdtempSync(join(tmpdir(), 'geo-lb-shard-'));
    try {
      const opts = { scale: 'smoke' as const, outDir: shardOut, zooDir: join(out, 'zoos'), tasks: ['inr-mnist'], methods: ['statnn-gbt'], seeds: 3 };
      await runLeaderboard({ ...opts, shard: { index: 1, count: 2 } });
      const seeds = [0, 1, 2].filter((seed) => readUnitResult(shardOut, { task: 'inr-mnist', method: 'statnn-gbt', scale: 'smoke', seed }) !== undefined);
      expect(seeds).toEqual([1]); // plan positions 0, 1, 2: shard 1 of 2 owns position 1
      const lb = await runLeaderboard({ ...opts, reportOnly: true });
      expect(lb.tasks[0]?.rows[0]?.seeds).toEqual([1]);
      await expect(runLeaderboard({ ...opts, shard: { index: 2, count: 2 } })).rejects.toThrow(/shard.index/);
    } finally {
      rmSync(shardOut, { recursive: true, force: true });
    }
  });

  it('treats a unit recorded under other method settings as stale, and methods without settings as never stale', () => {
    const [gth, stat] = units as [Unit, Unit];
    const original = readFileSync(unitPath(out, gth), 'utf8');
    const r = JSON.parse(original) as UnitResult;
    expect(r.settings).toBe(selectMethods(['gth-gmn'])[0]?.settings?.('smoke', 'inr-mnist'));
    expect(JSON.parse(r.settings as string).budget).toEqual(taskBudget(GTH_GMN_BUDGETS.smoke, 'inr-mnist'));
    expect(read(stat).settings).toBeUndefined();
    expect(readUnitResult(out, stat)?.status).toBe('ok');
    try {
      writeFileSync(unitPath(out, gth), JSON.stringify({ ...r, settings: JSON.stringify({ budget: { ...GTH_GMN_BUDGETS.smoke, epochs: 99 } }) }));
      expect(readUnitResult(out, gth)).toBeUndefined();
      const { settings: _dropped, ...withoutSettings } = r;
      writeFileSync(unitPath(out, gth), JSON.stringify(withoutSettings));
      expect(readUnitResult(out, gth)).toBeUndefined();
    } finally {
      writeFileSync(unitPath(out, gth), original);
    }
    expect(readUnitResult(out, gth)?.status).toBe('ok');
  });

  it('records the budget per task: a task\'s own epochs change only that task\'s settings', () => {
    const base = GTH_GMN_BUDGETS.smoke;
    const withSine = { ...GTH_GMN_BUDGETS, smoke: { ...base, taskEpochs: { sine: base.epochs + 5 } } };
    const before = gthGmnMethod('g', 'g');
    const after = gthGmnMethod('g', 'g', {}, withSine);
    expect(after.settings?.('smoke', 'inr-mnist')).toBe(before.settings?.('smoke', 'inr-mnist'));
    expect(after.settings?.('smoke', 'sine')).not.toBe(before.settings?.('smoke', 'sine'));
    expect(taskBudget(withSine.smoke, 'sine').epochs).toBe(base.epochs + 5);
    expect(taskBudget(withSine.smoke, 'inr-mnist')).toEqual(taskBudget(base, 'inr-mnist'));
    expect('taskEpochs' in taskBudget(withSine.smoke, 'sine')).toBe(false);
  });

  it('skips finished units on a rerun and recomputes a corrupt one', async () => {
    const [u0, u1] = units as [Unit, Unit];
    const before = read(u1).startedAt;
    writeFileSync(unitPath(out, u0), '{"schemaVersion": 1, "task": "inr-mnist", "trunc');
    expect(readUnitResult(out, u0)).toBeUndefined();
    const seen: string[] = [];
    await runLeaderboard({ scale: 'smoke', outDir: out, tasks: ['inr-mnist'], methods, seeds: 1, onProgress: (_d, _t, label) => seen.push(label) });
    expect(read(u1).startedAt).toBe(before); // untouched
    expect(readUnitResult(out, u0)?.status).toBe('ok'); // recomputed
    expect(seen.some((l) => l.includes('1 units already finished'))).toBe(true);
    expect(existsSync(join(out, 'leaderboard.md'))).toBe(true);
  }, 60_000);
});
