// NFN-NP: the NP layer against a brute-force construction of its weight sharing, hidden-
// permutation equivariance and invariance (fast-check, permuteHidden), shapes, bad input, and
// learning on a tiny synthetic zoo on the cpu backend.
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { GeoError, createRng } from '@geo/core';
import { initBackend } from '@geo/core/tf';
import { ParamStore, registerGradients } from '@geo/gth-gmn/tf';
import { permuteHidden, trajectoryFromSnapshots } from '@geo/param-graph';
import type { Mlp, Trajectory } from '@geo/param-graph';
import type { MethodContext } from '../../src/leaderboard/method.js';
import {
  NfnNpModel,
  applyNpLayer,
  biasTermsOf,
  npLayer,
  npPool,
  npPoolWidth,
  nfnNp,
  stackModels,
  standardiseLast,
  weightTermsOf,
} from '../../src/leaderboard/methods/nfn-np/index.js';
import type { NpLayer, WeightSpaceFeatures } from '../../src/leaderboard/methods/nfn-np/index.js';
import { layerStats } from '../../src/leaderboard/methods/tf-training/layer-stats.js';
import { accuracy } from '../../src/leaderboard/methods/tf-training/scores.js';
import { randomMlp, syntheticZoo } from '../../src/leaderboard/methods/tf-training/synthetic-zoo.js';

/** float32 layer outputs against a float64 dense product: a few ulps of the O(1) sums. */
const LAYER_TOL = 1e-4;
/** Outputs of a permuted input against the permuted outputs (float32 means summed in another order). */
const EQUIVARIANCE_TOL = 1e-4;
/** Pooled embeddings and model outputs of a permuted model. */
const INVARIANCE_TOL = 1e-4;
/** Gradients against central differences of a smooth float32 loss (step FD_STEP; measured worst 3e-4). */
const GRADIENT_TOL = 2e-3;
const FD_STEP = 1e-2;
/** The synthetic zoo has 3 classes: chance is 1/3; learning means clearly above it. */
const MIN_TEST_ACCURACY = 0.6;

const ctx = (seed = 0): MethodContext => ({ scale: 'smoke', seed, signal: new AbortController().signal, onProgress: () => {} });

beforeAll(async () => {
  await initBackend({ force: 'cpu' });
  registerGradients();
});

/** Random weight-space features of one model (B = 1) with c channels, as Float64 arrays per layer. */
function randomFeatures(sizes: readonly number[], c: number, seed: number): { w: Float64Array[]; b: Float64Array[] } {
  const rng = createRng(seed);
  const L = sizes.length - 1;
  const w: Float64Array[] = [];
  const b: Float64Array[] = [];
  for (let l = 0; l < L; l++) {
    w.push(rng.derive('w', l).fillNormal(new Float64Array((sizes[l + 1] as number) * (sizes[l] as number) * c)));
    b.push(rng.derive('b', l).fillNormal(new Float64Array((sizes[l + 1] as number) * c)));
  }
  return { w, b };
}

function toTensors(sizes: readonly number[], c: number, f: { w: Float64Array[]; b: Float64Array[] }): WeightSpaceFeatures {
  return {
    weights: f.w.map((w, l) => tf.tensor4d(Float32Array.from(w), [1, sizes[l + 1] as number, sizes[l] as number, c])),
    biases: f.b.map((b, l) => tf.tensor3d(Float32Array.from(b), [1, sizes[l + 1] as number, c])),
  };
}

/** Features -> one flat vector: W_0, b_0, W_1, b_1, ... (row-major, channel last). */
function flatten(f: { w: ArrayLike<number>[]; b: ArrayLike<number>[] }): number[] {
  const out: number[] = [];
  f.w.forEach((w, l) => {
    out.push(...Array.from(w));
    out.push(...Array.from(f.b[l] as ArrayLike<number>));
  });
  return out;
}

