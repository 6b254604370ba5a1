// The manifold of neural networks (arXiv 2411.12626): MLPs 784-50-20-10 trained on MNIST over the
// paper's learning-rate x momentum x weight-decay grid from one fixed initialisation, their
// penultimate-layer representations of the same 100 test points, the manifold built three ways
// (diffusion operators, raw distance matrices, kNN graphs), the paper's Table 1 and the
// correlations it reports, and the PHATE landscape coloured by accuracy (SVG).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GeoError, gemm, transpose } from '@geo/core';
import type { Rng } from '@geo/core';
import { loadDataset } from '@geo/datasets';
import {
  adjustedRandIndex,
  classSeparation,
  diffusionOperator,
  diffusionSpectralEntropy,
  diffusionSpectralMutualInformation,
  gaussianKernel,
  networkManifold,
  normalisedTopDistance,
  wardClustering,
} from '@geo/diffusion';
import type { NetworkMethod } from '@geo/diffusion';
import type { ResultRow, Scale, Task, TaskContext, TaskOutput } from '../types.js';
import { pearson } from './correlation.js';

const LEARNING_RATES = [0.001, 0.005, 0.01, 0.05, 0.1, 0.15, 0.2, 0.3];
const MOMENTA = [0.5, 0.6, 0.7, 0.8, 0.9];
const WEIGHT_DECAYS = [1e-5, 1e-4, 1e-3, 1e-2, 0.1];
const SIGMA = 0.5; // the paper's Gaussian bandwidth
const LAYERS = [784, 50, 20, 10] as const;

interface ScaleConfig {
  /** Indices into the full 200-model grid (lr-major). */
  readonly models: number[];
  readonly trainImages: number;
  readonly testImages: number;
  readonly epochs: number;
  readonly maxSteps: number;
  readonly batch: number;
  readonly tops: number[];
}

const ALL = Array.from({ length: LEARNING_RATES.length * MOMENTA.length * WEIGHT_DECAYS.length }, (_, i) => i);
const CONFIG: Record<Scale, ScaleConfig> = {
  // 11 models spread over the grid (every 19th: all learning rates, every momentum and weight decay), a 6,000-image subset, 150 steps.
  smoke: { models: ALL.filter((i) => i % 19 === 7), trainImages: 6000, testImages: 2000, epochs: 1, maxSteps: 150, batch: 64, tops: [3, 5] },
  cpu: { models: ALL, trainImages: 60000, testImages: 10000, epochs: 1, maxSteps: Infinity, batch: 64, tops: [10, 20, 30] },
  paper: { models: ALL, trainImages: 60000, testImages: 10000, epochs: 10, maxSteps: Infinity, batch: 64, tops: [10, 20, 30] },
};

function hyper(index: number): { lr: number; momentum: number; weightDecay: number } {
  const w = index % WEIGHT_DECAYS.length;
  const m = Math.floor(index / WEIGHT_DECAYS.length) % MOMENTA.length;
  const l = Math.floor(index / (WEIGHT_DECAYS.length * MOMENTA.length));
  return { lr: LEARNING_RATES[l] as number, momentum: MOMENTA[m] as number, weightDecay: WEIGHT_DECAYS[w] as number };
}

interface Split {
  readonly x: Float32Array;
  readonly y: Uint8Array;
  readonly n: number;
}

/** The first `limit` images of an MNIST split, checksum-verified by @geo/datasets, standardised as usual. */
async function loadSplit(dataDir: string, split: 'train' | 'test', limit: number): Promise<Split> {
  const ds = await loadDataset('mnist', { split, dataDir });
  const n = Math.min(limit, ds.count);
  const x = new Float32Array(n * 784);
  for (let i = 0; i < n * 784; i++) x[i] = ((ds.images[i] as number) / 255 - 0.1307) / 0.3081;
  return { x, y: ds.labels.slice(0, n), n };
}

/** The first `n` examples of a split. */
function head(split: Split, n: number): Split {
  const m = Math.min(n, split.n);
  return { x: split.x.subarray(0, m * 784), y: split.y.subarray(0, m), n: m };
}

interface Params {
  w: Float64Array[]; // w[l] is in x out, row-major
  b: Float64Array[];
}

