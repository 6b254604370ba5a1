import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, gemm } from '@geo/core';
import { alphaDecayKernel, diffusionOperator, gaussianKernel, singularValues, vonNeumannEntropy } from '../src/index.js';
import { upperBandToBidiagonal } from '../src/linalg/band-bidiagonal.js';
import { reduceToUpperBand } from '../src/linalg/band-reduction.js';
import { BLOCKED_MIN_N, singularValuesTwoStage, singularValuesUnblocked } from '../src/singular-values.js';
import { entropyCurve } from '../src/von-neumann-entropy.js';
import { cloud } from './helpers.js';
import { ENTROPY_ABS, NORM_PRESERVATION_REL, SINGULAR_VALUE_REL } from './tolerances.js';

const seeds = fc.integer({ min: 0, max: 2 ** 30 });
/** Sizes that take the blocked path and are not multiples of the band width. */
const blockedSizes = fc.integer({ min: BLOCKED_MIN_N, max: 170 });

/** A random orthogonal n x n matrix (modified Gram-Schmidt on a Gaussian matrix, twice). */
function orthogonal(seed: number, n: number): Float64Array {
  const Q = createRng(seed).derive('orthogonal').fillNormal(new Float64Array(n * n));
  for (let pass = 0; pass < 2; pass++) {
    for (let c = 0; c < n; c++) {
      for (let b = 0; b < c; b++) {
        let dot = 0;
        for (let r = 0; r < n; r++) dot += (Q[r * n + c] as number) * (Q[r * n + b] as number);
        for (let r = 0; r < n; r++) Q[r * n + c] = (Q[r * n + c] as number) - dot * (Q[r * n + b] as number);
      }
      let norm = 0;
      for (let r = 0; r < n; r++) norm += (Q[r * n + c] as number) ** 2;
      for (let r = 0; r < n; r++) Q[r * n + c] = (Q[r * n + c] as number) / Math.sqrt(norm);
    }
  }
  return Q;
}

/** U diag(s) V^T for random orthogonal U, V: a matrix whose singular values are exactly known (up to rounding in the product). */
function withSingularValues(seed: number, s: Float64Array): Float64Array {
  const n = s.length;
  const U = orthogonal(seed, n);
  const Vt = orthogonal(seed + 1, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) U[i * n + j] = (U[i * n + j] as number) * (s[j] as number);
  return gemm(U, Vt, n, n, n, new Float64Array(n * n));
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

function frobenius(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) ** 2;
  return Math.sqrt(s);
}

/** Structured test matrices: dense Gaussian, diffusion operators, rank-deficient, graded rows. */
const structured = fc.record({ seed: seeds, n: blockedSizes, kind: fc.constantFrom('gaussian', 'operator', 'low-rank', 'graded') });
function matrixOf(c: { seed: number; n: number; kind: string }): Float64Array {
  const { seed, n, kind } = c;
  const rng = createRng(seed).derive('matrix', kind);
  if (kind === 'gaussian') return rng.fillNormal(new Float64Array(n * n));
  if (kind === 'operator') return diffusionOperator(alphaDecayKernel(cloud(seed, n, 3), { knn: 5, decay: 40 })).P;
  if (kind === 'low-rank') {
    const r = 1 + (seed % 7);
    return gemm(rng.fillNormal(new Float64Array(n * r)), rng.fillNormal(new Float64Array(r * n)), n, r, n, new Float64Array(n * n));
  }
  const A = rng.fillNormal(new Float64Array(n * n));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A[i * n + j] = (A[i * n + j] as number) * 10 ** (-(12 * i) / n);
  return A;
}

describe('singular values: two-stage band reduction (properties)', () => {
  it('agree with the unblocked bidiagonalisation on random and structured matrices', () => {
    fc.assert(
      fc.property(structured, (c) => {
        const A = matrixOf(c);
        const fast = singularValues(A, c.n);
        const slow = singularValuesUnblocked(A, c.n);
        expect(maxAbsDiff(fast, slow)).toBeLessThanOrEqual(SINGULAR_VALUE_REL * Math.max(slow[0] as number, Number.MIN_VALUE));
      }),
      { numRuns: 20 },
    );
  });

  it('recover prescribed singular values, tiny and repeated ones included, for any band width', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 2, max: 90 }), fc.integer({ min: 1, max: 40 }), (seed, n, band) => {
        const rng = createRng(seed).derive('spectrum');
        // Half spread over [0, 1], a quarter tiny (1e-16..1e-8), the rest one repeated value.
        const s = new Float64Array(n);
        for (let i = 0; i < n; i++) s[i] = i % 4 === 1 ? 10 ** (-8 - 8 * rng.uniform()) : i % 4 === 3 ? 0.25 : rng.uniform();
        const expected = Float64Array.from(s).sort().reverse();
        const got = singularValuesTwoStage(withSingularValues(seed, s), n, band);
        expect(maxAbsDiff(got, expected)).toBeLessThanOrEqual(SINGULAR_VALUE_REL * (expected[0] as number));
      }),
      { numRuns: 30 },
    );
  });

  it('stage 1 leaves an upper band of the requested width and keeps the Frobenius norm', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 2, max: 120 }), fc.integer({ min: 1, max: 40 }), (seed, n, band) => {
        const A = createRng(seed).derive('band').fillNormal(new Float64Array(n * n));
        const before = frobenius(A);
        const nb = Math.min(band, n - 1);
        reduceToUpperBand(A, n, nb);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (j < i || j > i + nb) expect(A[i * n + j]).toBe(0);
        expect(Math.abs(frobenius(A) - before)).toBeLessThanOrEqual(NORM_PRESERVATION_REL * before * Math.sqrt(n));
      }),
      { numRuns: 30 },
    );
  });

  it('stage 2 leaves a bidiagonal matrix with the band matrix\'s Frobenius norm', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 2, max: 120 }), fc.integer({ min: 1, max: 40 }), (seed, n, band) => {
        const nb = Math.min(band, n - 1);
        const A = createRng(seed).derive('band').fillNormal(new Float64Array(n * n));
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (j < i || j > i + nb) A[i * n + j] = 0;
        const before = frobenius(A);
        const d = new Float64Array(n);
        const e = new Float64Array(n);
        upperBandToBidiagonal(A, n, nb, d, e);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (j !== i && j !== i + 1) expect(A[i * n + j]).toBe(0);
        expect(Math.abs(Math.hypot(frobenius(d), frobenius(e)) - before)).toBeLessThanOrEqual(NORM_PRESERVATION_REL * before * Math.sqrt(n));
      }),
      { numRuns: 30 },
    );
  });

  it('give the same von Neumann entropy curve as the unblocked path on diffusion operators', () => {
    fc.assert(
      fc.property(seeds, blockedSizes, fc.boolean(), (seed, n, alpha) => {
        const X = cloud(seed, n, 4);
        const op = diffusionOperator(alpha ? alphaDecayKernel(X, { knn: 5, decay: 40 }) : gaussianKernel(X, { sigma: 0.5 }));
        const H = vonNeumannEntropy(op, 100);
        expect(maxAbsDiff(H, entropyCurve(singularValuesUnblocked(op.P, n), 100))).toBeLessThanOrEqual(ENTROPY_ABS);
      }),
      { numRuns: 10 },
    );
  });
});
