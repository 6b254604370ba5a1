import { EntryHeap, KeyHeap } from './heap.js';
import { simplexVertices } from './binomial.js';
import { IndexMap } from './index-map.js';
import { HOOK_INTERVAL, checkHooks, type LongJobHooks } from './progress.js';
import { sortNonNegative } from './radix-sort.js';

/** The filtered flag complex the reduction walks: a dense matrix of edge values and a cut-off. */
export interface FlagFiltration {
  readonly n: number;
  /** Row-major edge values; an entry above `threshold` (or Infinity) means "no edge". */
  readonly dist: Float64Array;
  readonly threshold: number;
  /** `binomialTable(n, maxDim + 2)`. */
  readonly binom: Float64Array;
  /** Neighbours within the threshold, vertex v's in `nbr[nbrStart[v]..nbrStart[v+1])`, in descending order. */
  readonly nbrStart: Int32Array;
  readonly nbr: Int32Array;
}

/**
 * Adjacency lists (CSR, each list descending) of the graph of edges with value <= cutoff: a
 * cofacet adds a vertex adjacent to every vertex of the simplex, so enumerating the neighbours
 * of the simplex's lowest-degree vertex visits far fewer candidates than all n vertices.
 *
 * @example
 * neighbourLists(3, Float64Array.of(0, 1, 9, 1, 0, 1, 9, 1, 0), 1).nbr // Int32Array [1, 2, 0, 1]
 */
export function neighbourLists(n: number, dist: Float64Array, cutoff: number): { nbrStart: Int32Array; nbr: Int32Array } {
  const nbrStart = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) {
    let c = 0;
    const off = v * n;
    for (let w = 0; w < n; w++) if (w !== v && (dist[off + w] as number) <= cutoff) c++;
    nbrStart[v + 1] = (nbrStart[v] as number) + c;
  }
  const nbr = new Int32Array(nbrStart[n] as number);
  for (let v = 0; v < n; v++) {
    let e = nbrStart[v] as number;
    const off = v * n;
    for (let w = n - 1; w >= 0; w--) if (w !== v && (dist[off + w] as number) <= cutoff) nbr[e++] = w;
  }
  return { nbrStart, nbr };
}

/** The vertex of `vs[0..k)` with the fewest neighbours. */
function sparsestVertex(nbrStart: Int32Array, vs: Int32Array, k: number): number {
  let best = vs[0] as number;
  let bestDeg = (nbrStart[best + 1] as number) - (nbrStart[best] as number);
  for (let i = 1; i < k; i++) {
    const v = vs[i] as number;
    const d = (nbrStart[v + 1] as number) - (nbrStart[v] as number);
    if (d < bestDeg) {
      best = v;
      bestDeg = d;
    }
  }
  return best;
}

/** A list of simplices of one dimension as parallel (diameter, index) arrays. */
export interface SimplexList {
  diam: Float64Array;
  idx: Float64Array;
  length: number;
}

/** Appends (d, x) to a growable simplex list.
 *
 * @example
 * const l = emptySimplexList(); pushSimplex(l, 0.5, 3); l.length // 1
 */
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

/**
 * An empty growable simplex list.
 *
 * @example
 * emptySimplexList(8).length // 0
 */
export function emptySimplexList(capacity = 16): SimplexList {
  return { diam: new Float64Array(capacity), idx: new Float64Array(capacity), length: 0 };
}

/**
 * Sorts a simplex list into reduction order: diameter descending, ties by index ascending
 * (the reverse of the filtration order, as cohomology reduces from the youngest column).
 * When diameters are integer ranks below `rankBound` and indices below `idxBound` with
 * rankBound * idxBound <= 2^53, both pack exactly into one float64 key and a native numeric
 * sort replaces the comparator sort (several times faster on millions of columns).
 *
 * @example
 * sortForReduction({ diam: Float64Array.of(1, 2, 1), idx: Float64Array.of(5, 0, 3), length: 3 }).idx // [0, 3, 5]
 */
