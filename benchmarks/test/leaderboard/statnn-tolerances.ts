// Named tolerances of the StatNN and GBT tests, one per quantity.

/** Mean and variance against a naive-order sum: relative to the data's scale (summation order differs). */
export const STAT_RTOL = 1e-12;
/** Quantiles against numpy: the same formula on the same doubles, so a few ulps of the data's scale. */
export const QUANTILE_RTOL = 1e-14;
/** A single deep tree with no shrinkage or penalty reproduces a step function to rounding of the level means. */
export const STEP_FIT_ATOL = 1e-9;
/** Training loss may rise by rounding only between rounds (relative). */
export const LOSS_MONOTONE_RTOL = 1e-12;
/** Newton leaf values against the closed form computed in the test. */
export const LEAF_VALUE_RTOL = 1e-12;
/** Our GBT's accuracy may trail scikit-learn's HistGradientBoosting (same settings) by this much on the fixture. */
export const SKLEARN_ACCURACY_SLACK = 0.04;
/** Our GBT's test MSE may exceed scikit-learn's by this factor on the fixture. */
export const SKLEARN_MSE_FACTOR = 1.15;
/** Accuracy every StatNN method reaches on the synthetic zoo whose classes set the weight scale. */
export const ZOO_MIN_ACCURACY = 0.9;
