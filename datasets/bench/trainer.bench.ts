// The speed goal: SIREN 2-32-32-1 fit of one 28x28 image (784 coordinates, full
// batch, Adam), steps per second on one core, beside the plain reference as the naive
// baseline, with the pieces that bound a step (the 32x32 panels and sin/cos) timed alone.
import { Bench } from 'tinybench';
import { createRng } from '@geo/core';
import { createFusedMlp, imageAsFloat, initParams, loadDataset, optimizerStep, paramCount, referenceLossAndGradient, sinCosScaled } from '../src/index.js';
import type { MlpArch } from '../src/index.js';
import { panelForward, panelGrad } from '../src/trainer/kernels.js';
import { createWasmMlp, instantiateKernels } from '../src/trainer/wasm-engine.js';

const N = 784;
const ARCH: MlpArch = { sizes: [2, 32, 32, 1], activation: 'sin', w0: 30, outputShift: 0.5 };

/** Multiply-adds count 2: forward sum(in*out), weight gradients the same, input gradients for every layer but the first. */
function flopsPerStep(arch: MlpArch, n: number): number {
  let f = 0;
  for (let l = 0; l + 1 < arch.sizes.length; l++) {
    const mac = (arch.sizes[l] as number) * (arch.sizes[l + 1] as number) * n;
    f += 2 * mac * (l === 0 ? 2 : 3);
  }
  return f;
}

