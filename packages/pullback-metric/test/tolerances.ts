// Named tolerances, one per quantity and dtype (STYLE.md principle 5).

/** erf against 17-digit published values: a few ulps. */
export const ERF_RTOL = 4e-16;
/** Closed-form float64 Jacobian / metric vs. the 4th-order finite-difference Jacobian (issue 8: 1e-8). */
export const METRIC_CLOSED_VS_FD_RTOL = 1e-8;
/** A metric computed two exact float64 ways (closed form vs. J^T J, rotated frames): rounding only. */
export const METRIC_F64_RTOL = 1e-12;
/** log sqrt det g against an exact value, float64, for a well-conditioned g. */
export const LOG_VOLUME_F64_ATOL = 1e-12;
/**
 * Extra error of log sqrt det g (and relative error of sqrt det g) per unit of condition
 * number of g: forming g and its eigenvalues perturbs lambda_min by about eps |g|.
 */
export const LOG_VOLUME_PER_CONDITION = 16 * 2.220446049250313e-16;
/** Eigenvalues of a metric vs. an exact value, relative to the largest eigenvalue. */
export const EIGEN_F64_RTOL = 1e-13;
/** tfjs (float32) autodiff metric vs. the float64 closed form, relative to |g|_max. */
export const METRIC_TF_F32_RTOL = 2e-4;
/** Ricci scalar: shallow closed form vs. the deep/Gauss closed form, both exact float64. */
export const RICCI_CLOSED_FORMS_RTOL = 1e-9;
/** Ricci scalar: closed form vs. Brioschi with finite-difference metric derivatives. */
export const RICCI_BRIOSCHI_RTOL = 1e-5;
/** Gauss-Hermite quadrature vs. a closed-form Gaussian expectation. */
export const GAUSS_HERMITE_RTOL = 1e-12;
/** Gauss-Hermite nodes/weights vs. published values. */
export const GAUSS_HERMITE_NODE_ATOL = 1e-14;
/** NNGP metric: two quadrature orders, or quadrature vs. a closed form. */
export const NNGP_QUADRATURE_RTOL = 1e-10;
/**
 * Wide random network vs. the NNGP metric: the log-log slope of the seed-averaged relative
 * error against width must be -1/2 within this (Monte Carlo noise over 12 seeds).
 */
export const NNGP_CONVERGENCE_SLOPE_ATOL = 0.15;
/** Gauss-Hermite (200 points) at a pre-activation sd ~ 1.4, where its nodes only just resolve phi. */
export const NNGP_HERMITE_WIDE_RTOL = 1e-7;
/**
 * Seed-averaged (6 seeds) metric of width-2048 depth-2 networks vs. the deep NNGP metric: per-net
 * error ~6.5%, so ~2.7% for the mean, plus a finite-width bias that is still visible at these
 * widths (the averaged off-diagonal entry moves 0.447 -> 0.416 -> 0.397 from n = 512 to 2048 to
 * the limit). Catches a wrong term in the recursion (each moves g by tens of percent).
 */
export const NNGP_DEEP_MEAN_RTOL = 0.08;
