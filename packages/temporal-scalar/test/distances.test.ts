import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng, eigh } from '@geo/core';
import {
  adjacencySpectrum,
  alignHiddenUnits,
  mlpFromParameters,
  pairwiseDistances,
  parameterCount,
  parameterVector,
  permuteHiddenUnits,
  separation,
  singularValues,
  snapshotFeatureRow,
  trajectoryDistanceMatrix,
} from '../src/index.js';
import type { MlpWeights } from '../src/index.js';
import { geoError, maxAbs, maxAbsDiff, randomMlp } from './helpers.js';
import { DISTANCE_REL, SPECTRUM_REL } from './tolerances.js';

/** The full signed adjacency (neurons of every layer, then one bias node per layer), built independently of the package. */
function fullAdjacency(mlp: MlpWeights): { a: Float64Array; n: number } {
  const L = mlp.sizes.length - 1;
  const start: number[] = [];
  let n = 0;
  for (let l = 0; l <= L; l++) {
    start.push(n);
    n += mlp.sizes[l] as number;
  }
  const biasStart = n;
  n += L;
  const a = new Float64Array(n * n);
  for (let l = 0; l < L; l++) {
    const nIn = mlp.sizes[l] as number;
    const nOut = mlp.sizes[l + 1] as number;
    for (let i = 0; i < nOut; i++) {
      const v = (start[l + 1] as number) + i;
      for (let j = 0; j < nIn; j++) {
        const u = (start[l] as number) + j;
        const w = (mlp.weights[l] as ArrayLike<number>)[i * nIn + j] as number;
        a[u * n + v] = w;
        a[v * n + u] = w;
      }
      const b = (mlp.biases[l] as ArrayLike<number>)[i] as number;
      a[(biasStart + l) * n + v] = b;
      a[v * n + biasStart + l] = b;
    }
  }
  return { a, n };
}

const randomPerms = (sizes: readonly number[], seed: number): Int32Array[] => {
  const rng = createRng(seed).derive('perm');
  return sizes.slice(1, -1).map((h) => rng.permutation(h));
};

const archArb = fc.oneof(fc.constant([3, 4, 2]), fc.constant([2, 5, 3, 2]), fc.constant([4, 3, 3, 3, 1]));

describe('pairwiseDistances and separation', () => {
  it('matches explicit norms and is a metric', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1e6 }), (T, P, seed) => {
        const x = createRng(seed).fillNormal(new Float64Array(T * P));
        const d = pairwiseDistances(x, T, P);
        const scale = Math.max(1e-300, maxAbs(d));
        for (let t = 0; t < T; t++) {
          if (d[t * T + t] !== 0) return false;
          for (let s = 0; s < T; s++) {
            let acc = 0;
            for (let k = 0; k < P; k++) acc += ((x[t * P + k] as number) - (x[s * P + k] as number)) ** 2;
            if (Math.abs((d[t * T + s] as number) - Math.sqrt(acc)) > DISTANCE_REL * scale) return false;
            if (d[t * T + s] !== d[s * T + t]) return false;
            for (let r = 0; r < T; r++) if ((d[t * T + s] as number) > (d[t * T + r] as number) + (d[r * T + s] as number) + DISTANCE_REL * scale) return false;
          }
        }
        return true;
      }),
      { numRuns: 50 },
    );
  });

  it('keeps full relative accuracy for twins 1e-12 apart', () => {
    const a = Float64Array.from({ length: 100 }, (_, i) => 1000 + i);
    const b = Float64Array.from(a, (v, i) => (i === 7 ? v + 1e-10 : v));
    const d = pairwiseDistances(Float64Array.of(...a, ...b), 2, 100);
    expect(Math.abs((d[1] as number) - 1e-10) / 1e-10).toBeLessThan(1e-3);
    expect(separation(a, b, 1, 100)[0]).toBe(d[1]);
  });

  it('rejects bad input with a GeoError naming the argument', () => {
    expect(geoError(() => pairwiseDistances([1, 2, 3], 2, 2))).toEqual({ code: 'BAD_SHAPE', argument: 'x' });
    expect(geoError(() => pairwiseDistances([1, NaN], 1, 2))).toEqual({ code: 'NOT_FINITE', argument: 'x[1]' });
    expect(geoError(() => separation([1, 2], [1], 2, 1))).toMatchObject({ code: 'BAD_SHAPE', argument: 'b' });
  });
});

