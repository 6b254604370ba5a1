import { GeoError, createRng } from '@geo/core';

/**
 * Lloyd's k-means on n x d row-major points (internal, for PHATE's landmarks): centres start at
 * k distinct points drawn with the seed; empty clusters are dropped at the end, so the result
 * may have fewer than k clusters. Stops when under 0.1% of the points change cluster.
 * Deterministic per seed.
 */
export function kmeans(data: Float64Array, n: number, d: number, k: number, seed: number, maxIter = 20, signal?: AbortSignal): { labels: Int32Array; count: number } {
  const rng = createRng(seed).derive('kmeans-init');
  const perm = rng.permutation(n);
  const centres = new Float64Array(k * d);
  for (let c = 0; c < k; c++) centres.set(data.subarray((perm[c] as number) * d, ((perm[c] as number) + 1) * d), c * d);
  const labels = new Int32Array(n).fill(-1);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const cnorm = new Float64Array(k);
  for (let it = 0; it < maxIter; it++) {
    if (signal?.aborted) throw new GeoError('ABORTED', 'k-means aborted', {});
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let q = 0; q < d; q++) s += (centres[c * d + q] as number) ** 2;
      cnorm[c] = s;
    }
    let changed = 0;
    for (let i = 0; i < n; i++) {
      // argmin |x - c|^2 = argmin |c|^2 - 2 x.c
      let best = Infinity;
      let arg = 0;
      const oi = i * d;
      for (let c = 0; c < k; c++) {
        const oc = c * d;
        let dot = 0;
        for (let q = 0; q < d; q++) dot += (data[oi + q] as number) * (centres[oc + q] as number);
        const v = (cnorm[c] as number) - 2 * dot;
        if (v < best) {
          best = v;
          arg = c;
        }
      }
      if (labels[i] !== arg) {
        labels[i] = arg;
        changed++;
      }
    }
    // Landmarks only need a reasonable partition: stop when under 0.1% of the points move.
    if (changed <= n * 1e-3 && it > 0) break;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i] as number;
      counts[c] = (counts[c] as number) + 1;
      for (let q = 0; q < d; q++) sums[c * d + q] = (sums[c * d + q] as number) + (data[i * d + q] as number);
    }
    for (let c = 0; c < k; c++) {
      const m = counts[c] as number;
      if (m === 0) continue; // keep the old centre of an empty cluster
      for (let q = 0; q < d; q++) centres[c * d + q] = (sums[c * d + q] as number) / m;
    }
  }
  // Renumber the non-empty clusters 0..count-1.
  const map = new Int32Array(k).fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    if (map[c] === -1) map[c] = count++;
    labels[i] = map[c] as number;
  }
  return { labels, count };
}
