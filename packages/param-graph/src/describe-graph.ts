import type { GraphStats } from './graph-stats.js';
import type { ParamGraph } from './param-graph.js';

const TYPE_NAMES = ['input', 'hidden', 'output', 'bias'];

const fmt = (x: number, digits = 4): string => (Number.isInteger(x) ? String(x) : x.toPrecision(digits));

/**
 * A plain-text rendering of a parameter graph: counts, the nodes with their features, and
 * the first `maxEdges` edges (all when omitted). For examples, CLIs and logs; the library
 * itself never prints.
 *
 * @example
 * console.log(describeGraph(mlpGraph(initSiren([2, 32, 32, 1], { seed: 1 })), { maxEdges: 10 }));
 */
export function describeGraph(graph: ParamGraph, options: { readonly maxEdges?: number; readonly maxNodes?: number } = {}): string {
  const lines: string[] = [];
  const undirectedEdges = graph.directed ? graph.numEdges : graph.numEdges / 2;
  let biasEdges = 0;
  let cross = 0;
  for (let e = 0; e < graph.numEdges; e++) {
    biasEdges += graph.isBias[e] as number;
    cross += graph.crossLayer[e] as number;
  }
  const perType = [0, 0, 0, 0];
  for (let i = 0; i < graph.numNodes; i++) perType[graph.nodeType[i] as number] = (perType[graph.nodeType[i] as number] as number) + 1;
  lines.push(
    `${graph.directed ? 'directed' : 'undirected'} parameter graph: ${graph.numNodes} nodes (${TYPE_NAMES.map((t, k) => `${perType[k]} ${t}`).join(', ')}), ` +
      `${undirectedEdges} edges (${graph.directed ? biasEdges : biasEdges / 2} from bias nodes, ${graph.directed ? cross : cross / 2} cross-layer), ${graph.numEdges} stored entries`,
  );
  lines.push('', 'node  layer  type    |w|-strength  w-strength  es_abs    es_sgn');
  const maxNodes = options.maxNodes ?? graph.numNodes;
  for (let i = 0; i < Math.min(graph.numNodes, maxNodes); i++) {
    const f = graph.nodeFeatures.subarray(4 * i, 4 * i + 4);
    lines.push(
      `${String(i).padStart(4)}  ${String(graph.layer[i]).padStart(5)}  ${(TYPE_NAMES[graph.nodeType[i] as number] ?? '?').padEnd(6)}  ` +
        `${fmt(graph.strengthAbs[i] as number).padStart(12)}  ${fmt(graph.strengthSgn[i] as number).padStart(10)}  ${fmt(f[2] as number).padStart(8)}  ${fmt(f[3] as number).padStart(8)}`,
    );
  }
  if (maxNodes < graph.numNodes) lines.push(`  ... ${graph.numNodes - maxNodes} more nodes`);
  const maxEdges = options.maxEdges ?? graph.numEdges;
  lines.push('', 'edge  src -> dst  weight       isBias  crossLayer');
  for (let e = 0; e < Math.min(graph.numEdges, maxEdges); e++) {
    lines.push(
      `${String(e).padStart(4)}  ${String(graph.src[e]).padStart(3)} -> ${String(graph.dst[e]).padEnd(3)}  ${fmt(graph.weight[e] as number, 6).padStart(11)}  ${graph.isBias[e]}       ${graph.crossLayer[e]}`,
    );
  }
  if (maxEdges < graph.numEdges) lines.push(`  ... ${graph.numEdges - maxEdges} more edges`);
  return lines.join('\n');
}

/**
 * A plain-text rendering of `graphStats`: degree, strength and |w| distributions and the
 * power-law fits.
 *
 * @example
 * console.log(describeStats(graphStats(g)));
 */
export function describeStats(stats: GraphStats): string {
  const q = (name: string, s: GraphStats['degree']) =>
    `${name.padEnd(12)} n=${s.count}  min=${fmt(s.min)}  p5=${fmt(s.quantiles[1] as number)}  median=${fmt(s.quantiles[3] as number)}  p95=${fmt(s.quantiles[5] as number)}  max=${fmt(s.max)}  mean=${fmt(s.mean)}  sd=${fmt(s.std)}`;
  const pl = (name: string, f: GraphStats['weightPowerLaw']) =>
    f === null
      ? `${name}: no fit (too few observations)`
      : `${name}: alpha=${fmt(f.alpha)} +- ${fmt(f.sigma, 2)}  xmin=${fmt(f.xmin)}  tail=${f.nTail}/${f.n}  KS=${fmt(f.ks, 3)}`;
  return [
    `nodes=${stats.numNodes}  edges=${stats.numEdges}  density=${fmt(stats.density)}  positive weights=${fmt(100 * stats.positiveFraction, 3)}%`,
    q('degree', stats.degree),
    q('|w|-strength', stats.strengthAbs),
    q('w-strength', stats.strengthSgn),
    q('|w|', stats.weightAbs),
    pl('power law of |w| (continuous MLE, KS xmin)', stats.weightPowerLaw),
    pl('power law of degree (discrete MLE, KS xmin)', stats.degreePowerLaw),
  ].join('\n');
}
