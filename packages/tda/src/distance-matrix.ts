import { GeoError, assertInteger, describe as describeValue } from '@geo/core';

/** A distance between two points given as row views of one coordinate buffer. */
export type MetricFunction = (a: Float64Array, b: Float64Array) => number;

/** Built-in metrics for point clouds, or your own function of two coordinate vectors. */
export type Metric = 'euclidean' | 'manhattan' | 'chebyshev' | MetricFunction;

/** A point cloud: an array of coordinate arrays, or a row-major buffer with `n` points of `d` coordinates. */
export type PointsInput =
  | { readonly points: ReadonlyArray<ArrayLike<number>> }
  | { readonly points: Float64Array | ArrayLike<number>; readonly n: number; readonly d: number };

/**
 * A distance matrix: an array of rows (full n x n, or lower-triangular rows of length 0..n-1 or
 * 1..n), a full row-major buffer of n*n entries with `n`, or a lower-triangular buffer of
 * n(n-1)/2 entries (Ripser's lower-distance order: d10, d20, d21, d30, ...) with `n`.
 */
export type DistancesInput =
  | { readonly distances: ReadonlyArray<ArrayLike<number>> }
  | { readonly distances: Float64Array | ArrayLike<number>; readonly n: number };

/** Input of `ripsPersistence`. */
export type RipsInput = PointsInput | DistancesInput;

/** A dense symmetric distance matrix with a zero diagonal, row-major. */
export interface DistanceMatrix {
  readonly n: number;
  readonly data: Float64Array;
}

/** Bytes above which we refuse to allocate the dense distance matrix. */
const BYTES_PER_ENTRY = 8;

/**
 * Turns any accepted input into a dense, validated distance matrix (lower triangle wins; the
 * upper triangle must agree with it to `symmetryTolerance` relative to the largest entry).
 *
 * @example
 * toDistanceMatrix({ points: [[0, 0], [3, 4]] }).data // Float64Array [0, 5, 5, 0]
 */
export function toDistanceMatrix(
  input: RipsInput,
  options: { readonly metric?: Metric; readonly memoryLimitBytes?: number; readonly symmetryTolerance?: number } = {},
): DistanceMatrix {
  if (input === null || typeof input !== 'object') {
    throw new GeoError('BAD_TYPE', `input must be { points } or { distances }, got ${describeValue(input)}`, {
      argument: 'input',
      expected: '{ points } or { distances }',
      actual: describeValue(input),
    });
  }
  const limit = options.memoryLimitBytes ?? Infinity;
  if ('points' in input) return fromPoints(input, options.metric ?? 'euclidean', limit);
  if ('distances' in input) return fromDistances(input, limit, options.symmetryTolerance ?? 1e-12);
  throw new GeoError('BAD_TYPE', 'input must have a `points` or a `distances` field', {
    argument: 'input',
    expected: '{ points } or { distances }',
    actual: Object.keys(input as object).join(', '),
  });
}

function checkMemory(n: number, limit: number): void {
  const bytes = n * n * BYTES_PER_ENTRY;
  if (bytes > limit || !Number.isSafeInteger(n * n)) {
    throw new GeoError('OUT_OF_RANGE', `a dense ${n} x ${n} distance matrix needs ${formatBytes(bytes)}, above the limit of ${formatBytes(limit)} (options.memoryLimitBytes)`, {
      argument: 'input',
      expected: `at most ${formatBytes(limit)}`,
      actual: bytes,
    });
  }
}

