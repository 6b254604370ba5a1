import { loadDataset } from '@geo/datasets';
import type { Scale } from '../types.js';

/** MNIST training images as floats in [0, 1], with where they came from. */
export interface MnistTrain {
  /** n x 784, row-major. */
  readonly x: Float64Array;
  readonly y: Uint8Array;
  readonly n: number;
  /** `GEO_DATA_DIR` (verified full set) or the embedded sample. */
  readonly source: string;
}

/**
 * The first `n` MNIST training images, checksum-verified by @geo/datasets: from
 * `GEO_DATA_DIR` when it is set, otherwise (at smoke scale only) from the 300-image sample
 * embedded in @geo/datasets, so the smoke suite runs on a fresh machine with no data.
 * Returns null when neither applies; the task then skips with a note.
 */
export async function loadMnistTrain(scale: Scale, n: number): Promise<MnistTrain | null> {
  const dataDir = process.env['GEO_DATA_DIR'];
  if (dataDir === undefined && scale !== 'smoke') return null;
  const ds = await loadDataset('mnist', dataDir === undefined ? { split: 'sample' } : { split: 'train', dataDir });
  const count = Math.min(n, ds.count);
  const pixels = ds.height * ds.width;
  const x = new Float64Array(count * pixels);
  for (let i = 0; i < count * pixels; i++) x[i] = (ds.images[i] as number) / ds.maxValue;
  const source = dataDir === undefined ? `embedded ${ds.count}-image MNIST sample of @geo/datasets` : `MNIST train from ${dataDir}`;
  return { x, y: Uint8Array.from(ds.labels.subarray(0, count)), n: count, source };
}
