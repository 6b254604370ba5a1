import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '@geo/core';
import { createFusedMlp, dropoutMaskLength, initParams, optimizerStep, referenceLossAndGradient, toFeatureMajor, trainNetworks } from '../src/index.js';
import type { Activation, LossKind, MlpArch } from '../src/index.js';
import { expectGeoError } from './helpers.js';
import { FD_FLOOR, FD_GRAD_REL, FD_STEP, FUSED_GRAD_REL, FUSED_LOSS_REL, TRAJECTORY_REL } from './tolerances.js';

/** A small problem with at least one hidden layer, and a dropout multiplier mask (0 or 1 / (1 - p)) for every hidden unit and point. */
const problem = fc
  .record({
    sizes: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 3, maxLength: 4 }),
    activation: fc.constantFrom<Activation>('tanh', 'sigmoid', 'gelu', 'sin', 'relu'),
    loss: fc.constantFrom<LossKind>('mse', 'cross-entropy'),
    n: fc.integer({ min: 2, max: 11 }),
    p: fc.double({ min: 0.05, max: 0.8, noNaN: true }),
    seed: fc.nat(),
  })
  .map(({ sizes, activation, loss, n, p, seed }) => {
    if (loss === 'cross-entropy' && (sizes[sizes.length - 1] as number) < 2) sizes[sizes.length - 1] = 3;
    const arch: MlpArch = { sizes, activation, w0: 2 };
    const rng = createRng(seed);
    const params = initParams(arch, 'pytorch', rng.derive('init'));
    const dIn = sizes[0] as number;
    const dOut = sizes[sizes.length - 1] as number;
    const inputs = rng.derive('x').fillUniform(new Float64Array(n * dIn), -1, 1);
    const targets = loss === 'mse' ? rng.derive('y').fillUniform(new Float64Array(n * dOut), 0, 1) : Float64Array.from({ length: n }, (_, i) => (i * 7 + seed) % dOut);
    const maskRng = rng.derive('mask');
    const keep = Float64Array.from({ length: dropoutMaskLength(arch, n) }, () => (maskRng.uniform() < p ? 0 : 1 / (1 - p)));
    return { arch, loss, params, inputs, targets, n, dIn, dOut, keep, seed };
  });

function maxAbs(a: ArrayLike<number>): number {
  let m = 1e-300;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] as number));
  return m;
}

