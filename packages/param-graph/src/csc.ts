import type { ParamGraph } from './param-graph.js';

/** Incoming-edge (CSC) view of a graph: the edges into node v are `edge[indptr[v]..indptr[v+1]]`. */
export interface IncomingEdges {
  /** Column pointer over `dst`, length numNodes + 1. */
  readonly indptr: Int32Array;
  /** Source node of each incoming edge, grouped by destination, sources ascending. */
  readonly src: Int32Array;
  /** Index of each incoming edge in the graph's COO arrays (`weight`, `isBias`, ...). */
  readonly edge: Int32Array;
}

/**
 * Groups a graph's edges by destination (CSC), for message passing that aggregates over
 * incoming edges of a directed graph. (An undirected graph stores both directions, so its
 * CSR `indptr` already lists every neighbour.) Counting sort, O(E + n), stable.
 *
 * @example
 * const inc = incomingEdges(mlpGraph(mlp, { directed: true }));
 * // weights into node v: inc.edge.subarray(inc.indptr[v], inc.indptr[v + 1]).map((e) => g.weight[e])
 */
export function incomingEdges(graph: Pick<ParamGraph, 'numNodes' | 'numEdges' | 'src' | 'dst'>): IncomingEdges {
  const n = graph.numNodes;
  const E = graph.numEdges;
  const indptr = new Int32Array(n + 1);
  for (let e = 0; e < E; e++) {
    const v = graph.dst[e] as number;
    indptr[v + 1] = (indptr[v + 1] as number) + 1;
  }
  for (let v = 0; v < n; v++) indptr[v + 1] = (indptr[v + 1] as number) + (indptr[v] as number);
  const next = indptr.slice(0, n);
  const src = new Int32Array(E);
  const edge = new Int32Array(E);
  // COO is sorted by src, so filling in edge order keeps sources ascending within each column.
  for (let e = 0; e < E; e++) {
    const v = graph.dst[e] as number;
    const k = next[v] as number;
    src[k] = graph.src[e] as number;
    edge[k] = e;
    next[v] = k + 1;
  }
  return { indptr, src, edge };
}
