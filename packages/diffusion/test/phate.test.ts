import { describe, expect, it } from 'vitest';
import { GeoError } from '@geo/core';
import { adjustedRandIndex, phate, procrustesDisparity, wardClustering } from '../src/index.js';
import { alphaDecayDense, alphaDecaySparse, resolveAlphaDecay } from '../src/alpha-decay-kernel.js';
import { distanceMatrixOf } from '../src/distances.js';
import { csrToDense } from '../src/sparse.js';
import { blobs, cloud } from './helpers.js';
import { REFERENCE_DIR, flat, referenceCases } from './reference.js';
import { KERNEL_ABS, PHATE_PROCRUSTES } from './tolerances.js';

const asRows = (Y: Float64Array, k: number): number[][] => Array.from({ length: Y.length / k }, (_, i) => Array.from(Y.subarray(i * k, (i + 1) * k)));

describe.skipIf(REFERENCE_DIR === undefined)('phate against the reference embeddings (classical MDS of potential distances)', () => {
  it.each(referenceCases('phate_potential').map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const p = c.params;
    const ref = asRows(flat(c.expected['cmds_embedding']), 2);
    const r = phate(c.X as number[][], { knn: p['knn'] as number, decay: p['decay'] as number, thresh: p['thresh'] as number, t: p['t'] as number | 'auto', mds: 'classic' });
    expect(r.t).toBe(c.expected['t']);
    expect(procrustesDisparity(ref, asRows(r.embedding, 2))).toBeLessThanOrEqual(PHATE_PROCRUSTES);
  });
});

describe('phate', () => {
  it('metric MDS lowers the stress of its classical-MDS start', () => {
    const { X } = blobs(3, 3, 30, 5, 6);
    const metric = phate(X, { seed: 1 });
    expect(metric.stress).not.toBeNull();
    const capped = phate(X, { seed: 1, mdsMaxIter: 0 });
    expect(metric.stress as number).toBeLessThan(capped.stress as number);
  });

  it('is deterministic per seed, also with landmarks', () => {
    const { X } = blobs(5, 4, 60, 6, 8);
    const a = phate(X, { seed: 7, nLandmark: 40, nSvd: 20 });
    const b = phate(X, { seed: 7, nLandmark: 40, nSvd: 20 });
    expect(Array.from(a.embedding)).toEqual(Array.from(b.embedding));
    expect(a.landmarks?.count).toBeGreaterThan(4);
  });

  it('keeps separated clusters apart with landmarks', () => {
    const { X, labels } = blobs(11, 3, 80, 5, 12);
    const r = phate(X, { seed: 2, nLandmark: 30, nSvd: 10 });
    expect(r.landmarks).not.toBeNull();
    const { labels: found } = wardClustering({ data: r.embedding, rows: r.n, cols: 2 }, 3);
    expect(adjustedRandIndex(found, labels)).toBe(1);
  });

  it('accepts a precomputed distance matrix and gives the same embedding as the points', () => {
    const X = cloud(4, 40, 3);
    const a = phate(X, { seed: 1, t: 5 });
    const b = phate(distanceMatrixOf(X), { seed: 1, t: 5, precomputed: true });
    expect(procrustesDisparity(asRows(a.embedding, 2), asRows(b.embedding, 2))).toBeLessThanOrEqual(1e-12);
  });

  it('the sparse kernel of the landmark path equals the dense kernel', () => {
    const X = cloud(9, 70, 4);
    const r = resolveAlphaDecay({ knn: 5, decay: 10, thresh: 1e-4 }, 70);
    const dense = alphaDecayDense(distanceMatrixOf(X), 70, r).K;
    const sparse = csrToDense(alphaDecaySparse({ kind: 'points', points: X }, r).K);
    let worst = 0;
    for (let i = 0; i < dense.length; i++) worst = Math.max(worst, Math.abs((dense[i] as number) - (sparse[i] as number)));
    expect(worst).toBeLessThanOrEqual(KERNEL_ABS);
  });

  it('the Gram-screened sparse kernel (large n) equals the dense kernel exactly', () => {
    const n = 1100;
    const X = blobs(2, 5, n / 5, 6, 3, 1).X;
    const r = resolveAlphaDecay({ knn: 5, decay: 40, thresh: 1e-4 }, n);
    const dense = alphaDecayDense(distanceMatrixOf(X), n, r);
    const sparse = alphaDecaySparse({ kind: 'points', points: X }, r);
    expect(Array.from(sparse.eps)).toEqual(Array.from(dense.eps));
    const K = csrToDense(sparse.K);
    let worst = 0;
    for (let i = 0; i < K.length; i++) worst = Math.max(worst, Math.abs((dense.K[i] as number) - (K[i] as number)));
    expect(worst).toBeLessThanOrEqual(KERNEL_ABS);
  });

  it('rejects bad input with a GeoError naming the argument', () => {
    const X = cloud(1, 20, 2);
    const bad = (f: () => unknown, argument: string): void => {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(GeoError);
        expect((e as GeoError).argument).toBe(argument);
      }
    };
    bad(() => phate(X, { knn: 0 }), 'options.knn');
    bad(() => phate(X, { t: 0 }), 'options.t');
    bad(() => phate(X, { gamma: 2 }), 'options.gamma');
    bad(() => phate(X, { mds: 'sgd' as 'metric' }), 'options.mds');
    bad(() => phate([[0, 1], [1, NaN], [2, 2]], {}), 'data[1][1]');
    bad(() => phate([[0, 1], [1, 2], [3, 4]], { precomputed: true }), 'data');
  });
});
