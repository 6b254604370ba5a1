import { describe, expect, it } from 'vitest';
import { GeoError } from '@geo/core';
import {
  adjustedRandIndex,
  alphaDecayBandwidths,
  alphaDecayKernel,
  classicalMds,
  diffusionMap,
  diffusionOperator,
  diffusionSpectralEntropy,
  gaussianKernel,
  kneePoint,
  knnAdjacency,
  matrixPower,
  networkManifold,
  potentialDistances,
  singularValues,
  vonNeumannEntropy,
  wardClustering,
} from '../src/index.js';

function expectGeoError(f: () => unknown, code: string, argument: string): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(GeoError);
    expect((e as GeoError).code).toBe(code);
    expect((e as GeoError).argument).toBe(argument);
    return;
  }
  expect.unreachable(`expected a GeoError ${code} on ${argument}`);
}

const X = [
  [0, 0],
  [1, 0],
  [0, 2],
  [3, 1],
];

describe('bad input gets a GeoError naming the argument', () => {
  it('singularValues', () => {
    expectGeoError(() => singularValues([1, 2, 3], 2), 'BAD_LENGTH', 'a');
    expectGeoError(() => singularValues([1, NaN, 3, 4], 2), 'NOT_FINITE', 'a[1]');
    expectGeoError(() => singularValues([1, 2, 3, 4], 1.5), 'NOT_INTEGER', 'n');
    expect(Array.from(singularValues([], 0))).toEqual([]);
  });

  it('kernels', () => {
    expectGeoError(() => gaussianKernel(X, { sigma: 0 }), 'OUT_OF_RANGE', 'options.sigma');
    expectGeoError(() => gaussianKernel(X, { sigma: 1, form: 'bad' as '2sigma2' }), 'OUT_OF_RANGE', 'options.form');
    expectGeoError(() => gaussianKernel([[0, 1], [Infinity, 2]], { sigma: 1 }), 'NOT_FINITE', 'X[1][0]');
    expectGeoError(() => gaussianKernel([[0, 1], [2]], { sigma: 1 }), 'BAD_SHAPE', 'X[1]');
    expectGeoError(() => alphaDecayKernel(X, { knn: 4 }), 'OUT_OF_RANGE', 'options.knn');
    expectGeoError(() => alphaDecayKernel(X, { decay: -1 }), 'OUT_OF_RANGE', 'options.decay');
    expectGeoError(() => alphaDecayKernel(X, { thresh: 1 }), 'OUT_OF_RANGE', 'options.thresh');
    expectGeoError(() => alphaDecayKernel([0, 1, 2], { precomputed: true }), 'BAD_SHAPE', 'X');
    expectGeoError(() => alphaDecayKernel([0, -1, -1, 0], { precomputed: true }), 'OUT_OF_DOMAIN', 'X');
    expectGeoError(() => knnAdjacency(X, 0), 'OUT_OF_RANGE', 'k');
  });

  it('operators and spectra', () => {
    expectGeoError(() => diffusionOperator([1, 2, 3, 1]), 'OUT_OF_DOMAIN', 'K');
    expectGeoError(() => diffusionOperator([1, -1, -1, 1]), 'OUT_OF_DOMAIN', 'K');
    expectGeoError(() => diffusionOperator([0, 0, 0, 1]), 'OUT_OF_DOMAIN', 'K');
    expectGeoError(() => diffusionOperator([1, 0, 0, 1], { anisotropy: 2 }), 'OUT_OF_RANGE', 'options.anisotropy');
    expectGeoError(() => diffusionMap([0.5, 0.6, 0.5, 0.5]), 'OUT_OF_DOMAIN', 'P');
    expectGeoError(() => diffusionMap([0.5, 0.5, 0, 1]), 'UNSUPPORTED', 'P');
    const op = diffusionOperator(gaussianKernel(X, { sigma: 1 }));
    expectGeoError(() => diffusionMap(op, { k: 4 }), 'OUT_OF_RANGE', 'options.k');
    expectGeoError(() => diffusionMap(op, { t: -1 }), 'OUT_OF_RANGE', 'options.t');
    expectGeoError(() => diffusionSpectralEntropy(op, -1), 'OUT_OF_RANGE', 't');
    expectGeoError(() => potentialDistances(op, { t: 1.5 }), 'NOT_INTEGER', 'options.t');
    expectGeoError(() => potentialDistances(op, { t: 2, gamma: 3 }), 'OUT_OF_RANGE', 'options.gamma');
    expectGeoError(() => matrixPower(op.P, -1), 'OUT_OF_RANGE', 't');
    expectGeoError(() => vonNeumannEntropy(op, 0), 'OUT_OF_RANGE', 'tMax');
    expectGeoError(() => kneePoint([1, 2, 3]), 'BAD_LENGTH', 'y');
    expectGeoError(() => kneePoint([1, 2, NaN, 3]), 'NOT_FINITE', 'y[2]');
  });

  it('MDS, clustering, manifold', () => {
    expectGeoError(() => classicalMds([0, 1, 2, 0]), 'OUT_OF_DOMAIN', 'D');
    expectGeoError(() => classicalMds([0, 1, 1, 0], 3), 'OUT_OF_RANGE', 'k');
    expectGeoError(() => wardClustering(X, 5), 'OUT_OF_RANGE', 'k');
    expectGeoError(() => adjustedRandIndex([0, 1.5], [0, 1]), 'NOT_INTEGER', 'a[1]');
    expectGeoError(() => networkManifold([X]), 'BAD_LENGTH', 'representations');
    expectGeoError(() => networkManifold([X, X.slice(0, 3)]), 'BAD_SHAPE', 'representations[1]');
    expectGeoError(() => networkManifold([X, X], { method: 'weights' as 'knn' }), 'OUT_OF_RANGE', 'options.method');
  });
});

