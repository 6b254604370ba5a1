import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATASET_FILES, DATASET_NAMES, defaultCacheDir, erf, findDatasetFile, imageAsFloat, layerSlots, paramCount, psnr } from '../src/index.js';
import { ERF_ABS } from './tolerances.js';
import type { ImageDataset } from '../src/index.js';

describe('small public helpers', () => {
  it('defaultCacheDir: GEO_CACHE_DIR wins, then XDG_CACHE_HOME on Linux; always ends in geo/datasets otherwise', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\/[a-z]{1,8}$/), fc.stringMatching(/^\/[a-z]{1,8}$/), (a, b) => {
        expect(defaultCacheDir({ GEO_CACHE_DIR: a, XDG_CACHE_HOME: b }, 'linux')).toBe(a);
        expect(defaultCacheDir({ XDG_CACHE_HOME: b }, 'linux')).toBe(`${b}/geo/datasets`);
        expect(defaultCacheDir({}, 'linux')).toMatch(/\.cache\/geo\/datasets$/);
      }),
      { numRuns: 30 },
    );
  });

  it('findDatasetFile finds every manifest entry with and without .gz, and nothing else', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DATASET_FILES), fc.constantFrom(...DATASET_NAMES), fc.string({ maxLength: 12 }), (entry, other, junk) => {
        expect(findDatasetFile(entry.dataset, entry.name)).toBe(entry);
        expect(findDatasetFile(entry.dataset, `${entry.name}.gz`)).toBe(entry);
        if (other !== entry.dataset) expect(findDatasetFile(other, entry.name)?.dataset ?? other).toBe(other);
        if (!DATASET_FILES.some((f) => f.name === junk || `${f.name}.gz` === junk)) expect(findDatasetFile(entry.dataset, junk)).toBeUndefined();
      }),
      { numRuns: 50 },
    );
  });

  it('paramCount is the sum of fanIn x fanOut + fanOut, and layerSlots tile the vector without gaps', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 2, maxLength: 6 }), (sizes) => {
        const arch = { sizes, activation: 'relu' as const };
        let expected = 0;
        for (let l = 0; l + 1 < sizes.length; l++) expected += (sizes[l] as number) * (sizes[l + 1] as number) + (sizes[l + 1] as number);
        expect(paramCount(arch)).toBe(expected);
        let at = 0;
        for (const s of layerSlots(arch)) {
          expect(s.weight).toBe(at);
          expect(s.bias).toBe(at + s.fanIn * s.fanOut);
          at = s.bias + s.fanOut;
        }
      }),
    );
  });

  it('psnr is 10 log10(peak^2 / mse): decreasing in the error, 40 dB at 1e-4 on [0, 1]', () => {
    expect(psnr(1e-4)).toBeCloseTo(40, 12);
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1e3, noNaN: true }), fc.double({ min: 1.0001, max: 100, noNaN: true }), (mse, k) => {
        expect(psnr(mse * k)).toBeLessThan(psnr(mse));
        expect(psnr(mse, 255)).toBeCloseTo(psnr(mse) + 20 * Math.log10(255), 9);
      }),
    );
  });

  it('imageAsFloat is the bytes over maxValue, in [0, 1]', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 12, maxLength: 12 }), fc.integer({ min: 0, max: 2 }), (bytes, index) => {
        const ds: ImageDataset = { dataset: 'mnist', split: 'sample', count: 3, height: 2, width: 2, channels: 1, images: bytes, labels: new Uint8Array(3), maxValue: 255, classes: [], files: [] };
        const img = imageAsFloat(ds, index);
        for (let i = 0; i < 4; i++) {
          expect(img[i]).toBe((bytes[index * 4 + i] as number) / 255);
          expect(img[i] as number).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});

describe('erf', () => {
  it('matches known values, is odd, bounded by 1 and continuous where the method switches', () => {
    // Values from tables of the error function (Abramowitz & Stegun 7.1, 20+ digits).
    expect(Math.abs(erf(0.5) - Number('0.520499877813046537682'))).toBeLessThanOrEqual(ERF_ABS);
    expect(Math.abs(erf(1) - Number('0.842700792949714869341'))).toBeLessThanOrEqual(ERF_ABS);
    expect(Math.abs(erf(2) - Number('0.995322265018952734162'))).toBeLessThanOrEqual(ERF_ABS);
    expect(Math.abs(erf(3) - Number('0.999977909503001414558'))).toBeLessThanOrEqual(ERF_ABS);
    // Across the switch at 2 the step is the derivative's, (2/sqrt(pi)) e^-4 h, not a jump.
    expect(Math.abs(erf(2 + 1e-12) - erf(2) - (2 / Math.sqrt(Math.PI)) * Math.exp(-4) * 1e-12)).toBeLessThanOrEqual(ERF_ABS);
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (x) => {
        expect(erf(-x) + erf(x)).toBe(0); // odd (and exactly so: the series and fraction are sign-symmetric)
        expect(Math.abs(erf(x))).toBeLessThanOrEqual(1);
      }),
    );
  });
});