/** Per channel, features as an Mlp (so permuteHidden can permute them), and back. */
function permuteFeatures(sizes: readonly number[], c: number, f: { w: Float64Array[]; b: Float64Array[] }, perms: readonly Int32Array[]): { w: Float64Array[]; b: Float64Array[] } {
  const L = sizes.length - 1;
  const w = f.w.map((x) => new Float64Array(x.length));
  const b = f.b.map((x) => new Float64Array(x.length));
  for (let ch = 0; ch < c; ch++) {
    const mlp: Mlp = {
      sizes: [...sizes],
      activation: 'relu',
      weights: f.w.map((x) => Float64Array.from({ length: x.length / c }, (_, i) => x[i * c + ch] as number)),
      biases: f.b.map((x) => Float64Array.from({ length: x.length / c }, (_, i) => x[i * c + ch] as number)),
    };
    const p = permuteHidden(mlp, perms);
    for (let l = 0; l < L; l++) {
      (p.weights[l] as Float64Array).forEach((v, i) => ((w[l] as Float64Array)[i * c + ch] = v));
      (p.biases[l] as Float64Array).forEach((v, i) => ((b[l] as Float64Array)[i * c + ch] = v));
    }
  }
  return { w, b };
}

function read(x: WeightSpaceFeatures): { w: Float32Array[]; b: Float32Array[] } {
  return { w: x.weights.map((t) => t.dataSync() as Float32Array), b: x.biases.map((t) => t.dataSync() as Float32Array) };
}

/**
 * The NP layer written out as a dense matrix by enumerating every (output entry, input entry)
 * pair and assigning the parameter its weight-sharing rule gives (float64), plus the offsets.
 */
function bruteForceLayer(layer: NpLayer, sizes: readonly number[]): { M: Float64Array[]; offset: Float64Array; index: { l: number; bias: boolean; j: number; k: number; ch: number }[] } {
  const L = sizes.length - 1;
  const { cIn, cOut } = layer;
  const rows = (l: number): number => sizes[l + 1] as number;
  const cols = (l: number): number => sizes[l] as number;
  const val = (v: tf.Variable | undefined): Float32Array => (v === undefined ? new Float32Array(0) : (v.dataSync() as Float32Array));
  type Entry = { l: number; bias: boolean; j: number; k: number; ch: number };
  const entries = (c: number): Entry[] => {
    const list: Entry[] = [];
    for (let l = 0; l < L; l++) {
      for (let j = 0; j < rows(l); j++) for (let k = 0; k < cols(l); k++) for (let ch = 0; ch < c; ch++) list.push({ l, bias: false, j, k, ch });
      for (let j = 0; j < rows(l); j++) for (let ch = 0; ch < c; ch++) list.push({ l, bias: true, j, k: -1, ch });
    }
    return list;
  };
  const outs = entries(cOut);
  const ins = entries(cIn);
  const M = outs.map(() => new Float64Array(ins.length));
  const offset = new Float64Array(outs.length);
  outs.forEach((o, r) => {
    const params = o.bias ? layer.bias[o.l] : layer.weight[o.l];
    if (params === undefined) throw new Error('missing layer');
    const at = (v: tf.Variable | undefined, ci: number): number => {
      const a = val(v);
      return a.length === 0 ? 0 : (a[ci * cOut + o.ch] as number);
    };
    const glob = val(params.global);
    offset[r] = val(params.offset)[o.ch] as number;
    ins.forEach((i, col) => {
      const s = i.l;
      const ci = i.ch;
      // global: full mean of every tensor (W_s at row 2s, b_s at row 2s+1 of the global matrix)
      let coef = (glob[((2 * s + (i.bias ? 1 : 0)) * cIn + ci) * cOut + o.ch] as number) / (i.bias ? rows(s) : rows(s) * cols(s));
      if (!o.bias) {
        const t = layer.weight[o.l]?.terms ?? {};
        if (!i.bias && s === o.l) {
          if (i.j === o.j && i.k === o.k) coef += at(t.self, ci);
          if (i.j === o.j) coef += at(t.row, ci) / cols(s);
          if (i.k === o.k) coef += at(t.col, ci) / rows(s);
        }
        if (!i.bias && s === o.l - 1 && i.j === o.k) coef += at(t.prev, ci) / cols(s);
        if (!i.bias && s === o.l + 1 && i.k === o.j) coef += at(t.next, ci) / rows(s);
        if (i.bias && s === o.l && i.j === o.j) coef += at(t.bias, ci);
        if (i.bias && s === o.l - 1 && i.j === o.k) coef += at(t.biasPrev, ci);
      } else {
        const t = layer.bias[o.l]?.terms ?? {};
        if (!i.bias && s === o.l && i.j === o.j) coef += at(t.row, ci) / cols(s);
        if (!i.bias && s === o.l + 1 && i.k === o.j) coef += at(t.next, ci) / rows(s);
        if (i.bias && s === o.l && i.j === o.j) coef += at(t.self, ci);
      }
      (M[r] as Float64Array)[col] = coef;
    });
  });
  return { M, offset, index: outs };
}

