/** A compressed-sparse-row n x n matrix: row i holds columns `cols[rowPtr[i]..rowPtr[i+1])`, sorted. */
export interface CsrMatrix {
  readonly n: number;
  readonly rowPtr: Int32Array;
  readonly cols: Int32Array;
  readonly values: Float64Array;
}

/** Builds a CSR matrix from triplets, summing duplicates (rows and columns end up sorted). */
export function csrFromTriplets(n: number, rows: Int32Array, cols: Int32Array, values: Float64Array, count = rows.length): CsrMatrix {
  const rowPtr = new Int32Array(n + 1);
  for (let e = 0; e < count; e++) rowPtr[(rows[e] as number) + 1] = (rowPtr[(rows[e] as number) + 1] as number) + 1;
  for (let i = 0; i < n; i++) rowPtr[i + 1] = (rowPtr[i + 1] as number) + (rowPtr[i] as number);
  const next = rowPtr.slice(0, n);
  const c = new Int32Array(count);
  const v = new Float64Array(count);
  for (let e = 0; e < count; e++) {
    const r = rows[e] as number;
    const p = next[r] as number;
    next[r] = p + 1;
    c[p] = cols[e] as number;
    v[p] = values[e] as number;
  }
  // Sort each row by column and merge duplicates.
  const outPtr = new Int32Array(n + 1);
  let w = 0;
  for (let i = 0; i < n; i++) {
    const start = rowPtr[i] as number;
    const end = rowPtr[i + 1] as number;
    const idx: number[] = [];
    for (let p = start; p < end; p++) idx.push(p);
    idx.sort((a, b) => (c[a] as number) - (c[b] as number));
    const rowCols: number[] = [];
    const rowVals: number[] = [];
    for (const p of idx) {
      const col = c[p] as number;
      if (rowCols.length > 0 && rowCols[rowCols.length - 1] === col) rowVals[rowVals.length - 1] = (rowVals[rowVals.length - 1] as number) + (v[p] as number);
      else {
        rowCols.push(col);
        rowVals.push(v[p] as number);
      }
    }
    for (let q = 0; q < rowCols.length; q++) {
      c[w + q] = rowCols[q] as number;
      v[w + q] = rowVals[q] as number;
    }
    w += rowCols.length;
    outPtr[i + 1] = w;
  }
  return { n, rowPtr: outPtr, cols: c.slice(0, w), values: v.slice(0, w) };
}

/** Dense row-major copy of a CSR matrix. */
export function csrToDense(m: CsrMatrix, out: Float64Array = new Float64Array(m.n * m.n)): Float64Array {
  out.fill(0);
  const { n, rowPtr, cols, values } = m;
  for (let i = 0; i < n; i++) for (let p = rowPtr[i] as number; p < (rowPtr[i + 1] as number); p++) out[i * n + (cols[p] as number)] = values[p] as number;
  return out;
}

/** Row sums of a CSR matrix. */
export function csrRowSums(m: CsrMatrix): Float64Array {
  const s = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++) {
    let acc = 0;
    for (let p = m.rowPtr[i] as number; p < (m.rowPtr[i + 1] as number); p++) acc += m.values[p] as number;
    s[i] = acc;
  }
  return s;
}
