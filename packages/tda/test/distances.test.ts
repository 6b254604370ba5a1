import { GeoError } from '@geo/core';
import { describe, expect, it } from 'vitest';
import { bottleneckDistance, linearAssignment, toDiagram, wassersteinDistance } from '../src/index.js';

function caught(fn: () => unknown): GeoError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GeoError);
    return e as GeoError;
  }
  throw new Error('expected a GeoError, nothing was thrown');
}

describe('wassersteinDistance and bottleneckDistance', () => {
  it('match hand-computed values', () => {
    // one point against nothing: its distance to the diagonal, 2^(1/q) (d - b) / 2
    expect(wassersteinDistance([[0, 2]], [], { p: 1, internalP: Infinity })).toBe(1);
    expect(wassersteinDistance([[0, 2]], [], { p: 1, internalP: 2 })).toBeCloseTo(Math.SQRT2, 15);
    expect(wassersteinDistance([[0, 2]], [], { p: 2, internalP: 1 })).toBe(2);
    expect(bottleneckDistance([[0, 2]], [])).toBe(1);
    // moving a point beats sending both to the diagonal
    expect(wassersteinDistance([[0, 2]], [[0, 3]], { p: 1 })).toBe(1);
    expect(bottleneckDistance([[0, 2]], [[0, 2.5]])).toBe(0.5);
    // two far points: both go to the diagonal; W_2 = sqrt(1 + 1)
    expect(wassersteinDistance([[0, 2]], [[10, 12]], { p: 2 })).toBeCloseTo(Math.SQRT2, 15);
    expect(bottleneckDistance([[0, 2]], [[10, 12]])).toBe(1);
    expect(wassersteinDistance([], [])).toBe(0);
    expect(bottleneckDistance([], [])).toBe(0);
  });

  it('match essential classes only with essential classes, by birth', () => {
    const a = { birth: Float64Array.of(0, 0.5), death: Float64Array.of(Infinity, 1) };
    const b = [
      [0.25, null],
      [0.5, 1],
    ] as [number, number | null][];
    expect(wassersteinDistance(a, b, { p: 1 })).toBe(0.25);
    expect(bottleneckDistance(a, b)).toBe(0.25);
    expect(wassersteinDistance(a, [[0.5, 1]])).toBe(Infinity);
    expect(bottleneckDistance(a, [[0.5, 1]])).toBe(Infinity);
    expect(wassersteinDistance([[0, Infinity], [3, Infinity]], [[1, Infinity], [2, Infinity]], { p: 1 })).toBe(2);
  });

  it('p = Infinity is the bottleneck distance', () => {
    const a = [
      [0, 1],
      [0.2, 0.9],
    ] as [number, number][];
    const b = [[0.1, 1.3]] as [number, number][];
    expect(wassersteinDistance(a, b, { p: Infinity })).toBe(bottleneckDistance(a, b));
  });

  it('rejects bad diagrams and options, naming them', () => {
    expect(caught(() => wassersteinDistance([[1, 0]], [])).argument).toBe('a[0]');
    expect(caught(() => bottleneckDistance([], [[Number.NaN, 1]])).argument).toBe('b[0]');
    expect(caught(() => bottleneckDistance([], [[Infinity, Infinity]])).code).toBe('NOT_FINITE');
    expect(caught(() => wassersteinDistance([[0, 1, 2]] as never, [])).code).toBe('BAD_SHAPE');
    expect(caught(() => wassersteinDistance({ birth: [0, 1], death: [1] }, [])).code).toBe('BAD_LENGTH');
    expect(caught(() => wassersteinDistance('x' as never, [])).code).toBe('BAD_TYPE');
    expect(caught(() => wassersteinDistance([], [], { p: 0.5 })).argument).toBe('options.p');
    expect(caught(() => wassersteinDistance([], [], { internalP: Number.NaN })).argument).toBe('options.internalP');
    expect(caught(() => wassersteinDistance([], [], { p: Infinity, internalP: 2 })).code).toBe('UNSUPPORTED');
  });

  it('toDiagram turns null deaths into Infinity', () => {
    const d = toDiagram([
      [0, null],
      [1, 2],
    ]);
    expect(Array.from(d.death)).toEqual([Infinity, 2]);
  });

  it('linearAssignment solves a known 3 x 3 problem', () => {
    const C = Float64Array.of(4, 1, 3, 2, 0, 5, 3, 2, 2);
    const r = linearAssignment(C, 3);
    expect(r.cost).toBe(5);
    expect(Array.from(r.rowToCol)).toEqual([1, 0, 2]);
  });
});
