import { assertInteger } from '@geo/core';
import { distanceMatrixOf } from './distances.js';
import { toPoints } from './input.js';
import type { PointsInput } from './input.js';

export interface WardResult {
  /** Cluster of each point, 0..k-1, numbered in order of first appearance. */
  readonly labels: Int32Array;
  /**
   * The full dendrogram in scipy's linkage layout, (n - 1) x 4 row-major: the two merged
   * cluster ids (points are 0..n-1, the cluster formed at step s is n + s), the Ward distance
   * and the size of the new cluster; rows sorted by distance.
   */
  readonly linkage: Float64Array;
}

/**
 * Ward agglomerative clustering (Ward 1963; Murtagh and Legendre 2014, "Ward2": Lance-Williams on
 * Euclidean distances) by the nearest-neighbour chain in O(n^2) time, cut at k clusters. The
 * partition equals scipy's / scikit-learn's `ward` cut at k (up to label names) when merge
 * heights have no ties.
 *
 * @example
 * wardClustering([[0, 0], [0, 1], [10, 0], [10, 1]], 2).labels // Int32Array [0, 0, 1, 1]
 */
export function wardClustering(X: PointsInput, k: number): WardResult {
  const m = toPoints(X, 'X', 1);
  const n = m.rows;
  assertInteger(k, 'k', { min: 1, max: n });
  const D = distanceMatrixOf(m);
  const size = new Float64Array(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  // Slot of each live cluster -> its current id (for the linkage output).
  const merges: { a: number; b: number; d: number }[] = [];
  const chain: number[] = [];
  let live = n;
  while (live > 1) {
    if (chain.length === 0) {
      let first = 0;
      while (active[first] === 0) first++;
      chain.push(first);
    }
    const a = chain[chain.length - 1] as number;
    const prev = chain.length >= 2 ? (chain[chain.length - 2] as number) : -1;
    let b = -1;
    let best = Infinity;
    if (prev >= 0) {
      b = prev;
      best = D[a * n + prev] as number;
    }
    for (let j = 0; j < n; j++) {
      if (j === a || active[j] === 0) continue;
      const v = D[a * n + j] as number;
      if (v < best) {
        best = v;
        b = j;
      }
    }
    if (b === prev) {
      chain.pop();
      chain.pop();
      // Merge a and b into slot lo; hi dies.
      const lo = Math.min(a, b);
      const hi = Math.max(a, b);
      merges.push({ a, b, d: best });
      const ni = size[lo] as number;
      const nj = size[hi] as number;
      for (let q = 0; q < n; q++) {
        if (active[q] === 0 || q === lo || q === hi) continue;
        const nk = size[q] as number;
        const dik = D[lo * n + q] as number;
        const djk = D[hi * n + q] as number;
        const v = Math.sqrt(Math.max(0, ((ni + nk) * dik * dik + (nj + nk) * djk * djk - nk * best * best) / (ni + nj + nk)));
        D[lo * n + q] = v;
        D[q * n + lo] = v;
      }
      size[lo] = ni + nj;
      active[hi] = 0;
      live--;
    } else chain.push(b);
  }
  // Order merges by height (stable), then replay with union-find to name clusters.
  const order = merges.map((_, i) => i).sort((x, y) => (merges[x] as { d: number }).d - (merges[y] as { d: number }).d || x - y);
  const parent = new Int32Array(n).map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x] as number] as number;
      x = parent[x] as number;
    }
    return x;
  };
  const idOf = new Int32Array(n).map((_, i) => i);
  const sizeOf = new Float64Array(n).fill(1);
  const linkage = new Float64Array((n - 1) * 4);
  const labels = new Int32Array(n);
  const cutAt = n - k;
  order.forEach((mi, step) => {
    if (step === cutAt) assignLabels(find, labels, n);
    const { a, b, d } = merges[mi] as { a: number; b: number; d: number };
    const ra = find(a);
    const rb = find(b);
    const ia = idOf[ra] as number;
    const ib = idOf[rb] as number;
    linkage[step * 4] = Math.min(ia, ib);
    linkage[step * 4 + 1] = Math.max(ia, ib);
    linkage[step * 4 + 2] = d;
    const s = (sizeOf[ra] as number) + (sizeOf[rb] as number);
    linkage[step * 4 + 3] = s;
    parent[rb] = ra;
    sizeOf[ra] = s;
    idOf[ra] = n + step;
  });
  if (cutAt === n - 1) assignLabels(find, labels, n);
  return { labels, linkage };
}

function assignLabels(find: (x: number) => number, labels: Int32Array, n: number): void {
  const names = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    let c = names.get(r);
    if (c === undefined) {
      c = names.size;
      names.set(r, c);
    }
    labels[i] = c;
  }
}
