// Stage 2 of the two-stage singular-value reduction: an upper band matrix to upper bidiagonal
// form by Givens rotations, each fill-in element chased off the bottom of the band.

/** Rotates columns c and c + 1 of rows r0..r1 so that [x y] -> [cs x + sn y, -sn x + cs y]. */
function rotateColumns(A: Float64Array, n: number, c: number, r0: number, r1: number, cs: number, sn: number): void {
  for (let i = r0, p = r0 * n + c; i <= r1; i++, p += n) {
    const x = A[p] as number;
    const y = A[p + 1] as number;
    A[p] = cs * x + sn * y;
    A[p + 1] = cs * y - sn * x;
  }
}

/** Rotates rows r and r + 1 over columns c0..c1 in the same way. */
function rotateRows(A: Float64Array, n: number, r: number, c0: number, c1: number, cs: number, sn: number): void {
  const p = r * n;
  const q = p + n;
  for (let j = c0; j <= c1; j++) {
    const x = A[p + j] as number;
    const y = A[q + j] as number;
    A[p + j] = cs * x + sn * y;
    A[q + j] = cs * y - sn * x;
  }
}

/**
 * Reduces an upper band matrix (A_ij = 0 unless i <= j <= i + ku), stored dense row-major n x n,
 * to upper bidiagonal form in place, and writes its diagonal to d (n) and superdiagonal to e
 * (n - 1). Row by row, the entries beyond the superdiagonal are annihilated from the outside in
 * by column rotations; each creates one element below the diagonal, which a row rotation moves
 * ku columns to the right of the band, which a column rotation moves ku rows down, until it
 * falls off the matrix (Schwarz / Kaufman bulge chasing, as LAPACK's dgbbrd). O(n^2 ku) flops.
 */
export function upperBandToBidiagonal(A: Float64Array, n: number, ku: number, d: Float64Array, e: Float64Array): void {
  for (let k = 0; k < n - 2; k++) {
    const top = Math.min(k + ku, n - 1);
    for (let j = top; j >= k + 2; j--) {
      const b = A[k * n + j] as number;
      if (b === 0) continue;
      const a = A[k * n + j - 1] as number;
      const h = Math.hypot(a, b);
      rotateColumns(A, n, j - 1, k, j, a / h, b / h);
      A[k * n + j] = 0;
      // The fill-in now sits at (p, p - 1).
      for (let p = j; ; ) {
        const f = A[p * n + p - 1] as number;
        if (f === 0) break;
        const g = A[(p - 1) * n + p - 1] as number;
        const hr = Math.hypot(g, f);
        const q = p + ku;
        rotateRows(A, n, p - 1, p - 1, Math.min(q, n - 1), g / hr, f / hr);
        A[p * n + p - 1] = 0;
        if (q > n - 1) break;
        const fb = A[(p - 1) * n + q] as number;
        if (fb === 0) break;
        const gb = A[(p - 1) * n + q - 1] as number;
        const hc = Math.hypot(gb, fb);
        rotateColumns(A, n, q - 1, p - 1, q, gb / hc, fb / hc);
        A[(p - 1) * n + q] = 0;
        p = q;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    d[i] = A[i * n + i] as number;
    if (i < n - 1) e[i] = A[i * n + i + 1] as number;
  }
}
