import { GeoError, assertOneOf } from '@geo/core';
import { parseCifar10 } from './cifar10.js';
import { parseDigitsCsv } from './digits-csv.js';
import { parseIdx } from './idx.js';
import { DATASET_CLASSES } from './image-dataset.js';
import type { ImageDataset } from './image-dataset.js';
import { DATASET_NAMES } from './manifest.js';
import type { DatasetName } from './manifest.js';
import { resolveDatasetFile } from './resolve.js';
import type { ResolveOptions } from './resolve.js';
import { readSampleFile } from './sample.js';

/** Which part of a dataset to load. */
export type Split = 'train' | 'test' | 'sample' | 'test-first1000';

export interface LoadOptions extends ResolveOptions {
  /** `train` (default), `test`, `sample` (embedded, no data directory needed), or CIFAR-10's `test-first1000`. */
  readonly split?: Split;
  /** CIFAR-10 training batches to load, 1..5 (default all five). */
  readonly batches?: readonly number[];
}

type Content = { path: string; content: Uint8Array };

async function fetchFile(dataset: DatasetName, name: string, options: LoadOptions): Promise<Content> {
  if (options.split === 'sample') return readSampleFile(dataset, name);
  const { path, content } = await resolveDatasetFile(dataset, name, options);
  return { path, content };
}

function idxPair(dataset: DatasetName, split: string, images: Content, labels: Content): ImageDataset {
  const img = parseIdx(images.content, images.path, 3);
  const lab = parseIdx(labels.content, labels.path, 1);
  const [count, height, width] = img.dims as [number, number, number];
  if (lab.dims[0] !== count) {
    throw new GeoError('CORRUPT_FILE', `${labels.path}: ${lab.dims[0]} labels for ${count} images in ${images.path}`, {
      argument: labels.path,
      expected: count,
      actual: lab.dims[0],
    });
  }
  checkLabels(lab.data, 9, labels.path);
  return { dataset, split, count, height, width, channels: 1, images: img.data, labels: lab.data, maxValue: 255, classes: DATASET_CLASSES[dataset], files: [images.path, labels.path] };
}

function checkLabels(labels: Uint8Array, max: number, file: string): void {
  const bad = labels.findIndex((v) => v > max);
  if (bad >= 0) {
    throw new GeoError('CORRUPT_FILE', `${file}: label ${labels[bad]} at index ${bad}, expected 0..${max}`, { argument: file, expected: `0..${max}`, actual: labels[bad] });
  }
}

/**
 * Loads a dataset split as bytes, with every file verified against the checksum manifest.
 * `split: 'sample'` reads the small copy embedded in the package (no data directory);
 * other splits are resolved through `dataDir` / `GEO_DATA_DIR`, the user cache, and (only
 * with `allowDownload`) the official download address.
 *
 * @example
 * const ds = await loadDataset('mnist', { split: 'sample' });
 * ds.count; ds.height; ds.labels[0]; // 300, 28, 5
 */
export async function loadDataset(dataset: DatasetName, options: LoadOptions = {}): Promise<ImageDataset> {
  assertOneOf(dataset, DATASET_NAMES, 'dataset');
  const split = options.split ?? 'train';
  assertOneOf(split, ['train', 'test', 'sample', 'test-first1000'] as const, 'options.split');
  if (split === 'test-first1000' && dataset !== 'cifar-10') {
    throw new GeoError('OUT_OF_RANGE', `options.split "test-first1000" exists only for cifar-10`, { argument: 'options.split', actual: split });
  }
  if (dataset === 'mnist' || dataset === 'fashion-mnist') {
    const prefix = split === 'sample' ? `${dataset}-sample` : split === 'train' ? 'train' : 't10k';
    const suffix = split === 'sample' ? '.gz' : '';
    const [images, labels] = await Promise.all([
      fetchFile(dataset, `${prefix}-images-idx3-ubyte${suffix}`, options),
      fetchFile(dataset, `${prefix}-labels-idx1-ubyte${suffix}`, options),
    ]);
    return idxPair(dataset, split, images, labels);
  }
  if (dataset === 'digits') {
    const file = await fetchFile(dataset, split === 'sample' ? 'digits-sample.csv.gz' : 'digits.csv', options);
    if (split === 'test') {
      throw new GeoError('OUT_OF_RANGE', 'the 8x8 digits have one table: use split "train" (all 1,797 rows) or "sample"', { argument: 'options.split', actual: split });
    }
    const t = parseDigitsCsv(file.content, file.path);
    return { dataset, split, count: t.count, height: 8, width: 8, channels: 1, images: t.images, labels: t.labels, maxValue: 16, classes: DATASET_CLASSES.digits, files: [file.path] };
  }
  // CIFAR-10
  let names: string[];
  if (split === 'sample') names = ['cifar-10-sample.bin.gz'];
  else if (split === 'test') names = ['test_batch.bin'];
  else if (split === 'test-first1000') names = ['test_batch_first1000.bin'];
  else {
    const batches = options.batches ?? [1, 2, 3, 4, 5];
    batches.forEach((b, i) => {
      if (!Number.isInteger(b) || b < 1 || b > 5) throw new GeoError('OUT_OF_RANGE', `options.batches[${i}] must be 1..5, got ${b}`, { argument: `options.batches[${i}]`, actual: b });
    });
    names = batches.map((b) => `data_batch_${b}.bin`);
  }
  const files = await Promise.all(names.map((n) => fetchFile(dataset, n, options)));
  const parsed = files.map((f) => parseCifar10(f.content, f.path));
  const count = parsed.reduce((n, p) => n + p.count, 0);
  const images = new Uint8Array(count * 3072);
  const labels = new Uint8Array(count);
  let at = 0;
  for (const p of parsed) {
    images.set(p.images, at * 3072);
    labels.set(p.labels, at);
    at += p.count;
  }
  return { dataset, split, count, height: 32, width: 32, channels: 3, images, labels, maxValue: 255, classes: DATASET_CLASSES['cifar-10'], files: files.map((f) => f.path) };
}
