// Loads the independent numpy/scipy/scikit-learn reference values (GEO_REFERENCE_DIR/diffusion).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REFERENCE_DIR = process.env['GEO_REFERENCE_DIR'];

export interface RefCase {
  id: string;
  op: string;
  X?: number[][];
  X2?: number[][];
  D?: number[][];
  labels?: number[];
  params: Record<string, unknown>;
  expected: Record<string, unknown>;
}

let cache: RefCase[] | undefined;

/** All cases joined with their expected results (empty when GEO_REFERENCE_DIR is unset). */
export function referenceCases(op?: string): RefCase[] {
  if (REFERENCE_DIR === undefined) return [];
  if (cache === undefined) {
    const dir = join(REFERENCE_DIR, 'diffusion');
    const cases = (JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as { cases: Omit<RefCase, 'expected'>[] }).cases;
    const results = (JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { results: { id: string; expected: Record<string, unknown> }[] }).results;
    const byId = new Map(results.map((r) => [r.id, r.expected]));
    cache = cases.map((c) => ({ ...c, expected: byId.get(c.id) ?? {} }));
  }
  return op === undefined ? cache : cache.filter((c) => c.op === op);
}

/** Flattens a list of rows. */
export function flat(rows: unknown): Float64Array {
  return Float64Array.from((rows as number[][]).flat());
}

/** max |a - b| / max(max |b|, tiny). */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return diff / Math.max(scale, 1e-300);
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  for (let i = 0; i < b.length; i++) diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
  return diff;
}