/** PyTorch's default Linear initialisation: U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
function initParams(rng: Rng): Params {
  const w: Float64Array[] = [];
  const b: Float64Array[] = [];
  for (let l = 0; l < 3; l++) {
    const fin = LAYERS[l] as number;
    const fout = LAYERS[l + 1] as number;
    const bound = 1 / Math.sqrt(fin);
    w.push(rng.derive('w', l).fillUniform(new Float64Array(fin * fout), -bound, bound));
    b.push(rng.derive('b', l).fillUniform(new Float64Array(fout), -bound, bound));
  }
  return { w, b };
}

const clone = (p: Params): Params => ({ w: p.w.map((a) => a.slice()), b: p.b.map((a) => a.slice()) });

/** Forward pass on a batch (B x 784): activations of every layer; the last holds logits. */
function forward(p: Params, x: Float64Array, B: number): Float64Array[] {
  const acts: Float64Array[] = [x];
  let h = x;
  for (let l = 0; l < 3; l++) {
    const fin = LAYERS[l] as number;
    const fout = LAYERS[l + 1] as number;
    const z = gemm(h, p.w[l] as Float64Array, B, fin, fout, new Float64Array(B * fout));
    const bias = p.b[l] as Float64Array;
    for (let i = 0; i < B; i++) for (let j = 0; j < fout; j++) z[i * fout + j] = (z[i * fout + j] as number) + (bias[j] as number);
    if (l < 2) for (let i = 0; i < z.length; i++) z[i] = Math.max(0, z[i] as number);
    acts.push(z);
    h = z;
  }
  return acts;
}

function isFiniteParams(p: Params): boolean {
  return p.w.every((a) => a.every(Number.isFinite)) && p.b.every((a) => a.every(Number.isFinite));
}

/** Minibatch SGD with momentum and (coupled, PyTorch-style) weight decay; softmax cross-entropy. Returns false if it diverged. */
function train(p: Params, data: Split, cfg: ScaleConfig, h: { lr: number; momentum: number; weightDecay: number }, rng: Rng, signal: AbortSignal): boolean {
  const B = cfg.batch;
  const vw = p.w.map((a) => new Float64Array(a.length));
  const vb = p.b.map((a) => new Float64Array(a.length));
  const xb = new Float64Array(B * 784);
  const yb = new Uint8Array(B);
  const stepsPerEpoch = Math.floor(data.n / B);
  const total = Math.min(cfg.maxSteps, stepsPerEpoch * cfg.epochs);
  let order = rng.permutation(data.n);
  for (let step = 0; step < total; step++) {
    if (signal.aborted) throw new GeoError('ABORTED', 'network-manifold aborted', {});
    const within = step % stepsPerEpoch;
    if (within === 0 && step > 0) order = rng.permutation(data.n);
    for (let i = 0; i < B; i++) {
      const src = order[within * B + i] as number;
      for (let q = 0; q < 784; q++) xb[i * 784 + q] = data.x[src * 784 + q] as number;
      yb[i] = data.y[src] as number;
    }
    const acts = forward(p, xb, B);
    // dZ = (softmax - onehot) / B
    let delta: Float64Array = (acts[3] as Float64Array).slice();
    for (let i = 0; i < B; i++) {
      let mx = -Infinity;
      for (let j = 0; j < 10; j++) mx = Math.max(mx, delta[i * 10 + j] as number);
      let s = 0;
      for (let j = 0; j < 10; j++) {
        const e = Math.exp((delta[i * 10 + j] as number) - mx);
        delta[i * 10 + j] = e;
        s += e;
      }
      for (let j = 0; j < 10; j++) delta[i * 10 + j] = ((delta[i * 10 + j] as number) / s - (j === yb[i] ? 1 : 0)) / B;
    }
    for (let l = 2; l >= 0; l--) {
      const fin = LAYERS[l] as number;
      const fout = LAYERS[l + 1] as number;
      const input = acts[l] as Float64Array;
      const gw = gemm(transpose(input, B, fin), delta, fin, B, fout, new Float64Array(fin * fout));
      const gb = new Float64Array(fout);
      for (let i = 0; i < B; i++) for (let j = 0; j < fout; j++) gb[j] = (gb[j] as number) + (delta[i * fout + j] as number);
      if (l > 0) {
        const back = gemm(delta, transpose(p.w[l] as Float64Array, fin, fout), B, fout, fin, new Float64Array(B * fin));
        for (let i = 0; i < back.length; i++) if ((input[i] as number) <= 0) back[i] = 0;
        delta = back;
      }
      const update = (param: Float64Array, grad: Float64Array, vel: Float64Array): void => {
        for (let i = 0; i < param.length; i++) {
          const g = (grad[i] as number) + h.weightDecay * (param[i] as number);
          const v = h.momentum * (vel[i] as number) + g;
          vel[i] = v;
          param[i] = (param[i] as number) - h.lr * v;
        }
      };
      update(p.w[l] as Float64Array, gw, vw[l] as Float64Array);
      update(p.b[l] as Float64Array, gb, vb[l] as Float64Array);
    }
    if (step % 50 === 49 && !isFiniteParams(p)) return false;
  }
  return isFiniteParams(p);
}

