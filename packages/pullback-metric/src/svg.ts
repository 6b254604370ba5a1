import { GeoError, assertInteger } from '@geo/core';

/** A level set of a grid field, drawn as a polyline set over the heat map. */
export interface ContourSpec {
  /** Same layout as the heat map's values. */
  readonly values: ArrayLike<number>;
  /** Default 0 (a decision boundary of a logit difference). */
  readonly level?: number;
  readonly stroke?: string;
  readonly dash?: string;
  readonly label?: string;
}

export interface HeatmapSpec {
  /** Row-major `ny x nx`, row 0 at yRange[0] (as grid2d lays out points). */
  readonly values: ArrayLike<number>;
  readonly nx: number;
  readonly ny: number;
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
  readonly title: string;
  readonly contours?: readonly ContourSpec[];
  /** Colour limits; default the 1st and 99th percentiles of the finite values. */
  readonly limits?: readonly [number, number];
  /** Plot size in pixels (square); default 320. */
  readonly size?: number;
}

// Viridis at nine evenly spaced stops (matplotlib's table, rounded).
const VIRIDIS: readonly [number, number, number][] = [
  [68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
  [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37],
];

function colour(t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i] as [number, number, number];
  const b = VIRIDIS[i + 1] as [number, number, number];
  const c = a.map((v, k) => Math.round(v + f * ((b[k] as number) - v)));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

function quantile(sorted: number[], q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return (sorted[lo] as number) + (pos - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/**
 * Level-set segments of a grid field by marching squares, in grid index coordinates
 * (i along x, j along y): each segment is [i0, j0, i1, j1]. Saddles are split by the
 * cell-centre average.
 *
 * @example
 * contourSegments(Float64Array.of(-1, 1, -1, 1), 2, 2, 0) // [[0.5, 0, 0.5, 1]]
 */
export function contourSegments(values: ArrayLike<number>, nx: number, ny: number, level = 0): [number, number, number, number][] {
  assertInteger(nx, 'nx', { min: 2 });
  assertInteger(ny, 'ny', { min: 2 });
  if (values.length !== nx * ny) throw new GeoError('BAD_SHAPE', `values must hold nx * ny = ${nx * ny} entries, got ${values.length}`, { argument: 'values', expected: nx * ny, actual: values.length });
  const segs: [number, number, number, number][] = [];
  const v = (i: number, j: number): number => (values[j * nx + i] as number) - level;
  for (let j = 0; j < ny - 1; j++)
    for (let i = 0; i < nx - 1; i++) {
      const c = [v(i, j), v(i + 1, j), v(i + 1, j + 1), v(i, j + 1)];
      if (c.some((x) => !Number.isFinite(x))) continue;
      const corners: [number, number][] = [[i, j], [i + 1, j], [i + 1, j + 1], [i, j + 1]];
      const cross: [number, number][] = [];
      for (let e = 0; e < 4; e++) {
        const a = c[e] as number;
        const b = c[(e + 1) % 4] as number;
        if ((a < 0) !== (b < 0)) {
          const t = a / (a - b);
          const [x0, y0] = corners[e] as [number, number];
          const [x1, y1] = corners[(e + 1) % 4] as [number, number];
          cross.push([x0 + t * (x1 - x0), y0 + t * (y1 - y0)]);
        }
      }
      if (cross.length === 2) segs.push([...(cross[0] as [number, number]), ...(cross[1] as [number, number])]);
      else if (cross.length === 4) {
        const centre = (c[0]! + c[1]! + c[2]! + c[3]!) / 4;
        // Pair edges so the centre's side stays connected.
        const pairs = (centre < 0) === ((c[0] as number) < 0) ? [[0, 3], [1, 2]] : [[0, 1], [2, 3]];
        for (const [p, q] of pairs) segs.push([...(cross[p as number] as [number, number]), ...(cross[q as number] as [number, number])]);
      }
    }
  return segs;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A self-contained SVG heat map of a 2-D grid field (viridis, NaN cells grey) with a colour
 * bar and optional level-set contours (e.g. the decision boundary).
 *
 * @example
 * const svg = heatmapSvg({ values: logVolume, nx: 64, ny: 64, xRange: [-1, 1], yRange: [-1, 1],
 *   title: 'log sqrt det g', contours: [{ values: logitDiff, stroke: 'white' }] });
 */
export function heatmapSvg(spec: HeatmapSpec): string {
  const { values, nx, ny, xRange, yRange } = spec;
  assertInteger(nx, 'spec.nx', { min: 2 });
  assertInteger(ny, 'spec.ny', { min: 2 });
  if (values.length !== nx * ny) throw new GeoError('BAD_SHAPE', `spec.values must hold nx * ny = ${nx * ny} entries, got ${values.length}`, { argument: 'spec.values' });
  const size = spec.size ?? 320;
  const pad = { left: 44, top: 28, right: 70, bottom: 36 };
  const W = pad.left + size + pad.right;
  const H = pad.top + size + pad.bottom;
  const finite = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  let [lo, hi] = spec.limits ?? (finite.length > 0 ? [quantile(finite, 0.01), quantile(finite, 0.99)] : [0, 1]);
  if (!(hi > lo)) [lo, hi] = [lo - 0.5, lo + 0.5];
  const cw = size / nx;
  const ch = size / ny;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${pad.left}" y="18" font-size="13">${esc(spec.title)}</text>`);
  out.push(`<g shape-rendering="crispEdges">`);
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) {
      const val = values[j * nx + i] as number;
      const fill = Number.isFinite(val) ? colour((val - lo) / (hi - lo)) : '#999';
      const x = pad.left + i * cw;
      const y = pad.top + size - (j + 1) * ch;
      out.push(`<rect x="${x.toFixed(2)}" y="${y.toFixed(2)}" width="${(cw + 0.5).toFixed(2)}" height="${(ch + 0.5).toFixed(2)}" fill="${fill}"/>`);
    }
  out.push('</g>');
  // Cell centres sit at grid points: index i maps to the centre of column i.
  const px = (i: number): number => pad.left + (i + 0.5) * cw;
  const py = (j: number): number => pad.top + size - (j + 0.5) * ch;
  for (const contour of spec.contours ?? []) {
    const segs = contourSegments(contour.values, nx, ny, contour.level ?? 0);
    const d = segs.map(([a, b, c, e]) => `M${px(a).toFixed(1)} ${py(b).toFixed(1)}L${px(c).toFixed(1)} ${py(e).toFixed(1)}`).join('');
    out.push(`<path d="${d}" fill="none" stroke="${contour.stroke ?? 'white'}" stroke-width="1.5"${contour.dash !== undefined ? ` stroke-dasharray="${contour.dash}"` : ''}/>`);
  }
  out.push(`<rect x="${pad.left}" y="${pad.top}" width="${size}" height="${size}" fill="none" stroke="black"/>`);
  const fmt = (v: number): string => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v !== 0) ? v.toExponential(1) : v.toFixed(2));
  out.push(`<text x="${pad.left}" y="${pad.top + size + 14}">${fmt(xRange[0])}</text>`);
  out.push(`<text x="${pad.left + size}" y="${pad.top + size + 14}" text-anchor="end">${fmt(xRange[1])}</text>`);
  out.push(`<text x="${pad.left - 4}" y="${pad.top + size}" text-anchor="end">${fmt(yRange[0])}</text>`);
  out.push(`<text x="${pad.left - 4}" y="${pad.top + 10}" text-anchor="end">${fmt(yRange[1])}</text>`);
  const bx = pad.left + size + 14;
  for (let k = 0; k < 50; k++) out.push(`<rect x="${bx}" y="${(pad.top + size - ((k + 1) * size) / 50).toFixed(2)}" width="14" height="${(size / 50 + 0.5).toFixed(2)}" fill="${colour(k / 49)}"/>`);
  out.push(`<text x="${bx + 18}" y="${pad.top + size}">${fmt(lo)}</text><text x="${bx + 18}" y="${pad.top + 10}">${fmt(hi)}</text>`);
  const labels = (spec.contours ?? []).filter((c) => c.label !== undefined);
  labels.forEach((c, k) => out.push(`<text x="${pad.left + 4 + k * 150}" y="${pad.top + size + 30}" fill="${c.stroke === 'white' ? 'black' : (c.stroke ?? 'black')}">${c.dash !== undefined ? '- - ' : '—— '}${esc(c.label as string)}</text>`));
  out.push('</svg>');
  return out.join('\n');
}
