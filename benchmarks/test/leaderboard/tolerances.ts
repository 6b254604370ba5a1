// Named tolerances of the leaderboard tests.

/** Kendall tau-b: the O(n log n) count against the O(n^2) pair count (both exact integer counts; only the final division rounds). */
export const TAU_TOLERANCE = 1e-12;
/** Accuracy and MSE against their brute-force evaluation (same sums, other order). */
export const METRIC_TOLERANCE = 1e-12;
/** Disk radius of a projected point against sqrt(c)|z| (float64 arithmetic on a few terms). */
export const DISK_RADIUS_TOLERANCE = 1e-9;
/** A GTH-GMN prediction alone against the same trajectory inside a batch (float32 tfjs; a graph does not depend on its batch-mates). */
export const PREDICTION_TOLERANCE = 1e-4;
/** Axis ticks (each the double nearest a decimal k x step): error relative to the ticks' magnitude, a few ulps. */
export const TICK_TOLERANCE = 1e-14;
