// Named tolerances for @geo/gth-gmn's tests (the model computes in float32).

/** Equivariance: a permuted input reorders float32 segment sums, so outputs agree to a few ulps of their scale. */
export const PERMUTATION_ABS = 2e-5;

/** Euclidean switch vs a float64 graph-attention reference written out in typed arrays. */
export const EUCLIDEAN_REFERENCE_ABS = 1e-4;

/** How far inside the ball every embedding must be: |x| < (1 - BALL_MARGIN) / sqrt(c) (poincare/tf projects at 1e-5). */
export const BALL_MARGIN = 1e-6;

/** Saved and loaded models give identical float32 outputs (the same kernels on the same values). */
export const SAVE_LOAD_ABS = 0;

/** "Near-zero" training loss of the overfitting test (cross-entropy, nats per model). */
export const OVERFIT_LOSS = 0.05;

/** Gradient vs central finite differences of a float32 model: relative to the gradient's norm. */
export const GRADIENT_FD_REL = 5e-2;

/** Float32 head outputs vs the same formula evaluated in float64 from the float32 inputs (relative). */
export const FORMULA_REL = 1e-4;

/** Batched (all snapshots in one union) vs per-snapshot forward: the same float32 ops, sums in another order. */
export const BATCHED_ABS = 1e-5;

/** Float32 geometry vs 50-digit references on interior points, relative to the result's norm. */
export const REFERENCE_REL = 1e-4;

/** Float32 losses vs their float64 formulas (absolute, scaled by max(1, |loss|)). */
export const LOSS_F32_ABS = 1e-5;

/** Node inputs are stored as float32: relative error of a feature computed in float64. */
export const INPUT_F32_REL = 1e-6;

/** A float32 readout (midpoint or spread of a few nodes) against the same quantity in float64. */
export const READOUT_F32_ABS = 1e-5;
