// SVG markup of the viewer, as pure functions of (file, snapshot, view): the disk with its
// geodesic edges and nodes, the radius-per-layer line chart and the angular table. No DOM,
// so the same code is tested in Node and drawn in the browser.
import type { EmbeddingFile } from './format.js';
import type { DiskMap, Frame, Point } from './geometry.js';
import { DISK_EDGE, applyMap, geodesic, geodesicPath, toScreen, toUnitDisk } from './geometry.js';
import type { LayerSummary } from './summary.js';

/** Pixel size of the square disk picture and the disk's radius in it. */
export const DISK_SIZE = 520;
export const DISK_FRAME: Frame = { cx: DISK_SIZE / 2, cy: DISK_SIZE / 2, r: DISK_SIZE / 2 - 10 };
/** Node marker radius in pixels. */
export const NODE_RADIUS = 4.5;
export const POSITIVE_COLOUR = '#2166ac';
export const NEGATIVE_COLOUR = '#c0392b';

/** What the disk shows. */
export interface DiskOptions {
  readonly positive: boolean;
  readonly negative: boolean;
}

/** A categorical palette (Okabe–Ito, colour-blind safe) for networks of up to eight layers of neurons. */
const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];

/** Colour of a layer: the palette for up to eight layers, else hues spread from blue (inputs) to red (outputs). */
export function layerColour(layer: number, maxLayer: number): string {
  if (maxLayer < PALETTE.length) return PALETTE[layer] as string;
  const hue = 210 - (layer / maxLayer) * 210;
  return `hsl(${Math.round(hue)}, 70%, 42%)`;
}

function fmt(v: number): string {
  return (Math.round(v * 100) / 100).toString();
}

/** Node n's point in the unit disk under the view map (recentring), kept inside the disk. */
export function viewPoint(file: EmbeddingFile, t: number, n: number, view: DiskMap): Point {
  const pos = file.snapshots[t]?.positions ?? [];
  const w = applyMap(view, toUnitDisk({ x: pos[2 * n] as number, y: pos[2 * n + 1] as number }, file.curvature));
  const r = Math.hypot(w.x, w.y);
  return r > DISK_EDGE ? { x: (w.x * DISK_EDGE) / r, y: (w.y * DISK_EDGE) / r } : w;
}

/**
 * The disk of snapshot t as SVG markup: boundary circle, the snapshot's edges of the chosen
 * signs as geodesics (stroke width and opacity by |w| relative to the snapshot's largest),
 * then one circle per node (`data-id`), coloured by layer; bias nodes have a dark ring.
 */
export function renderDisk(file: EmbeddingFile, t: number, view: DiskMap, options: DiskOptions, frame: Frame = DISK_FRAME): string {
  const snap = file.snapshots[t];
  if (snap === undefined) return '';
  const N = file.nodes.length;
  const pts: Point[] = [];
  for (let n = 0; n < N; n++) pts.push(viewPoint(file, t, n, view));
  const maxLayer = Math.max(...file.nodes.map((n) => n.layer));
  const parts: string[] = [];
  parts.push(`<circle class="boundary" cx="${frame.cx}" cy="${frame.cy}" r="${frame.r}" fill="#f7f7f4" stroke="#333" stroke-width="1.5"/>`);
  const { src, dst, weight } = snap.edges;
  let wmax = 0;
  for (const w of weight) wmax = Math.max(wmax, Math.abs(w));
  const edges: string[] = [];
  for (let e = 0; e < weight.length; e++) {
    const w = weight[e] as number;
    if ((w > 0 && !options.positive) || (w < 0 && !options.negative) || w === 0) continue;
    const g = geodesic(pts[src[e] as number] as Point, pts[dst[e] as number] as Point);
    const rel = wmax > 0 ? Math.abs(w) / wmax : 0;
    edges.push(
      `<path class="edge ${w > 0 ? 'pos' : 'neg'}" d="${geodesicPath(g, frame)}" fill="none" stroke="${w > 0 ? POSITIVE_COLOUR : NEGATIVE_COLOUR}" stroke-width="${fmt(0.4 + 2.2 * rel)}" stroke-opacity="${fmt(0.25 + 0.6 * rel)}" data-src="${src[e] as number}" data-dst="${dst[e] as number}"/>`,
    );
  }
  parts.push(`<g class="edges">${edges.join('')}</g>`);
  const nodes: string[] = [];
  file.nodes.forEach((node, n) => {
    const s = toScreen(pts[n] as Point, frame);
    const ring = node.type === 'bias' ? ' stroke="#111" stroke-width="1.6"' : ' stroke="#fff" stroke-width="0.8"';
    nodes.push(`<circle class="node" data-id="${n}" cx="${fmt(s.x)}" cy="${fmt(s.y)}" r="${NODE_RADIUS}" fill="${layerColour(node.layer, maxLayer)}"${ring}/>`);
  });
  parts.push(`<g class="nodes">${nodes.join('')}</g>`);
  parts.push(`<circle class="centre" cx="${frame.cx}" cy="${frame.cy}" r="1.5" fill="#999"/>`);
  return parts.join('');
}

