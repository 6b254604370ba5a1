import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '@geo/core';
import { CIFAR10_GS_PROTOCOLS, LUMA_BT601, cifar10GsHyperparameters, cifarGreyscale, classifierScore, createClassifierEvaluator, initParams, referenceLossAndGradient, zooPlan } from '../src/index.js';
import type { Activation, ImageDataset, MlpArch } from '../src/index.js';
import { expectGeoError } from './helpers.js';
import { ACCURACY_ABS, FUSED_LOSS_REL, GREYSCALE_ABS } from './tolerances.js';

/** A synthetic CIFAR-10-shaped dataset of `count` images with the given bytes. */
function fakeCifar(images: Uint8Array, count: number): ImageDataset {
  return { dataset: 'cifar-10', split: 'sample', count, height: 32, width: 32, channels: 3, images, labels: new Uint8Array(count), maxValue: 255, classes: [], files: [] };
}

describe('greyscale CIFAR-10 inputs', () => {
  it('one coloured pixel, by hand: luma (0.299 R + 0.587 G + 0.114 B) / 255 spread over its 4 x 4 block', () => {
    const img = new Uint8Array(3072);
    // Row 5, column 9: R = 100, G = 50, B = 200.
    img[5 * 32 + 9] = 100;
    img[1024 + 5 * 32 + 9] = 50;
    img[2048 + 5 * 32 + 9] = 200;
    // 0.299 * 100 + 0.587 * 50 + 0.114 * 200 = 29.9 + 29.35 + 22.8 = 82.05
    const full = cifarGreyscale(fakeCifar(img, 1), 0, 1, 32);
    expect(Math.abs((full[5 * 32 + 9] as number) - 82.05 / 255)).toBeLessThanOrEqual(GREYSCALE_ABS);
    const pooled = cifarGreyscale(fakeCifar(img, 1), 0, 1, 8);
    // Block row floor(5 / 4) = 1, block column floor(9 / 4) = 2; the block has 16 pixels.
    expect(Math.abs((pooled[1 * 8 + 2] as number) - 82.05 / 255 / 16)).toBeLessThanOrEqual(GREYSCALE_ABS);
    expect(Array.from(pooled).filter((v) => v !== 0)).toHaveLength(1);
    // A pure red, green or blue image is its luma weight everywhere.
    for (let c = 0; c < 3; c++) {
      const plane = new Uint8Array(3072);
      plane.fill(255, c * 1024, (c + 1) * 1024);
      for (const v of cifarGreyscale(fakeCifar(plane, 1), 0, 1, 4)) expect(Math.abs(v - (LUMA_BT601[c] as number))).toBeLessThanOrEqual(GREYSCALE_ABS);
    }
  });

  it('pooling: each output is the mean of its block of the 32 x 32 luma image, and the image mean is kept', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.constantFrom(1, 2, 4, 8, 16, 32), fc.nat(), (count, side, seed) => {
        const rng = createRng(seed);
        const bytes = Uint8Array.from({ length: count * 3072 + 3072 }, () => rng.int(0, 255));
        const ds = fakeCifar(bytes, count + 1);
        const full = cifarGreyscale(ds, 1, count, 32);
        const pooled = cifarGreyscale(ds, 1, count, side);
        expect(pooled.length).toBe(count * side * side);
        const b = 32 / side;
        for (let i = 0; i < count; i++) {
          let sumFull = 0;
          let sumPooled = 0;
          for (let R = 0; R < side; R++) {
            for (let C = 0; C < side; C++) {
              let s = 0;
              for (let r = R * b; r < (R + 1) * b; r++) for (let c = C * b; c < (C + 1) * b; c++) s += full[i * 1024 + r * 32 + c] as number;
              expect(Math.abs((pooled[i * side * side + R * side + C] as number) - s / (b * b))).toBeLessThanOrEqual(GREYSCALE_ABS);
              sumPooled += pooled[i * side * side + R * side + C] as number;
            }
          }
          for (let k = 0; k < 1024; k++) {
            const p = 3072 * (i + 1) + k;
            const y = full[i * 1024 + k] as number;
            expect(Math.abs(y - (0.299 * (bytes[p] as number) + 0.587 * (bytes[p + 1024] as number) + 0.114 * (bytes[p + 2048] as number)) / 255)).toBeLessThanOrEqual(GREYSCALE_ABS);
            expect(y).toBeGreaterThanOrEqual(0);
            expect(y).toBeLessThanOrEqual(1 + GREYSCALE_ABS);
            sumFull += y;
          }
          expect(Math.abs(sumPooled / (side * side) - sumFull / 1024)).toBeLessThanOrEqual(GREYSCALE_ABS);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('bad arguments are GeoErrors naming them', async () => {
    const ds = fakeCifar(new Uint8Array(3072), 1);
    expect((await expectGeoError(() => cifarGreyscale(ds, 0, 1, 3), 'OUT_OF_RANGE')).argument).toBe('side');
    expect((await expectGeoError(() => cifarGreyscale(ds, 0, 2, 8), 'OUT_OF_RANGE')).argument).toBe('count');
    expect((await expectGeoError(() => cifarGreyscale({ ...ds, channels: 1 }, 0, 1, 8), 'BAD_SHAPE')).argument).toBe('dataset');
  });
});

describe('classifier evaluation', () => {
  it('accuracy equals a brute-force count of argmax(reference outputs) = label (first maximum on ties); the loss is the cross-entropy', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 2, max: 10 }),
        fc.constantFrom<Activation>('relu', 'tanh', 'gelu'),
        fc.integer({ min: 1, max: 40 }),
        fc.nat(),
        (hidden, classes, activation, n, seed) => {
          const rng = createRng(seed);
          const arch: MlpArch = { sizes: [...hidden, classes], activation };
          const params = initParams(arch, 'pytorch', rng.derive('p'));
          const inputs = rng.derive('x').fillNormal(new Float64Array(n * (hidden[0] as number)));
          const labels = Float64Array.from({ length: n }, () => rng.int(0, classes - 1));
          const ref = referenceLossAndGradient(arch, params, inputs, labels, 'cross-entropy');
          let correct = 0;
          for (let i = 0; i < n; i++) {
            let best = 0;
            for (let j = 1; j < classes; j++) if ((ref.outputs[i * classes + j] as number) > (ref.outputs[i * classes + best] as number)) best = j;
            if (best === labels[i]) correct++;
          }
          const s = classifierScore(arch, params, inputs, labels);
          expect(Math.abs(s.correct - correct)).toBeLessThanOrEqual(ACCURACY_ABS);
          expect(s.accuracy).toBe(s.correct / n);
          expect(Math.abs(s.loss - ref.loss)).toBeLessThanOrEqual(FUSED_LOSS_REL * Math.max(1, ref.loss));
          // Zero parameters: every output ties, so every point is predicted class 0.
          const zero = classifierScore(arch, new Float64Array(params.length), inputs, labels);
          expect(zero.correct).toBe(labels.filter((l) => l === 0).length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('an evaluator scores parameters at an offset and rejects short or non-finite ones', async () => {
    const arch: MlpArch = { sizes: [2, 3], activation: 'relu' };
    const ev = createClassifierEvaluator(arch, [1, 0, 0, 1], [0, 1]);
    // W = [[1, 0], [0, 1], [0, 0]], b = 0: point (1, 0) -> class 0, point (0, 1) -> class 1.
    const params = new Float64Array([9, 9, 1, 0, 0, 1, 0, 0, 0, 0, 0]);
    expect(ev.score(params, 2).accuracy).toBe(1);
    expect((await expectGeoError(() => ev.score(params, 3), 'BAD_SHAPE')).argument).toBe('params');
    expect((await expectGeoError(() => ev.score(new Float64Array(9).fill(Number.NaN)), 'NOT_FINITE')).argument).toBe('params[0]');
    expect((await expectGeoError(() => createClassifierEvaluator(arch, [1, 0], [3]), 'OUT_OF_RANGE')).argument).toBe('targets[0]');
  });
});

describe('cifar10-gs hyperparameters', () => {
  it('every draw is inside the protocol, fixed by (seed, index, attempt), and steps = epochs x batches per epoch (at least T - 1)', () => {
    for (const scale of ['smoke', 'cpu', 'paper'] as const) {
      const p = CIFAR10_GS_PROTOCOLS[scale];
      fc.assert(
        fc.property(fc.nat({ max: 1e6 }), fc.nat({ max: 1e6 }), fc.nat({ max: 3 }), (seed, index, attempt) => {
          const plan = zooPlan('cifar10-gs', scale, { seed, counts: { train: 1, val: 0, test: 0 } });
          const h = cifar10GsHyperparameters(plan, index, attempt);
          expect(cifar10GsHyperparameters(plan, index, attempt)).toEqual(h);
          expect(p.widths).toContain(h.width);
          expect(p.activations).toContain(h.activation);
          expect(p.optimizers).toContain(h.optimizer);
          const [lo, hi] = p.learningRate[h.optimizer];
          expect(h.learningRate).toBeGreaterThanOrEqual(lo);
          expect(h.learningRate).toBeLessThan(hi);
          expect(h.weightDecay).toBeGreaterThanOrEqual(p.weightDecay[0]);
          expect(h.weightDecay).toBeLessThan(p.weightDecay[1]);
          expect(h.initScale).toBeGreaterThanOrEqual(p.initScale[0]);
          expect(h.initScale).toBeLessThan(p.initScale[1]);
          expect(h.dropout).toBeGreaterThanOrEqual(p.dropout[0]);
          expect(h.dropout).toBeLessThan(p.dropout[1]);
          expect(p.trainSizes).toContain(h.trainSize);
          expect(p.batchSizes).toContain(h.batchSize);
          expect(h.epochs).toBeGreaterThanOrEqual(p.epochs[0]);
          expect(h.epochs).toBeLessThanOrEqual(p.epochs[1]);
          expect(h.steps).toBe(Math.max(p.snapshots - 1, h.epochs * Math.ceil(h.trainSize / h.batchSize)));
          expect(cifar10GsHyperparameters(plan, index, attempt + 1)).not.toEqual(h);
        }),
        { numRuns: 50 },
      );
    }
  });

  it('the plan: 8 x 8 inputs at smoke and cpu scale, 32 x 32 at paper scale; data_batch_5 held out beyond smoke; maxSteps caps steps', () => {
    expect(zooPlan('cifar10-gs', 'cpu').arch.sizes).toEqual([64, 32, 32, 10]);
    expect(zooPlan('cifar10-gs', 'paper').arch.sizes).toEqual([1024, 32, 32, 10]);
    expect(zooPlan('cifar10-gs', 'cpu').counts).toEqual({ train: 600, val: 150, test: 250 });
    expect(zooPlan('cifar10-gs', 'cpu').cifar?.heldOut).toEqual({ split: 'train', batches: [5], from: 0, count: 10000 });
    expect(zooPlan('cifar10-gs', 'smoke').cifar?.pool.split).toBe('sample');
    const capped = zooPlan('cifar10-gs', 'cpu', { maxSteps: 30, snapshots: 4 });
    for (let i = 0; i < 20; i++) expect(cifar10GsHyperparameters(capped, i).steps).toBeLessThanOrEqual(30);
  });
});
