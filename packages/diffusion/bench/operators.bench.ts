// The building blocks at n = 250 and 1000: kernel + operator, diffusion map (k = 10),
// singular values (two-stage band reduction, beside the unblocked bidiagonalisation it replaced
// and @geo/core's eigh of A^T A as peers), Ward.
import { Bench } from 'tinybench';
import { eigh, matmul, transpose } from '@geo/core';
import { alphaDecayKernel, diffusionMap, diffusionOperator, singularValues, wardClustering } from '../src/index.js';
import { singularValuesUnblocked } from '../src/singular-values.js';
import { branchingTree } from './data.js';

export default async function () {
  const bench = new Bench({ name: 'diffusion building blocks', time: 1000, warmupTime: 100, iterations: 2 });
  let sink = 0;
  for (const n of [250, 1000]) {
    const X = branchingTree(n, 3);
    const K = alphaDecayKernel(X, { knn: 5, decay: 40 });
    const op = diffusionOperator(K);
    bench.add(`alpha-decay kernel + operator n=${n}`, () => {
      sink += diffusionOperator(alphaDecayKernel(X, { knn: 5, decay: 40 })).pi[0] as number;
    });
    bench.add(`diffusionMap k=10 n=${n}`, () => {
      sink += diffusionMap(op, { k: 10, t: 1 }).eigenvalues[1] as number;
    });
    bench.add(`singularValues n=${n}`, () => {
      sink += singularValues(op.P, n)[0] as number;
    });
    bench.add(`baseline: unblocked singularValues n=${n}`, () => {
      sink += singularValuesUnblocked(op.P, n)[0] as number;
    });
    bench.add(`peer: eigh(P^T P) n=${n}`, () => {
      sink += eigh(matmul(transpose(op.P, n, n), op.P, n, n, n), n).values[n - 1] as number;
    });
    bench.add(`wardClustering k=10 n=${n}`, () => {
      sink += wardClustering(X, 10).labels[0] as number;
    });
  }
  return { benches: [bench], figures: () => (Number.isNaN(sink) ? { sink } : {}) };
}
