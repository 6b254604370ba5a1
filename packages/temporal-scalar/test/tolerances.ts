// Named tolerances for @geo/temporal-scalar's tests, per quantity (float64 throughout).

/** Special functions (erf, Phi, ln Phi, Owen's T, t quantiles) against known values: relative. */
export const SPECIAL_REL = 1e-13;

/** Owen's T and the skew-normal CDF (composite Gauss-Legendre quadrature): absolute. */
export const OWENS_T_ABS = 1e-13;

/** Kolmogorov survival at tabulated critical values: absolute. */
export const KOLMOGOROV_ABS = 1e-4;

/** Distances and spectra computed two independent ways: relative to the largest entry. */
export const DISTANCE_REL = 1e-11;

/** Singular values (one-sided Jacobi) against eigh of the full signed adjacency: relative to the largest. */
export const SPECTRUM_REL = 1e-11;

/** Scalar embeddings that must agree exactly up to rounding (line recovery, isometries): relative to the spread. */
export const EMBEDDING_REL = 1e-8;

/** Landmark vs full MDS on a noisy curve (an approximation): relative to the spread. */
export const LANDMARK_APPROX_REL = 0.02;

/** The accuracy on the logistic map (r = 4, lambda = ln 2): relative. */
export const LOGISTIC_LYAPUNOV_REL = 0.02;

/** The accuracy on the Lorenz system (lambda = 0.9056) for the twin estimator: relative. */
export const LORENZ_LYAPUNOV_REL = 0.05;

/**
 * Rosenstein's divergence curve vs the exact-twin mean log-separation over the same window
 * (1-3.5 time units; 2500 reference points, 3000 twin pairs: sampling error about 2%): relative.
 */
export const ROSENSTEIN_TWIN_CURVE_REL = 0.04;

/**
 * Before t = 4 time units the mean log-separation of Lorenz twins grows at about 0.84, 7% below
 * lambda (it reaches 0.905 only over 4-20 time units): the tests assert a deficit of at least this share.
 */
export const LORENZ_SHORT_TIME_DEFICIT = 0.03;

/** Fraser-Swinney delay (first mutual-information minimum) of the Lorenz x at dt = 0.01, in samples. */
export const LORENZ_TAU_RANGE: readonly [number, number] = [15, 20];

/** Mean period (reciprocal mean spectral frequency) of the Lorenz x at dt = 0.01, in samples. */
export const LORENZ_MEAN_PERIOD_RANGE: readonly [number, number] = [140, 175];

/** Lorenz largest exponent (sigma 10, rho 28, beta 8/3), literature value. */
export const LORENZ_LAMBDA = 0.9056;

/** Exact synthetic curves (slopes recovered by least squares on exact lines): relative. */
export const SYNTHETIC_SLOPE_REL = 1e-9;

/** Skew-lognormal location and scale from 1e4 samples, every single fit (SEs 0.5% and 1.1%, so 5% is > 4.5 SE): relative. */
export const SKEW_LOGNORMAL_PARAM_REL = 0.05;

/**
 * Observed SD of a parameter over 20 seeds vs its mean asymptotic SE: a factor either way. With 19
 * degrees of freedom s / sigma lies in [0.51, 1.56] with probability 99.9% (chi-square), so 1.6.
 */
export const SKEW_LOGNORMAL_SPREAD_FACTOR = 1.6;

/** Mean over S seeds vs the truth, in standard errors of that mean (SE / sqrt S). */
export const SKEW_LOGNORMAL_MEAN_SE = 4;

/** Mean over 20 seeds vs the truth: relative (alpha's mean has SE 0.8%). */
export const SKEW_LOGNORMAL_MEAN_REL = 0.02;

/** Density integrates to one and the CDF matches the integrated density (quadrature): absolute. */
export const DENSITY_QUADRATURE_ABS = 1e-7;

/** Mean period of an exactly periodic sinusoid (no spectral leakage): relative. */
export const MEAN_PERIOD_REL = 1e-9;

/** Statistics that are invariant to affine maps of a series, recomputed after the map (rounding only): relative. */
export const AFFINE_INVARIANCE_REL = 1e-9;

/** Our log-likelihood sum at given parameters vs scipy's skewnorm.logpdf sum (n <= 2000 terms): relative. */
export const LOG_LIKELIHOOD_EVAL_REL = 1e-12;

/** Max log-likelihood reached by our optimiser vs scipy's best of several starts: relative. */
export const LOG_LIKELIHOOD_OPTIMUM_REL = 1e-8;

/**
 * Fitted parameters vs scipy's, in units of each parameter's standard error. A shift of k standard
 * errors costs about k^2 / 2 of log-likelihood; with |ll| ~ 250-3300 and both optima equal to
 * 1e-8 relative (<= 3e-5 absolute), shifts up to sqrt(2 * 3e-5) ~ 8e-3 SE are indistinguishable:
 * 1e-3 SE (~1e-4 to 2e-4 in alpha, ~1e-5 in xi and omega) asks both optimisers to have converged.
 */
export const SKEW_LOGNORMAL_REFERENCE_PARAM_SE = 1e-3;

/** Standard errors: our analytic observed information vs scipy-side central differences (step 1e-4): relative. */
export const STD_ERR_REL = 1e-4;

/** Skew-lognormal CDF vs scipy (Owen's T): absolute. */
export const SKEW_LOGNORMAL_CDF_ABS = 1e-12;

/** KS statistic at the same parameters vs scipy.stats.kstest: absolute. */
export const KS_STATISTIC_ABS = 1e-12;

/** Our Stephens-corrected asymptotic KS p-value vs scipy's exact one (n = 1000-2000, p ~ 0.9): absolute. */
export const KS_PVALUE_ASYMPTOTIC_ABS = 0.01;

/** KS statistic at our optimum vs scipy's at theirs: sup |dF| <= |dF/dtheta| |dtheta| with |dtheta| <= 1e-3 SE: absolute. */
export const KS_AT_OWN_FIT_ABS = 1e-6;

/** Certified e-folds recomputed in another time unit (lambda / s times window s): relative. */
export const CERTIFIED_EFOLDS_REL = 1e-9;
