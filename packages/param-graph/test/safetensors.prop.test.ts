import { GeoError } from '@geo/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SafetensorsTensorInput } from '../src/index.js';
import { readSafetensors, readTrajectory, trajectoryFromSnapshots, writeSafetensors, writeTrajectory } from '../src/index.js';
import { REFERENCE_DIR, loadExpected, referenceBytes } from './reference.js';

const bitsEqual = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]) || (Number.isNaN(v) && Number.isNaN(b[i] as number)));

/** Any float32 value (every bit pattern but NaN payload differences), float64 likewise. */
const f32 = fc.float({ noNaN: false });
const f64 = fc.double({ noNaN: false });
const arbTensor: fc.Arbitrary<SafetensorsTensorInput> = fc
  .tuple(fc.constantFrom('F32' as const, 'F64' as const), fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 3 }))
  .chain(([dtype, shape]) => {
    const n = shape.reduce((a, b) => a * b, 1);
    return fc
      .array(dtype === 'F32' ? f32 : f64, { minLength: n, maxLength: n })
      .map((xs) => ({ dtype, shape, data: dtype === 'F32' ? Float32Array.from(xs) : Float64Array.from(xs) }));
  });
const arbName = fc.string({ minLength: 0, maxLength: 12 }).filter((s) => s !== '__metadata__');

