// The scores of the leaderboard, computed by the harness (never by a method) so every method
// is measured by the same code.
import { GeoError, assertFinite, assertInteger } from '@geo/core';

function checkSameLength(a: ArrayLike<number>, b: ArrayLike<number>, nameA: string, nameB: string, factor = 1): void {
  if (a.length !== b.length * factor) {
    throw new GeoError('BAD_LENGTH', `${nameA} has ${a.length} numbers, expected ${b.length * factor} (${nameB}: ${b.length}${factor === 1 ? '' : ` x ${factor}`})`, {
      argument: nameA,
      expected: b.length * factor,
      actual: a.length,
    });
  }
}

/**
 * Fraction of rows whose argmax (first maximum on ties) equals the label. `scores` is
 * n x classes row-major; `labels` holds class indices.
 *
 * @example
 * accuracy(Float64Array.of(0.1, 0.9, 0.8, 0.2), Float64Array.of(1, 1), 2) // 0.5
 */
export function accuracy(scores: ArrayLike<number>, labels: ArrayLike<number>, classes: number): number {
  assertInteger(classes, 'classes', { min: 1 });
  if (labels.length === 0) throw new GeoError('BAD_LENGTH', 'labels must not be empty', { argument: 'labels' });
  checkSameLength(scores, labels, 'scores', 'labels', classes);
  assertFinite(scores, 'scores');
  let hits = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if ((scores[i * classes + k] as number) > (scores[i * classes + best] as number)) best = k;
    if (best === labels[i]) hits++;
  }
  return hits / labels.length;
}

/**
 * Mean squared error over every entry (for sine: over both a and b, i.e. the average of the
 * two per-target MSEs).
 *
 * @example
 * meanSquaredError(Float64Array.of(1, 2), Float64Array.of(0, 4)) // 2.5
 */
export function meanSquaredError(predictions: ArrayLike<number>, targets: ArrayLike<number>): number {
  if (targets.length === 0) throw new GeoError('BAD_LENGTH', 'targets must not be empty', { argument: 'targets' });
  checkSameLength(predictions, targets, 'predictions', 'targets');
  assertFinite(predictions, 'predictions');
  assertFinite(targets, 'targets');
  let s = 0;
  for (let i = 0; i < targets.length; i++) {
    const d = (predictions[i] as number) - (targets[i] as number);
    s += d * d;
  }
  return s / targets.length;
}

/** Pairs n(n-1)/2 among tied runs of a sorted key. */
function tiedPairs(order: Int32Array, key: ArrayLike<number>): number {
  let pairs = 0;
  let run = 1;
  for (let i = 1; i <= order.length; i++) {
    if (i < order.length && key[order[i] as number] === key[order[i - 1] as number]) run++;
    else {
      pairs += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  return pairs;
}

/**
 * Kendall's tau-b with ties, (C - D) / sqrt((n0 - n1)(n0 - n2)), in O(n log n) (Knight's
 * algorithm: sort by (x, y), then count the discordant pairs as the swaps of a merge sort
 * on y). Never NaN: throws `OUT_OF_DOMAIN` when x or y is constant.
 *
 * @example
 * kendallTauB(Float64Array.of(1, 2, 3), Float64Array.of(1, 3, 2)) // 1/3
 */
export function kendallTauB(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  checkSameLength(y, x, 'y', 'x');
  if (n < 2) throw new GeoError('BAD_LENGTH', `Kendall's tau needs at least 2 pairs, got ${n}`, { argument: 'x', expected: '>= 2', actual: n });
  assertFinite(x, 'x');
  assertFinite(y, 'y');
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (x[a] as number) - (x[b] as number) || (y[a] as number) - (y[b] as number));
  const n0 = (n * (n - 1)) / 2;
  const n1 = tiedPairs(order, x);
  // pairs tied in both x and y
  let n3 = 0;
  let run = 1;
  for (let i = 1; i <= n; i++) {
    const same = i < n && x[order[i] as number] === x[order[i - 1] as number] && y[order[i] as number] === y[order[i - 1] as number];
    if (same) run++;
    else {
      n3 += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  // merge sort of y along the (x, y) order; a swap is a pair with x_i < x_j (or tied x) and y_i > y_j
  let src = Int32Array.from(order);
  let dst = new Int32Array(n);
  let swaps = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if ((y[src[j] as number] as number) < (y[src[i] as number] as number)) {
          swaps += mid - i;
          dst[k++] = src[j++] as number;
        } else dst[k++] = src[i++] as number;
      }
      while (i < mid) dst[k++] = src[i++] as number;
      while (j < hi) dst[k++] = src[j++] as number;
    }
    [src, dst] = [dst, src];
  }
  const n2 = tiedPairs(src, y);
  const denom = Math.sqrt((n0 - n1) * (n0 - n2));
  if (denom === 0) throw new GeoError('OUT_OF_DOMAIN', "Kendall's tau-b is undefined when x or y is constant", { argument: n0 === n1 ? 'x' : 'y' });
  // concordant - discordant = n0 - n1 - n2 + n3 - 2 * swaps
  return (n0 - n1 - n2 + n3 - 2 * swaps) / denom;
}
