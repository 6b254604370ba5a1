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
    if (kk === 1) {
      out[i] = idx; // C(v, 1) = v
      return;
    }
    const row = kk * stride;
    // largest v in [kk - 1, top - 1] with C(v, kk) <= idx. C(v, kk) ~ (v - (kk-1)/2)^kk / kk!
    // gives a guess within a step or two (a binary search costs ~log2 n unpredictable branches)
    let v = Math.floor(Math.pow(idx * (FACTORIAL[kk] as number), 1 / kk) + (kk - 1) / 2);
    if (!(v >= kk - 1)) v = kk - 1;
    if (v > top - 1) v = top - 1;
    while (v < top - 1 && (B[row + v + 1] as number) <= idx) v++;
    while ((B[row + v] as number) > idx) v--;
    out[i] = v;
    idx -= B[row + v] as number;
    top = v;
  }
}

const FACTORIAL = [1, 1, 2, 6, 24, 120, 720, 5040, 40320, 362880, 3628800, 39916800, 479001600];
