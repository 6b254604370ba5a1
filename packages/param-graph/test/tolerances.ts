// Named tolerances, one per compared quantity. Exact comparisons (bits, multisets) use none.

/** |our float64 sum - reference sum| / sum |x| for a tensor's sum: only summation order differs. */
export const TENSOR_SUM_REL_L1 = 1e-12;

/** Forward pass of a permuted MLP vs the original, relative to 1 + |y|: only summation order differs. */
export const FORWARD_PERMUTATION_REL = 1e-12;

/** Node features of a relabelled graph vs the original, relative to 1 + |feature|: strengths are summed in another order. */
export const NODE_FEATURE_PERMUTATION_REL = 1e-12;

/** Mean of z-scored strengths (should be 0) in units of the strengths' own scale. */
export const ZSCORE_MEAN_ABS = 1e-12;

/** Population standard deviation of z-scored strengths (should be 1). */
export const ZSCORE_STD_ABS = 1e-12;

/** Symmetrised edge weight vs the hand-computed average of the two directions. */
export const SYMMETRISED_WEIGHT_REL = 1e-15;

/** Power-law exponent on data whose closed-form MLE is known (formula checks, not statistics). */
export const POWERLAW_ALPHA_FORMULA_REL = 1e-12;

/** Hurwitz zeta against closed forms (pi^2/6, Apery's constant, ...). */
export const HURWITZ_ZETA_REL = 1e-13;

/** Statistical recovery of alpha from large synthetic samples, in standard errors (alpha-1)/sqrt(n). */
export const POWERLAW_ALPHA_SIGMAS = 4;

/** Our discrete MLE vs scipy's bounded minimiser (xatol 1e-12) on the same likelihood. */
export const POWERLAW_ALPHA_SCIPY_REL = 1e-7;

/** Our continuous xmin scan vs the numpy scan: same formulas, different summation order. */
export const POWERLAW_SCAN_REL = 1e-10;

/** Interpolated quantiles vs numpy's values written as decimals. */
export const QUANTILE_ABS = 1e-12;

/** tfjs (float32) node features vs the float64 typed-array face; z-scores are O(1), so absolute. */
export const TF_FEATURE_ABS = 2e-4;

/** Activations (through a 1-1-1 identity-weight MLP) vs scipy values. */
export const ACTIVATION_REL = 1e-12;

/** Discrete KS distance vs the numpy/scipy computation at scipy's alpha (ours differs by ~1e-8). */
export const POWERLAW_KS_SCIPY_ABS = 1e-6;

/** tf.grad (float32) of node features vs float64 central differences of the typed-array face. */
export const TF_GRADIENT_REL = 2e-2;

/** Incident-strength sums vs a hand or naive re-summation: only the order of additions differs. */
export const STRENGTH_REL = 1e-13;

/** z-scores vs a naive two-pass recomputation in the test. */
export const ZSCORE_VALUE_ABS = 1e-13;

/**
 * zscore on arbitrary data spanning 1e-300..1e300: mean and sd of the z-scores, per sqrt(n)
 * (rounding in the scaled two-pass algorithm grows with n and the dynamic range).
 */
export const ZSCORE_WIDE_RANGE_ABS = 1e-10;

/** Mean of a sample against its own min and max (rounding of the running sum). */
export const MEAN_BOUNDS_REL = 1e-12;

/** Central-difference step for the tf gradient check (float64 objective, O(1) weights). */
export const FD_STEP = 1e-6;