describe('parameter vectors and hidden-unit permutations', () => {
  it('parameterVector and mlpFromParameters are inverse', () => {
    fc.assert(
      fc.property(archArb, fc.integer({ min: 0, max: 1e6 }), (sizes, seed) => {
        const net = randomMlp(sizes, seed);
        const theta = parameterVector(net);
        return theta.length === parameterCount(sizes) && maxAbsDiff(parameterVector(mlpFromParameters(sizes, theta)), theta) === 0;
      }),
      { numRuns: 30 },
    );
  });

  it('permuting hidden units keeps the multiset of parameters and the network function', () => {
    fc.assert(
      fc.property(archArb, fc.integer({ min: 0, max: 1e6 }), (sizes, seed) => {
        const net = randomMlp(sizes, seed);
        const perm = permuteHiddenUnits(net, randomPerms(sizes, seed));
        const a = [...parameterVector(net)].sort((x, y) => x - y);
        const b = [...parameterVector(perm)].sort((x, y) => x - y);
        // Same function: a tanh network evaluated at a random input.
        const input = createRng(seed).derive('input').fillNormal(new Float64Array(sizes[0] as number));
        const f = (m: MlpWeights): Float64Array => {
          let h: Float64Array = input;
          for (let l = 0; l + 1 < m.sizes.length; l++) {
            const nIn = m.sizes[l] as number;
            const nOut = m.sizes[l + 1] as number;
            const o = new Float64Array(nOut);
            for (let i = 0; i < nOut; i++) {
              let s = (m.biases[l] as ArrayLike<number>)[i] as number;
              for (let j = 0; j < nIn; j++) s += ((m.weights[l] as ArrayLike<number>)[i * nIn + j] as number) * (h[j] as number);
              o[i] = l + 2 < m.sizes.length ? Math.tanh(s) : s;
            }
            h = o;
          }
          return h;
        };
        return maxAbsDiff(a, b) === 0 && maxAbsDiff(f(net), f(perm)) < 1e-12;
      }),
      { numRuns: 30 },
    );
  });

  it('alignHiddenUnits undoes a hidden-unit relabelling', () => {
    fc.assert(
      fc.property(archArb, fc.integer({ min: 0, max: 1e6 }), (sizes, seed) => {
        const ref = randomMlp(sizes, seed);
        // A nearby network (a later snapshot), then relabelled.
        const theta = parameterVector(ref);
        const noise = createRng(seed).derive('noise');
        for (let i = 0; i < theta.length; i++) theta[i] = (theta[i] as number) + 0.05 * noise.normal();
        const near = mlpFromParameters(sizes, theta);
        const relabelled = permuteHiddenUnits(near, randomPerms(sizes, seed + 1));
        const a = parameterVector(alignHiddenUnits(near, ref).aligned);
        const b = parameterVector(alignHiddenUnits(relabelled, ref).aligned);
        return maxAbsDiff(a, b) === 0 && maxAbsDiff(a, theta) === 0;
      }),
      { numRuns: 40 },
    );
  });

  it('rejects malformed networks and permutations', () => {
    const net = randomMlp([3, 4, 2], 1);
    expect(geoError(() => parameterVector({ ...net, weights: [net.weights[0] as ArrayLike<number>] }))).toMatchObject({ code: 'BAD_LENGTH', argument: 'mlp.weights' });
    expect(geoError(() => parameterVector({ ...net, biases: [new Float64Array(3), net.biases[1] as ArrayLike<number>] }))).toMatchObject({ code: 'BAD_SHAPE', argument: 'mlp.biases[0]' });
    expect(geoError(() => permuteHiddenUnits(net, [Int32Array.of(0, 0, 1, 2)]))).toMatchObject({ code: 'OUT_OF_DOMAIN', argument: 'perms[0]' });
    expect(geoError(() => alignHiddenUnits(net, randomMlp([3, 5, 2], 1)))).toMatchObject({ code: 'BAD_SHAPE', argument: 'mlp' });
  });
});

