import type { PersistenceDiagram } from '../src/index.js';

/** Euclidean distance matrix as rows (test-side, independent of the package's code). */
export function distanceRows(points: number[][]): number[][] {
  return points.map((a) => points.map((b) => Math.sqrt(a.reduce((s, x, k) => s + (x - (b[k] as number)) ** 2, 0))));
}

/** A diagram as sorted [birth, death] pairs. */
export function pairsOf(d: PersistenceDiagram): [number, number][] {
  return Array.from(d.birth, (b, i) => [b, d.death[i] as number] as [number, number]);
}
