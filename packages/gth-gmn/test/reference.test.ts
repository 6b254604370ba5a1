// The model's own geometry code (Klein-midpoint aggregation from segment sums, log_x for
// the sign head) against GEO_REFERENCE_DIR/poincare (50-digit arithmetic), interior cases.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { hyperbolicGeometry } from '../src/tf/index.js';
import { setupTf } from './helpers/tf.js';
import { REFERENCE_REL } from './tolerances.js';

const dir = process.env['GEO_REFERENCE_DIR'];
const available = dir !== undefined && existsSync(join(dir, 'poincare', 'cases.json'));
if (!available) console.warn('GEO_REFERENCE_DIR is not set: skipping the gth-gmn reference tests');

interface Case {
  id: string;
  op: string;
  c: number;
  inputs: Record<string, number[] | number[][]>;
  tags: string[];
}

describe.skipIf(!available)('reference values (GEO_REFERENCE_DIR/poincare)', () => {
  beforeAll(setupTf);
  const load = (): { cases: Case[]; expected: Map<string, unknown> } => {
    const cases = (JSON.parse(readFileSync(join(dir as string, 'poincare', 'cases.json'), 'utf8')) as { cases: Case[] }).cases;
    const results = (JSON.parse(readFileSync(join(dir as string, 'poincare', 'expected.json'), 'utf8')) as { results: { id: string; expected: unknown }[] }).results;
    return { cases, expected: new Map(results.map((r) => [r.id, r.expected])) };
  };
  // float32 cannot resolve points near the boundary or 1e-300-sized inputs: interior cases only
  const usable = (c: Case): boolean => c.tags.includes('interior') && !c.tags.includes('near_boundary') && !c.tags.includes('tiny');

  it('weighted Einstein midpoint from segment sums', () => {
    const { cases, expected } = load();
    // by value: every point's gap 1 - c|x|^2 at least 1e-2 (float32 rounds nearer points onto the boundary)
    const inside = (c: Case): boolean => (c.inputs['points'] as number[][]).every((p) => 1 - c.c * p.reduce((a, v) => a + v * v, 0) >= 1e-2);
    const mids = cases.filter((c) => c.op === 'einstein_midpoint' && inside(c));
    expect(mids.length).toBeGreaterThan(5);
    for (const cs of mids) {
      const pts = cs.inputs['points'] as number[][];
      const w = cs.inputs['weights'] as number[];
      const want = expected.get(cs.id) as number[];
      const g = hyperbolicGeometry(cs.c);
      const got = tf.tidy(() => {
        const x = tf.tensor2d(pts);
        const coef = g.midpointCoefficients(x);
        const wt = tf.reshape(tf.tensor1d(w), [-1, 1]);
        return g.midpointFromSums(tf.sum(tf.mul(wt, tf.mul(coef.num, x)), 0, true), tf.sum(tf.mul(wt, coef.den), 0, true)).dataSync();
      });
      const scale = Math.max(1e-3, Math.hypot(...want));
      want.forEach((v, i) => expect(Math.abs((got[i] as number) - v), cs.id).toBeLessThanOrEqual(REFERENCE_REL * scale));
    }
  });

  it('log_x(y) of the sign head', () => {
    const { cases, expected } = load();
    const logs = cases.filter((c) => c.op === 'logmap' && usable(c));
    expect(logs.length).toBeGreaterThan(5);
    for (const cs of logs) {
      const want = expected.get(cs.id) as number[];
      const got = tf.tidy(() => hyperbolicGeometry(cs.c).logmap(tf.tensor1d(cs.inputs['x'] as number[]), tf.tensor1d(cs.inputs['y'] as number[])).dataSync());
      const scale = Math.max(1e-3, Math.hypot(...want));
      want.forEach((v, i) => expect(Math.abs((got[i] as number) - v), cs.id).toBeLessThanOrEqual(REFERENCE_REL * scale));
    }
  });
});
