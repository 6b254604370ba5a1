import { GeoError } from '@geo/core';

/** An ordinary least-squares line y = intercept + slope x. */
export interface LineFit {
  readonly slope: number;
  readonly intercept: number;
  /** Standard error of the slope (NaN-free: 0 with two points). */
  readonly slopeStdErr: number;
  /** Coefficient of determination. */
  readonly r2: number;
  readonly n: number;
}

/**
 * Least-squares line through (x_i, y_i) for i in [start, end] (inclusive), skipping
 * non-finite y.
 *
 * @example
 * linearFit([0, 1, 2], [1, 3, 5]) // { slope: 2, intercept: 1, ... }
 */
export function linearFit(x: ArrayLike<number>, y: ArrayLike<number>, start = 0, end = x.length - 1): LineFit {
  let n = 0;
  let mx = 0;
  let my = 0;
  for (let i = start; i <= end; i++) {
    const yi = y[i] as number;
    if (!Number.isFinite(yi)) continue;
    n++;
    mx += x[i] as number;
    my += yi;
  }
  if (n < 2) throw new GeoError('NOT_CONVERGED', `a line needs at least 2 finite points, got ${n}`, { argument: 'y', expected: '>= 2 points', actual: n });
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = start; i <= end; i++) {
    const yi = y[i] as number;
    if (!Number.isFinite(yi)) continue;
    const dx = (x[i] as number) - mx;
    const dy = yi - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (!(sxx > 0)) throw new GeoError('SINGULAR', 'all x values coincide: the slope is undefined', { argument: 'x' });
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const sse = Math.max(0, syy - slope * sxy);
  const slopeStdErr = n > 2 ? Math.sqrt(sse / (n - 2) / sxx) : 0;
  const r2 = syy > 0 ? 1 - sse / syy : 1;
  return { slope, intercept, slopeStdErr, r2, n };
}
