import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mlpForward, snapshot } from '@geo/param-graph';
import { readTrajectoryFile } from '@geo/param-graph/node';
import { ZOO_MANIFEST, createFusedMlp, generateZoo, initParams, listZooModels, modelFileName, verifyZoo, zooInputs, zooPlan } from '../src/index.js';
import { createRng } from '@geo/core';
import { buildProgram } from '../src/cli.js';
import { tempDir } from './helpers.js';
import { FUSED_LOSS_REL } from './tolerances.js';

/** A zoo small enough for tests: 5 models in 3 shards, 12 steps, 4 snapshots. */
const TINY = { counts: { train: 3, val: 1, test: 1 }, maxSteps: 12, snapshots: 4, shardSize: 2, env: {} } as const;

/** Every file under `dir` (relative path -> bytes). */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return files;
}

function expectSameTree(a: string, b: string): void {
  const ta = tree(a);
  const tb = tree(b);
  expect([...tb.keys()]).toEqual([...ta.keys()]);
  for (const [k, v] of ta) expect(Buffer.compare(v, tb.get(k) as Buffer), k).toBe(0);
}

describe('zoo generation', () => {
  it('sharded generation equals unsharded generation bit for bit (sine and mnist-inr)', async () => {
    for (const name of ['sine', 'mnist-inr'] as const) {
      const whole = tempDir();
      const parts = tempDir();
      const a = await generateZoo(name, 'smoke', { ...TINY, out: whole, seed: 3 });
      expect(a.manifestWritten).toBe(true);
      const r1 = await generateZoo(name, 'smoke', { ...TINY, out: parts, seed: 3, shard: 1, of: 2 });
      expect(r1.manifestWritten).toBe(false); // shard 0's part is still missing
      const r0 = await generateZoo(name, 'smoke', { ...TINY, out: parts, seed: 3, shard: 0, of: 2 });
      expect(r0.manifestWritten).toBe(true);
      expect(r0.written.length + r1.written.length).toBe(4); // train 2 + val 1 + test 1
      expectSameTree(whole, parts);
      expect(verifyZoo(parts)).toEqual([]);
    }
  });

  it('a model file holds the trajectory: steps, labels, init at step 0 and w0 folded into sine layers', async () => {
    const out = tempDir();
    await generateZoo('mnist-inr', 'smoke', { ...TINY, out, seed: 5 });
    const plan = zooPlan('mnist-inr', 'smoke', { ...TINY, seed: 5 });
    const t = readTrajectoryFile(join(out, 'train-00000', modelFileName(1)));
    expect(t.steps).toEqual(plan.snapshotSteps);
    expect(t.labels['class']).toBeTypeOf('number');
    expect(t.metadata['w0_folded']).toBe('true');
    // Snapshot 0 is the seeded init, with sine layers scaled by w0.
    const init = initParams(plan.arch, plan.init, createRng(5).derive('mnist-inr', 'model', 1, 'init'));
    expect((t.weights[0] as Float64Array)[0]).toBe(30 * (init[0] as number));
    // param-graph's plain-sin forward pass on the folded final snapshot (+ the output shift) is our network's output.
    const last = snapshot(t, t.steps.length - 1);
    const inputs = zooInputs(plan);
    const ours = new Float64Array(784);
    const flat = new Float64Array(1185);
    let at = 0;
    for (let l = 0; l < 3; l++) {
      const scale = l < 2 ? 30 : 1;
      for (const v of last.weights[l] as Float64Array) flat[at++] = v / scale;
      for (const v of last.biases[l] as Float64Array) flat[at++] = v / scale;
    }
    createFusedMlp(plan.arch, inputs, 'mse').lossOnly(flat, 0, new Float64Array(784), 0, ours);
    const theirs = mlpForward(last, inputs);
    for (let i = 0; i < 784; i++) expect(Math.abs((theirs[i] as number) + 0.5 - (ours[i] as number))).toBeLessThanOrEqual(FUSED_LOSS_REL * 100);
  });

  it('listZooModels lists every model of a finished zoo by split, and each reads back with its split and index', async () => {
    const out = tempDir();
    await generateZoo('sine', 'smoke', { ...TINY, out });
    const all = listZooModels(out);
    expect(all.models.map((m) => m.index)).toEqual([0, 1, 2, 3, 4]);
    expect(all.manifest.counts).toEqual({ train: 3, val: 1, test: 1, total: 5 });
    const test = listZooModels(out, 'test').models;
    expect(test).toHaveLength(1);
    const t = readTrajectoryFile((test[0] as { path: string }).path);
    expect(t.metadata['split']).toBe('test');
    expect(t.metadata['model_index']).toBe('4');
    expect(Object.keys(t.labels).sort()).toEqual(['a', 'b']);
  });

  it('--dtype F32 stores the F64 run rounded to float32', async () => {
    const a = tempDir();
    const b = tempDir();
    await generateZoo('sine', 'smoke', { ...TINY, counts: { train: 1, val: 0, test: 0 }, out: a });
    await generateZoo('sine', 'smoke', { ...TINY, counts: { train: 1, val: 0, test: 0 }, out: b, dtype: 'F32' });
    const t64 = readTrajectoryFile(join(a, 'train-00000', modelFileName(0)));
    const t32 = readTrajectoryFile(join(b, 'train-00000', modelFileName(0)));
    expect(t32.weights[1]).toBeInstanceOf(Float32Array);
    expect(Array.from(t32.weights[1] as Float32Array)).toEqual(Array.from(t64.weights[1] as Float64Array, Math.fround));
  });

  it('verify names a corrupt and a missing shard; a rerun regenerates them identically', async () => {
    const out = tempDir();
    await generateZoo('sine', 'smoke', { ...TINY, out });
    const reference = tempDir();
    await generateZoo('sine', 'smoke', { ...TINY, out: reference });
    const file = join(out, 'train-00001', modelFileName(2));
    const bytes = readFileSync(file);
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] as number) ^ 0xff;
    writeFileSync(file, bytes);
    rmSync(join(out, 'test-00000'), { recursive: true });
    const problems = verifyZoo(out);
    expect(problems.map((p) => p.shard).sort()).toEqual(['test-00000', 'train-00001']);
    expect(problems.find((p) => p.shard === 'train-00001')?.problem).toMatch(/corrupt/);
    expect(problems.find((p) => p.shard === 'test-00000')?.problem).toBe('missing');
    // The CLI exits non-zero naming both.
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => (errors.push(String(s)), true)) as typeof process.stderr.write;
    try {
      await buildProgram().parseAsync(['node', 'geo-datasets', 'verify', out]);
    } finally {
      process.stderr.write = write;
    }
    expect(process.exitCode).toBe(1);
    process.exitCode = 0;
    expect(errors.join('')).toMatch(/train-00001/);
    expect(errors.join('')).toMatch(/test-00000: missing/);
    const again = await generateZoo('sine', 'smoke', { ...TINY, out });
    expect(again.regenerated).toEqual(['train-00001']);
    expect([...again.written].sort()).toEqual(['test-00000', 'train-00001']);
    expect([...again.skipped].sort()).toEqual(['train-00000', 'val-00000']);
    rmSync(join(out, 'train-00001.corrupt'), { recursive: true });
    expectSameTree(reference, out);
  });

  it('a CLI run killed mid-shard resumes without redoing finished models and ends identical to an uninterrupted run', async () => {
    const reference = tempDir();
    const args = ['--scale', 'smoke', '--train', '3', '--val', '0', '--test', '0', '--steps', '600', '--snapshots', '5', '--shard-size', '3', '--seed', '9', '--no-progress'];
    const plan = { counts: { train: 3, val: 0, test: 0 }, maxSteps: 600, snapshots: 5, shardSize: 3, seed: 9, env: {} };
    await generateZoo('mnist-inr', 'smoke', { ...plan, out: reference });
    const out = tempDir();
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
    const partial = join(out, 'train-00000.partial');
    // Start, wait for the first finished model file, kill hard (no chance to clean up).
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'zoo', 'mnist-inr', '--out', out, ...args], { stdio: 'ignore', env: { ...process.env, GEO_DATA_DIR: '' } });
    await new Promise<void>((res, rej) => {
      const timer = setInterval(() => {
        if (existsSync(partial) && readdirSync(partial).some((f) => f.endsWith('.safetensors'))) {
          clearInterval(timer);
          child.kill('SIGKILL');
          res();
        }
      }, 20);
      child.on('exit', () => {
        clearInterval(timer);
        rej(new Error('the run finished before it could be killed; make it longer'));
      });
    });
    await new Promise((res) => child.on('close', res));
    expect(existsSync(join(out, 'train-00000'))).toBe(false); // the shard was not finished
    const kept = readdirSync(partial).filter((f) => f.endsWith('.safetensors')).length;
    expect(kept).toBeGreaterThanOrEqual(1);
    const resumed = await generateZoo('mnist-inr', 'smoke', { ...plan, out });
    expect(resumed.modelsTrained).toBe(3 - kept);
    expect(existsSync(join(out, ZOO_MANIFEST))).toBe(true);
    expectSameTree(reference, out);
  });
});

