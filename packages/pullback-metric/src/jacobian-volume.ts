import { assertPositive } from '@geo/core';
import { assertMlp, checkOut, mlpWorkspace, propagate, type Mlp } from './mlp.js';
import { toPoints, type PointsInput } from './points.js';
import type { VolumeElementResult } from './volume.js';

const EPS = 2.220446049250313e-16;

/**
 * log sqrt(det J^T J) of an n x d Jacobian (row-major, read from `jac` at `off`, scaled by
 * `scale`) by Householder QR with column pivoting: sqrt det g = prod |R_ii|. Working on J
 * rather than g = J^T J keeps the singular values of J to relative accuracy eps |J|, i.e.
 * eigenvalues of g down to eps^2 |g| instead of eps |g|. `work` holds n * d entries, `norms`
 * d. Returns [log sqrt det g, |R_dd| / |R_11|].
 */
export function qrLogVolume(jac: Float64Array, off: number, n: number, d: number, scale: number, work: Float64Array, norms: Float64Array): [number, number] {
  // Column-major copy: column m is work[m * n .. m * n + n).
  for (let i = 0; i < n; i++) for (let m = 0; m < d; m++) work[m * n + i] = scale * (jac[off + i * d + m] as number);
  if (n < d) return [-Infinity, 0];
  for (let m = 0; m < d; m++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (work[m * n + i] as number) ** 2;
    norms[m] = s;
  }
  let logDet = 0;
  let r11 = 0;
  let rdd = 0;
  for (let k = 0; k < d; k++) {
    // Pivot: the remaining column of largest norm (recomputed, so no downdating drift).
    let best = k;
    let bestNorm = -1;
    for (let m = k; m < d; m++) {
      let s = 0;
      for (let i = k; i < n; i++) s += (work[m * n + i] as number) ** 2;
      norms[m] = s;
      if (s > bestNorm) {
        bestNorm = s;
        best = m;
      }
    }
    if (best !== k) {
      for (let i = 0; i < n; i++) {
        const t = work[k * n + i] as number;
        work[k * n + i] = work[best * n + i] as number;
        work[best * n + i] = t;
      }
    }
    const alphaNorm = Math.sqrt(bestNorm);
    if (alphaNorm === 0) return [-Infinity, 0];
    const x0 = work[k * n + k] as number;
    const alpha = x0 >= 0 ? -alphaNorm : alphaNorm; // R_kk, sign chosen to avoid cancellation
    // v = x - alpha e_k stored in place; H = I - 2 v v^T / (v^T v).
    work[k * n + k] = x0 - alpha;
    let vv = 0;
    for (let i = k; i < n; i++) vv += (work[k * n + i] as number) ** 2;
    for (let m = k + 1; m < d; m++) {
      let dot = 0;
      for (let i = k; i < n; i++) dot += (work[k * n + i] as number) * (work[m * n + i] as number);
      const f = (2 * dot) / vv;
      for (let i = k; i < n; i++) work[m * n + i] = (work[m * n + i] as number) - f * (work[k * n + i] as number);
    }
    const rkk = Math.abs(alpha);
    if (k === 0) r11 = rkk;
    if (k === d - 1) rdd = rkk;
    logDet += Math.log(rkk);
  }
  return [logDet, rdd / r11];
}

/**
 * log sqrt(det g) of an MLP's metric at each point straight from its exact Jacobian, by
 * Householder QR with column pivoting, without forming g = J^T J. More accurate than
 * `logVolumeElement(mlpPullbackMetric(...))` when g is nearly singular (it resolves
 * eigenvalues of g down to about eps^2 |g| rather than eps |g|), at about twice the cost.
 * The flag marks |R_dd| <= rtol |R_11| (default rtol = max(n, d) eps, numpy's matrix_rank
 * rule on J); n < d is always singular (value -Infinity).
 *
 * @example
 * const lv = mlpLogVolumeElement(net, points); // { values, singular, singularCount }
 */
export function mlpLogVolumeElement(net: Mlp, x: PointsInput, options: { readonly rtol?: number; readonly out?: Float64Array } = {}): VolumeElementResult {
  assertMlp(net);
  const pts = toPoints(x, net.inputDim, 'x');
  const n = net.outputDim;
  const d = net.inputDim;
  const rtol = options.rtol ?? Math.max(n, d) * EPS;
  assertPositive(rtol, 'options.rtol');
  const values = checkOut(options.out, pts.count, 'options.out');
  const singular = new Uint8Array(pts.count);
  const ws = mlpWorkspace(net, false);
  const work = new Float64Array(n * d);
  const norms = new Float64Array(d);
  let singularCount = 0;
  for (let p = 0; p < pts.count; p++) {
    propagate(net, pts.data, p * d, ws, false);
    const [lv, ratio] = qrLogVolume(ws.jac, 0, n, d, net.outputScale, work, norms);
    values[p] = lv;
    if (!(ratio > rtol)) {
      singular[p] = 1;
      singularCount++;
    }
  }
  return { values, singular, singularCount };
}
