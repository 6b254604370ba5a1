// Per-layer summaries (mean hyperbolic radius, circular mean angle, resultant length) and the
// SVG markup of the disk, chart and table, checked on hand-built files and by invariants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dist } from '@geo/poincare';
import type { EmbeddingFile } from '../viewer/src/format.js';
import { IDENTITY_MAP, recentreMap } from '../viewer/src/geometry.js';
import { layerColour, nodeTooltip, renderDisk, renderLayerTable, renderRadiusChart } from '../viewer/src/render.js';
import { layerSummaries } from '../viewer/src/summary.js';
import { RADIUS_REL } from './tolerances.js';

/** Angles and resultant lengths: float64 sums of a few cosines. */
const ANGLE_ABS = 1e-12;

/** A file whose nodes are given as [layer, type, x, y] for one snapshot, c = `c`. */
function fileOf(c: number, nodes: [number, 'input' | 'hidden' | 'output' | 'bias', number, number][], edges: [number, number, number][] = []): EmbeddingFile {
  return {
    format: 'geo-trajectory-embedding',
    version: 1,
    curvature: c,
    dimension: 2,
    sourceDimension: 2,
    projection: 'none',
    strongestEdges: null,
    architecture: { sizes: [1, 1], activation: 'sin' },
    labels: {},
    output: [],
    nodes: nodes.map(([layer, type], id) => ({ id, layer, type, index: 0 })),
    snapshots: [{ step: 0, positions: nodes.flatMap(([, , x, y]) => [x, y]), edges: { src: edges.map((e) => e[0]), dst: edges.map((e) => e[1]), weight: edges.map((e) => e[2]) } }],
  };
}

describe('layerSummaries', () => {
  it('mean radius is the mean of dist(0, z) over the layer\'s neurons; bias nodes are left out', () => {
    const c = 2;
    const f = fileOf(c, [
      [0, 'input', 0.3, 0],
      [0, 'input', 0, 0.5],
      [1, 'output', -0.2, 0.1],
      [0, 'bias', 0.6, 0.1],
    ]);
    const [l0, l1] = layerSummaries(f);
    expect(l0!.count).toBe(2);
    const want = (dist([0, 0], [0.3, 0], c) + dist([0, 0], [0, 0.5], c)) / 2;
    expect(Math.abs(l0!.meanRadius[0]! - want)).toBeLessThanOrEqual(RADIUS_REL * want);
    // angles 0 and π/2: mean π/4, resultant √2/2
    expect(Math.abs(l0!.meanAngle[0]! - Math.PI / 4)).toBeLessThanOrEqual(ANGLE_ABS);
    expect(Math.abs(l0!.resultant[0]! - Math.SQRT1_2)).toBeLessThanOrEqual(ANGLE_ABS);
    expect(l1!.count).toBe(1);
    expect(l1!.resultant[0]).toBeCloseTo(1, 12);
  });

  it('rotating every point by θ turns each mean angle by θ and keeps radii and resultant lengths (property)', () => {
    const pt = fc.record({ r: fc.double({ min: 0.01, max: 0.9, noNaN: true }), th: fc.double({ min: -3, max: 3, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(2), pt), { minLength: 1, maxLength: 12 }), fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }), (pts, rot) => {
        const a = fileOf(1, pts.map(([l, { r, th }]) => [l, 'hidden', r * Math.cos(th), r * Math.sin(th)]));
        const b = fileOf(1, pts.map(([l, { r, th }]) => [l, 'hidden', r * Math.cos(th + rot), r * Math.sin(th + rot)]));
        const sa = layerSummaries(a);
        const sb = layerSummaries(b);
        expect(sb.map((s) => s.layer)).toEqual(sa.map((s) => s.layer));
        sa.forEach((s, i) => {
          const u = sb[i]!;
          expect(Math.abs(u.meanRadius[0]! - s.meanRadius[0]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, s.meanRadius[0]!));
          expect(Math.abs(u.resultant[0]! - s.resultant[0]!)).toBeLessThanOrEqual(1e-12);
          if (s.resultant[0]! > 1e-6) {
            // compare on the circle: the angle difference is rot modulo 2π
            const d = u.meanAngle[0]! - s.meanAngle[0]! - rot;
            expect(Math.abs(Math.atan2(Math.sin(d), Math.cos(d)))).toBeLessThanOrEqual(1e-9 / s.resultant[0]!);
          }
        });
      }),
    );
  });
});

describe('render', () => {
  const f = fileOf(
    1,
    [
      [0, 'input', 0.2, 0.1],
      [1, 'hidden', -0.4, 0.3],
      [1, 'hidden', 0.1, -0.6],
      [2, 'output', 0.5, 0.5],
      [0, 'bias', -0.1, -0.1],
    ],
    [
      [0, 1, 0.5],
      [0, 2, -1.5],
      [1, 3, 2],
      [4, 1, 0],
    ],
  );

  it('draws one marker per node and the edges of the chosen signs (zero weights never)', () => {
    const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;
    const all = renderDisk(f, 0, IDENTITY_MAP, { positive: true, negative: true });
    expect(count(all, /class="node"/g)).toBe(5);
    expect(count(all, /class="edge pos"/g)).toBe(2);
    expect(count(all, /class="edge neg"/g)).toBe(1);
    expect(count(renderDisk(f, 0, IDENTITY_MAP, { positive: false, negative: true }), /class="edge /g)).toBe(1);
    expect(count(renderDisk(f, 0, IDENTITY_MAP, { positive: true, negative: false }), /class="edge /g)).toBe(2);
    expect(renderDisk(f, 5, IDENTITY_MAP, { positive: true, negative: true })).toBe('');
  });

  it('a recentred view puts the chosen node at the centre of the picture', () => {
    const svg = renderDisk(f, 0, recentreMap({ x: -0.4, y: 0.3 }), { positive: true, negative: true });
    expect(svg).toContain('data-id="1" cx="260" cy="260"');
  });

  it('the chart has one series per layer of neurons and the table one row per layer', () => {
    const s = layerSummaries(f);
    expect((renderRadiusChart(f, s, 0).match(/class="series"/g) ?? []).length).toBe(3);
    expect((renderLayerTable(f, s, 0).match(/<tr data-layer=/g) ?? []).length).toBe(3);
    expect(new Set([0, 1, 2].map((l) => layerColour(l, 2))).size).toBe(3);
    expect(new Set(Array.from({ length: 13 }, (_, l) => layerColour(l, 12))).size).toBe(13);
  });

  it('the tooltip names the node and escapes nothing it should not', () => {
    expect(nodeTooltip(f, 0, 4, 0.28)).toBe('node 4 · bias · layer 0 · index 0\nz = (-0.1000, -0.1000) · d(0, z) = 0.280');
    expect(nodeTooltip(f, 0, 99, 0)).toBe('');
  });
});
