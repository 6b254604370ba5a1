import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateZoo, modelFileName } from '../src/index.js';
import { buildProgram } from '../src/cli.js';
import { expectGeoError, tempDir } from './helpers.js';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env: { ...process.env, GEO_DATA_DIR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

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

const SMALL = { counts: { train: 2, val: 1, test: 1 }, maxSteps: 10, snapshots: 3, shardSize: 2, env: {} } as const;
const SMALL_ARGS = ['--scale', 'smoke', '--train', '2', '--val', '1', '--test', '1', '--steps', '10', '--snapshots', '3', '--shard-size', '2'];

describe('geo-datasets CLI', () => {
  it('zoo --jobs 2 (two worker processes) writes the same bytes as one in-process run, after printing the expected wall time', async () => {
    const out = tempDir();
    const r = run(['zoo', 'sine', '--out', out, ...SMALL_ARGS, '--jobs', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/expected wall time: up to/);
    expect(r.stderr).toMatch(/zoo complete/);
    const reference = tempDir();
    await generateZoo('sine', 'smoke', { ...SMALL, out: reference });
    const a = tree(reference);
    const b = tree(out);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [k, v] of a) expect(Buffer.compare(v, b.get(k) as Buffer), k).toBe(0);
  });

  it('--help works for every command; bad arguments exit non-zero with a message', () => {
    for (const cmd of [[], ['zoo'], ['verify'], ['fetch'], ['merge']]) {
      // In-process: commander prints help and exits, which exitOverride turns into a throw.
      let text = '';
      const program = buildProgram();
      for (const c of [program, ...program.commands]) c.exitOverride().configureOutput({ writeOut: (t) => (text += t) });
      let code: string | undefined;
      try {
        program.parse(['node', 'geo-datasets', ...cmd, '--help']);
      } catch (e) {
        code = (e as { code?: string }).code;
      }
      expect(code).toBe('commander.helpDisplayed');
      expect(text).toMatch(/Usage: geo-datasets/);
      if (cmd[0] === 'zoo') expect(text).toMatch(/--shard <i>/);
    }
    const bad = run(['zoo', 'nope', '--scale', 'smoke', '--out', tempDir()]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/unknown zoo "nope"/);
    const noManifest = run(['verify', tempDir()]);
    expect(noManifest.code).not.toBe(0);
    expect(noManifest.stderr).toMatch(/NOT_FOUND.*manifest/);
  });

  it('fetch verifies a split and reports where it came from', () => {
    const r = run(['fetch', 'mnist', '--split', 'sample']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/mnist sample: 300 images 1x28x28, verified/);
    const missing = run(['fetch', 'digits', '--data-dir', tempDir()]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/NOT_FOUND/);
  });
});

describe('cancellation', () => {
  it('an aborted generateZoo stops with ABORTED, keeps finished models, and resumes to the same bytes', async () => {
    const reference = tempDir();
    await generateZoo('mnist-inr', 'smoke', { ...SMALL, out: reference });
    const out = tempDir();
    const controller = new AbortController();
    await expectGeoError(
      () =>
        generateZoo('mnist-inr', 'smoke', {
          ...SMALL,
          maxSteps: 10,
          out,
          signal: controller.signal,
          onProgress: (p) => {
            if (p.event === 'model-trained') controller.abort();
          },
        }),
      'ABORTED',
    );
    expect(readdirSync(join(out, 'train-00000.partial'))).toEqual([modelFileName(0)]);
    const resumed = await generateZoo('mnist-inr', 'smoke', { ...SMALL, out });
    expect(resumed.modelsTrained).toBe(3);
    const a = tree(reference);
    const b = tree(out);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [k, v] of a) expect(Buffer.compare(v, b.get(k) as Buffer), k).toBe(0);
  });
});
