// metricMds against the independent numpy/scipy SMACOF in fixtures/make_smacof_reference.py:
// same distances, same start, same number of Guttman transforms.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { metricMds } from '../src/index.js';
import { SMACOF_CONFIG_REL, SMACOF_STRESS_REL } from './tolerances.js';

interface SmacofCase {
  id: string;
  n: number;
  k: number;
  iterations: number;
  D: number[][];
  init: number[][];
  stress: number[];
  final: number[][];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/smacof-reference.json', import.meta.url), 'utf8')) as { cases: SmacofCase[] };

/** A tolerance so small that SMACOF only stops early when the stress stops decreasing altogether. */
const NO_EARLY_STOP = Number.MIN_VALUE;

describe('metric MDS (SMACOF) against the numpy reference', () => {
  it('has cases', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(5);
  });
  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s: stress after every iteration and the final configuration', (_id, c) => {
    const init = Float64Array.from(c.init.flat());
    for (let it = 0; it <= c.iterations; it++) {
      const r = metricMds(c.D, { k: c.k, init, maxIter: it, tol: NO_EARLY_STOP });
      // SMACOF stops early only at a fixed point (no decrease at all, as 1-d scaling reaches in a
      // few steps); the reference must then show the same stress from there on.
      expect(r.iterations).toBeLessThanOrEqual(it);
      if (r.iterations < it) expect(Math.abs((c.stress[r.iterations] as number) - (c.stress[it] as number))).toBeLessThanOrEqual(SMACOF_STRESS_REL * (c.stress[it] as number));
      const ref = c.stress[it] as number;
      expect(Math.abs(r.stress - ref)).toBeLessThanOrEqual(SMACOF_STRESS_REL * ref);
      if (it === c.iterations) {
        const want = c.final.flat();
        const scale = Math.max(...want.map(Math.abs));
        let worst = 0;
        for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs((r.embedding[i] as number) - (want[i] as number)));
        expect(worst).toBeLessThanOrEqual(SMACOF_CONFIG_REL * scale);
      }
    }
  });
});
