// resolveConfig keeps every valid field and rejects bad ones with a GeoError naming it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GeoError } from '@geo/core';
import { DEFAULT_CONFIG, rankMargin, resolveConfig } from '../src/index.js';

describe('resolveConfig', () => {
  it('keeps valid fields and fills the rest from the defaults', () => {
    fc.assert(
      fc.property(
        fc.record({
          geometry: fc.constantFrom('hyperbolic' as const, 'euclidean' as const),
          c: fc.double({ min: 1e-3, max: 10, noNaN: true }),
          heads: fc.integer({ min: 1, max: 8 }),
          kernelEvolution: fc.constantFrom('gru' as const, 'fixed' as const),
          snapshots: fc.constantFrom('all' as const, 'last' as const),
          regressionHead: fc.boolean(),
        }),
        (input) => {
          const cfg = resolveConfig(input);
          for (const [k, v] of Object.entries(input)) expect(cfg[k as keyof typeof cfg]).toBe(v);
          expect(cfg.hiddenDim).toBe(DEFAULT_CONFIG.hiddenDim);
          expect(Object.isFrozen(cfg)).toBe(true);
        },
      ),
    );
  });

  it('rejects bad values with GeoErrors naming the field', () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ c: 0 }, 'config.c'],
      [{ c: Number.NaN }, 'config.c'],
      [{ heads: 1.5 }, 'config.heads'],
      [{ geometry: 'spherical' }, 'config.geometry'],
      [{ dropout: 1 }, 'config.dropout'],
      [{ gate: 'yes' }, 'config.gate'],
      [{ nope: 1 }, 'config.nope'],
      [{ task: 'ranking', outputs: 2 }, 'config.outputs'],
      [{ lossWeights: { link: -1 } }, 'config.lossWeights.link'],
    ];
    for (const [input, arg] of bad) {
      let err: unknown;
      try {
        resolveConfig(input as never);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(GeoError);
      expect((err as GeoError).argument).toBe(arg);
    }
  });

  it('rankMargin anneals linearly from start to end', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (p, q) => {
        const cfg = resolveConfig({ rankMarginStart: 1, rankMarginEnd: 0.2 });
        expect(rankMargin(cfg, 0)).toBe(1);
        expect(rankMargin(cfg, 1)).toBeCloseTo(0.2, 12);
        if (p < q) expect(rankMargin(cfg, p)).toBeGreaterThanOrEqual(rankMargin(cfg, q));
      }),
    );
  });
});
