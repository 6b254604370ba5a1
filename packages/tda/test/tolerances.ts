/**
 * Named tolerances per quantity. Every finite birth and death of a Rips diagram is an edge
 * length, so a float64 implementation reproduces the reference exactly up to the rounding of
 * the distance computation itself.
 */

/** Absolute tolerance on a diagram's births and deaths against Ripser/GUDHI (the 1e-12). */
export const DIAGRAM_VALUE_ATOL = 1e-12;

/** Relative tolerance on Wasserstein and bottleneck distances against GUDHI/POT (the 1e-9). */
export const DIAGRAM_DISTANCE_RTOL = 1e-9;

/** Slack for float rounding in metric-axiom checks (triangle inequality, symmetry), relative to the scale. */
export const METRIC_AXIOM_RTOL = 1e-9;

/** Slack on the stability bound d_B(Dgm X, Dgm Y) <= 2 max |x_i - y_i| (rounding of distances). */
export const STABILITY_ATOL = 1e-9;

/** Births and deaths of diagrams of rigidly moved clouds agree to this (distances are recomputed, so rounding differs). */
export const RIGID_MOTION_ATOL = 1e-9;
