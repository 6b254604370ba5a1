/**
 * Binomial coefficients C(v, k) for v = 0..n and k = 0..kMax, row k at offset k*(n+1), as
 * float64 (exact up to 2^53): the combinatorial number system indexes a simplex with vertices
 * v_0 > v_1 > ... > v_d by sum_i C(v_i, d + 1 - i) (Ripser, Bauer 2021, section 5).
 *
 * @example
 * const B = binomialTable(5, 3); B[2 * 6 + 4] // C(4, 2) = 6
 */
export function binomialTable(n: number, kMax: number): Float64Array {
  const stride = n + 1;
  const B = new Float64Array((kMax + 1) * stride);
  for (let v = 0; v <= n; v++) B[v] = 1;
  for (let k = 1; k <= kMax; k++) {
    for (let v = k; v <= n; v++) {
      B[k * stride + v] = (B[(k - 1) * stride + v - 1] as number) + (B[k * stride + v - 1] as number);
    }
  }
  return B;
}

/**
 * Writes the vertices (descending) of the simplex with `k` vertices and index `idx` into `out`,
 * by peeling off the largest v with C(v, k) <= idx, then k - 1, and so on.
 *
 * @example
 * const B = binomialTable(5, 3);
 * const out = new Int32Array(2); simplexVertices(B, 5, 7, 2, out); // out = [4, 1]: C(4,2) + C(1,1) = 7
 */
export function simplexVertices(B: Float64Array, n: number, idx: number, k: number, out: Int32Array): void {
  const stride = n + 1;
  let top = n; // exclusive upper bound for the next vertex
  for (let i = 0; i < k; i++) {
    const kk = k - i;
    const row = kk * stride;
    // largest v in [kk - 1, top - 1] with C(v, kk) <= idx (C(kk - 1, kk) = 0 always qualifies)
    let lo = kk - 1;
    let hi = top - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((B[row + mid] as number) <= idx) lo = mid;
      else hi = mid - 1;
    }
    out[i] = lo;
    idx -= B[row + lo] as number;
    top = lo;
  }
}
