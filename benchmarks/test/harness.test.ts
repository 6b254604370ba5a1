import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GeoError } from '@geo/core';
import { RESULT_SCHEMA_VERSION, builtinTasks, createRegistry, markdownTable, runTasks, type Task, type TaskResult } from '../src/index.js';

/** A task that draws from its stream and reports progress, for exercising the harness. */
function drawingTask(name: string, units = 3): Task {
  return {
    name,
    description: 'draws numbers',
    scales: { smoke: 'tiny', cpu: 'small', paper: 'big' },
    async run(ctx) {
      const draws: number[] = [];
      for (let i = 0; i < units; i++) {
        if (ctx.signal.aborted) break;
        draws.push(ctx.rng.uniform());
        ctx.onProgress(i + 1, units, `unit ${i}`);
      }
      return { sizes: { units }, rows: draws.map((x, i) => ({ unit: i, x })), metrics: { first: draws[0] ?? Number.NaN } };
    },
  };
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'geo-bench-test-'));

describe('registry', () => {
  it('finds tasks by name and lists the known ones when a name is unknown', () => {
    const registry = createRegistry([drawingTask('a'), drawingTask('b')]);
    expect(registry.get('b').name).toBe('b');
    expect(registry.list().map((t) => t.name)).toEqual(['a', 'b']);
    expect(() => registry.get('c')).toThrowError(/known tasks: a, b/);
    expect(() => createRegistry([drawingTask('a'), drawingTask('a')])).toThrowError(GeoError);
  });

  it('has unique built-in task names, each describing every scale', () => {
    const tasks = builtinTasks();
    expect(tasks.length).toBeGreaterThan(0);
    expect(new Set(tasks.map((t) => t.name)).size).toBe(tasks.length);
    for (const t of tasks) for (const s of ['smoke', 'cpu', 'paper'] as const) expect(t.scales[s].length).toBeGreaterThan(0);
  });
});

describe('runTasks', () => {
  it('writes JSON with schemaVersion and provenance, Markdown, and a summary', async () => {
    const out = tmp();
    const progress: string[] = [];
    const [result] = await runTasks([drawingTask('draw')], { scale: 'smoke', seed: 5, outDir: out, onProgress: (t, d, n) => progress.push(`${t}:${d}/${n}`) });
    const json = JSON.parse(readFileSync(join(out, 'draw.json'), 'utf8')) as TaskResult;
    expect(json.schemaVersion).toBe(RESULT_SCHEMA_VERSION);
    expect(json).toMatchObject({ task: 'draw', scale: 'smoke', seed: 5, sizes: { units: 3 } });
    expect(json.machine.cpus).toBeGreaterThan(0);
    expect(json.wallTimeMs).toBeGreaterThanOrEqual(0);
    expect(json.rows).toEqual(result?.rows);
    expect(readFileSync(join(out, 'draw.md'), 'utf8')).toContain('## draw (scale: smoke)');
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('# geo-bench results (scale: smoke, seed 5)');
    expect(progress).toEqual(['draw:1/3', 'draw:2/3', 'draw:3/3']);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('is deterministic per seed and gives each task its own stream', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (seed) => {
        const first = await runTasks([drawingTask('x'), drawingTask('y')], { scale: 'smoke', seed, outDir: tmp() });
        const again = await runTasks([drawingTask('x')], { scale: 'smoke', seed, outDir: tmp() });
        expect(again[0]?.rows).toEqual(first[0]?.rows);
        expect(first[0]?.rows).not.toEqual(first[1]?.rows);
      }),
      { numRuns: 5 },
    );
  });

  it('writes nothing for a task stopped by the signal', async () => {
    const out = tmp();
    const controller = new AbortController();
    const stopper: Task = {
      ...drawingTask('stopped'),
      async run(ctx) {
        controller.abort();
        return drawingTask('stopped').run(ctx);
      },
    };
    await expect(runTasks([stopper], { scale: 'smoke', seed: 0, outDir: out, signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(existsSync(join(out, 'stopped.json'))).toBe(false);
  });
});

describe('the core-linalg task', () => {
  it('runs end to end at smoke scale and reports a positive GFLOP/s for every size', async () => {
    const task = createRegistry(builtinTasks()).get('core-linalg');
    const [result] = await runTasks([task], { scale: 'smoke', seed: 1, outDir: tmp() });
    const matmulRows = (result?.rows ?? []).filter((r) => r['kernel'] === 'matmul');
    expect(matmulRows.length).toBeGreaterThan(0);
    for (const row of matmulRows) expect(row['gflops']).toBeGreaterThan(0);
    for (const row of (result?.rows ?? []).filter((r) => r['kernel'] === 'eigh')) expect(row['backwardError']).toBeLessThan(1e-12);
  });
});

describe('every built-in task at smoke scale', () => {
  // Tasks that must run on embedded data alone (the README's quick start has no data folder).
  const selfContained = new Set(['core-linalg', 'volume-element', 'training-dynamics']);
  for (const task of builtinTasks()) {
    it(`${task.name} writes a result${selfContained.has(task.name) ? ' with rows, on embedded data' : ', or says why it skipped'}`, async () => {
      const out = tmp();
      const [result] = await runTasks([task], { scale: 'smoke', seed: 0, outDir: out });
      const json = JSON.parse(readFileSync(join(out, `${task.name}.json`), 'utf8')) as TaskResult;
      expect(json.schemaVersion).toBe(RESULT_SCHEMA_VERSION);
      expect(json.scale).toBe('smoke');
      if (selfContained.has(task.name) || (result?.rows.length ?? 0) > 0) {
        expect(result?.rows.length).toBeGreaterThan(0);
        for (const v of Object.values(result?.metrics ?? {})) expect(typeof v).toBe('number');
      } else {
        expect((result?.notes ?? []).join(' ')).toMatch(/skip/i);
      }
    });
  }
});

describe('markdownTable', () => {
  it('has one header, one rule and one line per row, with missing cells as a dash', () => {
    const md = markdownTable([{ a: 1, b: 'x|y' }, { a: 2.5, c: null }]);
    const lines = md.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('| a | b | c |');
    expect(lines[2]).toContain('x\\|y');
    expect(lines[3]).toBe('| 2.500 | — | — |');
  });
});
