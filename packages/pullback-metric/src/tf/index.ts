export { jacobian, pullbackMetric, metricBatchFromTensor } from './metric.js';
export type { TensorFeatureMap, TfJacobianOptions } from './metric.js';
export { mlpFeatureMap, tfActivation } from './features.js';
export { registerGradients } from './gradients.js';