/** Human-readable byte count for error messages.
 *
 * @example
 * formatBytes(3 * 1024 ** 3) // '3.00 GiB'
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toPrecision(3)} ${units[u] as string}`;
}

function isNumeric(x: unknown): x is ArrayLike<number> {
  return Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}

function fromPoints(input: PointsInput, metric: Metric, limit: number): DistanceMatrix {
  const pts = input.points;
  let n: number;
  let d: number;
  let flat: Float64Array;
  if ('n' in input && 'd' in input && !Array.isArray(pts[0])) {
    assertInteger(input.n, 'input.n', { min: 0 });
    assertInteger(input.d, 'input.d', { min: 1 });
    n = input.n;
    d = input.d;
    if (!isNumeric(pts) || pts.length !== n * d) {
      throw new GeoError('BAD_SHAPE', `input.points must hold n * d = ${n * d} coordinates, got ${isNumeric(pts) ? pts.length : describeValue(pts)}`, {
        argument: 'input.points',
        expected: [n, d],
        actual: isNumeric(pts) ? pts.length : describeValue(pts),
      });
    }
    checkMemory(n, limit);
    flat = Float64Array.from(pts as ArrayLike<number>);
  } else {
    if (!Array.isArray(pts)) {
      throw new GeoError('BAD_TYPE', `input.points must be an array of coordinate arrays (or a flat buffer with n and d), got ${describeValue(pts)}`, {
        argument: 'input.points',
        expected: 'ArrayLike<number>[]',
        actual: describeValue(pts),
      });
    }
    n = pts.length;
    const first = pts[0] as unknown;
    d = n === 0 ? 1 : isNumeric(first) ? first.length : -1;
    if (d < 1) {
      throw new GeoError('BAD_SHAPE', `input.points[0] must be a non-empty coordinate array, got ${describeValue(first)}`, {
        argument: 'input.points[0]',
        expected: 'ArrayLike<number> of length >= 1',
        actual: describeValue(first),
      });
    }
    checkMemory(n, limit);
    flat = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const row = pts[i] as unknown;
      if (!isNumeric(row) || row.length !== d) {
        throw new GeoError('BAD_SHAPE', `input.points[${i}] must have ${d} coordinates like input.points[0], got ${describeValue(row)}`, {
          argument: `input.points[${i}]`,
          expected: d,
          actual: isNumeric(row) ? row.length : describeValue(row),
        });
      }
      for (let k = 0; k < d; k++) flat[i * d + k] = row[k] as number;
    }
  }
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i] as number;
    if (!Number.isFinite(v)) {
      const p = Math.floor(i / d);
      throw new GeoError('NOT_FINITE', `input.points: coordinate ${i % d} of point ${p} must be finite, got ${describeValue(v)}`, {
        argument: `input.points[${p}]`,
        expected: 'finite coordinates',
        actual: v,
      });
    }
  }
  const data = new Float64Array(n * n);
  if (typeof metric === 'function') {
    for (let i = 0; i < n; i++) {
      const a = flat.subarray(i * d, i * d + d);
      for (let j = 0; j < i; j++) {
        const v = metric(a, flat.subarray(j * d, j * d + d));
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
          throw new GeoError('OUT_OF_DOMAIN', `options.metric returned ${describeValue(v)} for points ${i} and ${j}; a distance must be a finite number >= 0`, {
            argument: 'options.metric',
            expected: 'finite distance >= 0',
            actual: v,
          });
        }
        data[i * n + j] = v;
        data[j * n + i] = v;
      }
    }
    return { n, data };
  }
  if (metric !== 'euclidean' && metric !== 'manhattan' && metric !== 'chebyshev') {
    throw new GeoError('OUT_OF_RANGE', `options.metric must be "euclidean", "manhattan", "chebyshev" or a function, got ${describeValue(metric)}`, {
      argument: 'options.metric',
      expected: ['euclidean', 'manhattan', 'chebyshev', 'function'],
      actual: describeValue(metric),
    });
  }
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    for (let j = 0; j < i; j++) {
      const oj = j * d;
      let v = 0;
      if (metric === 'euclidean') {
        // Plain sum of squared differences, as GUDHI and scipy do (the Gram-matrix trick loses digits).
        for (let k = 0; k < d; k++) {
          const t = (flat[oi + k] as number) - (flat[oj + k] as number);
          v += t * t;
        }
        v = Math.sqrt(v);
      } else if (metric === 'manhattan') {
        for (let k = 0; k < d; k++) v += Math.abs((flat[oi + k] as number) - (flat[oj + k] as number));
      } else {
        for (let k = 0; k < d; k++) v = Math.max(v, Math.abs((flat[oi + k] as number) - (flat[oj + k] as number)));
      }
      data[i * n + j] = v;
      data[j * n + i] = v;
    }
  }
  return { n, data };
}

function fromDistances(input: DistancesInput, limit: number, tol: number): DistanceMatrix {
  const D = input.distances;
  if ('n' in input && !Array.isArray(D[0])) {
    assertInteger(input.n, 'input.n', { min: 0 });
    const n = input.n;
    if (!isNumeric(D)) {
      throw new GeoError('BAD_TYPE', `input.distances must be a numeric buffer, got ${describeValue(D)}`, {
        argument: 'input.distances',
        expected: 'ArrayLike<number>',
        actual: describeValue(D),
      });
    }
    checkMemory(n, limit);
    const data = new Float64Array(n * n);
    if (D.length === n * n) {
      for (let i = 0; i < n * n; i++) data[i] = D[i] as number;
      return validateFull(n, data, tol);
    }
    if (D.length === (n * (n - 1)) / 2) {
      let k = 0;
      for (let i = 1; i < n; i++) {
        for (let j = 0; j < i; j++) {
          const v = D[k++] as number;
          checkEntry(v, i, j);
          data[i * n + j] = v;
          data[j * n + i] = v;
        }
      }
      return { n, data };
    }
    throw new GeoError('BAD_SHAPE', `input.distances must hold n*n = ${n * n} (full) or n(n-1)/2 = ${(n * (n - 1)) / 2} (lower-triangular) entries, got ${D.length}`, {
      argument: 'input.distances',
      expected: [n * n, (n * (n - 1)) / 2],
      actual: D.length,
    });
  }
  if (!Array.isArray(D)) {
    throw new GeoError('BAD_TYPE', `input.distances must be an array of rows (or a buffer with n), got ${describeValue(D)}`, {
      argument: 'input.distances',
      expected: 'ArrayLike<number>[]',
      actual: describeValue(D),
    });
  }
  const n = D.length;
  checkMemory(n, limit);
  const data = new Float64Array(n * n);
  const rows = D as ReadonlyArray<unknown>;
  const lens = rows.map((r) => (isNumeric(r) ? r.length : -1));
  const full = lens.every((l) => l === n);
  const lower = !full && lens.every((l, i) => l === i);
  const lowerDiag = !full && !lower && lens.every((l, i) => l === i + 1);
  if (!full && !lower && !lowerDiag) {
    const i = lens.findIndex((l) => l !== n);
    throw new GeoError('BAD_SHAPE', `input.distances must be n x n or lower-triangular (row i of length i or i+1); row ${i} has length ${lens[i]}`, {
      argument: `input.distances[${i}]`,
      expected: n,
      actual: lens[i],
    });
  }
  for (let i = 0; i < n; i++) {
    const row = rows[i] as ArrayLike<number>;
    const m = full ? n : lower ? i : i + 1;
    for (let j = 0; j < m; j++) data[i * n + j] = row[j] as number;
  }
  if (full) return validateFull(n, data, tol);
  for (let i = 0; i < n; i++) {
    if (lowerDiag) checkDiagonal(data[i * n + i] as number, i, 0);
    data[i * n + i] = 0;
    for (let j = 0; j < i; j++) {
      const v = data[i * n + j] as number;
      checkEntry(v, i, j);
      data[j * n + i] = v;
    }
  }
  return { n, data };
}

function checkEntry(v: number, i: number, j: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new GeoError('NOT_FINITE', `input.distances[${i}][${j}] must be finite, got ${describeValue(v)}`, {
      argument: `input.distances[${i}][${j}]`,
      expected: 'finite distance',
      actual: v,
    });
  }
  if (v < 0) {
    throw new GeoError('OUT_OF_DOMAIN', `input.distances[${i}][${j}] is negative (${v}); distances must be >= 0`, {
      argument: `input.distances[${i}][${j}]`,
      expected: '>= 0',
      actual: v,
    });
  }
}

function checkDiagonal(v: number, i: number, tolAbs: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > tolAbs) {
    throw new GeoError('OUT_OF_DOMAIN', `input.distances[${i}][${i}] must be 0 (a point is at distance 0 from itself), got ${describeValue(v)}`, {
      argument: `input.distances[${i}][${i}]`,
      expected: 0,
      actual: v,
    });
  }
}

function validateFull(n: number, data: Float64Array, tol: number): DistanceMatrix {
  let max = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      checkEntry(data[i * n + j] as number, i, j);
      checkEntry(data[j * n + i] as number, j, i);
      max = Math.max(max, data[i * n + j] as number);
    }
  }
  const tolAbs = tol * max;
  for (let i = 0; i < n; i++) {
    checkDiagonal(data[i * n + i] as number, i, tolAbs);
    data[i * n + i] = 0;
    for (let j = 0; j < i; j++) {
      const lo = data[i * n + j] as number;
      const up = data[j * n + i] as number;
      if (Math.abs(lo - up) > tolAbs) {
        throw new GeoError('OUT_OF_DOMAIN', `input.distances is not symmetric: entry [${i}][${j}] = ${lo} but [${j}][${i}] = ${up}`, {
          argument: `input.distances[${j}][${i}]`,
          expected: lo,
          actual: up,
        });
      }
      data[j * n + i] = lo;
    }
  }
  return { n, data };
}

/**
 * The enclosing radius min_i max_j D_ij: above it the Rips complex is a cone (contractible),
 * so Ripser uses it as the default threshold.
 *
 * @example
 * enclosingRadius({ n: 3, data: Float64Array.of(0, 1, 2, 1, 0, 1, 2, 1, 0) }) // 1
 */
export function enclosingRadius(D: DistanceMatrix): number {
  const { n, data } = D;
  let r = Infinity;
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let j = 0; j < n; j++) m = Math.max(m, data[i * n + j] as number);
    r = Math.min(r, m);
  }
  return n === 0 ? 0 : r;
}
