import { describe, expect, it } from 'vitest';
import { bottleneckDistance, wassersteinDistance } from '../src/index.js';
import { REFERENCE_DIR, loadTdaReference } from './reference.js';
import { DIAGRAM_DISTANCE_RTOL } from './tolerances.js';

const ref = REFERENCE_DIR === undefined ? undefined : loadTdaReference(REFERENCE_DIR);
if (ref === undefined) console.warn('GEO_REFERENCE_DIR is not set: skipping the GUDHI diagram-distance reference tests');

function close(got: number, want: number): void {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(DIAGRAM_DISTANCE_RTOL * Math.max(1, Math.abs(want)));
}

describe.skipIf(ref === undefined)('diagram distances against GUDHI/POT (GEO_REFERENCE_DIR/tda)', () => {
  const pairs = ref?.pairs ?? [];
  it('has diagram-pair cases', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(10);
  });
  it.each(pairs.map((c) => [c.input.id, c] as const))('%s: W_{1,inf}, W_{1,2}, W_{2,inf}, W_{2,2} and bottleneck', (_id, { input, expected }) => {
    const { A, B } = input;
    close(wassersteinDistance(A, B, { p: 1, internalP: Infinity }), expected.wasserstein_p1_qinf);
    close(wassersteinDistance(A, B, { p: 1, internalP: 2 }), expected.wasserstein_p1_q2);
    close(wassersteinDistance(A, B, { p: 2, internalP: Infinity }), expected.wasserstein_p2_qinf);
    close(wassersteinDistance(A, B, { p: 2, internalP: 2 }), expected.wasserstein_p2_q2);
    close(bottleneckDistance(A, B), expected.bottleneck);
  });
});
