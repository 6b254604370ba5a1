import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readSafetensors, writeSafetensors } from '../src/index.js';
import { REFERENCE_DIR, loadExpected, referenceBytes } from './reference.js';
import { caught, craft, poke } from './helpers.js';
import { TENSOR_SUM_REL_L1 } from './tolerances.js';

const rawBytes = (x: Float32Array | Float64Array): Uint8Array => new Uint8Array(x.buffer, x.byteOffset, x.byteLength);

describe.skipIf(REFERENCE_DIR === undefined)('readSafetensors on the reference files (GEO_REFERENCE_DIR)', () => {
  const expected = loadExpected();
  it('has reference cases', () => {
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(4);
    expect(new Uint8Array(new Uint16Array([1]).buffer)[0]).toBe(1); // the SHA-256 checks read host bytes as little-endian
  });
  for (const [id, exp] of Object.entries(expected)) {
    it(`reads ${id} exactly: metadata, dtype, shape, SHA-256, sum, first five, last`, () => {
      const file = readSafetensors(referenceBytes(exp.file), { name: exp.file });
      expect(file.metadata).toEqual(exp.metadata);
      expect(Object.keys(file.tensors).sort()).toEqual(Object.keys(exp.tensors).sort());
      for (const [key, t] of Object.entries(exp.tensors)) {
        const got = file.tensors[key];
        if (got === undefined) throw new Error(`missing ${key}`);
        expect(got.dtype).toBe(t.dtype);
        expect(got.shape).toEqual(t.shape);
        expect(got.data).toBeInstanceOf(t.dtype === 'F32' ? Float32Array : Float64Array);
        expect(got.data.length).toBe(t.shape.reduce((a, b) => a * b, 1));
        expect(createHash('sha256').update(rawBytes(got.data)).digest('hex')).toBe(t.sha256);
        let sum = 0;
        let l1 = 0;
        for (const v of got.data) {
          sum += v;
          l1 += Math.abs(v);
        }
        expect(Math.abs(sum - t.sum)).toBeLessThanOrEqual(TENSOR_SUM_REL_L1 * l1);
        // Object.is: the first five and the last must match bit for bit, -0 included.
        t.first.forEach((v, i) => expect(Object.is(got.data[i], v), `${key}[${i}] = ${got.data[i]} vs ${v}`).toBe(true));
        expect(Object.is(got.data[got.data.length - 1], t.last)).toBe(true);
      }
    });
  }
  it('keeps the zero weight and the negative zero bias of the single-layer file', () => {
    const file = readSafetensors(referenceBytes('mlp-5-3-f64-single.safetensors'));
    expect(Object.is(file.tensors['layers.0.weight']?.data[0], 0)).toBe(true);
    expect(Object.is(file.tensors['layers.0.bias']?.data[0], -0)).toBe(true);
  });
  it('reads a Node Buffer from a shared pool (not only a fresh Uint8Array) correctly', () => {
    const exp = expected['mlp-5-3-f64-single'];
    if (exp === undefined) throw new Error('missing case');
    const bytes = referenceBytes(exp.file);
    // A small Buffer lives at an offset inside Node's shared pool, where Buffer#slice is a view.
    const pooled = Buffer.from(bytes);
    const shifted = Buffer.concat([Buffer.alloc(3), pooled]).subarray(3);
    for (const b of [pooled, shifted]) {
      const t = readSafetensors(b).tensors['layers.0.weight'];
      expect(createHash('sha256').update(rawBytes(t?.data ?? new Float64Array())).digest('hex')).toBe(exp.tensors['layers.0.weight']?.sha256);
    }
  });
  it('writes back every reference file byte for byte', () => {
    for (const exp of Object.values(expected)) {
      const bytes = referenceBytes(exp.file);
      const { metadata, tensors } = readSafetensors(bytes);
      expect(Buffer.from(writeSafetensors(tensors, metadata)).equals(Buffer.from(bytes)), exp.file).toBe(true);
    }
  });
});

