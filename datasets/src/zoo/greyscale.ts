import { GeoError, assertInteger } from '@geo/core';
import type { ImageDataset } from '../loaders/image-dataset.js';

/** ITU-R BT.601 luma weights of R, G and B (as PIL's `convert('L')` and OpenCV's RGB2GRAY). */
export const LUMA_BT601 = [0.299, 0.587, 0.114] as const;

/**
 * Greyscale CIFAR-10 images for a classifier: luma Y = 0.299 R + 0.587 G + 0.114 B of the
 * bytes divided by 255 (so in [0, 1], no further standardisation), then averaged over
 * non-overlapping (32 / side) x (32 / side) blocks. Images `from` .. `from + count - 1`
 * of `dataset`, written point-major (count x side^2, row-major pixels).
 *
 * @example
 * cifarGreyscale(await loadDataset('cifar-10', { split: 'sample' }), 0, 10, 8).length // 640
 */
export function cifarGreyscale(dataset: ImageDataset, from: number, count: number, side: number): Float64Array {
  if (dataset.channels !== 3 || dataset.height !== 32 || dataset.width !== 32) {
    throw new GeoError('BAD_SHAPE', `dataset must hold 3 x 32 x 32 CIFAR-10 images, got ${dataset.channels} x ${dataset.height} x ${dataset.width}`, { argument: 'dataset', actual: dataset.dataset });
  }
  assertInteger(from, 'from', { min: 0, max: dataset.count });
  assertInteger(count, 'count', { min: 0, max: dataset.count - from });
  assertInteger(side, 'side', { min: 1, max: 32 });
  if (32 % side !== 0) throw new GeoError('OUT_OF_RANGE', `side must divide 32 (1, 2, 4, 8, 16 or 32), got ${side}`, { argument: 'side', expected: 'a divisor of 32', actual: side });
  const block = 32 / side;
  const [wr, wg, wb] = LUMA_BT601;
  // The block mean of luma / 255, in one multiplication per pixel.
  const norm = 1 / (dataset.maxValue * block * block);
  const out = new Float64Array(count * side * side);
  const img = dataset.images;
  for (let i = 0; i < count; i++) {
    const base = (from + i) * 3072;
    const o = i * side * side;
    for (let r = 0; r < 32; r++) {
      for (let c = 0; c < 32; c++) {
        const p = base + r * 32 + c;
        const y = wr * (img[p] as number) + wg * (img[p + 1024] as number) + wb * (img[p + 2048] as number);
        const k = o + Math.floor(r / block) * side + Math.floor(c / block);
        out[k] = (out[k] as number) + y;
      }
    }
    for (let k = o; k < o + side * side; k++) out[k] = (out[k] as number) * norm;
  }
  return out;
}
