import { HOOK_INTERVAL, checkHooks, type LongJobHooks } from './progress.js';
import { emptySimplexList, pushSimplex, type SimplexList } from './reduction.js';

/**
 * Exact edge collapse of a filtered flag complex (Boissonnat and Pritam, "Edge collapse and
 * persistence of flag complexes", SoCG 2020; in the single backward sweep of GUDHI's rewrite by
 * Glisse). Edges are visited from the longest to the shortest. At its own time t an edge uv is
 * dominated when some common neighbour c is adjacent (by time t) to every other common
 * neighbour present at t: the link of uv is then a cone, and removing uv changes no homology.
 * It stays dominated until a later common neighbour w arrives that c does not see by then, so
 * the edge is either removed (dominated for ever) or delayed to that time. The flag filtration of
 * the returned graph has the same persistence diagrams in every dimension, with far fewer
 * edges, hence far fewer triangles and tetrahedra.
 *
 * `G` holds the edge values as integer ranks (Infinity where there is no edge) and is collapsed in place: removed
 * edges become Infinity, delayed ones get their new value. `edgesDesc` lists the edges (index
 * C(i,2)+j) longest first; returns the remaining edges with their (possibly delayed) values.
 *
 * @example
 * // a 4-cycle with both diagonals at 2: one diagonal collapses, the other is kept
 * const d = [0, 1, 2, 1, 1, 0, 1, 2, 2, 1, 0, 1, 1, 2, 1, 0];
 * // collapseEdges(4, Float64Array.from(d), edgesLongestFirst).length // 5
 */
export function collapseEdges(n: number, G: Float64Array, edgesDesc: SimplexList, hooks?: LongJobHooks): SimplexList {
  // An int32 working copy (ranks are integers; ABSENT for no edge) scans faster than float64.
  // Closed neighbourhoods: a vertex sees itself from the start (-1, below every rank).
  const ABSENT = 0x7fffffff;
  const H = new Int32Array(n * n);
  for (let i = 0; i < n * n; i++) {
    const g = G[i] as number;
    H[i] = g === Infinity ? ABSENT : g;
  }
  for (let i = 0; i < n; i++) H[i * n + i] = -1;

  const ngb = new Int32Array(n); // common neighbours present at the current time
  // common neighbours that arrive later, as keys time * n + vertex (times are integer ranks), so
  // one native numeric sort orders them by arrival
  const later = new Float64Array(n);
  const kept = emptySimplexList(Math.max(16, edgesDesc.length));

  for (let e = 0; e < edgesDesc.length; e++) {
    if (hooks !== undefined && e % HOOK_INTERVAL === 0) checkHooks(hooks, { stage: 'collapse', dim: 0, done: e, total: edgesDesc.length });
    const idx = edgesDesc.idx[e] as number;
    const t0 = edgesDesc.diam[e] as number;
    let u = Math.floor((1 + Math.sqrt(1 + 8 * idx)) / 2);
    while ((u * (u - 1)) / 2 > idx) u--;
    while (((u + 1) * u) / 2 <= idx) u++;
    const v = idx - (u * (u - 1)) / 2;
    const ou = u * n;
    const ov = v * n;

    // hide the edge itself so that u and v drop out of their common neighbourhood
    H[ou + v] = ABSENT;
    H[ov + u] = ABSENT;
    let a = 0;
    let b = 0;
    for (let w = 0; w < n; w++) {
      const gu = H[ou + w] as number;
      const gv = H[ov + w] as number;
      const f = gu > gv ? gu : gv;
      if (f === ABSENT) continue;
      if (f <= t0) ngb[a++] = w;
      else {
        later[b++] = f * n + w;
      }
    }

    let t = t0;
    let killer = -1;
    let dead = false;
    let sorted = false;
    let lp = 0;
    for (;;) {
      let dom = -1;
      for (let ci = 0; ci < a && dom === -1; ci++) {
        const oc = (ngb[ci] as number) * n;
        // the neighbour that ruled out the last candidate often rules out this one too
        if (killer >= 0 && (H[oc + killer] as number) > t) continue;
        let ok = true;
        for (let wi = 0; wi < a; wi++) {
          const w = ngb[wi] as number;
          if ((H[oc + w] as number) > t) {
            ok = false;
            killer = w;
            break;
          }
        }
        if (ok) dom = ngb[ci] as number;
      }
      if (dom === -1) break;
      if (!sorted) {
        later.subarray(0, b).sort();
        sorted = true;
      }
      // advance time while `dom` keeps dominating
      let still = true;
      const od = dom * n;
      while (still) {
        if (lp === b) {
          dead = true;
          break;
        }
        t = Math.floor((later[lp] as number) / n);
        while (lp < b && (later[lp] as number) < (t + 1) * n) {
          const w = (later[lp] as number) - t * n;
          if ((H[od + w] as number) > t) still = false;
          ngb[a++] = w;
          lp++;
        }
      }
      if (dead) break;
    }
    if (!dead) {
      H[ou + v] = t;
      H[ov + u] = t;
      pushSimplex(kept, t, idx);
    }
  }
  for (let i = 0; i < n * n; i++) {
    const h = H[i] as number;
    G[i] = h === ABSENT ? Infinity : h;
  }
  for (let i = 0; i < n; i++) G[i * n + i] = 0;
  return kept;
}
