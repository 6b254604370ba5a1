import { EntryHeap } from './heap.js';
import { simplexVertices } from './binomial.js';

/** The filtered flag complex the reduction walks: a dense matrix of edge values and a cut-off. */
export interface FlagFiltration {
  readonly n: number;
  /** Row-major edge values; an entry above `threshold` (or Infinity) means "no edge". */
  readonly dist: Float64Array;
  readonly threshold: number;
  /** `binomialTable(n, maxDim + 2)`. */
  readonly binom: Float64Array;
}

/** A list of simplices of one dimension as parallel (diameter, index) arrays. */
export interface SimplexList {
  diam: Float64Array;
  idx: Float64Array;
  length: number;
}

/** Appends (d, x) to a growable simplex list. */
export function pushSimplex(list: SimplexList, d: number, x: number): void {
  if (list.length === list.diam.length) {
    const cap = Math.max(16, list.diam.length * 2);
    const D = new Float64Array(cap);
    const I = new Float64Array(cap);
    D.set(list.diam);
    I.set(list.idx);
    list.diam = D;
    list.idx = I;
  }
  list.diam[list.length] = d;
  list.idx[list.length] = x;
  list.length++;
}

export function emptySimplexList(capacity = 16): SimplexList {
  return { diam: new Float64Array(capacity), idx: new Float64Array(capacity), length: 0 };
}

/**
 * Sorts a simplex list into reduction order: diameter descending, ties by index ascending
 * (the reverse of the filtration order, as cohomology reduces from the youngest column).
 */
export function sortForReduction(list: SimplexList): SimplexList {
  const m = list.length;
  const order = new Uint32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  const D = list.diam;
  const I = list.idx;
  order.sort((a, b) => (D[b] as number) - (D[a] as number) || (I[a] as number) - (I[b] as number));
  const diam = new Float64Array(m);
  const idx = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const o = order[i] as number;
    diam[i] = D[o] as number;
    idx[i] = I[o] as number;
  }
  return { diam, idx, length: m };
}

/**
 * The cofacets of the dim-simplices in `simplices` made by adding a vertex above the
 * simplex's top vertex (so each (dim+1)-simplex is met once): those not in `cleared` become
 * columns, and all of them are kept when `keepAll` (the next dimension needs them).
 */
export function nextSimplices(
  F: FlagFiltration,
  dim: number,
  simplices: SimplexList,
  cleared: Map<number, number>,
  keepAll: boolean,
): { columns: SimplexList; all: SimplexList | undefined } {
  const { n, dist, threshold, binom } = F;
  const k = dim + 1;
  const row = (k + 1) * (n + 1);
  const vs = new Int32Array(k);
  const columns = emptySimplexList(Math.max(16, simplices.length));
  const all = keepAll ? emptySimplexList(Math.max(16, simplices.length)) : undefined;
  for (let s = 0; s < simplices.length; s++) {
    const idx = simplices.idx[s] as number;
    const diam = simplices.diam[s] as number;
    simplexVertices(binom, n, idx, k, vs);
    for (let w = (vs[0] as number) + 1; w < n; w++) {
      const off = w * n;
      let d = diam;
      for (let i = 0; i < k; i++) {
        const e = dist[off + (vs[i] as number)] as number;
        if (e > d) d = e;
      }
      if (d > threshold) continue;
      const c = (binom[row + w] as number) + idx;
      if (all !== undefined) pushSimplex(all, d, c);
      if (!cleared.has(c)) pushSimplex(columns, d, c);
    }
  }
  return { columns, all };
}

/**
 * Reduces the coboundary matrix of one dimension (columns: dim-simplices in reduction order)
 * with Z/2 coefficients, Ripser-style: the working column is a heap of cofacets, a column
 * whose pivot collides with an earlier pivot adds that column's coboundary (rebuilt from the
 * stored reduction matrix V, never stored itself), and emergent pairs (a cofacet of equal
 * diameter met first that is nobody's pivot yet) end a column without building its heap.
 * Appends finite pairs of positive persistence and essential classes to `birth`/`death` and
 * returns the pivots (cofacet index -> column), which clear the next dimension.
 */
