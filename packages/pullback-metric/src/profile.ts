import { GeoError, assertFinite, assertFiniteNumber, assertInteger } from '@geo/core';
import { mlpRicciScalar } from './curvature.js';
import { mlpPullbackMetric } from './metric.js';
import { assertMlp, type Mlp } from './mlp.js';
import { logVolumeElement, type VolumeElementOptions } from './volume.js';

/** Points along a straight segment. */
export interface Path {
  /** Interpolation parameters in [0, 1], `steps` of them. */
  readonly t: Float64Array;
  /** Row-major `steps x d`. */
  readonly points: Float64Array;
  readonly dim: number;
}

/**
 * `steps` equally spaced points x(t) = (1 - t) x0 + t x1, t = 0 .. 1 (both ends included).
 *
 * @example
 * linearPath([0, 0], [1, 2], 3).points // [0, 0, 0.5, 1, 1, 2]
 */
export function linearPath(x0: ArrayLike<number>, x1: ArrayLike<number>, steps: number): Path {
  assertFinite(x0, 'x0');
  assertFinite(x1, 'x1');
  if (x0.length !== x1.length || x0.length === 0) {
    throw new GeoError('BAD_LENGTH', `x0 and x1 must be non-empty and of equal length, got ${x0.length} and ${x1.length}`, { argument: 'x1', expected: x0.length, actual: x1.length });
  }
  assertInteger(steps, 'steps', { min: 2 });
  const d = x0.length;
  const t = new Float64Array(steps);
  const points = new Float64Array(steps * d);
  for (let k = 0; k < steps; k++) {
    const s = k / (steps - 1);
    t[k] = s;
    for (let m = 0; m < d; m++) points[k * d + m] = (1 - s) * (x0[m] as number) + s * (x1[m] as number);
  }
  return { t, points, dim: d };
}

/** A regular 2-D grid, rows of constant y (row 0 at yMin), x varying fastest. */
export interface Grid2d {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  /** Row-major `(ny * nx) x 2`: point (i, j) is (xs[i], ys[j]) at index j * nx + i. */
  readonly points: Float64Array;
  readonly nx: number;
  readonly ny: number;
}

/** Bounds and resolution of a 2-D grid. */
export interface Grid2dSpec {
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
  readonly nx: number;
  readonly ny: number;
}

/**
 * A regular grid on [xMin, xMax] x [yMin, yMax] with both ends included.
 *
 * @example
 * grid2d({ xRange: [-1, 1], yRange: [0, 1], nx: 3, ny: 2 }).points.length // 12
 */
export function grid2d(spec: Grid2dSpec): Grid2d {
  const { xRange, yRange, nx, ny } = spec;
  assertInteger(nx, 'spec.nx', { min: 2 });
  assertInteger(ny, 'spec.ny', { min: 2 });
  for (const [r, name] of [[xRange, 'spec.xRange'], [yRange, 'spec.yRange']] as const) {
    if (!Array.isArray(r) || r.length !== 2) throw new GeoError('BAD_LENGTH', `${name} must be [min, max]`, { argument: name });
    assertFiniteNumber(r[0], `${name}[0]`);
    assertFiniteNumber(r[1], `${name}[1]`);
    if (!(r[1] > r[0])) throw new GeoError('OUT_OF_RANGE', `${name} must have max > min, got [${r[0]}, ${r[1]}]`, { argument: name, actual: [...r] });
  }
  const xs = Float64Array.from({ length: nx }, (_, i) => xRange[0] + ((xRange[1] - xRange[0]) * i) / (nx - 1));
  const ys = Float64Array.from({ length: ny }, (_, j) => yRange[0] + ((yRange[1] - yRange[0]) * j) / (ny - 1));
  const points = new Float64Array(nx * ny * 2);
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) {
      points[2 * (j * nx + i)] = xs[i] as number;
      points[2 * (j * nx + i) + 1] = ys[j] as number;
    }
  return { xs, ys, points, nx, ny };
}

/** log volume element (and optionally the Ricci scalar) at a set of points. */
export interface GeometryProfile {
  readonly logVolume: Float64Array;
  readonly singular: Uint8Array;
  /** Present when requested: the Ricci scalar (NaN where g is singular). */
  readonly ricci?: Float64Array;
}

function profileAt(net: Mlp, points: Float64Array, options: VolumeElementOptions & { readonly ricci?: boolean }): GeometryProfile {
  assertMlp(net);
  const g = mlpPullbackMetric(net, points);
  const lv = logVolumeElement(g, options);
  if (options.ricci === true) return { logVolume: lv.values, singular: lv.singular, ricci: mlpRicciScalar(net, points).values };
  return { logVolume: lv.values, singular: lv.singular };
}

/**
 * The log volume element of an MLP's metric along the segment from x0 to x1 (the paper's
 * interpolation between inputs), with the path itself.
 *
 * @example
 * const { t, logVolume } = pathProfile(net, digitA, digitB, { steps: 33 });
 */
export function pathProfile(net: Mlp, x0: ArrayLike<number>, x1: ArrayLike<number>, options: VolumeElementOptions & { readonly steps?: number; readonly ricci?: boolean } = {}): Path & GeometryProfile {
  assertMlp(net);
  const path = linearPath(x0, x1, options.steps ?? 33);
  if (path.dim !== net.inputDim) {
    throw new GeoError('BAD_LENGTH', `x0 has ${path.dim} coordinates, the network takes ${net.inputDim}`, { argument: 'x0', expected: net.inputDim, actual: path.dim });
  }
  return { ...path, ...profileAt(net, path.points, options) };
}

/**
 * The log volume element (and, with `ricci: true`, the Ricci scalar) of a 2-D MLP's metric
 * on a grid, in the grid's row-major order, ready for a heat map.
 *
 * @example
 * const grid = grid2d({ xRange: [-1, 1], yRange: [-1, 1], nx: 64, ny: 64 });
 * const { logVolume, ricci } = gridProfile(net, grid, { ricci: true });
 */
export function gridProfile(net: Mlp, grid: Grid2d, options: VolumeElementOptions & { readonly ricci?: boolean } = {}): GeometryProfile {
  assertMlp(net);
  if (net.inputDim !== 2) throw new GeoError('BAD_SHAPE', `gridProfile needs a network on R^2, got inputDim ${net.inputDim}`, { argument: 'net', expected: 2, actual: net.inputDim });
  return profileAt(net, grid.points, options);
}
