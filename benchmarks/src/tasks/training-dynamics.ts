import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GeoError } from '@geo/core';
import type { Rng } from '@geo/core';
import {
  characteristicTime,
  dataCollapse,
  maxLyapunov,
  pairwiseDistances,
  scalarEmbedding,
  sensitivityOnset,
  separation,
  skewLognormalPdf,
  spacings,
  twinScalarSeparation,
} from '@geo/temporal-scalar';
import type { LyapunovEstimate } from '@geo/temporal-scalar';
import { pearson, ranks } from './correlation.js';
import { loadMnistTrain, type MnistTrain } from '../data/mnist.js';
import type { ResultRow, Scale, Task, TaskContext, TaskOutput } from '../types.js';

/** One scale of the protocol. */
interface Protocol {
  readonly hidden: number;
  /** Training images used (the first n of MNIST's training set). */
  readonly trainSize: number;
  readonly batch: number;
  /** SGD steps per trajectory, and a snapshot every `snapEvery` steps. */
  readonly steps: number;
  readonly snapEvery: number;
  readonly learningRates: readonly number[];
  /** Twin pairs (initial conditions) per learning rate. */
  readonly pairs: number;
  /** Initial twin separation |theta_a(0) - theta_b(0)|. */
  readonly delta0: number;
}

const PROTOCOLS: Record<Scale, Protocol> = {
  smoke: { hidden: 8, trainSize: 1000, batch: 20, steps: 120, snapEvery: 2, learningRates: [0.01, 0.3, 3], pairs: 3, delta0: 1e-8 },
  cpu: { hidden: 32, trainSize: 10_000, batch: 32, steps: 1000, snapEvery: 5, learningRates: [0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10], pairs: 4, delta0: 1e-8 },
  paper: { hidden: 32, trainSize: 60_000, batch: 32, steps: 5000, snapEvery: 10, learningRates: [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30], pairs: 10, delta0: 1e-8 },
};

const describeProtocol = (p: Protocol): string =>
  `784-${p.hidden}-10 tanh MLP, ${p.trainSize} MNIST images, SGD batch ${p.batch}, ${p.steps} steps (snapshot every ${p.snapEvery}), lr ${p.learningRates.join(', ')}, ${p.pairs} twin pairs per lr, delta0 ${p.delta0}`;

// ---------------------------------------------------------------------------------------------
// A plain SGD trainer for a 784-h-10 tanh MLP with softmax cross-entropy, float64.
// theta layout matches @geo/temporal-scalar's parameterVector: W1 (h x 784), b1, W2 (10 x h), b2.

function initTheta(h: number, rng: Rng): Float64Array {
  const P = 784 * h + h + 10 * h + 10;
  const theta = new Float64Array(P);
  const s1 = 1 / Math.sqrt(784);
  const s2 = 1 / Math.sqrt(h);
  for (let i = 0; i < 784 * h; i++) theta[i] = rng.normal(0, s1);
  const w2 = 784 * h + h;
  for (let i = 0; i < 10 * h; i++) theta[w2 + i] = rng.normal(0, s2);
  return theta;
}

