import { GeoError, assertInteger, describe as describeValue } from '@geo/core';
import { toDiagram, type DiagramInput } from './diagram.js';

/** Options of `persistenceLandscape`. */
export interface LandscapeOptions {
  /** How many landscape functions lambda_1..lambda_k (default 5). */
  readonly k?: number;
  /** The sample points t, ascending (default: `resolution` points evenly spaced on [min birth, max death]). */
  readonly samples?: ArrayLike<number>;
  /** Number of evenly spaced samples when `samples` is not given (default 100). */
  readonly resolution?: number;
  /** Output buffer of k * samples.length entries (row-major: row i is lambda_{i+1}). */
  readonly out?: Float64Array;
}

/**
 * The persistence landscape (Bubenik, *Statistical topological data analysis using persistence
 * landscapes*, JMLR 2015): lambda_i(t) is the i-th largest of the tents
 * max(0, min(t - b, d - t)) over the diagram's finite points, sampled at `samples`. A stable,
 * vector-valued summary for learning: ||lambda(A) - lambda(B)||_inf <= d_B(A, B). Essential
 * classes (death Infinity) have unbounded tents and are left out.
 *
 * @example
 * const { values } = persistenceLandscape([[0, 2]], { k: 1, samples: [0, 0.5, 1, 1.5, 2] });
 * // values: Float64Array [0, 0.5, 1, 0.5, 0]
 */
export function persistenceLandscape(diagram: DiagramInput, options: LandscapeOptions = {}): { values: Float64Array; samples: Float64Array; k: number } {
  const dg = toDiagram(diagram, 'diagram');
  const k = options.k ?? 5;
  assertInteger(k, 'options.k', { min: 1 });
  const fb: number[] = [];
  const fd: number[] = [];
  for (let i = 0; i < dg.birth.length; i++) {
    if (dg.death[i] !== Infinity) {
      fb.push(dg.birth[i] as number);
      fd.push(dg.death[i] as number);
    }
  }
  let samples: Float64Array;
  if (options.samples !== undefined) {
    samples = Float64Array.from(options.samples);
    for (let i = 0; i < samples.length; i++) {
      const t = samples[i] as number;
      if (!Number.isFinite(t) || (i > 0 && t < (samples[i - 1] as number))) {
        throw new GeoError('OUT_OF_DOMAIN', `options.samples must be finite and ascending; entry ${i} is ${describeValue(t)}`, {
          argument: `options.samples[${i}]`,
          expected: 'finite, ascending',
          actual: t,
        });
      }
    }
  } else {
    const resolution = options.resolution ?? 100;
    assertInteger(resolution, 'options.resolution', { min: 1 });
    const lo = fb.length === 0 ? 0 : Math.min(...fb);
    const hi = fd.length === 0 ? 0 : Math.max(...fd);
    samples = new Float64Array(resolution);
    for (let i = 0; i < resolution; i++) samples[i] = resolution === 1 ? lo : lo + ((hi - lo) * i) / (resolution - 1);
  }
  const S = samples.length;
  const values = options.out ?? new Float64Array(k * S);
  if (values.length !== k * S) {
    throw new GeoError('BAD_LENGTH', `options.out must have k * samples = ${k * S} entries, got ${values.length}`, {
      argument: 'options.out',
      expected: k * S,
      actual: values.length,
    });
  }
  values.fill(0);
  const top = new Float64Array(k); // the k largest tents at t, descending
  for (let s = 0; s < S; s++) {
    const t = samples[s] as number;
    top.fill(0);
    for (let i = 0; i < fb.length; i++) {
      const a = t - (fb[i] as number);
      const b = (fd[i] as number) - t;
      const v = a < b ? a : b;
      if (v <= (top[k - 1] as number)) continue;
      // insert v into the sorted buffer
      let j = k - 1;
      while (j > 0 && (top[j - 1] as number) < v) {
        top[j] = top[j - 1] as number;
        j--;
      }
      top[j] = v;
    }
    for (let j = 0; j < k; j++) values[j * S + s] = top[j] as number;
  }
  return { values, samples, k };
}
