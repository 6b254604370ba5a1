import { GeoError, assertInteger } from '@geo/core';
import type { ParamGraph } from './param-graph.js';
import type { PowerLawFit, PowerLawOptions } from './powerlaw.js';
import { fitPowerLaw } from './powerlaw.js';

/** Summary of a sample: order statistics, moments and an equal-width histogram. */
export interface DistributionSummary {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Population standard deviation. */
  readonly std: number;
  /** Quantiles at `QUANTILE_LEVELS` (linear interpolation, numpy's default). */
  readonly quantiles: readonly number[];
  /** `bins + 1` bin edges from min to max. */
  readonly binEdges: Float64Array;
  /** Counts per bin; the last bin includes max. */
  readonly counts: Int32Array;
}

/**
 * Levels of `DistributionSummary.quantiles`.
 *
 * @example
 * summarize(x).quantiles[QUANTILE_LEVELS.indexOf(0.5)] // the median
 */
export const QUANTILE_LEVELS: readonly number[] = [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1];

/** Degree, strength and weight statistics of one parameter graph. */
export interface GraphStats {
  readonly numNodes: number;
  /** Number of edges (an undirected edge counts once). */
  readonly numEdges: number;
  /** Edges over possible node pairs, n(n-1)/2 (undirected) or n(n-1) (directed). */
  readonly density: number;
  /** `degreeCounts[k]` = number of nodes with k incident edges. */
  readonly degreeCounts: Int32Array;
  readonly degree: DistributionSummary;
  /** Incident sum |w| per node. */
  readonly strengthAbs: DistributionSummary;
  /** Incident sum w per node. */
  readonly strengthSgn: DistributionSummary;
  /** |w| over edges. */
  readonly weightAbs: DistributionSummary;
  /** Fraction of edges with w > 0. */
  readonly positiveFraction: number;
  /** Continuous power-law fit of |w| over edges, or null when the graph has too few edges. */
  readonly weightPowerLaw: PowerLawFit | null;
  /** Discrete power-law fit of the non-zero degrees, or null when too few or all equal. */
  readonly degreePowerLaw: PowerLawFit | null;
}

/** Options of `graphStats`. */
export interface GraphStatsOptions {
  /** Histogram bins (default 20). */
  readonly bins?: number;
  /** Include bias edges in the |w| statistics and fit (default true). */
  readonly includeBias?: boolean;
  /** Skip the power-law fits (default false). */
  readonly skipPowerLaw?: boolean;
  /** Passed to `fitPowerLaw` (minTail, maxCandidates). */
  readonly powerLaw?: Pick<PowerLawOptions, 'minTail' | 'maxCandidates'>;
}

function quantile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + (pos - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/**
 * Summary statistics of a sample (empty samples give count 0 and zeros, never NaN).
 *
 * @example
 * summarize([1, 2, 3, 4]).quantiles[3] // 2.5, the median
 */
export function summarize(values: ArrayLike<number>, bins = 20): DistributionSummary {
  assertInteger(bins, 'bins', { min: 1 });
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) {
    return { count: 0, min: 0, max: 0, mean: 0, std: 0, quantiles: QUANTILE_LEVELS.map(() => 0), binEdges: new Float64Array(bins + 1), counts: new Int32Array(bins) };
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(sorted[i] as number)) throw new GeoError('NOT_FINITE', 'values must be finite', { argument: 'values', actual: sorted[i] });
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += sorted[i] as number;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((sorted[i] as number) - mean) ** 2;
  const min = sorted[0] as number;
  const max = sorted[n - 1] as number;
  const binEdges = new Float64Array(bins + 1);
  for (let b = 0; b <= bins; b++) binEdges[b] = min + ((max - min) * b) / bins;
  const counts = new Int32Array(bins);
  const width = (max - min) / bins;
  for (let i = 0; i < n; i++) {
    const b = width > 0 ? Math.min(bins - 1, Math.floor(((sorted[i] as number) - min) / width)) : 0;
    counts[b] = (counts[b] as number) + 1;
  }
  return { count: n, min, max, mean, std: Math.sqrt(ss / n), quantiles: QUANTILE_LEVELS.map((q) => quantile(sorted, q)), binEdges, counts };
}

function tryFit(values: ArrayLike<number>, options: PowerLawOptions): PowerLawFit | null {
  try {
    return fitPowerLaw(values, options);
  } catch (e) {
    if (e instanceof GeoError && e.code === 'OUT_OF_DOMAIN') return null; // too few, or no spread
    throw e;
  }
}

/**
 * Degree and strength distributions of a parameter graph and power-law fits of its |w|
 * (continuous) and degrees (discrete), as Clauset et al. 2009: the paper's signed-weight
 * regression assumes heavy-tailed magnitudes, and this checks the assumption per snapshot.
 * An undirected edge is counted once (its two stored directions are one observation).
 *
 * @example
 * const s = graphStats(mlpGraph(mlp));
 * s.weightPowerLaw?.alpha // e.g. 3.1; s.degree.max
 */
export function graphStats(graph: ParamGraph, options: GraphStatsOptions = {}): GraphStats {
  const bins = options.bins ?? 20;
  assertInteger(bins, 'options.bins', { min: 1 });
  const { numNodes: n, directed } = graph;
  const degree = new Float64Array(n);
  const absW: number[] = [];
  let positive = 0;
  let edges = 0;
  for (let e = 0; e < graph.numEdges; e++) {
    const u = graph.src[e] as number;
    const v = graph.dst[e] as number;
    degree[u] = (degree[u] as number) + 1;
    if (directed) degree[v] = (degree[v] as number) + 1;
    if (!directed && u > v) continue; // the other stored direction of an undirected edge
    edges++;
    const w = graph.weight[e] as number;
    if (w > 0) positive++;
    if (options.includeBias === false && graph.isBias[e] === 1) continue;
    absW.push(Math.abs(w));
  }
  let maxDegree = 0;
  for (let i = 0; i < n; i++) maxDegree = Math.max(maxDegree, degree[i] as number);
  const degreeCounts = new Int32Array(maxDegree + 1);
  for (let i = 0; i < n; i++) degreeCounts[degree[i] as number] = (degreeCounts[degree[i] as number] as number) + 1;
  const pairs = directed ? n * (n - 1) : (n * (n - 1)) / 2;
  const fitOptions = { ...(options.powerLaw ?? {}) };
  const skip = options.skipPowerLaw === true;
  return {
    numNodes: n,
    numEdges: edges,
    density: pairs > 0 ? edges / pairs : 0,
    degreeCounts,
    degree: summarize(degree, bins),
    strengthAbs: summarize(graph.strengthAbs, bins),
    strengthSgn: summarize(graph.strengthSgn, bins),
    weightAbs: summarize(absW, bins),
    positiveFraction: edges > 0 ? positive / edges : 0,
    weightPowerLaw: skip ? null : tryFit(absW, fitOptions),
    degreePowerLaw: skip ? null : tryFit(Array.from(degree).filter((d) => d > 0), { ...fitOptions, discrete: true }),
  };
}
