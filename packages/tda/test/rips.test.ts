import { GeoError } from '@geo/core';
import { describe, expect, it } from 'vitest';
import { enclosingRadius, ripsFromDistanceMatrix, ripsPersistence, toDistanceMatrix } from '../src/index.js';
import { distanceRows, pairsOf } from './helpers.js';

/** Runs `fn` and returns the GeoError it throws (failing the test otherwise). */
function caught(fn: () => unknown): GeoError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GeoError);
    return e as GeoError;
  }
  throw new Error('expected a GeoError, nothing was thrown');
}

const square = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
];

describe('ripsPersistence', () => {
  it('finds the one loop of a square, born at the side and filled at the diagonal', () => {
    const [h0, h1] = ripsPersistence({ points: square }, { maxDim: 1, threshold: 2 });
    expect(pairsOf(h0!)).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
      [0, Infinity],
    ]);
    expect(pairsOf(h1!)).toEqual([[1, Math.SQRT2]]);
  });

  it('uses the enclosing radius by default: the square loop dies there too (the diagonal is above it, the cone closes it)', () => {
    const D = toDistanceMatrix({ points: square });
    expect(enclosingRadius(D)).toBeCloseTo(Math.SQRT2, 15);
    const [, h1] = ripsPersistence({ points: square });
    expect(pairsOf(h1!)).toEqual([[1, Math.SQRT2]]);
  });

  it('reports essential classes below the threshold: components in H0 and an unfilled loop in H1', () => {
    const [h0, h1] = ripsPersistence({ points: square }, { maxDim: 1, threshold: 1.2 });
    expect(pairsOf(h0!)).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
      [0, Infinity],
    ]);
    expect(pairsOf(h1!)).toEqual([[1, Infinity]]);
    const [h0b] = ripsPersistence({ points: square }, { maxDim: 0, threshold: 0.5 });
    expect(pairsOf(h0b!)).toEqual([
      [0, Infinity],
      [0, Infinity],
      [0, Infinity],
      [0, Infinity],
    ]);
  });

  it('finds the void of an octahedron in H2', () => {
    const oct = [
      [1, 0, 0],
      [-1, 0, 0],
      [0, 1, 0],
      [0, -1, 0],
      [0, 0, 1],
      [0, 0, -1],
    ];
    for (const collapse of [true, false]) {
      const dg = ripsPersistence({ points: oct }, { maxDim: 2, threshold: 3, collapse });
      expect(pairsOf(dg[1]!)).toEqual([]);
      expect(pairsOf(dg[2]!)).toEqual([[Math.SQRT2, 2]]);
    }
  });

  it('drops zero-persistence pairs (duplicate points) and handles 0 and 1 points', () => {
    const [h0] = ripsPersistence({ points: [[0], [0], [1]] }, { maxDim: 0 });
    expect(pairsOf(h0!)).toEqual([
      [0, 1],
      [0, Infinity],
    ]);
    const empty = ripsPersistence({ points: [] }, { maxDim: 2 });
    expect(empty.map((d) => d.birth.length)).toEqual([0, 0, 0]);
    const one = ripsPersistence({ points: [[3, 4]] }, { maxDim: 1 });
    expect(pairsOf(one[0]!)).toEqual([[0, Infinity]]);
    expect(one[1]!.birth.length).toBe(0);
  });

  it('accepts every input form and gives the same diagrams', () => {
    const pts = [
      [0, 0],
      [2, 0.1],
      [2.2, 1.9],
      [0.1, 2],
      [1, 1.2],
      [3, 3],
    ];
    const n = pts.length;
    const rows = distanceRows(pts);
    const flat = Float64Array.from(pts.flat());
    const full = Float64Array.from(rows.flat());
    const lower: number[] = [];
    for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) lower.push(rows[i]![j]!);
    const inputs = [
      { points: pts },
      { points: flat, n, d: 2 },
      { distances: rows },
      { distances: full, n },
      { distances: Float64Array.from(lower), n },
      { distances: rows.map((r, i) => r.slice(0, i)) },
      { distances: rows.map((r, i) => r.slice(0, i + 1)) },
    ];
    const want = ripsPersistence(inputs[0]!, { maxDim: 2, threshold: 10 }).map(pairsOf);
    for (const input of inputs) expect(ripsPersistence(input, { maxDim: 2, threshold: 10 }).map(pairsOf)).toEqual(want);
  });

  it('supports manhattan, chebyshev and custom metrics', () => {
    const pts = [
      [0, 0],
      [1, 1],
    ];
    expect(pairsOf(ripsPersistence({ points: pts }, { maxDim: 0, metric: 'manhattan' })[0]!)).toEqual([
      [0, 2],
      [0, Infinity],
    ]);
    expect(pairsOf(ripsPersistence({ points: pts }, { maxDim: 0, metric: 'chebyshev' })[0]!)).toEqual([
      [0, 1],
      [0, Infinity],
    ]);
    expect(pairsOf(ripsPersistence({ points: pts }, { maxDim: 0, metric: () => 7 })[0]!)).toEqual([
      [0, 7],
      [0, Infinity],
    ]);
  });

  it('sorts every diagram by (birth, death)', () => {
    const pts = Array.from({ length: 40 }, (_, i) => [Math.cos(i * 0.7) * (1 + (i % 3) * 0.1), Math.sin(i * 1.3)]);
    for (const d of ripsPersistence({ points: pts }, { maxDim: 2 })) {
      for (let i = 1; i < d.birth.length; i++) {
        const ok = d.birth[i - 1]! < d.birth[i]! || (d.birth[i - 1] === d.birth[i] && d.death[i - 1]! <= d.death[i]!);
        expect(ok).toBe(true);
      }
    }
  });
});

