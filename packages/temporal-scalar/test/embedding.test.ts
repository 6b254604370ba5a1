import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '@geo/core';
import {
  landmarkScalarEmbedding,
  mlpFromParameters,
  orientEmbedding,
  pairwiseDistances,
  parameterVector,
  permuteHiddenUnits,
  scalarEmbedding,
  trajectoryDistanceMatrix,
} from '../src/index.js';
import type { MlpWeights } from '../src/index.js';
import { applyIsometry, geoError, maxAbsDiff, randomMlp, randomOrthogonal, randomWalk, spread } from './helpers.js';
import { EMBEDDING_REL, LANDMARK_APPROX_REL } from './tolerances.js';

/** Snapshots at positions s_t along a random line p + s u in R^P. */
function lineTrajectory(positions: readonly number[], P: number, seed: number): Float64Array {
  const rng = createRng(seed).derive('line');
  const p = rng.fillNormal(new Float64Array(P));
  const u = rng.fillNormal(new Float64Array(P));
  const norm = Math.hypot(...u);
  const x = new Float64Array(positions.length * P);
  positions.forEach((s, t) => {
    for (let k = 0; k < P; k++) x[t * P + k] = (p[k] as number) + (s * (u[k] as number)) / norm;
  });
  return x;
}

/** x matches s up to one sign and one shift, within tol * spread(s). */
function equalUpToSignShift(x: ArrayLike<number>, s: ArrayLike<number>, tol: number): boolean {
  const n = s.length;
  const ms = Array.from(s).reduce((a, b) => a + b, 0) / n;
  const mx = Array.from(x).reduce((a, b) => a + b, 0) / n;
  const scale = Math.max(spread(s), 1e-300);
  const errPlus = Math.max(...Array.from({ length: n }, (_, i) => Math.abs((x[i] as number) - mx - ((s[i] as number) - ms))));
  const errMinus = Math.max(...Array.from({ length: n }, (_, i) => Math.abs((x[i] as number) - mx + ((s[i] as number) - ms))));
  return Math.min(errPlus, errMinus) <= tol * scale;
}

const positionsArb = fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 2, maxLength: 40 });

