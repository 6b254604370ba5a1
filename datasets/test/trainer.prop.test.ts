import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '@geo/core';
import {
  ACTIVATIONS,
  LOSSES,
  SINCOS_MAX_ARG,
  createFusedMlp,
  createWasmMlp,
  initParams,
  optimizerStep,
  paramCount,
  referenceLossAndGradient,
  sinCosScaled,
  snapshotSchedule,
  toFeatureMajor,
  trainNetworks,
  wasmEngineSupports,
} from '../src/index.js';
import type { Activation, LossKind, MlpArch } from '../src/index.js';
import { instantiateKernels } from '../src/trainer/wasm-engine.js';
import { FD_FLOOR, FD_GRAD_REL, FD_STEP, FUSED_GRAD_REL, FUSED_LOSS_REL, SINCOS_ABS, TRAJECTORY_REL } from './tolerances.js';

/** A small random problem: architecture, parameters, inputs and targets. */
const problem = fc
  .record({
    sizes: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 2, maxLength: 4 }),
    activation: fc.constantFrom<Activation>(...ACTIVATIONS),
    loss: fc.constantFrom<LossKind>(...LOSSES),
    n: fc.integer({ min: 1, max: 11 }),
    w0: fc.double({ min: 0.5, max: 30, noNaN: true }),
    shift: fc.constantFrom(0, 0.5),
    seed: fc.nat(),
  })
  .map(({ sizes, activation, loss, n, w0, shift, seed }) => {
    if (loss === 'cross-entropy' && (sizes[sizes.length - 1] as number) < 2) sizes[sizes.length - 1] = 3;
    const arch: MlpArch = { sizes, activation, w0, outputShift: shift };
    const rng = createRng(seed);
    const params = initParams(arch, 'pytorch', rng.derive('init'));
    const dIn = sizes[0] as number;
    const dOut = sizes[sizes.length - 1] as number;
    const inputs = rng.derive('x').fillUniform(new Float64Array(n * dIn), -1, 1);
    const targets = loss === 'mse' ? rng.derive('y').fillUniform(new Float64Array(n * dOut), 0, 1) : Float64Array.from({ length: n }, (_, i) => (i * 7 + seed) % dOut);
    return { arch, loss, params, inputs, targets, n, dOut };
  });

