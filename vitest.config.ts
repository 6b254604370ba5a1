import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Every workspace folder (packages/*, datasets, benchmarks, docs) that has a package.json. */
function workspaces(): { name: string; root: string }[] {
  const dirs = [
    ...readdirSync(join(here, 'packages')).map((d) => join('packages', d)),
    'datasets',
    'benchmarks',
    'docs',
  ];
  return dirs
    .filter((dir) => existsSync(join(here, dir, 'package.json')))
    .map((dir) => ({ name: (JSON.parse(readFileSync(join(here, dir, 'package.json'), 'utf8')) as { name: string }).name, root: join(here, dir) }));
}

// One config for the whole monorepo: each workspace is a project named after its package,
// so `vitest run --project @geo/core` runs one package.
export default defineConfig({
  test: {
    projects: workspaces().map(({ name, root }) => ({
      extends: true,
      test: { name, root },
    })),
    include: ['test/**/*.test.ts'],
    setupFiles: [join(here, 'tools/vitest-setup.ts')],
    reporters: ['default', join(here, 'tools/vitest-summary-reporter.ts')],
    testTimeout: 120_000,
    pool: 'forks',
    passWithNoTests: true,
  },
});