describe('NP layer', () => {
  it('equals a brute-force dense construction of its weight sharing, which commutes with hidden permutations', () => {
    const sizes = [2, 3, 2, 2];
    const cIn = 2;
    const cOut = 3;
    const store = new ParamStore(7);
    const layer = npLayer(store, 'np', sizes.length - 1, cIn, cOut);
    // non-zero offsets, so they are checked too
    for (const p of [...layer.weight, ...layer.bias]) p.offset.assign(tf.tensor1d([0.3, -0.2, 0.1]));
    const f = randomFeatures(sizes, cIn, 3);
    const x = toTensors(sizes, cIn, f);
    const y = flatten(read(applyNpLayer(layer, x)));
    const { M, offset } = bruteForceLayer(layer, sizes);
    const xin = flatten(f);
    expect(y.length).toBe(M.length);
    M.forEach((row, r) => {
      let s = offset[r] as number;
      row.forEach((m, c) => (s += m * (xin[c] as number)));
      expect(Math.abs((y[r] as number) - s)).toBeLessThan(LAYER_TOL);
    });
    // The brute-force matrix itself: M[sigma(a), sigma(b)] = M[a, b] for hidden permutations sigma.
    const entryIndex = (c: number) => {
      const idx = new Map<string, number>();
      let n = 0;
      for (let l = 0; l < sizes.length - 1; l++) {
        for (let j = 0; j < (sizes[l + 1] as number); j++) for (let k = 0; k < (sizes[l] as number); k++) for (let ch = 0; ch < c; ch++) idx.set(`W${l},${j},${k},${ch}`, n++);
        for (let j = 0; j < (sizes[l + 1] as number); j++) for (let ch = 0; ch < c; ch++) idx.set(`b${l},${j},${ch}`, n++);
      }
      return idx;
    };
    const perms = [Int32Array.from([2, 0, 1]), Int32Array.from([1, 0])];
    const sigma = (set: number, i: number): number => (set === 0 || set === sizes.length - 1 ? i : ((perms[set - 1] as Int32Array)[i] as number));
    const mapAll = (c: number) => {
      const idx = entryIndex(c);
      const map = new Int32Array(idx.size);
      for (const [key, n] of idx) {
        const [head, ...rest] = key.split(',');
        const l = Number((head as string).slice(1));
        const nums = rest.map(Number);
        if ((head as string).startsWith('W')) map[n] = idx.get(`W${l},${sigma(l + 1, nums[0] as number)},${sigma(l, nums[1] as number)},${nums[2]}`) as number;
        else map[n] = idx.get(`b${l},${sigma(l + 1, nums[0] as number)},${nums[1]}`) as number;
      }
      return map;
    };
    const mo = mapAll(cOut);
    const mi = mapAll(cIn);
    let checked = 0;
    M.forEach((row, r) =>
      row.forEach((m, c) => {
        expect((M[mo[r] as number] as Float64Array)[mi[c] as number]).toBe(m);
        checked++;
      }),
    );
    expect(checked).toBe(M.length * xin.length);
    store.dispose();
  });

  it('backpropagates: the gradient of every variable matches central differences of the loss', () => {
    const sizes = [2, 3, 2, 1];
    const store = new ParamStore(11);
    const layer = npLayer(store, 'np', 3, 2, 2);
    const x = toTensors(sizes, 2, randomFeatures(sizes, 2, 5));
    // a smooth loss (no ReLU kinks for the differences to straddle) that reads every output
    // entry directly and through the pooling
    const loss = (): tf.Scalar =>
      tf.tidy(() => {
        const y = applyNpLayer(layer, x);
        let total = tf.sum(npPool(y));
        for (const t of [...y.weights, ...y.biases]) total = tf.add(total, tf.sum(tf.square(t)));
        return total as tf.Scalar;
      });
    const { grads } = tf.variableGrads(loss, [...store.variables.values()]);
    let checked = 0;
    for (const [name, v] of store.variables) {
      const g = (grads[v.name] as tf.Tensor).dataSync();
      const base = v.dataSync().slice();
      for (let i = 0; i < base.length; i++) {
        const at = (delta: number): number => {
          const moved = base.slice();
          moved[i] = (moved[i] as number) + delta;
          v.assign(tf.tensor(moved, v.shape));
          return loss().dataSync()[0] as number;
        };
        const fd = (at(FD_STEP) - at(-FD_STEP)) / (2 * FD_STEP);
        v.assign(tf.tensor(base, v.shape));
        expect(Math.abs(fd - (g[i] as number)), `${name}[${i}]`).toBeLessThan(GRADIENT_TOL * Math.max(1, Math.abs(fd)));
        checked++;
      }
    }
    expect(checked).toBe(store.size);
    store.dispose();
  });

  it('has prev/biasPrev terms except at the first layer and next terms except at the last', () => {
    expect(weightTermsOf(0, 3)).toEqual(['self', 'row', 'col', 'next', 'bias']);
    expect(weightTermsOf(2, 3)).toEqual(['self', 'row', 'col', 'prev', 'bias', 'biasPrev']);
    expect(weightTermsOf(0, 1)).toEqual(['self', 'row', 'col', 'bias']);
    expect(biasTermsOf(1, 3)).toEqual(['self', 'row', 'next']);
    expect(biasTermsOf(2, 3)).toEqual(['self', 'row']);
  });

  const arch = fc.record({
    hidden: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 2 }),
    n0: fc.integer({ min: 1, max: 3 }),
    nL: fc.integer({ min: 1, max: 2 }),
    cIn: fc.integer({ min: 1, max: 3 }),
    cOut: fc.integer({ min: 1, max: 3 }),
    seed: fc.nat(1000),
  });

  it('is equivariant to hidden-neuron permutations (permuteHidden on every channel) and keeps shapes', () => {
    fc.assert(
      fc.property(arch, ({ hidden, n0, nL, cIn, cOut, seed }) => {
        const sizes = [n0, ...hidden, nL];
        const store = new ParamStore(seed);
        const layer = npLayer(store, 'np', sizes.length - 1, cIn, cOut);
        const rng = createRng(seed).derive('perm');
        const perms = hidden.map((n) => rng.permutation(n));
        const f = randomFeatures(sizes, cIn, seed);
        const fp = permuteFeatures(sizes, cIn, f, perms);
        tf.tidy(() => {
          const y = applyNpLayer(layer, toTensors(sizes, cIn, f));
          y.weights.forEach((w, l) => expect(w.shape).toEqual([1, sizes[l + 1], sizes[l], cOut]));
          y.biases.forEach((b, l) => expect(b.shape).toEqual([1, sizes[l + 1], cOut]));
          const permutedOut = flatten(permuteFeatures(sizes, cOut, { w: read(y).w.map((a) => Float64Array.from(a)), b: read(y).b.map((a) => Float64Array.from(a)) }, perms));
          const outOfPermuted = flatten(read(applyNpLayer(layer, toTensors(sizes, cIn, fp))));
          outOfPermuted.forEach((v, i) => expect(Math.abs(v - (permutedOut[i] as number))).toBeLessThan(EQUIVARIANCE_TOL));
        });
        store.dispose();
      }),
      { numRuns: 40 },
    );
  });

  it('pools to npPoolWidth values, unchanged by hidden-neuron permutations', () => {
    fc.assert(
      fc.property(arch, ({ hidden, n0, nL, cIn, seed }) => {
        const sizes = [n0, ...hidden, nL];
        const rng = createRng(seed).derive('perm');
        const perms = hidden.map((n) => rng.permutation(n));
        const f = randomFeatures(sizes, cIn, seed);
        tf.tidy(() => {
          const a = npPool(toTensors(sizes, cIn, f));
          expect(a.shape).toEqual([1, npPoolWidth(sizes.length - 1, n0, nL, cIn)]);
          const b = npPool(toTensors(sizes, cIn, permuteFeatures(sizes, cIn, f, perms))).dataSync();
          a.dataSync().forEach((v, i) => expect(Math.abs(v - (b[i] as number))).toBeLessThan(INVARIANCE_TOL));
        });
      }),
      { numRuns: 40 },
    );
  });

  it('refuses features of the wrong depth, channels or neighbouring widths with a GeoError', () => {
    const store = new ParamStore(1);
    const layer = npLayer(store, 'np', 2, 2, 4);
    const good = toTensors([2, 3, 1], 2, randomFeatures([2, 3, 1], 2, 1));
    const badChannels = toTensors([2, 3, 1], 1, randomFeatures([2, 3, 1], 1, 1));
    expect(() => applyNpLayer(layer, { weights: good.weights.slice(0, 1), biases: good.biases.slice(0, 1) })).toThrow(expect.objectContaining({ name: 'GeoError', code: 'BAD_LENGTH', argument: 'x' }));
    expect(() => applyNpLayer(layer, badChannels)).toThrow(expect.objectContaining({ code: 'BAD_SHAPE', argument: 'x.weights[0]' }));
    const mismatched = toTensors([2, 4, 1], 2, randomFeatures([2, 4, 1], 2, 1));
    expect(() => applyNpLayer(layer, { weights: [good.weights[0] as tf.Tensor4D, mismatched.weights[1] as tf.Tensor4D], biases: good.biases })).toThrow(
      expect.objectContaining({ code: 'BAD_SHAPE', argument: 'x.weights[1]' }),
    );
    expect(() => npLayer(store, 'np2', 0, 1, 1)).toThrow(GeoError);
    store.dispose();
  });
});

