import { GeoError, assertFiniteNumber, assertInteger, assertOneOf } from '@geo/core';
import { activation as getActivation, type Activation, type ActivationName } from './activation.js';
import type { MetricBatch } from './metric.js';
import { checkOut } from './mlp.js';
import { toPoints, type PointsInput } from './points.js';
import { gaussianExpectation, type GaussianExpectationOptions, type GaussianQuadratureMethod } from './quadrature.js';

export interface NngpOptions {
  readonly activation: ActivationName;
  /** Input dimension d (weights have variance weightScale^2 / d, as in randomMlp). */
  readonly inputDim: number;
  /** Default 1. */
  readonly weightScale?: number;
  /** Bias standard deviation; default 0. */
  readonly biasStd?: number;
  /**
   * Hidden layers L (default 1): the metric of the last layer's features of
   * randomMlp([d, n, ..., n]) as n -> infinity (weights N(0, weightScale^2 / fan_in) in every
   * layer, biases N(0, biasStd^2)). Depth > 1 always uses quadrature.
   */
  readonly depth?: number;
  /** `closed` (erf, relu, linear only), `quadrature`, or `auto` (closed where known). */
  readonly method?: 'auto' | 'closed' | 'quadrature';
  /** Gauss-Hermite points; default 96. */
  readonly order?: number;
  /** Quadrature rule for `quadrature` (see gaussianExpectation); default `auto`. */
  readonly quadrature?: GaussianQuadratureMethod;
}

/** g(x) = A I + B x x^T at one radius, and the volume element it implies. */
export interface NngpCoefficients {
  readonly A: number;
  readonly B: number;
  /** Pre-activation variance q = weightScale^2 |x|^2 / d + biasStd^2. */
  readonly q: number;
  /** log sqrt det g = ((d - 1) log A + log(A + B r^2)) / 2. */
  readonly logVolumeElement: number;
}

const CLOSED: readonly ActivationName[] = ['erf', 'relu', 'linear'];

/**
 * The infinite-width metric of a shallow map Phi(x) = phi(W x + b) / sqrt(n) with
 * W_ij ~ N(0, sigma^2 / d), b_j ~ N(0, sigma_b^2): as n -> infinity,
 * g(x) = E[phi'(z)^2 w w^T], and conditioning w on z = w.x + b gives the spherically
 * symmetric form g = A(|x|) I + B(|x|) x x^T with s = sigma^2 / d, q = s |x|^2 + sigma_b^2,
 *   A = s E[phi'(z)^2],   B = s^2 E[z psi'(z)] / q,   psi = phi'^2,   z ~ N(0, q)
 * (B = s^2 E[psi''(z)] by Stein's lemma). Closed forms: erf, A = s (4/pi) / sqrt(1 + 4q),
 * B = -s^2 (16/pi) (1 + 4q)^{-3/2}; ReLU, A = s / 2, B = 0 (undefined at q = 0); linear,
 * A = s, B = 0. Any other activation by quadrature: Gauss-Hermite while its nodes resolve
 * phi (small q), composite Gauss-Legendre against the Gaussian density for wide q.
 *
 * @example
 * nngpMetricCoefficients(1, { activation: 'erf', inputDim: 2 }).A // (1/2)(4/pi)/sqrt(3)
 */
export function nngpMetricCoefficients(radius: number, options: NngpOptions): NngpCoefficients {
  assertFiniteNumber(radius, 'radius');
  if (radius < 0) throw new GeoError('OUT_OF_RANGE', `radius must be >= 0, got ${radius}`, { argument: 'radius', expected: '>= 0', actual: radius });
  const act = getActivation(options?.activation, 'options.activation');
  const d = options.inputDim;
  assertInteger(d, 'options.inputDim', { min: 1 });
  const sigma = options.weightScale ?? 1;
  const sigmaB = options.biasStd ?? 0;
  assertFiniteNumber(sigma, 'options.weightScale');
  assertFiniteNumber(sigmaB, 'options.biasStd');
  const method = options.method ?? 'auto';
  assertOneOf(method, ['auto', 'closed', 'quadrature'], 'options.method');
  const order = options.order ?? 96;
  assertInteger(order, 'options.order', { min: 2, max: 200 });
  const depth = options.depth ?? 1;
  assertInteger(depth, 'options.depth', { min: 1, max: 1000 });
  if (depth > 1) return deepCoefficients(radius, act, d, sigma, sigmaB, depth, { order, method: options.quadrature ?? 'auto' });
  const s = (sigma * sigma) / d;
  const q = s * radius * radius + sigmaB * sigmaB;
  const closed = method === 'closed' || (method === 'auto' && CLOSED.includes(act.name));
  if (closed && !CLOSED.includes(act.name)) {
    throw new GeoError('UNSUPPORTED', `no closed form for ${act.name}; use method 'quadrature'`, { argument: 'options.method', expected: CLOSED, actual: act.name });
  }
  if (act.name === 'relu' && q === 0) {
    throw new GeoError('OUT_OF_DOMAIN', "the ReLU metric is undefined where every pre-activation is 0 (x = 0 with biasStd = 0)", { argument: 'radius', actual: radius });
  }
  let A: number;
  let B: number;
  if (closed) {
    if (act.name === 'erf') {
      A = (s * (4 / Math.PI)) / Math.sqrt(1 + 4 * q);
      B = (-s * s * (16 / Math.PI)) / (1 + 4 * q) ** 1.5;
    } else if (act.name === 'relu') {
      A = s / 2;
      B = 0;
    } else {
      A = s;
      B = 0;
    }
  } else {
    const psi = (z: number): number => act.df(z) ** 2;
    const dpsi = (z: number): number => 2 * act.df(z) * act.d2f(z);
    const rule = { order, method: options.quadrature ?? 'auto' };
    A = s * gaussianExpectation(psi, q, rule);
    if (q > 0) B = (s * s * gaussianExpectation((z) => z * dpsi(z), q, rule)) / q;
    else {
      // q = 0: B = s^2 psi''(0), by a fourth-order central difference of psi' (only B(0) needs it).
      const h = 1e-3;
      B = (s * s * (dpsi(-2 * h) - 8 * dpsi(-h) + 8 * dpsi(h) - dpsi(2 * h))) / (12 * h);
    }
  }
  return withVolume(A, B, q, radius, d);
}

