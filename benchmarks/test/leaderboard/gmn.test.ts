// The Euclidean GMN: graph inputs, segment sums against a loop, node-state equivariance and
// readout invariance under hidden-neuron permutations (fast-check, permuteHidden), shapes,
// bad input, and learning on a tiny synthetic zoo on the cpu backend.
import * as tf from '@tensorflow/tfjs-core';
import { gatherRows } from '@geo/core/tf';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@geo/core';
import { initBackend } from '@geo/core/tf';
import { registerGradients } from '@geo/gth-gmn/tf';
import { NODE_TYPE, mlpGraphLayout, neuronNode, permuteHidden, trajectoryFromSnapshots } from '@geo/param-graph';
import type { Mlp, Trajectory } from '@geo/param-graph';
import type { MethodContext } from '../../src/leaderboard/method.js';
import { GmnModel, NUM_EDGE_FEATURES, NUM_NODE_TYPES, gmn, graphReadout, lastSnapshotGraph, nodeFeatureWidth, packGraphBatch, segmentSum } from '../../src/leaderboard/methods/gmn/index.js';
import { layerStats } from '../../src/leaderboard/methods/tf-training/layer-stats.js';
import { accuracy, meanSquaredError } from '../../src/leaderboard/methods/tf-training/scores.js';
import { fixedArchitecture } from '../../src/leaderboard/methods/tf-training/setup.js';
import { randomMlp, regressionTargets, syntheticZoo } from '../../src/leaderboard/methods/tf-training/synthetic-zoo.js';

/** float32 node states of a permuted graph against the permuted states (sums in another order). */
const EQUIVARIANCE_TOL = 1e-4;
/** Readouts and head outputs of a permuted model. */
const INVARIANCE_TOL = 1e-4;
/** float32 standardised weights against float64. */
const FEATURE_TOL = 1e-5;
/** Segment sums of O(1) values in float32. */
const SUM_TOL = 1e-5;
/**
 * Gradients against central differences (step FD_STEP) of a float32 loss through ReLUs: the
 * step is small enough not to straddle kinks here (measured worst 7e-5; at 1e-2 kinks give 4e-2).
 */
const GRADIENT_TOL = 1e-3;
const FD_STEP = 1e-3;
/** Chance is 1/3 on the 3-class synthetic zoo. */
const MIN_TEST_ACCURACY = 0.6;

const ctx = (seed = 0): MethodContext => ({ scale: 'smoke', seed, signal: new AbortController().signal, onProgress: () => {} });
const single = (mlp: Mlp): Trajectory => trajectoryFromSnapshots([mlp], [0]);
const config = { width: 8, layers: 3, headHidden: 8, dropout: 0 };

beforeAll(async () => {
  await initBackend({ force: 'cpu' });
  registerGradients();
});

