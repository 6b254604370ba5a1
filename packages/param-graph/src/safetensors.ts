import { GeoError, describe } from '@geo/core';
import type { SafetensorsDtype, SafetensorsReadOptions } from './safetensors-header.js';
import { dtypeBytes, parseSafetensorsHeader, readSafetensorsHeaderLength, setOwn } from './safetensors-header.js';

/** A decoded tensor: row-major data of `prod(shape)` elements. */
export interface SafetensorsTensor {
  readonly dtype: SafetensorsDtype;
  readonly shape: number[];
  readonly data: Float32Array | Float64Array;
}

/** The contents of a safetensors file. */
export interface SafetensorsFile {
  readonly metadata: Record<string, string>;
  readonly tensors: Record<string, SafetensorsTensor>;
}

/** A tensor to write: `data` must be a Float32Array for F32 and a Float64Array for F64. */
export interface SafetensorsTensorInput {
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
  readonly data: Float32Array | Float64Array;
}

/** True on little-endian hosts (all common ones), where file bytes can be copied straight into typed arrays. */
function hostIsLittleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

/**
 * Decodes `bytes` (little-endian IEEE-754 values, exactly `numel * width` bytes) into a
 * fresh, aligned typed array. Bit patterns are kept, so -0 and NaN payloads survive.
 *
 * @example
 * decodeTensorBytes(new Uint8Array(new Float64Array([1.5]).buffer), 'F64') // Float64Array [1.5]
 */
