import { assertInteger } from '@geo/core';
import type { FloatArray, Mlp } from './mlp.js';
import { validateArchitecture, validateMlp } from './mlp.js';
import type { GraphOptions, ParamGraph } from './param-graph.js';
import { NODE_TYPE, buildParamGraph } from './param-graph.js';
import type { Trajectory } from './trajectory.js';
import { snapshot, validateTrajectory } from './trajectory.js';

/**
 * Node layout of an MLP's parameter graph: neurons layer by layer (inputs first, outputs
 * last), then one bias node per affine layer. Returns the node count and the index of
 * neuron 0 of each layer.
 *
 * @example
 * mlpGraphLayout([2, 32, 32, 1]) // { numNodes: 70, numNeurons: 67, layerOffsets: [0, 2, 34, 66] }
 */
export function mlpGraphLayout(sizes: readonly number[]): { numNodes: number; numNeurons: number; layerOffsets: number[] } {
  validateArchitecture({ sizes, activation: 'identity' }, 'sizes');
  const layerOffsets: number[] = [];
  let n = 0;
  for (const s of sizes) {
    layerOffsets.push(n);
    n += s;
  }
  return { numNodes: n + sizes.length - 1, numNeurons: n, layerOffsets };
}

/**
 * Node index of neuron `j` of layer `layer` (0 = inputs, L = outputs).
 *
 * @example
 * neuronNode([2, 32, 32, 1], 3, 0) // 66, the output neuron
 */
export function neuronNode(sizes: readonly number[], layer: number, j: number): number {
  const { layerOffsets } = mlpGraphLayout(sizes);
  assertInteger(layer, 'layer', { min: 0, max: sizes.length - 1 });
  assertInteger(j, 'j', { min: 0, max: (sizes[layer] as number) - 1 });
  return (layerOffsets[layer] as number) + j;
}

/**
 * Node index of the bias node of affine layer `l` (1-based like the neurons it feeds:
 * l = 1 feeds the first hidden layer, l = L the outputs).
 *
 * @example
 * biasNode([2, 32, 32, 1], 1) // 67
 */
export function biasNode(sizes: readonly number[], l: number): number {
  const { numNeurons } = mlpGraphLayout(sizes);
  assertInteger(l, 'l', { min: 1, max: sizes.length - 1 });
  return numNeurons + l - 1;
}

/**
 * The signed parameter graph of one MLP snapshot (GTH-GMN design 1, after Kofinas et al.
 * 2024 and Lim et al. 2023): a node per neuron and one bias node per affine layer; an
 * edge u -> v per non-zero weight W_l[v, u] carrying that weight, and one per non-zero
 * bias b_l[v] from layer l's bias node (`isBias = 1`). A bias node belongs to the layer
 * below the neurons it feeds (it is the constant-1 unit of the affine map x -> W x + b),
 * so every edge joins adjacent layers and `crossLayer` is 0 throughout. Node features
 * (`nodeFeatures`): layer label, node type, and the within-snapshot z-scores of incident
 * |w| and w sums; the raw weights never appear in node features. Undirected by default.
 *
 * @example
 * const g = mlpGraph(snapshot(trajectory, 0));
 * g.numNodes // sum(sizes) + L
 */
export function mlpGraph(mlp: Mlp, options: GraphOptions = {}): ParamGraph {
  validateMlp(mlp);
  const { sizes } = mlp;
  const L = sizes.length - 1;
  const { numNodes, numNeurons, layerOffsets } = mlpGraphLayout(sizes);
  const layer = new Int32Array(numNodes);
  const nodeType = new Uint8Array(numNodes);
  for (let l = 0; l <= L; l++) {
    const t = l === 0 ? NODE_TYPE.input : l === L ? NODE_TYPE.output : NODE_TYPE.hidden;
    const off = layerOffsets[l] as number;
    layer.fill(l, off, off + (sizes[l] as number));
    nodeType.fill(t, off, off + (sizes[l] as number));
  }
  for (let l = 1; l <= L; l++) {
    layer[numNeurons + l - 1] = l - 1;
    nodeType[numNeurons + l - 1] = NODE_TYPE.bias;
  }
  let m = 0;
  for (let l = 0; l < L; l++) m += (mlp.weights[l] as FloatArray).length + (mlp.biases[l] as FloatArray).length;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const weight = new Float64Array(m);
  const isBias = new Uint8Array(m);
  let e = 0;
  for (let l = 0; l < L; l++) {
    const nIn = sizes[l] as number;
    const nOut = sizes[l + 1] as number;
    const inOff = layerOffsets[l] as number;
    const outOff = layerOffsets[l + 1] as number;
    const W = mlp.weights[l] as FloatArray;
    const bias = mlp.biases[l] as FloatArray;
    for (let j = 0; j < nOut; j++) {
      for (let i = 0; i < nIn; i++) {
        src[e] = inOff + i;
        dst[e] = outOff + j;
        weight[e] = W[j * nIn + i] as number;
        e++;
      }
      src[e] = numNeurons + l;
      dst[e] = outOff + j;
      weight[e] = bias[j] as number;
      isBias[e] = 1;
      e++;
    }
  }
  return buildParamGraph({ numNodes, layer, nodeType, src, dst, weight, isBias }, options);
}

/**
 * The parameter graph of every snapshot of a trajectory (or of `snapshots` only), in order.
 *
 * @example
 * const graphs = trajectoryGraphs(readTrajectory(bytes)); // graphs.length === T
 */
export function trajectoryGraphs(trajectory: Trajectory, options: GraphOptions & { readonly snapshots?: readonly number[] } = {}): ParamGraph[] {
  validateTrajectory(trajectory);
  const picks = options.snapshots ?? trajectory.steps.map((_, t) => t);
  return picks.map((t) => mlpGraph(snapshot(trajectory, t), options));
}
