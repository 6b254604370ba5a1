import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GeoError } from '@geo/core';
import {
  encodeCifar10,
  encodeDigitsCsv,
  encodeIdx,
  gunzipIfNeeded,
  parseCifar10,
  parseDigitsCsv,
  parseIdx,
  readTarMembers,
  sha256Hex,
  verifyChecksum,
  writeTar,
} from '../src/index.js';

const RUNS = { numRuns: 40 };

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof GeoError ? `${e.code}:${e.argument}` : 'not a GeoError';
  }
  return undefined;
}

const idxCase = fc
  .array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 })
  .chain((dims) => fc.tuple(fc.constant(dims), fc.uint8Array({ minLength: dims.reduce((a, b) => a * b, 1), maxLength: dims.reduce((a, b) => a * b, 1) })));

describe('IDX', () => {
  it('parseIdx inverts encodeIdx', () => {
    fc.assert(
      fc.property(idxCase, ([dims, data]) => {
        const back = parseIdx(encodeIdx(dims, data), 'f', dims.length);
        expect(back.dims).toEqual(dims);
        expect(Array.from(back.data)).toEqual(Array.from(data));
      }),
      RUNS,
    );
  });

  it('any truncation, trailing byte or changed magic byte is CORRUPT_FILE naming the file', () => {
    fc.assert(
      fc.property(idxCase, fc.nat(), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 255 }), ([dims, data], cut, at, xor) => {
        const bytes = encodeIdx(dims, data);
        expect(codeOf(() => parseIdx(bytes.subarray(0, cut % bytes.length), 'f.idx', dims.length))).toBe('CORRUPT_FILE:f.idx');
        const longer = new Uint8Array(bytes.length + 1);
        longer.set(bytes);
        expect(codeOf(() => parseIdx(longer, 'f.idx', dims.length))).toBe('CORRUPT_FILE:f.idx');
        const bad = bytes.slice();
        bad[at] = (bad[at] as number) ^ xor;
        expect(codeOf(() => parseIdx(bad, 'f.idx', dims.length))).toBe('CORRUPT_FILE:f.idx');
      }),
      RUNS,
    );
  });
});

describe('CIFAR-10 batches', () => {
  it('parseCifar10 inverts encodeCifar10; lengths off a record boundary are CORRUPT_FILE', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3072 }), fc.nat(), (n, cut, seed) => {
        const images = Uint8Array.from({ length: n * 3072 }, (_, i) => (i * 31 + seed) & 255);
        const labels = Uint8Array.from({ length: n }, (_, i) => (i + seed) % 10);
        const bytes = encodeCifar10(images, labels);
        const back = parseCifar10(bytes, 'b');
        expect(back.count).toBe(n);
        expect(Buffer.compare(back.images, images)).toBe(0);
        expect(Array.from(back.labels)).toEqual(Array.from(labels));
        expect(codeOf(() => parseCifar10(bytes.subarray(0, bytes.length - cut), 'b.bin'))).toBe('CORRUPT_FILE:b.bin');
      }),
      { numRuns: 15 },
    );
  });
});

describe('digits CSV', () => {
  it('parseDigitsCsv inverts encodeDigitsCsv; an out-of-range value is CORRUPT_FILE', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.nat(), (n, seed) => {
        const images = Uint8Array.from({ length: n * 64 }, (_, i) => (i * 7 + seed) % 17);
        const labels = Uint8Array.from({ length: n }, (_, i) => (i + seed) % 10);
        const back = parseDigitsCsv(encodeDigitsCsv(images, labels), 'd');
        expect(Array.from(back.images)).toEqual(Array.from(images));
        expect(Array.from(back.labels)).toEqual(Array.from(labels));
        const text = new TextDecoder().decode(encodeDigitsCsv(images, labels)).replace(/^\d+,/, '17,');
        expect(codeOf(() => parseDigitsCsv(new TextEncoder().encode(text), 'd.csv'))).toBe('CORRUPT_FILE:d.csv');
      }),
      RUNS,
    );
  });
});

describe('checksums and gzip', () => {
  it('verifyChecksum accepts the exact bytes (raw or gzip) and rejects any flipped byte or truncation', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (data, at, xor) => {
        const raw = { sha256: sha256Hex(data), bytes: data.length };
        expect(Array.from(verifyChecksum(data, 'f', { raw }))).toEqual(Array.from(data));
        const gz = new Uint8Array(gzipSync(data));
        expect(Array.from(verifyChecksum(gz, 'f.gz', { raw }))).toEqual(Array.from(data)); // recompressed copy
        expect(Array.from(verifyChecksum(gz, 'f.gz', { gz: { sha256: sha256Hex(gz), bytes: gz.length } }))).toEqual(Array.from(data));
        const flipped = data.slice();
        flipped[at % data.length] = (flipped[at % data.length] as number) ^ xor;
        if (flipped[0] === 0x1f && flipped[1] === 0x8b) return; // now looks like gzip: covered below
        expect(codeOf(() => verifyChecksum(flipped, 'f', { raw }))).toBe('CHECKSUM_MISMATCH:f');
        expect(codeOf(() => verifyChecksum(data.subarray(0, at % data.length), 'f', { raw }))).toBe('CORRUPT_FILE:f');
      }),
      RUNS,
    );
  });

  it('gunzipIfNeeded inverts gzip, passes other bytes through, and calls a cut stream CORRUPT_FILE', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 500 }), fc.integer({ min: 1, max: 10 }), (data, cut) => {
        const gz = new Uint8Array(gzipSync(data));
        expect(Array.from(gunzipIfNeeded(gz, 'f'))).toEqual(Array.from(data));
        if (!(data[0] === 0x1f && data[1] === 0x8b)) expect(gunzipIfNeeded(data, 'f')).toBe(data);
        expect(codeOf(() => gunzipIfNeeded(gz.subarray(0, gz.length - cut), 'f.gz'))).toBe('CORRUPT_FILE:f.gz');
      }),
      RUNS,
    );
  });

  it('readTarMembers inverts writeTar', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 1500 }), { minLength: 1, maxLength: 4 }), (datas) => {
        const files = datas.map((data, i) => ({ name: `dir/f${i}.bin`, data }));
        const members = readTarMembers(writeTar(files), 'a.tar');
        for (const f of files) expect(Array.from(members.get(f.name) ?? [])).toEqual(Array.from(f.data));
      }),
      RUNS,
    );
  });
});
