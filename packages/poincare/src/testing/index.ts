export { manifoldContract } from './contract.js';
export type { ContractCheck, ContractOptions } from './contract.js';
export { ballSampler } from './samplers.js';
