import { GeoError } from '@geo/core';
import { activate } from './activations.js';
import { archW0, layerSlots } from './arch.js';
import type { LayerSlot, MlpArch } from './arch.js';
import { panelForward, panelGrad } from './kernels.js';
import type { LossKind } from './loss.js';
import { sinCosScaled } from './sincos.js';

/**
 * The fast path: forward and backward of one network over all n points, fused per layer
 * into register-blocked panels over feature-major buffers that are allocated once and
 * reused every step. Create one per (architecture, inputs); call `lossAndGradient` for any
 * number of networks in turn.
 */
export interface FusedMlp {
  readonly arch: MlpArch;
  readonly n: number;
  readonly loss: LossKind;
  /**
   * Loss of the network whose parameters start at params[pOff], and its gradient written
   * to grad[gOff...]. `targetsT` holds this network's targets feature-major from tOff:
   * out x n for `mse`, n labels for `cross-entropy` (see `toFeatureMajor`).
   */
  lossAndGradient(params: Float64Array, pOff: number, targetsT: Float64Array, tOff: number, grad: Float64Array, gOff: number, batch?: MiniBatch): number;
  /** The same loss without the backward pass; `outputs` (out x n) receives the predictions if given. */
  lossOnly(params: Float64Array, pOff: number, targetsT: Float64Array, tOff: number, outputs?: Float64Array): number;
}

/**
 * A training-mode pass over part of the engine's points: `rows` picks the points (indices
 * into the n inputs the engine was built on; default all n, in order) and `keep`, when
 * given, multiplies each hidden unit's output (inverted dropout: 0 for a dropped unit,
 * 1 / (1 - p) for a kept one). `keep` holds one block per hidden layer l, fanOut_l x m
 * feature-major (m = number of rows), the blocks back to back (see `dropoutMaskLength`).
 */
export interface MiniBatch {
  readonly rows?: ArrayLike<number>;
  readonly keep?: ArrayLike<number>;
}

/**
 * Length of a dropout multiplier array for m points: m times the total hidden width.
 *
 * @example
 * dropoutMaskLength({ sizes: [64, 32, 16, 10], activation: 'relu' }, 8) // 384
 */
export function dropoutMaskLength(arch: MlpArch, m: number): number {
  let width = 0;
  for (let l = 1; l < arch.sizes.length - 1; l++) width += arch.sizes[l] as number;
  return width * m;
}

/**
 * Transposes an n x d point-major block to d x n.
 *
 * @example
 * toFeatureMajor(new Float64Array([1, 2, 3, 4, 5, 6]), 3, 2) // Float64Array [1, 3, 5, 2, 4, 6]
 */
export function toFeatureMajor(a: ArrayLike<number>, n: number, d: number, out = new Float64Array(n * d), aOff = 0, outOff = 0): Float64Array {
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) out[outOff + k * n + i] = a[aOff + i * d + k] as number;
  return out;
}

/**
 * Builds the fused engine for `arch` on `inputs` (n x in, point-major). Inputs are assumed
 * validated (see `checkProblem`); the engine itself never allocates after construction.
 *
 * @example
 * const engine = createFusedMlp({ sizes: [2, 32, 32, 1], activation: 'sin' }, coords, 'mse');
 * const loss = engine.lossAndGradient(params, 0, image, 0, grad, 0);
 */
