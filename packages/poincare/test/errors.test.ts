// Bad input: a GeoError with a code and the argument's name, never a NaN or a crash.
import { GeoError } from '@geo/core';
import { describe, expect, it } from 'vitest';
import * as P from '../src/index.js';

function thrown(f: () => unknown): GeoError {
  try {
    f();
  } catch (e) {
    if (e instanceof GeoError) return e;
    throw new Error(`threw a non-GeoError: ${String(e)}`);
  }
  throw new Error('did not throw');
}

const inside = [0.1, 0.2];
const outside = [0.8, 0.8];

describe('errors name the argument', () => {
  it('points outside the ball (or on it)', () => {
    expect(thrown(() => P.mobiusAdd(outside, inside, 1))).toMatchObject({ code: 'OUT_OF_DOMAIN', argument: 'x' });
    expect(thrown(() => P.mobiusAdd(inside, outside, 1))).toMatchObject({ code: 'OUT_OF_DOMAIN', argument: 'y' });
    expect(thrown(() => P.dist(inside, [1, 0], 1))).toMatchObject({ code: 'OUT_OF_DOMAIN', argument: 'y' });
    expect(thrown(() => P.expmap([0, 0.5], [1, 0], 5))).toMatchObject({ code: 'OUT_OF_DOMAIN', argument: 'x' });
    expect(thrown(() => P.kleinToPoincare(outside, 1))).toMatchObject({ argument: 'k' });
    expect(thrown(() => P.gyration(inside, outside, inside, 1))).toMatchObject({ argument: 'v' });
    expect(thrown(() => P.einsteinMidpoint([inside, outside], undefined, 1))).toMatchObject({ argument: 'points[1]' });
    expect(thrown(() => P.distBatch([0, 0, 0.9, 0.9], [0, 0], 2, 1))).toMatchObject({ code: 'OUT_OF_DOMAIN', argument: 'x[1]' });
    expect(thrown(() => P.conformalFactor([3, 4], 0.04))).toMatchObject({ argument: 'x' }); // radius 5: |x| = 5 is on the boundary
  });

  it('non-finite values', () => {
    expect(thrown(() => P.mobiusAdd([NaN, 0], inside, 1))).toMatchObject({ code: 'NOT_FINITE', argument: 'x[0]' });
    expect(thrown(() => P.expmap(inside, [0, Infinity], 1))).toMatchObject({ code: 'NOT_FINITE', argument: 'v[1]' });
    expect(thrown(() => P.mobiusScalar(NaN, inside, 1))).toMatchObject({ code: 'NOT_FINITE', argument: 'r' });
    expect(thrown(() => P.expmapBatch([0, 0, 0, 0], [0, 0, 1, NaN], 2, 1))).toMatchObject({ code: 'NOT_FINITE', argument: 'v[1, 1]' });
    expect(thrown(() => P.logmapBatch([0, 0, 0, NaN], [0, 0], 2, 1))).toMatchObject({ code: 'NOT_FINITE', argument: 'x[1, 1]' });
    expect(thrown(() => P.transpBatch([0, 0], [0, 0], [NaN, 0], 2, 1))).toMatchObject({ code: 'NOT_FINITE', argument: 'v[0, 0]' });
    expect(thrown(() => P.einsteinMidpoint([inside], [NaN], 1))).toMatchObject({ code: 'NOT_FINITE', argument: 'weights[0]' });
    expect(thrown(() => P.innerBatch([0, 0], [1, 0], [0, NaN], 2, 1))).toMatchObject({ code: 'NOT_FINITE', argument: 'v[0, 1]' });
    // finite vectors whose inner product overflows are not an input error
    expect(P.innerBatch([0, 0], [1e200, 0], [1e200, 0], 2, 1)[0]).toBe(Infinity);
  });

  it('mismatched lengths and shapes', () => {
    expect(thrown(() => P.mobiusAdd([0, 0], [0, 0, 0], 1))).toMatchObject({ code: 'BAD_LENGTH', argument: 'y' });
    expect(thrown(() => P.inner([0, 0], [1, 0], [1], 1))).toMatchObject({ code: 'BAD_LENGTH', argument: 'v' });
    expect(thrown(() => P.mobiusMatvec([1, 2, 3], 2, 2, [0, 0], 1))).toMatchObject({ code: 'BAD_SHAPE', argument: 'm' });
    expect(thrown(() => P.mobiusAddBatch([0, 0, 0], [0, 0], 2, 1))).toMatchObject({ code: 'BAD_SHAPE', argument: 'x' });
    expect(thrown(() => P.distBatch([0, 0, 0, 0], [0, 0, 0, 0, 0, 0], 2, 1))).toMatchObject({ code: 'BAD_SHAPE', argument: 'y' });
    expect(thrown(() => P.expmapBatch([0, 0], [0, 0], 2, 1, new Float64Array(3)))).toMatchObject({ code: 'BAD_LENGTH', argument: 'out' });
    expect(thrown(() => P.einsteinMidpoint([[0, 0], [0]], undefined, 1))).toMatchObject({ argument: 'points[1]' });
    expect(thrown(() => P.einsteinMidpoint([inside, inside], [1], 1))).toMatchObject({ code: 'BAD_LENGTH', argument: 'weights' });
    expect(thrown(() => P.einsteinMidpoint([], undefined, 1))).toMatchObject({ argument: 'points' });
    expect(thrown(() => P.mobiusAdd([], [], 1))).toMatchObject({ code: 'BAD_LENGTH', argument: 'x' });
  });

  it('curvature c <= 0 or non-finite, and other out-of-range options', () => {
    for (const c of [0, -1, NaN, Infinity]) expect(thrown(() => P.dist(inside, inside, c)).argument).toBe('c');
    expect(thrown(() => P.project(inside, 1, 1))).toMatchObject({ code: 'OUT_OF_RANGE', argument: 'eps' });
    expect(thrown(() => P.einsteinMidpoint([inside, inside], [1, -1], 1))).toMatchObject({ code: 'OUT_OF_RANGE', argument: 'weights[1]' });
    expect(thrown(() => P.einsteinMidpoint([inside, inside], [0, 0], 1))).toMatchObject({ code: 'OUT_OF_RANGE', argument: 'weights' });
    expect(thrown(() => P.mobiusAddBatch([0, 0], [0, 0], 0, 1))).toMatchObject({ argument: 'dim' });
  });

  it('hyperboloid points off the upper sheet', () => {
    expect(thrown(() => P.hyperboloidToPoincare([-1, 0, 0], 1))).toMatchObject({ code: 'OUT_OF_DOMAIN', argument: 'h' });
    expect(thrown(() => P.hyperboloidToPoincare([2, 0, 0], 1))).toMatchObject({ code: 'OUT_OF_DOMAIN', argument: 'h' });
    expect(thrown(() => P.hyperboloidToPoincare([1], 1))).toMatchObject({ code: 'BAD_LENGTH', argument: 'h' });
    expect(thrown(() => P.hyperboloidToPoincareBatch([1, 0, 0, 2, 0, 0], 2, 1))).toMatchObject({ argument: 'h[1]' });
  });
});
