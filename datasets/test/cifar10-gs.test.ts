import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng, isGeoError } from '@geo/core';
import { readTrajectoryFile } from '@geo/param-graph/node';
import {
  CIFAR10_GS_MAX_ATTEMPTS,
  ZOO_MANIFEST,
  cifar10GsHyperparameters,
  generateZoo,
  initParams,
  listZooModels,
  loadCifar10GsData,
  referenceLossAndGradient,
  trainCifar10GsModel,
  verifyZoo,
  zooPlan,
} from '../src/index.js';
import type { Activation, MlpArch } from '../src/index.js';
import { buildProgram } from '../src/cli.js';
import { DATA_DIR, expectGeoError, tempDir } from './helpers.js';

/** A cifar10-gs zoo small enough for tests: 5 models in 3 shards, at most 24 steps, 4 snapshots. */
const TINY = { counts: { train: 3, val: 1, test: 1 }, maxSteps: 24, snapshots: 4, shardSize: 2, env: {} } as const;

function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return files;
}

function expectSameTree(a: string, b: string): void {
  const ta = tree(a);
  const tb = tree(b);
  expect([...tb.keys()]).toEqual([...ta.keys()]);
  for (const [k, v] of ta) expect(Buffer.compare(v, tb.get(k) as Buffer), k).toBe(0);
}

describe('cifar10-gs zoo', () => {
  it('sharded generation equals unsharded generation bit for bit; another seed gives other models', async () => {
    const whole = tempDir();
    const parts = tempDir();
    const a = await generateZoo('cifar10-gs', 'smoke', { ...TINY, out: whole, seed: 4 });
    expect(a.manifestWritten).toBe(true);
    const r1 = await generateZoo('cifar10-gs', 'smoke', { ...TINY, out: parts, seed: 4, shard: 1, of: 2 });
    expect(r1.manifestWritten).toBe(false);
    const r0 = await generateZoo('cifar10-gs', 'smoke', { ...TINY, out: parts, seed: 4, shard: 0, of: 2 });
    expect(r0.manifestWritten).toBe(true);
    expectSameTree(whole, parts);
    expect(verifyZoo(parts)).toEqual([]);
    const other = tempDir();
    await generateZoo('cifar10-gs', 'smoke', { ...TINY, counts: { train: 1, val: 0, test: 0 }, out: other, seed: 5 });
    const m = 'train-00000/model-0000000.safetensors';
    expect(Buffer.compare(tree(other).get(m) as Buffer, tree(whole).get(m) as Buffer)).not.toBe(0);
  });

  it('a run cancelled after its first model resumes, keeping that model, and ends identical to an uninterrupted run', async () => {
    const reference = tempDir();
    await generateZoo('cifar10-gs', 'smoke', { ...TINY, out: reference, seed: 2 });
    const out = tempDir();
    const controller = new AbortController();
    let error: unknown;
    try {
      await generateZoo('cifar10-gs', 'smoke', { ...TINY, out, seed: 2, signal: controller.signal, onProgress: (p) => p.event === 'model-trained' && p.done === 1 && controller.abort() });
    } catch (e) {
      error = e;
    }
    expect(isGeoError(error, 'ABORTED')).toBe(true);
    expect(readdirSync(join(out, 'train-00000.partial')).filter((f) => f.endsWith('.safetensors'))).toHaveLength(1);
    const resumed = await generateZoo('cifar10-gs', 'smoke', { ...TINY, out, seed: 2 });
    expect(resumed.modelsTrained).toBe(4);
    expect(resumed.manifestWritten).toBe(true);
    expectSameTree(reference, out);
  });

  it('a model file: its hyperparameters as labels, the init at step 0, and testAccuracy equal to a brute-force count on the held-out images', async () => {
    const out = tempDir();
    await generateZoo('cifar10-gs', 'smoke', { ...TINY, out, seed: 7 });
    const plan = zooPlan('cifar10-gs', 'smoke', { ...TINY, seed: 7 });
    const data = await loadCifar10GsData(plan);
    const { manifest, models } = listZooModels(out);
    expect(JSON.stringify(manifest.protocol)).toMatch(/BT\.601/);
    expect(models).toHaveLength(5);
    for (const entry of models) {
      const t = readTrajectoryFile(entry.path);
      const hp = cifar10GsHyperparameters(plan, entry.index, Number(t.metadata['attempt']));
      for (const [k, v] of Object.entries(hp)) expect(t.labels[k], k).toBe(v);
      expect(t.sizes).toEqual([64, hp.width, hp.width, 10]);
      expect(t.activation).toBe(hp.activation);
      expect(t.steps).toHaveLength(4);
      expect(t.steps[0]).toBe(0);
      expect(t.steps[3]).toBe(hp.steps);
      // Snapshot 0 is nn.Linear's default init from the model's stream, times initScale.
      const arch: MlpArch = { sizes: t.sizes, activation: t.activation as Activation };
      const init = initParams(arch, 'pytorch', createRng(7).derive('cifar10-gs', 'model', entry.index, 'attempt', Number(t.metadata['attempt']), 'init'));
      expect((t.weights[0] as Float64Array)[0]).toBe((init[0] as number) * hp.initScale);
      // The final parameters, flattened, classify the held-out images as the label says.
      const flat: number[] = [];
      const T = t.steps.length;
      t.sizes.slice(1).forEach((fanOut, l) => {
        const fanIn = t.sizes[l] as number;
        flat.push(...(t.weights[l] as Float64Array).subarray((T - 1) * fanOut * fanIn, T * fanOut * fanIn));
        flat.push(...(t.biases[l] as Float64Array).subarray((T - 1) * fanOut, T * fanOut));
      });
      const y = referenceLossAndGradient(arch, flat, data.heldOutInputs, data.heldOutLabels, 'cross-entropy').outputs;
      let correct = 0;
      for (let i = 0; i < data.heldOutLabels.length; i++) {
        let best = 0;
        for (let j = 1; j < 10; j++) if ((y[i * 10 + j] as number) > (y[i * 10 + best] as number)) best = j;
        if (best === data.heldOutLabels[i]) correct++;
      }
      expect(t.labels['testAccuracy']).toBe(correct / data.heldOutLabels.length);
      const perSnapshot = t.extras?.['test_accuracy']?.data as Float64Array;
      expect(perSnapshot[T - 1]).toBe(t.labels['testAccuracy']);
      // The training images are a subset of the pool of the drawn size.
      const rows = Array.from(t.extras?.['train_indices']?.data as Float64Array);
      expect(rows).toHaveLength(hp.trainSize);
      expect(new Set(rows).size).toBe(hp.trainSize);
      expect(rows.every((r) => Number.isInteger(r) && r >= 0 && r < data.poolLabels.length)).toBe(true);
      expect(t.labels['trainAccuracy']).toBe((t.extras?.['train_accuracy']?.data as Float64Array)[T - 1]);
    }
  });

  it('smoke data: the embedded sample split 70 / 30, standardised with the pool mean and std', async () => {
    const data = await loadCifar10GsData(zooPlan('cifar10-gs', 'smoke'));
    expect(data.poolLabels).toHaveLength(70);
    expect(data.heldOutLabels).toHaveLength(30);
    expect(data.poolInputs).toHaveLength(70 * 64);
    const mean = data.poolInputs.reduce((a, b) => a + b, 0) / data.poolInputs.length;
    const variance = data.poolInputs.reduce((a, b) => a + (b - mean) ** 2, 0) / data.poolInputs.length;
    expect(Math.abs(mean)).toBeLessThan(1e-12);
    expect(Math.abs(variance - 1)).toBeLessThan(1e-12);
    expect(data.inputMean).toBeGreaterThan(0);
    expect(data.inputMean).toBeLessThan(1);
  });

  it('a model whose every hyperparameter draw overflows is NOT_FINITE after the allowed attempts', async () => {
    const plan = zooPlan('cifar10-gs', 'smoke', TINY);
    const cifar = plan.cifar as NonNullable<typeof plan.cifar>;
    const wild = { ...plan, cifar: { ...cifar, learningRate: { adam: [1e300, 1e301], sgd: [1e300, 1e301] } as const, dropout: [0, 1e-9] as const } };
    const data = await loadCifar10GsData(plan);
    const e = await expectGeoError(() => trainCifar10GsModel(wild, plan.shards[0]?.models[0] as never, data), 'NOT_FINITE');
    expect(e.message).toMatch(new RegExp(`${CIFAR10_GS_MAX_ATTEMPTS} hyperparameter draws`));
  });

  it.skipIf(DATA_DIR === undefined)('cpu data (needs GEO_DATA_DIR): data_batch_1..4 the pool, data_batch_5 held out, 8 x 8', async () => {
    const data = await loadCifar10GsData(zooPlan('cifar10-gs', 'cpu'), { dataDir: DATA_DIR as string });
    expect(data.poolLabels).toHaveLength(40000);
    expect(data.heldOutLabels).toHaveLength(10000);
    expect(data.heldOutSource).toBe('cifar-10 data_batch_5');
    expect(data.poolSource).toBe('cifar-10 data_batch_1..4');
  });
});

