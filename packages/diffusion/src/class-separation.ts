import { toLabels, toPoints } from './input.js';
import type { PointsInput } from './input.js';

export interface ClassSeparation {
  /** Class label values, in order of first appearance; row c of the outputs is class `classes[c]`. */
  readonly classes: number[];
  /** c x d class centroids mu_k = mean of the class's points. */
  readonly centroids: Float64Array;
  /** c x c Euclidean distances between centroids. */
  readonly centroidDistances: Float64Array;
  /** Mean of the off-diagonal centroid distances (the paper's class separation). */
  readonly meanCentroidDistance: number;
  /** Per class, the mean Euclidean distance from its points to its centroid (the paper's within-class variance). */
  readonly withinClassSpread: Float64Array;
  /** Mean of withinClassSpread over classes. */
  readonly meanWithinClassSpread: number;
}

/**
 * Class structure of a representation (the manifold-of-networks paper, section 4): class
 * centroids, the distances between them, and each class's spread (mean distance of its points
 * to its centroid).
 *
 * @example
 * const s = classSeparation(hidden, labels);
 * s.meanCentroidDistance // larger for better-separated classes
 */
export function classSeparation(X: PointsInput, labels: ArrayLike<number>): ClassSeparation {
  const m = toPoints(X, 'X', 1);
  const { codes, count } = toLabels(labels, 'labels', m.rows);
  const d = m.cols;
  const classes: number[] = new Array<number>(count);
  for (let i = 0; i < m.rows; i++) classes[codes[i] as number] ??= labels[i] as number;
  const centroids = new Float64Array(count * d);
  const sizes = new Float64Array(count);
  for (let i = 0; i < m.rows; i++) {
    const c = codes[i] as number;
    sizes[c] = (sizes[c] as number) + 1;
    for (let q = 0; q < d; q++) centroids[c * d + q] = (centroids[c * d + q] as number) + (m.data[i * d + q] as number);
  }
  for (let c = 0; c < count; c++) for (let q = 0; q < d; q++) centroids[c * d + q] = (centroids[c * d + q] as number) / (sizes[c] as number);
  const centroidDistances = new Float64Array(count * count);
  let sum = 0;
  for (let a = 0; a < count; a++) {
    for (let b = a + 1; b < count; b++) {
      let s = 0;
      for (let q = 0; q < d; q++) s += ((centroids[a * d + q] as number) - (centroids[b * d + q] as number)) ** 2;
      const v = Math.sqrt(s);
      centroidDistances[a * count + b] = v;
      centroidDistances[b * count + a] = v;
      sum += v;
    }
  }
  const spread = new Float64Array(count);
  for (let i = 0; i < m.rows; i++) {
    const c = codes[i] as number;
    let s = 0;
    for (let q = 0; q < d; q++) s += ((m.data[i * d + q] as number) - (centroids[c * d + q] as number)) ** 2;
    spread[c] = (spread[c] as number) + Math.sqrt(s);
  }
  let spreadMean = 0;
  for (let c = 0; c < count; c++) {
    spread[c] = (spread[c] as number) / (sizes[c] as number);
    spreadMean += spread[c] as number;
  }
  return {
    classes,
    centroids,
    centroidDistances,
    meanCentroidDistance: count > 1 ? sum / ((count * (count - 1)) / 2) : 0,
    withinClassSpread: spread,
    meanWithinClassSpread: spreadMean / count,
  };
}