export function reduceDimension(
  F: FlagFiltration,
  dim: number,
  columns: SimplexList,
  birth: number[],
  death: number[],
): Map<number, number> {
  const { n, dist, threshold, binom } = F;
  const stride = n + 1;
  const k = dim + 1;
  const vs = new Int32Array(k);
  const heap = new EntryHeap(1024);
  const pivots = new Map<number, number>();
  const m = columns.length;
  // V, the reduction matrix, column j = [vStart[j], vStart[j + 1]) of (vDiam, vIdx), σ_j implicit
  const vStart = new Int32Array(m + 1);
  const V = emptySimplexList(1024);
  const work = emptySimplexList(64);

  // Pushes every cofacet (within the threshold) of the dim-simplex (idx, diam) onto the heap.
  const pushCoboundary = (idx: number, diam: number): void => {
    simplexVertices(binom, n, idx, k, vs);
    let below = idx;
    let above = 0;
    let j = 0;
    for (let w = n - 1; w >= 0; w--) {
      if (j < k && w === vs[j]) {
        below -= binom[(k - j) * stride + w] as number;
        above += binom[(k + 1 - j) * stride + w] as number;
        j++;
        continue;
      }
      const off = w * n;
      let d = diam;
      for (let i = 0; i < k; i++) {
        const e = dist[off + (vs[i] as number)] as number;
        if (e > d) d = e;
      }
      if (d > threshold) continue;
      heap.push(d, above + (binom[(k + 1 - j) * stride + w] as number) + below);
    }
  };

  for (let col = 0; col < m; col++) {
    const sIdx = columns.idx[col] as number;
    const sDiam = columns.diam[col] as number;
    heap.clear();
    work.length = 0;
    vStart[col] = V.length;

    // Build the coboundary, stopping early at an emergent pair.
    let emergent = -1;
    {
      simplexVertices(binom, n, sIdx, k, vs);
      let below = sIdx;
      let above = 0;
      let j = 0;
      let check = true;
      for (let w = n - 1; w >= 0; w--) {
        if (j < k && w === vs[j]) {
          below -= binom[(k - j) * stride + w] as number;
          above += binom[(k + 1 - j) * stride + w] as number;
          j++;
          continue;
        }
        const off = w * n;
        let d = sDiam;
        for (let i = 0; i < k; i++) {
          const e = dist[off + (vs[i] as number)] as number;
          if (e > d) d = e;
        }
        if (d > threshold) continue;
        const c = above + (binom[(k + 1 - j) * stride + w] as number) + below;
        if (check && d === sDiam) {
          if (!pivots.has(c)) {
            emergent = c;
            break;
          }
          check = false;
        }
        heap.push(d, c);
      }
    }
    if (emergent !== -1) {
      // zero persistence: nothing to report, V_j = {σ_j}
      pivots.set(emergent, col);
      continue;
    }

    let pivot = heap.pivot();
    for (;;) {
      if (pivot === -1) {
        birth.push(sDiam);
        death.push(Infinity);
        break;
      }
      const other = pivots.get(pivot);
      if (other === undefined) {
        const pDiam = heap.diam[0] as number;
        if (pDiam > sDiam) {
          birth.push(sDiam);
          death.push(pDiam);
        }
        pivots.set(pivot, col);
        appendReduced(work, V);
        break;
      }
      // Add column `other` (σ_other plus its V entries) to the working column.
      const oIdx = columns.idx[other] as number;
      const oDiam = columns.diam[other] as number;
      pushSimplex(work, oDiam, oIdx);
      pushCoboundary(oIdx, oDiam);
      for (let e = vStart[other] as number, end = vStart[other + 1] as number; e < end; e++) {
        const eIdx = V.idx[e] as number;
        const eDiam = V.diam[e] as number;
        pushSimplex(work, eDiam, eIdx);
        pushCoboundary(eIdx, eDiam);
      }
      pivot = heap.pivot();
    }
    vStart[col + 1] = V.length;
  }
  vStart[m] = V.length;
  return pivots;
}

/** Appends the Z/2 sum of the entries in `work` (pairs cancel) to `V`. */
function appendReduced(work: SimplexList, V: SimplexList): void {
  const m = work.length;
  if (m === 0) return;
  if (m === 1) {
    pushSimplex(V, work.diam[0] as number, work.idx[0] as number);
    return;
  }
  const order = Array.from({ length: m }, (_, i) => i);
  const I = work.idx;
  order.sort((a, b) => (I[a] as number) - (I[b] as number));
  let i = 0;
  while (i < m) {
    const a = order[i] as number;
    let j = i + 1;
    while (j < m && I[order[j] as number] === I[a]) j++;
    if ((j - i) % 2 === 1) pushSimplex(V, work.diam[a] as number, I[a] as number);
    i = j;
  }
}
