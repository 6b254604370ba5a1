import { GeoError, describe as describeValue } from '@geo/core';
import { linearAssignment } from '@geo/core';
import { bottleneckDistance } from './bottleneck.js';
import { toDiagram, type DiagramInput } from './diagram.js';
import { splitEssential } from './diagram-parts.js';

/** Options of `wassersteinDistance`. */
export interface WassersteinOptions {
  /** The order p >= 1 of the Wasserstein distance (default 2); Infinity gives the bottleneck distance. */
  readonly p?: number;
  /** The ground metric between points: the L^q norm in the plane, q >= 1 (default Infinity, as GUDHI). */
  readonly internalP?: number;
}

/** ||(b1, d1) - (b2, d2)||_q.
 *
 * @example
 * pointDistance(0, 1, 0.5, 1.5, Infinity) // 0.5
 */
export function pointDistance(b1: number, d1: number, b2: number, d2: number, q: number): number {
  const x = Math.abs(b1 - b2);
  const y = Math.abs(d1 - d2);
  if (q === Infinity) return x > y ? x : y;
  if (q === 1) return x + y;
  if (q === 2) return Math.hypot(x, y);
  return (x ** q + y ** q) ** (1 / q);
}

/** L^q distance from (b, d) to its orthogonal projection on the diagonal: 2^(1/q) (d - b) / 2.
 *
 * @example
 * diagonalDistance(0, 2, Infinity) // 1
 */
export function diagonalDistance(b: number, d: number, q: number): number {
  const h = (d - b) / 2;
  if (q === Infinity) return h;
  if (q === 1) return 2 * h;
  if (q === 2) return Math.SQRT2 * h;
  return 2 ** (1 / q) * h;
}

function checkOrder(x: unknown, name: string, fallback: number): number {
  if (x === undefined) return fallback;
  if (typeof x !== 'number' || Number.isNaN(x) || x < 1) {
    throw new GeoError('OUT_OF_RANGE', `${name} must be a number >= 1 (or Infinity), got ${describeValue(x)}`, {
      argument: name,
      expected: '>= 1',
      actual: x,
    });
  }
  return x;
}

/**
 * The p-Wasserstein distance between two persistence diagrams with the L^q ground metric
 * (q = `internalP`): ( min over partial matchings sum ||a - b||_q^p, unmatched points going to
 * their diagonal projections )^(1/p), exactly, by an optimal assignment on the
 * diagonal-augmented (m + k) x (m + k) cost matrix (as GUDHI with POT). Essential classes are
 * matched only with essential classes, by birth (sorted order is optimal for p >= 1); a
 * different number of them gives Infinity.
 *
 * @example
 * wassersteinDistance([[0, 2]], [[0, 3]], { p: 1 })                  // 1 (move (0,2) to (0,3))
 * wassersteinDistance([[0, 2]], [], { p: 2, internalP: Infinity })  // 1 (to the diagonal)
 */
export function wassersteinDistance(a: DiagramInput, b: DiagramInput, options: WassersteinOptions = {}): number {
  const p = checkOrder(options.p, 'options.p', 2);
  const q = checkOrder(options.internalP, 'options.internalP', Infinity);
  const A = splitEssential(toDiagram(a, 'a'));
  const B = splitEssential(toDiagram(b, 'b'));
  if (p === Infinity) {
    if (q !== Infinity) {
      throw new GeoError('UNSUPPORTED', 'options.p = Infinity (bottleneck) is only defined here with options.internalP = Infinity', {
        argument: 'options.internalP',
        expected: Infinity,
        actual: q,
      });
    }
    return bottleneckDistance(a, b);
  }
  if (A.essential.length !== B.essential.length) return Infinity;
  let total = 0;
  for (let i = 0; i < A.essential.length; i++) total += Math.abs((A.essential[i] as number) - (B.essential[i] as number)) ** p;

  const m = A.birth.length;
  const k = B.birth.length;
  const N = m + k;
  if (N > 0) {
    // rows: A points then B's diagonal slots; columns: B points then A's diagonal slots
    const C = new Float64Array(N * N);
    for (let i = 0; i < m; i++) {
      const bi = A.birth[i] as number;
      const di = A.death[i] as number;
      const toDiag = diagonalDistance(bi, di, q) ** p;
      for (let j = 0; j < k; j++) C[i * N + j] = pointDistance(bi, di, B.birth[j] as number, B.death[j] as number, q) ** p;
      for (let j = k; j < N; j++) C[i * N + j] = toDiag;
    }
    for (let j = 0; j < k; j++) {
      const toDiag = diagonalDistance(B.birth[j] as number, B.death[j] as number, q) ** p;
      for (let i = m; i < N; i++) C[i * N + j] = toDiag;
    }
    total += linearAssignment(C, N).cost;
  }
  return total ** (1 / p);
}
