import { GeoError, assertInteger } from '@geo/core';
import { pairwiseDistances } from './distances.js';
import { asMatrix } from './input.js';
import { landmarkScalarEmbedding } from './landmark-embedding.js';
import { scalarEmbedding } from './scalar-embedding.js';
import type { EmbeddingMethod, EmbeddingVariant } from './scalar-embedding.js';

/** Options of `twinScalarSeparation`. */
export interface TwinEmbeddingOptions {
  readonly method?: EmbeddingMethod;
  readonly variant?: EmbeddingVariant;
  /** Use the landmark (streaming) embedding with this many landmarks instead of the full 2T x 2T one (mds only). */
  readonly landmarks?: number;
  readonly seed?: number;
}

/** The joint scalar embedding of a twin pair and the embedded separation. */
export interface TwinScalarSeparation {
  /** x_a(t), x_b(t): both twins in one coordinate system. */
  readonly xa: Float64Array;
  readonly xb: Float64Array;
  /** |x_a(t) - x_b(t)|. */
  readonly separation: Float64Array;
  /** Share of variance the scalar keeps (full embedding only; NaN-free: 0 for landmarks). */
  readonly explained: number;
}

/**
 * Embeds two twin trajectories (row-major `rows x cols` feature matrices, e.g. parameter
 * vectors or `snapshotFeatures` rows) jointly, as one set of 2T snapshots, so both scalar
 * series share a coordinate, and returns the embedded separation |x_a(t) - x_b(t)| for
 * `maxLyapunov` and `characteristicTime`. The sign uses time stamps 0..T-1 for both twins.
 *
 * @example
 * const { separation } = twinScalarSeparation(thetaA, thetaB, T, P);
 * maxLyapunov([separation]);
 */
export function twinScalarSeparation(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  rows: number,
  cols: number,
  options: TwinEmbeddingOptions = {},
): TwinScalarSeparation {
  assertInteger(rows, 'rows', { min: 1 });
  assertInteger(cols, 'cols', { min: 1 });
  const fa = asMatrix(a, rows, cols, 'a');
  const fb = asMatrix(b, rows, cols, 'b');
  const times = new Float64Array(2 * rows);
  for (let t = 0; t < rows; t++) {
    times[t] = t;
    times[rows + t] = t;
  }
  let x: Float64Array;
  let explained = 0;
  if (options.landmarks !== undefined) {
    if ((options.method ?? 'mds') !== 'mds') {
      throw new GeoError('UNSUPPORTED', 'the landmark embedding is classical MDS: use method "mds" with options.landmarks', { argument: 'options.method', actual: options.method });
    }
    const source = { length: 2 * rows, dim: cols, row: (t: number) => (t < rows ? fa.subarray(t * cols, (t + 1) * cols) : fb.subarray((t - rows) * cols, (t - rows + 1) * cols)) };
    x = landmarkScalarEmbedding(source, { landmarks: Math.min(options.landmarks, 2 * rows), times, seed: options.seed ?? 0 }).x;
  } else {
    const joint = new Float64Array(2 * rows * cols);
    joint.set(fa, 0);
    joint.set(fb, rows * cols);
    const d = pairwiseDistances(joint, 2 * rows, cols);
    const e = scalarEmbedding(d, { method: options.method ?? 'mds', ...(options.variant ? { variant: options.variant } : {}), times, seed: options.seed ?? 0 });
    x = e.x;
    explained = e.explained;
  }
  const xa = x.slice(0, rows);
  const xb = x.slice(rows);
  const separation = new Float64Array(rows);
  for (let t = 0; t < rows; t++) separation[t] = Math.abs((xa[t] as number) - (xb[t] as number));
  return { xa, xb, separation, explained };
}