describe('ripsPersistence coefficients', () => {
  // RP^2 in R^4 through (x, y, z) -> (x^2 - y^2, 2xy, 2xz, 2yz) on the unit sphere: H1 and H2 are Z/2
  // with Z/2 coefficients but vanish with Z/3 (torsion).
  const golden = Math.PI * (3 - Math.sqrt(5));
  const rp2 = Array.from({ length: 200 }, (_, i) => {
    // a Fibonacci sphere; antipodal points land on the same point of RP^2
    const z = 1 - (2 * (i + 0.5)) / 200;
    const r = Math.sqrt(1 - z * z);
    const x = r * Math.cos(i * golden);
    const y = r * Math.sin(i * golden);
    return [x * x - y * y, 2 * x * y, 2 * x * z, 2 * y * z];
  });

  it('sees the torsion of the projective plane: long H1 and H2 bars over Z/2, none over Z/3', () => {
    const longest = (d: { birth: Float64Array; death: Float64Array }) => Math.max(0, ...Array.from(d.birth, (b, i) => d.death[i]! - b));
    const z2 = ripsPersistence({ points: rp2 }, { maxDim: 2 });
    const z3 = ripsPersistence({ points: rp2 }, { maxDim: 2, coefficients: 3 });
    expect(Array.from(z3[0]!.death)).toEqual(Array.from(z2[0]!.death));
    expect(longest(z2[1]!)).toBeGreaterThan(0.5);
    expect(longest(z3[1]!)).toBeLessThan(0.35);
    expect(longest(z2[2]!)).toBeGreaterThan(0.3);
    expect(longest(z3[2]!)).toBeLessThan(0.05);
  });

  it('rejects non-prime coefficients and cocycles outside Z/2', () => {
    expect(caught(() => ripsPersistence({ points: square }, { coefficients: 4 })).argument).toBe('options.coefficients');
    expect(caught(() => ripsPersistence({ points: square }, { coefficients: 1 })).argument).toBe('options.coefficients');
    expect(caught(() => ripsPersistence({ points: square }, { coefficients: 3, cocycles: true })).code).toBe('UNSUPPORTED');
  });
});

describe('ripsPersistence long-job hooks', () => {
  const pts = Array.from({ length: 60 }, (_, i) => [Math.cos(i * 0.37) * 2, Math.sin(i * 0.61), Math.cos(i * 1.3)]);

  it('reports progress per stage and dimension, ending at done = total', () => {
    const seen: { stage: string; dim: number; done: number; total: number }[] = [];
    ripsPersistence({ points: pts }, { maxDim: 2, onProgress: (p) => seen.push({ ...p }) });
    expect(seen.some((p) => p.stage === 'collapse')).toBe(true);
    for (const dim of [1, 2]) {
      const mine = seen.filter((p) => p.stage === 'reduce' && p.dim === dim);
      expect(mine.length).toBeGreaterThan(0);
      const last = mine[mine.length - 1]!;
      expect(last.done).toBe(last.total);
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.done).toBeGreaterThanOrEqual(mine[i - 1]!.done);
    }
  });

  it('stops with a GeoError ABORTED when the signal is aborted', () => {
    const ctl = new AbortController();
    ctl.abort(new Error('user cancelled'));
    const e = caught(() => ripsPersistence({ points: pts }, { maxDim: 2, signal: ctl.signal }));
    expect(e.code).toBe('ABORTED');
    expect(e.argument).toBe('options.signal');
    // aborting from the progress callback, mid-reduction
    const ctl2 = new AbortController();
    const e2 = caught(() =>
      ripsPersistence({ points: pts }, { maxDim: 1, signal: ctl2.signal, onProgress: (p) => (p.stage === 'reduce' ? ctl2.abort() : undefined) }),
    );
    expect(e2.code).toBe('ABORTED');
  });
});

