import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '@geo/core';
import { maxLyapunov, sensitivityOnset } from '../src/index.js';
import type { SweepPoint } from '../src/index.js';
import { geoError } from './helpers.js';
import { CERTIFIED_EFOLDS_REL } from './tolerances.js';

/**
 * A synthetic sweep: at control c, `pairs` twin separations over T samples. Above `chaosAt` they
 * grow as d0 e^{lambda t} (lambda = 0.5 (c - chaosAt) + 0.05, per-pair jitter) up to a cap; below it they
 * drift slowly and polynomially, d0 (1 + drift t) with a per-pair drift: ln d rises but by less than one e-fold.
 */
function sweepAt(c: number, chaosAt: number, seed: number, T = 200, pairs = 8): Float64Array[] {
  const rng = createRng(seed).derive('sweep', Math.round(c * 1000));
  return Array.from({ length: pairs }, () => {
    const jitter = 0.2 * rng.normal();
    if (c >= chaosAt) {
      const lambda = 0.5 * (c - chaosAt) + 0.05;
      return Float64Array.from({ length: T }, (_, t) => Math.min(1, 1e-8 * Math.exp(lambda * t + (t > 0 ? jitter : 0))));
    }
    const drift = 0.003 * (1 + 0.3 * rng.uniform());
    return Float64Array.from({ length: T }, (_, t) => 1e-8 * (1 + drift * t) * (1 + 0.01 * rng.normal()));
  });
}

function estimate(seps: Float64Array[], dt: number): SweepPoint['estimate'] {
  // As the geo-bench task does: the automatic window, or the whole curve when there is no exponential regime.
  try {
    return maxLyapunov(seps, { dt, bootstrap: 200 });
  } catch {
    return maxLyapunov(seps, { dt, bootstrap: 200, regime: { start: 0, end: seps[0]!.length - 1 } });
  }
}

describe('sensitivityOnset', () => {
  const controls = [0.1, 0.3, 1, 2, 3];

  it('finds the first control whose twins grow exponentially; slow polynomial drift with a CI above zero is not sensitivity', () => {
    const sweep = controls.map((c) => ({ control: c, estimate: estimate(sweepAt(c, 1, 3), 1) }));
    const r = sensitivityOnset(sweep);
    expect(r.onset).toBe(1);
    expect(r.sensitive).toEqual([false, false, true, true, true]);
    // The drifting settings do have a CI above zero: the old rule (CI > 0) would have called them sensitive.
    expect(sweep[0]!.estimate.ci[0]).toBeGreaterThan(0);
    expect(r.certifiedEfolds[0]).toBeLessThan(1);
  });

  it('is invariant to the order of the sweep and to the time unit (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.constantFrom(0.3, 1, 2), fc.double({ min: 0.01, max: 100, noNaN: true }), (seed, chaosAt, unit) => {
        const seps = controls.map((c) => sweepAt(c, chaosAt, seed, 120, 4));
        const sweep = controls.map((c, i) => ({ control: c, estimate: estimate(seps[i]!, 1) }));
        const rescaled = controls.map((c, i) => ({ control: c, estimate: estimate(seps[i]!, unit) }));
        const order = createRng(seed).permutation(controls.length);
        const shuffled = Array.from(order, (k) => sweep[k]!);
        const a = sensitivityOnset(sweep);
        const b = sensitivityOnset(shuffled);
        const c = sensitivityOnset(rescaled);
        const sameOrder = Array.from(order).every((k, j) => b.sensitive[j] === a.sensitive[k]);
        const sameUnit = a.certifiedEfolds.every((v, i) => Math.abs(v - c.certifiedEfolds[i]!) <= CERTIFIED_EFOLDS_REL * Math.max(1, Math.abs(v)));
        return Object.is(a.onset, b.onset) && sameOrder && sameUnit && Object.is(a.onset, c.onset) && a.onset === chaosAt;
      }),
      { numRuns: 15 },
    );
  });

  it('the rule on hand-made estimates: lower bound times window length against the threshold', () => {
    const point = (control: number, lo: number, start: number, end: number, dt = 1): SweepPoint => ({ control, estimate: { ci: [lo, lo + 1], regime: { start, end, plateau: 0, floor: 0 }, dt } });
    // 0.05 x 10 = 0.5 e-folds (no); 0.05 x 40 = 2 (yes); 0.2 x 5 x 2 = 2 (yes); negative (no).
    const r = sensitivityOnset([point(3, 0.05, 0, 40), point(1, 0.05, 0, 10), point(2, 0.2, 5, 10, 2), point(0.5, -0.1, 0, 50)]);
    expect(r.sensitive).toEqual([true, false, true, false]);
    expect(r.onset).toBe(2);
    expect(r.certifiedEfolds).toEqual([0.05 * 40, 0.05 * 10, 0.2 * 5 * 2, -0.1 * 50]);
    // A stricter threshold moves the onset up or removes it.
    expect(sensitivityOnset([point(3, 0.05, 0, 40), point(2, 0.2, 5, 10, 2)], { efolds: 2.5 }).onset).toBeNaN();
    expect(sensitivityOnset([point(1, -0.01, 0, 10)]).onset).toBeNaN();
  });

  it('rejects bad sweeps', () => {
    const ok = { ci: [0, 1] as const, regime: { start: 0, end: 5, plateau: 0, floor: 0 }, dt: 1 };
    expect(geoError(() => sensitivityOnset([]))).toMatchObject({ code: 'BAD_LENGTH', argument: 'sweep' });
    expect(geoError(() => sensitivityOnset([{ control: NaN, estimate: ok }]))).toMatchObject({ argument: 'sweep[0].control' });
    expect(geoError(() => sensitivityOnset([{ control: 1, estimate: { ...ok, ci: [2, 1] } }]))).toMatchObject({ code: 'OUT_OF_DOMAIN', argument: 'sweep[0].estimate.ci' });
    expect(geoError(() => sensitivityOnset([{ control: 1, estimate: { ...ok, dt: 0 } }]))).toMatchObject({ argument: 'sweep[0].estimate.dt' });
    expect(geoError(() => sensitivityOnset([{ control: 1, estimate: { ...ok, regime: { ...ok.regime, start: 6 } } }]))).toMatchObject({ argument: 'sweep[0].estimate.regime' });
    expect(geoError(() => sensitivityOnset([{ control: 1, estimate: ok }], { efolds: 0 }))).toMatchObject({ argument: 'options.efolds' });
  });
});