export function decodeTensorBytes(bytes: Uint8Array, dtype: SafetensorsDtype): Float32Array | Float64Array {
  const width = dtypeBytes(dtype);
  if (bytes.length % width !== 0) {
    throw new GeoError('BAD_LENGTH', `bytes: ${bytes.length} bytes is not a whole number of ${dtype} values`, {
      argument: 'bytes',
      actual: bytes.length,
    });
  }
  const n = bytes.length / width;
  if (hostIsLittleEndian()) {
    // A fresh, 8-byte-aligned buffer. Not bytes.slice(): on a Node Buffer that is a view into the shared pool.
    const copy = new Uint8Array(bytes);
    return dtype === 'F32' ? new Float32Array(copy.buffer, 0, n) : new Float64Array(copy.buffer, 0, n);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (dtype === 'F32') {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = view.getFloat32(4 * i, true);
    return out;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getFloat64(8 * i, true);
  return out;
}

/**
 * Reads a whole safetensors file held in memory. Every structural problem (truncation,
 * oversized or malformed header, offsets out of range, overlapping or non-contiguous data,
 * dtype/shape disagreeing with the offsets) is a `GeoError` with code `CORRUPT_FILE`; a
 * well-formed file with a dtype other than F32/F64 is `UNSUPPORTED` (or skipped with
 * `skipUnsupported`). Tensors are copied, so the result does not alias `bytes`.
 *
 * @example
 * const { metadata, tensors } = readSafetensors(bytes);
 * tensors['layers.0.weight'].shape // [12, 32, 2]
 * metadata.activation              // 'sin'
 */
export function readSafetensors(
  bytes: Uint8Array,
  options: SafetensorsReadOptions & { readonly skipUnsupported?: boolean } = {},
): SafetensorsFile {
  const name = options.name ?? 'bytes';
  if (!(bytes instanceof Uint8Array)) {
    throw new GeoError('BAD_TYPE', `${name} must be a Uint8Array, got ${describe(bytes)}`, { argument: name, actual: describe(bytes) });
  }
  const n = readSafetensorsHeaderLength(bytes, bytes.length, options);
  const header = parseSafetensorsHeader(bytes.subarray(8, 8 + n), bytes.length, options);
  const tensors: Record<string, SafetensorsTensor> = {};
  for (const [key, entry] of Object.entries(header.tensors)) {
    const [begin, end] = entry.dataOffsets;
    const data = decodeTensorBytes(bytes.subarray(header.dataStart + begin, header.dataStart + end), entry.dtype);
    setOwn(tensors, key, { dtype: entry.dtype, shape: [...entry.shape], data });
  }
  return { metadata: header.metadata, tensors };
}

function badTensor(key: string, message: string, actual?: unknown): GeoError {
  return new GeoError('BAD_SHAPE', `tensors[${JSON.stringify(key)}]: ${message}`, { argument: `tensors.${key}`, actual });
}

/**
 * Serialises tensors and string metadata as a safetensors file: an 8-byte little-endian
 * header length N, N bytes of JSON (`__metadata__` first, then one
 * `{dtype, shape, data_offsets}` per tensor) padded with spaces so the data starts on an
 * 8-byte boundary, then the raw little-endian tensors back to back in the order given.
 *
 * @example
 * const bytes = writeSafetensors({ w: { dtype: 'F64', shape: [2], data: new Float64Array([1, -0]) } }, { seed: '1' });
 * readSafetensors(bytes).tensors.w.data // Float64Array [1, -0]
 */
export function writeSafetensors(tensors: Record<string, SafetensorsTensorInput>, metadata?: Record<string, string>): Uint8Array {
  if (typeof tensors !== 'object' || tensors === null) {
    throw new GeoError('BAD_TYPE', 'tensors must be an object of named tensors', { argument: 'tensors', actual: describe(tensors) });
  }
  const header: Record<string, unknown> = {};
  if (metadata !== undefined) {
    if (typeof metadata !== 'object' || metadata === null) {
      throw new GeoError('BAD_TYPE', 'metadata must be an object of strings', { argument: 'metadata', actual: describe(metadata) });
    }
    const meta: Record<string, string> = {};
    for (const [k, v] of Object.entries(metadata)) {
      if (typeof v !== 'string') {
        throw new GeoError('BAD_TYPE', `metadata.${k} must be a string, got ${describe(v)}`, { argument: `metadata.${k}`, actual: v });
      }
      setOwn(meta, k, v);
    }
    header['__metadata__'] = meta;
  }
  const list: { key: string; t: SafetensorsTensorInput; bytes: number }[] = [];
  let offset = 0;
  for (const [key, t] of Object.entries(tensors)) {
    if (key === '__metadata__') throw badTensor(key, 'the name __metadata__ is reserved');
    if (typeof t !== 'object' || t === null) throw badTensor(key, 'must be { dtype, shape, data }');
    if (t.dtype !== 'F32' && t.dtype !== 'F64') {
      throw new GeoError('UNSUPPORTED', `tensors[${JSON.stringify(key)}].dtype must be "F32" or "F64", got ${describe(t.dtype)}`, {
        argument: `tensors.${key}.dtype`,
        expected: ['F32', 'F64'],
        actual: t.dtype,
      });
    }
    const wantF32 = t.dtype === 'F32';
    if (wantF32 ? !(t.data instanceof Float32Array) : !(t.data instanceof Float64Array)) {
      throw badTensor(key, `dtype ${t.dtype} needs a ${wantF32 ? 'Float32Array' : 'Float64Array'}, got ${describe(t.data)}`, describe(t.data));
    }
    if (!Array.isArray(t.shape) || !t.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      throw badTensor(key, 'shape must be an array of non-negative integers', t.shape);
    }
    const numel = t.shape.reduce((a, b) => a * b, 1);
    if (numel !== t.data.length) throw badTensor(key, `shape [${t.shape.join(', ')}] holds ${numel} values, data has ${t.data.length}`, t.data.length);
    const bytes = t.data.byteLength;
    setOwn(header, key, { dtype: t.dtype, shape: [...t.shape], data_offsets: [offset, offset + bytes] });
    list.push({ key, t, bytes });
    offset += bytes;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const n = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + n + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, n, true);
  view.setUint32(4, 0, true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + n);
  let at = 8 + n;
  const le = hostIsLittleEndian();
  for (const { t, bytes } of list) {
    if (le) {
      out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, bytes), at);
    } else if (t.data instanceof Float32Array) {
      for (let i = 0; i < t.data.length; i++) view.setFloat32(at + 4 * i, t.data[i] as number, true);
    } else {
      for (let i = 0; i < t.data.length; i++) view.setFloat64(at + 8 * i, t.data[i] as number, true);
    }
    at += bytes;
  }
  return out;
}
