// The site generator: link rewriting, heading ids, the link checker, every page of the real
// docs built with no broken link, and the leaderboard page generated from a fixture folder in
// the shape `geo-bench leaderboard` writes.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { GeoError } from '@geo/core';
import { buildLeaderboardPage, checkLeaderboard } from '../scripts/leaderboard-page.js';
import { apiModulePath, brokenLinks, packageFolders, renderMarkdown, rewriteHref, sitePages, slug, sourceMap, writePages } from '../scripts/site.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const lbFixture = fileURLToPath(new URL('./fixtures/leaderboard', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'geo-site-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('links and headings', () => {
  const pages = sitePages(root, '# Leaderboard\n');
  const map = sourceMap(pages);

  it('rewrites links between repository files to the pages they became, keeping anchors', () => {
    expect(rewriteHref('../README.md#quick-start', 'docs/index.md', 'index.html', map)).toBe('getting-started.html#quick-start');
    expect(rewriteHref('../packages/core/README.md', 'docs/index.md', 'index.html', map)).toBe('packages/core.html');
    expect(rewriteHref('../poincare/README.md', 'packages/gth-gmn/README.md', 'packages/gth-gmn.html', map)).toBe('poincare.html');
    expect(rewriteHref('../../docs/contributing.md', 'packages/core/README.md', 'packages/core.html', map)).toBe('../contributing.html');
    expect(rewriteHref('../../datasets', 'packages/core/README.md', 'packages/core.html', map)).toBe('datasets.html');
    expect(rewriteHref('https://example.org/x.md', 'docs/index.md', 'index.html', map)).toBe('https://example.org/x.md');
    expect(rewriteHref('#notes', 'docs/index.md', 'index.html', map)).toBe('#notes');
    // a repository file that has no page
    expect(rewriteHref('bench/x.bench.ts', 'packages/core/README.md', 'packages/core.html', map)).toBeNull();
  });

  it('gives headings GitHub-style ids (repeats numbered) and unlinks repository files without a page', () => {
    expect(slug('Numerics and edge cases')).toBe('numerics-and-edge-cases');
    expect(slug('`@geo/core`: what, why?')).toBe('geocore-what-why');
    const html = renderMarkdown('# A b\n\n## A b\n\nsee [the bench](bench/x.bench.ts) and [core](../core/README.md)\n', 'packages/tda/README.md', 'packages/tda.html', map);
    expect(html).toContain('<h1 id="a-b">A b</h1>');
    expect(html).toContain('<h2 id="a-b-1">A b</h2>');
    expect(html).toContain('<span class="repo-path" title="packages/tda/bench/x.bench.ts (in the repository)">the bench</span>');
    expect(html).toContain('<a href="core.html">core</a>');
  });

  it('the link checker finds missing files and missing anchors', () => {
    const dir = join(tmp, 'checker');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.html'), '<h1 id="top">A</h1><a href="b.html">b</a> <a href="a.html#top">top</a> <a href="a.html#nowhere">x</a> <img src="missing.svg"> <a href="https://example.org">ext</a>');
    writeFileSync(join(dir, 'b.html'), '<a href="a.html?x=1#top">a</a>');
    expect(brokenLinks(dir).sort()).toEqual(['a.html: a.html#nowhere (no id "nowhere")', 'a.html: missing.svg']);
  });
});

describe('the site pages', () => {
  it('has one page per package README and no broken link', () => {
    const out = join(tmp, 'site');
    const pages = sitePages(root, buildLeaderboardPage(lbFixture, out));
    const files = writePages(root, out, pages);
    expect(files.length).toBe(pages.length);
    const names = packageFolders(root).map((p) => p.title);
    for (const name of ['@geo/core', '@geo/poincare', '@geo/gth-gmn', '@geo/datasets', '@geo/benchmarks']) expect(names).toContain(name);
    // The viewer and TypeDoc are built by Vite and TypeDoc; stand-ins here so their links resolve.
    const apiPages = packageFolders(root).flatMap((p) => p.entries.map(apiModulePath));
    expect(apiPages).toContain('api/modules/_geo_gth-gmn_tf.html');
    expect(apiPages).toContain('api/modules/_geo_core.html');
    expect(apiPages.some((p) => p.includes('benchmarks'))).toBe(false);
    for (const f of ['viewer/index.html', 'api/index.html', ...apiPages]) {
      mkdirSync(join(out, f, '..'), { recursive: true });
      writeFileSync(join(out, f), '<p>stand-in</p>');
    }
    expect(brokenLinks(out)).toEqual([]);
    const gth = readFileSync(join(out, 'packages/gth-gmn.html'), 'utf8');
    expect(gth).toContain('<h1 id="geogth-gmn">@geo/gth-gmn</h1>');
    expect(readFileSync(join(out, 'getting-started.html'), 'utf8')).toContain('npm ci &amp;&amp; npm run smoke');
  });
});

