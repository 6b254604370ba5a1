import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { GeoError } from '@geo/core';

/**
 * True when `bytes` starts with the gzip magic number 1f 8b.
 *
 * @example
 * isGzip(new Uint8Array([0x1f, 0x8b, 8])) // true
 */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * The bytes themselves, or their gunzipped content when they start with the gzip magic.
 * A truncated or damaged gzip stream is a `CORRUPT_FILE` GeoError naming `file`.
 *
 * @example
 * gunzipIfNeeded(gzipSync(Buffer.from('abc')), 'x.gz') // Uint8Array [97, 98, 99]
 */
export function gunzipIfNeeded(bytes: Uint8Array, file: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    const out = gunzipSync(bytes);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    const truncated = /unexpected end/i.test(why);
    throw new GeoError('CORRUPT_FILE', `${file}: ${truncated ? 'truncated gzip stream' : 'damaged gzip stream'} (${why})`, {
      argument: file,
      expected: 'a complete gzip stream',
      actual: why,
      cause,
    });
  }
}

/**
 * Lower-case hex SHA-256 of `bytes`.
 *
 * @example
 * sha256Hex(new Uint8Array()) // 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
 */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
