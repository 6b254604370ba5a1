import { createRng } from '@geo/core';
import type { Matrix } from '@geo/core';

/** k Gaussian blobs in d dimensions, `per` points each, centres `sep` apart along axes (seeded). */
export function blobs(seed: number, k: number, per: number, d: number, sep: number, noise = 1): { X: Matrix; labels: Int32Array } {
  const rng = createRng(seed).derive('blobs');
  const n = k * per;
  const data = new Float64Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    labels[i] = c;
    for (let q = 0; q < d; q++) data[i * d + q] = (q === c % d ? sep * (1 + Math.floor(c / d)) : 0) + rng.normal() * noise;
  }
  return { X: { data, rows: n, cols: d }, labels };
}

/** Uniform random points in [-1, 1]^d (seeded). */
export function cloud(seed: number, n: number, d: number): Matrix {
  const rng = createRng(seed).derive('cloud');
  return { data: rng.fillUniform(new Float64Array(n * d), -1, 1), rows: n, cols: d };
}

/** A random rotation (QR of a Gaussian matrix by Gram-Schmidt) applied to X plus a shift. */
export function rigidMotion(X: Matrix, seed: number): Matrix {
  const { rows: n, cols: d } = X;
  const rng = createRng(seed).derive('rotation');
  const Q = rng.fillNormal(new Float64Array(d * d));
  for (let c = 0; c < d; c++) {
    for (let b = 0; b < c; b++) {
      let dot = 0;
      for (let r = 0; r < d; r++) dot += (Q[r * d + c] as number) * (Q[r * d + b] as number);
      for (let r = 0; r < d; r++) Q[r * d + c] = (Q[r * d + c] as number) - dot * (Q[r * d + b] as number);
    }
    let norm = 0;
    for (let r = 0; r < d; r++) norm += (Q[r * d + c] as number) ** 2;
    for (let r = 0; r < d; r++) Q[r * d + c] = (Q[r * d + c] as number) / Math.sqrt(norm);
  }
  const shift = rng.fillNormal(new Float64Array(d), 0, 5);
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) {
      let s = shift[c] as number;
      for (let r = 0; r < d; r++) s += (X.data[i * d + r] as number) * (Q[r * d + c] as number);
      out[i * d + c] = s;
    }
  }
  return { data: out, rows: n, cols: d };
}

/** Rows of X in the order `perm` (row i of the result is row perm[i] of X). */
export function permuteRows(X: Matrix, perm: ArrayLike<number>): Matrix {
  const { rows: n, cols: d } = X;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) out.set(X.data.subarray((perm[i] as number) * d, ((perm[i] as number) + 1) * d), i * d);
  return { data: out, rows: n, cols: d };
}

/** Frobenius-normalised maximum of |row sums - 1|. */
export function maxRowSumError(P: Float64Array, n: number): number {
  let worst = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += P[i * n + j] as number;
    worst = Math.max(worst, Math.abs(s - 1));
  }
  return worst;
}

/** n points on `branches` noisy rays from the origin in d dimensions, lengths uniform in [0, 5] (seeded). */
export function branchingTree(seed: number, n: number, branches = 4, d = 10, noise = 0.3): Matrix {
  const rng = createRng(seed).derive('tree');
  const dirs = Array.from({ length: branches }, () => rng.fillNormal(new Float64Array(d)));
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const dir = dirs[i % branches] as Float64Array;
    const s = rng.uniform() * 5;
    for (let c = 0; c < d; c++) data[i * d + c] = (dir[c] as number) * s + rng.normal() * noise;
  }
  return { data, rows: n, cols: d };
}

/** The swiss roll: angle a = 1.5 pi (1 + 2u), (a cos a, 20 v, a sin a) plus Gaussian noise (seeded). */
export function swissRoll(seed: number, n: number, noise = 0.2): Matrix {
  const rng = createRng(seed).derive('swiss-roll');
  const data = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    const a = 1.5 * Math.PI * (1 + 2 * rng.uniform());
    data[i * 3] = a * Math.cos(a) + rng.normal() * noise;
    data[i * 3 + 1] = 20 * rng.uniform() + rng.normal() * noise;
    data[i * 3 + 2] = a * Math.sin(a) + rng.normal() * noise;
  }
  return { data, rows: n, cols: 3 };
}