describe('leaderboard page', () => {
  const out = join(tmp, 'lb');
  const page = buildLeaderboardPage(lbFixture, out);

  it('tabulates every method per task, the best in bold by the task direction, beside the paper', () => {
    expect(page).toContain('# Leaderboard (scale: smoke)');
    expect(page).toContain('2 seeds per method');
    expect(page).toContain('| gth-gmn | **62.50 ± 17.68** | 95.00 ± 1.00 | 2 | 12.3 | all snapshots | wasm |');
    expect(page).toContain('| statnn-gbt | 50.00 |  | 1 (1 failed) | 0.8 | last snapshot | — |');
    expect(page).toContain('| nfn-np | — |  | 0 | — | last snapshot | wasm |');
    expect(page).toContain('| dws (paper only) | — | 85.00 |');
    // lower is better for sine: statnn-gbt's 1.50 is the best
    expect(page).toContain('| statnn-gbt | **1.50 ± 0.707** |');
    expect(page).toContain('| gth-gmn | 3.00 ± 0.707 |');
    expect(page).toContain('Zoo `sine`: no finished unit yet.');
    expect(page).toContain('- statnn-gbt, seed 1, failed: out of memory \\| &lt;b>');
    expect(page).toContain('- 16 training models instead of 55,000');
    expect(page).toContain('## cifar10-generalisation: skipped');
  });

  it('says once what each method is, after the tables', () => {
    const methods = page.slice(page.indexOf('## Methods'));
    expect(page.indexOf('## Methods')).toBeGreaterThan(page.indexOf('## cifar10-generalisation: skipped'));
    expect(methods).toContain('- `gth-gmn`: GTH-GMN');
    expect(methods).toContain('- `statnn-gbt`: StatNN + GBT');
    expect(methods.match(/- `gth-gmn`/g)).toHaveLength(1);
  });

  it('copies the figures and embedding files, links them to their task and opens embeddings in the viewer', () => {
    expect(existsSync(join(out, 'leaderboard/figures/inr-mnist-smoke.svg'))).toBe(true);
    expect(page).toContain('![inr-mnist: inr-mnist-smoke.svg](leaderboard/figures/inr-mnist-smoke.svg)');
    expect(page).toContain('![sine: sine-smoke.svg](leaderboard/figures/sine-smoke.svg)');
    expect(existsSync(join(out, 'leaderboard/embeddings/inr-mnist-smoke-gth-gmn.json'))).toBe(true);
    expect(existsSync(join(out, 'leaderboard/embeddings/notes.json'))).toBe(false);
    expect(page).toContain('[Open inr-mnist-smoke-gth-gmn.json in the Poincaré-disk viewer](viewer/index.html?file=..%2Fleaderboard%2Fembeddings%2Finr-mnist-smoke-gth-gmn.json)');
    // geo-bench's per-task file in figures/, listed once although example-trajectory.embedding.json repeats it
    expect(page).toContain('[Open sine-smoke.embedding.json in the Poincaré-disk viewer](viewer/index.html?file=..%2Fleaderboard%2Fembeddings%2Fsine-smoke.embedding.json)');
    expect(page).not.toContain('example-trajectory.embedding.json');
    expect(existsSync(join(out, 'leaderboard/embeddings/sine-smoke-embedding.json'))).toBe(false);
  });

  it('rejects a folder without leaderboard.json and a file of another shape, naming the field', () => {
    expect(() => buildLeaderboardPage(join(tmp, 'nothing'), out)).toThrow(expect.objectContaining({ code: 'NOT_FOUND', argument: 'folder' }));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test deletes a field deep inside parsed JSON
    const lb = JSON.parse(readFileSync(join(lbFixture, 'leaderboard.json'), 'utf8')) as Record<string, any>;
    expect(() => checkLeaderboard({ ...lb, schemaVersion: 2 })).toThrow(expect.objectContaining({ argument: 'schemaVersion' }));
    const noMethod = structuredClone(lb);
    delete noMethod['tasks'][1]['rows'][0]['method'];
    expect(() => checkLeaderboard(noMethod)).toThrow(expect.objectContaining({ argument: 'tasks[1].rows[0].method' }));
    expect(() => checkLeaderboard([])).toThrow(GeoError);
  });
});