describe('graph inputs', () => {
  it('packs node features (layer, type, input/output position) and standardised edge weights', () => {
    const mlps = [randomMlp([2, 3, 4, 1], 1), randomMlp([2, 5, 2, 1], 2)];
    const trajs = mlps.map(single);
    const arch = fixedArchitecture(trajs[0] as Trajectory);
    const stats = layerStats(trajs);
    const graphs = trajs.map(lastSnapshotGraph);
    tf.tidy(() => {
      const b = packGraphBatch(graphs, arch, stats);
      const F = nodeFeatureWidth(arch);
      expect(F).toBe(1 + NUM_NODE_TYPES + 2 + 1);
      expect(b.numNodes).toBe(2 + 3 + 4 + 1 + 3 + (2 + 5 + 2 + 1 + 3));
      expect(b.x.shape).toEqual([b.numNodes, F]);
      expect(b.edgeFeatures.shape).toEqual([b.numEdges, NUM_EDGE_FEATURES]);
      const x = b.x.dataSync();
      const ef = b.edgeFeatures.dataSync();
      const second = graphs[0]?.numNodes as number;
      // input neuron 1 of model 1, output neuron 0 of model 1
      const in1 = second + neuronNode([2, 5, 2, 1], 0, 1);
      expect(Array.from(x.subarray(in1 * F, (in1 + 1) * F))).toEqual([0, 1, 0, 0, 0, 0, 1, 0]);
      const out0 = second + neuronNode([2, 5, 2, 1], 3, 0);
      expect(Array.from(x.subarray(out0 * F, (out0 + 1) * F))).toEqual([1, 0, 0, 1, 0, 0, 0, 1]);
      const hidden = second + neuronNode([2, 5, 2, 1], 2, 1);
      expect(Array.from(x.subarray(hidden * F + 1, (hidden + 1) * F))).toEqual([0, 1, 0, 0, 0, 0, 0]);
      expect(x[hidden * F] as number).toBeCloseTo(2 / 3, 6);
      // edge 0 of graph 0: input 0 -> hidden neuron 0 of layer 1, W_0[0, 0]
      const g = graphs[0];
      if (g === undefined) throw new Error('no graph');
      expect(g.src[0]).toBe(0);
      expect(g.dst[0]).toBe(2);
      const w = (mlps[0]?.weights[0] as Float64Array)[0] as number;
      expect(Math.abs((ef[0] as number) - (w - (stats.weightMean[0] as number)) / (stats.weightStd[0] as number))).toBeLessThan(FEATURE_TOL);
      expect([ef[1], ef[2]]).toEqual([0, 1]);
      // every bias edge carries the flag, and the two stored directions disagree on `forward`
      let bias = 0;
      for (let e = 0; e < g.numEdges; e++) if (g.isBias[e] === 1) bias++;
      let flagged = 0;
      for (let e = 0; e < g.numEdges; e++) if (ef[e * 3 + 1] === 1) flagged++;
      expect(flagged).toBe(bias);
      let forward = 0;
      for (let e = 0; e < g.numEdges; e++) forward += ef[e * 3 + 2] as number;
      expect(forward * 2).toBe(g.numEdges);
    });
  });

  it('segmentSum equals a loop over rows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }), fc.nat(1000), (rows, segs, d, seed) => {
        const rng = createRng(seed);
        const x = rng.fillNormal(new Float32Array(rows * d));
        const ids = Int32Array.from({ length: rows }, () => rng.int(0, segs - 1));
        const expected = new Float64Array(segs * d);
        for (let r = 0; r < rows; r++) for (let c = 0; c < d; c++) expected[(ids[r] as number) * d + c] = (expected[(ids[r] as number) * d + c] as number) + (x[r * d + c] as number);
        const got = tf.tidy(() => segmentSum(tf.tensor2d(x, [rows, d]), tf.tensor1d(ids, 'int32'), segs).dataSync());
        expected.forEach((v, i) => expect(Math.abs(v - (got[i] as number))).toBeLessThan(SUM_TOL));
      }),
      { numRuns: 30 },
    );
  });

  it('@geo/core gatherRows (the edge gathers of the GMN) copies the indexed rows and its gradient sums dy back into them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 4 }), fc.nat(1000), (rows, m, d, seed) => {
        const rng = createRng(seed);
        const x = rng.fillNormal(new Float32Array(rows * d));
        const w = rng.fillNormal(new Float32Array(m * d));
        const ids = Int32Array.from({ length: m }, () => rng.int(0, rows - 1));
        tf.tidy(() => {
          const idsT = tf.tensor1d(ids, 'int32');
          const g = gatherRows(tf.tensor2d(x, [rows, d]), idsT).dataSync();
          for (let e = 0; e < m; e++) for (let c = 0; c < d; c++) expect(g[e * d + c]).toBe(x[(ids[e] as number) * d + c]);
          // d/dx sum(w * x[ids]) = sum of w's rows per index
          const grad = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(gatherRows(v as tf.Tensor2D, idsT), tf.tensor2d(w, [m, d]))))(tf.tensor2d(x, [rows, d])).dataSync();
          const expected = new Float64Array(rows * d);
          for (let e = 0; e < m; e++) for (let c = 0; c < d; c++) expected[(ids[e] as number) * d + c] = (expected[(ids[e] as number) * d + c] as number) + (w[e * d + c] as number);
          expected.forEach((v, i) => expect(Math.abs(v - (grad[i] as number))).toBeLessThan(SUM_TOL));
        });
      }),
      { numRuns: 30 },
    );
  });

  it('refuses an empty batch', () => {
    const t = single(randomMlp([2, 3, 1], 1));
    expect(() => packGraphBatch([], fixedArchitecture(t), layerStats([t]))).toThrow(expect.objectContaining({ name: 'GeoError', code: 'BAD_LENGTH', argument: 'graphs' }));
  });
});

