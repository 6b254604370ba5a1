import { assertSameLength } from '@geo/core';
import { toLabels } from './input.js';

/**
 * The adjusted Rand index (Hubert and Arabie 1985) between two labelings of the same points:
 * 1 for identical partitions (whatever the label names), about 0 for independent ones, and
 * symmetric. Computed from the pair-confusion counts as scikit-learn does:
 * ARI = 2 (tp tn - fn fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn)), and 1 when fn = fp = 0.
 *
 * @example
 * adjustedRandIndex([0, 0, 1, 1], [5, 5, 2, 2]) // 1
 */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const la = toLabels(a, 'a');
  const lb = toLabels(b, 'b');
  assertSameLength(a, b, 'a', 'b');
  const n = la.codes.length;
  const table = new Float64Array(la.count * lb.count);
  const rows = new Float64Array(la.count);
  const cols = new Float64Array(lb.count);
  for (let i = 0; i < n; i++) {
    const x = la.codes[i] as number;
    const y = lb.codes[i] as number;
    table[x * lb.count + y] = (table[x * lb.count + y] as number) + 1;
    rows[x] = (rows[x] as number) + 1;
    cols[y] = (cols[y] as number) + 1;
  }
  // Pair counts: sum n_ij^2 etc. (ordered pairs, as in scikit-learn's pair_confusion_matrix).
  let sumSq = 0;
  for (let i = 0; i < table.length; i++) sumSq += (table[i] as number) ** 2;
  let rowSq = 0;
  for (let i = 0; i < rows.length; i++) rowSq += (rows[i] as number) ** 2;
  let colSq = 0;
  for (let i = 0; i < cols.length; i++) colSq += (cols[i] as number) ** 2;
  const tp = sumSq - n;
  const fp = colSq - sumSq;
  const fn = rowSq - sumSq;
  const tn = n * n - fp - fn - sumSq;
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

/**
 * Pairwise adjusted Rand indices between m labelings (e.g. each network's Ward clusters):
 * an m x m symmetric matrix with ones on the diagonal.
 *
 * @example
 * pairwiseAri([[0, 0, 1], [1, 1, 0], [0, 1, 1]]) // Float64Array(9)
 */
export function pairwiseAri(labelings: readonly ArrayLike<number>[]): Float64Array {
  const m = labelings.length;
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    out[i * m + i] = 1;
    for (let j = i + 1; j < m; j++) {
      const v = adjustedRandIndex(labelings[i] as ArrayLike<number>, labelings[j] as ArrayLike<number>);
      out[i * m + j] = v;
      out[j * m + i] = v;
    }
  }
  return out;
}