describe('ripsPersistence bad input', () => {
  it('rejects non-finite coordinates, naming the point', () => {
    const e = caught(() => ripsPersistence({ points: [[0, 0], [1, Number.NaN]] }));
    expect(e.code).toBe('NOT_FINITE');
    expect(e.argument).toBe('input.points[1]');
    const f = caught(() => ripsPersistence({ points: Float64Array.of(0, 0, Infinity, 1), n: 2, d: 2 }));
    expect(f.code).toBe('NOT_FINITE');
    expect(f.argument).toBe('input.points[1]');
  });

  it('rejects ragged points and wrong buffer sizes', () => {
    expect(caught(() => ripsPersistence({ points: [[0, 0], [1]] })).argument).toBe('input.points[1]');
    expect(caught(() => ripsPersistence({ points: Float64Array.of(0, 0, 1), n: 2, d: 2 })).code).toBe('BAD_SHAPE');
    expect(caught(() => ripsPersistence({ distances: Float64Array.of(0, 1, 1), n: 2 })).code).toBe('BAD_SHAPE');
    expect(caught(() => ripsPersistence({ distances: [[0, 1], [1]] })).code).toBe('BAD_SHAPE');
    expect(caught(() => ripsPersistence({} as never)).argument).toBe('input');
  });

  it('rejects non-symmetric, negative, non-finite distances and a non-zero diagonal', () => {
    const ns = caught(() => ripsPersistence({ distances: [[0, 1], [2, 0]] }));
    expect(ns.code).toBe('OUT_OF_DOMAIN');
    expect(ns.argument).toBe('input.distances[0][1]');
    const neg = caught(() => ripsPersistence({ distances: [[0, -1], [-1, 0]] }));
    expect(neg.code).toBe('OUT_OF_DOMAIN');
    expect(neg.message).toMatch(/negative/);
    expect(caught(() => ripsPersistence({ distances: [[0, Number.NaN], [Number.NaN, 0]] })).code).toBe('NOT_FINITE');
    expect(caught(() => ripsPersistence({ distances: [[1, 1], [1, 0]] })).argument).toBe('input.distances[0][0]');
    expect(caught(() => ripsPersistence({ distances: Float64Array.of(-2), n: 2 })).code).toBe('OUT_OF_DOMAIN');
  });

  it('rejects bad options', () => {
    expect(caught(() => ripsPersistence({ points: square }, { maxDim: 1.5 })).argument).toBe('options.maxDim');
    expect(caught(() => ripsPersistence({ points: square }, { maxDim: -1 })).argument).toBe('options.maxDim');
    expect(caught(() => ripsPersistence({ points: square }, { threshold: -1 })).argument).toBe('options.threshold');
    expect(caught(() => ripsPersistence({ points: square }, { threshold: Number.NaN })).argument).toBe('options.threshold');
    expect(caught(() => ripsPersistence({ points: square }, { metric: 'cosine' as never })).argument).toBe('options.metric');
    expect(caught(() => ripsPersistence({ points: square }, { metric: () => -1 })).argument).toBe('options.metric');
    expect(caught(() => ripsPersistence({ points: square }, { memoryLimitBytes: -1 })).argument).toBe('options.memoryLimitBytes');
    const D = toDistanceMatrix({ points: square });
    expect(caught(() => ripsFromDistanceMatrix(D, { maxDim: 1, threshold: Number.NaN })).argument).toBe('options.threshold');
    expect(caught(() => ripsFromDistanceMatrix(D, { maxDim: 1.5, threshold: 1 })).argument).toBe('options.maxDim');
  });

  it('requires a threshold above dimension 2', () => {
    const e = caught(() => ripsPersistence({ points: square }, { maxDim: 3 }));
    expect(e.code).toBe('OUT_OF_RANGE');
    expect(e.argument).toBe('options.threshold');
    expect(ripsPersistence({ points: square }, { maxDim: 3, threshold: 1.5 })).toHaveLength(4);
  });

  it('refuses sizes that would not fit in memory before allocating them', () => {
    // the distance matrix alone: 1e5 points need 80 GB; the points array here is tiny (n, d given, one row of data is not even read)
    const huge = { points: new Float64Array(100_000), n: 100_000, d: 1 };
    const e = caught(() => ripsPersistence(huge));
    expect(e.code).toBe('OUT_OF_RANGE');
    expect(e.message).toMatch(/GiB/);
    // the simplices: 300 points, H2 at an infinite threshold without collapse is C(300,3) ~ 4.5e6
    // triangles, over a 10 MB budget
    const pts = Array.from({ length: 300 }, (_, i) => [Math.cos(i), Math.sin(i * 1.7)]);
    const t = caught(() => ripsPersistence({ points: pts }, { maxDim: 2, threshold: Infinity, collapse: false, memoryLimitBytes: 10e6 }));
    expect(t.code).toBe('OUT_OF_RANGE');
    expect(t.argument).toBe('options.threshold');
    // simplex indices beyond 2^53: C(10000, 5) ~ 8e17, refused before the 800 MB matrix is built
    const big = caught(() => ripsPersistence({ points: new Float64Array(10_000), n: 10_000, d: 1 }, { maxDim: 3, threshold: 1 }));
    expect(big.code).toBe('OUT_OF_RANGE');
    expect(big.message).toMatch(/2\^53/);
  });
});
