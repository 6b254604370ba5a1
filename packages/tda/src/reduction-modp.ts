import { simplexVertices } from './binomial.js';
import { CoefHeap } from './heap.js';
import { IndexMap } from './index-map.js';
import { HOOK_INTERVAL, checkHooks, type LongJobHooks } from './progress.js';
import type { FlagFiltration, SimplexList } from './reduction.js';

/** Multiplicative inverses mod the prime p: inv[a] * a = 1 (mod p), by Fermat's little theorem.
 *
 * @example
 * inversesModP(5)[2] // 3, since 2 * 3 = 6 = 1 (mod 5)
 */
export function inversesModP(p: number): Int32Array {
  const inv = new Int32Array(p);
  for (let a = 1; a < p; a++) {
    // a^(p-2) mod p by square-and-multiply; products stay below 2^32 for p < 2^16
    let r = 1;
    let b = a;
    let e = p - 2;
    while (e > 0) {
      if (e & 1) r = (r * b) % p;
      b = (b * b) % p;
      e >>= 1;
    }
    inv[a] = r;
  }
  return inv;
}

/** A growable list of (diameter, index, coefficient) entries. */
interface CoefList {
  diam: Float64Array;
  idx: Float64Array;
  coef: Int32Array;
  length: number;
}

function emptyCoefList(capacity: number): CoefList {
  return { diam: new Float64Array(capacity), idx: new Float64Array(capacity), coef: new Int32Array(capacity), length: 0 };
}

function pushCoef(list: CoefList, d: number, x: number, c: number): void {
  if (list.length === list.diam.length) {
    const cap = list.diam.length * 2;
    const D = new Float64Array(cap);
    const I = new Float64Array(cap);
    const C = new Int32Array(cap);
    D.set(list.diam);
    I.set(list.idx);
    C.set(list.coef);
    list.diam = D;
    list.idx = I;
    list.coef = C;
  }
  list.diam[list.length] = d;
  list.idx[list.length] = x;
  list.coef[list.length] = c;
  list.length++;
}

/**
 * `reduceDimension` with coefficients in Z/p for an odd prime p (Ripser's `--modulus`): the
 * coboundary of a simplex with vertices v_0 > ... > v_d puts (-1)^j on the cofacet whose new
 * vertex lands at position j; equal entries sum mod p; a collision with the pivot of column i
 * adds -c / c_i times column i, where c and c_i are the two pivot coefficients. Emergent pairs
 * end a column exactly as with Z/2.
 *
 * @example
 * // as reduceDimension, from ripsFromDistanceMatrix when options.coefficients = p > 2:
 * // reduceDimensionModP(F, 1, edgeColumns, 3, births, deaths)
 */
export function reduceDimensionModP(
  F: FlagFiltration,
  dim: number,
  columns: SimplexList,
  p: number,
  birth: number[],
  death: number[],
  hooks?: LongJobHooks,
): IndexMap {
  const { n, dist, threshold, binom, nbrStart, nbr } = F;
  const stride = n + 1;
  const k = dim + 1;
  const vs = new Int32Array(k);
  const inv = inversesModP(p);
  const heap = new CoefHeap(p, 1024);
  const pivots = new IndexMap(Math.max(16, columns.length));
  const m = columns.length;
  const pivotCoef = new Int32Array(m);
  const vStart = new Int32Array(m + 1);
  const V = emptyCoefList(1024);
  const work = emptyCoefList(64);

  // Pushes factor * (coboundary of the dim-simplex (idx, diam)) onto the heap, or stops at an
  // emergent pair when `emergent` (returns its index and sets `emergentCoef`), else -1.
  let emergentCoef = 0;
  const coboundary = (idx: number, diam: number, factor: number, emergent: boolean): number => {
    simplexVertices(binom, n, idx, k, vs);
    let best = vs[0] as number;
    for (let i = 1; i < k; i++) {
      const v = vs[i] as number;
      if ((nbrStart[v + 1] as number) - (nbrStart[v] as number) < (nbrStart[best + 1] as number) - (nbrStart[best] as number)) best = v;
    }
    let below = idx;
    let above = 0;
    let j = 0;
    let check = emergent;
    for (let e = nbrStart[best] as number, end = nbrStart[best + 1] as number; e < end; e++) {
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
      const c = above + (binom[(k + 1 - j) * stride + w] as number) + below;
      const sign = (j & 1) === 0 ? 1 : p - 1;
      if (check && d === diam) {
        if (!pivots.has(c)) {
          emergentCoef = sign;
          return c;
        }
        check = false;
      }
      heap.push(d, c, (sign * factor) % p);
    }
    return -1;
  };

  for (let col = 0; col < m; col++) {
    if (hooks !== undefined && col % HOOK_INTERVAL === 0) checkHooks(hooks, { stage: 'reduce', dim, done: col, total: m });
    const sIdx = columns.idx[col] as number;
    const sDiam = columns.diam[col] as number;
    heap.clear();
    work.length = 0;
    vStart[col] = V.length;
    const em = coboundary(sIdx, sDiam, 1, true);
    if (em !== -1) {
      pivots.set(em, col);
      pivotCoef[col] = emergentCoef;
      vStart[col + 1] = V.length;
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
      if (other === -1) {
        const pDiam = heap.diam[0] as number;
        if (pDiam > sDiam) {
          birth.push(sDiam);
          death.push(pDiam);
        }
        pivots.set(pivot, col);
        pivotCoef[col] = heap.coef[0] as number;
        appendReducedModP(work, V, p);
        break;
      }
      // add factor * column `other`, factor = -c / c_other, to cancel the pivot
      const factor = ((p - (heap.coef[0] as number)) * (inv[pivotCoef[other] as number] as number)) % p;
      const oIdx = columns.idx[other] as number;
      const oDiam = columns.diam[other] as number;
      pushCoef(work, oDiam, oIdx, factor);
      coboundary(oIdx, oDiam, factor, false);
      for (let e = vStart[other] as number, end = vStart[other + 1] as number; e < end; e++) {
        const f = (factor * (V.coef[e] as number)) % p;
        pushCoef(work, V.diam[e] as number, V.idx[e] as number, f);
        coboundary(V.idx[e] as number, V.diam[e] as number, f, false);
      }
      pivot = heap.pivot();
    }
    vStart[col + 1] = V.length;
  }
  if (hooks !== undefined) checkHooks(hooks, { stage: 'reduce', dim, done: m, total: m });
  return pivots;
}

/** Appends the sum mod p of the entries in `work` (equal indices combined, zeros dropped) to `V`. */
function appendReducedModP(work: CoefList, V: CoefList, p: number): void {
  const m = work.length;
  const order = Array.from({ length: m }, (_, i) => i);
  const I = work.idx;
  order.sort((a, b) => (I[a] as number) - (I[b] as number));
  let i = 0;
  while (i < m) {
    const a = order[i] as number;
    let c = 0;
    let j = i;
    while (j < m && I[order[j] as number] === I[a]) {
      c = (c + (work.coef[order[j] as number] as number)) % p;
      j++;
    }
    if (c !== 0) pushCoef(V, work.diam[a] as number, I[a] as number, c);
    i = j;
  }
}
