import { eigh, gemm, matmul, topEigenpairs } from '@geo/core';
import type { ResultRow, Scale, Task, TaskContext, TaskOutput } from '../types.js';

const SIZES: Record<Scale, { matmul: number[]; eigh: number[]; lanczos: number[] }> = {
  smoke: { matmul: [64, 128, 256], eigh: [32, 64, 128], lanczos: [256] },
  cpu: { matmul: [128, 256, 512], eigh: [64, 128, 256, 512], lanczos: [512, 2048] },
  paper: { matmul: [256, 512, 1024], eigh: [128, 256, 512, 1024], lanczos: [2048, 4096] },
};

/** The i-k-j triple loop, the baseline every fast kernel is measured beside. */
function naiveMatmul(a: Float64Array, b: Float64Array, n: number, c: Float64Array): void {
  c.fill(0);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < n; p++) {
      const av = a[i * n + p] as number;
      for (let j = 0; j < n; j++) c[i * n + j] = (c[i * n + j] as number) + av * (b[p * n + j] as number);
    }
  }
}

/** Median wall time (ms) of `fn` over repeats that add up to at least `budgetMs` (at least 3 runs). */
function medianMs(fn: () => void, budgetMs: number): number {
  fn(); // warm-up: let V8 optimise
  const times: number[] = [];
  const start = performance.now();
  while (times.length < 3 || (performance.now() - start < budgetMs && times.length < 50)) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  return times[Math.floor(times.length / 2)] as number;
}

function randomSymmetric(ctx: TaskContext, n: number): Float64Array {
  const rng = ctx.rng.derive('symmetric', n);
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

/** Frobenius norm of A V - V diag(w), over that of A: backward error of an eigendecomposition. */
function eighResidual(a: Float64Array, n: number, values: Float64Array, vectors: Float64Array): number {
  const av = new Float64Array(n * n);
  gemm(a, vectors, n, n, n, av);
  let r = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      r += ((av[i * n + j] as number) - (vectors[i * n + j] as number) * (values[j] as number)) ** 2;
      s += (a[i * n + j] as number) ** 2;
    }
  }
  return Math.sqrt(r / s);
}

/**
 * Times @geo/core's dense kernels on this machine: matmul beside the naive loop (GFLOP/s),
 * the symmetric eigensolver (time and backward error), and Lanczos top-10 eigenpairs.
 */
export const coreLinalgTask: Task = {
  name: 'core-linalg',
  description: "@geo/core's float64 kernels: matmul vs the naive loop (GFLOP/s), eigh and Lanczos timing and accuracy",
  scales: {
    smoke: `matmul n = ${SIZES.smoke.matmul.join(', ')}; eigh n = ${SIZES.smoke.eigh.join(', ')}; Lanczos n = ${SIZES.smoke.lanczos.join(', ')}`,
    cpu: `matmul n = ${SIZES.cpu.matmul.join(', ')}; eigh n = ${SIZES.cpu.eigh.join(', ')}; Lanczos n = ${SIZES.cpu.lanczos.join(', ')}`,
    paper: `matmul n = ${SIZES.paper.matmul.join(', ')}; eigh n = ${SIZES.paper.eigh.join(', ')}; Lanczos n = ${SIZES.paper.lanczos.join(', ')}`,
  },
  async run(ctx: TaskContext): Promise<TaskOutput> {
    const sizes = SIZES[ctx.scale];
    const total = sizes.matmul.length + sizes.eigh.length + sizes.lanczos.length;
    const budget = ctx.scale === 'smoke' ? 300 : 2000;
    let done = 0;
    const rows: ResultRow[] = [];
    const metrics: Record<string, number> = {};
    const step = async (label: string): Promise<void> => {
      ctx.onProgress(++done, total, label);
      await new Promise((r) => setImmediate(r)); // lets Ctrl-C through between steps
    };
    ctx.onProgress(0, total, 'matmul');
    for (const n of sizes.matmul) {
      if (ctx.signal.aborted) break;
      const rng = ctx.rng.derive('matmul', n);
      const a = rng.fillNormal(new Float64Array(n * n));
      const b = rng.fillNormal(new Float64Array(n * n));
      const c = new Float64Array(n * n);
      const fast = medianMs(() => matmul(a, b, n, n, n, c), budget);
      const naive = medianMs(() => naiveMatmul(a, b, n, c), budget);
      const gflops = (2 * n ** 3) / (fast * 1e6);
      rows.push({ kernel: 'matmul', n, ms: fast, gflops, baseline: 'naive ikj', baselineMs: naive, speedup: naive / fast });
      metrics[`matmulGflops_n${n}`] = gflops;
      await step(`matmul n=${n}`);
    }
    for (const n of sizes.eigh) {
      if (ctx.signal.aborted) break;
      const a = randomSymmetric(ctx, n);
      let result = eigh(a, n);
      const ms = medianMs(() => {
        result = eigh(a, n);
      }, budget);
      const residual = eighResidual(a, n, result.values, result.vectors);
      rows.push({ kernel: 'eigh', n, ms, backwardError: residual });
      metrics[`eighMs_n${n}`] = ms;
      await step(`eigh n=${n}`);
    }
    for (const n of sizes.lanczos) {
      if (ctx.signal.aborted) break;
      const a = randomSymmetric(ctx, n);
      const t0 = performance.now();
      const r = topEigenpairs({ data: a, n }, 10, { seed: ctx.seed, signal: ctx.signal });
      const ms = performance.now() - t0;
      rows.push({ kernel: 'topEigenpairs k=10', n, ms, matvecs: r.matvecs, maxResidual: Math.max(...r.residuals) });
      metrics[`lanczosMs_n${n}`] = ms;
      await step(`lanczos n=${n}`);
    }
    return {
      sizes,
      rows,
      metrics,
      notes: ['Single-threaded float64 on typed arrays; times are medians over repeated runs after a warm-up.'],
    };
  },
};
