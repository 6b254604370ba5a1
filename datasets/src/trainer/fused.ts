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
  lossAndGradient(params: Float64Array, pOff: number, targetsT: Float64Array, tOff: number, grad: Float64Array, gOff: number): number;
  /** The same loss without the backward pass; `outputs` (out x n) receives the predictions if given. */
  lossOnly(params: Float64Array, pOff: number, targetsT: Float64Array, tOff: number, outputs?: Float64Array): number;
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

  function forward(params: Float64Array, pOff: number): Float64Array {
    let hin = x0;
    for (let l = 0; l < L; l++) {
      const s = slots[l] as LayerSlot;
      const h = hs[l] as Float64Array;
      panelForward(params, pOff + s.weight, s.fanIn, 1, s.fanOut, s.fanIn, hin, n, h, params, pOff + s.bias);
      if (l < L - 1) activateInPlace(h, ds[l] as Float64Array, s.fanOut * n);
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

  /** Loss of outputs y (out x n) against targets; writes dLoss/dy into dy when given. */
  function lossOf(y: Float64Array, t: Float64Array, tOff: number, dy: Float64Array | undefined): number {
    let total = 0;
    if (loss === 'mse') {
      const scale = 2 / (n * dOut);
      for (let i = 0, len = n * dOut; i < len; i++) {
        const r = (y[i] as number) + shift - (t[tOff + i] as number);
        total += r * r;
        if (dy !== undefined) dy[i] = scale * r;
      }
      return total / (n * dOut);
    }
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let j = 0; j < dOut; j++) max = Math.max(max, (y[j * n + i] as number) + shift);
      let sum = 0;
      for (let j = 0; j < dOut; j++) sum += Math.exp((y[j * n + i] as number) + shift - max);
      const label = t[tOff + i] as number;
      total += Math.log(sum) + max - ((y[label * n + i] as number) + shift);
      if (dy !== undefined) {
        for (let j = 0; j < dOut; j++) dy[j * n + i] = (Math.exp((y[j * n + i] as number) + shift - max) / sum - (j === label ? 1 : 0)) / n;
      }
    }
    return total / n;
  }

  return {
    arch,
    n,
    loss,
    lossOnly(params, pOff, targetsT, tOff, outputs) {
      const y = forward(params, pOff);
      if (outputs !== undefined) for (let i = 0; i < n * dOut; i++) outputs[i] = (y[i] as number) + shift;
      return lossOf(y, targetsT, tOff, undefined);
    },
    lossAndGradient(params, pOff, targetsT, tOff, grad, gOff) {
      const y = forward(params, pOff);
      const value = lossOf(y, targetsT, tOff, dA);
      for (let l = L - 1; l >= 0; l--) {
        const s = slots[l] as LayerSlot;
        const hin = l === 0 ? x0 : (hs[l - 1] as Float64Array);
        panelGrad(dA, hin, s.fanOut, s.fanIn, n, grad, gOff + s.weight, gOff + s.bias);
        if (l === 0) break;
        // dh_{l-1} = W_l^T dz_l, then dz_{l-1} = dh_{l-1} * act'(z_{l-1}).
        panelForward(params, pOff + s.weight, 1, s.fanIn, s.fanIn, s.fanOut, dA, n, dB, params, -1);
        const d = ds[l - 1] as Float64Array;
        for (let i = 0, len = s.fanIn * n; i < len; i++) dB[i] = (dB[i] as number) * (d[i] as number);
        const tmp = dA;
        dA = dB;
        dB = tmp;
      }
      return value;
    },
  };
}