describe('GmnModel', () => {
  it('node states are equivariant and the readout invariant to hidden-neuron permutations', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.nat(1000), (h1, h2, seed) => {
        const sizes = [2, h1, h2, 1];
        const mlp = randomMlp(sizes, seed);
        const rng = createRng(seed).derive('perm');
        const perms = [rng.permutation(h1), rng.permutation(h2)];
        const permuted = permuteHidden(mlp, perms);
        const trajs = [single(mlp), single(permuted)];
        const arch = fixedArchitecture(trajs[0] as Trajectory);
        const stats = layerStats(trajs);
        const net = new GmnModel(arch, stats, config, 3, seed);
        const { numNodes } = mlpGraphLayout(sizes);
        tf.tidy(() => {
          const a = net.embed(packGraphBatch([lastSnapshotGraph(trajs[0] as Trajectory)], arch, stats));
          const b = net.embed(packGraphBatch([lastSnapshotGraph(trajs[1] as Trajectory)], arch, stats));
          expect(a.nodes.shape).toEqual([numNodes, config.width]);
          expect(a.readout.shape).toEqual([1, (1 + NUM_NODE_TYPES) * config.width]);
          const ha = a.nodes.dataSync();
          const hb = b.nodes.dataSync();
          // node of hidden neuron i in the permuted model = node of neuron perm[i] in the original
          for (let l = 0; l < sizes.length; l++) {
            for (let i = 0; i < (sizes[l] as number); i++) {
              const hiddenLayer = l > 0 && l < sizes.length - 1;
              const from = neuronNode(sizes, l, hiddenLayer ? ((perms[l - 1] as Int32Array)[i] as number) : i);
              const to = neuronNode(sizes, l, i);
              for (let c = 0; c < config.width; c++) expect(Math.abs((hb[to * config.width + c] as number) - (ha[from * config.width + c] as number))).toBeLessThan(EQUIVARIANCE_TOL);
            }
          }
          const ra = a.readout.dataSync();
          const rb = b.readout.dataSync();
          ra.forEach((v, i) => expect(Math.abs(v - (rb[i] as number))).toBeLessThan(INVARIANCE_TOL));
          const out = net.forward([lastSnapshotGraph(trajs[0] as Trajectory), lastSnapshotGraph(trajs[1] as Trajectory)], [0, 1], { training: false, seed: 0 });
          expect(out.shape).toEqual([2, 3]);
          const o = out.dataSync();
          for (let c = 0; c < 3; c++) expect(Math.abs((o[c] as number) - (o[3 + c] as number))).toBeLessThan(INVARIANCE_TOL);
        });
        net.dispose();
      }),
      { numRuns: 15 },
    );
  });

  it('backpropagates: the gradient of every variable matches central differences of the loss', () => {
    const trajs = [single(randomMlp([2, 3, 2, 1], 4)), single(randomMlp([2, 3, 2, 1], 5))];
    const arch = fixedArchitecture(trajs[0] as Trajectory);
    const stats = layerStats(trajs);
    const net = new GmnModel(arch, stats, { width: 4, layers: 2, headHidden: 4, dropout: 0 }, 2, 3);
    const graphs = trajs.map(lastSnapshotGraph);
    const loss = (): tf.Scalar => tf.tidy(() => tf.sum(tf.square(net.forward(graphs, [0, 1], { training: false, seed: 0 }))) as tf.Scalar);
    const { grads } = tf.variableGrads(loss, [...net.variables]);
    let checked = 0;
    for (const [name, v] of net.store.variables) {
      const g = (grads[v.name] as tf.Tensor).dataSync();
      const base = v.dataSync().slice();
      for (let i = 0; i < base.length; i += 3) {
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
    expect(checked).toBeGreaterThan(net.store.size / 3);
    net.dispose();
  });

  it('reads out per-type means: a graph without hidden nodes gets zeros there', () => {
    const t = single(randomMlp([2, 1], 3));
    const arch = fixedArchitecture(t);
    const stats = layerStats([t]);
    tf.tidy(() => {
      const batch = packGraphBatch([lastSnapshotGraph(t)], arch, stats);
      const h = tf.tensor2d(Float32Array.from({ length: batch.numNodes * 2 }, (_, i) => i), [batch.numNodes, 2]);
      const r = graphReadout(batch, h).dataSync();
      // nodes: input 0, input 1, output 0, bias 0 -> states [0,1], [2,3], [4,5], [6,7]
      expect(Array.from(r)).toEqual([3, 4, 1, 2, 0, 0, 4, 5, 6, 7]);
      expect(NODE_TYPE.hidden).toBe(1);
    });
  });
});