describe('safetensors write -> read', () => {
  it('is exact: names, dtypes, shapes, every bit (-0, NaN, subnormals), metadata', () => {
    fc.assert(
      fc.property(fc.dictionary(arbName, arbTensor, { maxKeys: 5 }), fc.option(fc.dictionary(fc.string(), fc.string(), { maxKeys: 4 })), (tensors, meta) => {
        const bytes = writeSafetensors(tensors, meta ?? undefined);
        const back = readSafetensors(bytes);
        expect(back.metadata).toEqual(meta ?? {});
        expect(Object.keys(back.tensors).sort()).toEqual(Object.keys(tensors).sort());
        for (const [k, t] of Object.entries(tensors)) {
          const r = back.tensors[k];
          expect(r?.dtype).toBe(t.dtype);
          expect(r?.shape).toEqual(t.shape);
          expect(r?.data.constructor).toBe(t.data.constructor);
          expect(bitsEqual(r?.data ?? [], t.data)).toBe(true);
        }
        // Header length is a multiple of 8, so the data section starts 8-aligned.
        expect(Number(new DataView(bytes.buffer).getBigUint64(0, true)) % 8).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * The fuzz oracle: a read that succeeded must agree with an independent parse of the same
 * (mutated) bytes: same metadata, and each tensor's data equal to the bytes at its offsets.
 */
function agreesWithOracle(bytes: Uint8Array, file: ReturnType<typeof readSafetensors>): void {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  const { __metadata__: meta, ...entries } = header as Record<string, unknown>;
  expect(file.metadata).toEqual(meta ?? {});
  expect(Object.keys(file.tensors).sort()).toEqual(Object.keys(entries).sort());
  for (const [k, t] of Object.entries(file.tensors)) {
    const e = header[k] as { dtype: string; shape: number[]; data_offsets: [number, number] };
    expect(t.dtype).toBe(e.dtype);
    expect(t.shape).toEqual(e.shape);
    const raw = bytes.slice(8 + n + e.data_offsets[0], 8 + n + e.data_offsets[1]);
    expect(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).equals(Buffer.from(raw))).toBe(true);
  }
}

/** Reads `bytes`; returns 'ok' after checking the result against the oracle, or 'error' for a GeoError. Anything else fails. */
function outcome(bytes: Uint8Array): 'ok' | 'error' {
  let file;
  try {
    file = readSafetensors(bytes);
  } catch (e) {
    if (!(e instanceof GeoError)) throw new Error(`reader threw a non-GeoError: ${String(e)}`);
    expect(e.code === 'CORRUPT_FILE' || e.code === 'UNSUPPORTED').toBe(true);
    return 'error';
  }
  agreesWithOracle(bytes, file);
  return 'ok';
}

/** Trajectory-level reads of mutated files: a Trajectory or a GeoError, nothing else. */
function trajectoryOutcome(bytes: Uint8Array): void {
  try {
    readTrajectory(bytes);
  } catch (e) {
    if (!(e instanceof GeoError)) throw new Error(`readTrajectory threw a non-GeoError: ${String(e)}`);
  }
}

describe('fuzzing the reader with byte flips and truncations of valid files', () => {
  // The reference files when GEO_REFERENCE_DIR is set (the 486 kB one adds nothing the others
  // do not, at 10x the cost), and always files of our own writer, trajectory files included.
  const files = Object.values(loadExpected())
    .map((e) => referenceBytes(e.file))
    .filter((b) => b.length < 100_000);
  files.push(writeSafetensors({ a: { dtype: 'F32', shape: [2, 3], data: new Float32Array(6).fill(1.5) }, b: { dtype: 'F64', shape: [0], data: new Float64Array(0) } }, { m: 'x' }));
  files.push(
    writeTrajectory(
      trajectoryFromSnapshots(
        [0, 1].map((t) => ({ sizes: [3, 4, 2], activation: 'tanh' as const, weights: [new Float64Array(12).fill(t - 0.5), new Float64Array(8).fill(0.25)], biases: [new Float64Array(4), new Float32Array(2).fill(-1)] })),
        [0, 5],
        { seed: 4, labels: { class: 1 } },
      ),
    ),
  );
  it(`fuzzes ${files.length} files (${REFERENCE_DIR === undefined ? 'GEO_REFERENCE_DIR unset: our own files only' : 'reference files included'})`, () => {
    expect(files.length).toBeGreaterThanOrEqual(REFERENCE_DIR === undefined ? 2 : 5);
  });

  it('byte flips (mostly in the header) give a correct read or a GeoError', () => {
    const counts = { ok: 0, error: 0 };
    for (const original of files) {
      const n = Number(new DataView(original.buffer, original.byteOffset).getBigUint64(0, true));
      fc.assert(
        fc.property(
          fc.array(
            fc.tuple(fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 8 + n - 1 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: original.length - 1 }) }), fc.integer({ min: 1, max: 255 })),
            { minLength: 1, maxLength: 4 },
          ),
          (flips) => {
            const bytes = original.slice();
            for (const [at, mask] of flips) bytes[at] = (bytes[at] as number) ^ mask;
            counts[outcome(bytes)]++;
            trajectoryOutcome(bytes);
          },
        ),
        { numRuns: 400 },
      );
    }
    // Both outcomes must actually occur, or the fuzzer is not exercising the reader.
    expect(counts.ok).toBeGreaterThan(0);
    expect(counts.error).toBeGreaterThan(0);
  });

  it('single-character substitutions in the header with JSON-significant characters', () => {
    const chars = [...'{}[]":,0123456789-.eE \\'].map((c) => c.charCodeAt(0));
    for (const original of files) {
      const n = Number(new DataView(original.buffer, original.byteOffset).getBigUint64(0, true));
      fc.assert(
        fc.property(fc.integer({ min: 8, max: 8 + n - 1 }), fc.constantFrom(...chars), (at, c) => {
          const bytes = original.slice();
          bytes[at] = c;
          outcome(bytes);
          trajectoryOutcome(bytes);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('every truncation of the small file, and random ones of the others, is a GeoError', () => {
    const small = files.reduce((a, b) => (a.length <= b.length ? a : b));
    for (let len = 0; len < small.length; len++) expect(outcome(small.subarray(0, len))).toBe('error');
    for (const original of files) {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: original.length - 1 }), (len) => {
          expect(outcome(original.subarray(0, len))).toBe('error');
          trajectoryOutcome(original.subarray(0, len));
        }),
        { numRuns: 100 },
      );
    }
  });

  it('appended garbage is a GeoError (trailing bytes are not silently ignored)', () => {
    for (const original of files) {
      const bytes = new Uint8Array(original.length + 3);
      bytes.set(original);
      expect(outcome(bytes)).toBe('error');
    }
  });
});
