import { describe, expect, it } from 'vitest';
import { ripsPersistence, type PersistenceDiagram } from '../src/index.js';
import { REFERENCE_DIR, loadTdaReference, type RipsCase } from './reference.js';
import { DIAGRAM_VALUE_ATOL } from './tolerances.js';

const ref = REFERENCE_DIR === undefined ? undefined : loadTdaReference(REFERENCE_DIR);
if (ref === undefined) console.warn('GEO_REFERENCE_DIR is not set: skipping the Ripser/GUDHI reference tests');

function inputOf(c: RipsCase) {
  return c.kind === 'points' ? { points: c.points as number[][] } : { distances: c.D as number[][] };
}

/** Max abs difference between our diagram and the reference's (Infinity if counts or essential classes differ). */
function diagramError(got: PersistenceDiagram, expected: [number, number | null][]): number {
  if (got.birth.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const [b, d] = expected[i] as [number, number | null];
    const gb = got.birth[i] as number;
    const gd = got.death[i] as number;
    worst = Math.max(worst, Math.abs(gb - b));
    if (d === null) worst = gd === Infinity ? worst : Infinity;
    else worst = Math.max(worst, Math.abs(gd - d));
  }
  return worst;
}

describe.skipIf(ref === undefined)('ripsPersistence against Ripser and GUDHI (GEO_REFERENCE_DIR/tda)', () => {
  const cases = ref?.rips ?? [];
  it.each(cases.map((c) => [c.input.id, c] as const))('%s: identical diagrams H0..H2 (with edge collapse)', (_id, { input, expected }) => {
    const dgms = ripsPersistence(inputOf(input), { maxDim: input.maxdim, threshold: input.threshold ?? undefined });
    expect(dgms).toHaveLength(input.maxdim + 1);
    for (let d = 0; d <= input.maxdim; d++) {
      const exp = expected.diagrams[d] as [number, number | null][];
      const got = dgms[d] as PersistenceDiagram;
      expect(got.birth.length, `H${d} size`).toBe(exp.length);
      expect(diagramError(got, exp), `H${d} values`).toBeLessThanOrEqual(DIAGRAM_VALUE_ATOL);
    }
  });

  // The plain cohomology path (no collapse) on the cases it handles quickly.
  const small = cases.filter((c) => (c.input.points ?? c.input.D ?? []).length <= 130);
  it.each(small.map((c) => [c.input.id, c] as const))('%s: identical diagrams without edge collapse', (_id, { input, expected }) => {
    const dgms = ripsPersistence(inputOf(input), { maxDim: input.maxdim, threshold: input.threshold ?? undefined, collapse: false });
    for (let d = 0; d <= input.maxdim; d++) {
      expect(diagramError(dgms[d] as PersistenceDiagram, expected.diagrams[d] as [number, number | null][]), `H${d}`).toBeLessThanOrEqual(DIAGRAM_VALUE_ATOL);
    }
  });

  it('the reference covers circles, spheres, tori, cubes, grids and distance matrices up to dimension 2', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(cases.some((c) => c.input.kind === 'distance_matrix')).toBe(true);
    expect(cases.some((c) => c.input.threshold !== null)).toBe(true);
  });
});