describe('writeSafetensors follows the format', () => {
  it('8-byte LE length, space-padded JSON header, contiguous data in offset order', () => {
    const a = new Float32Array([1, -0, 3.5]);
    const b = new Float64Array([Math.PI, -1e-300]);
    const bytes = writeSafetensors({ a: { dtype: 'F32', shape: [3], data: a }, b: { dtype: 'F64', shape: [1, 2], data: b } }, { k: 'v' });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const text = new TextDecoder().decode(bytes.subarray(8, 8 + n));
    expect(text.trimEnd().length).toBeGreaterThan(0);
    expect(/^ *$/.test(text.slice(text.trimEnd().length))).toBe(true);
    const header = JSON.parse(text) as Record<string, { data_offsets: [number, number] }>;
    expect(header['__metadata__']).toEqual({ k: 'v' });
    expect(header['a']).toEqual({ dtype: 'F32', shape: [3], data_offsets: [0, 12] });
    expect(header['b']).toEqual({ dtype: 'F64', shape: [1, 2], data_offsets: [12, 28] });
    expect(bytes.length).toBe(8 + n + 28);
    const view = new DataView(bytes.buffer, 8 + n);
    expect(view.getFloat32(0, true)).toBe(1);
    expect(Object.is(view.getFloat32(4, true), -0)).toBe(true);
    expect(view.getFloat64(12, true)).toBe(Math.PI);
    expect(view.getFloat64(20, true)).toBe(-1e-300);
  });
  it('rejects bad tensors with a GeoError naming them', () => {
    const f64 = new Float64Array(4);
    expect(caught(() => writeSafetensors({ w: { dtype: 'F32', shape: [4], data: f64 } })).argument).toBe('tensors.w');
    expect(caught(() => writeSafetensors({ w: { dtype: 'F64', shape: [3], data: f64 } })).code).toBe('BAD_SHAPE');
    expect(caught(() => writeSafetensors({ w: { dtype: 'F64', shape: [2, -2], data: f64 } })).code).toBe('BAD_SHAPE');
    expect(caught(() => writeSafetensors({ w: { dtype: 'F16' as 'F32', shape: [4], data: f64 } })).code).toBe('UNSUPPORTED');
    expect(caught(() => writeSafetensors({ __metadata__: { dtype: 'F64', shape: [4], data: f64 } })).argument).toBe('tensors.__metadata__');
    expect(caught(() => writeSafetensors({}, { k: 1 as unknown as string })).argument).toBe('metadata.k');
  });
  it('writes an empty file that reads back', () => {
    expect(readSafetensors(writeSafetensors({}))).toEqual({ metadata: {}, tensors: {} });
  });
});

