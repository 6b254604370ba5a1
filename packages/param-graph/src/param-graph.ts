import { GeoError, assertArrayLike, assertInteger, assertLength, describe } from '@geo/core';
import { zscore } from './zscore.js';

/**
 * Node type codes (`ParamGraph.nodeType`, feature column 1).
 *
 * @example
 * g.nodeType[u] === NODE_TYPE.bias
 */
export const NODE_TYPE = { input: 0, hidden: 1, output: 2, bias: 3 } as const;

/**
 * Column names of `ParamGraph.nodeFeatures`, in order: the paper's l(u), tau(u), es_abs(u,t), es_sgn(u,t).
 *
 * @example
 * g.nodeFeatures[4 * u + NODE_FEATURE_NAMES.indexOf('esAbs')] // es_abs of node u
 */
export const NODE_FEATURE_NAMES = ['layer', 'type', 'esAbs', 'esSgn'] as const;

/**
 * Columns of `ParamGraph.nodeFeatures`.
 *
 * @example
 * g.nodeFeatures.length === g.numNodes * NUM_NODE_FEATURES // true
 */
export const NUM_NODE_FEATURES = 4;

/**
 * Column names of `edgeAttributes(graph)`, in order.
 *
 * @example
 * edgeAttributes(g)[2 * e + EDGE_ATTRIBUTE_NAMES.indexOf('isBias')] // isBias of edge e
 */
export const EDGE_ATTRIBUTE_NAMES = ['isBias', 'crossLayer'] as const;

/**
 * A signed parameter graph (one snapshot), as typed arrays ready for a GNN.
 *
 * Edges are stored as COO sorted by `(src, dst)`, which is also CSR: the neighbours of
 * node u are `dst[indptr[u]..indptr[u+1]]` with weights `weight[...]` over the same range.
 * An undirected graph stores every edge in both directions (PyG's convention), so
 * `numEdges` is twice the number of undirected edges; a directed graph stores each once.
 */
export interface ParamGraph {
  readonly numNodes: number;
  /** Number of stored (directed) edge entries. */
  readonly numEdges: number;
  readonly directed: boolean;
  readonly src: Int32Array;
  readonly dst: Int32Array;
  /** Signed weight w*_uv of each stored edge (float64; float32 files widen exactly). */
  readonly weight: Float64Array;
  /** 1 where the edge comes from a bias node. */
  readonly isBias: Uint8Array;
  /** 1 where the edge skips layers: |layer(u) - layer(v)| > 1 (never, in a plain MLP). */
  readonly crossLayer: Uint8Array;
  /** CSR row pointer over `src`, length numNodes + 1. */
  readonly indptr: Int32Array;
  /** Layer label l(u) of each node. */
  readonly layer: Int32Array;
  /** Node type tau(u) of each node (`NODE_TYPE`). */
  readonly nodeType: Uint8Array;
  /** Incident edge strength sum |w| of each node (raw, before z-scoring). */
  readonly strengthAbs: Float64Array;
  /** Incident signed edge strength sum w of each node (raw, before z-scoring). */
  readonly strengthSgn: Float64Array;
  /** Row-major `numNodes x 4`: layer, type, es_abs (z-score of strengthAbs), es_sgn (z-score of strengthSgn). */
  readonly nodeFeatures: Float64Array;
}

/** An edge list with node labels, the input of `buildParamGraph`. */
export interface EdgeListInput {
  readonly numNodes: number;
  /** Layer label per node. */
  readonly layer: ArrayLike<number>;
  /** `NODE_TYPE` code per node. */
  readonly nodeType: ArrayLike<number>;
  readonly src: ArrayLike<number>;
  readonly dst: ArrayLike<number>;
  readonly weight: ArrayLike<number>;
  /** 0/1 per edge (default all 0). */
  readonly isBias?: ArrayLike<number>;
}

/** Options of graph construction. */
export interface GraphOptions {
  /**
   * Keep edges directed (default false). Undirected (the paper's choice) averages
   * anti-parallel pairs u->v and v->u into one edge stored in both directions.
   */
  readonly directed?: boolean;
}

/**
 * Stable counting sort of edge ids by (key1, key2), both in [0, n): LSD radix, O(E + n).
 * Returns the permutation of `ids`.
 */
