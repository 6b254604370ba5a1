import { GeoError, assertInteger } from '@geo/core';
import { asMatrix } from './input.js';

/**
 * Solves the linear assignment problem: the permutation `p` of 0..n-1 minimising
 * sum_i cost[i][p[i]] for a square row-major cost matrix, by shortest augmenting paths with
 * potentials (the Hungarian method in its O(n^3) form).
 *
 * @example
 * linearAssignment([4, 1, 2, 3], 2) // Int32Array [1, 0]: 1 + 2 < 4 + 3
 */
export function linearAssignment(cost: ArrayLike<number>, n: number): Int32Array {
  assertInteger(n, 'n', { min: 0 });
  const c = asMatrix(cost, n, n, 'cost');
  // 1-based arrays with a virtual column 0, as in the classical formulation.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const match = new Int32Array(n + 1); // match[j] = row assigned to column j (0 = none)
  const way = new Int32Array(n + 1);
  const minv = new Float64Array(n + 1);
  const used = new Uint8Array(n + 1);
  for (let i = 1; i <= n; i++) {
    match[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = match[j0] as number;
      let delta = Infinity;
      let j1 = -1;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = (c[(i0 - 1) * n + (j - 1)] as number) - (u[i0] as number) - (v[j] as number);
        if (cur < (minv[j] as number)) {
          minv[j] = cur;
          way[j] = j0;
        }
        if ((minv[j] as number) < delta) {
          delta = minv[j] as number;
          j1 = j;
        }
      }
      if (j1 < 0) throw new GeoError('NOT_CONVERGED', 'linear assignment found no augmenting path', { argument: 'cost' });
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[match[j] as number] = (u[match[j] as number] as number) + delta;
          v[j] = (v[j] as number) - delta;
        } else {
          minv[j] = (minv[j] as number) - delta;
        }
      }
      j0 = j1;
    } while ((match[j0] as number) !== 0);
    do {
      const j1 = way[j0] as number;
      match[j0] = match[j1] as number;
      j0 = j1;
    } while (j0 !== 0);
  }
  const p = new Int32Array(n);
  for (let j = 1; j <= n; j++) p[(match[j] as number) - 1] = j - 1;
  return p;
}
