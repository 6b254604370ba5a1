import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '@geo/core';
import { metricMds, pairwiseDistances } from '../src/index.js';
import { cloud } from './helpers.js';
import { EMBEDDABLE_STRESS_REL, SMACOF_CONFIG_REL } from './tolerances.js';

const seeds = fc.integer({ min: 0, max: 2 ** 30 });

/** Target distances: Euclidean in d dims, or city-block (not Euclidean-embeddable at all). */
function targets(seed: number, n: number, d: number, cityBlock: boolean): Float64Array {
  const X = cloud(seed, n, d);
  if (!cityBlock) return pairwiseDistances(X);
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += Math.abs((X.data[i * d + c] as number) - (X.data[j * d + c] as number));
      D[i * n + j] = s;
    }
  }
  return D;
}

describe('metric MDS (SMACOF, properties)', () => {
  it('never increases the stress from one Guttman transform to the next, from any start', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 4, max: 16 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 }), fc.boolean(), (seed, n, d, k, cityBlock) => {
        const D = targets(seed, n, d, cityBlock);
        const init = createRng(seed).derive('init').fillNormal(new Float64Array(n * k));
        let prev = Infinity;
        for (let it = 0; it <= 15; it++) {
          const { stress } = metricMds(D, { k, init, maxIter: it, tol: Number.MIN_VALUE });
          // Majorisation guarantees sigma(X_{t+1}) <= sigma(X_t); allow rounding of the sum only.
          expect(stress).toBeLessThanOrEqual(prev + 1e-12 * Math.max(prev === Infinity ? 0 : prev, 1));
          prev = stress;
        }
      }),
      { numRuns: 30 },
    );
  });

  it('gives zero stress for Euclidean-embeddable distances, and their configuration is a fixed point', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 3, max: 25 }), fc.integer({ min: 1, max: 3 }), (seed, n, k) => {
        const X = cloud(seed, n, k);
        const D = pairwiseDistances(X);
        let scale = 0;
        for (let i = 0; i < n * n; i++) scale += (D[i] as number) ** 2;
        // From classical MDS (the default start), which is exact for such D.
        expect(metricMds(D, { k }).stress).toBeLessThanOrEqual(EMBEDDABLE_STRESS_REL * scale + Number.MIN_VALUE);
        // From the (centred) points themselves: the Guttman transform returns them unchanged.
        const centred = Float64Array.from(X.data);
        for (let c = 0; c < k; c++) {
          let mean = 0;
          for (let i = 0; i < n; i++) mean += centred[i * k + c] as number;
          for (let i = 0; i < n; i++) centred[i * k + c] = (centred[i * k + c] as number) - mean / n;
        }
        const r = metricMds(D, { k, init: centred, maxIter: 5, tol: Number.MIN_VALUE });
        expect(r.stress).toBeLessThanOrEqual(EMBEDDABLE_STRESS_REL * scale + Number.MIN_VALUE);
        for (let i = 0; i < n * k; i++) expect(Math.abs((r.embedding[i] as number) - (centred[i] as number))).toBeLessThanOrEqual(SMACOF_CONFIG_REL);
      }),
      { numRuns: 40 },
    );
  });
});