describe('scalarEmbedding', () => {
  it('recovers a trajectory along a line exactly up to sign and shift (property)', () => {
    fc.assert(
      fc.property(positionsArb, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 1e6 }), (pos, P, seed) => {
        if (spread(pos) < 1e-6) return true;
        const x = lineTrajectory(pos, P, seed);
        const d = pairwiseDistances(x, pos.length, P);
        return equalUpToSignShift(scalarEmbedding(d).x, pos, EMBEDDING_REL);
      }),
    );
  });

  it('follows time with the default sign, is centred, and the example holds', () => {
    const { x, explained } = scalarEmbedding([0, 1, 3, 1, 0, 2, 3, 2, 0]);
    expect(maxAbsDiff(x, [-4 / 3, -1 / 3, 5 / 3])).toBeLessThan(1e-12);
    expect(Math.abs(explained - 1)).toBeLessThan(1e-12);
    const back = scalarEmbedding([0, 2, 3, 2, 0, 1, 3, 1, 0]).x; // the same line walked backwards
    expect(maxAbsDiff(back, [-5 / 3, 1 / 3, 4 / 3])).toBeLessThan(1e-12);
    const first = scalarEmbedding([0, 1, 3, 1, 0, 2, 3, 2, 0], { shift: 'first' }).x;
    expect(maxAbsDiff(first, [0, 1, 3])).toBeLessThan(1e-12);
  });

  it('is invariant to isometries of parameter space (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 30 }), fc.integer({ min: 2, max: 7 }), fc.integer({ min: 0, max: 1e6 }), fc.constantFrom('mds' as const, 'pca' as const), (T, P, seed, method) => {
        const x = randomWalk(T, P, seed);
        const q = randomOrthogonal(P, seed);
        const b = createRng(seed).derive('shift').fillNormal(new Float64Array(P), 0, 10);
        const y = applyIsometry(x, T, P, q, b);
        const e1 = scalarEmbedding(pairwiseDistances(x, T, P), { method });
        const e2 = scalarEmbedding(pairwiseDistances(y, T, P), { method });
        if (Math.abs(e1.eigenvalues[0] - e1.eigenvalues[1]) < 1e-6 * e1.eigenvalues[0]) return true; // degenerate: direction not unique
        return maxAbsDiff(e1.x, e2.x) <= 1e-6 * Math.max(spread(e1.x), 1e-300);
      }),
      { numRuns: 60 },
    );
  });

  it('is invariant to hidden-neuron permutations with graph distances (property)', () => {
    const sizes = [4, 6, 3];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.constantFrom('spectral' as const, 'frobenius' as const), (seed, distance) => {
        const theta = parameterVector(randomMlp(sizes, seed));
        const rng = createRng(seed).derive('steps');
        const snaps: MlpWeights[] = [];
        for (let t = 0; t < 12; t++) {
          for (let i = 0; i < theta.length; i++) theta[i] = (theta[i] as number) + 0.05 * rng.normal() + 0.01;
          snaps.push(mlpFromParameters(sizes, theta));
        }
        const relabelled = snaps.map((m) => permuteHiddenUnits(m, [rng.permutation(6)]));
        const opts = { distance, permutationInvariant: true };
        const e1 = scalarEmbedding(trajectoryDistanceMatrix(snaps, opts)).x;
        const e2 = scalarEmbedding(trajectoryDistanceMatrix(relabelled, opts)).x;
        return maxAbsDiff(e1, e2) <= EMBEDDING_REL * Math.max(spread(e1), 1e-300);
      }),
      { numRuns: 20 },
    );
  });

  it('PCA variants track position along a line (rank correlation) and follow time', () => {
    // Rows of D are |s_i - s_j|: not linear in s, so PC1 need not be exactly monotone at the ends.
    const pos = [0, 0.5, 1.7, 2, 3.5, 4, 6.1, 7, 7.5, 9];
    const x = lineTrajectory(pos, 5, 9);
    const d = pairwiseDistances(x, pos.length, 5);
    const ranks = (v: ArrayLike<number>): number[] => {
      const idx = Array.from({ length: v.length }, (_, i) => i).sort((a, b) => (v[a] as number) - (v[b] as number));
      const r = new Array<number>(v.length);
      idx.forEach((i, k) => (r[i] = k));
      return r;
    };
    for (const variant of ['centered', 'standardized'] as const) {
      const e = scalarEmbedding(d, { method: 'pca', variant }).x;
      const re = ranks(e);
      const n = pos.length;
      const rho = 1 - (6 * re.reduce((acc, r, i) => acc + (r - i) ** 2, 0)) / (n * (n * n - 1));
      expect(rho).toBeGreaterThan(0.9);
    }
  });

  it('uses Lanczos on long trajectories and agrees with the line', () => {
    const pos = Array.from({ length: 450 }, (_, t) => Math.sin(t / 50) * 10 + t * 0.01);
    const x = lineTrajectory(pos, 3, 4);
    expect(equalUpToSignShift(scalarEmbedding(pairwiseDistances(x, 450, 3)).x, pos, EMBEDDING_REL)).toBe(true);
  });

  it('gives zeros when every snapshot coincides, and rejects bad matrices', () => {
    expect(Array.from(scalarEmbedding(new Float64Array(9)).x)).toEqual([0, 0, 0]);
    expect(geoError(() => scalarEmbedding([0, 1, 2, 0]))).toMatchObject({ code: 'OUT_OF_DOMAIN', argument: 'd' });
    expect(geoError(() => scalarEmbedding([0, -1, -1, 0]))).toMatchObject({ code: 'OUT_OF_DOMAIN', argument: 'd' });
    expect(geoError(() => scalarEmbedding([1, 1, 1, 1]))).toMatchObject({ code: 'OUT_OF_DOMAIN', argument: 'd' });
    expect(geoError(() => scalarEmbedding([0, 1, 1]))).toMatchObject({ code: 'BAD_SHAPE', argument: 'd' });
    expect(geoError(() => scalarEmbedding([0, NaN, NaN, 0]))).toMatchObject({ code: 'NOT_FINITE' });
    expect(geoError(() => scalarEmbedding([0, 1, 1, 0], { method: 'tsne' as never }))).toMatchObject({ argument: 'options.method' });
    expect(geoError(() => scalarEmbedding([0, 1, 1, 0], { method: 'mds', variant: 'standardized' }))).toMatchObject({ argument: 'options.variant' });
    expect(geoError(() => scalarEmbedding([0, 1, 1, 0], { times: [1] }))).toMatchObject({ code: 'BAD_LENGTH', argument: 'options.times' });
  });
});

