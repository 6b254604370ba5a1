// A small static-site generator for docs/: Markdown pages (the docs' own pages and every
// package README, so the package pages say what the READMEs say) rendered with `marked`
// into one HTML template with a navigation bar; links between repository files are
// rewritten to the pages they became; a link checker over the finished site.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { Marked } from 'marked';
import type { Tokens } from 'marked';

/** One page of the site: a Markdown source (repository path) or text, and where it goes. */
export interface PageSpec {
  /** Site path of the HTML page, e.g. `packages/core.html`. */
  readonly out: string;
  /** Title in the navigation and `<title>`. */
  readonly title: string;
  /** Repository path of the Markdown source (relative to the repository root), if any. */
  readonly source?: string;
  /** Markdown text (instead of a source file), for generated pages. */
  readonly markdown?: string;
  /** Navigation group. */
  readonly group: 'guide' | 'packages';
  /** Import specifiers whose TypeDoc pages the page links to (a package's entry points). */
  readonly api?: readonly string[];
}

/** The published and workspace packages that get a page: folder (from the root) and site name. */
export function packageFolders(root: string): { folder: string; name: string; title: string; entries: string[] }[] {
  const dirs = [
    ...readdirSync(join(root, 'packages'))
      .sort()
      .map((d) => `packages/${d}`),
    'datasets',
    'benchmarks',
  ];
  return dirs
    .filter((d) => existsSync(join(root, d, 'README.md')) && existsSync(join(root, d, 'package.json')))
    .map((d) => {
      const pkg = JSON.parse(readFileSync(join(root, d, 'package.json'), 'utf8')) as { name: string; private?: boolean; exports?: Record<string, unknown> };
      // Published entry points ('.' -> name, './tf' -> name/tf); a private package has no API reference.
      const entries = pkg.private === true ? [] : Object.keys(pkg.exports ?? { '.': '' }).filter((k) => k !== './package.json').map((k) => (k === '.' ? pkg.name : `${pkg.name}/${k.slice(2)}`));
      return { folder: d, name: d.split('/').pop() as string, title: pkg.name, entries };
    });
}

/** The site's pages, in navigation order. */
export function sitePages(root: string, leaderboardMarkdown: string): PageSpec[] {
  return [
    { out: 'index.html', title: 'Home', source: 'docs/index.md', group: 'guide' },
    { out: 'getting-started.html', title: 'Getting started', source: 'docs/getting-started.md', group: 'guide' },
    { out: 'architecture.html', title: 'Architecture', source: 'docs/architecture.md', group: 'guide' },
    { out: 'contributing.html', title: 'Contributing', source: 'docs/contributing.md', group: 'guide' },
    { out: 'geo-bench.html', title: 'geo-bench', source: 'docs/geo-bench.md', group: 'guide' },
    { out: 'leaderboard.html', title: 'Leaderboard', markdown: leaderboardMarkdown, group: 'guide' },
    { out: 'viewer-format.html', title: 'Viewer and embedding files', source: 'docs/viewer-format.md', group: 'guide' },
    ...packageFolders(root).map((p): PageSpec => ({ out: `packages/${p.name}.html`, title: p.title, source: `${p.folder}/README.md`, group: 'packages', api: p.entries })),
  ];
}

/**
 * Maps repository paths (relative to the root, posix) to site paths: each page's source
 * becomes its page, the root README becomes the getting-started page, and the viewer's
 * source page becomes the built viewer.
 */
export function sourceMap(pages: readonly PageSpec[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const p of pages) if (p.source !== undefined) map.set(p.source, p.out);
  map.set('README.md', 'getting-started.html');
  // Pages the build makes from other sources (the viewer, TypeDoc, the leaderboard), linked from docs/*.md by site path.
  map.set('docs/viewer/index.html', 'viewer/index.html');
  map.set('docs/api/index.html', 'api/index.html');
  map.set('docs/leaderboard.html', 'leaderboard.html');
  return map;
}

/** GitHub-style heading slug: lower case, punctuation dropped, spaces to hyphens. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/**
 * Where a link of the page built from `source` goes on the site: unchanged for absolute
 * URLs and anchors; the site page for a repository file that became one (anchor kept);
 * null for any other repository file (it has no page: the caller unlinks it).
 */
export function rewriteHref(href: string, source: string | undefined, pageOut: string, map: ReadonlyMap<string, string>): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#') || href.startsWith('//')) return href;
  if (source === undefined) return href; // generated pages link in site paths already
  const [path = '', anchor] = href.split('#', 2);
  const target = posix.normalize(posix.join(posix.dirname(source), path));
  const page = map.get(target) ?? (target.endsWith('/') || !target.includes('.') ? map.get(posix.join(target, 'README.md')) : undefined);
  if (page === undefined) return null;
  const rel = posix.relative(posix.dirname(pageOut), page) || posix.basename(page);
  return anchor === undefined ? rel : `${rel}#${anchor}`;
}