function sortEdges(key1: Int32Array, key2: Int32Array, n: number): Int32Array {
  const m = key1.length;
  const count = new Int32Array(n + 1);
  const tmp = new Int32Array(m);
  const order = new Int32Array(m);
  for (let e = 0; e < m; e++) count[(key2[e] as number) + 1] = (count[(key2[e] as number) + 1] as number) + 1;
  for (let i = 0; i < n; i++) count[i + 1] = (count[i + 1] as number) + (count[i] as number);
  for (let e = 0; e < m; e++) {
    const c = key2[e] as number;
    tmp[count[c] as number] = e;
    count[c] = (count[c] as number) + 1;
  }
  count.fill(0);
  for (let e = 0; e < m; e++) count[(key1[e] as number) + 1] = (count[(key1[e] as number) + 1] as number) + 1;
  for (let i = 0; i < n; i++) count[i + 1] = (count[i + 1] as number) + (count[i] as number);
  for (let k = 0; k < m; k++) {
    const e = tmp[k] as number;
    const c = key1[e] as number;
    order[count[c] as number] = e;
    count[c] = (count[c] as number) + 1;
  }
  return order;
}

/** Edge arrays gathered in `order`. */
function gather(src: Int32Array, dst: Int32Array, w: Float64Array, b: Uint8Array, order: Int32Array) {
  const m = order.length;
  const s = new Int32Array(m);
  const d = new Int32Array(m);
  const ww = new Float64Array(m);
  const bb = new Uint8Array(m);
  for (let k = 0; k < m; k++) {
    const e = order[k] as number;
    s[k] = src[e] as number;
    d[k] = dst[e] as number;
    ww[k] = w[e] as number;
    bb[k] = b[e] as number;
  }
  return { s, d, w: ww, b: bb };
}

function rowPointer(src: Int32Array, n: number): Int32Array {
  const indptr = new Int32Array(n + 1);
  for (let e = 0; e < src.length; e++) indptr[(src[e] as number) + 1] = (indptr[(src[e] as number) + 1] as number) + 1;
  for (let i = 0; i < n; i++) indptr[i + 1] = (indptr[i + 1] as number) + (indptr[i] as number);
  return indptr;
}