/** Runs `steps` SGD steps over the fixed batch order, snapshotting theta every `snapEvery` steps (snapshot 0 = init). */
function trainTrajectory(theta0: Float64Array, data: MnistTrain, p: Protocol, lr: number, order: Int32Array): { snaps: Float64Array; T: number; finalLoss: number } {
  const h = p.hidden;
  const P = theta0.length;
  const T = Math.floor(p.steps / p.snapEvery) + 1;
  const snaps = new Float64Array(T * P);
  const theta = Float64Array.from(theta0);
  const grad = new Float64Array(P);
  const hid = new Float64Array(h);
  const dh = new Float64Array(h);
  const logits = new Float64Array(10);
  const b1 = 784 * h;
  const w2 = b1 + h;
  const b2 = w2 + 10 * h;
  snaps.set(theta, 0);
  let lossSum = 0;
  let lossCount = 0;
  for (let step = 0; step < p.steps; step++) {
    grad.fill(0);
    let loss = 0;
    for (let k = 0; k < p.batch; k++) {
      const idx = order[(step * p.batch + k) % order.length] as number;
      const xo = idx * 784;
      for (let j = 0; j < h; j++) {
        let s = theta[b1 + j] as number;
        const wo = j * 784;
        for (let i = 0; i < 784; i++) s += (theta[wo + i] as number) * (data.x[xo + i] as number);
        hid[j] = Math.tanh(s);
      }
      let max = -Infinity;
      for (let c = 0; c < 10; c++) {
        let s = theta[b2 + c] as number;
        for (let j = 0; j < h; j++) s += (theta[w2 + c * h + j] as number) * (hid[j] as number);
        logits[c] = s;
        if (s > max) max = s;
      }
      let z = 0;
      for (let c = 0; c < 10; c++) z += Math.exp((logits[c] as number) - max);
      const label = data.y[idx] as number;
      loss += Math.log(z) + max - (logits[label] as number);
      dh.fill(0);
      for (let c = 0; c < 10; c++) {
        const g = Math.exp((logits[c] as number) - max) / z - (c === label ? 1 : 0);
        grad[b2 + c] = (grad[b2 + c] as number) + g;
        for (let j = 0; j < h; j++) {
          grad[w2 + c * h + j] = (grad[w2 + c * h + j] as number) + g * (hid[j] as number);
          dh[j] = (dh[j] as number) + g * (theta[w2 + c * h + j] as number);
        }
      }
      for (let j = 0; j < h; j++) {
        const g = (dh[j] as number) * (1 - (hid[j] as number) ** 2);
        if (g === 0) continue;
        grad[b1 + j] = (grad[b1 + j] as number) + g;
        const wo = j * 784;
        for (let i = 0; i < 784; i++) grad[wo + i] = (grad[wo + i] as number) + g * (data.x[xo + i] as number);
      }
    }
    const scale = lr / p.batch;
    for (let i = 0; i < P; i++) theta[i] = (theta[i] as number) - scale * (grad[i] as number);
    if (step >= p.steps - 20) {
      lossSum += loss / p.batch;
      lossCount++;
    }
    if ((step + 1) % p.snapEvery === 0) snaps.set(theta, ((step + 1) / p.snapEvery) * P);
  }
  return { snaps, T, finalLoss: lossSum / Math.max(1, lossCount) };
}

// ---------------------------------------------------------------------------------------------
// Small SVG plots (no dependency).

interface Series {
  readonly label: string;
  readonly color: string;
  readonly points: readonly { x: number; y: number; lo?: number; hi?: number }[];
  readonly line?: boolean;
}

