#!/usr/bin/env node
// Runs every workspace's tinybench files (bench/*.bench.ts), each in its own process,
// and writes bench-results/<package>/<file>.json. Usage:
//   node tools/run-benches.mjs [--package <dir>] [--filter <substring>] [--out <dir>]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values } = parseArgs({
  options: {
    package: { type: 'string' },
    filter: { type: 'string' },
    out: { type: 'string', default: join(root, 'bench-results') },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write('usage: node tools/run-benches.mjs [--package <dir>] [--filter <substring>] [--out <dir>]\n');
  process.exit(0);
}

const workspaces = values.package
  ? [resolve(values.package)]
  : [...readdirSync(join(root, 'packages')).map((d) => join(root, 'packages', d)), join(root, 'datasets'), join(root, 'benchmarks')];

let failures = 0;
for (const dir of workspaces) {
  const benchDir = join(dir, 'bench');
  if (!existsSync(join(dir, 'package.json')) || !existsSync(benchDir)) continue;
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name;
  for (const file of readdirSync(benchDir).filter((f) => f.endsWith('.bench.ts')).sort()) {
    const path = join(benchDir, file);
    if (values.filter && !relative(root, path).includes(values.filter)) continue;
    const out = join(resolve(values.out), pkg.replace('@', '').replace('/', '-'), file.replace(/\.ts$/, '.json'));
    process.stdout.write(`\n== ${pkg} ${file}\n`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'tools/bench-one.ts'), path, out], { stdio: 'inherit', cwd: dir });
    if (r.status !== 0) failures++;
  }
}
if (failures > 0) {
  process.stderr.write(`${failures} bench file(s) failed\n`);
  process.exit(1);
}
