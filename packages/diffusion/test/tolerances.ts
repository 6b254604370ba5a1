// Named tolerances for @geo/diffusion's tests, per quantity (float64 throughout).

/** Kernel entries (in [0, 1]) against numpy: absolute. The issue asks 1e-9. */
export const KERNEL_ABS = 1e-12;

/** Alpha-decay bandwidths eps_i (exact k-th neighbour distances) relative to the largest. */
export const BANDWIDTH_REL = 1e-13;

/** Transition probabilities and the stationary distribution, absolute. */
export const OPERATOR_ABS = 1e-12;

/** Eigenvalues of P against numpy, absolute (|lambda| <= 1). */
export const EIGENVALUE_ABS = 1e-10;

/** Diffusion-map coordinates and diffusion distances, relative to the largest magnitude. */
export const DIFFUSION_MAP_REL = 1e-9;

/** Potential distances, relative to the largest: log(P^t + 1e-7) amplifies rounding in P^t by up to 1e7. */
export const POTENTIAL_REL = 1e-9;

/** Entropies (nats or bits), absolute. */
export const ENTROPY_ABS = 1e-9;

/** Classical-MDS eigenvalues and embedding distances, relative to the largest. */
export const MDS_REL = 1e-9;

/** Frobenius distances between operators, relative. */
export const FROBENIUS_REL = 1e-9;

/** Procrustes disparity allowed between our PHATE embedding and the reference's (the issue: 0.05). */
export const PHATE_PROCRUSTES = 0.05;

/** Rows of P sum to 1 up to this (n eps of summation). */
export const ROW_SUM_ABS = 1e-12;

/** pi P = pi and P psi = lambda psi residuals, absolute. */
export const STATIONARY_ABS = 1e-12;

/** Embedding invariance (rigid motion) after Procrustes alignment: disparity. */
export const INVARIANCE_PROCRUSTES = 1e-8;

/**
 * Singular values from two backward-stable paths (two-stage band reduction vs unblocked
 * bidiagonalisation), or against prescribed values, absolute relative to the largest: each is
 * within a small multiple of n eps ||A|| of the exact value, n <= 200 here.
 */
export const SINGULAR_VALUE_REL = 1e-12;

/** Orthogonal reductions preserve the Frobenius norm: relative change allowed. */
export const NORM_PRESERVATION_REL = 1e-13;

/** SMACOF stress against the numpy reference after the same iterations from the same start, relative. */
export const SMACOF_STRESS_REL = 1e-9;

/** SMACOF configuration against the numpy reference, absolute relative to the largest coordinate. */
export const SMACOF_CONFIG_REL = 1e-9;

/** Stress of an exactly embeddable D at its own configuration, relative to sum D_ij^2 (rounding only). */
export const EMBEDDABLE_STRESS_REL = 1e-20;

/** Stochastic Lanczos estimate of the von Neumann entropy curve against the exact one (nats, absolute; observed up to 0.24). */
export const ENTROPY_ESTIMATE_ABS = 0.35;

/** The estimated curve's knee against the exact knee (diffusion steps; observed up to 2). */
export const KNEE_ESTIMATE_STEPS = 2;

/** The estimate is exact for a diagonal P^T P (Rademacher probes, a full Krylov space): nats, absolute. */
export const ENTROPY_ESTIMATE_EXACT_ABS = 1e-9;

/**
 * Landmark PHATE against the exact run (classical MDS, so SMACOF's local minima do not enter):
 * Procrustes disparity allowed with n/4 landmarks (observed 0.006-0.079 on 600-point trees and
 * swiss rolls, three data seeds each) and with n/2 (observed 0.001-0.052).
 */
export const LANDMARK_QUARTER_PROCRUSTES = 0.15;
export const LANDMARK_HALF_PROCRUSTES = 0.1;
