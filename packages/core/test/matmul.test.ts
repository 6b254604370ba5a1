import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GeoError, createRng, matmul, transpose } from '../src/index.js';
import { MATMUL_REL } from './tolerances.js';

/** The textbook triple loop: the reference every fast kernel must match. */
function naive(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (a[i * k + p] as number) * (b[p * n + j] as number);
      c[i * n + j] = s;
    }
  }
  return c;
}

/** Entrywise |C - R| <= tol * (|A| |B|)_ij, the classical bound for different summation orders. */
function expectClose(c: Float64Array, r: Float64Array, a: Float64Array, b: Float64Array, m: number, k: number, n: number): void {
  const absA = a.map(Math.abs);
  const absB = b.map(Math.abs);
  const bound = naive(absA, absB, m, k, n);
  const tol = MATMUL_REL(k);
  for (let i = 0; i < m * n; i++) {
    expect(Math.abs((c[i] as number) - (r[i] as number))).toBeLessThanOrEqual(tol * (bound[i] as number));
  }
}

const dims = fc.record({ m: fc.integer({ min: 0, max: 13 }), k: fc.integer({ min: 0, max: 300 }), n: fc.integer({ min: 0, max: 13 }), seed: fc.nat() });

function random(seed: number, len: number): Float64Array {
  return createRng(seed).fillNormal(new Float64Array(len));
}

describe('matmul', () => {
  it('matches the naive triple loop for every shape, including edges that are not multiples of 4 and k past one block', () => {
    fc.assert(
      fc.property(dims, ({ m, k, n, seed }) => {
        const a = random(seed, m * k);
        const b = random(seed + 1, k * n);
        expectClose(matmul(a, b, m, k, n), naive(a, b, m, k, n), a, b, m, k, n);
      }),
    );
  });

  it('matches the naive loop at sizes that exercise full tiles and several k-blocks', () => {
    for (const [m, k, n] of [[64, 64, 64], [130, 513, 67], [4, 1000, 4]] as const) {
      const a = random(m, m * k);
      const b = random(n, k * n);
      expectClose(matmul(a, b, m, k, n), naive(a, b, m, k, n), a, b, m, k, n);
    }
  });

  it('is exact on small integers (no rounding at all)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.nat(), (m, k, n, seed) => {
        const rng = createRng(seed);
        const a = Float64Array.from({ length: m * k }, () => rng.int(-50, 50));
        const b = Float64Array.from({ length: k * n }, () => rng.int(-50, 50));
        expect(matmul(a, b, m, k, n)).toEqual(naive(a, b, m, k, n));
      }),
    );
  });

  it('satisfies (AB)^T = B^T A^T exactly (same products, same order per entry)', () => {
    fc.assert(
      fc.property(dims, ({ m, k, n, seed }) => {
        const a = random(seed, m * k);
        const b = random(seed + 7, k * n);
        const left = transpose(matmul(a, b, m, k, n), m, n);
        const right = matmul(transpose(b, k, n), transpose(a, m, k), n, k, m);
        expectClose(left, right, transpose(b, k, n), transpose(a, m, k), n, k, m);
      }),
    );
  });

  it('writes into out, overwriting what was there, and accepts plain arrays', () => {
    const out = new Float64Array(4).fill(99);
    expect(matmul([1, 2, 3, 4], [5, 6, 7, 8], 2, 2, 2, out)).toBe(out);
    expect([...out]).toEqual([19, 22, 43, 50]);
  });

  it('rejects mismatched shapes and non-finite entries with GeoErrors naming the operand', () => {
    const shape = (() => {
      try {
        matmul(new Float64Array(6), new Float64Array(6), 2, 3, 3);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(shape).toBeInstanceOf(GeoError);
    expect((shape as GeoError).argument).toBe('b');
    expect(() => matmul([1, Number.NaN], [1, 1], 1, 2, 1)).toThrowError(/a\[1\]/);
    expect(() => matmul([1], [1], 1, 1, 1, new Float64Array(2))).toThrowError(GeoError);
    expect(() => matmul([1], [1], 1.5, 1, 1)).toThrowError(GeoError);
  });
});
