// The leaderboard's figures as SVG: bars with error bars per task, and the Poincaré-disk
// picture of one trajectory's node embeddings at an early and a late snapshot.
import { GeoError, assertInteger, eigh } from '@geo/core';
import { el, svgDocument } from './svg.js';

export interface BarRow {
  readonly label: string;
  readonly mean: number;
  readonly std: number;
  /** The paper's value for this method, drawn as a marker. */
  readonly paper?: number;
}

const BAR_H = 22;
const LABEL_W = 150;
const PLOT_W = 360;

/**
 * Axis ticks a reader can read: a step of 1, 2 or 5 times a power of ten, the smallest giving
 * at most `most` intervals, from the multiple of the step at or below `lo` to the one at or
 * above `hi` (so the ticks span the data).
 *
 * @example
 * niceTicks(0, 0.807) // [0, 0.2, 0.4, 0.6, 0.8, 1]
 */
export function niceTicks(lo: number, hi: number, most = 5): number[] {
  if (!Number.isFinite(hi - lo)) throw new GeoError('NOT_FINITE', `ticks need finite lo, hi and hi - lo, got [${lo}, ${hi}]`, { argument: 'lo' });
  if (hi < lo) throw new GeoError('OUT_OF_RANGE', `ticks need lo <= hi, got [${lo}, ${hi}]`, { argument: 'hi' });
  assertInteger(most, 'most', { min: 1 });
  if (hi === lo) return [lo];
  // the smallest 1, 2, 5 x 10^p step that covers [lo, hi] in `most` intervals once rounded out
  // to its multiples; a step of at least hi - lo always does, so the loop ends
  for (let p = Math.floor(Math.log10((hi - lo) / most)); ; p++) {
    for (const m of [1, 2, 5]) {
      const step = m * 10 ** p;
      const first = Math.floor(lo / step);
      const last = Math.ceil(hi / step);
      // k m / 10^-p is the double nearest the decimal k m 10^p (no 0.30000000000000004)
      const tick = (k: number): number => (p < 0 ? (k * m) / 10 ** -p : k * m * 10 ** p);
      if (last - first <= most) return Array.from({ length: last - first + 1 }, (_, i) => tick(first + i));
    }
  }
}

/**
 * Horizontal bars (mean) with error bars (± std) and the paper's value as a diamond; the axis
 * at round ticks, labelled in percent when `percent` (values are fractions).
 *
 * @example
 * barChart('inr-mnist', 'accuracy (%)', [{ label: 'gth-gmn', mean: 0.5, std: 0.02, paper: 0.956 }], { percent: true });
 */
export function barChart(title: string, metric: string, rows: readonly BarRow[], options: { readonly percent?: boolean } = {}): string {
  const values = rows.flatMap((r) => [r.mean - r.std, r.mean + r.std, ...(r.paper === undefined ? [] : [r.paper])]).filter(Number.isFinite);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
  const lo = ticks[0] as number;
  const hi = ticks[ticks.length - 1] as number;
  const span = hi - lo || 1;
  const x = (v: number): number => LABEL_W + ((v - lo) / span) * PLOT_W;
  // title and metric on two lines: a long metric would run past the right edge
  const top = 52;
  const height = top + rows.length * BAR_H + 40;
  const parts: string[] = [el('text', { x: 8, y: 18, 'font-weight': 'bold' }, [], title), el('text', { x: 8, y: 36 }, [], metric)];
  rows.forEach((r, i) => {
    const y = top + i * BAR_H;
    parts.push(el('text', { x: LABEL_W - 6, y: y + 15, 'text-anchor': 'end' }, [], r.label));
    const x0 = x(Math.min(0, r.mean));
    const x1 = x(Math.max(0, r.mean));
    parts.push(el('rect', { x: x0, y: y + 4, width: Math.max(x1 - x0, 0.5), height: BAR_H - 8, fill: r.label.startsWith('gth-gmn') ? '#4c72b0' : '#999999' }));
    if (r.std > 0) {
      const ym = y + BAR_H / 2;
      parts.push(el('line', { x1: x(r.mean - r.std), y1: ym, x2: x(r.mean + r.std), y2: ym, stroke: 'black' }));
      for (const v of [r.mean - r.std, r.mean + r.std]) parts.push(el('line', { x1: x(v), y1: ym - 5, x2: x(v), y2: ym + 5, stroke: 'black' }));
    }
    if (r.paper !== undefined) {
      const px = x(r.paper);
      const ym = y + BAR_H / 2;
      parts.push(el('path', { d: `M ${px.toFixed(1)} ${ym - 6} l 6 6 l -6 6 l -6 -6 z`, fill: '#dd8452', stroke: 'black', 'stroke-width': 0.5 }, [el('title', {}, [], `paper: ${options.percent === true ? 100 * r.paper : r.paper}`)]));
    }
  });
  const axisY = top + rows.length * BAR_H + 4;
  parts.push(el('line', { x1: LABEL_W, y1: axisY, x2: LABEL_W + PLOT_W, y2: axisY, stroke: 'black' }));
  for (const v of ticks) {
    parts.push(el('line', { x1: x(v), y1: axisY, x2: x(v), y2: axisY + 4, stroke: 'black' }));
    parts.push(el('text', { x: x(v), y: axisY + 16, 'text-anchor': 'middle' }, [], Number((options.percent === true ? 100 * v : v).toPrecision(6)).toString()));
  }
  parts.push(el('text', { x: LABEL_W, y: axisY + 32 }, [], 'bar: mean over seeds, whisker: ± std, diamond: the paper'));
  return svgDocument(LABEL_W + PLOT_W + 20, height, parts);
}

