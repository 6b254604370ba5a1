// Small dense kernels on one row-major d x d block at an offset, shared by the metric
// routines. Kept here (not in @geo/core) because only this package needs them in this form.

/**
 * Eigenvalues of the symmetric d x d block `a[off..off+d*d)`, ascending, into
 * `out[outOff..outOff+d)`, by cyclic Jacobi rotations (accurate in relative terms for
 * positive definite matrices). `work` must hold d*d entries; `vectors`, if given, receives
 * the eigenvectors as columns (row-major d x d) in the same order.
 */
export function symmetricEigen(
  a: ArrayLike<number>,
  off: number,
  d: number,
  out: Float64Array,
  outOff: number,
  work: Float64Array,
  vectors?: Float64Array,
): void {
  for (let i = 0; i < d * d; i++) work[i] = a[off + i] as number;
  if (vectors !== undefined) {
    vectors.fill(0, 0, d * d);
    for (let i = 0; i < d; i++) vectors[i * d + i] = 1;
  }
  for (let sweep = 0; sweep < 100; sweep++) {
    let offNorm = 0;
    let diagNorm = 0;
    for (let i = 0; i < d; i++) {
      diagNorm += (work[i * d + i] as number) ** 2;
      for (let j = i + 1; j < d; j++) offNorm += (work[i * d + j] as number) ** 2;
    }
    if (offNorm === 0 || offNorm <= 1e-32 * diagNorm) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = work[p * d + q] as number;
        if (apq === 0) continue;
        const app = work[p * d + p] as number;
        const aqq = work[q * d + q] as number;
        // Skip rotations that cannot change the diagonal in float64.
        if (Math.abs(apq) < 1e-300 || Math.abs(apq) <= 1e-18 * Math.sqrt(Math.abs(app * aqq))) {
          work[p * d + q] = 0;
          work[q * d + p] = 0;
          continue;
        }
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = work[k * d + p] as number;
          const akq = work[k * d + q] as number;
          work[k * d + p] = c * akp - s * akq;
          work[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = work[p * d + k] as number;
          const aqk = work[q * d + k] as number;
          work[p * d + k] = c * apk - s * aqk;
          work[q * d + k] = s * apk + c * aqk;
        }
        if (vectors !== undefined) {
          for (let k = 0; k < d; k++) {
            const vkp = vectors[k * d + p] as number;
            const vkq = vectors[k * d + q] as number;
            vectors[k * d + p] = c * vkp - s * vkq;
            vectors[k * d + q] = s * vkp + c * vkq;
          }
        }
      }
    }
  }
  // Sort ascending (insertion sort: d is small), carrying eigenvector columns along.
  const order = Array.from({ length: d }, (_, i) => i).sort((i, j) => (work[i * d + i] as number) - (work[j * d + j] as number));
  for (let i = 0; i < d; i++) out[outOff + i] = work[(order[i] as number) * d + (order[i] as number)] as number;
  if (vectors !== undefined) {
    const copy = vectors.slice(0, d * d);
    for (let k = 0; k < d; k++) {
      for (let i = 0; i < d; i++) vectors[k * d + i] = copy[k * d + (order[i] as number)] as number;
    }
  }
}

/**
 * In-place Cholesky g = L L^T of the d x d block copied into `l` (lower triangle is
 * written, upper left stale). Returns the smallest pivot L_ii^2, or -Infinity (or NaN)
 * when a pivot is not positive, i.e. the factorisation broke down.
 */
export function choleskyInPlace(l: Float64Array, d: number): number {
  let minPivot = Infinity;
  for (let j = 0; j < d; j++) {
    let s = l[j * d + j] as number;
    for (let k = 0; k < j; k++) s -= (l[j * d + k] as number) ** 2;
    if (!(s > 0)) return s === 0 || s < 0 ? -Infinity : NaN;
    if (s < minPivot) minPivot = s;
    const ljj = Math.sqrt(s);
    l[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let t = l[i * d + j] as number;
      for (let k = 0; k < j; k++) t -= (l[i * d + k] as number) * (l[j * d + k] as number);
      l[i * d + j] = t / ljj;
    }
  }
  return minPivot;
}

/** Solves L L^T y = b in place in `y` (L from choleskyInPlace). */
export function choleskySolveInPlace(l: Float64Array, d: number, y: Float64Array): void {
  for (let i = 0; i < d; i++) {
    let s = y[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * d + k] as number) * (y[k] as number);
    y[i] = s / (l[i * d + i] as number);
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = y[i] as number;
    for (let k = i + 1; k < d; k++) s -= (l[k * d + i] as number) * (y[k] as number);
    y[i] = s / (l[i * d + i] as number);
  }
}
