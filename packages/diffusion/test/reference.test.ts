import { describe, expect, it } from 'vitest';
import {
  adjustedRandIndex,
  alphaDecayBandwidths,
  alphaDecayKernel,
  classicalMds,
  diffusionDistances,
  diffusionMap,
  diffusionOperator,
  diffusionSpectralEntropy,
  gaussianKernel,
  kneePoint,
  matrixPower,
  pairwiseDistances,
  potentialDistances,
  vonNeumannEntropy,
  wardClustering,
} from '../src/index.js';
import type { GaussianForm } from '../src/index.js';
import { singularValuesTwoStage, singularValuesUnblocked } from '../src/singular-values.js';
import { entropyCurve } from '../src/von-neumann-entropy.js';
import { REFERENCE_DIR, flat, maxAbsDiff, maxRelDiff, referenceCases } from './reference.js';
import type { RefCase } from './reference.js';
import {
  BANDWIDTH_REL,
  DIFFUSION_MAP_REL,
  EIGENVALUE_ABS,
  ENTROPY_ABS,
  FROBENIUS_REL,
  KERNEL_ABS,
  MDS_REL,
  OPERATOR_ABS,
  POTENTIAL_REL,
} from './tolerances.js';

const skip = REFERENCE_DIR === undefined;
if (skip) console.warn('GEO_REFERENCE_DIR is not set: @geo/diffusion reference tests are skipped');

function kernelOf(X: number[][], p: Record<string, unknown>): Float64Array {
  if (p['kernel'] === 'alpha_decay') return alphaDecayKernel(X, { knn: p['knn'] as number, decay: p['decay'] as number, thresh: p['thresh'] as number });
  return gaussianKernel(X, { sigma: p['sigma'] as number, form: (p['form'] as GaussianForm | undefined) ?? '2sigma2' });
}

const ids = (op: string): [string, RefCase][] => referenceCases(op).map((c) => [c.id, c]);

/** Pairwise distances between the rows of an n x k matrix. */
function embeddingDistances(Y: ArrayLike<number>, n: number, k: number): Float64Array {
  return pairwiseDistances({ data: Float64Array.from(Y), rows: n, cols: k });
}

describe.skipIf(skip)('reference: kernels', () => {
  it.each(ids('gaussian_kernel'))('%s', (_id, c) => {
    const K = kernelOf(c.X as number[][], { ...c.params, kernel: 'gaussian' });
    expect(maxAbsDiff(K, flat(c.expected['K']))).toBeLessThanOrEqual(KERNEL_ABS);
  });
  it.each(ids('alpha_decay_kernel'))('%s', (_id, c) => {
    const X = c.X as number[][];
    const K = kernelOf(X, { ...c.params, kernel: 'alpha_decay' });
    expect(maxAbsDiff(K, flat(c.expected['K']))).toBeLessThanOrEqual(KERNEL_ABS);
    const eps = alphaDecayBandwidths(X, { knn: c.params['knn'] as number });
    expect(maxRelDiff(eps, c.expected['eps'] as number[])).toBeLessThanOrEqual(BANDWIDTH_REL);
  });
});

describe.skipIf(skip)('reference: diffusion operators', () => {
  it.each(ids('diffusion_operator'))('%s', (_id, c) => {
    const op = diffusionOperator(kernelOf(c.X as number[][], c.params), { anisotropy: c.params['anisotropy'] as number });
    expect(maxAbsDiff(op.P, flat(c.expected['P']))).toBeLessThanOrEqual(OPERATOR_ABS);
    expect(maxAbsDiff(op.pi, c.expected['pi'] as number[])).toBeLessThanOrEqual(OPERATOR_ABS);
  });
});

describe.skipIf(skip)('reference: diffusion maps', () => {
  it.each(ids('diffusion_map'))('%s', (_id, c) => {
    const op = diffusionOperator(kernelOf(c.X as number[][], c.params), { anisotropy: c.params['anisotropy'] as number });
    const k = c.params['k'] as number;
    const t = c.params['t'] as number;
    const { embedding, eigenvalues } = diffusionMap(op, { k, t });
    expect(maxAbsDiff(eigenvalues, c.expected['eigenvalues'] as number[])).toBeLessThanOrEqual(EIGENVALUE_ABS);
    // The sign rule is fixed (largest-magnitude entry positive), so coordinates compare directly.
    expect(maxRelDiff(embedding, flat(c.expected['embedding']))).toBeLessThanOrEqual(DIFFUSION_MAP_REL);
    // The reference's diffusion distances are those of the k-dimensional map.
    expect(maxRelDiff(diffusionDistances(op, t, { k }), flat(c.expected['diffusion_distances']))).toBeLessThanOrEqual(DIFFUSION_MAP_REL);
  });
});

