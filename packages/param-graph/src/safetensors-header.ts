import { GeoError } from '@geo/core';

/** The dtypes this package decodes: IEEE-754 binary32 and binary64, little-endian. */
export type SafetensorsDtype = 'F32' | 'F64';

/** One tensor's entry in a safetensors header: offsets are relative to the start of the data section. */
export interface SafetensorsHeaderEntry {
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
  /** `[begin, end)` in bytes from the start of the data section. */
  readonly dataOffsets: readonly [number, number];
}

/** A parsed and validated safetensors header. */
export interface SafetensorsHeader {
  /** Length N of the JSON header in bytes (the u64 at the start of the file). */
  readonly headerLength: number;
  /** Byte offset of the data section in the file: 8 + N. */
  readonly dataStart: number;
  /** The `__metadata__` strings (empty when the file has none). */
  readonly metadata: Record<string, string>;
  /** Tensor entries keyed by name, in data-offset order. */
  readonly tensors: Record<string, SafetensorsHeaderEntry>;
}

/** Options shared by the safetensors readers. */
export interface SafetensorsReadOptions {
  /** Largest header accepted, in bytes (default 100 MB, the limit of the reference Rust implementation). */
  readonly maxHeaderBytes?: number;
  /** Name used for the input in error messages (a path, or `bytes`). */
  readonly name?: string;
}

/**
 * Default header-size limit: the `MAX_HEADER_SIZE` of huggingface/safetensors.
 *
 * @example
 * readSafetensors(bytes, { maxHeaderBytes: SAFETENSORS_MAX_HEADER_BYTES / 100 }) // a stricter limit
 */
export const SAFETENSORS_MAX_HEADER_BYTES = 100_000_000;

/** Byte width of every dtype the safetensors format defines (so offsets can be checked even where we do not decode). */
const DTYPE_BYTES: Readonly<Record<string, number>> = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E5M2: 1,
  F8_E4M3: 1,
  F8_E8M0: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  F64: 8,
  I64: 8,
  U64: 8,
  C64: 8,
};

/**
 * Bytes per element of a decodable dtype.
 *
 * @example
 * dtypeBytes('F32') // 4
 */
export function dtypeBytes(dtype: SafetensorsDtype): number {
  return dtype === 'F32' ? 4 : 8;
}

function corrupt(name: string, message: string, actual?: unknown): GeoError {
  return new GeoError('CORRUPT_FILE', `${name}: ${message}`, { argument: name, actual });
}

/**
 * Reads the 8-byte little-endian header length at the start of a safetensors file and
 * checks it against the file size and the header limit.
 *
 * @example
 * readSafetensorsHeaderLength(bytes.subarray(0, 8), bytes.length) // 648
 */
export function readSafetensorsHeaderLength(prefix: Uint8Array, fileLength: number, options: SafetensorsReadOptions = {}): number {
  const name = options.name ?? 'bytes';
  const limit = options.maxHeaderBytes ?? SAFETENSORS_MAX_HEADER_BYTES;
  if (prefix.length < 8 || fileLength < 8) {
    throw corrupt(name, `truncated: a safetensors file starts with an 8-byte header length, got ${Math.min(prefix.length, fileLength)} bytes`, fileLength);
  }
  const view = new DataView(prefix.buffer, prefix.byteOffset, 8);
  const lo = view.getUint32(0, true);
  const hi = view.getUint32(4, true);
  // Anything at or above 2^32 is far beyond every limit; do not build a lossy double from it.
  if (hi !== 0 || lo > limit) {
    const n = hi * 4294967296 + lo;
    throw new GeoError('CORRUPT_FILE', `${name}: header length ${n} exceeds the limit of ${limit} bytes`, {
      argument: name,
      expected: `<= ${limit}`,
      actual: n,
    });
  }
  if (lo < 2) throw corrupt(name, `header length ${lo} is too small to hold a JSON object`, lo);
  if (8 + lo > fileLength) {
    throw corrupt(name, `truncated: header length ${lo} runs past the end of the ${fileLength}-byte file`, lo);
  }
  return lo;
}

/**
 * Defines an own enumerable property, so a key such as `__proto__` in a hostile file stays plain data.
 *
 * @example
 * setOwn(record, '__proto__', value) // Object.keys(record) includes '__proto__'
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isSafeNonNegativeInteger(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

/**
 * Parses and validates the JSON header of a safetensors file whose total size is
 * `fileLength`: every entry has a known dtype, a shape of non-negative integers, and
 * `data_offsets` whose width is exactly `prod(shape) * bytes(dtype)`; the entries, in
 * offset order, tile the data section with no gap, overlap or trailing bytes.
 * `headerBytes` is the N bytes after the length prefix.
 *
 * @example
 * const n = readSafetensorsHeaderLength(bytes, bytes.length);
 * const header = parseSafetensorsHeader(bytes.subarray(8, 8 + n), bytes.length);
 * header.tensors['layers.0.weight'].shape // [12, 32, 2]
 */