/** A trajectory of one snapshot of `mlp`. */
const single = (mlp: Mlp): Trajectory => trajectoryFromSnapshots([mlp], [0]);

describe('NfnNpModel', () => {
  it('gives the same outputs for a model and its hidden-permuted copy, for mixed widths in one model', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 2, max: 5 }), fc.nat(1000), (h1, h2, seed) => {
        const sizes = [2, h1, h2, 1];
        const mlp = randomMlp(sizes, seed);
        const rng = createRng(seed).derive('perm');
        const permuted = permuteHidden(mlp, [rng.permutation(h1), rng.permutation(h2)]);
        const stats = layerStats([single(mlp)]);
        const net = new NfnNpModel({ numLayers: 3, inputs: 2, outputs: 1 }, { channels: 4, npLayers: 2, headHidden: 8, dropout: 0 }, 3, seed);
        const models = [standardiseLast(single(mlp), stats), standardiseLast(single(permuted), stats)];
        tf.tidy(() => {
          const a = net.forward(models, [0], { training: false, seed: 0 });
          const b = net.forward(models, [1], { training: false, seed: 0 }).dataSync();
          expect(a.shape).toEqual([1, 3]);
          a.dataSync().forEach((v, i) => expect(Math.abs(v - (b[i] as number))).toBeLessThan(INVARIANCE_TOL));
        });
        net.dispose();
      }),
      { numRuns: 15 },
    );
  });

  it('stacks one architecture only', () => {
    const stats = layerStats([single(randomMlp([2, 3, 1], 1))]);
    const a = standardiseLast(single(randomMlp([2, 3, 1], 1)), stats);
    const b = standardiseLast(single(randomMlp([2, 4, 1], 2)), stats);
    expect(() => stackModels([a, b])).toThrow(expect.objectContaining({ code: 'BAD_SHAPE', argument: 'models[1]' }));
    expect(() => stackModels([])).toThrow(expect.objectContaining({ code: 'BAD_LENGTH', argument: 'models' }));
  });
});

