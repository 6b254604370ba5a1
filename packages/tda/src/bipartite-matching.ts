/**
 * Maximum bipartite matching by Hopcroft-Karp on an adjacency list in CSR form (`start` has
 * nLeft + 1 offsets into `adj`, which holds right-vertex ids). Returns the matching size.
 *
 * @example
 * // left 0 - right 0, left 1 - right 0 or 1
 * maximumMatching(2, 2, Int32Array.of(0, 1, 3), Int32Array.of(0, 0, 1)) // 2
 */
export function maximumMatching(nLeft: number, nRight: number, start: Int32Array, adj: Int32Array): number {
  const matchL = new Int32Array(nLeft).fill(-1);
  const matchR = new Int32Array(nRight).fill(-1);
  const dist = new Int32Array(nLeft);
  const queue = new Int32Array(nLeft);
  const it = new Int32Array(nLeft);
  const stack = new Int32Array(nLeft);
  const INF = 0x3fffffff;
  let size = 0;
  for (;;) {
    // BFS layers from free left vertices
    let qh = 0;
    let qt = 0;
    for (let l = 0; l < nLeft; l++) {
      if (matchL[l] === -1) {
        dist[l] = 0;
        queue[qt++] = l;
      } else dist[l] = INF;
    }
    let found = false;
    while (qh < qt) {
      const l = queue[qh++] as number;
      for (let e = start[l] as number, end = start[l + 1] as number; e < end; e++) {
        const r = adj[e] as number;
        const l2 = matchR[r] as number;
        if (l2 === -1) found = true;
        else if (dist[l2] === INF) {
          dist[l2] = (dist[l] as number) + 1;
          queue[qt++] = l2;
        }
      }
    }
    if (!found) return size;
    // DFS along layers (iterative), one augmenting path per free left vertex
    for (let l = 0; l < nLeft; l++) it[l] = start[l] as number;
    for (let root = 0; root < nLeft; root++) {
      if (matchL[root] !== -1) continue;
      let sp = 0;
      stack[sp++] = root;
      let augmented = false;
      while (sp > 0 && !augmented) {
        const l = stack[sp - 1] as number;
        const end = start[l + 1] as number;
        let advanced = false;
        while ((it[l] as number) < end) {
          const r = adj[it[l] as number] as number;
          const l2 = matchR[r] as number;
          if (l2 === -1) {
            // augment along the stack
            for (let s = sp - 1; s >= 0; s--) {
              const ls = stack[s] as number;
              const rs = adj[it[ls] as number] as number;
              matchL[ls] = rs;
              matchR[rs] = ls;
            }
            augmented = true;
            advanced = true;
            break;
          }
          if (dist[l2] === (dist[l] as number) + 1) {
            stack[sp++] = l2;
            advanced = true;
            break;
          }
          it[l] = (it[l] as number) + 1;
        }
        if (!advanced) {
          dist[l] = INF; // dead end
          sp--;
          if (sp > 0) {
            const p = stack[sp - 1] as number;
            it[p] = (it[p] as number) + 1;
          }
        }
      }
      if (augmented) size++;
    }
  }
}
