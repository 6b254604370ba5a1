import { GeoError, assertInteger, assertPositive, describe as describeValue } from '@geo/core';
import { toDiagram, type DiagramInput } from './diagram.js';

/** Options of `persistenceImage`. */
export interface PersistenceImageOptions {
  /** Pixels along birth (columns) and persistence (rows) (default [20, 20]). */
  readonly resolution?: readonly [number, number];
  /**
   * The window [birthMin, birthMax, persistenceMin, persistenceMax] (default: the diagram's
   * finite points' ranges, padded by 3 sigma, persistence from 0).
   */
  readonly range?: readonly [number, number, number, number];
  /** Standard deviation of the Gaussian placed on each point (default 0.1). */
  readonly sigma?: number;
  /** Weight of a point (b, persistence) (default: the persistence, which vanishes on the diagonal). */
  readonly weight?: (birth: number, persistence: number) => number;
  /** Output buffer of resolution[0] * resolution[1] entries. */
  readonly out?: Float64Array;
}

/**
 * The persistence image (Adams et al., *Persistence images: a stable vector representation of
 * persistent homology*, JMLR 2017): each finite point (b, d) moves to (b, d - b) and spreads a
 * Gaussian of standard deviation sigma, scaled by its weight; the surface is sampled at pixel
 * centres (as GUDHI's `PersistenceImage`). Returns a row-major Float64Array, row r at
 * persistence level r (from the bottom of the window), column c at birth c. Essential classes
 * are left out.
 *
 * @example
 * const { values } = persistenceImage([[0, 1]], { resolution: [3, 3], range: [-1, 1, 0, 2], sigma: 0.5 });
 * // values.length === 9; the largest pixel is the one centred nearest (0, 1)
 */
export function persistenceImage(diagram: DiagramInput, options: PersistenceImageOptions = {}): { values: Float64Array; range: [number, number, number, number]; resolution: [number, number] } {
  const dg = toDiagram(diagram, 'diagram');
  const [nx, ny] = options.resolution ?? [20, 20];
  assertInteger(nx, 'options.resolution[0]', { min: 1 });
  assertInteger(ny, 'options.resolution[1]', { min: 1 });
  const sigma = options.sigma ?? 0.1;
  assertPositive(sigma, 'options.sigma');
  const weight = options.weight ?? ((_b: number, p: number) => p);
  const bs: number[] = [];
  const ps: number[] = [];
  for (let i = 0; i < dg.birth.length; i++) {
    const d = dg.death[i] as number;
    if (d === Infinity) continue;
    bs.push(dg.birth[i] as number);
    ps.push(d - (dg.birth[i] as number));
  }
  let range: [number, number, number, number];
  if (options.range !== undefined) {
    const r = options.range;
    if (r.length !== 4 || !r.every((x) => Number.isFinite(x)) || !(r[0] < r[1]) || !(r[2] < r[3])) {
      throw new GeoError('OUT_OF_DOMAIN', `options.range must be [birthMin, birthMax, persistenceMin, persistenceMax] with min < max, got ${describeValue(r)}`, {
        argument: 'options.range',
        expected: 'finite, min < max',
        actual: [...r],
      });
    }
    range = [r[0], r[1], r[2], r[3]];
  } else {
    const pad = 3 * sigma;
    const bMin = bs.length === 0 ? 0 : Math.min(...bs);
    const bMax = bs.length === 0 ? 1 : Math.max(...bs);
    const pMax = ps.length === 0 ? 1 : Math.max(...ps);
    range = [bMin - pad, bMax + pad, 0, pMax + pad];
  }
  const out = options.out ?? new Float64Array(nx * ny);
  if (out.length !== nx * ny) {
    throw new GeoError('BAD_LENGTH', `options.out must have ${nx * ny} entries, got ${out.length}`, { argument: 'options.out', expected: nx * ny, actual: out.length });
  }
  out.fill(0);
  const [b0, b1, p0, p1] = range;
  const dx = (b1 - b0) / nx;
  const dy = (p1 - p0) / ny;
  const inv2s2 = 1 / (2 * sigma * sigma);
  const norm = 1 / (2 * Math.PI * sigma * sigma);
  const gx = new Float64Array(nx);
  for (let i = 0; i < bs.length; i++) {
    const b = bs[i] as number;
    const p = ps[i] as number;
    const w = weight(b, p);
    if (typeof w !== 'number' || !Number.isFinite(w)) {
      throw new GeoError('NOT_FINITE', `options.weight returned ${describeValue(w)} for the point (${b}, ${b + p})`, { argument: 'options.weight', expected: 'finite number', actual: w });
    }
    if (w === 0) continue;
    // the Gaussian factorises: exp(-(x-b)^2/2s^2) exp(-(y-p)^2/2s^2)
    for (let c = 0; c < nx; c++) {
      const x = b0 + (c + 0.5) * dx - b;
      gx[c] = Math.exp(-x * x * inv2s2);
    }
    for (let r = 0; r < ny; r++) {
      const y = p0 + (r + 0.5) * dy - p;
      const gy = w * norm * Math.exp(-y * y * inv2s2);
      const row = r * nx;
      for (let c = 0; c < nx; c++) out[row + c] = (out[row + c] as number) + gy * (gx[c] as number);
    }
  }
  return { values: out, range, resolution: [nx, ny] };
}
