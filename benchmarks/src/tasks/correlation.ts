// Correlation of two series, shared by the geo-bench tasks that report one.

/**
 * Pearson's r over the pairs where both values are finite; NaN when fewer than two such
 * pairs remain or either side is constant (the correlation is undefined there, not 0).
 *
 * @example
 * pearson([1, 2, 3], [2, 4, 7]) // 0.993
 */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  let count = 0;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(a[i]) || !Number.isFinite(b[i])) continue;
    count++;
    ma += a[i] as number;
    mb += b[i] as number;
  }
  if (count < 2) return Number.NaN;
  ma /= count;
  mb /= count;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(a[i]) || !Number.isFinite(b[i])) continue;
    const x = (a[i] as number) - ma;
    const y = (b[i] as number) - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  // square roots taken apart, so tiny spreads do not underflow their product
  return saa > 0 && sbb > 0 ? sab / (Math.sqrt(saa) * Math.sqrt(sbb)) : Number.NaN;
}

/**
 * Ranks 0..n-1 of the values (ties broken by position), for Spearman's rho as the Pearson r of ranks.
 *
 * @example
 * ranks([0.3, 0.1, 0.2]) // Float64Array [2, 0, 1]
 */
export function ranks(a: ArrayLike<number>): Float64Array {
  const idx = Array.from({ length: a.length }, (_, i) => i).sort((i, j) => (a[i] as number) - (a[j] as number) || i - j);
  const r = new Float64Array(a.length);
  idx.forEach((k, i) => (r[k] = i));
  return r;
}
