// The viewer in a real headless Chromium (Debian's, through playwright-core): it is built
// from source into a temporary folder, served from a local static server, and must render
// the fixture's nodes, change with the slider, re-centre on a click exactly as the Möbius
// maths says, toggle edge signs, show a tooltip, report a bad file, and match a stored
// screenshot of the disk within a pixel tolerance.
//   CHROMIUM_PATH=/path/to/chromium (default /usr/bin/chromium); UPDATE_SCREENSHOTS=1 rewrites the stored picture.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateEmbeddingFile } from '../viewer/src/format.js';
import type { Point } from '../viewer/src/geometry.js';
import { geodesic, recentre, toScreen, toUnitDisk } from '../viewer/src/geometry.js';
import { DISK_FRAME } from '../viewer/src/render.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const docsDir = join(here, '..');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const IN_CI = process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const SCREENSHOT = join(here, '__screenshots__', 'viewer-disk.png');

/** Node markers are drawn at coordinates rounded to 0.01 px. */
const COORD_PX = 0.02;
/** The slider must move some node by more than this many pixels (snapshots 0 and T-1 of the fixture differ by several). */
const MIN_MOVE_PX = 2;
/** The point half-way along a drawn arc lies this close to the geodesic's circle (Chromium's path length is approximate). */
const ARC_PX = 0.75;
/**
 * pixelmatch's per-pixel colour threshold (0..1, YIQ distance; anti-aliased pixels are not
 * counted) and the share of the disk's pixels allowed to differ beyond it: room for another
 * Chromium build's rasterisation, while a wrong arc direction changes 6 % and one node's colour
 * about 0.02 % per node.
 */
const PIXEL_THRESHOLD = 0.1;
const MAX_DIFF_SHARE = 0.005;

const fixture = validateEmbeddingFile(JSON.parse(readFileSync(join(docsDir, 'viewer/fixtures/sine-siren.json'), 'utf8')));
const T = fixture.snapshots.length;
const N = fixture.nodes.length;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