function svgPlot(title: string, xLabel: string, yLabel: string, series: readonly Series[], opts: { logX?: boolean; bars?: boolean } = {}): string {
  const W = 560;
  const H = 380;
  const m = { l: 64, r: 16, t: 36, b: 48 };
  const fx = (x: number): number => (opts.logX ? Math.log10(x) : x);
  const pts = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.y) && Number.isFinite(fx(p.x)));
  if (pts.length === 0) return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><text x="20" y="40">${title}: no finite data</text></svg>\n`;
  let x0 = Math.min(...pts.map((p) => fx(p.x)));
  let x1 = Math.max(...pts.map((p) => fx(p.x)));
  let y0 = Math.min(...pts.map((p) => Math.min(p.y, p.lo ?? p.y)), opts.bars ? 0 : Infinity);
  let y1 = Math.max(...pts.map((p) => Math.max(p.y, p.hi ?? p.y)));
  if (x1 === x0) [x0, x1] = [x0 - 1, x1 + 1];
  if (y1 === y0) [y0, y1] = [y0 - 1, y1 + 1];
  const pad = 0.05 * (y1 - y0);
  y0 -= pad;
  y1 += pad;
  const sx = (x: number): number => m.l + ((fx(x) - x0) / (x1 - x0)) * (W - m.l - m.r);
  const sy = (y: number): number => H - m.b - ((y - y0) / (y1 - y0)) * (H - m.t - m.b);
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`];
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`, `<text x="${W / 2}" y="20" text-anchor="middle" font-size="13">${title}</text>`);
  out.push(`<line x1="${m.l}" y1="${H - m.b}" x2="${W - m.r}" y2="${H - m.b}" stroke="black"/>`, `<line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${H - m.b}" stroke="black"/>`);
  for (let i = 0; i <= 4; i++) {
    const xv = x0 + ((x1 - x0) * i) / 4;
    const yv = y0 + ((y1 - y0) * i) / 4;
    const xt = m.l + ((W - m.l - m.r) * i) / 4;
    const yt = H - m.b - ((H - m.t - m.b) * i) / 4;
    out.push(`<text x="${xt}" y="${H - m.b + 14}" text-anchor="middle">${(opts.logX ? 10 ** xv : xv).toPrecision(3)}</text>`);
    out.push(`<text x="${m.l - 4}" y="${yt + 4}" text-anchor="end">${yv.toPrecision(3)}</text>`);
  }
  if (y0 < 0 && y1 > 0) out.push(`<line x1="${m.l}" y1="${sy(0)}" x2="${W - m.r}" y2="${sy(0)}" stroke="#bbb" stroke-dasharray="4 3"/>`);
  out.push(`<text x="${W / 2}" y="${H - 10}" text-anchor="middle">${xLabel}</text>`);
  out.push(`<text x="14" y="${H / 2}" text-anchor="middle" transform="rotate(-90 14 ${H / 2})">${yLabel}</text>`);
  series.forEach((s, k) => {
    const finite = s.points.filter((p) => Number.isFinite(p.y) && Number.isFinite(fx(p.x)));
    if (opts.bars && k === 0) {
      const w = finite.length > 1 ? Math.abs(sx((finite[1] as { x: number }).x) - sx((finite[0] as { x: number }).x)) : 10;
      for (const p of finite) out.push(`<rect x="${sx(p.x) - w / 2}" y="${sy(p.y)}" width="${w}" height="${sy(0) - sy(p.y)}" fill="${s.color}" opacity="0.5"/>`);
    } else if (s.line) {
      out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="1.5" points="${finite.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')}"/>`);
    }
    if (!(opts.bars && k === 0) && !s.line) {
      for (const p of finite) {
        if (p.lo !== undefined && p.hi !== undefined) out.push(`<line x1="${sx(p.x)}" y1="${sy(p.lo)}" x2="${sx(p.x)}" y2="${sy(p.hi)}" stroke="${s.color}"/>`);
        out.push(`<circle cx="${sx(p.x)}" cy="${sy(p.y)}" r="3.5" fill="${s.color}"/>`);
      }
    }
    out.push(`<text x="${W - m.r - 150}" y="${m.t + 14 * (k + 1)}" fill="${s.color}">${s.label}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------

/** maxLyapunov with the automatic regime, or, when the curve has no exponential regime, the slope over the whole curve (flagged). */
function lyapunovOrSlope(seps: Float64Array[], dt: number, seed: number): { est: LyapunovEstimate; auto: boolean } {
  try {
    return { est: maxLyapunov(seps, { dt, seed, bootstrap: 1000 }), auto: true };
  } catch (e) {
    if (!(e instanceof GeoError) || e.code !== 'NOT_CONVERGED') throw e;
    const T = (seps[0] as Float64Array).length;
    return { est: maxLyapunov(seps, { dt, seed, bootstrap: 1000, regime: { start: 0, end: T - 1 } }), auto: false };
  }
}

/** Twins count as decorrelated when their final separation is at least this share of the trajectory's own extent. */
const DECORRELATED = 0.01;


/** Distance of every snapshot from snapshot 0: the extent of a trajectory. */
function excursions(snaps: Float64Array, T: number, P: number): Float64Array {
  const first = snaps.subarray(0, P);
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let acc = 0;
    for (let k = 0; k < P; k++) acc += ((snaps[t * P + k] as number) - (first[k] as number)) ** 2;
    out[t] = Math.sqrt(acc);
  }
  return out;
}


/**
 * geo-bench `training-dynamics`: the protocol of Jimenez-Gonzalez, Soriano and Lacasa (2026) at
 * CPU scale. Twin MLPs (started delta0 apart, same batch order) are trained by SGD on MNIST over
 * a learning-rate sweep; the maximal Lyapunov exponent is measured in parameter space and in the
 * joint classical-MDS scalar embedding; the characteristic time from the embedded separation;
 * and the spacing distribution of asymptotic embedded states with its skew-lognormal fit and a
 * data-collapse check across initial conditions.
 */
export const trainingDynamicsTask: Task = {
  name: 'training-dynamics',
  description: 'Scalar embeddings of MLP training on MNIST: parameter-space vs embedded Lyapunov exponents over a learning-rate sweep, characteristic time, spacing statistics (@geo/temporal-scalar)',
  scales: { smoke: describeProtocol(PROTOCOLS.smoke), cpu: describeProtocol(PROTOCOLS.cpu), paper: describeProtocol(PROTOCOLS.paper) },
  async run(ctx: TaskContext): Promise<TaskOutput> {
    const p = PROTOCOLS[ctx.scale];
    const sizes = { architecture: `784-${p.hidden}-10`, trainSize: p.trainSize, batch: p.batch, steps: p.steps, snapEvery: p.snapEvery, learningRates: [...p.learningRates], pairs: p.pairs, delta0: p.delta0 };
    const data = await loadMnistTrain(ctx.scale, p.trainSize);
    if (data === null) {
      return { sizes, rows: [], metrics: {}, notes: [`skipped: set GEO_DATA_DIR to a folder with mnist/ for the ${ctx.scale} scale`] };
    }
    const P = 784 * p.hidden + p.hidden + 10 * p.hidden + 10;
    const total = p.learningRates.length * p.pairs;
    let done = 0;
    ctx.onProgress(0, total, 'training');
    const rows: ResultRow[] = [];
    const lamParam: number[] = [];
    const lamEmb: number[] = [];
    const perLr: { lr: number; param: LyapunovEstimate; emb: LyapunovEstimate; autoParam: boolean; autoEmb: boolean; tStar: number; spacingGroups: Float64Array[]; curve: Float64Array; decorParam: number; decorEmb: number }[] = [];
    for (const lr of p.learningRates) {
      const paramSeps: Float64Array[] = [];
      const embSeps: Float64Array[] = [];
      const spacingGroups: Float64Array[] = [];
      let loss = 0;
      let explained = 0;
      let diverged = 0;
      let decorParam = 0;
      let decorEmb = 0;
      for (let k = 0; k < p.pairs; k++) {
        if (ctx.signal.aborted) return { sizes, rows, metrics: {}, notes: ['aborted'] };
        // Initial condition k is shared across learning rates, so the sweep compares like with like.
        const rng = ctx.rng.derive('init', k);
        const thetaA = initTheta(p.hidden, rng);
        const dir = ctx.rng.derive('twin-direction', k).fillNormal(new Float64Array(P));
        let norm = 0;
        for (const v of dir) norm += v * v;
        norm = Math.sqrt(norm);
        const thetaB = Float64Array.from(thetaA, (v, i) => v + (p.delta0 * (dir[i] as number)) / norm);
        const order = ctx.rng.derive('batch-order', k).permutation(data.n);
        const a = trainTrajectory(thetaA, data, p, lr, order);
        const b = trainTrajectory(thetaB, data, p, lr, order);
        if (!a.snaps.every(Number.isFinite) || !b.snaps.every(Number.isFinite)) {
          diverged++;
          ctx.onProgress(++done, total, `lr ${lr} pair ${k + 1}/${p.pairs} diverged`);
          continue;
        }
        loss += a.finalLoss;
        const dParam = separation(a.snaps, b.snaps, a.T, P);
        paramSeps.push(dParam);
        const twin = twinScalarSeparation(a.snaps, b.snaps, a.T, P, { seed: ctx.seed });
        embSeps.push(twin.separation);
        // Decorrelation: final twin separation relative to the size of the trajectory itself.
        const extent = excursions(a.snaps, a.T, P).reduce((m, v) => Math.max(m, v), Number.MIN_VALUE);
        decorParam += (dParam[a.T - 1] as number) / extent;
        let lo = Infinity;
        let hi = -Infinity;
        for (const v of twin.xa) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        decorEmb += (twin.separation[a.T - 1] as number) / Math.max(hi - lo, Number.MIN_VALUE);
        explained += twin.explained;
        // Asymptotic states: the second half of this initial condition's own scalar embedding.
        const own = scalarEmbedding(pairwiseDistances(a.snaps, a.T, P)).x;
        try {
          spacingGroups.push(spacings(own.subarray(Math.floor(a.T / 2))));
        } catch {
          // A frozen trajectory (every spacing zero) contributes no spacings.
        }
        ctx.onProgress(++done, total, `lr ${lr} pair ${k + 1}/${p.pairs}`);
        await new Promise((r) => setImmediate(r));
      }
      if (paramSeps.length === 0) {
        rows.push({ lr, diverged });
        continue;
      }
      const dt = p.snapEvery;
      const lp = lyapunovOrSlope(paramSeps, dt, ctx.seed);
      const le = lyapunovOrSlope(embSeps, dt, ctx.seed);
      // t* only means something when the twins do saturate, i.e. end decorrelated.
      let tStar = NaN;
      if (decorEmb / paramSeps.length >= DECORRELATED) {
        try {
          tStar = characteristicTime(embSeps, { dt }).time;
        } catch (e) {
          if (!(e instanceof GeoError)) throw e;
        }
      }
      lamParam.push(lp.est.lambda);
      lamEmb.push(le.est.lambda);
      perLr.push({ lr, param: lp.est, emb: le.est, autoParam: lp.auto, autoEmb: le.auto, tStar, spacingGroups, curve: le.est.curve, decorParam: decorParam / paramSeps.length, decorEmb: decorEmb / paramSeps.length });
      rows.push({
        lr,
        lambdaParam: lp.est.lambda,
        lambdaParamLo: lp.est.ci[0],
        lambdaParamHi: lp.est.ci[1],
        lambdaEmbedded: le.est.lambda,
        lambdaEmbeddedLo: le.est.ci[0],
        lambdaEmbeddedHi: le.est.ci[1],
        regime: lp.auto && le.auto ? 'auto' : `${lp.auto ? 'auto' : 'whole'}/${le.auto ? 'auto' : 'whole'}`,
        characteristicTime: Number.isFinite(tStar) ? tStar : null,
        decorrelationParam: decorParam / paramSeps.length,
        decorrelationEmbedded: decorEmb / paramSeps.length,
        explainedVariance: explained / paramSeps.length,
        finalLoss: loss / paramSeps.length,
        diverged,
      });
    }
    const correlation = pearson(lamParam, lamEmb);
    // Onset of sensitivity, by the package's pre-registered rule: the smallest lr whose 95% CI
    // lower bound certifies at least one e-fold of growth over the fit window.
    const onset = (pick: (r: (typeof perLr)[number]) => LyapunovEstimate): number =>
      sensitivityOnset(perLr.map((r) => ({ control: r.lr, estimate: pick(r) }))).onset;
    const onsetParam = onset((r) => r.param);
    const onsetEmb = onset((r) => r.emb);
    // Onset by decorrelation: the smallest lr whose twins end DECORRELATED (1%) of the trajectory's own extent apart.
    const onsetBy = (pick: (r: (typeof perLr)[number]) => number): number => perLr.find((r) => pick(r) >= DECORRELATED)?.lr ?? NaN;
    const decorOnsetParam = onsetBy((r) => r.decorParam);
    const decorOnsetEmb = onsetBy((r) => r.decorEmb);
    const spearman = pearson(ranks(lamParam), ranks(lamEmb));
    // Spacing statistics at the most chaotic learning rate with spacings from at least two initial conditions.
    const candidates = perLr.filter((r) => r.spacingGroups.length >= 2).sort((x, y) => y.param.lambda - x.param.lambda);
    const notes: string[] = [
      'lambda per SGD step (dt = snapshot interval); parameter space = |theta_a - theta_b|, embedded = |x_a - x_b| of the joint classical-MDS scalar embedding of both twins.',
      'regime "auto" = the automatic exponential-regime rule of @geo/temporal-scalar; "whole" = no exponential regime, slope over the whole curve.',
      'characteristicTime (SGD steps) is reported only where the embedded twins end decorrelated (see decorrelationEmbedded).',
      `Trainer: plain float64 SGD, tanh hidden layer, softmax cross-entropy, data order fixed per initial condition; data: ${data.n} images of the ${data.source} (checksum-verified by @geo/datasets).`,
    ];
    const metrics: Record<string, number> = { lambdaCorrelation: correlation, lambdaSpearman: spearman };
    const show = (v: number): string => (Number.isFinite(v) ? String(v) : 'none');
    if (Number.isFinite(onsetParam)) metrics['onsetLrParam'] = onsetParam;
    if (Number.isFinite(onsetEmb)) metrics['onsetLrEmbedded'] = onsetEmb;
    if (Number.isFinite(decorOnsetParam)) metrics['decorrelationOnsetLrParam'] = decorOnsetParam;
    if (Number.isFinite(decorOnsetEmb)) metrics['decorrelationOnsetLrEmbedded'] = decorOnsetEmb;
    notes.push(
      `lambda across the sweep: Pearson ${correlation.toFixed(3)} (goal >= 0.9), Spearman ${spearman.toFixed(3)}.`,
      `onset of sensitivity, smallest lr whose lambda CI lower bound certifies >= 1 e-fold over the fit window: parameter ${show(onsetParam)}, embedded ${show(onsetEmb)}; smallest lr whose twins end >= ${DECORRELATED * 100}% of the trajectory's extent apart: parameter ${show(decorOnsetParam)}, embedded ${show(decorOnsetEmb)}.`,
    );
    let spacingSvg: string | undefined;
    const chosen = candidates[0];
    if (chosen !== undefined) {
      try {
        const collapse = dataCollapse(chosen.spacingGroups);
        const fit = collapse.pooledFit;
        metrics['spacingLr'] = chosen.lr;
        metrics['spacingCollapseMaxKs'] = collapse.maxKs;
        metrics['spacingCollapseMinP'] = collapse.minP;
        if (fit !== undefined) {
          metrics['skewLognormalXi'] = fit.params.xi;
          metrics['skewLognormalOmega'] = fit.params.omega;
          metrics['skewLognormalAlpha'] = fit.params.alpha;
          metrics['skewLognormalKs'] = fit.ks.statistic;
          metrics['skewLognormalKsP'] = fit.ks.pValue;
          const pooled = chosen.spacingGroups.flatMap((g) => Array.from(g));
          const maxS = Math.max(...pooled);
          const bins = 30;
          const w = maxS / bins;
          const hist = new Array<number>(bins).fill(0);
          for (const s of pooled) {
            const b = Math.min(bins - 1, Math.floor(s / w));
            hist[b] = (hist[b] as number) + 1 / (pooled.length * w);
          }
          spacingSvg = svgPlot(
            `Rescaled asymptotic spacings (lr ${chosen.lr}), skew-lognormal fit`,
            's / <s>',
            'density',
            [
              { label: 'histogram (pooled)', color: '#4477aa', points: hist.map((y, i) => ({ x: (i + 0.5) * w, y })) },
              { label: `fit xi ${fit.params.xi.toFixed(2)} omega ${fit.params.omega.toFixed(2)} alpha ${fit.params.alpha.toFixed(2)}`, color: '#cc3311', line: true, points: Array.from({ length: 200 }, (_, i) => ({ x: ((i + 0.5) * maxS) / 200, y: skewLognormalPdf(((i + 0.5) * maxS) / 200, fit.params) })) },
            ],
            { bars: true },
          );
        }
        notes.push(`spacings at lr ${chosen.lr}: ${chosen.spacingGroups.length} initial conditions, pairwise KS max ${collapse.maxKs.toFixed(3)} (min p ${collapse.minP.toPrecision(2)}), collapsed at 5% (Bonferroni): ${collapse.collapsed}.`);
      } catch (e) {
        if (!(e instanceof GeoError)) throw e;
        notes.push(`spacing statistics failed: ${e.message}`);
      }
    }
    const colors = ['#4477aa', '#ee6677', '#228833', '#ccbb44', '#66ccee', '#aa3377', '#bbbbbb', '#000000', '#994455', '#117733'];
    const files: [string, string][] = [
      [
        'lyapunov-vs-lr.svg',
        svgPlot('Maximal Lyapunov exponent vs learning rate', 'learning rate', 'lambda (per SGD step)', [
          { label: 'parameter space', color: '#4477aa', points: perLr.map((r) => ({ x: r.lr, y: r.param.lambda, lo: r.param.ci[0], hi: r.param.ci[1] })) },
          { label: 'scalar embedding', color: '#ee6677', points: perLr.map((r) => ({ x: r.lr * 1.05, y: r.emb.lambda, lo: r.emb.ci[0], hi: r.emb.ci[1] })) },
        ], { logX: true }),
      ],
      ['lyapunov-embedded-vs-param.svg', svgPlot(`Embedded vs parameter-space lambda (r = ${correlation.toFixed(3)})`, 'lambda parameter space', 'lambda embedded', [{ label: 'one point per lr', color: '#228833', points: perLr.map((r) => ({ x: r.param.lambda, y: r.emb.lambda })) }])],
      ['characteristic-time-vs-lr.svg', svgPlot('Characteristic time vs learning rate', 'learning rate', 't* (SGD steps)', [{ label: 'embedded separation', color: '#aa3377', points: perLr.map((r) => ({ x: r.lr, y: r.tStar })) }], { logX: true })],
      [
        'log-separation-embedded.svg',
        svgPlot('<ln d(t)/d0> of embedded twins', 'SGD step', '<ln d/d0>', perLr.map((r, i) => ({ label: `lr ${r.lr}`, color: colors[i % colors.length] as string, line: true, points: Array.from(r.curve, (y, t) => ({ x: t * p.snapEvery, y })) }))),
      ],
    ];
    if (spacingSvg !== undefined) files.push(['spacings.svg', spacingSvg]);
    for (const [name, svg] of files) await writeFile(join(ctx.outDir, name), svg);
    notes.push(`plots: ${files.map(([n]) => n).join(', ')} in ${ctx.outDir}`);
    return { sizes, rows, metrics, notes };
  },
};