/** Chart size in pixels. */
export const CHART_WIDTH = 380;
export const CHART_HEIGHT = 230;

/**
 * The mean hyperbolic radius of each layer over the snapshots as SVG markup (x: snapshot
 * index, labelled by step; y: radius from 0 to the largest value), with a marker at t.
 */
export function renderRadiusChart(file: EmbeddingFile, summaries: readonly LayerSummary[], t: number): string {
  const T = file.snapshots.length;
  const left = 44;
  const right = 10;
  const top = 12;
  const bottom = 34;
  const w = CHART_WIDTH - left - right;
  const h = CHART_HEIGHT - top - bottom;
  let ymax = 0;
  for (const s of summaries) for (const r of s.meanRadius) ymax = Math.max(ymax, r);
  ymax = ymax > 0 ? ymax * 1.05 : 1;
  const x = (i: number): number => left + (T === 1 ? w / 2 : (i / (T - 1)) * w);
  const y = (r: number): number => top + h - (r / ymax) * h;
  const maxLayer = Math.max(...file.nodes.map((n) => n.layer));
  const parts: string[] = [];
  parts.push(`<rect x="${left}" y="${top}" width="${w}" height="${h}" fill="#fff" stroke="#bbb"/>`);
  for (let k = 0; k <= 4; k++) {
    const v = (ymax * k) / 4;
    parts.push(`<line x1="${left - 4}" x2="${left}" y1="${fmt(y(v))}" y2="${fmt(y(v))}" stroke="#888"/><text x="${left - 6}" y="${fmt(y(v) + 4)}" text-anchor="end" font-size="10">${v.toFixed(1)}</text>`);
  }
  const ticks = T <= 6 ? [...Array(T).keys()] : [0, Math.round((T - 1) / 3), Math.round((2 * (T - 1)) / 3), T - 1];
  for (const i of ticks) parts.push(`<text x="${fmt(x(i))}" y="${top + h + 14}" text-anchor="middle" font-size="10">${file.snapshots[i]?.step ?? ''}</text>`);
  parts.push(`<text x="${left + w / 2}" y="${CHART_HEIGHT - 4}" text-anchor="middle" font-size="11">training step</text>`);
  parts.push(`<text x="12" y="${top + h / 2}" text-anchor="middle" font-size="11" transform="rotate(-90 12 ${top + h / 2})">mean d(0, z)</text>`);
  parts.push(`<line class="marker" x1="${fmt(x(t))}" x2="${fmt(x(t))}" y1="${top}" y2="${top + h}" stroke="#555" stroke-dasharray="3 3"/>`);
  for (const s of summaries) {
    const d = s.meanRadius.map((r, i) => `${i === 0 ? 'M' : 'L'}${fmt(x(i))} ${fmt(y(r))}`).join('');
    parts.push(`<path class="series" data-layer="${s.layer}" d="${d}" fill="none" stroke="${layerColour(s.layer, maxLayer)}" stroke-width="1.8"/>`);
  }
  return parts.join('');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] as string);
}

/** The per-layer table of snapshot t: neurons, mean hyperbolic radius, circular mean angle (degrees) and resultant length. */
export function renderLayerTable(file: EmbeddingFile, summaries: readonly LayerSummary[], t: number): string {
  const maxLayer = Math.max(...file.nodes.map((n) => n.layer));
  const rows = summaries.map((s) => {
    const swatch = `<span class="swatch" style="background:${layerColour(s.layer, maxLayer)}"></span>`;
    const angle = ((s.meanAngle[t] ?? 0) * 180) / Math.PI;
    return `<tr data-layer="${s.layer}"><td>${swatch}${s.layer}</td><td>${s.count}</td><td>${(s.meanRadius[t] ?? 0).toFixed(3)}</td><td>${angle.toFixed(1)}°</td><td>${(s.resultant[t] ?? 0).toFixed(3)}</td></tr>`;
  });
  return `<table><thead><tr><th>layer</th><th>neurons</th><th>mean d(0,z)</th><th>mean angle</th><th>R</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Tooltip text of node n at snapshot t (plain text, escaped for HTML). */
export function nodeTooltip(file: EmbeddingFile, t: number, n: number, radius: number): string {
  const node = file.nodes[n];
  if (node === undefined) return '';
  const pos = file.snapshots[t]?.positions ?? [];
  const x = pos[2 * n] as number;
  const y = pos[2 * n + 1] as number;
  return escapeHtml(`node ${node.id} · ${node.type} · layer ${node.layer} · index ${node.index}\nz = (${x.toFixed(4)}, ${y.toFixed(4)}) · d(0, z) = ${radius.toFixed(3)}`);
}
