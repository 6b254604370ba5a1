import { GeoError } from './errors.js';
import { assertArrayLike, assertFinite, assertInteger, assertShape } from './validate.js';

/** A dense row-major float64 matrix: entry (i, j) is `data[i * cols + j]`. */
export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/** Input accepted at API edges: an array of rows, or a row-major buffer with its shape. */
export type MatrixInput =
  | readonly (readonly number[] | ArrayLike<number>)[]
  | Matrix
  | { readonly data: ArrayLike<number>; readonly rows: number; readonly cols: number };

function isRowArray(x: unknown): x is readonly ArrayLike<number>[] {
  return Array.isArray(x) && (x.length === 0 || typeof x[0] !== 'number');
}

/**
 * Coerces an array of rows or a `{ data, rows, cols }` into a validated float64 Matrix
 * (copying only when needed). Rejects ragged rows and non-finite entries.
 *
 * @example
 * toMatrix([[1, 2], [3, 4]], 'X') // { data: Float64Array [1, 2, 3, 4], rows: 2, cols: 2 }
 */
export function toMatrix(input: MatrixInput, name: string): Matrix {
  if (isRowArray(input)) {
    const rows = input.length;
    const cols = rows === 0 ? 0 : (input[0] as ArrayLike<number>).length;
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const row = input[i] as ArrayLike<number>;
      assertArrayLike(row, `${name}[${i}]`);
      if (row.length !== cols) {
        throw new GeoError('BAD_SHAPE', `${name} is ragged: row 0 has ${cols} entries, row ${i} has ${row.length}`, {
          argument: `${name}[${i}]`,
          expected: cols,
          actual: row.length,
        });
      }
      assertFinite(row, `${name}[${i}]`);
      data.set(row, i * cols);
    }
    return { data, rows, cols };
  }
  if (typeof input !== 'object' || input === null || !('data' in input)) {
    throw new GeoError('BAD_TYPE', `${name} must be an array of rows or { data, rows, cols }`, { argument: name });
  }
  const { rows, cols } = input;
  assertInteger(rows, `${name}.rows`, { min: 0 });
  assertInteger(cols, `${name}.cols`, { min: 0 });
  assertArrayLike(input.data, `${name}.data`);
  assertShape(input.data, [rows, cols], `${name}.data`);
  assertFinite(input.data, `${name}.data`);
  const data = input.data instanceof Float64Array ? input.data : Float64Array.from(input.data);
  return { data, rows, cols };
}

/** The transpose of a row-major rows x cols matrix, as cols x rows. */
export function transpose(a: ArrayLike<number>, rows: number, cols: number, out = new Float64Array(rows * cols)): Float64Array {
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j] as number;
  }
  return out;
}

/** y = A x for a row-major rows x cols matrix. */
export function matvec(a: ArrayLike<number>, rows: number, cols: number, x: ArrayLike<number>, out = new Float64Array(rows)): Float64Array {
  for (let i = 0; i < rows; i++) {
    let s = 0;
    const off = i * cols;
    for (let j = 0; j < cols; j++) s += (a[off + j] as number) * (x[j] as number);
    out[i] = s;
  }
  return out;
}

/** The n x n identity. */
export function identity(n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}
