import { GeoError } from '@geo/core';
import { expect } from 'vitest';

/** Runs `fn` and returns the GeoError it throws (failing the test if it throws anything else or nothing). */
export function caught(fn: () => unknown): GeoError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GeoError);
    return e as GeoError;
  }
  throw new Error('expected a GeoError, nothing was thrown');
}

/** A safetensors file from a header (object or raw string) and data bytes, with no validation. */
export function craft(header: unknown, data: Uint8Array = new Uint8Array(0), options: { pad?: boolean; length?: bigint } = {}): Uint8Array {
  let json = typeof header === 'string' ? header : JSON.stringify(header);
  if (options.pad !== false) while ((json.length % 8) !== 0) json += ' ';
  const h = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + h.length + data.length);
  new DataView(out.buffer).setBigUint64(0, options.length ?? BigInt(h.length), true);
  out.set(h, 8);
  out.set(data, 8 + h.length);
  return out;
}

/** A copy of `bytes` with byte `at` set to `value`. */
export function poke(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const out = bytes.slice();
  out[at] = value;
  return out;
}
