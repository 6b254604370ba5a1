import { assertInteger, assertLength } from '@geo/core';
import type { DatasetName } from './manifest.js';

/** A labelled image set as loaded: raw bytes, one image after another. */
export interface ImageDataset {
  readonly dataset: DatasetName;
  /** `train`, `test`, `test-first1000` (CIFAR-10) or `sample` (the copy embedded in the package). */
  readonly split: string;
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  /**
   * count x channels x height x width, row-major; colour images keep the file's channel
   * planes (CIFAR-10: R, G, B planes). Values in 0..maxValue.
   */
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  /** Largest pixel value: 255, or 16 for the 8x8 digits. */
  readonly maxValue: number;
  /** Class names by label. */
  readonly classes: readonly string[];
  /** The files the data came from. */
  readonly files: readonly string[];
}

/** Class names of each dataset. */
export const DATASET_CLASSES: Readonly<Record<DatasetName, readonly string[]>> = {
  mnist: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  'fashion-mnist': ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
  'cifar-10': ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'],
  digits: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
};

/**
 * One image as float64 in [0, 1] (pixel / maxValue), channels x height x width.
 *
 * @example
 * const img = imageAsFloat(ds, 0); // Float64Array(784) for MNIST
 */
export function imageAsFloat(ds: ImageDataset, index: number, out?: Float64Array): Float64Array {
  const size = ds.channels * ds.height * ds.width;
  assertInteger(index, 'index', { min: 0, max: ds.count - 1 });
  if (out !== undefined) assertLength(out, size, 'out');
  const dst = out ?? new Float64Array(size);
  const src = ds.images.subarray(index * size, (index + 1) * size);
  for (let i = 0; i < size; i++) dst[i] = (src[i] as number) / ds.maxValue;
  return dst;
}
