import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Reference directory from the environment (CI always sets it); undefined means skip. */
export const REFERENCE_DIR = process.env['GEO_REFERENCE_DIR'];

export interface RipsCase {
  readonly id: string;
  readonly kind: 'points' | 'distance_matrix';
  readonly points?: number[][];
  readonly D?: number[][];
  readonly maxdim: number;
  readonly threshold: number | null;
}
export interface PairCase {
  readonly id: string;
  readonly kind: 'diagram_pair';
  readonly A: [number, number | null][];
  readonly B: [number, number | null][];
}
export interface RipsExpected {
  readonly id: string;
  readonly diagrams: [number, number | null][][];
  readonly threshold_used: number;
  readonly n: number;
}
export interface PairExpected {
  readonly id: string;
  readonly wasserstein_p1_qinf: number;
  readonly wasserstein_p1_q2: number;
  readonly wasserstein_p2_qinf: number;
  readonly wasserstein_p2_q2: number;
  readonly bottleneck: number;
}

/** Loads the tda reference cases and expected results, keyed by id. */
export function loadTdaReference(dir: string): {
  rips: { input: RipsCase; expected: RipsExpected }[];
  pairs: { input: PairCase; expected: PairExpected }[];
} {
  const cases = (JSON.parse(readFileSync(join(dir, 'tda', 'cases.json'), 'utf8')) as { cases: (RipsCase | PairCase)[] }).cases;
  const results = (JSON.parse(readFileSync(join(dir, 'tda', 'expected.json'), 'utf8')) as { results: { id: string }[] }).results;
  const byId = new Map(results.map((r) => [r.id, r]));
  const rips: { input: RipsCase; expected: RipsExpected }[] = [];
  const pairs: { input: PairCase; expected: PairExpected }[] = [];
  for (const c of cases) {
    const e = byId.get(c.id);
    if (e === undefined) throw new Error(`reference case ${c.id} has no expected result`);
    if (c.kind === 'diagram_pair') pairs.push({ input: c, expected: e as PairExpected });
    else rips.push({ input: c, expected: e as RipsExpected });
  }
  return { rips, pairs };
}