describe('cifar10-gs CLI', () => {
  it('zoo cifar10-gs prints the expected wall time, writes the zoo, and verify accepts it', async () => {
    const out = tempDir();
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => (errors.push(String(s)), true)) as typeof process.stderr.write;
    try {
      await buildProgram().parseAsync(['node', 'geo-datasets', 'zoo', 'cifar10-gs', '--scale', 'smoke', '--out', out, '--train', '2', '--val', '0', '--test', '1', '--steps', '12', '--snapshots', '3', '--no-progress']);
    } finally {
      process.stderr.write = write;
    }
    expect(errors.join('')).toMatch(/cifar10-gs at smoke scale: 3 models/);
    expect(errors.join('')).toMatch(/expected wall time: about/);
    expect(errors.join('')).toMatch(/zoo complete/);
    expect(verifyZoo(out)).toEqual([]);
    expect(listZooModels(out, 'test').models).toHaveLength(1);
  });
});

describe('cifar10-gs manifest', () => {
  it('states where test accuracy is measured', async () => {
    const out = tempDir();
    await generateZoo('cifar10-gs', 'smoke', { ...TINY, counts: { train: 1, val: 0, test: 0 }, out });
    const manifest = JSON.parse(readFileSync(join(out, ZOO_MANIFEST), 'utf8')) as { protocol: { heldOut: { source: string; count: number } } };
    expect(manifest.protocol.heldOut).toMatchObject({ source: 'embedded sample records 70..99', count: 30 });
  });
});
