export { applyBins, binOf, fitBins } from './bins.js';
export type { BinMapper } from './bins.js';
export { MIN_HESSIAN, gradients, initialScores, meanLoss, softmaxRow } from './objective.js';
export type { GbtObjective } from './objective.js';
export { addTreeBinned, addTreeRaw, growTree, newtonLeafValue, treeLeaves } from './tree.js';
export type { BinnedData, Tree, TreeParams } from './tree.js';
export { fitGbt, gbtLeaves, predictGbt } from './boost.js';
export type { GbtData, GbtModel, GbtOptions } from './boost.js';
