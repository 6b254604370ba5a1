import { GeoError, assertFiniteNumber, assertInRange, assertInteger, assertOneOf } from '@geo/core';
import type { Rng } from '@geo/core';
import { paramCount } from './arch.js';
import type { MlpArch } from './arch.js';
import { createFusedMlp, dropoutMaskLength, toFeatureMajor } from './fused.js';
import type { FusedMlp } from './fused.js';
import type { LossKind } from './loss.js';
import { checkOptimizer, optimizerStep } from './optim.js';
import type { OptimizerConfig } from './optim.js';
import { referenceLossAndGradient } from './reference.js';
import { checkProblem } from './validate.js';
import { createWasmMlp } from './wasm-engine.js';

export interface TrainOptions {
  readonly arch: MlpArch;
  readonly loss: LossKind;
  readonly optimizer: OptimizerConfig;
  /** Shared by every network: n x in, point-major. */
  readonly inputs: ArrayLike<number>;
  /** One block per network: B x n x out (mse) or B x n labels (cross-entropy), point-major. */
  readonly targets: ArrayLike<number>;
  /** Initial parameters, B x P (see `initParams`); not modified. */
  readonly init: ArrayLike<number>;
  /** Number of networks B. */
  readonly networks: number;
  /** Maximum optimiser steps (full batch: one step sees every point). */
  readonly steps: number;
  /** Steps at which to record the parameters (0 = before training), strictly increasing, each <= steps. Default [steps]. */
  readonly snapshotSteps?: readonly number[];
  /** Stop a network once its loss (before a step) is <= this value; later snapshots repeat the final parameters. */
  readonly stopAtLoss?: number;
  /**
   * `auto` (default): `wasm` where it applies (sine layers, MSE, n a multiple of 4, a
   * runtime with WebAssembly SIMD), else `fused`; `fused`: the TypeScript kernels;
   * `wasm`: the SIMD kernels (GeoError UNSUPPORTED where they do not apply); `reference`:
   * the plain implementation, for tests and checks. Engines agree to rounding, not bit for bit.
   */
  readonly engine?: 'auto' | 'wasm' | 'fused' | 'reference';
  /**
   * Points per optimiser step (default n, full batch). Below n, each epoch visits the points
   * in a fresh seeded random order, `batchSize` at a time, the last batch of an epoch holding
   * the remainder (PyTorch's `DataLoader(shuffle=True, drop_last=False)`); a step is one batch.
   */
  readonly batchSize?: number;
  /**
   * Inverted dropout on every hidden layer's output during training: each unit is dropped
   * with this probability and the kept ones are scaled by 1 / (1 - p); no dropout when the
   * loss is evaluated for snapshots. Default 0.
   */
  readonly dropout?: number;
  /**
   * The random stream of minibatch orders and dropout masks (needed when either is used);
   * network b draws from `rng.derive('network', b)`, its orders from `.derive('shuffle')`,
   * its masks from `.derive('dropout')`.
   */
  readonly rng?: Rng;
  readonly signal?: AbortSignal;
  /** Called after each network with (networks done, networks). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface TrainResult {
  /** Final parameters, B x P. */
  readonly params: Float64Array;
  /** B x T x P: network b's parameters at each snapshot step. */
  readonly snapshots: Float64Array;
  readonly snapshotSteps: readonly number[];
  /** B x T: the loss at each snapshot (over every point, without dropout). */
  readonly snapshotLoss: Float64Array;
  /** Loss of each network's final parameters. */
  readonly finalLoss: Float64Array;
  /** Optimiser steps each network took (< steps when it stopped early). */
  readonly stepsTaken: Int32Array;
  readonly paramCount: number;
  /** The engine that ran. */
  readonly engine: 'wasm' | 'fused' | 'reference';
}

/**
 * Trains B networks of one architecture on shared inputs and their own targets, full
 * batch, one after another through one fused engine, recording snapshots. Deterministic:
 * the result depends only on the arguments, never on B or on which other networks share
 * the call (so sharded and unsharded runs agree bit for bit).
 *
 * @example
 * const r = trainNetworks({ arch, loss: 'mse', optimizer: { kind: 'adam', lr: 5e-4 }, inputs: coords,
 *   targets: pixels, init, networks: 1, steps: 1000, snapshotSteps: snapshotSchedule(1000, 90), stopAtLoss: 1e-4 });
 */