describe('gmn method', () => {
  const spec = { task: 'synthetic', kind: 'classification', outputs: 3 } as const;

  it('learns the synthetic zoo (accuracy well above chance), keeps the best validation epoch, and is deterministic per seed', async () => {
    const train = syntheticZoo(48, 1);
    const val = syntheticZoo(24, 2);
    const test = syntheticZoo(30, 3);
    const method = gmn({ width: 8, layers: 2, maxEpochs: 12, patience: 4, learningRate: 1e-2 });
    expect(method.name).toBe('gmn');
    expect(method.temporal).toBe(false);
    const fitted = await method.fit(train, val, spec, ctx(0));
    const pred = await fitted.predict(test.trajectories);
    expect(pred.length).toBe(30 * 3);
    expect(accuracy(pred, test.targets, 3)).toBeGreaterThanOrEqual(MIN_TEST_ACCURACY);
    expect(accuracy(await fitted.predict(val.trajectories), val.targets, 3)).toBe(fitted.info?.['bestValScore']);
    fitted.dispose?.();
    const short = gmn({ width: 4, layers: 2, maxEpochs: 1, patience: 1 });
    const p1 = await (await short.fit(train, val, spec, ctx(5))).predict(test.trajectories);
    const p2 = await (await short.fit(train, val, spec, ctx(5))).predict(test.trajectories);
    expect(Array.from(p2)).toEqual(Array.from(p1));
  });

  it('regresses two weight statistics better than the training mean', async () => {
    const train = syntheticZoo(48, 4);
    const val = syntheticZoo(24, 5);
    const test = syntheticZoo(24, 6);
    const trainY = regressionTargets(train);
    const testY = regressionTargets(test);
    const tensorsBefore = tf.memory().numTensors;
    const fitted = await gmn({ width: 8, layers: 2, maxEpochs: 10, patience: 4, learningRate: 1e-2 }).fit({ trajectories: train.trajectories, targets: trainY }, { trajectories: val.trajectories, targets: regressionTargets(val) }, { task: 'r', kind: 'regression', outputs: 2 }, ctx());
    const pred = await fitted.predict(test.trajectories);
    const mean = [0, 1].map((c) => trainY.filter((_, i) => i % 2 === c).reduce((a, b) => a + b, 0) / 48);
    const baseline = new Float64Array(testY.length).map((_, i) => mean[i % 2] as number);
    expect(meanSquaredError(pred, testY)).toBeLessThan(meanSquaredError(baseline, testY));
    fitted.dispose?.();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('refuses bad input with GeoErrors naming the argument', async () => {
    const train = syntheticZoo(6, 1);
    const empty = { trajectories: [], targets: new Float64Array(0) };
    const m = gmn({ width: 4, maxEpochs: 1, patience: 1 });
    await expect(m.fit(empty, empty, spec, ctx())).rejects.toMatchObject({ name: 'GeoError', code: 'BAD_LENGTH', argument: 'train.trajectories' });
    await expect(m.fit(train, empty, { task: 'x', kind: 'classification', outputs: 1 }, ctx())).rejects.toMatchObject({ code: 'OUT_OF_RANGE', argument: 'spec.outputs' });
    const fitted = await m.fit(train, empty, spec, ctx());
    await expect(fitted.predict([single(randomMlp([2, 4, 3], 2))])).rejects.toMatchObject({ code: 'UNSUPPORTED', argument: 'trajectories[0].sizes' });
    await expect(fitted.predict('x' as unknown as Trajectory[])).rejects.toMatchObject({ code: 'BAD_TYPE', argument: 'trajectories' });
    expect((await fitted.predict([])).length).toBe(0);
    fitted.dispose?.();
  });
});
