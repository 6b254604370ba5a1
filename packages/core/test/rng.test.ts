import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GeoError, createRng } from '../src/index.js';

const draw = (seed: number, n: number, path: (string | number)[] = []): number[] => {
  const rng = createRng(seed, path);
  return Array.from({ length: n }, () => rng.uniform());
};

/** Pearson correlation of two equal-length samples. */
function correlation(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += ((a[i] as number) - ma) * ((b[i] as number) - mb);
    saa += ((a[i] as number) - ma) ** 2;
    sbb += ((b[i] as number) - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

// With n = 20,000 independent uniforms, |r| has standard deviation 1/sqrt(n) ~ 0.007;
// 0.035 is five standard deviations.
const INDEPENDENCE_R_MAX = 0.035;
const SAMPLE = 20_000;

describe('createRng', () => {
  it('gives the same stream for the same seed', () => {
    fc.assert(
      fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), (seed) => {
        expect(draw(seed, 16)).toEqual(draw(seed, 16));
      }),
    );
  });

  it('gives different streams for different seeds', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (a, b) => {
        fc.pre(a !== b);
        expect(draw(a, 4)).not.toEqual(draw(b, 4));
      }),
    );
  });

  it('draws uniforms in [0, 1) with the right mean and variance', () => {
    const xs = draw(7, SAMPLE);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, v) => s + v, 0) / SAMPLE;
    const variance = xs.reduce((s, v) => s + (v - mean) ** 2, 0) / SAMPLE;
    // standard errors: mean 0.002, variance 0.0006; allow five.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.003);
  });

  it('draws normals with mean 0 and variance 1', () => {
    const rng = createRng(11);
    const xs = rng.fillNormal(new Float64Array(SAMPLE));
    const mean = xs.reduce((s, v) => s + v, 0) / SAMPLE;
    const variance = xs.reduce((s, v) => s + (v - mean) ** 2, 0) / SAMPLE;
    expect(Math.abs(mean)).toBeLessThan(0.035);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    expect(xs.every(Number.isFinite)).toBe(true);
  });

  it('keeps int() inside its inclusive bounds and hits both ends', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 5 }), (seed, lo, span) => {
        const rng = createRng(seed);
        const seen = new Set<number>();
        for (let i = 0; i < 200; i++) {
          const v = rng.int(lo, lo + span);
          expect(v).toBeGreaterThanOrEqual(lo);
          expect(v).toBeLessThanOrEqual(lo + span);
          seen.add(v);
        }
        expect(seen.has(lo) && seen.has(lo + span)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('permutation() is a permutation and is seeded', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 0, max: 200 }), (seed, n) => {
        const p = createRng(seed).permutation(n);
        expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
        expect(createRng(seed).permutation(n)).toEqual(p);
      }),
    );
  });

  it('rejects bad seeds with a GeoError naming the argument', () => {
    for (const bad of [-1, 1.5, Number.NaN, Infinity, 2 ** 60]) {
      expect(() => createRng(bad)).toThrowError(GeoError);
      try {
        createRng(bad);
      } catch (e) {
        expect((e as GeoError).argument).toBe('seed');
      }
    }
  });
});

describe('derived streams', () => {
  it('are reproducible: same seed and path give the same stream', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.oneof(fc.nat(), fc.string()), { maxLength: 4 }), (seed, path) => {
        const a = createRng(seed).derive(...path);
        const b = createRng(seed, path);
        expect(draw(seed, 8, path)).toEqual(Array.from({ length: 8 }, () => a.uniform()));
        expect(b.path).toEqual(path);
      }),
    );
  });

  it('do not depend on how much of the parent was consumed', () => {
    const parent = createRng(5);
    const before = parent.derive('shard', 3).uniform();
    for (let i = 0; i < 1000; i++) parent.uniform();
    expect(parent.derive('shard', 3).uniform()).toBe(before);
  });

  it('differ between keys, including ambiguous-looking ones', () => {
    const streams = [[], [0], [1], ['0'], ['a', 'b'], ['ab'], [0, 0], ['shard', 1], ['shard', 2]];
    const firsts = streams.map((path) => draw(3, 4, path).join(','));
    expect(new Set(firsts).size).toBe(streams.length);
  });

  it('are uncorrelated with their parent and with their siblings', () => {
    const parent = draw(99, SAMPLE);
    const sibA = draw(99, SAMPLE, ['model', 0]);
    const sibB = draw(99, SAMPLE, ['model', 1]);
    const nextSeed = draw(100, SAMPLE);
    expect(Math.abs(correlation(parent, sibA))).toBeLessThan(INDEPENDENCE_R_MAX);
    expect(Math.abs(correlation(sibA, sibB))).toBeLessThan(INDEPENDENCE_R_MAX);
    expect(Math.abs(correlation(parent, nextSeed))).toBeLessThan(INDEPENDENCE_R_MAX);
  });

  it('clone() continues identically without disturbing the original', () => {
    const rng = createRng(8);
    rng.uniform();
    const copy = rng.clone();
    expect(copy.uniform()).toBe(rng.uniform());
  });

  it('rejects negative or fractional numeric keys', () => {
    expect(() => createRng(1).derive(-1)).toThrowError(GeoError);
    expect(() => createRng(1).derive(0.5)).toThrowError(GeoError);
  });
});