export function trainNetworks(options: TrainOptions): TrainResult {
  const { arch, loss, optimizer, inputs, targets, init, networks: B, steps } = options;
  assertInteger(B, 'networks', { min: 1 });
  assertInteger(steps, 'steps', { min: 0 });
  checkOptimizer(optimizer);
  const { n } = checkProblem(arch, init, inputs, targets, loss, B);
  const requested = options.engine ?? 'auto';
  assertOneOf(requested, ['auto', 'wasm', 'fused', 'reference'] as const, 'engine');
  const snapshotSteps = options.snapshotSteps ?? [steps];
  snapshotSteps.forEach((s, i) => {
    assertInteger(s, `snapshotSteps[${i}]`, { min: i === 0 ? 0 : (snapshotSteps[i - 1] as number) + 1, max: steps });
  });
  if (options.stopAtLoss !== undefined) assertFiniteNumber(options.stopAtLoss, 'stopAtLoss');
  const batchSize = options.batchSize ?? n;
  assertInteger(batchSize, 'batchSize', { min: 1, max: n });
  const dropout = options.dropout ?? 0;
  assertInRange(dropout, 'dropout', { min: 0, max: 1, maxInclusive: false });
  if (batchSize < n || dropout > 0) return trainStochastic(options, n, batchSize, dropout, snapshotSteps);
  const P = paramCount(arch);
  const T = snapshotSteps.length;
  const dOut = arch.sizes[arch.sizes.length - 1] as number;
  const per = loss === 'mse' ? n * dOut : n;

  const params = Float64Array.from(init);
  const snapshots = new Float64Array(B * T * P);
  const snapshotLoss = new Float64Array(B * T);
  const finalLoss = new Float64Array(B);
  const stepsTaken = new Int32Array(B);
  const grad = new Float64Array(P);
  const m = new Float64Array(P);
  const v = new Float64Array(P);
  let engineKind: TrainResult['engine'] = requested === 'reference' ? 'reference' : 'fused';
  let engine = requested === 'wasm' || requested === 'auto' ? createWasmMlp(arch, inputs, loss) : undefined;
  if (engine !== undefined) engineKind = 'wasm';
  else if (requested === 'wasm') {
    throw new GeoError('UNSUPPORTED', 'engine "wasm" needs sine hidden layers, the mse loss, a point count that is a multiple of 4 and WebAssembly SIMD', { argument: 'engine', actual: requested });
  } else if (engineKind === 'fused') engine = createFusedMlp(arch, inputs, loss);
  const tT = new Float64Array(per);
  const inputsArr = Float64Array.from(inputs);

  for (let b = 0; b < B; b++) {
    if (aborted(options.signal)) throw new GeoError('ABORTED', `training cancelled before network ${b}`, { argument: 'signal' });
    const pOff = b * P;
    if (loss === 'mse') toFeatureMajor(targets, n, dOut, tT, b * per);
    else for (let i = 0; i < n; i++) tT[i] = targets[b * per + i] as number;
    const ownParams = params.subarray(pOff, pOff + P); // the optimiser state m, v is per network, at offset 0
    const own = engine === undefined ? Float64Array.from({ length: per }, (_, i) => targets[b * per + i] as number) : undefined;
    m.fill(0);
    v.fill(0);
    const evaluate = (withGrad: boolean): number => {
      if (engine !== undefined) return withGrad ? engine.lossAndGradient(params, pOff, tT, 0, grad, 0) : engine.lossOnly(params, pOff, tT, 0);
      const r = referenceLossAndGradient(arch, params.subarray(pOff, pOff + P), inputsArr, own as Float64Array, loss);
      grad.set(r.grad);
      return r.loss;
    };
    let snap = 0;
    let t = 0;
    let current = Number.NaN;
    for (;;) {
      const record = snap < T && snapshotSteps[snap] === t;
      if (t === steps) {
        current = evaluate(false);
        if (!Number.isFinite(current)) {
          throw new GeoError('NOT_FINITE', `network ${b}: loss became ${current} at step ${t}; lower the learning rate`, { argument: 'optimizer.lr', actual: current });
        }
        if (record) {
          snapshots.set(params.subarray(pOff, pOff + P), (b * T + snap) * P);
          snapshotLoss[b * T + snap] = current;
          snap++;
        }
        break;
      }
      current = evaluate(true);
      if (!Number.isFinite(current)) {
        throw new GeoError('NOT_FINITE', `network ${b}: loss became ${current} at step ${t}; lower the learning rate`, { argument: 'optimizer.lr', actual: current });
      }
      if (record) {
        snapshots.set(params.subarray(pOff, pOff + P), (b * T + snap) * P);
        snapshotLoss[b * T + snap] = current;
        snap++;
      }
      if (options.stopAtLoss !== undefined && current <= options.stopAtLoss) break;
      t++;
      optimizerStep(optimizer, ownParams, 0, P, grad, 0, m, v, t);
      if ((t & 63) === 0 && aborted(options.signal)) throw new GeoError('ABORTED', `training cancelled in network ${b}`, { argument: 'signal' });
    }
    // A network that stopped early keeps its final parameters in the remaining snapshots.
    for (; snap < T; snap++) {
      snapshots.set(params.subarray(pOff, pOff + P), (b * T + snap) * P);
      snapshotLoss[b * T + snap] = current;
    }
    finalLoss[b] = current;
    stepsTaken[b] = t;
    options.onProgress?.(b + 1, B);
  }
  return { params, snapshots, snapshotSteps: [...snapshotSteps], snapshotLoss, finalLoss, stepsTaken, paramCount: P, engine: engineKind };
}

