export { initBackend, describeReport, BACKEND_ORDER } from './backend.js';
export type {
  BackendName,
  BackendLoader,
  BackendAttempt,
  BackendReport,
  InitBackendOptions,
  TfEngine,
} from './backend.js';
export { GRADIENT_KERNELS, registerGradients } from './gradients.js';
export { gatherRows } from './gather-rows.js';
