import { GeoError } from '@geo/core';

/** Bytes per CIFAR-10 record: one label byte, then 1,024 R, 1,024 G and 1,024 B bytes (32 x 32 planes). */
export const CIFAR10_RECORD_BYTES = 1 + 3 * 32 * 32;

/** CIFAR-10 class names, indexed by label. */
export const CIFAR10_CLASSES: readonly string[] = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

/** Records of a CIFAR-10 binary batch: images as [count, 3, 32, 32] planes, and labels. */
export interface Cifar10Batch {
  readonly count: number;
  /** count x 3 x 32 x 32, channel planes (R, G, B) as in the file. */
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

/**
 * Parses a CIFAR-10 binary batch (uncompressed). A length that is not a whole number of
 * 3,073-byte records, or a label outside 0..9, is a `CORRUPT_FILE` GeoError naming `file`.
 *
 * @example
 * parseCifar10(encodeCifar10(new Uint8Array(3072), new Uint8Array([3])), 'b.bin').labels // Uint8Array [3]
 */
export function parseCifar10(bytes: Uint8Array, file: string): Cifar10Batch {
  if (bytes.length === 0 || bytes.length % CIFAR10_RECORD_BYTES !== 0) {
    throw new GeoError('CORRUPT_FILE', `${file}: ${bytes.length} bytes is not a whole number of ${CIFAR10_RECORD_BYTES}-byte CIFAR-10 records (truncated?)`, {
      argument: file,
      expected: `a positive multiple of ${CIFAR10_RECORD_BYTES} bytes`,
      actual: bytes.length,
    });
  }
  const count = bytes.length / CIFAR10_RECORD_BYTES;
  const pixels = CIFAR10_RECORD_BYTES - 1;
  const images = new Uint8Array(count * pixels);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const o = i * CIFAR10_RECORD_BYTES;
    const label = bytes[o] as number;
    if (label > 9) {
      throw new GeoError('CORRUPT_FILE', `${file}: record ${i} has label ${label}, expected 0..9 (not a CIFAR-10 batch?)`, {
        argument: file,
        expected: '0..9',
        actual: label,
      });
    }
    labels[i] = label;
    images.set(bytes.subarray(o + 1, o + CIFAR10_RECORD_BYTES), i * pixels);
  }
  return { count, images, labels };
}

/**
 * Encodes images (count x 3,072 bytes, R, G, B planes) and labels as a CIFAR-10 binary batch.
 *
 * @example
 * encodeCifar10(new Uint8Array(3072), new Uint8Array([3])).length // 3073
 */
export function encodeCifar10(images: Uint8Array, labels: Uint8Array): Uint8Array {
  const pixels = CIFAR10_RECORD_BYTES - 1;
  if (images.length !== labels.length * pixels) {
    throw new GeoError('BAD_LENGTH', `images must hold ${labels.length} x ${pixels} bytes, got ${images.length}`, {
      argument: 'images',
      expected: labels.length * pixels,
      actual: images.length,
    });
  }
  const out = new Uint8Array(labels.length * CIFAR10_RECORD_BYTES);
  for (let i = 0; i < labels.length; i++) {
    out[i * CIFAR10_RECORD_BYTES] = labels[i] as number;
    out.set(images.subarray(i * pixels, (i + 1) * pixels), i * CIFAR10_RECORD_BYTES + 1);
  }
  return out;
}
