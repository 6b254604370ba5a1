// Named tolerances for @geo/core's tests, per quantity (float64 throughout).

const EPS = 2 ** -52;

/** matmul vs the naive triple loop: summation order differs, so allow k * eps * (|A||B|) entrywise. */
export const MATMUL_REL = (k: number): number => 4 * Math.max(k, 1) * EPS;

/** Eigenvalues vs 60-digit references, relative to the largest |eigenvalue| (the issue asks 1e-10). */
export const EIGENVALUE_REL = 1e-13;

/** |A V - V diag(w)| and |V^T V - I|, relative to |A| (backward stability: a modest multiple of n eps). */
export const EIGEN_RESIDUAL_REL = (n: number): number => 50 * Math.max(n, 1) * EPS;

/** Lanczos: eigenvalues agree with the dense solver relative to the spectral radius. */
export const LANCZOS_VALUE_REL = 1e-9;

/** Lanczos: eigenvectors agree with the dense solver up to sign, for well-separated eigenvalues. */
export const LANCZOS_VECTOR_ABS = 1e-6;

/** erf against 40-digit values: relative, a few ulps (the worst grid point is 4.0 eps). */
export const ERF_REL = 8 * EPS;

/** erfc against 40-digit values: relative (the continued fraction near x = 0.5 loses a few ulps). */
export const ERFC_REL = 64 * EPS;
