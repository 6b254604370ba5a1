export { jacobian, pullbackMetric, metricBatchFromTensor } from './metric.js';
export type { TensorFeatureMap, TfJacobianOptions } from './metric.js';
export { mlpFeatureMap, tfActivation } from './features.js';
// One gradient registry for every geo tf face lives in @geo/core/tf.
export { registerGradients } from '@geo/core/tf';