function withVolume(A: number, B: number, q: number, radius: number, d: number): NngpCoefficients {
  const along = A + B * radius * radius;
  const logVolumeElement = A > 0 && along > 0 ? 0.5 * ((d - 1) * Math.log(A) + Math.log(along)) : -Infinity;
  return { A, B, q, logVolumeElement };
}

/** E[z psi'(z)] / q for z ~ N(0, q), psi = phi'^2; the q -> 0 limit psi''(0) by a central difference. */
function steinB(act: Activation, q: number, rule: GaussianExpectationOptions): number {
  const dpsi = (z: number): number => 2 * act.df(z) * act.d2f(z);
  if (q > 0) return gaussianExpectation((z) => z * dpsi(z), q, rule) / q;
  const h = 1e-3;
  return (dpsi(-2 * h) - 8 * dpsi(-h) + 8 * dpsi(h) - dpsi(2 * h)) / (12 * h);
}

/**
 * The deep NNGP metric by propagating, layer by layer, the statistics of the pre-activation
 * h_l(x) and its gradient, a Gaussian process under the infinite-width limit:
 * q = Var h, c = Cov(h, grad h) = gamma x, G = Cov(grad h) = a I + b x x^T. Conditioning
 * grad h on h gives the layer's metric E[phi'(h)^2 grad h grad h^T] = e1 G + (E[z psi']/q) c c^T
 * (e1 = E[phi'^2]); the next layer has G' = sigma^2 (that metric), gamma' = sigma^2 E[phi'^2 +
 * phi phi''] gamma (Stein), q' = sigma^2 E[phi^2] + sigma_b^2. Layer 1: q = s r^2 + sigma_b^2,
 * gamma = a = s = sigma^2 / d, b = 0.
 */
function deepCoefficients(radius: number, act: Activation, d: number, sigma: number, sigmaB: number, depth: number, rule: GaussianExpectationOptions): NngpCoefficients {
  const s2 = sigma * sigma;
  let q = (s2 / d) * radius * radius + sigmaB * sigmaB;
  let a = s2 / d;
  let b = 0;
  let gamma = s2 / d;
  let A = 0;
  let B = 0;
  for (let l = 1; l <= depth; l++) {
    if (act.name === 'relu' && q === 0) {
      throw new GeoError('OUT_OF_DOMAIN', 'the ReLU metric is undefined where every pre-activation is 0 (x = 0 with biasStd = 0)', { argument: 'radius', actual: radius });
    }
    const e1 = gaussianExpectation((z) => act.df(z) ** 2, q, rule);
    A = e1 * a;
    B = e1 * b + steinB(act, q, rule) * gamma * gamma;
    if (l === depth) break;
    const nextGamma = s2 * gaussianExpectation((z) => act.df(z) ** 2 + act.f(z) * act.d2f(z), q, rule) * gamma;
    const nextQ = s2 * gaussianExpectation((z) => act.f(z) ** 2, q, rule) + sigmaB * sigmaB;
    a = s2 * A;
    b = s2 * B;
    gamma = nextGamma;
    q = nextQ;
  }
  return withVolume(A, B, q, radius, d);
}

/**
 * The infinite-width metric g(x) = A(|x|) I + B(|x|) x x^T at each point (see
 * `nngpMetricCoefficients`), as a MetricBatch.
 *
 * @example
 * nngpMetric([[0.5, 0.5]], { activation: 'gelu', inputDim: 2 }).data // 2 x 2, symmetric
 */
export function nngpMetric(x: PointsInput, options: NngpOptions & { readonly out?: Float64Array }): MetricBatch {
  assertInteger(options?.inputDim, 'options.inputDim', { min: 1 });
  const pts = toPoints(x, options.inputDim, 'x');
  const d = pts.dim;
  const data = checkOut(options.out, pts.count * d * d, 'options.out');
  for (let p = 0; p < pts.count; p++) {
    let r2 = 0;
    for (let m = 0; m < d; m++) r2 += (pts.data[p * d + m] as number) ** 2;
    const { A, B } = nngpMetricCoefficients(Math.sqrt(r2), options);
    const o = p * d * d;
    for (let a = 0; a < d; a++)
      for (let b = 0; b < d; b++) data[o + a * d + b] = (a === b ? A : 0) + B * (pts.data[p * d + a] as number) * (pts.data[p * d + b] as number);
  }
  return { data, count: pts.count, dim: d };
}