describe('zooPlan', () => {
  it('the paper-scale INR plan has DWSNets splits, T in [80, 100] dense early, and shards partition the models', () => {
    const plan = zooPlan('fmnist-inr', 'paper');
    expect(plan.counts).toEqual({ train: 55000, val: 5000, test: 10000 });
    expect(plan.snapshotSteps.length).toBeGreaterThanOrEqual(80);
    expect(plan.snapshotSteps.length).toBeLessThanOrEqual(100);
    expect(plan.snapshotSteps.filter((s) => s < 100).length).toBeGreaterThan(plan.snapshotSteps.length / 2);
    const seen = plan.shards.flatMap((s) => s.models.map((m) => m.index));
    expect(seen).toEqual(Array.from({ length: 70000 }, (_, i) => i));
    expect(plan.shards.every((s) => s.models.every((m) => m.split === s.split))).toBe(true);
    const val = plan.shards.filter((s) => s.split === 'val').flatMap((s) => s.models);
    expect(val[0]?.source).toBe(55000); // DWSNets' held-out tail of the training images
    const sine = zooPlan('sine', 'paper');
    expect([sine.counts.val, sine.counts.test]).toEqual([1000, 1000]);
    expect(sine.optimizer).toEqual({ kind: 'adam', lr: 1e-3, weightDecay: 1e-4 });
    expect(sine.maxSteps).toBe(1500);
  });
});
