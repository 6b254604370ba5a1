// Scalar embeddings: full classical MDS (eigh / Lanczos) vs the landmark (streaming) form, sweeping T.
import { Bench } from 'tinybench';
import { createRng } from '@geo/core';
import { landmarkScalarEmbedding, pairwiseDistances, scalarEmbedding } from '../src/index.js';

function walk(T: number, P: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(T * P);
  for (let t = 1; t < T; t++) for (let k = 0; k < P; k++) x[t * P + k] = (x[(t - 1) * P + k] as number) + 0.1 * rng.normal() + 0.01;
  return x;
}

export default async function () {
  const bench = new Bench({ name: 'scalar embedding (P = 100)', time: 1500, warmupTime: 200, iterations: 3 });
  const P = 100;
  let sink = 0;
  const times: Record<string, number> = {};
  for (const T of [100, 400, 1000]) {
    const x = walk(T, P, T);
    const d = pairwiseDistances(x, T, P);
    bench.add(`full MDS T=${T} (distances + eigen)`, () => {
      sink += scalarEmbedding(pairwiseDistances(x, T, P)).x[0] as number;
    });
    bench.add(`full MDS T=${T} (eigen only)`, () => {
      sink += scalarEmbedding(d).x[0] as number;
    });
    const src = { length: T, dim: P, row: (t: number) => x.subarray(t * P, (t + 1) * P) };
    bench.add(`landmark MDS T=${T} L=100`, () => {
      sink += landmarkScalarEmbedding(src, { landmarks: Math.min(100, T) }).x[0] as number;
    });
  }
  {
    const T = 100_000;
    const x = walk(T, 20, 1);
    const src = { length: T, dim: 20, row: (t: number) => x.subarray(t * 20, (t + 1) * 20) };
    bench.add('landmark MDS T=1e5 P=20 L=100', () => {
      sink += landmarkScalarEmbedding(src, { landmarks: 100 }).x[0] as number;
    });
  }
  return {
    benches: [bench],
    figures: () => {
      for (const task of bench.tasks) {
        const r = task.result;
        if ('latency' in r) times[task.name] = r.latency.mean;
      }
      const full = times['full MDS T=1000 (distances + eigen)'];
      const lm = times['landmark MDS T=1000 L=100'];
      return { ...(full !== undefined && lm !== undefined ? { landmarkSpeedupT1000: full / lm } : {}), ...(Number.isNaN(sink) ? { sink } : {}) };
    },
  };
}
