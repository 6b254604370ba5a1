// Dense symmetric eigensolver (all pairs) and Lanczos top-10, float64.
import { Bench } from 'tinybench';
import { createRng, eigh, topEigenpairs } from '../src/index.js';

function randomSymmetric(seed: number, n: number): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const x = rng.normal();
      a[i * n + j] = x;
      a[j * n + i] = x;
    }
  }
  return a;
}

export default async function () {
  const bench = new Bench({ name: 'symmetric eigenproblems', time: 1500, warmupTime: 200, iterations: 3 });
  let sink = 0;
  for (const n of [32, 128, 256, 512]) {
    const a = randomSymmetric(n, n);
    bench.add(`eigh n=${n}`, () => {
      sink += eigh(a, n).values[0] as number;
    });
  }
  for (const n of [512, 2048]) {
    const a = randomSymmetric(n + 1, n);
    bench.add(`topEigenpairs k=10 n=${n}`, () => {
      sink += topEigenpairs({ data: a, n }, 10).values[0] as number;
    });
  }
  return { benches: [bench], figures: () => (Number.isNaN(sink) ? { sink } : {}) };
}
