import { maximumMatching } from './bipartite-matching.js';
import { toDiagram, type DiagramInput } from './diagram.js';
import { splitEssential } from './diagram-parts.js';

/**
 * The bottleneck distance between two persistence diagrams: the smallest eps such that a partial
 * matching moves every point by at most eps in L^inf, unmatched points going to the diagonal
 * (at L^inf distance (d - b) / 2). Exact: the answer is one of the finitely many candidate
 * distances, found by binary search with a Hopcroft-Karp perfect-matching test on the
 * diagonal-augmented bipartite graph. Essential classes match only essential classes, by birth;
 * a different number of them gives Infinity.
 *
 * @example
 * bottleneckDistance([[0, 2]], [[0, 2.5]]) // 0.5
 * bottleneckDistance([[0, 2]], [])         // 1
 */
export function bottleneckDistance(a: DiagramInput, b: DiagramInput): number {
  const A = splitEssential(toDiagram(a, 'a'));
  const B = splitEssential(toDiagram(b, 'b'));
  if (A.essential.length !== B.essential.length) return Infinity;
  let essential = 0;
  for (let i = 0; i < A.essential.length; i++) essential = Math.max(essential, Math.abs((A.essential[i] as number) - (B.essential[i] as number)));

  const m = A.birth.length;
  const k = B.birth.length;
  if (m + k === 0) return essential;
  const cross = new Float64Array(m * k);
  const diagA = new Float64Array(m);
  const diagB = new Float64Array(k);
  for (let i = 0; i < m; i++) {
    const bi = A.birth[i] as number;
    const di = A.death[i] as number;
    diagA[i] = (di - bi) / 2;
    for (let j = 0; j < k; j++) {
      const x = Math.abs(bi - (B.birth[j] as number));
      const y = Math.abs(di - (B.death[j] as number));
      cross[i * k + j] = x > y ? x : y;
    }
  }
  for (let j = 0; j < k; j++) diagB[j] = ((B.death[j] as number) - (B.birth[j] as number)) / 2;

  // Candidates: every pairwise and every diagonal distance (and 0); the answer is one of them.
  const candidates = new Float64Array(m * k + m + k + 1);
  candidates.set(cross, 0);
  candidates.set(diagA, m * k);
  candidates.set(diagB, m * k + m);
  candidates.sort();
  // unique, ascending
  let u = 0;
  for (let i = 0; i < candidates.length; i++) if (i === 0 || candidates[i] !== candidates[u - 1]) candidates[u++] = candidates[i] as number;

  // Left: A points (0..m-1), B diagonal slots (m..m+k-1); right: B points (0..k-1), A diagonal slots (k..k+m-1).
  const N = m + k;
  const start = new Int32Array(N + 1);
  const adj = new Int32Array(m * k + m + k + m * k);
  const feasible = (eps: number): boolean => {
    let e = 0;
    for (let i = 0; i < m; i++) {
      start[i] = e;
      for (let j = 0; j < k; j++) if ((cross[i * k + j] as number) <= eps) adj[e++] = j;
      if ((diagA[i] as number) <= eps) adj[e++] = k + i;
    }
    for (let j = 0; j < k; j++) {
      start[m + j] = e;
      if ((diagB[j] as number) <= eps) adj[e++] = j;
      for (let i = 0; i < m; i++) adj[e++] = k + i; // diagonal to diagonal is free
    }
    start[N] = e;
    return maximumMatching(N, N, start, adj) === N;
  };
  // Every point moves at least to its nearest option (a point of the other diagram or the
  // diagonal), so the answer is >= that for each point; and sending everything to the diagonal
  // costs the largest diagonal distance. Search only between the two, starting at the lower
  // bound, which is often the answer.
  let lower = 0;
  let upper = 0;
  for (let i = 0; i < m; i++) {
    let best = diagA[i] as number;
    for (let j = 0; j < k; j++) best = Math.min(best, cross[i * k + j] as number);
    lower = Math.max(lower, best);
    upper = Math.max(upper, diagA[i] as number);
  }
  for (let j = 0; j < k; j++) {
    let best = diagB[j] as number;
    for (let i = 0; i < m; i++) best = Math.min(best, cross[i * k + j] as number);
    lower = Math.max(lower, best);
    upper = Math.max(upper, diagB[j] as number);
  }
  const position = (x: number): number => {
    // first candidate >= x (x is itself a candidate)
    let a = 0;
    let b = u - 1;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if ((candidates[mid] as number) < x) a = mid + 1;
      else b = mid;
    }
    return a;
  };
  let lo = position(lower);
  let hi = position(upper); // feasible: everything to the diagonal
  if (lo < hi && feasible(candidates[lo] as number)) hi = lo;
  else if (lo < hi) lo++;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (feasible(candidates[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return Math.max(essential, candidates[lo] as number);
}