describe('trainer kernels', () => {
  it('the reference gradient matches central finite differences', () => {
    fc.assert(
      fc.property(problem, ({ arch, loss, params, inputs, targets }) => {
        // relu's kink makes differences meaningless where a pre-activation is within FD_STEP of 0; smooth activations only.
        if (arch.activation === 'relu') return;
        const { grad } = referenceLossAndGradient(arch, params, inputs, targets, loss);
        const p = Float64Array.from(params);
        for (let i = 0; i < p.length; i++) {
          const keep = p[i] as number;
          p[i] = keep + FD_STEP;
          const up = referenceLossAndGradient(arch, p, inputs, targets, loss).loss;
          p[i] = keep - FD_STEP;
          const down = referenceLossAndGradient(arch, p, inputs, targets, loss).loss;
          p[i] = keep;
          const fd = (up - down) / (2 * FD_STEP);
          const g = grad[i] as number;
          expect(Math.abs(fd - g)).toBeLessThanOrEqual(FD_GRAD_REL * Math.max(Math.abs(g), FD_FLOOR));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('the fused engine agrees with the reference (loss, gradient, outputs) for every activation, loss and tiling edge', () => {
    fc.assert(
      fc.property(problem, ({ arch, loss, params, inputs, targets, n, dOut }) => {
        const ref = referenceLossAndGradient(arch, params, inputs, targets, loss);
        const engine = createFusedMlp(arch, inputs, loss);
        const tT = loss === 'mse' ? toFeatureMajor(targets, n, dOut) : targets;
        const grad = new Float64Array(params.length);
        const value = engine.lossAndGradient(params, 0, tT, 0, grad, 0);
        expect(Math.abs(value - ref.loss)).toBeLessThanOrEqual(FUSED_LOSS_REL * Math.max(1, Math.abs(ref.loss)));
        const scale = ref.grad.reduce((m, v) => Math.max(m, Math.abs(v)), 1e-300);
        for (let i = 0; i < grad.length; i++) expect(Math.abs((grad[i] as number) - (ref.grad[i] as number))).toBeLessThanOrEqual(FUSED_GRAD_REL * scale);
        const outputs = new Float64Array(n * dOut);
        expect(engine.lossOnly(params, 0, tT, 0, outputs)).toBe(value);
        const refOut = toFeatureMajor(ref.outputs, n, dOut);
        for (let i = 0; i < outputs.length; i++) expect(Math.abs((outputs[i] as number) - (refOut[i] as number))).toBeLessThanOrEqual(FUSED_LOSS_REL * Math.max(1, Math.abs(refOut[i] as number)));
      }),
      { numRuns: 100 },
    );
  });

  it('the WebAssembly SIMD engine agrees with the reference for sine networks (every tiling edge of rows and columns)', () => {
    const sineProblem = fc.record({
      sizes: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 4 }),
      blocks: fc.integer({ min: 1, max: 4 }),
      w0: fc.double({ min: 0.5, max: 30, noNaN: true }),
      shift: fc.constantFrom(0, 0.5),
      seed: fc.nat(),
    });
    fc.assert(
      fc.property(sineProblem, ({ sizes, blocks, w0, shift, seed }) => {
        const arch: MlpArch = { sizes, activation: 'sin', w0, outputShift: shift };
        const n = 4 * blocks;
        const rng = createRng(seed);
        const params = initParams(arch, 'siren', rng.derive('init'));
        const dIn = sizes[0] as number;
        const dOut = sizes[sizes.length - 1] as number;
        const inputs = rng.derive('x').fillUniform(new Float64Array(n * dIn), -1, 1);
        const targets = rng.derive('y').fillUniform(new Float64Array(n * dOut), 0, 1);
        expect(wasmEngineSupports(arch, n, 'mse')).toBe(true);
        const engine = createWasmMlp(arch, inputs, 'mse');
        if (engine === undefined) throw new Error('the wasm engine is unavailable');
        const ref = referenceLossAndGradient(arch, params, inputs, targets, 'mse');
        const grad = new Float64Array(params.length);
        const value = engine.lossAndGradient(params, 0, toFeatureMajor(targets, n, dOut), 0, grad, 0);
        expect(Math.abs(value - ref.loss)).toBeLessThanOrEqual(FUSED_LOSS_REL * Math.max(1, ref.loss));
        const scale = ref.grad.reduce((m, v) => Math.max(m, Math.abs(v)), 1e-300);
        for (let i = 0; i < grad.length; i++) expect(Math.abs((grad[i] as number) - (ref.grad[i] as number))).toBeLessThanOrEqual(FUSED_GRAD_REL * scale);
      }),
      { numRuns: 60 },
    );
    // Problems it does not handle are left to the TypeScript engine.
    expect(wasmEngineSupports({ sizes: [2, 3, 1], activation: 'tanh' }, 8, 'mse')).toBe(false);
    expect(wasmEngineSupports({ sizes: [2, 3, 1], activation: 'sin' }, 6, 'mse')).toBe(false);
    expect(createWasmMlp({ sizes: [2, 3, 1], activation: 'sin' }, new Float64Array(12), 'mse')).toBeUndefined();
  });

  it('the WebAssembly sinCos is bit-identical to sinCosScaled inside the reduction range (same operations, no FMA), and close outside it', () => {
    const k = instantiateKernels(1 << 16);
    if (k === undefined) throw new Error('the wasm kernels are unavailable');
    const base = Math.ceil(k.heapBase() / 16) * 2;
    fc.assert(
      fc.property(fc.array(fc.double(), { minLength: 1, maxLength: 32 }), fc.double({ min: 0.1, max: 40, noNaN: true }), (zs, w) => {
        const len = zs.length + (zs.length % 2); // the kernel works on lane pairs
        const z = new Float64Array(len);
        z.set(zs);
        const mem = new Float64Array(k.memory.buffer);
        mem.set(z, base);
        k.sinCos(base * 8, w, w, (base + 64) * 8, (base + 128) * 8, len);
        const s = new Float64Array(len);
        const c = new Float64Array(len);
        sinCosScaled(z, w, w, s, c, len);
        const inRange = Array.from(z).every((v) => Math.abs(w * v) <= SINCOS_MAX_ARG);
        if (inRange) {
          expect(Array.from(mem.subarray(base + 64, base + 64 + len))).toEqual(Array.from(s));
          expect(Array.from(mem.subarray(base + 128, base + 128 + len))).toEqual(Array.from(c));
          return;
        }
        // A lane pair with one huge or NaN argument goes to the module's own libm for both lanes.
        for (let i = 0; i < len; i++) {
          const ws = mem[base + 64 + i] as number;
          const wc = mem[base + 128 + i] as number;
          if (Number.isNaN(s[i] as number)) expect(ws).toBeNaN();
          else expect(Math.abs(ws - (s[i] as number))).toBeLessThanOrEqual(SINCOS_ABS);
          if (Number.isNaN(c[i] as number)) expect(wc).toBeNaN();
          else expect(Math.abs(wc - (c[i] as number)) / w).toBeLessThanOrEqual(SINCOS_ABS);
        }
      }),
    );
  });

  it('sinCosScaled agrees with Math.sin and Math.cos, inside the reduction range and beyond it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -SINCOS_MAX_ARG, max: SINCOS_MAX_ARG, noNaN: true }), fc.double({ min: -1e300, max: 1e300, noNaN: true })), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0.1, max: 40, noNaN: true }),
        (zs, w) => {
          // Arguments are given as x = w z, so pick z = x / w (the product may round: compare at w * z).
          const z = Float64Array.from(zs, (x) => x / w);
          const s = new Float64Array(z.length);
          const c = new Float64Array(z.length);
          sinCosScaled(z, w, w, s, c, z.length);
          for (let i = 0; i < z.length; i++) {
            const x = w * (z[i] as number);
            expect(Math.abs((s[i] as number) - Math.sin(x))).toBeLessThanOrEqual(SINCOS_ABS);
            expect(Math.abs((c[i] as number) / w - Math.cos(x))).toBeLessThanOrEqual(SINCOS_ABS);
          }
        },
      ),
    );
  });
});

describe('optimisers', () => {
  it('Adam: the first step moves every parameter by lr against its gradient sign (bias correction); weight decay is a gradient term', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 8 }), fc.double({ min: 1e-4, max: 0.1, noNaN: true }), fc.double({ min: 0, max: 0.1, noNaN: true }), (gs, lr, wd) => {
        const len = gs.length;
        const p = Float64Array.from(gs, (_, i) => i - 1);
        const g = Float64Array.from(gs, (x) => (Math.abs(x) < 1e-3 ? 1 : x));
        const before = Float64Array.from(p);
        optimizerStep({ kind: 'adam', lr, eps: 1e-12, weightDecay: wd }, p, 0, len, g, 0, new Float64Array(len), new Float64Array(len), 1);
        const q = Float64Array.from(before);
        const gd = Float64Array.from(g, (x, i) => x + wd * (before[i] as number));
        optimizerStep({ kind: 'adam', lr, eps: 1e-12 }, q, 0, len, gd, 0, new Float64Array(len), new Float64Array(len), 1);
        for (let i = 0; i < len; i++) {
          expect(p[i]).toBe(q[i]);
          if (Math.abs(gd[i] as number) > 1e-6) expect(Math.abs((p[i] as number) - ((before[i] as number) - lr * Math.sign(gd[i] as number)))).toBeLessThanOrEqual(1e-9 * lr);
        }
      }),
    );
  });

  it('SGD with momentum equals the heavy-ball recursion b_t = mu b_{t-1} + g_t, p -= lr b_t', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: 6 }), fc.double({ min: 0, max: 0.99, noNaN: true }), (gs, mu) => {
        const p = new Float64Array(1);
        const m = new Float64Array(1);
        let q = 0;
        let buf = 0;
        gs.forEach((g, t) => {
          optimizerStep({ kind: 'sgd', lr: 0.1, momentum: mu }, p, 0, 1, new Float64Array([g]), 0, m, new Float64Array(1), t + 1);
          buf = t === 0 ? g : mu * buf + g;
          q -= 0.1 * buf;
        });
        expect(Math.abs((p[0] as number) - q)).toBeLessThanOrEqual(1e-12);
      }),
    );
  });
});