describe('dropout and minibatches', () => {
  it('with a fixed dropout mask, the reference gradient matches central finite differences', () => {
    fc.assert(
      fc.property(problem, ({ arch, loss, params, inputs, targets, keep }) => {
        if (arch.activation === 'relu') return; // the kink makes differences meaningless near 0
        const { grad } = referenceLossAndGradient(arch, params, inputs, targets, loss, { keep });
        const p = Float64Array.from(params);
        for (let i = 0; i < p.length; i++) {
          const old = p[i] as number;
          p[i] = old + FD_STEP;
          const up = referenceLossAndGradient(arch, p, inputs, targets, loss, { keep }).loss;
          p[i] = old - FD_STEP;
          const down = referenceLossAndGradient(arch, p, inputs, targets, loss, { keep }).loss;
          p[i] = old;
          const g = grad[i] as number;
          expect(Math.abs((up - down) / (2 * FD_STEP) - g)).toBeLessThanOrEqual(FD_GRAD_REL * Math.max(Math.abs(g), FD_FLOOR));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('a dropped unit is absent: masking unit j everywhere equals deleting it; a mask of ones changes nothing', () => {
    fc.assert(
      fc.property(problem, ({ arch, loss, params, inputs, targets, n }) => {
        const ones = new Float64Array(dropoutMaskLength(arch, n)).fill(1);
        const plain = referenceLossAndGradient(arch, params, inputs, targets, loss);
        const withOnes = referenceLossAndGradient(arch, params, inputs, targets, loss, { keep: ones });
        expect(withOnes.loss).toBe(plain.loss);
        expect(Array.from(withOnes.grad)).toEqual(Array.from(plain.grad));
        // Drop unit 0 of the first hidden layer at every point: its outgoing weights get no gradient.
        const keep = Float64Array.from(ones);
        for (let i = 0; i < n; i++) keep[i] = 0;
        const h = arch.sizes[1] as number;
        const inOff = (arch.sizes[0] as number) * h + h; // layer 1's weight start
        const r = referenceLossAndGradient(arch, params, inputs, targets, loss, { keep });
        const fanOut = arch.sizes[2] as number;
        for (let j = 0; j < fanOut; j++) expect(r.grad[inOff + j * h]).toBe(0);
        // ... and its incoming weights and bias neither.
        const dIn = arch.sizes[0] as number;
        for (let k = 0; k < dIn; k++) expect(r.grad[k]).toBe(0);
        expect(r.grad[dIn * h]).toBe(0);
      }),
      { numRuns: 40 },
    );
  });

  it('the fused engine on a minibatch (rows) with a dropout mask equals the reference on the gathered points', () => {
    fc.assert(
      fc.property(problem, fc.nat(), ({ arch, loss, params, inputs, targets, n, dIn, dOut, seed }, pick) => {
        const m = 1 + (pick % n);
        const rows = createRng(seed).derive('rows').permutation(n).subarray(0, m);
        const mRng = createRng(seed).derive('m');
        const keep = Float64Array.from({ length: dropoutMaskLength(arch, m) }, () => (mRng.uniform() < 0.3 ? 0 : 1 / 0.7));
        const per = loss === 'mse' ? dOut : 1;
        const x = new Float64Array(m * dIn);
        const y = new Float64Array(m * per);
        rows.forEach((r, i) => {
          x.set(inputs.subarray(r * dIn, (r + 1) * dIn), i * dIn);
          y.set(targets.subarray(r * per, (r + 1) * per), i * per);
        });
        const ref = referenceLossAndGradient(arch, params, x, y, loss, { keep });
        const engine = createFusedMlp(arch, inputs, loss);
        const tT = loss === 'mse' ? toFeatureMajor(targets, n, dOut) : targets;
        const grad = new Float64Array(params.length);
        const value = engine.lossAndGradient(params, 0, tT, 0, grad, 0, { rows, keep });
        expect(Math.abs(value - ref.loss)).toBeLessThanOrEqual(FUSED_LOSS_REL * Math.max(1, Math.abs(ref.loss)));
        const scale = maxAbs(ref.grad);
        for (let i = 0; i < grad.length; i++) expect(Math.abs((grad[i] as number) - (ref.grad[i] as number))).toBeLessThanOrEqual(FUSED_GRAD_REL * scale);
        // A full-batch call afterwards is unaffected by the minibatch buffers.
        const full = engine.lossAndGradient(params, 0, tT, 0, grad, 0);
        const plain = referenceLossAndGradient(arch, params, inputs, targets, loss);
        expect(Math.abs(full - plain.loss)).toBeLessThanOrEqual(FUSED_LOSS_REL * Math.max(1, Math.abs(plain.loss)));
      }),
      { numRuns: 60 },
    );
  });

  it('minibatch and dropout training: the fused and reference engines give the same trajectory, deterministic per rng', () => {
    fc.assert(
      fc.property(problem, fc.integer({ min: 1, max: 5 }), fc.constantFrom(0, 0.25), ({ arch, loss, params, inputs, targets, n, seed }, bs, dropout) => {
        const batchSize = Math.min(bs, n);
        if (batchSize === n && dropout === 0) return;
        const common = { arch, loss, optimizer: { kind: 'adam', lr: 1e-2, weightDecay: 1e-3 } as const, inputs, targets, init: params, networks: 1, steps: 7, snapshotSteps: [0, 2, 7], batchSize, dropout };
        const a = trainNetworks({ ...common, engine: 'fused', rng: createRng(seed) });
        const b = trainNetworks({ ...common, engine: 'reference', rng: createRng(seed) });
        const again = trainNetworks({ ...common, engine: 'fused', rng: createRng(seed) });
        expect(a.engine).toBe('fused');
        expect(Array.from(again.snapshots)).toEqual(Array.from(a.snapshots));
        const scale = maxAbs(a.snapshots);
        for (let i = 0; i < a.snapshots.length; i++) expect(Math.abs((a.snapshots[i] as number) - (b.snapshots[i] as number))).toBeLessThanOrEqual(TRAJECTORY_REL * scale);
        // Snapshot losses are evaluation-mode losses over every point.
        const last = a.snapshots.subarray(2 * params.length);
        const evalLoss = referenceLossAndGradient(arch, last, inputs, targets, loss).loss;
        expect(Math.abs((a.snapshotLoss[2] as number) - evalLoss)).toBeLessThanOrEqual(FUSED_LOSS_REL * Math.max(1, Math.abs(evalLoss)));
      }),
      { numRuns: 40 },
    );
  });

  it('minibatch SGD visits a fresh permutation per epoch from rng.derive("network", b).derive("shuffle"), the last batch holding the remainder', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 1, max: 8 }), fc.nat(), (n, bs, seed) => {
        const batchSize = Math.min(bs, n - 1);
        // A linear model [2 -> 1], MSE: every step is easy to redo by hand.
        const arch: MlpArch = { sizes: [2, 1], activation: 'tanh' };
        const rng = createRng(seed);
        const inputs = rng.derive('x').fillUniform(new Float64Array(2 * n), -1, 1);
        const targets = rng.derive('y').fillUniform(new Float64Array(n), -1, 1);
        const init = new Float64Array([0.3, -0.2, 0.1]);
        const perEpoch = Math.ceil(n / batchSize);
        const steps = 2 * perEpoch + 1;
        const opt = { kind: 'sgd', lr: 0.1 } as const;
        const r = trainNetworks({ arch, loss: 'mse', optimizer: opt, inputs, targets, init, networks: 1, steps, batchSize, rng: createRng(seed).derive('t') });
        const shuffle = createRng(seed).derive('t').derive('network', 0).derive('shuffle');
        const p = Float64Array.from(init);
        let perm = new Int32Array(n);
        for (let t = 0; t < steps; t++) {
          if (t % perEpoch === 0) perm = shuffle.shuffle(Int32Array.from({ length: n }, (_, i) => i));
          const start = (t % perEpoch) * batchSize;
          const rows = perm.subarray(start, Math.min(start + batchSize, n));
          const g = new Float64Array(3);
          for (const i of rows) {
            const res = (p[0] as number) * (inputs[2 * i] as number) + (p[1] as number) * (inputs[2 * i + 1] as number) + (p[2] as number) - (targets[i] as number);
            g[0] = (g[0] as number) + (2 * res * (inputs[2 * i] as number)) / rows.length;
            g[1] = (g[1] as number) + (2 * res * (inputs[2 * i + 1] as number)) / rows.length;
            g[2] = (g[2] as number) + (2 * res) / rows.length;
          }
          optimizerStep(opt, p, 0, 3, g, 0, new Float64Array(3), new Float64Array(3), t + 1);
        }
        for (let i = 0; i < 3; i++) expect(Math.abs((r.params[i] as number) - (p[i] as number))).toBeLessThanOrEqual(TRAJECTORY_REL);
      }),
      { numRuns: 60 },
    );
  });

  it('bad minibatch and dropout options are GeoErrors naming the argument', async () => {
    const arch: MlpArch = { sizes: [1, 2, 1], activation: 'tanh' };
    const base = { arch, loss: 'mse' as const, optimizer: { kind: 'adam', lr: 1e-3 } as const, inputs: [0, 1, 2], targets: [0, 1, 2], init: new Float64Array(7), networks: 1, steps: 2 };
    expect((await expectGeoError(() => trainNetworks({ ...base, batchSize: 4, rng: createRng(0) }), 'OUT_OF_RANGE')).argument).toBe('batchSize');
    expect((await expectGeoError(() => trainNetworks({ ...base, dropout: 1, rng: createRng(0) }), 'OUT_OF_RANGE')).argument).toBe('dropout');
    expect((await expectGeoError(() => trainNetworks({ ...base, batchSize: 2 }), 'BAD_TYPE')).argument).toBe('rng');
    expect((await expectGeoError(() => trainNetworks({ ...base, batchSize: 2, rng: createRng(0), engine: 'wasm' }), 'UNSUPPORTED')).argument).toBe('engine');
    expect((await expectGeoError(() => trainNetworks({ ...base, dropout: 0.5, rng: createRng(0), stopAtLoss: 1e-3 }), 'UNSUPPORTED')).argument).toBe('stopAtLoss');
    expect((await expectGeoError(() => referenceLossAndGradient(arch, new Float64Array(7), [0, 1], [0, 1], 'mse', { keep: [1, 1, 1] }), 'BAD_SHAPE')).argument).toBe('options.keep');
    expect((await expectGeoError(() => referenceLossAndGradient(arch, new Float64Array(7), [0, 1], [0, 1], 'mse', { keep: [1, 1, 1, -1] }), 'OUT_OF_RANGE')).argument).toBe('options.keep[3]');
  });
});
