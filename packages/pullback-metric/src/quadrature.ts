import { GeoError, assertFiniteNumber, assertInteger, assertOneOf, assertPositive } from '@geo/core';
import { symmetricEigen } from './linalg.js';

/** Nodes and weights of an n-point rule. */
export interface QuadratureRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

const MAX_ORDER = 200;
const cache = new Map<number, QuadratureRule>();

/**
 * The n-point Gauss-Hermite rule for integral e^{-t^2} f(t) dt (exact for polynomials of
 * degree < 2n). Nodes start from the Golub-Welsch eigenvalues of the Jacobi matrix and are
 * polished by Newton steps on the orthonormal Hermite recurrence; weights are
 * 2 / p_n'(t)^2 (Numerical Recipes, sec. 4.6). n <= 200. Results are cached (read-only).
 *
 * @example
 * gaussHermite(2).nodes // [-0.7071067811865476, 0.7071067811865476]
 */
export function gaussHermite(n: number): QuadratureRule {
  assertInteger(n, 'order', { min: 1, max: MAX_ORDER });
  const hit = cache.get(n);
  if (hit !== undefined) return hit;
  const jacobi = new Float64Array(n * n);
  for (let k = 1; k < n; k++) {
    const b = Math.sqrt(k / 2);
    jacobi[(k - 1) * n + k] = b;
    jacobi[k * n + k - 1] = b;
  }
  const nodes = new Float64Array(n);
  symmetricEigen(jacobi, 0, n, nodes, 0, new Float64Array(n * n));
  const weights = new Float64Array(n);
  const pi4 = Math.PI ** -0.25;
  for (let i = 0; i < n; i++) {
    let z = nodes[i] as number;
    let pp = 0;
    for (let it = 0; it < 20; it++) {
      let p1 = pi4;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const dz = p1 / pp;
      z -= dz;
      if (Math.abs(dz) <= 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    nodes[i] = z;
    weights[i] = 2 / (pp * pp);
  }
  // Exact symmetry (t -> -t) so odd moments vanish to the last bit.
  for (let i = 0; i < n >> 1; i++) {
    const t = 0.5 * ((nodes[n - 1 - i] as number) - (nodes[i] as number));
    const w = 0.5 * ((weights[i] as number) + (weights[n - 1 - i] as number));
    nodes[i] = -t;
    nodes[n - 1 - i] = t;
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  if (n % 2 === 1) nodes[n >> 1] = 0;
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}

const legendreCache = new Map<number, QuadratureRule>();

/**
 * The n-point Gauss-Legendre rule on [-1, 1] (Golub-Welsch start, Newton polish on the
 * Legendre recurrence; weights 2 / ((1 - t^2) P_n'(t)^2)). n <= 200; cached, read-only.
 *
 * @example
 * gaussLegendre(2).nodes // [-0.5773502691896257, 0.5773502691896257]
 */
export function gaussLegendre(n: number): QuadratureRule {
  assertInteger(n, 'order', { min: 1, max: MAX_ORDER });
  const hit = legendreCache.get(n);
  if (hit !== undefined) return hit;
  const jacobi = new Float64Array(n * n);
  for (let k = 1; k < n; k++) {
    const b = k / Math.sqrt(4 * k * k - 1);
    jacobi[(k - 1) * n + k] = b;
    jacobi[k * n + k - 1] = b;
  }
  const nodes = new Float64Array(n);
  symmetricEigen(jacobi, 0, n, nodes, 0, new Float64Array(n * n));
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = nodes[i] as number;
    let dp = 1;
    for (let it = 0; it < 20; it++) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
      }
      dp = (n * (z * p1 - p2)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) <= 1e-16) break;
    }
    nodes[i] = z;
    weights[i] = 2 / ((1 - z * z) * dp * dp);
  }
  for (let i = 0; i < n >> 1; i++) {
    const t = 0.5 * ((nodes[n - 1 - i] as number) - (nodes[i] as number));
    const w = 0.5 * ((weights[i] as number) + (weights[n - 1 - i] as number));
    nodes[i] = -t;
    nodes[n - 1 - i] = t;
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  if (n % 2 === 1) nodes[n >> 1] = 0;
  const rule = { nodes, weights };
  legendreCache.set(n, rule);
  return rule;
}

/** How `gaussianExpectation` integrates. */
export type GaussianQuadratureMethod = 'auto' | 'hermite' | 'composite';

export interface GaussianExpectationOptions {
  /** Gauss-Hermite points (default 96). */
  readonly order?: number;
  /**
   * `hermite`: one n-point Gauss-Hermite rule. `composite`: 8-point Gauss-Legendre panels
   * of width min(1, sd) / 4 over +-10 sd against the Gaussian density, which resolves
   * integrands with structure on unit scale when sd is large (Gauss-Hermite's node spacing
   * grows like sd * pi / sqrt(n) there). `auto` (default): hermite while that spacing is
   * below 0.05, composite beyond.
   */
  readonly method?: GaussianQuadratureMethod;
}

const COMPOSITE_RANGE = 10;
const PANEL_POINTS = 8;
const HERMITE_MAX_SPACING = 0.05;

/**
 * E[f(z)] for z ~ N(0, variance): Gauss-Hermite, (1/sqrt(pi)) sum_i w_i f(sqrt(2 variance)
 * t_i), exact for polynomials of degree < 2n, or composite Gauss-Legendre for wide
 * Gaussians (see `GaussianExpectationOptions`).
 *
 * @example
 * gaussianExpectation((z) => z ** 4, 2) // 3 * 2^2 = 12
 */
export function gaussianExpectation(f: (z: number) => number, variance: number, options: GaussianExpectationOptions = {}): number {
  if (typeof f !== 'function') throw new GeoError('BAD_TYPE', 'f must be a function of a number', { argument: 'f' });
  assertFiniteNumber(variance, 'variance');
  if (variance < 0) throw new GeoError('OUT_OF_RANGE', `variance must be >= 0, got ${variance}`, { argument: 'variance', expected: '>= 0', actual: variance });
  const order = options.order ?? 96;
  assertInteger(order, 'options.order', { min: 1, max: MAX_ORDER });
  const method = options.method ?? 'auto';
  assertOneOf(method, ['auto', 'hermite', 'composite'], 'options.method');
  if (variance === 0) return f(0);
  assertPositive(variance, 'variance');
  const sd = Math.sqrt(variance);
  const hermite = method === 'hermite' || (method === 'auto' && (sd * Math.PI) / Math.sqrt(order) <= HERMITE_MAX_SPACING);
  if (hermite) {
    const { nodes, weights } = gaussHermite(order);
    const scale = Math.SQRT2 * sd;
    let s = 0;
    for (let i = 0; i < nodes.length; i++) s += (weights[i] as number) * f(scale * (nodes[i] as number));
    return s / Math.sqrt(Math.PI);
  }
  const { nodes, weights } = gaussLegendre(PANEL_POINTS);
  const width = Math.min(1, sd) / 4;
  const panels = Math.ceil((2 * COMPOSITE_RANGE * sd) / width);
  const h = (2 * COMPOSITE_RANGE * sd) / panels;
  const norm = 1 / (sd * Math.sqrt(2 * Math.PI));
  let s = 0;
  for (let k = 0; k < panels; k++) {
    const mid = -COMPOSITE_RANGE * sd + (k + 0.5) * h;
    for (let i = 0; i < PANEL_POINTS; i++) {
      const z = mid + 0.5 * h * (nodes[i] as number);
      s += (weights[i] as number) * f(z) * Math.exp((-0.5 * z * z) / variance);
    }
  }
  return 0.5 * h * norm * s;
}