function accuracy(p: Params, data: Split): number {
  let correct = 0;
  const chunk = 500;
  for (let s = 0; s < data.n; s += chunk) {
    const B = Math.min(chunk, data.n - s);
    const x = Float64Array.from(data.x.subarray(s * 784, (s + B) * 784));
    const logits = forward(p, x, B)[3] as Float64Array;
    for (let i = 0; i < B; i++) {
      let arg = 0;
      for (let j = 1; j < 10; j++) if ((logits[i * 10 + j] as number) > (logits[i * 10 + arg] as number)) arg = j;
      if (arg === data.y[s + i]) correct++;
    }
  }
  return correct / data.n;
}

/** The first 10 test images of each class, in class order: the 100 registered points. */
function registeredPoints(test: Split): { x: Float64Array; y: Int32Array } {
  const picked: number[] = [];
  for (let c = 0; c < 10; c++) {
    let found = 0;
    for (let i = 0; i < test.n && found < 10; i++) {
      if (test.y[i] === c) {
        picked.push(i);
        found++;
      }
    }
  }
  const x = new Float64Array(picked.length * 784);
  picked.forEach((src, i) => x.set(test.x.subarray(src * 784, (src + 1) * 784), i * 784));
  return { x, y: Int32Array.from(picked, (i) => test.y[i] as number) };
}

/** Squared Pearson correlation (NaN where it is undefined). */
function r2(a: number[], b: number[]): number {
  return pearson(a, b) ** 2;
}

/** A viridis-like ramp for t in [0, 1]. */
function colour(t: number): string {
  const stops = [
    [68, 1, 84],
    [59, 82, 139],
    [33, 145, 140],
    [94, 201, 98],
    [253, 231, 37],
  ];
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const c = (stops[i] as number[]).map((v, k) => Math.round(v + f * (((stops[i + 1] as number[])[k] as number) - v)));
  return `rgb(${c.join(',')})`;
}

function landscapeSvg(title: string, Y: Float64Array, acc: number[]): string {
  const m = acc.length;
  const W = 520;
  const H = 440;
  const pad = 40;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < m; i++) {
    x0 = Math.min(x0, Y[2 * i] as number);
    x1 = Math.max(x1, Y[2 * i] as number);
    y0 = Math.min(y0, Y[2 * i + 1] as number);
    y1 = Math.max(y1, Y[2 * i + 1] as number);
  }
  const sx = (v: number): number => pad + ((v - x0) / (x1 - x0 || 1)) * (W - 2 * pad - 60);
  const sy = (v: number): number => H - pad - ((v - y0) / (y1 - y0 || 1)) * (H - 2 * pad);
  const lo = Math.min(...acc);
  const hi = Math.max(...acc);
  const dots = acc
    .map((a, i) => ({ a, i }))
    .sort((p, q) => p.a - q.a) // best on top
    .map(({ a, i }) => `<circle cx="${sx(Y[2 * i] as number).toFixed(1)}" cy="${sy(Y[2 * i + 1] as number).toFixed(1)}" r="4.5" fill="${colour((a - lo) / (hi - lo || 1))}" stroke="#222" stroke-width="0.4"><title>model ${i}: ${(100 * a).toFixed(2)}%</title></circle>`)
    .join('\n');
  const legend = Array.from({ length: 11 }, (_, k) => `<rect x="${W - 70}" y="${pad + (10 - k) * 30}" width="16" height="30" fill="${colour(k / 10)}"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="${pad}" y="22" font-size="14">${title}</text>
${dots}
${legend}
<text x="${W - 50}" y="${pad + 10}">${(100 * hi).toFixed(1)}%</text>
<text x="${W - 50}" y="${pad + 330}">${(100 * lo).toFixed(1)}%</text>
<text x="${pad}" y="${H - 12}">PHATE 1 (horizontal), PHATE 2 (vertical); colour: test accuracy</text>
</svg>
`;
}

