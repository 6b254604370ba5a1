import { GeoError } from '@geo/core';

/** A decoded IDX tensor (the MNIST file format): unsigned bytes with their shape. */
export interface IdxArray {
  readonly data: Uint8Array;
  readonly shape: readonly number[];
}

/**
 * Parses an uncompressed IDX file of unsigned bytes (type code 0x08): a big-endian header
 * `0x00 0x00 0x08 rank`, `rank` uint32 sizes, then the data. Refuses anything else with a
 * CORRUPT_FILE GeoError naming `name` (wrong magic, truncated or trailing bytes).
 *
 * @example
 * const labels = parseIdx(gunzipSync(readFileSync('t10k-labels-idx1-ubyte.gz')), 'labels');
 * labels.shape // [10000]
 */
export function parseIdx(bytes: Uint8Array, name = 'file'): IdxArray {
  if (!(bytes instanceof Uint8Array)) throw new GeoError('BAD_TYPE', `${name} must be a Uint8Array`, { argument: name });
  const corrupt = (why: string): GeoError => new GeoError('CORRUPT_FILE', `${name} is not a valid IDX file: ${why}`, { argument: name });
  if (bytes.length < 4) throw corrupt(`only ${bytes.length} bytes`);
  if (bytes[0] !== 0 || bytes[1] !== 0) throw corrupt('the first two bytes must be zero');
  if (bytes[2] !== 0x08) throw corrupt(`type code 0x${(bytes[2] as number).toString(16)} is not unsigned byte (0x08)`);
  const rank = bytes[3] as number;
  if (rank < 1 || rank > 4) throw corrupt(`rank ${rank} is outside 1..4`);
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) throw corrupt('truncated header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  let size = 1;
  for (let i = 0; i < rank; i++) {
    const s = view.getUint32(4 + 4 * i, false);
    shape.push(s);
    size *= s;
  }
  if (bytes.length !== headerLength + size) throw corrupt(`header promises ${size} data bytes for shape [${shape.join(', ')}], file holds ${bytes.length - headerLength}`);
  return { data: bytes.subarray(headerLength), shape };
}