/**
 * 2-D disk coordinates of ball points: direction from the top two principal axes of the
 * points' second moment (about the origin, so the origin stays the centre), radius the
 * point's own radius sqrt(c)|z| in the ball (so radial drift is shown exactly). c = 0
 * (Euclidean) divides radii by the largest norm instead.
 *
 * @example
 * diskCoordinates([Float64Array.of(0.5, 0, 0)], 3, 1)[0] // [±0.5, 0]
 */
export function diskCoordinates(sets: readonly ArrayLike<number>[], dim: number, curvature: number): [number, number][][] {
  if (sets.length === 0) throw new GeoError('BAD_LENGTH', 'sets must not be empty', { argument: 'sets' });
  const m = new Float64Array(dim * dim);
  let maxNorm = 0;
  for (const z of sets) {
    if (z.length % dim !== 0) throw new GeoError('BAD_SHAPE', `a point set has ${z.length} numbers, not a multiple of dim ${dim}`, { argument: 'sets', expected: dim });
    for (let p = 0; p < z.length; p += dim) {
      let norm = 0;
      for (let i = 0; i < dim; i++) {
        norm += (z[p + i] as number) ** 2;
        for (let j = 0; j < dim; j++) m[i * dim + j] = (m[i * dim + j] as number) + (z[p + i] as number) * (z[p + j] as number);
      }
      maxNorm = Math.max(maxNorm, Math.sqrt(norm));
    }
  }
  const { vectors } = eigh(m, dim);
  const axis = (k: number, i: number): number => (dim === 1 ? (k === 0 ? 1 : 0) : (vectors[i * dim + (dim - 1 - k)] as number));
  return sets.map((z) => {
    const out: [number, number][] = [];
    for (let p = 0; p < z.length; p += dim) {
      let a = 0;
      let b = 0;
      let norm = 0;
      for (let i = 0; i < dim; i++) {
        const v = z[p + i] as number;
        a += v * axis(0, i);
        b += v * axis(1, i);
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      const r = curvature > 0 ? Math.min(Math.sqrt(curvature) * norm, 1) : maxNorm > 0 ? norm / maxNorm : 0;
      const len = Math.hypot(a, b);
      out.push(len > 0 ? [(r * a) / len, (r * b) / len] : [0, 0]);
    }
    return out;
  });
}

const LAYER_COLOURS = ['#4c72b0', '#dd8452', '#55a868', '#c44e52', '#8172b3', '#937860', '#da8bc3', '#8c8c8c'];

export interface DiskFigureInput {
  readonly title: string;
  /** Per snapshot: N x dim row-major points; the first and the last are drawn. */
  readonly snapshots: readonly ArrayLike<number>[];
  readonly steps: readonly number[];
  readonly dim: number;
  readonly curvature: number;
  readonly layer: ArrayLike<number>;
  readonly isBias: ArrayLike<number>;
}

/**
 * Two Poincaré disks side by side (the first and the last snapshot), nodes coloured by layer,
 * bias nodes as hollow squares.
 *
 * @example
 * poincareDiskFigure({ title: 't', snapshots: [z0, z1], steps: [0, 1000], dim: 8, curvature: 1, layer, isBias });
 */
export function poincareDiskFigure(f: DiskFigureInput): string {
  if (f.snapshots.length === 0) throw new GeoError('BAD_LENGTH', 'snapshots must not be empty', { argument: 'snapshots' });
  const picks = f.snapshots.length === 1 ? [0] : [0, f.snapshots.length - 1];
  const coords = diskCoordinates(picks.map((t) => f.snapshots[t] as ArrayLike<number>), f.dim, f.curvature);
  const R = 150;
  const pad = 20;
  const parts: string[] = [el('text', { x: 8, y: 18, 'font-weight': 'bold' }, [], f.title)];
  coords.forEach((pts, k) => {
    const cx = pad + R + k * (2 * R + 2 * pad);
    const cy = 40 + R;
    const t = picks[k] as number;
    parts.push(el('circle', { cx, cy, r: R, fill: 'none', stroke: '#333333' }));
    parts.push(el('text', { x: cx, y: cy + R + 18, 'text-anchor': 'middle' }, [], `${k === 0 && picks.length > 1 ? 'early' : 'late'}: snapshot ${t + 1} of ${f.snapshots.length} (step ${f.steps[t] ?? '?'})`));
    pts.forEach(([a, b], i) => {
      const colour = LAYER_COLOURS[(f.layer[i] as number) % LAYER_COLOURS.length] as string;
      const x = cx + a * R;
      const y = cy - b * R;
      parts.push(f.isBias[i] === 1 ? el('rect', { x: x - 3, y: y - 3, width: 6, height: 6, fill: 'none', stroke: colour }) : el('circle', { cx: x, cy: y, r: 3, fill: colour, 'fill-opacity': 0.8 }));
    });
  });
  const layers = Math.max(...Array.from(f.layer)) + 1;
  const legendY = 40 + 2 * R + 40;
  for (let l = 0; l < layers; l++) {
    parts.push(el('circle', { cx: pad + 6 + l * 90, cy: legendY, r: 4, fill: LAYER_COLOURS[l % LAYER_COLOURS.length] }));
    parts.push(el('text', { x: pad + 14 + l * 90, y: legendY + 4 }, [], l === 0 ? 'inputs' : l === layers - 1 ? 'output' : `hidden ${l}`));
  }
  parts.push(el('text', { x: pad, y: legendY + 22 }, [], 'squares: bias nodes (coloured like the layer below the neurons they feed)'));
  parts.push(el('text', { x: pad, y: legendY + 38 }, [], 'angle: top-2 principal axes of all points shown; radius: the true ball radius'));
  return svgDocument(picks.length * (2 * R + 2 * pad) + 10, legendY + 50, parts);
}