export default async function () {
  const ds = await loadDataset('mnist', { split: 'sample', env: {} });
  const target = imageAsFloat(ds, 0);
  const coords = new Float64Array(2 * N);
  for (let r = 0; r < 28; r++) for (let c = 0; c < 28; c++) {
    coords[2 * (r * 28 + c)] = -1 + (2 * c) / 27;
    coords[2 * (r * 28 + c) + 1] = -1 + (2 * r) / 27;
  }
  const P = paramCount(ARCH);
  const adam = { kind: 'adam', lr: 5e-4 } as const;
  const engine = createFusedMlp(ARCH, coords, 'mse');
  const wasmEngine = createWasmMlp(ARCH, coords, 'mse');
  if (wasmEngine === undefined) throw new Error('WebAssembly SIMD is unavailable');
  const wasm = { p: initParams(ARCH, 'dwsnets-siren', createRng(0)), g: new Float64Array(P), m: new Float64Array(P), v: new Float64Array(P), t: 0 };
  const k = instantiateKernels(3 * 32 * N * 8 + 4096);
  if (k === undefined) throw new Error('WebAssembly SIMD is unavailable');
  const base = Math.ceil(k.heapBase() / 16) * 16;
  const [kh, kw, kout, kcos] = [base, base + 32 * N * 8, base + 32 * N * 8 + 8704, base + 2 * 32 * N * 8 + 8704];
  new Float64Array(k.memory.buffer, kh, 32 * N).set(createRng(7).fillUniform(new Float64Array(32 * N), -1, 1));
  new Float64Array(k.memory.buffer, kw, 32 * 32 + 32).set(createRng(8).fillUniform(new Float64Array(32 * 32 + 32), -0.3, 0.3));
  const fused = { p: initParams(ARCH, 'dwsnets-siren', createRng(0)), g: new Float64Array(P), m: new Float64Array(P), v: new Float64Array(P), t: 0 };
  const naive = { p: initParams(ARCH, 'dwsnets-siren', createRng(0)), m: new Float64Array(P), v: new Float64Array(P), t: 0 };
  const rng = createRng(7);
  const h = rng.fillUniform(new Float64Array(32 * N), -1, 1);
  const w = rng.fillUniform(new Float64Array(32 * 32 + 32), -0.3, 0.3);
  const out = new Float64Array(32 * N);
  const cosOut = new Float64Array(32 * N);
  const g = new Float64Array(32 * 32 + 32);
  let sink = 0;

  const step = new Bench({ name: 'SIREN 2-32-32-1, one 28x28 image, full batch Adam: one training step', time: 3000, warmupTime: 500 });
  step.add('fused step (TypeScript)', () => {
    sink += engine.lossAndGradient(fused.p, 0, target, 0, fused.g, 0);
    optimizerStep(adam, fused.p, 0, P, fused.g, 0, fused.m, fused.v, ++fused.t);
  });
  step.add('wasm SIMD step', () => {
    sink += wasmEngine.lossAndGradient(wasm.p, 0, target, 0, wasm.g, 0);
    optimizerStep(adam, wasm.p, 0, P, wasm.g, 0, wasm.m, wasm.v, ++wasm.t);
  });
  step.add('naive baseline step (plain reference)', () => {
    const r = referenceLossAndGradient(ARCH, naive.p, coords, target, 'mse');
    sink += r.loss;
    optimizerStep(adam, naive.p, 0, P, r.grad, 0, naive.m, naive.v, ++naive.t);
  });

  const parts = new Bench({ name: 'pieces of one step (32 x 32 layer over 784 points)', time: 1500, warmupTime: 300 });
  parts.add('forward panel 32x32x784', () => {
    panelForward(w, 0, 32, 1, 32, 32, h, N, out, w, 1024);
    sink += out[0] as number;
  });
  parts.add('weight-gradient panel 32x32x784', () => {
    panelGrad(h, out, 32, 32, N, g, 0, 1024);
    sink += g[0] as number;
  });
  parts.add('wasm forward panel 32x32x784', () => {
    k.panelForward(kw, 32, 1, 32, 32, kh, N, kout, kw + 1024 * 8, 1);
  });
  parts.add('wasm weight-gradient panel 32x32x784', () => {
    k.panelGrad(kh, kout, 32, 32, N, kw, kw + 1024 * 8);
  });
  parts.add('wasm sinCos x 25088', () => {
    k.sinCos(kh, 30, 30, kout, kcos, 32 * N);
  });
  parts.add('sinCosScaled x 25088', () => {
    sinCosScaled(h, 30, 30, out, cosOut, 32 * N);
    sink += out[0] as number;
  });
  parts.add('Math.sin + Math.cos x 25088', () => {
    for (let i = 0; i < 32 * N; i++) {
      const x = 30 * (h[i] as number);
      out[i] = Math.sin(x);
      cosOut[i] = 30 * Math.cos(x);
    }
    sink += out[0] as number;
  });

  return {
    benches: [step, parts],
    figures: () => {
      const mean = (b: Bench, name: string): number => {
        const r = b.getTask(name)?.result;
        return r !== undefined && 'latency' in r ? (r.latency.p50 ?? r.latency.mean) : Number.NaN; // ms; the median resists other jobs on a shared machine
      };
      const fusedMs = mean(step, 'fused step (TypeScript)');
      const naiveMs = mean(step, 'naive baseline step (plain reference)');
      const flops = flopsPerStep(ARCH, N);
      const panelMs = mean(parts, 'forward panel 32x32x784');
      const sincosMs = mean(parts, 'sinCosScaled x 25088');
      const wasmMs = mean(step, 'wasm SIMD step');
      const wasmPanelMs = mean(parts, 'wasm forward panel 32x32x784');
      const wasmSincosMs = mean(parts, 'wasm sinCos x 25088');
      const figures: Record<string, number> = {
        wasm_steps_per_s: 1000 / wasmMs,
        wasm_gflops: flops / (wasmMs * 1e6),
        wasm_panel_gflops: (2 * 32 * 32 * N) / (wasmPanelMs * 1e6),
        wasm_grad_panel_gflops: (2 * 32 * 32 * N) / (mean(parts, 'wasm weight-gradient panel 32x32x784') * 1e6),
        wasm_sincos_share_of_step: (2 * wasmSincosMs) / wasmMs,
        wasm_speedup_over_fused: fusedMs / wasmMs,
        wasm_speedup_over_naive: naiveMs / wasmMs,
        fused_steps_per_s: 1000 / fusedMs,
        naive_steps_per_s: 1000 / naiveMs,
        speedup_over_naive: naiveMs / fusedMs,
        flops_per_step: flops,
        fused_gflops: flops / (fusedMs * 1e6),
        panel_gflops: (2 * 32 * 32 * N) / (panelMs * 1e6),
        grad_panel_gflops: (2 * 32 * 32 * N) / (mean(parts, 'weight-gradient panel 32x32x784') * 1e6),
        // Two sine layers of 32 x 784 per step.
        sincos_share_of_step: (2 * sincosMs) / fusedMs,
        sincos_speedup_over_math: mean(parts, 'Math.sin + Math.cos x 25088') / sincosMs,
        steps_per_s_bound_by_flops_at_panel_speed: ((2 * 32 * 32 * N) / (panelMs * 1e6) * 1e9) / flops,
      };
      if (Number.isNaN(sink)) figures['sink'] = sink;
      return figures;
    },
  };
}
