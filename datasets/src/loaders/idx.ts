import { GeoError } from '@geo/core';

/** A parsed IDX file of unsigned bytes: its dimensions and data, row-major. */
export interface IdxArray {
  readonly dims: readonly number[];
  readonly data: Uint8Array;
}

/** IDX type code of unsigned bytes, the only one MNIST-style files use. */
const UBYTE = 0x08;

/**
 * Parses an IDX file (the MNIST format: big-endian magic `00 00 08 ndim`, then `ndim`
 * uint32 sizes, then the bytes). `expectedDims` (e.g. 3 for images, 1 for labels) is
 * checked against the magic number. Wrong magic, truncation and trailing bytes are
 * `CORRUPT_FILE` GeoErrors naming `file`.
 *
 * @example
 * parseIdx(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 7, 9]), 'labels', 1) // { dims: [2], data: [7, 9] }
 */
export function parseIdx(bytes: Uint8Array, file: string, expectedDims?: number): IdxArray {
  if (bytes.length < 4) {
    throw new GeoError('CORRUPT_FILE', `${file}: truncated, an IDX file needs a 4-byte magic number, got ${bytes.length} bytes`, {
      argument: file,
      expected: '>= 4 bytes',
      actual: bytes.length,
    });
  }
  const ndim = bytes[3] as number;
  const magic = ((bytes[0] as number) << 24) | ((bytes[1] as number) << 16) | ((bytes[2] as number) << 8) | ndim;
  const wantMagic = expectedDims === undefined ? undefined : (UBYTE << 8) | expectedDims;
  if (bytes[0] !== 0 || bytes[1] !== 0 || bytes[2] !== UBYTE || ndim === 0 || (wantMagic !== undefined && magic !== wantMagic)) {
    const hex = (v: number): string => `0x${(v >>> 0).toString(16).padStart(8, '0')}`;
    throw new GeoError('CORRUPT_FILE', `${file}: wrong magic number ${hex(magic)}, expected ${wantMagic === undefined ? '0x000008NN (unsigned-byte IDX)' : hex(wantMagic)}`, {
      argument: file,
      expected: wantMagic === undefined ? 'unsigned-byte IDX magic' : hex(wantMagic),
      actual: hex(magic),
    });
  }
  const header = 4 + 4 * ndim;
  if (bytes.length < header) {
    throw new GeoError('CORRUPT_FILE', `${file}: truncated header, expected ${header} bytes, got ${bytes.length}`, {
      argument: file,
      expected: header,
      actual: bytes.length,
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let size = 1;
  for (let i = 0; i < ndim; i++) {
    const d = view.getUint32(4 + 4 * i, false);
    dims.push(d);
    size *= d;
  }
  const expected = header + size;
  if (bytes.length !== expected) {
    throw new GeoError('CORRUPT_FILE', `${file}: ${bytes.length < expected ? 'truncated' : 'trailing bytes'}, dimensions [${dims.join(', ')}] need ${expected} bytes, got ${bytes.length}`, {
      argument: file,
      expected,
      actual: bytes.length,
    });
  }
  return { dims, data: bytes.subarray(header) };
}

/**
 * Encodes unsigned bytes as an IDX file (the inverse of `parseIdx`).
 *
 * @example
 * encodeIdx([2], new Uint8Array([7, 9])) // Uint8Array [0, 0, 8, 1, 0, 0, 0, 2, 7, 9]
 */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  let size = 1;
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0 || d > 0xffffffff) {
      throw new GeoError('BAD_SHAPE', `dims must be uint32 sizes, got [${dims.join(', ')}]`, { argument: 'dims', actual: [...dims] });
    }
    size *= d;
  }
  if (dims.length === 0 || dims.length > 255) {
    throw new GeoError('BAD_SHAPE', `dims must have 1..255 entries, got ${dims.length}`, { argument: 'dims', actual: dims.length });
  }
  if (data.length !== size) {
    throw new GeoError('BAD_LENGTH', `data must hold ${size} bytes for dims [${dims.join(', ')}], got ${data.length}`, {
      argument: 'data',
      expected: size,
      actual: data.length,
    });
  }
  const out = new Uint8Array(4 + 4 * dims.length + size);
  out[2] = UBYTE;
  out[3] = dims.length;
  const view = new DataView(out.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}
