/**
 * Losses of the boosting: squared error for regression (one output), softmax
 * cross-entropy for K classes (one score per class). Each gives the initial score, the
 * gradient and Hessian of the loss per row and output, and the mean loss.
 */

/** Floor on softmax Hessians so a confidently classified row cannot make H + lambda vanish. */
export const MIN_HESSIAN = 1e-16;

export type GbtObjective = 'squared' | 'softmax';

/** Initial scores: the mean target (squared), the log of the smoothed class frequencies (softmax). */
export function initialScores(objective: GbtObjective, y: Float64Array, K: number): Float64Array {
  const n = y.length;
  if (objective === 'squared') {
    let s = 0;
    for (let i = 0; i < n; i++) s += y[i] as number;
    return Float64Array.of(s / n);
  }
  const counts = new Float64Array(K);
  for (let i = 0; i < n; i++) counts[y[i] as number] = (counts[y[i] as number] as number) + 1;
  const out = new Float64Array(K);
  let mean = 0;
  for (let k = 0; k < K; k++) {
    out[k] = Math.log(((counts[k] as number) + 1) / (n + K));
    mean += (out[k] as number) / K;
  }
  for (let k = 0; k < K; k++) out[k] = (out[k] as number) - mean;
  return out;
}

/** Softmax of row i of the n x K scores into `p` (max-shifted, so no overflow). */
export function softmaxRow(scores: Float64Array, i: number, K: number, p: Float64Array): void {
  let m = -Infinity;
  for (let k = 0; k < K; k++) m = Math.max(m, scores[i * K + k] as number);
  let z = 0;
  for (let k = 0; k < K; k++) {
    const e = Math.exp((scores[i * K + k] as number) - m);
    p[k] = e;
    z += e;
  }
  for (let k = 0; k < K; k++) p[k] = (p[k] as number) / z;
}

/**
 * Gradients and Hessians with respect to the scores, written class-major (`grad[k * n + i]`)
 * so each class's tree reads one contiguous block. Squared error 0.5 (F - y)^2: g = F - y,
 * h = 1. Softmax cross-entropy: g_k = p_k - [y = k], h_k = p_k (1 - p_k) (the diagonal of
 * the Hessian, as XGBoost and LightGBM use).
 */
export function gradients(objective: GbtObjective, scores: Float64Array, y: Float64Array, K: number, grad: Float64Array, hess: Float64Array): void {
  const n = y.length;
  if (objective === 'squared') {
    for (let i = 0; i < n; i++) {
      grad[i] = (scores[i] as number) - (y[i] as number);
      hess[i] = 1;
    }
    return;
  }
  const p = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    softmaxRow(scores, i, K, p);
    const c = y[i] as number;
    for (let k = 0; k < K; k++) {
      const pk = p[k] as number;
      grad[k * n + i] = pk - (k === c ? 1 : 0);
      hess[k * n + i] = Math.max(pk * (1 - pk), MIN_HESSIAN);
    }
  }
}

/** Mean loss: squared error (mean of (F - y)^2, the MSE) or cross-entropy (mean -log p_y). */
export function meanLoss(objective: GbtObjective, scores: Float64Array, y: Float64Array, K: number): number {
  const n = y.length;
  let s = 0;
  if (objective === 'squared') {
    for (let i = 0; i < n; i++) {
      const r = (scores[i] as number) - (y[i] as number);
      s += r * r;
    }
    return s / n;
  }
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let k = 0; k < K; k++) m = Math.max(m, scores[i * K + k] as number);
    let z = 0;
    for (let k = 0; k < K; k++) z += Math.exp((scores[i * K + k] as number) - m);
    s += m + Math.log(z) - (scores[i * K + (y[i] as number)] as number);
  }
  return s / n;
}