/** Markdown → HTML for the page at `pageOut` built from `source`, with links rewritten and heading ids. */
export function renderMarkdown(markdown: string, source: string | undefined, pageOut: string, map: ReadonlyMap<string, string>): string {
  const marked = new Marked({ gfm: true, async: false });
  const seen = new Map<string, number>();
  marked.use({
    walkTokens(token) {
      if (token.type === 'link' || token.type === 'image') {
        const t = token as Tokens.Link | Tokens.Image;
        const href = rewriteHref(t.href, source, pageOut, map);
        // A repository file with no page: keep the text, drop the link (marked as a repository path).
        t.href = href ?? `repo:${posix.normalize(posix.join(posix.dirname(source ?? ''), t.href))}`;
      }
    },
    renderer: {
      heading({ tokens, depth }) {
        const inner = this.parser.parseInline(tokens);
        const base = slug(inner);
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        const id = n === 0 ? base : `${base}-${n}`;
        return `<h${depth} id="${id}">${inner}</h${depth}>\n`;
      },
      link({ href, tokens }) {
        const inner = this.parser.parseInline(tokens);
        if (href.startsWith('repo:')) return `<span class="repo-path" title="${href.slice(5)} (in the repository)">${inner}</span>`;
        return `<a href="${href}">${inner}</a>`;
      },
    },
  });
  return marked.parse(markdown) as string;
}

const STYLE = `
body { margin: 0; font-family: system-ui, sans-serif; color: #222; line-height: 1.5; display: flex; }
nav { width: 230px; flex: none; padding: 16px; background: #f5f5f2; min-height: 100vh; box-sizing: border-box; font-size: 14px; }
nav h2 { font-size: 12px; text-transform: uppercase; color: #666; margin: 16px 0 4px; }
nav ul { list-style: none; margin: 0; padding: 0; }
nav a { color: #124; text-decoration: none; } nav a:hover { text-decoration: underline; }
nav a.current { font-weight: 600; }
main { padding: 16px 32px; max-width: 920px; min-width: 0; }
pre { background: #f6f8fa; padding: 10px; overflow-x: auto; } code { font-size: 90%; }
table { border-collapse: collapse; margin: 8px 0; display: block; overflow-x: auto; } th, td { border: 1px solid #ddd; padding: 3px 8px; vertical-align: top; }
.repo-path { border-bottom: 1px dotted #888; }
.api-links { font-size: 13px; color: #555; margin: 0 0 -8px; }
img { max-width: 100%; }
`;

/** TypeDoc's page of a module named by its import specifier (`@geo/gth-gmn/tf` -> `api/modules/_geo_gth-gmn_tf.html`). */
export function apiModulePath(specifier: string): string {
  return `api/modules/${specifier.replace(/[@/]/g, '_').toLowerCase()}.html`;
}

/** The HTML page around a rendered body. */
export function pageHtml(page: PageSpec, body: string, pages: readonly PageSpec[]): string {
  const up = (target: string): string => posix.relative(posix.dirname(page.out), target) || posix.basename(target);
  const item = (p: PageSpec): string => `<li><a href="${up(p.out)}"${p.out === page.out ? ' class="current"' : ''}>${p.title}</a></li>`;
  const guide = pages.filter((p) => p.group === 'guide').map(item).join('');
  const pkgs = pages.filter((p) => p.group === 'packages').map(item).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · geo</title><link rel="icon" href="data:,"><style>${STYLE}</style></head>
<body><nav><strong><a href="${up('index.html')}">geo</a></strong>
<h2>Guide</h2><ul>${guide}<li><a href="${up('viewer/index.html')}">Poincaré-disk viewer</a></li><li><a href="${up('api/index.html')}">API reference</a></li></ul>
<h2>Packages</h2><ul>${pkgs}</ul></nav>
<main>${body}</main></body></html>
`;
}

/** Renders every page into `outDir`; returns the files written. */
export function writePages(root: string, outDir: string, pages: readonly PageSpec[]): string[] {
  const map = sourceMap(pages);
  const written: string[] = [];
  for (const p of pages) {
    const markdown = p.markdown ?? readFileSync(join(root, p.source as string), 'utf8');
    const up = (target: string): string => posix.relative(posix.dirname(p.out), target);
    const api = p.api !== undefined && p.api.length > 0 ? `<p class="api-links">API reference: ${p.api.map((m) => `<a href="${up(apiModulePath(m))}"><code>${m}</code></a>`).join(' · ')}</p>\n` : '';
    const html = pageHtml(p, api + renderMarkdown(markdown, p.source, p.out, map), pages);
    const file = join(outDir, p.out);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, html);
    written.push(file);
  }
  return written;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/**
 * Every relative `href`/`src` of every HTML page under `outDir` (except `skip` folders, e.g.
 * TypeDoc's own output) that does not resolve to a file of the site, and every `#anchor` into
 * a generated page that names no id there. Empty when the site is whole.
 */
export function brokenLinks(outDir: string, skip: readonly string[] = []): string[] {
  const root = resolve(outDir);
  const pages = walk(root).filter((f) => f.endsWith('.html') && !skip.some((s) => relative(root, f).startsWith(`${s}/`)));
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string): Set<string> => {
    let s = ids.get(file);
    if (s === undefined) {
      s = new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] as string));
      ids.set(file, s);
    }
    return s;
  };
  const broken: string[] = [];
  for (const page of pages) {
    const html = readFileSync(page, 'utf8');
    for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const href = (m[1] as string).replace(/&amp;/g, '&');
      if (href === '' || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue;
      const [pathAndQuery = '', anchor] = href.split('#', 2);
      const path = pathAndQuery.split('?')[0] as string;
      const target = path === '' ? page : resolve(dirname(page), decodeURIComponent(path));
      const where = `${relative(root, page)}: ${href}`;
      if (!target.startsWith(root) || !existsSync(target) || statSync(target).isDirectory()) {
        broken.push(where);
        continue;
      }
      if (anchor !== undefined && anchor !== '' && target.endsWith('.html') && !skip.some((s) => relative(root, target).startsWith(`${s}/`)) && !idsOf(target).has(decodeURIComponent(anchor))) {
        broken.push(`${where} (no id "${anchor}")`);
      }
    }
  }
  return broken;
}
