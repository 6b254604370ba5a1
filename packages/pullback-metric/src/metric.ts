import { GeoError } from '@geo/core';
import { finiteDifferenceJacobian, type FeatureFunction, type FiniteDifferenceOptions } from './jacobian.js';
import { activation as getActivation } from './activation.js';
import { assertMlp, checkOut, mlpWorkspace, propagate, type Mlp } from './mlp.js';
import { toPoints, type PointsInput } from './points.js';

/** A batch of d x d metrics, row-major `count x dim x dim`. */
export interface MetricBatch {
  readonly data: Float64Array;
  readonly count: number;
  readonly dim: number;
}

/**
 * g = J^T J for each `n x d` Jacobian block of a `count x n x d` buffer.
 *
 * @example
 * metricFromJacobian(Float64Array.of(1, 0, 0, 2, 1, 1), 1, 3, 2).data // [2, 1, 1, 5]
 */
export function metricFromJacobian(jac: Float64Array, count: number, n: number, d: number, out?: Float64Array): MetricBatch {
  if (!(jac instanceof Float64Array) || jac.length !== count * n * d) {
    throw new GeoError('BAD_SHAPE', `jacobian must be a Float64Array of length ${count}*${n}*${d}`, { argument: 'jacobian', expected: count * n * d, actual: jac?.length });
  }
  const data = checkOut(out, count * d * d, 'out');
  for (let p = 0; p < count; p++) {
    const jb = p * n * d;
    const gb = p * d * d;
    for (let a = 0; a < d; a++) {
      for (let b = a; b < d; b++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += (jac[jb + i * d + a] as number) * (jac[jb + i * d + b] as number);
        data[gb + a * d + b] = s;
        data[gb + b * d + a] = s;
      }
    }
  }
  return { data, count, dim: d };
}

/**
 * The exact pullback metric g(x) = J(x)^T J(x) of an MLP feature map, batched over points,
 * in float64. For a shallow map Phi(x) = s phi(W x + b) this is
 * g = s^2 sum_j phi'(w_j . x + b_j)^2 w_j w_j^T; deeper maps chain the Jacobians forward.
 *
 * @example
 * const net = randomMlp([2, 64], { activation: 'erf', seed: 0 });
 * const g = mlpPullbackMetric(net, [[0.1, -0.3], [0.5, 0.2]]);
 * g.data.length // 2 points x 2 x 2 = 8
 */
export function mlpPullbackMetric(net: Mlp, x: PointsInput, out?: Float64Array): MetricBatch {
  assertMlp(net);
  const pts = toPoints(x, net.inputDim, 'x');
  const d = net.inputDim;
  const n = net.outputDim;
  const data = checkOut(out, pts.count * d * d, 'out');
  const s2 = net.outputScale * net.outputScale;
  if (net.layers.length === 1) {
    shallowMetric(net, pts.data, pts.count, data);
    return { data, count: pts.count, dim: d };
  }
  const ws = mlpWorkspace(net, false);
  for (let p = 0; p < pts.count; p++) {
    propagate(net, pts.data, p * d, ws, false);
    const gb = p * d * d;
    const jac = ws.jac;
    for (let a = 0; a < d; a++) {
      for (let b = a; b < d; b++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += (jac[i * d + a] as number) * (jac[i * d + b] as number);
        data[gb + a * d + b] = s2 * s;
        data[gb + b * d + a] = s2 * s;
      }
    }
  }
  return { data, count: pts.count, dim: d };
}

/** g = s^2 sum_j phi'(w_j . x + b_j)^2 w_j w_j^T for a one-layer map: one pass over the units per point. */
function shallowMetric(net: Mlp, x: Float64Array, count: number, out: Float64Array): void {
  const layer = net.layers[0] as Mlp['layers'][number];
  const { weight, bias, outputs: n } = layer;
  const d = net.inputDim;
  const df = getActivation(net.activation).df;
  const s2 = net.outputScale * net.outputScale;
  const acc = new Float64Array(d * d);
  for (let p = 0; p < count; p++) {
    const xo = p * d;
    acc.fill(0);
    for (let j = 0; j < n; j++) {
      const wo = j * d;
      let h = bias[j] as number;
      for (let m = 0; m < d; m++) h += (weight[wo + m] as number) * (x[xo + m] as number);
      const f1 = df(h);
      const c = f1 * f1;
      if (c === 0) continue;
      for (let a = 0; a < d; a++) {
        const ca = c * (weight[wo + a] as number);
        for (let b = a; b < d; b++) acc[a * d + b] = (acc[a * d + b] as number) + ca * (weight[wo + b] as number);
      }
    }
    const go = p * d * d;
    for (let a = 0; a < d; a++)
      for (let b = a; b < d; b++) {
        const v = s2 * (acc[a * d + b] as number);
        out[go + a * d + b] = v;
        out[go + b * d + a] = v;
      }
  }
}

/** Options of `pullbackMetric` for a plain function (finite-difference Jacobian). */
export type PullbackMetricOptions = FiniteDifferenceOptions & { readonly out?: Float64Array };

/**
 * The pullback metric g = J^T J of a feature map at each point, in float64: exact for an
 * `Mlp` (closed-form chain rule), by a fourth-order finite-difference Jacobian for any other
 * function of a Float64Array (then `options.inputDim` is required). For tfjs models use
 * `pullbackMetric` from `@geo/pullback-metric/tf` (reverse-mode autodiff).
 *
 * @example
 * const g = pullbackMetric((x) => [x[0]!, 2 * x[1]!, x[0]! * x[1]!], [[1, 1]], { inputDim: 2 });
 * // g.data ~ [2, 1, 1, 5]
 */
export function pullbackMetric(map: Mlp | FeatureFunction, x: PointsInput, options?: PullbackMetricOptions): MetricBatch {
  if (typeof map === 'function') {
    if (options === undefined) {
      throw new GeoError('BAD_TYPE', 'options.inputDim is required for a function feature map', { argument: 'options.inputDim' });
    }
    const jac = finiteDifferenceJacobian(map, x, options);
    return metricFromJacobian(jac.data, jac.count, jac.outputDim, jac.inputDim, options.out);
  }
  return mlpPullbackMetric(map, x, options?.out);
}
