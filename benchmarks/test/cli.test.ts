import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built CLI, as a user runs it (npm test builds first).
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

describe.skipIf(!existsSync(cli))('geo-bench CLI', () => {
  it('has --help on every command', () => {
    for (const args of [['--help'], ['list', '--help'], ['run', '--help']]) {
      const r = run(...args);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Usage: geo-bench');
    }
    expect(run('run', '--help').stdout).toContain('--scale <scale>');
  });

  it('lists tasks as text and JSON', () => {
    expect(run('list').stdout).toContain('core-linalg');
    const tasks = JSON.parse(run('list', '--json').stdout) as { name: string }[];
    expect(tasks.map((t) => t.name)).toContain('core-linalg');
  });

  it('rejects an unknown task, scale or seed with a message and a non-zero exit', () => {
    const unknown = run('run', 'nope');
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('unknown task "nope"');
    expect(run('run', 'core-linalg', '--scale', 'huge').stderr).toContain('Allowed choices are smoke, cpu, paper');
    expect(run('run', 'core-linalg', '--seed', '-3').stderr).toContain('non-negative integer');
  });

  it('runs a task and writes its JSON and Markdown', () => {
    const out = mkdtempSync(join(tmpdir(), 'geo-bench-cli-'));
    const r = run('run', 'core-linalg', '--scale', 'smoke', '--seed', '3', '--out', out);
    expect(r.status).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'core-linalg.json'), 'utf8')) as { seed: number; schemaVersion: number };
    expect(json).toMatchObject({ seed: 3, schemaVersion: 1 });
    expect(existsSync(join(out, 'summary.md'))).toBe(true);
  });

  it('stops cleanly on Ctrl-C: exit code 130 and no partial result', async () => {
    const out = mkdtempSync(join(tmpdir(), 'geo-bench-sigint-'));
    const child = spawn(process.execPath, [cli, 'run', 'core-linalg', '--scale', 'cpu', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    // Signal only once the CLI says it is running (its handler is installed by then): a fixed
    // delay raced the CLI's start-up on a loaded machine.
    const started = new Promise<void>((resolveStarted) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('geo-bench: running')) resolveStarted();
      });
    });
    await started;
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(130);
    expect(stderr).toContain('stopping');
    expect(existsSync(join(out, 'core-linalg.json'))).toBe(false);
  });
});