/** Index of the edge u->v in a (src, dst)-sorted edge list with row pointer `indptr`, or -1. */
function findEdge(indptr: Int32Array, dst: Int32Array, u: number, v: number): number {
  let lo = indptr[u] as number;
  let hi = (indptr[u + 1] as number) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = dst[mid] as number;
    if (x === v) return mid;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function badIndex(name: string, e: number, x: number, numNodes: number): GeoError {
  return new GeoError('OUT_OF_RANGE', `input.${name}[${e}] must be a node index in [0, ${numNodes - 1}], got ${describe(x)}`, {
    argument: `input.${name}[${e}]`,
    actual: x,
  });
}

/** Mean of two finite floats without overflow. */
function mean2(a: number, b: number): number {
  const m = (a + b) / 2;
  return Number.isFinite(m) ? m : a / 2 + b / 2;
}

/**
 * Builds a signed parameter graph from an edge list (design 1 of GTH-GMN). Zero weights
 * (including -0) make no edge. Undirected (default): anti-parallel pairs are averaged, a
 * lone direction keeps its weight (the absent direction is "no edge", not a zero weight),
 * an average of exactly 0 makes no edge, and each edge is stored both ways. Node
 * features: layer label, type, and the z-scores (within this graph) of each node's
 * incident strength sum |w| and sum w. The result does not depend on the input edge order.
 *
 * @example
 * const g = buildParamGraph({ numNodes: 2, layer: [0, 1], nodeType: [0, 2], src: [0], dst: [1], weight: [-0.5] });
 * g.src // Int32Array [0, 1]; g.weight // Float64Array [-0.5, -0.5]
 */
export function buildParamGraph(input: EdgeListInput, options: GraphOptions = {}): ParamGraph {
  const { numNodes } = input;
  assertInteger(numNodes, 'input.numNodes', { min: 0, max: 0x7ffffffe });
  const directed = options.directed === true;
  for (const key of ['layer', 'nodeType', 'src', 'dst', 'weight'] as const) assertArrayLike(input[key], `input.${key}`);
  assertLength(input.layer, numNodes, 'input.layer');
  assertLength(input.nodeType, numNodes, 'input.nodeType');
  const m0 = input.weight.length;
  assertLength(input.src, m0, 'input.src');
  assertLength(input.dst, m0, 'input.dst');
  if (input.isBias !== undefined) {
    assertArrayLike(input.isBias, 'input.isBias');
    assertLength(input.isBias, m0, 'input.isBias');
  }
  const layer = new Int32Array(numNodes);
  const nodeType = new Uint8Array(numNodes);
  for (let i = 0; i < numNodes; i++) {
    const l = input.layer[i] as number;
    if (!Number.isInteger(l) || l < 0 || l > 0x7fffffff) {
      throw new GeoError('OUT_OF_RANGE', `input.layer[${i}] must be a non-negative integer, got ${describe(l)}`, { argument: `input.layer[${i}]`, actual: l });
    }
    const t = input.nodeType[i] as number;
    if (t !== 0 && t !== 1 && t !== 2 && t !== 3) {
      throw new GeoError('OUT_OF_RANGE', `input.nodeType[${i}] must be a NODE_TYPE code 0..3, got ${describe(t)}`, { argument: `input.nodeType[${i}]`, actual: t });
    }
    layer[i] = l;
    nodeType[i] = t;
  }

  // Non-zero edges only, validated.
  let m = 0;
  for (let e = 0; e < m0; e++) if ((input.weight[e] as number) !== 0) m++;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const w = new Float64Array(m);
  const b = new Uint8Array(m);
  let k = 0;
  for (let e = 0; e < m0; e++) {
    const we = input.weight[e] as number;
    if (!Number.isFinite(we)) {
      throw new GeoError('NOT_FINITE', `input.weight[${e}] must be finite, got ${describe(we)}`, { argument: `input.weight[${e}]`, actual: we });
    }
    const u = input.src[e] as number;
    const v = input.dst[e] as number;
    if (!(Number.isInteger(u) && u >= 0 && u < numNodes)) throw badIndex('src', e, u, numNodes);
    if (!(Number.isInteger(v) && v >= 0 && v < numNodes)) throw badIndex('dst', e, v, numNodes);
    if (u === v) throw new GeoError('OUT_OF_DOMAIN', `input edge ${e} is a self-loop on node ${u}`, { argument: `input.src[${e}]`, actual: u });
    const bias = input.isBias === undefined ? 0 : (input.isBias[e] as number);
    if (bias !== 0 && bias !== 1) {
      throw new GeoError('OUT_OF_RANGE', `input.isBias[${e}] must be 0 or 1, got ${describe(bias)}`, { argument: `input.isBias[${e}]`, actual: bias });
    }
    if (we === 0) continue;
    src[k] = u;
    dst[k] = v;
    w[k] = we;
    b[k] = bias;
    k++;
  }

  let sorted = gather(src, dst, w, b, sortEdges(src, dst, numNodes));
  for (let e = 1; e < m; e++) {
    if (sorted.s[e] === sorted.s[e - 1] && sorted.d[e] === sorted.d[e - 1]) {
      throw new GeoError('OUT_OF_DOMAIN', `input has the edge ${sorted.s[e]} -> ${sorted.d[e]} twice`, { argument: 'input.src', actual: [sorted.s[e], sorted.d[e]] });
    }
  }

  if (!directed) {
    const ptr = rowPointer(sorted.s, numNodes);
    const s2 = new Int32Array(2 * m);
    const d2 = new Int32Array(2 * m);
    const w2 = new Float64Array(2 * m);
    const b2 = new Uint8Array(2 * m);
    let k2 = 0;
    for (let e = 0; e < m; e++) {
      const u = sorted.s[e] as number;
      const v = sorted.d[e] as number;
      const r = findEdge(ptr, sorted.d, v, u);
      if (u > v && r >= 0) continue; // the pair was handled from its u < v side
      const we = r >= 0 ? mean2(sorted.w[e] as number, sorted.w[r] as number) : (sorted.w[e] as number);
      if (we === 0) continue; // anti-parallel weights cancelled
      const be = r >= 0 ? (sorted.b[e] as number) | (sorted.b[r] as number) : (sorted.b[e] as number);
      s2[k2] = u;
      d2[k2] = v;
      w2[k2] = we;
      b2[k2] = be;
      s2[k2 + 1] = v;
      d2[k2 + 1] = u;
      w2[k2 + 1] = we;
      b2[k2 + 1] = be;
      k2 += 2;
    }
    const su = s2.subarray(0, k2);
    const du = d2.subarray(0, k2);
    sorted = gather(su, du, w2.subarray(0, k2), b2.subarray(0, k2), sortEdges(su, du, numNodes));
  }

  return finishGraph(numNodes, layer, nodeType, sorted.s, sorted.d, sorted.w, sorted.b, directed);
}

/**
 * Completes a graph from edges already sorted by (src, dst), no duplicates, no zeros:
 * crossLayer flags, strengths in that edge order, z-scored features, CSR pointer. Shared by
 * `buildParamGraph` and the direct MLP path, so both give bit-identical graphs.
 */
export function finishGraph(
  numNodes: number,
  layer: Int32Array,
  nodeType: Uint8Array,
  src: Int32Array,
  dst: Int32Array,
  weight: Float64Array,
  isBias: Uint8Array,
  directed: boolean,
): ParamGraph {
  const sorted = { s: src, d: dst, w: weight, b: isBias };
  const E = sorted.s.length;
  const crossLayer = new Uint8Array(E);
  const strengthAbs = new Float64Array(numNodes);
  const strengthSgn = new Float64Array(numNodes);
  for (let e = 0; e < E; e++) {
    const u = sorted.s[e] as number;
    const v = sorted.d[e] as number;
    const we = sorted.w[e] as number;
    crossLayer[e] = Math.abs((layer[u] as number) - (layer[v] as number)) > 1 ? 1 : 0;
    // Undirected graphs list each edge from both ends, so crediting the source counts it once per endpoint.
    strengthAbs[u] = (strengthAbs[u] as number) + Math.abs(we);
    strengthSgn[u] = (strengthSgn[u] as number) + we;
    if (directed) {
      strengthAbs[v] = (strengthAbs[v] as number) + Math.abs(we);
      strengthSgn[v] = (strengthSgn[v] as number) + we;
    }
  }
  for (let i = 0; i < numNodes; i++) {
    if (!Number.isFinite(strengthAbs[i] as number)) {
      throw new GeoError('OUT_OF_RANGE', `the strength of node ${i} overflows float64`, { argument: 'input.weight', actual: strengthAbs[i] });
    }
  }
  const esAbs = zscore(strengthAbs);
  const esSgn = zscore(strengthSgn);
  const nodeFeatures = new Float64Array(numNodes * NUM_NODE_FEATURES);
  for (let i = 0; i < numNodes; i++) {
    nodeFeatures[4 * i] = layer[i] as number;
    nodeFeatures[4 * i + 1] = nodeType[i] as number;
    nodeFeatures[4 * i + 2] = esAbs[i] as number;
    nodeFeatures[4 * i + 3] = esSgn[i] as number;
  }
  return {
    numNodes,
    numEdges: E,
    directed,
    src: sorted.s,
    dst: sorted.d,
    weight: sorted.w,
    isBias: sorted.b,
    crossLayer,
    indptr: rowPointer(sorted.s, numNodes),
    layer,
    nodeType,
    strengthAbs,
    strengthSgn,
    nodeFeatures,
  };
}

/**
 * Edge attributes as one row-major `numEdges x 2` float64 matrix (`EDGE_ATTRIBUTE_NAMES`:
 * isBias, crossLayer), the layout a GNN's `edge_attr` expects.
 *
 * @example
 * edgeAttributes(g) // Float64Array [isBias_0, crossLayer_0, isBias_1, ...]
 */
export function edgeAttributes(graph: Pick<ParamGraph, 'numEdges' | 'isBias' | 'crossLayer'>, out: Float64Array = new Float64Array(2 * graph.numEdges)): Float64Array {
  assertLength(out, 2 * graph.numEdges, 'out');
  for (let e = 0; e < graph.numEdges; e++) {
    out[2 * e] = graph.isBias[e] as number;
    out[2 * e + 1] = graph.crossLayer[e] as number;
  }
  return out;
}