describe('adjacency spectrum', () => {
  it('equals the nonnegative eigenvalues of the full signed adjacency (independent eigh)', () => {
    fc.assert(
      fc.property(archArb, fc.integer({ min: 0, max: 1e6 }), (sizes, seed) => {
        const net = randomMlp(sizes, seed);
        const sigma = adjacencySpectrum(net);
        const { a, n } = fullAdjacency(net);
        const ev = Array.from(eigh(a, n, { vectors: false }).values).sort((x, y) => y - x);
        const scale = Math.abs(ev[0] as number);
        // Eigenvalues come in +- pairs: the top sigma.length are sigma, the bottom their negatives.
        for (let i = 0; i < sigma.length; i++) {
          if (Math.abs((ev[i] as number) - (sigma[i] as number)) > SPECTRUM_REL * scale) return false;
          if (Math.abs((ev[n - 1 - i] as number) + (sigma[i] as number)) > SPECTRUM_REL * scale) return false;
        }
        for (let i = sigma.length; i < n - sigma.length; i++) if (Math.abs(ev[i] as number) > SPECTRUM_REL * scale) return false;
        return true;
      }),
      { numRuns: 30 },
    );
  });

  it('singularValues is exact on diagonal and rank-one matrices, either orientation', () => {
    expect(Array.from(singularValues([3, 0, 0, 4], 2, 2))).toEqual([4, 3]);
    const u = [1, 2, 2];
    const v = [3, 4];
    const r1 = u.flatMap((x) => v.map((y) => x * y));
    const s = singularValues(r1, 3, 2);
    expect(Math.abs((s[0] as number) - 15)).toBeLessThan(1e-13);
    expect(Math.abs(s[1] as number)).toBeLessThan(1e-13);
    expect(Array.from(singularValues(r1, 3, 2))).toEqual(Array.from(singularValues(u.flatMap((_, i) => v.map((__, j) => r1[i * 2 + j] as number)), 3, 2)));
  });
});

describe('trajectory distances', () => {
  const sizes = [3, 5, 2];
  const snaps = (seed: number, T: number): MlpWeights[] => {
    const base = parameterVector(randomMlp(sizes, seed));
    const rng = createRng(seed).derive('traj');
    return Array.from({ length: T }, () => {
      for (let i = 0; i < base.length; i++) base[i] = (base[i] as number) + 0.03 * rng.normal();
      return mlpFromParameters(sizes, base);
    });
  };

  it('frobenius is sqrt 2 times the parameter distance', () => {
    const s = snaps(3, 6);
    const e = trajectoryDistanceMatrix(s);
    const f = trajectoryDistanceMatrix(s, { distance: 'frobenius' });
    for (let i = 0; i < e.length; i++) expect(Math.abs((f[i] as number) - Math.SQRT2 * (e[i] as number))).toBeLessThan(DISTANCE_REL * maxAbs(f));
  });

  it('graph distances do not see hidden-unit relabelling of any snapshot (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.constantFrom('spectral' as const, 'frobenius' as const, 'euclidean' as const), (seed, distance) => {
        const s = snaps(seed, 5);
        const rng = createRng(seed).derive('relabel');
        const relabelled = s.map((m) => permuteHiddenUnits(m, [rng.permutation(5)]));
        const opts = { distance, permutationInvariant: true };
        const d1 = trajectoryDistanceMatrix(s, opts);
        const d2 = trajectoryDistanceMatrix(relabelled, opts);
        return maxAbsDiff(d1, d2) <= DISTANCE_REL * Math.max(1e-300, maxAbs(d1));
      }),
      { numRuns: 25 },
    );
  });

  it('without alignment the parameter distance does see relabelling', () => {
    const s = snaps(5, 3);
    const relabelled = [s[0] as MlpWeights, permuteHiddenUnits(s[1] as MlpWeights, [Int32Array.of(1, 0, 2, 3, 4)]), s[2] as MlpWeights];
    expect(maxAbsDiff(trajectoryDistanceMatrix(s), trajectoryDistanceMatrix(relabelled))).toBeGreaterThan(0.01);
  });

  it('rejects mixed architectures and unknown distances', () => {
    expect(geoError(() => trajectoryDistanceMatrix([randomMlp(sizes, 1), randomMlp([3, 4, 2], 2)]))).toMatchObject({ code: 'BAD_SHAPE', argument: 'snapshots[1]' });
    expect(geoError(() => trajectoryDistanceMatrix(snaps(1, 2), { distance: 'cosine' as never }))).toMatchObject({ code: 'OUT_OF_RANGE', argument: 'options.distance' });
    expect(geoError(() => trajectoryDistanceMatrix([]))).toMatchObject({ code: 'BAD_LENGTH', argument: 'snapshots' });
    expect(geoError(() => snapshotFeatureRow(randomMlp(sizes, 1), { permutationInvariant: true }))).toMatchObject({ argument: 'options.reference' });
  });
});
