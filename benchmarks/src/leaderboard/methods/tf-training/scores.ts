// Validation scores the training loop selects epochs by (higher is better), and target scaling.
import type { MetaTaskKind } from '../../method.js';

/**
 * Kendall's tau-b between two equally long score lists (ties in either handled as tau-b does);
 * 0 when either list is constant. O(n^2), for validation sets.
 *
 * @example
 * kendallTau([1, 2, 3], [10, 20, 30]) // 1
 */
export function kendallTau(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = Math.min(x.length, y.length);
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign((x[i] as number) - (x[j] as number));
      const dy = Math.sign((y[i] as number) - (y[j] as number));
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) tiesX++;
      else if (dy === 0) tiesY++;
      else if (dx === dy) concordant++;
      else discordant++;
    }
  }
  const denom = Math.sqrt((concordant + discordant + tiesX) * (concordant + discordant + tiesY));
  return denom > 0 ? (concordant - discordant) / denom : 0;
}

/** Fraction of rows whose argmax (first on ties) is the target class. */
export function accuracy(logits: ArrayLike<number>, targets: ArrayLike<number>, classes: number): number {
  const n = targets.length;
  if (n === 0) return 0;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if ((logits[i * classes + c] as number) > (logits[i * classes + best] as number)) best = c;
    if (best === targets[i]) hits++;
  }
  return hits / n;
}

/** Mean squared error over every entry. */
export function meanSquaredError(pred: ArrayLike<number>, targets: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < targets.length; i++) s += ((pred[i] as number) - (targets[i] as number)) ** 2;
  return targets.length > 0 ? s / targets.length : 0;
}

/**
 * The validation score of predictions (higher is better): accuracy (classification), minus the
 * MSE in the targets' units (regression), Kendall's tau (ranking).
 *
 * @example
 * validationScore('ranking', new Float64Array([0.1, 0.5]), new Float64Array([0.2, 0.9]), 1) // 1
 */
export function validationScore(kind: MetaTaskKind, pred: ArrayLike<number>, targets: ArrayLike<number>, outputs: number): number {
  if (kind === 'classification') return accuracy(pred, targets, outputs);
  if (kind === 'regression') return -meanSquaredError(pred, targets);
  return kendallTau(pred, targets);
}

/** Per-column mean and std of regression targets; predictions are mapped back with `unscale`. */
export interface TargetScaler {
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

/**
 * The per-column standardisation of n x width row-major targets (std 1 for a constant column).
 *
 * @example
 * const s = fitTargetScaler(new Float64Array([1, 10, 3, 30]), 2); // mean [2, 20], std [1, 10]
 */
export function fitTargetScaler(targets: ArrayLike<number>, width: number): TargetScaler {
  const n = Math.floor(targets.length / width);
  const mean = new Float64Array(width);
  const std = new Float64Array(width);
  for (let c = 0; c < width; c++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += targets[i * width + c] as number;
    const m = n > 0 ? s / n : 0;
    let v = 0;
    for (let i = 0; i < n; i++) v += ((targets[i * width + c] as number) - m) ** 2;
    const sd = n > 0 ? Math.sqrt(v / n) : 0;
    mean[c] = m;
    std[c] = sd > 1e-12 ? sd : 1;
  }
  return { mean, std };
}

/** (y - mean) / std per column. */
export function scale(s: TargetScaler, y: ArrayLike<number>): Float64Array {
  const w = s.mean.length;
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = ((y[i] as number) - (s.mean[i % w] as number)) / (s.std[i % w] as number);
  return out;
}

/** y * std + mean per column (inverse of `scale`). */
export function unscale(s: TargetScaler, z: ArrayLike<number>): Float64Array {
  const w = s.mean.length;
  const out = new Float64Array(z.length);
  for (let i = 0; i < z.length; i++) out[i] = (z[i] as number) * (s.std[i % w] as number) + (s.mean[i % w] as number);
  return out;
}