export function parseSafetensorsHeader(
  headerBytes: Uint8Array,
  fileLength: number,
  options: SafetensorsReadOptions & { readonly skipUnsupported?: boolean } = {},
): SafetensorsHeader {
  const name = options.name ?? 'bytes';
  const headerLength = headerBytes.length;
  const dataStart = 8 + headerLength;
  const dataLength = fileLength - dataStart;
  if (dataLength < 0) throw corrupt(name, `truncated: file of ${fileLength} bytes is shorter than its header`, fileLength);

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(headerBytes);
  } catch (cause) {
    throw new GeoError('CORRUPT_FILE', `${name}: header is not valid UTF-8`, { argument: name, cause });
  }
  // The format requires the header to start with '{' (trailing spaces are the padding).
  if (!text.startsWith('{')) throw corrupt(name, 'header does not start with "{"', text.slice(0, 16));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new GeoError('CORRUPT_FILE', `${name}: header is not valid JSON (${(cause as Error).message})`, { argument: name, cause });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw corrupt(name, 'header is not a JSON object');

  const metadata: Record<string, string> = {};
  const entries: { key: string; entry: SafetensorsHeaderEntry | null; begin: number; end: number }[] = [];
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (key === '__metadata__') {
      if (value === null) continue;
      if (typeof value !== 'object' || Array.isArray(value)) throw corrupt(name, '__metadata__ must be an object of strings');
      for (const [mk, mv] of Object.entries(value as Record<string, unknown>)) {
        if (typeof mv !== 'string') throw corrupt(name, `__metadata__.${mk} must be a string, got ${typeof mv}`, mv);
        setOwn(metadata, mk, mv);
      }
      continue;
    }
    const where = `tensor ${JSON.stringify(key)}`;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw corrupt(name, `${where}: entry is not an object`);
    const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
    if (typeof dtype !== 'string' || !(dtype in DTYPE_BYTES)) throw corrupt(name, `${where}: unknown dtype ${JSON.stringify(dtype)}`, dtype);
    if (!Array.isArray(shape) || !shape.every(isSafeNonNegativeInteger)) {
      throw corrupt(name, `${where}: shape must be an array of non-negative integers`, shape);
    }
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isSafeNonNegativeInteger)) {
      throw corrupt(name, `${where}: data_offsets must be two non-negative integers`, offsets);
    }
    const [begin, end] = offsets as [number, number];
    if (begin > end) throw corrupt(name, `${where}: data_offsets [${begin}, ${end}] are reversed`, offsets);
    if (end > dataLength) {
      throw corrupt(name, `${where}: data_offsets [${begin}, ${end}] run past the ${dataLength}-byte data section (truncated file?)`, offsets);
    }
    let numel = 1;
    for (const d of shape as number[]) {
      numel *= d;
      if (!Number.isSafeInteger(numel)) throw corrupt(name, `${where}: shape [${shape.join(', ')}] overflows`, shape);
    }
    const width = DTYPE_BYTES[dtype] as number;
    if (numel * width !== end - begin) {
      throw corrupt(
        name,
        `${where}: dtype ${dtype} and shape [${shape.join(', ')}] need ${numel * width} bytes, data_offsets give ${end - begin}`,
        { dtype, shape, offsets },
      );
    }
    let entry: SafetensorsHeaderEntry | null = null;
    if (dtype === 'F32' || dtype === 'F64') {
      entry = { dtype, shape: [...(shape as number[])], dataOffsets: [begin, end] };
    } else if (options.skipUnsupported !== true) {
      throw new GeoError('UNSUPPORTED', `${name}: ${where} has dtype ${dtype}; only F32 and F64 are decoded`, {
        argument: name,
        expected: ['F32', 'F64'],
        actual: dtype,
      });
    }
    entries.push({ key, entry, begin, end });
  }

  // Data must be contiguous: sorted by offset, each tensor starts where the previous ended.
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  for (const e of entries) {
    if (e.begin !== cursor) {
      throw corrupt(
        name,
        `tensor ${JSON.stringify(e.key)} starts at ${e.begin} but the previous tensor ends at ${cursor} (${e.begin > cursor ? 'gap' : 'overlap'})`,
        [e.begin, e.end],
      );
    }
    cursor = e.end;
  }
  if (cursor !== dataLength) {
    throw corrupt(name, `tensors cover ${cursor} bytes but the data section holds ${dataLength} (trailing bytes)`, dataLength);
  }
  const tensors: Record<string, SafetensorsHeaderEntry> = {};
  for (const e of entries) if (e.entry !== null) setOwn(tensors, e.key, e.entry);
  return { headerLength, dataStart, metadata, tensors };
}
