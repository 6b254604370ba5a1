import { GeoError } from '@geo/core';
import { gunzipIfNeeded, isGzip, sha256Hex } from './bytes.js';

/** The checksums a file may match: its gzip form, its uncompressed content, or both. */
export interface ExpectedChecksums {
  readonly gz?: { readonly sha256: string; readonly bytes: number };
  readonly raw?: { readonly sha256: string; readonly bytes: number };
}

export interface VerifyOptions {
  /** Accept a file that has no checksum in the manifest (default false: refuse it). */
  readonly allowUnverified?: boolean;
}

/**
 * Checks `bytes` (a file as read from `file`, gzip or not) against its expected SHA-256
 * and returns the uncompressed content. A gzip file is accepted when its own hash matches,
 * or when it was recompressed and its content's hash matches.
 *
 * Throws a GeoError naming `file`: `CORRUPT_FILE` for truncation (shorter than the known
 * size, or a cut gzip stream), `CHECKSUM_MISMATCH` with the expected and actual hashes, and
 * `UNSUPPORTED` when no checksum is known and `allowUnverified` is unset.
 *
 * @example
 * const content = verifyChecksum(bytes, 'mnist/t10k-labels-idx1-ubyte.gz', findDatasetFile('mnist', 't10k-labels-idx1-ubyte')!);
 */
export function verifyChecksum(bytes: Uint8Array, file: string, expected: ExpectedChecksums, options: VerifyOptions = {}): Uint8Array {
  const { gz, raw } = expected;
  if (gz === undefined && raw === undefined) {
    if (options.allowUnverified === true) return gunzipIfNeeded(bytes, file);
    throw new GeoError('UNSUPPORTED', `${file}: no SHA-256 is known for this file; pass allowUnverified to load it anyway`, {
      argument: file,
      expected: 'a file listed in the checksum manifest',
    });
  }
  const zipped = isGzip(bytes);
  const form = zipped ? gz : raw;
  // Size first, so a cut download says "truncated" rather than "mismatch". Only for raw
  // files: a recompressed gzip copy may legitimately be smaller than the official one.
  if (!zipped && raw !== undefined && bytes.length < raw.bytes) {
    throw new GeoError('CORRUPT_FILE', `${file}: truncated, expected ${raw.bytes} bytes, got ${bytes.length}`, {
      argument: file,
      expected: raw.bytes,
      actual: bytes.length,
    });
  }
  const actual = sha256Hex(bytes);
  if (actual === form?.sha256) return zipped ? gunzipIfNeeded(bytes, file) : bytes;
  if (zipped && raw !== undefined) {
    // A recompressed copy: the gzip bytes differ, the content must not.
    const content = gunzipIfNeeded(bytes, file);
    if (content.length < raw.bytes) {
      throw new GeoError('CORRUPT_FILE', `${file}: truncated, expected ${raw.bytes} uncompressed bytes, got ${content.length}`, {
        argument: file,
        expected: raw.bytes,
        actual: content.length,
      });
    }
    const contentHash = sha256Hex(content);
    if (contentHash === raw.sha256) return content;
    throw mismatch(file, expected, `${actual} (content ${contentHash})`);
  }
  throw mismatch(file, expected, actual);
}

function mismatch(file: string, expected: ExpectedChecksums, actual: string): GeoError {
  const want = [expected.gz && `gzip ${expected.gz.sha256}`, expected.raw && `content ${expected.raw.sha256}`].filter(Boolean).join(' or ');
  return new GeoError('CHECKSUM_MISMATCH', `${file}: SHA-256 mismatch, expected ${want}, got ${actual}`, {
    argument: file,
    expected: want,
    actual,
  });
}