describe('edge cases', () => {
  it('duplicate points: a zero bandwidth keeps duplicates at affinity 1 and others at 0', () => {
    const D = [
      [0, 0],
      [0, 0],
      [5, 5],
      [5, 5],
    ];
    expect(Array.from(alphaDecayBandwidths(D, { knn: 1 }))).toEqual([0, 0, 0, 0]);
    expect(Array.from(alphaDecayKernel(D, { knn: 1 }))).toEqual([1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1]);
  });

  it('a disconnected graph: the second unit eigenvector is pi-orthogonal to the constant', () => {
    const K = [1, 1, 0, 1, 1, 0, 0, 0, 1];
    const op = diffusionOperator(K);
    const { eigenvalues, eigenvectors } = diffusionMap(op, { k: 1, t: 0 });
    expect(eigenvalues[1]).toBeCloseTo(1, 14);
    let dot = 0;
    for (let i = 0; i < 3; i++) dot += (op.pi[i] as number) * (eigenvectors[i * 2 + 1] as number);
    expect(Math.abs(dot)).toBeLessThanOrEqual(1e-14);
  });

  it('the gamma family: gamma = -1 gives P^t itself, gamma = 0 gives 2 sqrt(P^t)', () => {
    const op = diffusionOperator(gaussianKernel(X, { sigma: 1.5 }));
    const Pt = matrixPower(op.P, 3);
    const n = 4;
    const rowDist = (U: Float64Array, i: number, j: number): number => Math.sqrt(Array.from({ length: n }, (_, q) => ((U[i * n + q] as number) - (U[j * n + q] as number)) ** 2).reduce((a, b) => a + b, 0));
    const minus = potentialDistances(op, { t: 3, gamma: -1 });
    const zero = potentialDistances(op, { t: 3, gamma: 0 });
    const sq = Pt.map((v) => 2 * Math.sqrt(v));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        expect(minus.distances[i * n + j]).toBeCloseTo(rowDist(Pt, i, j), 14);
        expect(zero.distances[i * n + j]).toBeCloseTo(rowDist(sq, i, j), 14);
      }
    }
  });

  it('P^0 is the identity and the potential of one point is 0 distance', () => {
    expect(Array.from(matrixPower([0.5, 0.5, 0.5, 0.5], 0))).toEqual([1, 0, 0, 1]);
    const { distances } = potentialDistances([1], { t: 3 });
    expect(Array.from(distances)).toEqual([0]);
  });

  it('ARI of two all-singleton or all-one-cluster labelings is 1, and of independent labelings near 0', () => {
    expect(adjustedRandIndex([0, 1, 2, 3], [3, 2, 1, 0])).toBe(1);
    expect(adjustedRandIndex([0, 0, 0], [1, 1, 1])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeLessThan(0);
  });
});
