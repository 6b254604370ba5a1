import { GeoError } from '@geo/core';
import { activate } from './activations.js';
import { archW0, layerSlots } from './arch.js';
import type { MlpArch } from './arch.js';
import type { LossKind } from './loss.js';
import { checkKeep, checkProblem } from './validate.js';

/** Loss, its gradient with respect to the flat parameters, and the network outputs. */
export interface LossAndGradient {
  readonly loss: number;
  readonly grad: Float64Array;
  /** n x out, point-major. */
  readonly outputs: Float64Array;
}

/**
 * The plain reference: forward and backward pass of one network, one point at a time, with
 * `Math.sin` and no blocking. Slow and obviously right; the fused kernels are tested against it.
 *
 * `inputs` is n x in (point-major); `targets` is n x out for `mse`, or n class indices for
 * `cross-entropy`. The loss is a mean over points (and outputs, for `mse`).
 * `options.keep` applies inverted dropout with a fixed mask: hidden unit j of hidden layer
 * l at point p is multiplied by keep[off_l + j n + p] (0 drops it, 1 / (1 - p) keeps it),
 * the layers' blocks back to back as the fused engine's `MiniBatch.keep`.
 *
 * @example
 * const arch = { sizes: [1, 4, 1], activation: 'tanh' } as const;
 * referenceLossAndGradient(arch, new Float64Array(13).fill(0.1), [0.5], [1], 'mse').loss // (0.1 + 4 * 0.1 * tanh(0.1)... - 1)^2
 */
export function referenceLossAndGradient(
  arch: MlpArch,
  params: ArrayLike<number>,
  inputs: ArrayLike<number>,
  targets: ArrayLike<number>,
  loss: LossKind,
  options: { readonly keep?: ArrayLike<number> } = {},
): LossAndGradient {
  const { n } = checkProblem(arch, params, inputs, targets, loss);
  const keep = options.keep;
  if (keep !== undefined) checkKeep(arch, keep, n, 'options.keep');
  const slots = layerSlots(arch);
  const w0 = archW0(arch);
  const shift = arch.outputShift ?? 0;
  const sizes = arch.sizes;
  const dOut = sizes[sizes.length - 1] as number;
  const grad = new Float64Array(params.length);
  const outputs = new Float64Array(n * dOut);
  let total = 0;
  for (let p = 0; p < n; p++) {
    // Forward, keeping every layer's output h and activation slope.
    const hs: Float64Array[] = [Float64Array.from({ length: sizes[0] as number }, (_, i) => inputs[p * (sizes[0] as number) + i] as number)];
    const slopes: Float64Array[] = [];
    let kOff = 0;
    slots.forEach((s, l) => {
      const hin = hs[l] as Float64Array;
      const h = new Float64Array(s.fanOut);
      const slope = new Float64Array(s.fanOut);
      for (let j = 0; j < s.fanOut; j++) {
        let z = params[s.bias + j] as number;
        for (let k = 0; k < s.fanIn; k++) z += (params[s.weight + j * s.fanIn + k] as number) * (hin[k] as number);
        if (l < slots.length - 1) {
          const a = activate(arch.activation, z, w0);
          const k = keep === undefined ? 1 : (keep[kOff + j * n + p] as number);
          h[j] = a.value * k;
          slope[j] = a.slope * k;
        } else {
          h[j] = z + shift;
          slope[j] = 1;
        }
      }
      if (l < slots.length - 1) kOff += s.fanOut * n;
      hs.push(h);
      slopes.push(slope);
    });
    const y = hs[hs.length - 1] as Float64Array;
    outputs.set(y, p * dOut);
    // dLoss/dy for this point.
    const dy = new Float64Array(dOut);
    if (loss === 'mse') {
      for (let j = 0; j < dOut; j++) {
        const r = (y[j] as number) - (targets[p * dOut + j] as number);
        total += r * r;
        dy[j] = (2 * r) / (n * dOut);
      }
    } else {
      const label = targets[p] as number;
      let max = -Infinity;
      for (let j = 0; j < dOut; j++) max = Math.max(max, y[j] as number);
      let sum = 0;
      for (let j = 0; j < dOut; j++) sum += Math.exp((y[j] as number) - max);
      total += Math.log(sum) + max - (y[label] as number);
      for (let j = 0; j < dOut; j++) dy[j] = (Math.exp((y[j] as number) - max) / sum - (j === label ? 1 : 0)) / n;
    }
    // Backward.
    let dh = dy;
    for (let l = slots.length - 1; l >= 0; l--) {
      const s = slots[l] as (typeof slots)[number];
      const hin = hs[l] as Float64Array;
      const slope = slopes[l] as Float64Array;
      const dz = new Float64Array(s.fanOut);
      for (let j = 0; j < s.fanOut; j++) dz[j] = (dh[j] as number) * (slope[j] as number);
      const dhin = new Float64Array(s.fanIn);
      for (let j = 0; j < s.fanOut; j++) {
        const g = dz[j] as number;
        grad[s.bias + j] = (grad[s.bias + j] as number) + g;
        for (let k = 0; k < s.fanIn; k++) {
          grad[s.weight + j * s.fanIn + k] = (grad[s.weight + j * s.fanIn + k] as number) + g * (hin[k] as number);
          dhin[k] = (dhin[k] as number) + g * (params[s.weight + j * s.fanIn + k] as number);
        }
      }
      dh = dhin;
    }
  }
  const value = loss === 'mse' ? total / (n * dOut) : total / n;
  if (!Number.isFinite(value)) {
    throw new GeoError('NOT_FINITE', `loss is ${value}: the parameters or inputs overflow`, { argument: 'params', actual: value });
  }
  return { loss: value, grad, outputs };
}
