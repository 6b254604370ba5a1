import { assertInteger } from '@geo/core';
import type { FloatArray, Mlp } from './mlp.js';
import { validateArchitecture, validateMlp } from './mlp.js';
import type { GraphOptions, ParamGraph } from './param-graph.js';
import { NODE_TYPE, finishGraph } from './param-graph.js';
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
  // Edges are emitted straight into (src, dst) order, no sorting: a neuron's neighbours are
  // the layer below, the layer above, then its layer's bias node (numbered after all neurons).
  // An MLP has no anti-parallel pairs, so symmetrising only mirrors each edge.
  const directed = options.directed === true;
  let cap = 0;
  for (let l = 0; l < L; l++) cap += (mlp.weights[l] as FloatArray).length + (mlp.biases[l] as FloatArray).length;
  if (!directed) cap *= 2;
  let src = new Int32Array(cap);
  let dst = new Int32Array(cap);
  let weight = new Float64Array(cap);
  let isBias = new Uint8Array(cap);
  let e = 0;
  for (let l = 0; l <= L; l++) {
    const n = sizes[l] as number;
    const off = layerOffsets[l] as number;
    const nPrev = l >= 1 ? (sizes[l - 1] as number) : 0;
    const offPrev = l >= 1 ? (layerOffsets[l - 1] as number) : 0;
    const Win = l >= 1 ? (mlp.weights[l - 1] as FloatArray) : null;
    const bIn = l >= 1 ? (mlp.biases[l - 1] as FloatArray) : null;
    const nNext = l < L ? (sizes[l + 1] as number) : 0;
    const offNext = l < L ? (layerOffsets[l + 1] as number) : 0;
    const Wout = l < L ? (mlp.weights[l] as FloatArray) : null;
    for (let j = 0; j < n; j++) {
      const u = off + j;
      if (!directed && Win !== null) {
        for (let i = 0; i < nPrev; i++) {
          const w = Win[j * nPrev + i] as number;
          if (w !== 0) {
            src[e] = u;
            dst[e] = offPrev + i;
            weight[e] = w;
            e++;
          }
        }
      }
      if (Wout !== null) {
        for (let k = 0; k < nNext; k++) {
          const w = Wout[k * n + j] as number;
          if (w !== 0) {
            src[e] = u;
            dst[e] = offNext + k;
            weight[e] = w;
            e++;
          }
        }
      }
      if (!directed && bIn !== null) {
        const b = bIn[j] as number;
        if (b !== 0) {
          src[e] = u;
          dst[e] = numNeurons + l - 1;
          weight[e] = b;
          isBias[e] = 1;
          e++;
        }
      }
    }
  }
  for (let l = 0; l < L; l++) {
    const bias = mlp.biases[l] as FloatArray;
    const offNext = layerOffsets[l + 1] as number;
    for (let k = 0; k < bias.length; k++) {
      const b = bias[k] as number;
      if (b !== 0) {
        src[e] = numNeurons + l;
        dst[e] = offNext + k;
        weight[e] = b;
        isBias[e] = 1;
        e++;
      }
    }
  }
  if (e < cap) {
    // Zero parameters left the buffers short: keep exact-length copies, not views of the larger buffers.
    src = src.slice(0, e);
    dst = dst.slice(0, e);
    weight = weight.slice(0, e);
    isBias = isBias.slice(0, e);
  }
  return finishGraph(numNodes, layer, nodeType, src, dst, weight, isBias, directed);
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
