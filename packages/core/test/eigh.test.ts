import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GeoError, createRng, eigh, matmul, transpose } from '../src/index.js';
import { EIGENVALUE_REL, EIGEN_RESIDUAL_REL } from './tolerances.js';

interface Fixture {
  name: string;
  n: number;
  a: number[];
  values: number[];
}
const fixtures = (JSON.parse(readFileSync(new URL('./fixtures/eigh-reference.json', import.meta.url), 'utf8')) as { cases: Fixture[] }).cases;

function frobenius(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] as number) ** 2;
  return Math.sqrt(s);
}

/** |A V - V diag(w)|_F / |A|_F and |V^T V - I|_F. */
function decompositionErrors(a: Float64Array, n: number): { residual: number; orthogonality: number; values: Float64Array } {
  const { values, vectors } = eigh(a, n);
  const av = matmul(a, vectors, n, n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) av[i * n + j] = (av[i * n + j] as number) - (vectors[i * n + j] as number) * (values[j] as number);
  const vtv = matmul(transpose(vectors, n, n), vectors, n, n, n);
  for (let i = 0; i < n; i++) vtv[i * n + i] = (vtv[i * n + i] as number) - 1;
  const scale = Math.max(frobenius(a), Number.MIN_VALUE);
  return { residual: frobenius(av) / scale, orthogonality: frobenius(vtv), values };
}

function randomSymmetric(seed: number, n: number, scale = 1): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const x = rng.normal() * scale;
      a[i * n + j] = x;
      a[j * n + i] = x;
    }
  }
  return a;
}

describe('eigh against 60-digit reference eigenvalues', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, f) => {
    const { residual, orthogonality, values } = decompositionErrors(Float64Array.from(f.a), f.n);
    const largest = Math.max(...f.values.map(Math.abs), Number.MIN_VALUE);
    for (let i = 0; i < f.n; i++) {
      expect(Math.abs((values[i] as number) - (f.values[i] as number)) / largest).toBeLessThanOrEqual(EIGENVALUE_REL);
    }
    expect(residual).toBeLessThanOrEqual(EIGEN_RESIDUAL_REL(f.n));
    expect(orthogonality).toBeLessThanOrEqual(EIGEN_RESIDUAL_REL(f.n));
  });
});

describe('eigh properties', () => {
  it('A = V diag(w) V^T with V orthonormal and w ascending, for random symmetric matrices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(), fc.constantFrom(1, 1e-150, 1e150), (n, seed, scale) => {
        const { residual, orthogonality, values } = decompositionErrors(randomSymmetric(seed, n, scale), n);
        expect(residual).toBeLessThanOrEqual(EIGEN_RESIDUAL_REL(n));
        expect(orthogonality).toBeLessThanOrEqual(EIGEN_RESIDUAL_REL(n));
        for (let i = 1; i < n; i++) expect(values[i] as number).toBeGreaterThanOrEqual(values[i - 1] as number);
      }),
      { numRuns: 40 },
    );
  });

  it('recovers a prescribed spectrum with repeats: A = Q diag(w) Q^T for a Householder Q', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 24 }),
        fc.nat(),
        (spectrum, seed) => {
          const n = spectrum.length;
          const v = createRng(seed).fillNormal(new Float64Array(n));
          const vv = v.reduce((s, x) => s + x * x, 0);
          // Q = I - 2 v v^T / v^T v is symmetric orthogonal; A = Q D Q.
          const q = new Float64Array(n * n);
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) q[i * n + j] = (i === j ? 1 : 0) - (2 * (v[i] as number) * (v[j] as number)) / vv;
          const d = new Float64Array(n * n);
          spectrum.forEach((w, i) => (d[i * n + i] = w));
          const a = matmul(matmul(q, d, n, n, n), q, n, n, n);
          for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[j * n + i] = a[i * n + j] as number;
          const { values } = eigh(a, n);
          const expected = [...spectrum].sort((x, y) => x - y);
          for (let i = 0; i < n; i++) expect(Math.abs((values[i] as number) - (expected[i] as number))).toBeLessThanOrEqual(EIGENVALUE_REL * 3 * n);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is invariant under a symmetric permutation of rows and columns', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.nat(), (n, seed) => {
        const a = randomSymmetric(seed, n);
        const p = createRng(seed).permutation(n);
        const b = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) b[i * n + j] = a[(p[i] as number) * n + (p[j] as number)] as number;
        const wa = eigh(a, n).values;
        const wb = eigh(b, n).values;
        const largest = Math.max(...Array.from(wa, Math.abs), Number.MIN_VALUE);
        for (let i = 0; i < n; i++) expect(Math.abs((wa[i] as number) - (wb[i] as number)) / largest).toBeLessThanOrEqual(EIGEN_RESIDUAL_REL(n));
      }),
      { numRuns: 40 },
    );
  });

  it('gives the closed-form spectrum of the second-difference matrix, 2 - 2 cos(j pi / (n + 1))', () => {
    const n = 100;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = 2;
      if (i > 0) a[i * n + i - 1] = a[(i - 1) * n + i] = -1;
    }
    const { values } = eigh(a, n);
    for (let j = 1; j <= n; j++) expect(Math.abs((values[j - 1] as number) - (2 - 2 * Math.cos((j * Math.PI) / (n + 1))))).toBeLessThanOrEqual(EIGENVALUE_REL * 4);
  });

  it('gives the same eigenvalues without eigenvectors, and no vectors', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.nat(), (n, seed) => {
        const a = randomSymmetric(seed, n);
        const full = eigh(a, n);
        const valuesOnly = eigh(a, n, { vectors: false });
        expect(valuesOnly.vectors).toHaveLength(0);
        const largest = Math.max(...Array.from(full.values, Math.abs));
        for (let i = 0; i < n; i++) expect(Math.abs((valuesOnly.values[i] as number) - (full.values[i] as number)) / largest).toBeLessThanOrEqual(EIGEN_RESIDUAL_REL(n));
      }),
      { numRuns: 30 },
    );
  });

  it('rejects non-symmetric, non-finite and mis-shaped input', () => {
    const err = (() => {
      try {
        eigh([1, 2, 3, 4], 2);
      } catch (e) {
        return e as GeoError;
      }
      return null;
    })();
    expect(err?.code).toBe('OUT_OF_DOMAIN');
    expect(err?.argument).toBe('a');
    expect(() => eigh([1, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 1], 2)).toThrowError(GeoError);
    expect(() => eigh([1, 2, 3], 2)).toThrowError(/shape/);
    expect(eigh([], 0).values).toHaveLength(0);
  });
});