describe('nfnNp method', () => {
  const spec = { task: 'synthetic', kind: 'classification', outputs: 3 } as const;

  it('learns the synthetic zoo (accuracy well above chance), keeps the best validation epoch, and is deterministic per seed', async () => {
    const train = syntheticZoo(48, 1);
    const val = syntheticZoo(24, 2);
    const test = syntheticZoo(30, 3);
    const method = nfnNp({ maxEpochs: 30, patience: 8 });
    expect(method.name).toBe('nfn-np');
    expect(method.temporal).toBe(false);
    const fitted = await method.fit(train, val, spec, ctx(0));
    const pred = await fitted.predict(test.trajectories);
    expect(pred.length).toBe(30 * 3);
    expect(accuracy(pred, test.targets, 3)).toBeGreaterThanOrEqual(MIN_TEST_ACCURACY);
    // the kept weights are the best epoch's: their validation accuracy is the reported one
    expect(accuracy(await fitted.predict(val.trajectories), val.targets, 3)).toBe(fitted.info?.['bestValScore']);
    expect(fitted.info?.['bestEpoch']).toBeLessThanOrEqual(fitted.info?.['epochsRun'] as number);
    fitted.dispose?.();
    const short = nfnNp({ maxEpochs: 2, patience: 2 });
    const p1 = await (await short.fit(train, val, spec, ctx(5))).predict(test.trajectories);
    const p2 = await (await short.fit(train, val, spec, ctx(5))).predict(test.trajectories);
    expect(Array.from(p2)).toEqual(Array.from(p1));
  });

  it('regresses in the targets\' units and ranks with one score per model', async () => {
    const train = syntheticZoo(24, 4);
    const tensorsBefore = tf.memory().numTensors;
    const y = new Float64Array(48).map((_, i) => (i % 2 === 0 ? 100 + (train.targets[i >> 1] as number) : -5));
    const fitted = await nfnNp({ maxEpochs: 2, patience: 2 }).fit({ trajectories: train.trajectories, targets: y }, { trajectories: [], targets: new Float64Array(0) }, { task: 'r', kind: 'regression', outputs: 2 }, ctx());
    const pred = await fitted.predict(train.trajectories.slice(0, 4));
    expect(pred.length).toBe(8);
    // standardised training, unscaled predictions: near the targets' scale, not the unit scale
    expect(Math.abs((pred[0] as number) - 101)).toBeLessThan(10);
    expect(fitted.info?.['bestEpoch']).toBe(2);
    fitted.dispose?.();
    // fit, predict and dispose leave no tensor behind
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    const ranking = await nfnNp({ maxEpochs: 1, patience: 1 }).fit({ trajectories: train.trajectories, targets: new Float64Array(24).map((_, i) => i / 24) }, { trajectories: train.trajectories.slice(0, 6), targets: new Float64Array(6).map((_, i) => i) }, { task: 'g', kind: 'ranking', outputs: 1 }, ctx());
    const scores = await ranking.predict(train.trajectories);
    expect(scores.length).toBe(24);
    expect(scores.every(Number.isFinite)).toBe(true);
  });

  it('refuses bad input with GeoErrors naming the argument', async () => {
    const train = syntheticZoo(6, 1);
    const empty = { trajectories: [], targets: new Float64Array(0) };
    const m = nfnNp({ maxEpochs: 1, patience: 1 });
    await expect(m.fit(empty, empty, spec, ctx())).rejects.toMatchObject({ name: 'GeoError', code: 'BAD_LENGTH', argument: 'train.trajectories' });
    await expect(m.fit({ trajectories: train.trajectories, targets: new Float64Array(5) }, empty, spec, ctx())).rejects.toMatchObject({ code: 'BAD_LENGTH', argument: 'train.targets' });
    await expect(m.fit({ trajectories: train.trajectories, targets: new Float64Array(6).fill(3) }, empty, spec, ctx())).rejects.toMatchObject({ code: 'OUT_OF_RANGE', argument: 'train.targets[0]' });
    await expect(m.fit(train, empty, { task: 'x', kind: 'clustering' as 'ranking', outputs: 1 }, ctx())).rejects.toMatchObject({ code: 'OUT_OF_DOMAIN', argument: 'spec.kind' });
    const other = single(randomMlp([3, 4, 1], 9));
    await expect(m.fit(train, { trajectories: [other], targets: new Float64Array([0]) }, spec, ctx())).rejects.toMatchObject({ code: 'UNSUPPORTED', argument: 'val.trajectories[0].sizes' });
    const fitted = await m.fit(train, empty, spec, ctx());
    await expect(fitted.predict([other])).rejects.toMatchObject({ code: 'UNSUPPORTED', argument: 'trajectories[0].sizes' });
    const nan: Trajectory = { ...single(randomMlp([2, 6, 6, 1], 1)), biases: [new Float64Array(6).fill(Number.NaN), new Float64Array(6), new Float64Array(1)] };
    await expect(fitted.predict([nan])).rejects.toMatchObject({ code: 'NOT_FINITE' });
    fitted.dispose?.();
    await expect(fitted.predict(train.trajectories)).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    const aborted = new AbortController();
    aborted.abort();
    await expect(m.fit(train, empty, spec, { ...ctx(), signal: aborted.signal })).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