export function sortForReduction(list: SimplexList, rankBound = 0, idxBound = 0): SimplexList {
  const m = list.length;
  const D = list.diam;
  const I = list.idx;
  const diam = new Float64Array(m);
  const idx = new Float64Array(m);
  if (rankBound > 0 && rankBound * idxBound <= Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(m);
    const top = rankBound - 1;
    for (let i = 0; i < m; i++) keys[i] = (top - (D[i] as number)) * idxBound + (I[i] as number);
    sortNonNegative(keys);
    for (let i = 0; i < m; i++) {
      const key = keys[i] as number;
      const hi = Math.floor(key / idxBound);
      diam[i] = top - hi;
      idx[i] = key - hi * idxBound;
    }
    return { diam, idx, length: m };
  }
  const order = new Uint32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  order.sort((a, b) => (D[b] as number) - (D[a] as number) || (I[a] as number) - (I[b] as number));
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
 *
 * @example
 * // from ripsFromDistanceMatrix: the triangles after H1, cleared by H1's pivots
 * // const { columns } = nextSimplices(F, 1, edges, pivotsOfH1, false)
 */
export function nextSimplices(
  F: FlagFiltration,
  dim: number,
  simplices: SimplexList,
  cleared: IndexMap,
  keepAll: boolean,
): { columns: SimplexList; all: SimplexList | undefined } {
  const { n, dist, threshold, binom, nbrStart, nbr } = F;
  const k = dim + 1;
  const row = (k + 1) * (n + 1);
  const vs = new Int32Array(k);
  const columns = emptySimplexList(Math.max(16, simplices.length));
  const all = keepAll ? emptySimplexList(Math.max(16, simplices.length)) : undefined;
  for (let s = 0; s < simplices.length; s++) {
    const idx = simplices.idx[s] as number;
    const diam = simplices.diam[s] as number;
    simplexVertices(binom, n, idx, k, vs);
    const top = vs[0] as number;
    const p = sparsestVertex(F.nbrStart, vs, k);
    // neighbours of p above the top vertex, descending
    for (let e = nbrStart[p] as number, end = nbrStart[p + 1] as number; e < end; e++) {
      const w = nbr[e] as number;
      if (w <= top) break;
      const off = w * n;
      let d = diam;
      for (let i = 0; i < k; i++) {
        const x = dist[off + (vs[i] as number)] as number;
        if (x > d) d = x;
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
 * Appends finite pairs of positive persistence and essential classes to `birth`/`death` (and,
 * when `cocycles` is given, each one's representative cocycle as simplex indices) and returns
 * the pivots (cofacet index -> column), which clear the next dimension.
 *
 * @example
 * // from ripsFromDistanceMatrix: H1 from the edges that close cycles
 * // const pivots = reduceDimension(F, 1, cycleEdges, births, deaths)
 */
export function reduceDimension(
  F: FlagFiltration,
  dim: number,
  columns: SimplexList,
  birth: number[],
  death: number[],
  cocycles?: number[][],
  hooks?: LongJobHooks,
): IndexMap {
  const { n, dist, threshold, binom, nbrStart, nbr } = F;
  const stride = n + 1;
  const k = dim + 1;
  const vs = new Int32Array(k);
  // one float64 key per entry when (rank, index) packs exactly, else (diameter, index) pairs
  const B = binom[(k + 1) * stride + n] as number;
  const heap: EntryHeap | KeyHeap =
    Number.isInteger(threshold) && (threshold + 1) * B <= Number.MAX_SAFE_INTEGER ? new KeyHeap(B, 1024) : new EntryHeap(1024);
  const pivots = new IndexMap(Math.max(16, columns.length));
  const m = columns.length;
  // V, the reduction matrix, column j = [vStart[j], vStart[j + 1]) of (vDiam, vIdx), σ_j implicit
  const vStart = new Int32Array(m + 1);
  const V = emptySimplexList(1024);
  const work = emptySimplexList(64);

  // Pushes every cofacet (within the threshold) of the dim-simplex (idx, diam) onto the heap.
  const pushCoboundary = (idx: number, diam: number): void => {
    simplexVertices(binom, n, idx, k, vs);
    const p = sparsestVertex(F.nbrStart, vs, k);
    let below = idx;
    let above = 0;
    let j = 0;
    for (let e = nbrStart[p] as number, end = nbrStart[p + 1] as number; e < end; e++) {
      const w = nbr[e] as number;
      while (j < k && (vs[j] as number) > w) {
        const v = vs[j] as number;
        below -= binom[(k - j) * stride + v] as number;
        above += binom[(k + 1 - j) * stride + v] as number;
        j++;
      }
      if (j < k && vs[j] === w) continue;
      const off = w * n;
      let d = diam;
      for (let i = 0; i < k; i++) {
        const x = dist[off + (vs[i] as number)] as number;
        if (x > d) d = x;
      }
      if (d > threshold) continue;
      heap.push(d, above + (binom[(k + 1 - j) * stride + w] as number) + below);
    }
  };

  for (let col = 0; col < m; col++) {
    if (hooks !== undefined && col % HOOK_INTERVAL === 0) checkHooks(hooks, { stage: 'reduce', dim, done: col, total: m });
    const sIdx = columns.idx[col] as number;
    const sDiam = columns.diam[col] as number;
    heap.clear();
    work.length = 0;
    vStart[col] = V.length;

    // Build the coboundary, stopping early at an emergent pair.
    let emergent = -1;
    {
      simplexVertices(binom, n, sIdx, k, vs);
      const p = sparsestVertex(F.nbrStart, vs, k);
      let below = sIdx;
      let above = 0;
      let j = 0;
      let check = true;
      for (let e = nbrStart[p] as number, end = nbrStart[p + 1] as number; e < end; e++) {
        const w = nbr[e] as number;
        while (j < k && (vs[j] as number) > w) {
          const v = vs[j] as number;
          below -= binom[(k - j) * stride + v] as number;
          above += binom[(k + 1 - j) * stride + v] as number;
          j++;
        }
        if (j < k && vs[j] === w) continue;
        const off = w * n;
        let d = sDiam;
        for (let i = 0; i < k; i++) {
          const x = dist[off + (vs[i] as number)] as number;
          if (x > d) d = x;
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
        heap.append(d, c);
      }
    }
    if (emergent !== -1) {
      // zero persistence: nothing to report, V_j = {σ_j}
      pivots.set(emergent, col);
      continue;
    }

    heap.heapify(); // the column's own coboundary went in unordered: O(size) beats size pushes
    let pivot = heap.pivot();
    for (;;) {
      if (pivot === -1) {
        birth.push(sDiam);
        death.push(Infinity);
        if (cocycles !== undefined) {
          // an essential column is never added to another: its V column is kept only for the cocycle
          const from = V.length;
          appendReduced(work, V);
          cocycles.push([sIdx, ...V.idx.subarray(from, V.length)]);
        }
        break;
      }
      const other = pivots.get(pivot);
      if (other === -1) {
        const pDiam = heap.topDiam();
        const from = V.length;
        pivots.set(pivot, col);
        appendReduced(work, V);
        if (pDiam > sDiam) {
          birth.push(sDiam);
          death.push(pDiam);
          // V_j = σ_j + the simplices added: a cocycle representing the class (Z/2)
          if (cocycles !== undefined) cocycles.push([sIdx, ...V.idx.subarray(from, V.length)]);
        }
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
  if (hooks !== undefined) checkHooks(hooks, { stage: 'reduce', dim, done: m, total: m });
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
