// Named tolerances for @geo/datasets' tests, per quantity (float64 throughout).

const EPS = 2 ** -52;

/** sinCosScaled vs Math.sin / Math.cos, absolute, for |w z| <= SINCOS_MAX_ARG (a few ulp of values in [-1, 1]). */
export const SINCOS_ABS = 8 * EPS;

/** Fused vs reference loss, relative: the same sums in another order (n up to ~10, width up to ~8). */
export const FUSED_LOSS_REL = 1e-13;

/** Fused vs reference gradient, relative to the largest gradient entry: summation order only. */
export const FUSED_GRAD_REL = 1e-12;

/** Central finite differences (step FD_STEP) vs the analytic gradient, relative to max(|g|, FD_FLOOR). */
export const FD_GRAD_REL = 1e-5;
/** Finite-difference step. */
export const FD_STEP = 1e-6;
/** Gradient entries below this are compared absolutely (relative error of a tiny entry is noise). */
export const FD_FLOOR = 1e-3;

/** Reference vs fused training trajectories after a few Adam steps, relative to the parameter scale. */
export const TRAJECTORY_REL = 1e-9;

/** The bar for one SIREN 2-32-32-1 fit of an MNIST digit, in dB. */
export const SIREN_MIN_PSNR_DB = 30;

/** erf against tabulated values, absolute (a few ulp of values near 1). */
export const ERF_ABS = 4 * EPS;

/** Classifier accuracy computed twice (fused engine vs reference forward and a plain count): counts of points, exact. */
export const ACCURACY_ABS = 0;

/** Greyscale pooling against a hand computation: sums of ~16..1024 terms of size <= 1, absolute. */
export const GREYSCALE_ABS = 1e-14;