describe('orientEmbedding', () => {
  it('gives the same result for x and -x (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 30 }), fc.constantFrom('time' as const, 'max' as const), (v, sign) => {
        const a = orientEmbedding(Float64Array.from(v), sign);
        const b = orientEmbedding(Float64Array.from(v, (u) => -u), sign);
        return maxAbsDiff(a, b) <= 1e-12 * Math.max(1, spread(v));
      }),
    );
  });
});

describe('landmarkScalarEmbedding', () => {
  const source = (x: Float64Array, T: number, P: number) => ({ length: T, dim: P, row: (t: number) => x.subarray(t * P, (t + 1) * P) });

  it('equals the full embedding on a line (property)', () => {
    fc.assert(
      fc.property(positionsArb, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 2, max: 10 }), fc.integer({ min: 0, max: 1e6 }), (pos, P, L, seed) => {
        if (spread(pos) < 1e-6) return true;
        const x = lineTrajectory(pos, P, seed);
        const T = pos.length;
        // Landmarks that include two distinct positions: the extremes.
        const lo = pos.indexOf(Math.min(...pos));
        const hi = pos.indexOf(Math.max(...pos));
        const idx = [...new Set([lo, hi, ...Array.from({ length: Math.min(L, T) }, (_, a) => Math.floor((a * (T - 1)) / Math.max(1, L - 1)))])];
        const full = scalarEmbedding(pairwiseDistances(x, T, P)).x;
        const lm = landmarkScalarEmbedding(source(x, T, P), { landmarks: idx }).x;
        return maxAbsDiff(full, lm) <= EMBEDDING_REL * spread(full);
      }),
    );
  });

  it('approximates the full embedding of a noisy trajectory', () => {
    const T = 300;
    const P = 20;
    const x = randomWalk(T, P, 11, 0.05);
    const full = scalarEmbedding(pairwiseDistances(x, T, P)).x;
    for (const selection of ['uniform', 'maxmin'] as const) {
      const lm = landmarkScalarEmbedding(source(x, T, P), { landmarks: 40, selection }).x;
      expect(maxAbsDiff(full, lm) / spread(full)).toBeLessThan(LANDMARK_APPROX_REL);
    }
  });

  it('streams 1e5 snapshots from a generator without a T x T matrix', () => {
    const T = 100_000;
    const P = 8;
    const buf = new Float64Array(P);
    const u = Float64Array.from({ length: P }, (_, k) => Math.cos(k));
    // Snapshot t sits at s(t) = sqrt(t) along u, generated on demand into one reused buffer.
    const src = { length: T, dim: P, row: (t: number) => buf.map((_, k) => Math.sqrt(t) * (u[k] as number)) };
    let calls = 0;
    const r = landmarkScalarEmbedding(src, { landmarks: 50, onProgress: () => calls++ });
    const s = Float64Array.from({ length: T }, (_, t) => Math.sqrt(t) * Math.hypot(...u));
    expect(equalUpToSignShift(r.x, s, EMBEDDING_REL)).toBe(true);
    expect(r.x[T - 1] as number).toBeGreaterThan(r.x[0] as number);
    expect(calls).toBeGreaterThan(10);
  });

  it('stops on an aborted signal and rejects bad sources', () => {
    const x = randomWalk(10, 2, 1);
    const ac = new AbortController();
    ac.abort();
    expect(geoError(() => landmarkScalarEmbedding(source(x, 10, 2), { signal: ac.signal }))).toMatchObject({ code: 'ABORTED' });
    expect(geoError(() => landmarkScalarEmbedding({ length: 3, dim: 2, row: () => [1] }))).toMatchObject({ code: 'BAD_LENGTH', argument: 'source.row(0)' });
    expect(geoError(() => landmarkScalarEmbedding({ length: 3, dim: 1, row: () => [NaN] }))).toMatchObject({ code: 'NOT_FINITE' });
    expect(geoError(() => landmarkScalarEmbedding(source(x, 10, 2), { landmarks: [1, 1] }))).toMatchObject({ code: 'OUT_OF_DOMAIN', argument: 'options.landmarks' });
    expect(geoError(() => landmarkScalarEmbedding(source(x, 10, 2), { landmarks: 11 }))).toMatchObject({ code: 'OUT_OF_RANGE', argument: 'options.landmarks' });
  });
});