export const networkManifoldTask: Task = {
  name: 'network-manifold',
  description: 'Manifold of 784-50-20-10 MNIST MLPs over the lr x momentum x weight-decay grid (arXiv 2411.12626): Table 1, correlations, PHATE landscape',
  scales: {
    smoke: `${CONFIG.smoke.models.length} models, ${CONFIG.smoke.maxSteps} SGD steps of ${CONFIG.smoke.batch} on ${CONFIG.smoke.trainImages} training images`,
    cpu: '200 models (the full grid), 1 epoch of minibatch SGD (batch 64) on all 60,000 training images',
    paper: '200 models, 10 epochs of minibatch SGD (batch 64)',
  },
  async run(ctx: TaskContext): Promise<TaskOutput> {
    const cfg = CONFIG[ctx.scale];
    const dataDir = process.env['GEO_DATA_DIR'];
    if (dataDir === undefined || !existsSync(join(dataDir, 'mnist', 'train-images-idx3-ubyte.gz'))) {
      return { sizes: { models: cfg.models.length }, rows: [], metrics: {}, notes: ['skipped: GEO_DATA_DIR is not set (or has no mnist/ folder); this task needs the MNIST IDX files'] };
    }
    const train0 = await loadSplit(dataDir, 'train', cfg.trainImages);
    const fullTest = await loadSplit(dataDir, 'test', 10000);
    const test = head(fullTest, cfg.testImages);
    const points = registeredPoints(fullTest);
    const init = initParams(ctx.rng.derive('init')); // the one fixed initialisation
    const m = cfg.models.length;
    const total = m + 3;
    const reps: Float64Array[] = [];
    const acc: number[] = [];
    const rows: ResultRow[] = [];
    let diverged = 0;
    for (let k = 0; k < m; k++) {
      const index = cfg.models[k] as number;
      const h = hyper(index);
      const p = clone(init);
      // Same minibatch order for every model: only the hyperparameters differ.
      const ok = train(p, train0, cfg, h, ctx.rng.derive('order'), ctx.signal);
      let a: number;
      let rep: Float64Array;
      if (ok) {
        a = accuracy(p, test);
        rep = forward(p, points.x, points.y.length)[2] as Float64Array; // penultimate layer (20 units)
      } else {
        diverged++;
        a = 0.1; // a diverged network predicts nothing: chance accuracy
        rep = new Float64Array(points.y.length * 20);
      }
      acc.push(a);
      reps.push(rep);
      rows.push({ table: 'models', model: index, lr: h.lr, momentum: h.momentum, weightDecay: h.weightDecay, accuracy: a, diverged: !ok });
      ctx.onProgress(k + 1, total, `trained ${k + 1}/${m}`);
      await new Promise((r) => setImmediate(r));
    }
    const n = points.y.length;
    const asPoints = reps.map((data) => ({ data, rows: n, cols: 20 }));
    const metrics: Record<string, number> = { models: m, diverged };
    const methods: NetworkMethod[] = ['diffusion', 'distance', 'knn'];
    for (const [mi, method] of methods.entries()) {
      if (ctx.signal.aborted) throw new GeoError('ABORTED', 'network-manifold aborted', {});
      const r = networkManifold(asPoints, { method, sigma: SIGMA, knn: 5, phate: { seed: ctx.seed, knn: Math.min(5, m - 1) }, signal: ctx.signal });
      const Y = r.phate?.embedding as Float64Array;
      for (const top of cfg.tops) {
        if (top >= m) continue;
        const v = normalisedTopDistance(Y, 2, acc, top);
        metrics[`${method}_top${top}`] = v;
        rows.push({ table: 'table1', method, top, normalisedDistance: v });
      }
      writeFileSync(join(ctx.outDir, `landscape-${method}.svg`), landscapeSvg(`Manifold of ${m} MNIST MLPs (${method} matrices), PHATE`, Y, acc));
      ctx.onProgress(m + mi + 1, total, `manifold: ${method}`);
      await new Promise((res) => setImmediate(res));
    }
    // Characterisation: class separation, within-class spread, Ward ARI vs labels, DSE, DSMI.
    const sep: number[] = [];
    const spread: number[] = [];
    const ari: number[] = [];
    const dse: number[] = [];
    const dsmi: number[] = [];
    const ward: Int32Array[] = [];
    for (const X of asPoints) {
      const s = classSeparation(X, points.y);
      sep.push(s.meanCentroidDistance);
      spread.push(s.meanWithinClassSpread);
      const labels = wardClustering(X, 10).labels;
      ward.push(labels);
      ari.push(adjustedRandIndex(labels, points.y));
      dse.push(diffusionSpectralEntropy(diffusionOperator(gaussianKernel(X, { sigma: SIGMA })), 1));
      dsmi.push(diffusionSpectralMutualInformation(X, points.y, { sigma: SIGMA, t: 1 }).mutualInformation);
    }
    // Pairwise ARI within 3% accuracy bins, against the bin midpoint (the paper's protocol).
    const bins = new Map<number, number[]>();
    acc.forEach((a, i) => {
      const b = Math.floor((a * 100) / 3);
      bins.set(b, [...(bins.get(b) ?? []), i]);
    });
    const mid: number[] = [];
    const meanPairAri: number[] = [];
    for (const [b, ids] of bins) {
      if (ids.length < 2) continue;
      let s = 0;
      let c = 0;
      for (let x = 0; x < ids.length; x++) for (let y = x + 1; y < ids.length; y++) {
        s += adjustedRandIndex(ward[ids[x] as number] as Int32Array, ward[ids[y] as number] as Int32Array);
        c++;
      }
      mid.push((b * 3 + 1.5) / 100);
      meanPairAri.push(s / c);
    }
    metrics['r2_accuracy_classSeparation'] = r2(acc, sep);
    metrics['r2_accuracy_withinClassSpread'] = r2(acc, spread);
    metrics['r2_accuracy_wardAri'] = r2(acc, ari);
    metrics['r2_accuracy_dse'] = r2(acc, dse);
    metrics['r2_accuracy_dsmi'] = r2(acc, dsmi);
    metrics['r2_binMidpoint_pairwiseAri'] = mid.length >= 2 ? r2(mid, meanPairAri) : Number.NaN;
    metrics['pairwiseAriBins'] = mid.length; // with 2 bins the r^2 is trivially 1
    metrics['bestAccuracy'] = Math.max(...acc);
    metrics['medianAccuracy'] = [...acc].sort((a, b) => a - b)[Math.floor(m / 2)] as number;
    acc.forEach((a, i) => rows.push({ table: 'characterisation', model: cfg.models[i] as number, accuracy: a, classSeparation: sep[i] as number, withinClassSpread: spread[i] as number, wardAri: ari[i] as number, dse: dse[i] as number, dsmi: dsmi[i] as number }));
    ctx.onProgress(total, total, 'characterised');
    return {
      sizes: { models: m, registeredPoints: n, trainImages: train0.n, testImages: test.n, steps: Math.min(cfg.maxSteps, Math.floor(train0.n / cfg.batch) * cfg.epochs), batch: cfg.batch },
      rows,
      metrics,
      notes: [
        'Paper (arXiv 2411.12626) Table 1, top 10: diffusion 0.0790, distance 0.2349, kNN 0.1788; top 20: 0.1347 / 0.4449 / 0.2257; top 30: 0.1373 / 0.4751 / 0.3312. Paper r^2 for MLPs: class separation 0.89, within-class variance 0.91, Ward ARI 0.89, pairwise ARI vs accuracy bin 0.97.',
        'Representations: the 20-unit penultimate layer (after ReLU) on the first 10 test images of each class (100 points); Gaussian sigma = 0.5 as in the paper; kNN alternative with k = 5; PHATE knn = min(5, m - 1), decay 40, t auto.',
        'Training: one fixed PyTorch-style initialisation, the same minibatch order for every model, SGD with momentum and coupled weight decay. The paper does not state its epochs; this task trains for the epochs/steps in `sizes`.',
        `Diverged models (non-finite weights): ${diverged}; they get chance accuracy 0.1 and an all-zero representation.`,
        'SVG landscapes (coloured by test accuracy) are written beside this report: landscape-diffusion.svg, landscape-distance.svg, landscape-knn.svg.',
      ],
    };
  },
};