/** Minibatch and/or dropout training (the TypeScript fused engine or the reference). */
function trainStochastic(options: TrainOptions, n: number, batchSize: number, dropout: number, snapshotSteps: readonly number[]): TrainResult {
  const { arch, loss, optimizer, inputs, targets, init, networks: B, steps } = options;
  const requested = options.engine ?? 'auto';
  if (requested === 'wasm') {
    throw new GeoError('UNSUPPORTED', 'engine "wasm" trains full batch without dropout only; use "fused" (or "auto")', { argument: 'engine', actual: requested });
  }
  if (options.stopAtLoss !== undefined) {
    throw new GeoError('UNSUPPORTED', 'stopAtLoss needs full-batch training without dropout (a minibatch loss is noisy)', { argument: 'stopAtLoss', actual: options.stopAtLoss });
  }
  const rng = options.rng;
  if (rng === undefined || typeof rng.derive !== 'function') {
    throw new GeoError('BAD_TYPE', 'rng (from createRng) is needed for minibatch orders and dropout masks', { argument: 'rng' });
  }
  const P = paramCount(arch);
  const T = snapshotSteps.length;
  const dIn = arch.sizes[0] as number;
  const dOut = arch.sizes[arch.sizes.length - 1] as number;
  const per = loss === 'mse' ? n * dOut : n;
  const perPoint = loss === 'mse' ? dOut : 1;
  const engineKind: TrainResult['engine'] = requested === 'reference' ? 'reference' : 'fused';
  const engine: FusedMlp | undefined = engineKind === 'fused' ? createFusedMlp(arch, inputs, loss) : undefined;
  const inputsArr = Float64Array.from(inputs);

  const params = Float64Array.from(init);
  const snapshots = new Float64Array(B * T * P);
  const snapshotLoss = new Float64Array(B * T);
  const finalLoss = new Float64Array(B);
  const stepsTaken = new Int32Array(B);
  const grad = new Float64Array(P);
  const m = new Float64Array(P);
  const v = new Float64Array(P);
  const tT = new Float64Array(per);
  const keep = dropout > 0 ? new Float64Array(dropoutMaskLength(arch, batchSize)) : undefined;
  const kept = 1 / (1 - dropout);
  const perm = new Int32Array(n);
  const batchesPerEpoch = Math.ceil(n / batchSize);
  // The reference engine takes point-major copies of each batch.
  const xRef = engine === undefined ? new Float64Array(batchSize * dIn) : undefined;
  const tRef = engine === undefined ? new Float64Array(batchSize * perPoint) : undefined;

  for (let b = 0; b < B; b++) {
    if (aborted(options.signal)) throw new GeoError('ABORTED', `training cancelled before network ${b}`, { argument: 'signal' });
    const pOff = b * P;
    const ownParams = params.subarray(pOff, pOff + P);
    const own = targets instanceof Float64Array ? targets.subarray(b * per, (b + 1) * per) : Float64Array.from({ length: per }, (_, i) => targets[b * per + i] as number);
    if (loss === 'mse') toFeatureMajor(own, n, dOut, tT, 0);
    else tT.set(own);
    const stream = rng.derive('network', b);
    const shuffle = stream.derive('shuffle');
    const drops = stream.derive('dropout');
    m.fill(0);
    v.fill(0);
    const evalLoss = (): number => {
      const value = engine !== undefined ? engine.lossOnly(params, pOff, tT, 0) : referenceLossAndGradient(arch, ownParams, inputsArr, own, loss).loss;
      if (!Number.isFinite(value)) {
        throw new GeoError('NOT_FINITE', `network ${b}: loss became ${value}; lower the learning rate`, { argument: 'optimizer.lr', actual: value });
      }
      return value;
    };
    let snap = 0;
    for (let t = 0; ; t++) {
      if (snap < T && snapshotSteps[snap] === t) {
        snapshots.set(ownParams, (b * T + snap) * P);
        snapshotLoss[b * T + snap] = evalLoss();
        snap++;
      }
      if (t === steps) break;
      const within = t % batchesPerEpoch;
      if (within === 0 && batchSize < n) {
        for (let i = 0; i < n; i++) perm[i] = i;
        shuffle.shuffle(perm);
      }
      const start = within * batchSize;
      const count = Math.min(batchSize, n - start);
      const rows = batchSize < n ? perm.subarray(start, start + count) : undefined;
      let mask: Float64Array | undefined;
      if (keep !== undefined) {
        mask = keep.subarray(0, dropoutMaskLength(arch, count));
        for (let i = 0; i < mask.length; i++) mask[i] = drops.uniform() < dropout ? 0 : kept;
      }
      let value: number;
      if (engine !== undefined) {
        value = engine.lossAndGradient(params, pOff, tT, 0, grad, 0, { ...(rows === undefined ? {} : { rows }), ...(mask === undefined ? {} : { keep: mask }) });
      } else {
        const x = (xRef as Float64Array).subarray(0, count * dIn);
        const y = (tRef as Float64Array).subarray(0, count * perPoint);
        for (let i = 0; i < count; i++) {
          const r = rows === undefined ? i : (rows[i] as number);
          for (let k = 0; k < dIn; k++) x[i * dIn + k] = inputsArr[r * dIn + k] as number;
          for (let k = 0; k < perPoint; k++) y[i * perPoint + k] = own[r * perPoint + k] as number;
        }
        const r = referenceLossAndGradient(arch, ownParams, x, y, loss, mask === undefined ? {} : { keep: mask });
        grad.set(r.grad);
        value = r.loss;
      }
      if (!Number.isFinite(value)) {
        throw new GeoError('NOT_FINITE', `network ${b}: loss became ${value} at step ${t}; lower the learning rate`, { argument: 'optimizer.lr', actual: value });
      }
      optimizerStep(optimizer, ownParams, 0, P, grad, 0, m, v, t + 1);
      if (((t + 1) & 63) === 0 && aborted(options.signal)) throw new GeoError('ABORTED', `training cancelled in network ${b}`, { argument: 'signal' });
    }
    finalLoss[b] = snapshotSteps[T - 1] === steps ? (snapshotLoss[b * T + T - 1] as number) : evalLoss();
    stepsTaken[b] = steps;
    options.onProgress?.(b + 1, B);
  }
  return { params, snapshots, snapshotSteps: [...snapshotSteps], snapshotLoss, finalLoss, stepsTaken, paramCount: P, engine: engineKind };
}

function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}