describe.skipIf(skip)('reference: PHATE potential, von Neumann entropy and its knee', () => {
  it.each(ids('phate_potential'))('%s', (_id, c) => {
    const X = c.X as number[][];
    const p = c.params;
    const e = c.expected;
    const K = alphaDecayKernel(X, { knn: p['knn'] as number, decay: p['decay'] as number, thresh: p['thresh'] as number });
    expect(maxRelDiff(alphaDecayBandwidths(X, { knn: p['knn'] as number }), e['eps'] as number[])).toBeLessThanOrEqual(BANDWIDTH_REL);
    const op = diffusionOperator(K);
    expect(maxAbsDiff(op.P, flat(e['P']))).toBeLessThanOrEqual(OPERATOR_ABS);
    let t = p['t'] as number | 'auto';
    if (t === 'auto') {
      const H = vonNeumannEntropy(op, 100);
      expect(maxAbsDiff(H, e['vne'] as number[])).toBeLessThanOrEqual(ENTROPY_ABS);
      t = kneePoint(H);
    }
    expect(t).toBe(e['t']);
    const { distances } = potentialDistances(op, { t, gamma: p['gamma'] as number });
    expect(maxRelDiff(distances, flat(e['potential_distances']))).toBeLessThanOrEqual(POTENTIAL_REL);
    const k = p['n_components'] as number;
    const mds = classicalMds(distances, k);
    expect(maxRelDiff(mds.eigenvalues, e['cmds_eigenvalues'] as number[])).toBeLessThanOrEqual(MDS_REL);
    const n = X.length;
    expect(maxRelDiff(embeddingDistances(mds.embedding, n, k), embeddingDistances(flat(e['cmds_embedding']), n, k))).toBeLessThanOrEqual(MDS_REL);
  });
  it.each(ids('von_neumann_entropy'))('%s', (_id, c) => {
    const op = diffusionOperator(kernelOf(c.X as number[][], c.params));
    const H = vonNeumannEntropy(op, c.params['t_max'] as number);
    expect(maxAbsDiff(H, c.expected['entropy'] as number[])).toBeLessThanOrEqual(ENTROPY_ABS);
    expect(kneePoint(H)).toBe(c.expected['knee_t']);
  });
  // Every case through both singular-value paths, whatever its size: the two-stage band
  // reduction with a narrow band (so small matrices cross many panels) and the unblocked one.
  it.each(ids('von_neumann_entropy'))('%s, both singular-value paths', (_id, c) => {
    const op = diffusionOperator(kernelOf(c.X as number[][], c.params));
    const tMax = c.params['t_max'] as number;
    for (const s of [singularValuesTwoStage(op.P, op.n, 4), singularValuesUnblocked(op.P, op.n)]) {
      expect(maxAbsDiff(entropyCurve(s, tMax), c.expected['entropy'] as number[])).toBeLessThanOrEqual(ENTROPY_ABS);
    }
  });
});

describe.skipIf(skip)('reference: classical MDS', () => {
  it.each(ids('classical_mds'))('%s', (_id, c) => {
    const X = c.X as number[][];
    const k = c.params['k'] as number;
    const { embedding, eigenvalues } = classicalMds(pairwiseDistances(X), k);
    expect(maxRelDiff(eigenvalues, c.expected['eigenvalues'] as number[])).toBeLessThanOrEqual(MDS_REL);
    expect(maxRelDiff(embeddingDistances(embedding, X.length, k), flat(c.expected['embedding_distances']))).toBeLessThanOrEqual(MDS_REL);
  });
});

describe.skipIf(skip)('reference: diffusion spectral entropy', () => {
  it.each(ids('dse'))('%s', (_id, c) => {
    const op = diffusionOperator(gaussianKernel(c.X as number[][], { sigma: c.params['sigma'] as number }));
    const dse = diffusionSpectralEntropy(op, c.params['t'] as number, { logBase: c.params['log_base'] as number, dropTrivial: c.params['drop_trivial'] as boolean });
    expect(Math.abs(dse - (c.expected['dse'] as number))).toBeLessThanOrEqual(ENTROPY_ABS);
  });
});

describe.skipIf(skip)('reference: Frobenius distances between operators', () => {
  it.each(ids('frobenius'))('%s', (_id, c) => {
    const t = c.params['t'] as number;
    const K1 = kernelOf(c.X as number[][], c.params);
    const K2 = kernelOf(c.X2 as number[][], c.params);
    const P1 = matrixPower(diffusionOperator(K1).P, t);
    const P2 = matrixPower(diffusionOperator(K2).P, t);
    const fro = (a: Float64Array, b: Float64Array): number => Math.sqrt(a.reduce((s, v, i) => s + (v - (b[i] as number)) ** 2, 0));
    const n = (c.X as number[][]).length;
    expect(Math.abs(fro(P1, P2) - (c.expected['frobenius_Pt'] as number))).toBeLessThanOrEqual(FROBENIUS_REL * (c.expected['frobenius_Pt'] as number));
    expect(Math.abs(fro(P1, P2) / n - (c.expected['frobenius_Pt_over_n'] as number))).toBeLessThanOrEqual(FROBENIUS_REL * (c.expected['frobenius_Pt_over_n'] as number));
    expect(Math.abs(fro(K1, K2) - (c.expected['frobenius_K'] as number))).toBeLessThanOrEqual(FROBENIUS_REL * (c.expected['frobenius_K'] as number));
  });
});

describe.skipIf(skip)('reference: Ward clustering and ARI', () => {
  it.each(ids('ward_ari'))('%s', (_id, c) => {
    const { labels } = wardClustering(c.X as number[][], c.params['n_clusters'] as number);
    expect(adjustedRandIndex(labels, c.expected['labels'] as number[])).toBe(1);
    expect(Math.abs(adjustedRandIndex(labels, c.labels as number[]) - (c.expected['ari'] as number))).toBeLessThanOrEqual(1e-12);
  });
});