describe('training loop', () => {
  it('training networks together equals training each alone, bit for bit, for either engine', () => {
    fc.assert(
      fc.property(problem, fc.integer({ min: 2, max: 3 }), ({ arch, loss, inputs, targets }, B) => {
        const P = paramCount(arch);
        const init = new Float64Array(B * P);
        for (let b = 0; b < B; b++) initParams(arch, 'pytorch', createRng(b), init, b * P);
        const all = new Float64Array(B * targets.length);
        for (let b = 0; b < B; b++) all.set(targets, b * targets.length);
        const opts = { arch, loss, optimizer: { kind: 'adam', lr: 1e-2 } as const, inputs, steps: 5, snapshotSteps: [0, 2, 5] };
        const together = trainNetworks({ ...opts, targets: all, init, networks: B });
        for (let b = 0; b < B; b++) {
          const alone = trainNetworks({ ...opts, targets, init: init.subarray(b * P, (b + 1) * P), networks: 1 });
          expect(together.snapshots.subarray(b * 3 * P, (b + 1) * 3 * P)).toEqual(alone.snapshots);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('the auto (wasm where it applies), fused and reference engines give the same trajectory', () => {
    fc.assert(
      fc.property(problem, ({ arch, loss, params, inputs, targets }) => {
        const opts = { arch, loss, optimizer: { kind: 'sgd', lr: 1e-2, momentum: 0.9 } as const, inputs, targets, init: params, networks: 1, steps: 4, snapshotSteps: [0, 1, 4] };
        const b = trainNetworks({ ...opts, engine: 'reference' });
        expect(b.engine).toBe('reference');
        const scale = params.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
        for (const engine of ['auto', 'fused'] as const) {
          const a = trainNetworks({ ...opts, engine });
          for (let i = 0; i < a.snapshots.length; i++) expect(Math.abs((a.snapshots[i] as number) - (b.snapshots[i] as number))).toBeLessThanOrEqual(TRAJECTORY_REL * scale);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('snapshotSchedule: T strictly increasing steps from 0 to maxSteps, denser early', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 2, max: 120 }), (maxSteps, wanted) => {
        const T = Math.min(wanted, maxSteps + 1);
        const s = snapshotSchedule(maxSteps, T);
        expect(s.length).toBe(T);
        expect(s[0]).toBe(0);
        expect(s[T - 1]).toBe(maxSteps);
        for (let j = 1; j < T; j++) expect(s[j] as number).toBeGreaterThan(s[j - 1] as number);
        expect((s[1] as number) - (s[0] as number)).toBeLessThanOrEqual((s[T - 1] as number) - (s[T - 2] as number));
      }),
    );
  });

  it('initParams is deterministic per stream and respects each scheme’s bounds', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 2, maxLength: 4 }), (seed, sizes) => {
        const arch: MlpArch = { sizes, activation: 'sin', w0: 30 };
        const a = initParams(arch, 'dwsnets-siren', createRng(seed));
        expect(initParams(arch, 'dwsnets-siren', createRng(seed))).toEqual(a);
        const s = initParams(arch, 'siren', createRng(seed));
        let at = 0;
        for (let l = 0; l + 1 < sizes.length; l++) {
          const fanIn = sizes[l] as number;
          const fanOut = sizes[l + 1] as number;
          const last = l + 2 === sizes.length;
          const dws = last ? 1 / Math.sqrt(fanIn) : Math.sqrt(6 / fanIn) / 30;
          const sir = l === 0 ? 1 / fanIn : Math.sqrt(6 / fanIn) / 30;
          for (let i = 0; i < fanIn * fanOut; i++) {
            expect(Math.abs(a[at + i] as number)).toBeLessThanOrEqual(dws);
            expect(Math.abs(s[at + i] as number)).toBeLessThanOrEqual(sir);
          }
          for (let j = 0; j < fanOut; j++) {
            if (!last) expect(a[at + fanIn * fanOut + j]).toBe(0);
            expect(Math.abs(s[at + fanIn * fanOut + j] as number)).toBeLessThanOrEqual(1 / Math.sqrt(fanIn));
          }
          at += fanIn * fanOut + fanOut;
        }
      }),
      { numRuns: 30 },
    );
  });
});
