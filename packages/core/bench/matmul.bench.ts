// matmul (register-blocked) beside the naive i-k-j loop, n = 64..512, float64.
import { Bench } from 'tinybench';
import { createRng, matmul } from '../src/index.js';

/** The best plain loop order (i-k-j), as the baseline. */
function naive(a: Float64Array, b: Float64Array, n: number, c: Float64Array): Float64Array {
  c.fill(0);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < n; p++) {
      const av = a[i * n + p] as number;
      for (let j = 0; j < n; j++) c[i * n + j] = (c[i * n + j] as number) + av * (b[p * n + j] as number);
    }
  }
  return c;
}

const SIZES = [64, 128, 256, 512];

export default async function () {
  const bench = new Bench({ name: 'matmul float64 (n x n) · (n x n)', time: 1500, warmupTime: 300 });
  let sink = 0;
  for (const n of SIZES) {
    const rng = createRng(n);
    const a = rng.fillNormal(new Float64Array(n * n));
    const b = rng.fillNormal(new Float64Array(n * n));
    const c = new Float64Array(n * n);
    bench.add(`matmul n=${n}`, () => {
      sink += matmul(a, b, n, n, n, c)[0] as number;
    });
    bench.add(`naive ikj n=${n}`, () => {
      sink += naive(a, b, n, c)[0] as number;
    });
  }
  return {
    benches: [bench],
    figures: () => {
      const figures: Record<string, number> = {};
      for (const n of SIZES) {
        const gflops = (name: string): number => {
          const r = bench.getTask(name)?.result;
          return r !== undefined && 'latency' in r ? (2 * n ** 3) / (r.latency.mean * 1e6) : Number.NaN;
        };
        figures[`matmul_gflops_n${n}`] = gflops(`matmul n=${n}`);
        figures[`naive_gflops_n${n}`] = gflops(`naive ikj n=${n}`);
        figures[`speedup_n${n}`] = gflops(`matmul n=${n}`) / gflops(`naive ikj n=${n}`);
      }
      if (Number.isNaN(sink)) figures['sink'] = sink; // keeps the results observable
      return figures;
    },
  };
}
