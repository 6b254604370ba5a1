import { GeoError } from '@geo/core';

/** The 8x8 digits: pixels 0..16, 64 per image, and labels 0..9. */
export interface DigitsTable {
  readonly count: number;
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

/**
 * Parses the 8x8 digits CSV (scikit-learn's `digits.csv`: no header, 64 pixel columns in
 * 0..16 then the label in 0..9). A row with the wrong number of fields or a value out of
 * range is a `CORRUPT_FILE` GeoError naming `file` and the line.
 *
 * @example
 * parseDigitsCsv(new TextEncoder().encode('0,'.repeat(64) + '7\n'), 'd.csv').labels // Uint8Array [7]
 */
export function parseDigitsCsv(bytes: Uint8Array, file: string): DigitsTable {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) {
    throw new GeoError('CORRUPT_FILE', `${file}: no rows`, { argument: file, expected: 'at least one row of 65 values', actual: 0 });
  }
  const images = new Uint8Array(lines.length * 64);
  const labels = new Uint8Array(lines.length);
  lines.forEach((line, r) => {
    const fields = line.split(',');
    if (fields.length !== 65) {
      throw new GeoError('CORRUPT_FILE', `${file}: line ${r + 1} has ${fields.length} fields, expected 65 (64 pixels and a label)`, {
        argument: file,
        expected: 65,
        actual: fields.length,
      });
    }
    for (let c = 0; c < 65; c++) {
      const s = (fields[c] as string).trim();
      const v = Number(s);
      const max = c < 64 ? 16 : 9;
      if (s === '' || !Number.isInteger(v) || v < 0 || v > max) {
        throw new GeoError('CORRUPT_FILE', `${file}: line ${r + 1}, column ${c + 1} is ${JSON.stringify(s)}, expected an integer in 0..${max}`, {
          argument: file,
          expected: `0..${max}`,
          actual: s,
        });
      }
      if (c < 64) images[r * 64 + c] = v;
      else labels[r] = v;
    }
  });
  return { count: lines.length, images, labels };
}

/**
 * Writes images (count x 64, values 0..16) and labels as the digits CSV (inverse of `parseDigitsCsv`).
 *
 * @example
 * encodeDigitsCsv(new Uint8Array(64), new Uint8Array([7])) // '0,0,...,0,7\n' as bytes
 */
export function encodeDigitsCsv(images: Uint8Array, labels: Uint8Array): Uint8Array {
  if (images.length !== labels.length * 64) {
    throw new GeoError('BAD_LENGTH', `images must hold ${labels.length} x 64 values, got ${images.length}`, {
      argument: 'images',
      expected: labels.length * 64,
      actual: images.length,
    });
  }
  let text = '';
  for (let r = 0; r < labels.length; r++) {
    const row: number[] = Array.from(images.subarray(r * 64, (r + 1) * 64));
    row.push(labels[r] as number);
    text += `${row.join(',')}\n`;
  }
  return new TextEncoder().encode(text);
}
