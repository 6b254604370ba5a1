import { assertFinite, assertInteger, assertShape } from '../validate.js';

/** An optimal assignment: row i goes to column `rowToCol[i]`, at total `cost`. */
export interface LinearAssignment {
  readonly rowToCol: Int32Array;
  readonly cost: number;
}

/**
 * Minimum-cost perfect assignment of an N x N cost matrix (row-major), by the Hungarian method
 * with potentials (Kuhn-Munkres in the O(N^3) shortest-augmenting-path form), started with
 * Jonker and Volgenant's column reduction. Costs must be finite; negate them to maximise.
 *
 * @example
 * linearAssignment([4, 1, 2, 3], 2) // { rowToCol: Int32Array [1, 0], cost: 3 }
 */
export function linearAssignment(cost: ArrayLike<number>, N: number): LinearAssignment {
  assertInteger(N, 'N', { min: 0 });
  assertShape(cost, [N, N], 'cost');
  assertFinite(cost, 'cost');
  // 1-based arrays; column 0 is a sentinel holding the row being inserted
  const u = new Float64Array(N + 1);
  const v = new Float64Array(N + 1);
  const colRow = new Int32Array(N + 1); // row matched to column j (0 = free)
  const way = new Int32Array(N + 1);
  const minv = new Float64Array(N + 1);
  const used = new Uint8Array(N + 1);
  // Column reduction (Jonker and Volgenant's first step): v_j = min_i C_ij keeps every reduced
  // cost >= 0, and each column takes a free row attaining its minimum, so many rows start
  // matched on tight edges and only the others need an augmenting path.
  const rowTaken = new Uint8Array(N + 1);
  for (let j = 1; j <= N; j++) {
    let best = Infinity;
    let free = 0;
    for (let i = 1; i <= N; i++) {
      const c = cost[(i - 1) * N + j - 1] as number;
      if (c < best) {
        best = c;
        free = rowTaken[i] === 0 ? i : 0;
      } else if (c === best && free === 0 && rowTaken[i] === 0) free = i;
    }
    v[j] = best;
    if (free !== 0) {
      colRow[j] = free;
      rowTaken[free] = 1;
    }
  }
  for (let i = 1; i <= N; i++) {
    if (rowTaken[i] === 1) continue;
    colRow[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = colRow[j0] as number;
      const row = (i0 - 1) * N;
      const ui0 = u[i0] as number;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= N; j++) {
        if (used[j] === 1) continue;
        const cur = (cost[row + j - 1] as number) - ui0 - (v[j] as number);
        if (cur < (minv[j] as number)) {
          minv[j] = cur;
          way[j] = j0;
        }
        if ((minv[j] as number) < delta) {
          delta = minv[j] as number;
          j1 = j;
        }
      }
      for (let j = 0; j <= N; j++) {
        if (used[j] === 1) {
          const r = colRow[j] as number;
          u[r] = (u[r] as number) + delta;
          v[j] = (v[j] as number) - delta;
        } else {
          minv[j] = (minv[j] as number) - delta;
        }
      }
      j0 = j1;
    } while (colRow[j0] !== 0);
    do {
      const j1 = way[j0] as number;
      colRow[j0] = colRow[j1] as number;
      j0 = j1;
    } while (j0 !== 0);
  }
  const rowToCol = new Int32Array(N);
  let total = 0;
  for (let j = 1; j <= N; j++) {
    const r = (colRow[j] as number) - 1;
    rowToCol[r] = j - 1;
    total += cost[r * N + j - 1] as number;
  }
  return { rowToCol, cost: total };
}
