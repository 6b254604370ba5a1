import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GeoError,
  assertFinite,
  assertFiniteNumber,
  assertInRange,
  assertInteger,
  assertLength,
  assertOneOf,
  assertPositive,
  assertSameLength,
  assertShape,
  isGeoError,
  toMatrix,
} from '../src/index.js';

/** Runs `fn` and returns the GeoError it throws (failing the test if it does not). */
function caught(fn: () => unknown): GeoError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GeoError);
    return e as GeoError;
  }
  throw new Error('expected a GeoError, nothing was thrown');
}

describe('GeoError', () => {
  it('carries code, argument, expected and actual', () => {
    const e = new GeoError('BAD_SHAPE', 'x is wrong', { argument: 'x', expected: [2, 3], actual: 5 });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('GeoError');
    expect(e.code).toBe('BAD_SHAPE');
    expect(e.argument).toBe('x');
    expect(e.expected).toEqual([2, 3]);
    expect(e.actual).toBe(5);
    expect(isGeoError(e, 'BAD_SHAPE')).toBe(true);
    expect(isGeoError(e, 'NOT_FINITE')).toBe(false);
    expect(isGeoError(new Error('x'))).toBe(false);
  });
});

describe('validators', () => {
  it('assertFinite accepts every finite array and names the first bad index', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true })), (xs) => {
        expect(() => assertFinite(xs, 'x')).not.toThrow();
        expect(() => assertFinite(Float64Array.from(xs), 'x')).not.toThrow();
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1 }),
        fc.nat(),
        fc.constantFrom(Number.NaN, Infinity, -Infinity),
        (xs, at, bad) => {
          const i = at % xs.length;
          const ys = [...xs];
          ys[i] = bad;
          const e = caught(() => assertFinite(ys, 'x'));
          expect(e.code).toBe('NOT_FINITE');
          expect(e.argument).toBe(`x[${i}]`);
        },
      ),
    );
  });

  it('assertFinite rejects non-arrays with BAD_TYPE', () => {
    expect(caught(() => assertFinite('12' as unknown as number[], 'x')).code).toBe('BAD_TYPE');
    expect(caught(() => assertFinite(null as unknown as number[], 'x')).code).toBe('BAD_TYPE');
  });

  it('assertFiniteNumber distinguishes type from finiteness', () => {
    expect(caught(() => assertFiniteNumber('1', 'c')).code).toBe('BAD_TYPE');
    expect(caught(() => assertFiniteNumber(Number.NaN, 'c')).code).toBe('NOT_FINITE');
    expect(() => assertFiniteNumber(0, 'c')).not.toThrow();
  });

  it('assertLength and assertSameLength report expected and actual', () => {
    const e = caught(() => assertLength([1, 2], 3, 'v'));
    expect([e.code, e.expected, e.actual]).toEqual(['BAD_LENGTH', 3, 2]);
    expect(caught(() => assertSameLength([1], [1, 2], 'x', 'y')).argument).toBe('y');
    expect(() => assertSameLength([1], [2], 'x', 'y')).not.toThrow();
  });

  it('assertShape checks the product of the dimensions', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 4 }), (shape) => {
        const size = shape.reduce((a, b) => a * b, 1);
        expect(() => assertShape(new Float64Array(size), shape, 'a')).not.toThrow();
        expect(caught(() => assertShape(new Float64Array(size + 1), shape, 'a')).code).toBe('BAD_SHAPE');
      }),
    );
    expect(caught(() => assertShape([], [-1], 'a')).code).toBe('BAD_SHAPE');
  });

  it('assertInRange honours open and closed ends', () => {
    expect(() => assertInRange(0, 'c', { min: 0 })).not.toThrow();
    expect(caught(() => assertInRange(0, 'c', { min: 0, minInclusive: false })).code).toBe('OUT_OF_RANGE');
    expect(caught(() => assertInRange(1, 'p', { max: 1, maxInclusive: false })).code).toBe('OUT_OF_RANGE');
    expect(caught(() => assertPositive(-1e-300, 'c')).argument).toBe('c');
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), (lo, span) => {
        expect(() => assertInRange(lo + span / 2, 'x', { min: lo, max: lo + span })).not.toThrow();
      }),
    );
  });

  it('assertInteger rejects fractions and out-of-range integers', () => {
    expect(caught(() => assertInteger(1.5, 'k')).code).toBe('NOT_INTEGER');
    expect(caught(() => assertInteger(-1, 'k', { min: 0 })).code).toBe('OUT_OF_RANGE');
    expect(() => assertInteger(3, 'k', { min: 0, max: 3 })).not.toThrow();
  });

  it('assertOneOf lists the allowed values', () => {
    const e = caught(() => assertOneOf('pcb', ['mds', 'pca'], 'method'));
    expect(e.message).toContain('"mds"');
    expect(e.expected).toEqual(['mds', 'pca']);
  });
});

describe('toMatrix', () => {
  it('round-trips arrays of rows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 36, maxLength: 36 }),
        (rows, cols, pool) => {
          const input = Array.from({ length: rows }, (_, i) => pool.slice(i * cols, i * cols + cols));
          const m = toMatrix(input, 'X');
          expect([m.rows, m.cols]).toEqual([rows, rows === 0 ? 0 : cols]);
          expect([...m.data]).toEqual(input.flat());
        },
      ),
    );
  });

  it('rejects ragged rows, bad shapes and NaN', () => {
    expect(caught(() => toMatrix([[1, 2], [3]], 'X')).argument).toBe('X[1]');
    expect(caught(() => toMatrix({ data: [1, 2, 3], rows: 2, cols: 2 }, 'X')).code).toBe('BAD_SHAPE');
    expect(caught(() => toMatrix([[1, Number.NaN]], 'X')).code).toBe('NOT_FINITE');
  });
});
