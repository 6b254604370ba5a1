// Builds the documentation site into docs/dist: the viewer (Vite), the pages (docs/*.md and
// every package README, rendered by scripts/site.ts), the leaderboard page (from
// $GEO_LEADERBOARD_DIR or results/leaderboard when it holds a leaderboard.json), the API
// reference (TypeDoc over the published packages' entry points), then checks every link.
//   npm run build -w @geo/docs            (GEO_DOCS_NO_API=1 skips TypeDoc)
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLeaderboardPage } from './leaderboard-page.js';
import { brokenLinks, packageFolders, sitePages, writePages } from './site.js';

const docs = fileURLToPath(new URL('..', import.meta.url));
const root = join(docs, '..');
const out = join(docs, 'dist');
const timings: string[] = [];

async function step<T>(name: string, f: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  const r = await f();
  timings.push(`${name} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return r;
}

/** The published packages' entry points (their `exports`, mapped from dist/*.js to src/*.ts). */
function apiEntryPoints(): string[] {
  const entries: string[] = [];
  for (const { folder } of packageFolders(root)) {
    const pkg = JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8')) as { private?: boolean; exports?: Record<string, { import?: string } | string> };
    if (pkg.private === true || pkg.exports === undefined) continue;
    for (const [key, value] of Object.entries(pkg.exports)) {
      const target = typeof value === 'string' ? value : value.import;
      if (key === './package.json' || target === undefined || !target.endsWith('.js')) continue;
      const src = join(root, folder, target.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'));
      if (existsSync(src)) entries.push(src);
    }
  }
  return entries;
}

/** `packages/<name>/src[/sub]` or `datasets/src[/sub]` -> `@geo/<name>[/sub]`. */
function importName(modulePath: string): string {
  const m = /^(?:packages\/)?([^/]+)\/src(?:\/(.+))?$/.exec(modulePath);
  return m === null ? modulePath : `@geo/${m[1] as string}${m[2] === undefined ? '' : `/${m[2]}`}`;
}

rmSync(out, { recursive: true, force: true });

await step('viewer (vite)', async () => {
  const { build } = await import('vite');
  await build({ configFile: join(docs, 'vite.config.ts'), logLevel: 'warn' });
});

const lbDir = process.env['GEO_LEADERBOARD_DIR'] ?? join(root, 'results', 'leaderboard');
const leaderboard = await step('leaderboard', () =>
  existsSync(join(lbDir, 'leaderboard.json'))
    ? buildLeaderboardPage(lbDir, out)
    : '# Leaderboard\n\nNo leaderboard has been run on the machine that built this site. Run\n`npx geo-bench leaderboard --out results/leaderboard` (see [geo-bench](geo-bench.html)), then rebuild the site, or point `GEO_LEADERBOARD_DIR` at such a folder.\n',
);

const pages = sitePages(root, leaderboard);
await step('pages', () => writePages(root, out, pages));

if (process.env['GEO_DOCS_NO_API'] !== '1') {
  await step('api (typedoc)', async () => {
    const { Application } = await import('typedoc');
    const app = await Application.bootstrapWithPlugins({
      entryPoints: apiEntryPoints(),
      tsconfig: join(docs, 'tsconfig.typedoc.json'),
      name: 'geo API reference',
      readme: 'none',
      skipErrorChecking: true,
      excludePrivate: true,
      excludeInternal: true,
      logLevel: 'Error',
      validation: { notExported: false, invalidLink: false, notDocumented: false },
    });
    const project = await app.convert();
    if (project === undefined) throw new Error('TypeDoc could not convert the packages');
    // Name each module by its import specifier (packages/poincare/src/tf -> @geo/poincare/tf).
    for (const child of project.children ?? []) child.name = importName(child.name);
    await app.generateDocs(project, join(out, 'api'));
  });
}

// Without TypeDoc's output, links into api/ cannot resolve: check everything else.
const broken = brokenLinks(out, ['api', 'viewer']).filter((l) => process.env['GEO_DOCS_NO_API'] !== '1' || !/: (\.\.\/)*api\//.test(l));
process.stdout.write(`docs: ${pages.length} pages into ${out} (${timings.join(', ')})\n`);
if (broken.length > 0) {
  process.stderr.write(`docs: ${broken.length} broken link(s):\n${broken.map((b) => `  ${b}`).join('\n')}\n`);
  process.exit(1);
}
