// The viewer page: loads an embedding file (the fixture, `?file=<url>`, or a picked file),
// draws the current snapshot, and wires the slider, play button, sign toggles, hover
// tooltip and click-to-recentre (a Möbius map composed onto the view).
import fixtureUrl from '../fixtures/sine-siren.json?url';
import type { EmbeddingFile } from './format.js';
import { validateEmbeddingFile } from './format.js';
import type { DiskMap } from './geometry.js';
import { IDENTITY_MAP, composeMaps, fromScreen, hyperbolicRadius, recentreMap } from './geometry.js';
import { DISK_FRAME, DISK_SIZE, nodeTooltip, renderDisk, renderLayerTable, renderRadiusChart, viewPoint } from './render.js';
import type { LayerSummary } from './summary.js';
import { layerSummaries } from './summary.js';

/** Milliseconds per snapshot while playing. */
const PLAY_INTERVAL_MS = 700;

function byId<T extends HTMLElement | SVGElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`viewer page: #${id} is missing`);
  return el as T;
}

const disk = byId<SVGSVGElement>('disk');
const chart = byId<SVGSVGElement>('chart');
const layers = byId<HTMLDivElement>('layers');
const slider = byId<HTMLInputElement>('snapshot');
const stepLabel = byId<HTMLOutputElement>('step-label');
const play = byId<HTMLButtonElement>('play');
const reset = byId<HTMLButtonElement>('reset');
const showPos = byId<HTMLInputElement>('show-pos');
const showNeg = byId<HTMLInputElement>('show-neg');
const picker = byId<HTMLInputElement>('file');
const errorBox = byId<HTMLParagraphElement>('error');
const meta = byId<HTMLParagraphElement>('meta');
const tooltip = byId<HTMLDivElement>('tooltip');

interface State {
  file: EmbeddingFile;
  summaries: LayerSummary[];
  t: number;
  view: DiskMap;
}

let state: State | undefined;
let timer: ReturnType<typeof setInterval> | undefined;

function draw(): void {
  if (state === undefined) return;
  const { file, summaries, t, view } = state;
  disk.innerHTML = renderDisk(file, t, view, { positive: showPos.checked, negative: showNeg.checked });
  chart.innerHTML = renderRadiusChart(file, summaries, t);
  layers.innerHTML = renderLayerTable(file, summaries, t);
  slider.value = String(t);
  stepLabel.textContent = `step ${file.snapshots[t]?.step ?? ''} (${t + 1}/${file.snapshots.length})`;
  disk.dataset['snapshot'] = String(t);
}

function show(file: EmbeddingFile, source: string): void {
  stop();
  state = { file, summaries: layerSummaries(file), t: 0, view: IDENTITY_MAP };
  slider.max = String(file.snapshots.length - 1);
  const k = file.strongestEdges === null ? 'all edges' : `the ${file.strongestEdges} strongest edges`;
  meta.textContent = `${source}: ${file.architecture.activation} MLP [${file.architecture.sizes.join(', ')}], ${file.nodes.length} nodes, ${file.snapshots.length} snapshots, curvature −${file.curvature}, ${k}; embedding dimension ${file.sourceDimension} (projection: ${file.projection}); labels ${JSON.stringify(file.labels)}`;
  errorBox.hidden = true;
  draw();
  document.body.dataset['ready'] = 'true';
}

function showError(err: unknown): void {
  errorBox.hidden = false;
  errorBox.textContent = `Could not load the embedding file: ${err instanceof Error ? err.message : String(err)}`;
  document.body.dataset['ready'] = 'error';
}

async function load(url: string): Promise<void> {
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    show(validateEmbeddingFile(await res.json()), url.split('/').pop() ?? url);
  } catch (err) {
    showError(err);
  }
}

function stop(): void {
  if (timer !== undefined) clearInterval(timer);
  timer = undefined;
  play.textContent = 'Play';
}

slider.addEventListener('input', () => {
  if (state === undefined) return;
  state.t = Number(slider.value);
  draw();
});
showPos.addEventListener('change', draw);
showNeg.addEventListener('change', draw);
reset.addEventListener('click', () => {
  if (state === undefined) return;
  state.view = IDENTITY_MAP;
  draw();
});
play.addEventListener('click', () => {
  if (timer !== undefined || state === undefined) {
    stop();
    return;
  }
  play.textContent = 'Pause';
  timer = setInterval(() => {
    if (state === undefined) return;
    state.t = (state.t + 1) % state.file.snapshots.length;
    draw();
  }, PLAY_INTERVAL_MS);
});

// Click: re-centre the disk on the clicked node (exactly) or on the clicked point.
disk.addEventListener('click', (ev) => {
  if (state === undefined) return;
  const target = ev.target as Element;
  const id = target.getAttribute('data-id');
  let a;
  if (id !== null) {
    a = viewPoint(state.file, state.t, Number(id), state.view);
  } else {
    const box = disk.getBoundingClientRect();
    const px = ((ev.clientX - box.left) * DISK_SIZE) / box.width;
    const py = ((ev.clientY - box.top) * DISK_SIZE) / box.height;
    a = fromScreen({ x: px, y: py }, DISK_FRAME);
    if (Math.hypot(a.x, a.y) >= 1) return; // outside the disk
  }
  state.view = composeMaps(recentreMap(a), state.view);
  draw();
});

disk.addEventListener('mousemove', (ev) => {
  const id = (ev.target as Element).getAttribute('data-id');
  if (state === undefined || id === null) {
    tooltip.hidden = true;
    return;
  }
  const n = Number(id);
  const pos = state.file.snapshots[state.t]?.positions ?? [];
  const r = hyperbolicRadius({ x: pos[2 * n] as number, y: pos[2 * n + 1] as number }, state.file.curvature);
  tooltip.innerHTML = nodeTooltip(state.file, state.t, n, r);
  const box = disk.getBoundingClientRect();
  tooltip.style.left = `${ev.clientX - box.left + 12}px`;
  tooltip.style.top = `${ev.clientY - box.top + 12}px`;
  tooltip.hidden = false;
});
disk.addEventListener('mouseleave', () => {
  tooltip.hidden = true;
});

picker.addEventListener('change', () => {
  const f = picker.files?.[0];
  if (f === undefined) return;
  f.text()
    .then((text) => show(validateEmbeddingFile(JSON.parse(text)), f.name))
    .catch(showError);
});

const param = new URLSearchParams(window.location.search).get('file');
void load(param ?? fixtureUrl);
