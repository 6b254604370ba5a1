import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GeoError, createRng, denseOperator, eigh, topEigenpairs, type EigenWhich } from '../src/index.js';
import { LANCZOS_VALUE_REL, LANCZOS_VECTOR_ABS } from './tolerances.js';

function randomSymmetric(seed: number, n: number): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const x = rng.normal();
      a[i * n + j] = x;
      a[j * n + i] = x;
    }
  }
  return a;
}

function expectedOrder(values: Float64Array, which: EigenWhich): number[] {
  const idx = Array.from({ length: values.length }, (_, i) => i);
  const key = (i: number): number => (which === 'largest' ? -(values[i] as number) : which === 'smallest' ? (values[i] as number) : -Math.abs(values[i] as number));
  return idx.sort((i, j) => key(i) - key(j));
}

describe('topEigenpairs', () => {
  it('agrees with the dense solver on the k extreme eigenvalues, for every `which`', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 80 }),
        fc.integer({ min: 1, max: 6 }),
        fc.nat(),
        fc.constantFrom<EigenWhich>('largest', 'smallest', 'magnitude'),
        (n, kRaw, seed, which) => {
          const k = Math.min(kRaw, n);
          const a = randomSymmetric(seed, n);
          const dense = eigh(a, n);
          const order = expectedOrder(dense.values, which);
          const result = topEigenpairs({ data: a, n }, k, { which, seed });
          const radius = Math.max(...Array.from(dense.values, Math.abs));
          for (let j = 0; j < k; j++) {
            expect(Math.abs((result.values[j] as number) - (dense.values[order[j] as number] as number)) / radius).toBeLessThanOrEqual(LANCZOS_VALUE_REL);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('returns unit eigenvectors with small residuals that match the dense ones up to sign when separated', () => {
    const n = 300;
    const k = 4;
    // Prescribed, well-separated top of the spectrum on a random orthogonal basis (diagonal + rotation by eigh itself).
    const base = eigh(randomSymmetric(3, n), n).vectors;
    const spectrum = Float64Array.from({ length: n }, (_, i) => (i < n - k ? i / n : 10 + (i - (n - k)) * 2));
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let l = 0; l < n; l++) s += (base[i * n + l] as number) * (spectrum[l] as number) * (base[j * n + l] as number);
        a[i * n + j] = s;
      }
    }
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[j * n + i] = a[i * n + j] as number;
    const result = topEigenpairs(denseOperator(a, n), k);
    for (let j = 0; j < k; j++) {
      const col = n - 1 - j; // spectrum ascending: largest is last
      expect(Math.abs((result.values[j] as number) - (spectrum[col] as number))).toBeLessThanOrEqual(LANCZOS_VALUE_REL * 20);
      let dot = 0;
      let norm = 0;
      for (let i = 0; i < n; i++) {
        dot += (result.vectors[i * k + j] as number) * (base[i * n + col] as number);
        norm += (result.vectors[i * k + j] as number) ** 2;
      }
      expect(Math.abs(norm - 1)).toBeLessThanOrEqual(LANCZOS_VECTOR_ABS);
      expect(1 - Math.abs(dot)).toBeLessThanOrEqual(LANCZOS_VECTOR_ABS);
    }
  });

  it('handles a repeated top eigenvalue (identity plus a low-rank part) and a matrix-free operator', () => {
    const n = 200;
    // A = I + 5 e e^T / n: eigenvalue 6 once, 1 with multiplicity n - 1.
    const op = {
      n,
      apply(x: Float64Array, out: Float64Array) {
        let s = 0;
        for (let i = 0; i < n; i++) s += x[i] as number;
        for (let i = 0; i < n; i++) out[i] = (x[i] as number) + (5 * s) / n;
      },
    };
    const result = topEigenpairs(op, 3);
    expect(result.values[0]).toBeCloseTo(6, 10);
    expect(result.values[1]).toBeCloseTo(1, 10);
    expect(result.values[2]).toBeCloseTo(1, 10);
  });

  it('is deterministic for a seed', () => {
    const a = randomSymmetric(9, 60);
    const r1 = topEigenpairs({ data: a, n: 60 }, 3, { seed: 4 });
    const r2 = topEigenpairs({ data: a, n: 60 }, 3, { seed: 4 });
    expect(r1.vectors).toEqual(r2.vectors);
  });

  it('rejects bad k, options and non-symmetric matrices, and can be aborted', () => {
    const a = randomSymmetric(1, 10);
    expect(() => topEigenpairs({ data: a, n: 10 }, 11)).toThrowError(GeoError);
    expect(() => topEigenpairs({ data: a, n: 10 }, 0)).toThrowError(GeoError);
    expect(() => topEigenpairs({ data: a, n: 10 }, 2, { which: 'biggest' as EigenWhich })).toThrowError(/options.which/);
    expect(() => denseOperator([1, 2, 3, 4], 2)).toThrowError(/symmetric/);
    const controller = new AbortController();
    controller.abort();
    expect(() => topEigenpairs({ data: randomSymmetric(2, 200), n: 200 }, 5, { signal: controller.signal, basisSize: 12 })).toThrowError(/aborted/);
  });
});