/** A static file server over `root` on a free localhost port; `/bad.json` serves a broken embedding file. */
function serve(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (path === '/bad.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...fixture, curvature: -1 }));
      return;
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Screen centres of every node marker, by id. */
async function nodeCentres(page: Page): Promise<Point[]> {
  const list = await page.$$eval('#disk circle.node', (els) => els.map((e) => ({ id: Number(e.getAttribute('data-id')), x: Number(e.getAttribute('cx')), y: Number(e.getAttribute('cy')) })));
  const out: Point[] = [];
  for (const { id, x, y } of list) out[id] = { x, y };
  return out;
}

if (!HAVE_CHROMIUM && IN_CI) {
  describe('viewer in Chromium', () => {
    it('needs Chromium', () => {
      throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH; CI must run the browser tests`);
    });
  });
} else {
  if (!HAVE_CHROMIUM) console.warn(`viewer.e2e: skipped, no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  describe.skipIf(!HAVE_CHROMIUM)('viewer in Chromium', () => {
    let outDir = '';
    let server: Server | undefined;
    let browser: Browser | undefined;
    let page: Page;
    let base = '';

    beforeAll(async () => {
      const { build } = await import('vite');
      const { chromium } = await import('playwright-core');
      outDir = mkdtempSync(join(tmpdir(), 'geo-viewer-'));
      await build({ configFile: join(docsDir, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
      server = await serve(outDir);
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--font-render-hinting=none', '--disable-gpu'] });
      page = await browser.newPage({ viewport: { width: 1000, height: 760 }, deviceScaleFactor: 1 });
      await page.goto(base);
      await page.waitForSelector('body[data-ready="true"]');
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise((r) => (server ? server.close(r) : r(undefined)));
      if (outDir !== '') rmSync(outDir, { recursive: true, force: true });
    });

    it('renders every node of the fixture and its strongest edges', async () => {
      expect(await page.locator('#disk circle.node').count()).toBe(N);
      const edges = await page.locator('#disk path.edge').count();
      expect(edges).toBe(fixture.snapshots[0]!.edges.weight.filter((w) => w !== 0).length);
      expect(await page.locator('#error').isHidden()).toBe(true);
      expect(await page.locator('#chart path.series').count()).toBe(new Set(fixture.nodes.filter((n) => n.type !== 'bias').map((n) => n.layer)).size);
    });

    it('draws arcs on the geodesic circles (the SVG sweep flag is right)', async () => {
      const mids = await page.$$eval('#disk path.edge', (els) =>
        els.slice(0, 25).map((e) => {
          const p = e as SVGPathElement;
          const m = p.getPointAtLength(p.getTotalLength() / 2);
          return { src: Number(p.dataset['src']), dst: Number(p.dataset['dst']), x: m.x, y: m.y };
        }),
      );
      let arcs = 0;
      for (const m of mids) {
        const g = geodesic(toUnitDisk(pos(0, m.src), fixture.curvature), toUnitDisk(pos(0, m.dst), fixture.curvature));
        if (g.kind !== 'arc') continue;
        arcs++;
        const c = toScreen(g.center, DISK_FRAME);
        expect(Math.abs(Math.hypot(m.x - c.x, m.y - c.y) - g.radius * DISK_FRAME.r)).toBeLessThanOrEqual(ARC_PX);
      }
      expect(arcs).toBeGreaterThan(0);
    });

    it('the slider changes the picture', async () => {
      const before = await nodeCentres(page);
      await page.locator('#snapshot').fill(String(T - 1));
      expect(await page.locator('#disk').getAttribute('data-snapshot')).toBe(String(T - 1));
      const after = await nodeCentres(page);
      const moved = Math.max(...before.map((p, n) => Math.hypot(p.x - after[n]!.x, p.y - after[n]!.y)));
      expect(moved).toBeGreaterThan(MIN_MOVE_PX);
      await page.locator('#snapshot').fill('0');
    });

    it('a click re-centres the disk on the clicked node (Möbius recentring), and Reset view undoes it', async () => {
      const before = await nodeCentres(page);
      // A node not covered by another marker, as far from the centre as possible.
      const hit = await page.$$eval('#disk circle.node', (els) => {
        const box = (document.getElementById('disk') as unknown as SVGSVGElement).getBoundingClientRect();
        return els
          .map((e) => ({ id: Number(e.getAttribute('data-id')), x: Number(e.getAttribute('cx')), y: Number(e.getAttribute('cy')) }))
          .filter((n) => document.elementFromPoint(box.left + n.x, box.top + n.y)?.getAttribute('data-id') === String(n.id))
          .sort((a, b) => Math.hypot(b.x - 260, b.y - 260) - Math.hypot(a.x - 260, a.y - 260))[0];
      });
      expect(hit).toBeDefined();
      const id = hit!.id;
      await page.locator(`#disk circle.node[data-id="${id}"]`).click();
      const after = await nodeCentres(page);
      expect(Math.hypot(after[id]!.x - DISK_FRAME.cx, after[id]!.y - DISK_FRAME.cy)).toBeLessThanOrEqual(COORD_PX);
      // Every other node lands where (−a) ⊕ z puts it.
      const a = pos(0, id);
      for (let n = 0; n < N; n++) {
        const want = toScreen(toUnitDisk(recentre(pos(0, n), a, fixture.curvature), fixture.curvature), DISK_FRAME);
        expect(Math.hypot(after[n]!.x - want.x, after[n]!.y - want.y)).toBeLessThanOrEqual(COORD_PX);
      }
      await page.locator('#reset').click();
      const back = await nodeCentres(page);
      for (let n = 0; n < N; n++) expect(Math.hypot(back[n]!.x - before[n]!.x, back[n]!.y - before[n]!.y)).toBeLessThanOrEqual(COORD_PX);
    });

    it('the sign toggles hide positive or negative edges', async () => {
      const w = fixture.snapshots[0]!.edges.weight;
      await page.locator('#show-pos').uncheck();
      expect(await page.locator('#disk path.edge').count()).toBe(w.filter((x) => x < 0).length);
      await page.locator('#show-pos').check();
      await page.locator('#show-neg').uncheck();
      expect(await page.locator('#disk path.edge').count()).toBe(w.filter((x) => x > 0).length);
      await page.locator('#show-neg').check();
    });

    it('hovering a node shows its details', async () => {
      const box = await page.locator('#disk').boundingBox();
      const c = (await nodeCentres(page))[0]!;
      await page.mouse.move(box!.x + c.x, box!.y + c.y);
      const text = await page.locator('#tooltip').textContent();
      expect(await page.locator('#tooltip').isVisible()).toBe(true);
      expect(text).toMatch(/node \d+ · (input|hidden|output|bias) · layer \d+/);
      await page.mouse.move(box!.x + 2, box!.y + 2);
    });

    it('matches the stored screenshot of the disk within the pixel tolerance', async () => {
      await page.locator('#reset').click();
      await page.locator('#snapshot').fill('0');
      await page.mouse.move(0, 0);
      const shot = PNG.sync.read(await page.locator('#disk').screenshot({ animations: 'disabled' }));
      if (process.env['UPDATE_SCREENSHOTS'] === '1' || !existsSync(SCREENSHOT)) {
        if (IN_CI) throw new Error(`stored screenshot ${SCREENSHOT} is missing; run the test locally with UPDATE_SCREENSHOTS=1 and commit it`);
        writeFileSync(SCREENSHOT, PNG.sync.write(shot));
        console.warn(`viewer.e2e: wrote ${SCREENSHOT}`);
        return;
      }
      const stored = PNG.sync.read(readFileSync(SCREENSHOT));
      expect([shot.width, shot.height]).toEqual([stored.width, stored.height]);
      const diff = new PNG({ width: shot.width, height: shot.height });
      const bad = pixelmatch(shot.data, stored.data, diff.data, shot.width, shot.height, { threshold: PIXEL_THRESHOLD });
      if (bad > MAX_DIFF_SHARE * shot.width * shot.height) writeFileSync(join(tmpdir(), 'viewer-disk.diff.png'), PNG.sync.write(diff));
      expect(bad / (shot.width * shot.height)).toBeLessThanOrEqual(MAX_DIFF_SHARE);
    });

    it('Play steps through the snapshots until paused', async () => {
      await page.locator('#snapshot').fill('0');
      await page.locator('#play').click();
      await page.waitForFunction(() => document.getElementById('disk')?.dataset['snapshot'] !== '0', undefined, { timeout: 5000 });
      await page.locator('#play').click();
      expect(await page.locator('#play').textContent()).toBe('Play');
      const t = await page.locator('#disk').getAttribute('data-snapshot');
      await page.waitForTimeout(900);
      expect(await page.locator('#disk').getAttribute('data-snapshot')).toBe(t);
      await page.locator('#snapshot').fill('0');
    });

    it('loads a file picked in the page', async () => {
      const p = await browser!.newPage();
      await p.goto(base);
      await p.waitForSelector('body[data-ready="true"]');
      await p.locator('#file').setInputFiles(join(here, 'fixtures/leaderboard/embeddings/inr-mnist-smoke-gth-gmn.json'));
      await p.waitForFunction(() => document.querySelectorAll('#disk circle.node').length === 3);
      expect(await p.locator('#meta').textContent()).toContain('inr-mnist-smoke-gth-gmn.json');
      await p.close();
    });

    it('names the offending field of a bad file', async () => {
      const p = await browser!.newPage();
      await p.goto(`${base}?file=bad.json`);
      await p.waitForSelector('body[data-ready="error"]');
      expect(await p.locator('#error').textContent()).toMatch(/curvature must be positive/);
      await p.close();
    });
  });
}

/** Node n's position in snapshot t of the fixture. */
function pos(t: number, n: number): Point {
  const p = fixture.snapshots[t]!.positions;
  return { x: p[2 * n]!, y: p[2 * n + 1]! };
}
