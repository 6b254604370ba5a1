import { GeoError } from '@geo/core';

/**
 * The regular files of an (uncompressed) ustar/POSIX tar archive, by path. Enough for the
 * CIFAR-10 archive; links and pax extensions are skipped. A header that runs past the end
 * is a `CORRUPT_FILE` GeoError naming `file`.
 *
 * @example
 * readTarMembers(tarBytes, 'cifar-10-binary.tar').get('cifar-10-batches-bin/data_batch_1.bin')
 */
export function readTarMembers(bytes: Uint8Array, file: string): Map<string, Uint8Array> {
  const members = new Map<string, Uint8Array>();
  const text = (from: number, len: number): string => {
    const slice = bytes.subarray(from, from + len);
    const end = slice.indexOf(0);
    return new TextDecoder().decode(end < 0 ? slice : slice.subarray(0, end));
  };
  let o = 0;
  while (o + 512 <= bytes.length) {
    if (bytes.subarray(o, o + 512).every((b) => b === 0)) break; // end-of-archive block
    const name = text(o, 100);
    const sizeField = text(o + 124, 12).trim();
    const size = Number.parseInt(sizeField, 8);
    const type = String.fromCharCode(bytes[o + 156] as number);
    const prefix = text(o + 345, 155);
    if (!Number.isFinite(size) || size < 0 || o + 512 + size > bytes.length) {
      throw new GeoError('CORRUPT_FILE', `${file}: tar entry ${JSON.stringify(name)} at offset ${o} runs past the end (truncated archive?)`, {
        argument: file,
        expected: `${size} bytes of data`,
        actual: bytes.length - o - 512,
      });
    }
    if (type === '0' || type === '\0') members.set(prefix === '' ? name : `${prefix}/${name}`, bytes.subarray(o + 512, o + 512 + size));
    o += 512 + Math.ceil(size / 512) * 512;
  }
  return members;
}

/**
 * A minimal ustar archive of regular files (for tests and tools; the inverse of `readTarMembers`).
 *
 * @example
 * readTarMembers(writeTar([{ name: 'a.bin', data: new Uint8Array([1]) }]), 'a.tar').get('a.bin') // Uint8Array [1]
 */
export function writeTar(files: readonly { readonly name: string; readonly data: Uint8Array }[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const { name, data } of files) {
    const header = new Uint8Array(512);
    const enc = new TextEncoder();
    if (enc.encode(name).length > 99) throw new GeoError('OUT_OF_RANGE', `tar member name too long: ${name}`, { argument: 'files.name', actual: name });
    header.set(enc.encode(name), 0);
    header.set(enc.encode('0000644\0'), 100);
    header.set(enc.encode('0000000\0'), 108);
    header.set(enc.encode('0000000\0'), 116);
    header.set(enc.encode(`${data.length.toString(8).padStart(11, '0')}\0`), 124);
    header.set(enc.encode('00000000000\0'), 136);
    header[156] = '0'.charCodeAt(0);
    header.set(enc.encode('ustar\0'), 257);
    header.set(enc.encode('00'), 263);
    header.fill(0x20, 148, 156); // checksum computed with its own field as spaces
    let sum = 0;
    for (const b of header) sum += b;
    header.set(enc.encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
    blocks.push(header);
    const body = new Uint8Array(Math.ceil(data.length / 512) * 512);
    body.set(data);
    blocks.push(body);
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let o = 0;
  for (const b of blocks) {
    out.set(b, o);
    o += b.length;
  }
  return out;
}