describe('readSafetensors refuses corrupt files with a GeoError naming the problem', () => {
  const data = new Uint8Array(new Float64Array([1, 2]).buffer);
  const good = { __metadata__: { a: 'b' }, x: { dtype: 'F64', shape: [2], data_offsets: [0, 16] } };
  const cases: [string, Uint8Array, RegExp, string?][] = [
    ['empty', new Uint8Array(0), /truncated/],
    ['shorter than the length prefix', new Uint8Array(5), /truncated/],
    ['oversized header (u64 high word)', craft(good, data, { length: 1n << 40n }), /exceeds the limit/],
    ['header past the end of the file', craft(good, data, { length: 4096n }), /runs past the end/],
    ['not UTF-8', poke(craft('{"ab":"cd"}'), 10, 0xff), /UTF-8/],
    ['not JSON', craft('{"x": ', data), /not valid JSON/],
    ['not an object', craft('[1, 2]', data), /does not start with/],
    ['JSON null-ish', craft('{}x', data), /not valid JSON/],
    ['metadata not strings', craft({ __metadata__: { a: 1 }, x: good.x }, data), /must be a string/],
    ['unknown dtype', craft({ x: { dtype: 'F65', shape: [2], data_offsets: [0, 16] } }, data), /unknown dtype/],
    ['fractional shape', craft({ x: { dtype: 'F64', shape: [2.5], data_offsets: [0, 16] } }, data), /shape must be/],
    ['negative shape', craft({ x: { dtype: 'F64', shape: [-2], data_offsets: [0, 16] } }, data), /shape must be/],
    ['missing offsets', craft({ x: { dtype: 'F64', shape: [2] } }, data), /data_offsets must be/],
    ['reversed offsets', craft({ x: { dtype: 'F64', shape: [2], data_offsets: [16, 0] } }, data), /reversed/],
    ['offsets out of range', craft({ x: { dtype: 'F64', shape: [2], data_offsets: [0, 24] } }, data), /run past/],
    ['dtype/shape disagree with offsets', craft({ x: { dtype: 'F32', shape: [2], data_offsets: [0, 16] } }, data), /need 8 bytes/],
    ['shape disagrees with offsets', craft({ x: { dtype: 'F64', shape: [3], data_offsets: [0, 16] } }, data), /need 24 bytes/],
    ['gap', craft({ x: { dtype: 'F64', shape: [1], data_offsets: [8, 16] } }, data), /gap/],
    [
      'overlap',
      craft({ x: { dtype: 'F64', shape: [2], data_offsets: [0, 16] }, y: { dtype: 'F64', shape: [1], data_offsets: [8, 16] } }, data),
      /overlap/,
    ],
    ['trailing bytes', craft({ x: { dtype: 'F64', shape: [1], data_offsets: [0, 8] } }, data), /trailing/],
    ['truncated data', craft(good, data).subarray(0, 8 + 80 + 8), /run past|truncated/],
  ];
  for (const [label, bytes, message] of cases) {
    it(label, () => {
      const e = caught(() => readSafetensors(bytes, { name: 'f.safetensors' }));
      expect(e.code).toBe('CORRUPT_FILE');
      expect(e.argument).toBe('f.safetensors');
      expect(e.message).toMatch(message);
      expect(e.message.startsWith('f.safetensors: ')).toBe(true);
    });
  }
  it('a header above maxHeaderBytes', () => {
    const e = caught(() => readSafetensors(craft(good, data), { maxHeaderBytes: 16 }));
    expect(e.code).toBe('CORRUPT_FILE');
    expect(e.message).toMatch(/exceeds the limit of 16/);
  });
  it('a well-formed F16 tensor is UNSUPPORTED, or skipped on request', () => {
    const bytes = craft({ h: { dtype: 'F16', shape: [2], data_offsets: [0, 4] }, x: { dtype: 'F64', shape: [1], data_offsets: [4, 12] } }, new Uint8Array(12));
    expect(caught(() => readSafetensors(bytes)).code).toBe('UNSUPPORTED');
    const file = readSafetensors(bytes, { skipUnsupported: true });
    expect(Object.keys(file.tensors)).toEqual(['x']);
  });
  it('a tensor named __proto__ stays plain data', () => {
    const bytes = craft('{"__proto__":{"dtype":"F64","shape":[2],"data_offsets":[0,16]}}', data);
    const file = readSafetensors(bytes);
    expect(Object.getPrototypeOf(file.tensors)).toBe(Object.prototype);
    expect(Object.keys(file.tensors)).toEqual(['__proto__']);
    expect(Array.from(Object.getOwnPropertyDescriptor(file.tensors, '__proto__')?.value.data as Float64Array)).toEqual([1, 2]);
  });
  it('a non-Uint8Array input is BAD_TYPE', () => {
    expect(caught(() => readSafetensors([1, 2, 3] as unknown as Uint8Array)).code).toBe('BAD_TYPE');
  });
  it('accepts an unpadded header and a data section at any alignment', () => {
    const bytes = craft('{"x":{"dtype":"F64","shape":[2],"data_offsets":[0,16]}}', data, { pad: false });
    expect(Array.from(readSafetensors(bytes).tensors['x']?.data ?? [])).toEqual([1, 2]);
  });
});