export function createFusedMlp(arch: MlpArch, inputs: ArrayLike<number>, loss: LossKind): FusedMlp {
  const slots = layerSlots(arch);
  const dIn = arch.sizes[0] as number;
  const n = inputs.length / dIn;
  if (!Number.isInteger(n) || n < 1) throw new GeoError('BAD_SHAPE', `inputs must be n x ${dIn}`, { argument: 'inputs', actual: inputs.length });
  const dOut = arch.sizes[arch.sizes.length - 1] as number;
  const w0 = archW0(arch);
  const shift = arch.outputShift ?? 0;
  const act = arch.activation;
  const x0 = toFeatureMajor(inputs, n, dIn);
  const hs = slots.map((s) => new Float64Array(s.fanOut * n));
  const ds = slots.map((s, l) => (l < slots.length - 1 ? new Float64Array(s.fanOut * n) : new Float64Array(0)));
  const maxWidth = Math.max(...arch.sizes);
  let dA = new Float64Array(maxWidth * n);
  let dB = new Float64Array(maxWidth * n);
  const L = slots.length;
  // Minibatch copies of the inputs and targets (allocated on first use).
  let xb: Float64Array | undefined;
  let tb: Float64Array | undefined;

  /** Forward over m points x (dIn x m); `keep` multiplies hidden outputs and slopes (dropout). */
  function forward(params: Float64Array, pOff: number, x: Float64Array, m: number, keep: ArrayLike<number> | undefined): Float64Array {
    let hin = x;
    let kOff = 0;
    for (let l = 0; l < L; l++) {
      const s = slots[l] as LayerSlot;
      const h = hs[l] as Float64Array;
      panelForward(params, pOff + s.weight, s.fanIn, 1, s.fanOut, s.fanIn, hin, m, h, params, pOff + s.bias);
      if (l < L - 1) {
        const d = ds[l] as Float64Array;
        const len = s.fanOut * m;
        activateInPlace(h, d, len);
        if (keep !== undefined) {
          // A dropped unit passes nothing forward and no gradient back.
          for (let i = 0; i < len; i++) {
            const k = keep[kOff + i] as number;
            h[i] = (h[i] as number) * k;
            d[i] = (d[i] as number) * k;
          }
          kOff += len;
        }
      }
      hin = h;
    }
    return hs[L - 1] as Float64Array;
  }

  function activateInPlace(h: Float64Array, d: Float64Array, len: number): void {
    if (act === 'sin') {
      sinCosScaled(h, w0, w0, h, d, len);
    } else if (act === 'relu') {
      for (let i = 0; i < len; i++) {
        const z = h[i] as number;
        h[i] = z > 0 ? z : 0;
        d[i] = z > 0 ? 1 : 0;
      }
    } else if (act === 'tanh') {
      for (let i = 0; i < len; i++) {
        const t = Math.tanh(h[i] as number);
        h[i] = t;
        d[i] = 1 - t * t;
      }
    } else {
      for (let i = 0; i < len; i++) {
        const a = activate(act, h[i] as number, w0);
        h[i] = a.value;
        d[i] = a.slope;
      }
    }
  }

  /** Loss of outputs y (out x m) against m targets; writes dLoss/dy into dy when given. */
  function lossOf(y: Float64Array, t: Float64Array, tOff: number, dy: Float64Array | undefined, m: number): number {
    let total = 0;
    if (loss === 'mse') {
      const scale = 2 / (m * dOut);
      for (let i = 0, len = m * dOut; i < len; i++) {
        const r = (y[i] as number) + shift - (t[tOff + i] as number);
        total += r * r;
        if (dy !== undefined) dy[i] = scale * r;
      }
      return total / (m * dOut);
    }
    for (let i = 0; i < m; i++) {
      let max = -Infinity;
      for (let j = 0; j < dOut; j++) max = Math.max(max, (y[j * m + i] as number) + shift);
      let sum = 0;
      for (let j = 0; j < dOut; j++) sum += Math.exp((y[j * m + i] as number) + shift - max);
      const label = t[tOff + i] as number;
      total += Math.log(sum) + max - ((y[label * m + i] as number) + shift);
      if (dy !== undefined) {
        for (let j = 0; j < dOut; j++) dy[j * m + i] = (Math.exp((y[j * m + i] as number) + shift - max) / sum - (j === label ? 1 : 0)) / m;
      }
    }
    return total / m;
  }

  return {
    arch,
    n,
    loss,
    lossOnly(params, pOff, targetsT, tOff, outputs) {
      const y = forward(params, pOff, x0, n, undefined);
      if (outputs !== undefined) for (let i = 0; i < n * dOut; i++) outputs[i] = (y[i] as number) + shift;
      return lossOf(y, targetsT, tOff, undefined, n);
    },
    lossAndGradient(params, pOff, targetsT, tOff, grad, gOff, batch) {
      let x = x0;
      let m = n;
      let t = targetsT;
      let at = tOff;
      const rows = batch?.rows;
      if (rows !== undefined) {
        // Gather this minibatch's inputs and targets, feature-major.
        m = rows.length;
        xb ??= new Float64Array(dIn * n);
        tb ??= new Float64Array((loss === 'mse' ? dOut : 1) * n);
        for (let k = 0; k < dIn; k++) for (let i = 0; i < m; i++) xb[k * m + i] = x0[k * n + (rows[i] as number)] as number;
        const tRows = loss === 'mse' ? dOut : 1;
        for (let k = 0; k < tRows; k++) for (let i = 0; i < m; i++) tb[k * m + i] = targetsT[tOff + k * n + (rows[i] as number)] as number;
        x = xb;
        t = tb;
        at = 0;
      }
      const y = forward(params, pOff, x, m, batch?.keep);
      const value = lossOf(y, t, at, dA, m);
      for (let l = L - 1; l >= 0; l--) {
        const s = slots[l] as LayerSlot;
        const hin = l === 0 ? x : (hs[l - 1] as Float64Array);
        panelGrad(dA, hin, s.fanOut, s.fanIn, m, grad, gOff + s.weight, gOff + s.bias);
        if (l === 0) break;
        // dh_{l-1} = W_l^T dz_l, then dz_{l-1} = dh_{l-1} * act'(z_{l-1}) (times the dropout multiplier, folded into the slope).
        panelForward(params, pOff + s.weight, 1, s.fanIn, s.fanIn, s.fanOut, dA, m, dB, params, -1);
        const d = ds[l - 1] as Float64Array;
        for (let i = 0, len = s.fanIn * m; i < len; i++) dB[i] = (dB[i] as number) * (d[i] as number);
        const tmp = dA;
        dA = dB;
        dB = tmp;
      }
      return value;
    },
  };
}
