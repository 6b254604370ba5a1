// Special functions the statistics need: the normal CDF and its logarithm far in the tail,
// Owen's T (for the skew-normal CDF), log-gamma, Student's t quantile and the Kolmogorov
// distribution. Written from the defining series and continued fractions.

import { erf, erfc } from '@geo/core';

// erf and erfc come from @geo/core; they stay exported here for the package's users.
export { erf, erfc };

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT2 = Math.SQRT2;
const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln(erfc(x)) - (-x^2) for x >= 2.5, i.e. ln of erfc(x) e^{x^2}, by the Laplace continued fraction
 * erfc(x) = e^{-x^2}/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), evaluated with
 * the modified Lentz method.
 */
function logErfcScaled(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return -Math.log(f) - Math.log(SQRT_PI);
}

/**
 * Standard normal CDF Phi(x).
 *
 * @example
 * normalCdf(0) // 0.5
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / SQRT2);
}

/**
 * ln Phi(x), finite down to x = -1e150 (where Phi itself underflows).
 *
 * @example
 * logNormalCdf(-40) // -804.608...
 */
export function logNormalCdf(x: number): number {
  if (x > -3) return Math.log(normalCdf(x));
  const z = -x / SQRT2; // >= 2.12
  if (z >= 2.5) return Math.log(0.5) - z * z + logErfcScaled(z);
  return Math.log(0.5 * erfc(z));
}

/** Standard normal density phi(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x - LN_SQRT_2PI);
}

/**
 * Inverse of the standard normal CDF (Newton steps on `normalCdf` from a logistic start).
 *
 * @example
 * normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  // A start within ~0.1, then Newton on ln Phi for accuracy in both tails.
  const q = p < 0.5 ? p : 1 - p;
  const t = Math.sqrt(-2 * Math.log(q));
  let x = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
  const lq = Math.log(q);
  for (let i = 0; i < 50; i++) {
    const f = logNormalCdf(x) - lq;
    // d/dx ln Phi = phi / Phi = exp(ln phi - ln Phi)
    const g = Math.exp(-0.5 * x * x - LN_SQRT_2PI - logNormalCdf(x));
    const step = f / g;
    x -= step;
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return p < 0.5 ? x : -x;
}

// 32-point Gauss-Legendre rule on [-1, 1], computed on first use by Newton on P_32 (nothing runs at import).
const GL_N = 32;
let glRule: { nodes: Float64Array; weights: Float64Array } | undefined;

function gaussLegendre(): { nodes: Float64Array; weights: Float64Array } {
  if (glRule !== undefined) return glRule;
  const nodes = new Float64Array(GL_N);
  const weights = new Float64Array(GL_N);
  for (let i = 0; i < GL_N; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (GL_N + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= GL_N; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (GL_N * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * dp * dp);
  }
  glRule = { nodes, weights };
  return glRule;
}

/**
 * Owen's T function T(h, a) = (1/2pi) int_0^a exp(-h^2 (1 + x^2) / 2) / (1 + x^2) dx, by
 * composite 32-point Gauss-Legendre (panels scale with |a|). T(h, -a) = -T(h, a).
 *
 * @example
 * owensT(0, 1) // 0.125 (= atan(1) / (2 pi))
 */
export function owensT(h: number, a: number): number {
  if (a === 0) return 0;
  if (a < 0) return -owensT(h, -a);
  // T(h, a) + T(ah, 1/a) = (Phi(h) + Phi(ah))/2 - Phi(h) Phi(ah) for a > 0 (even in h), which keeps
  // the quadrature on [0, 1] where the integrand is smooth.
  if (a > 1) {
    const ph = normalCdf(h);
    const pah = normalCdf(a * h);
    return 0.5 * (ph + pah) - ph * pah - owensT(a * h, 1 / a);
  }
  const h2 = h * h;
  const { nodes, weights } = gaussLegendre();
  const panels = 2;
  const w = a / panels;
  let s = 0;
  for (let p = 0; p < panels; p++) {
    const lo = p * w;
    for (let i = 0; i < GL_N; i++) {
      const x = lo + 0.5 * w * (1 + (nodes[i] as number));
      const q = 1 + x * x;
      s += (weights[i] as number) * (Math.exp(-0.5 * h2 * q) / q);
    }
  }
  return (0.5 * w * s) / (2 * Math.PI);
}

/**
 * ln Gamma(x) for x > 0 (Lanczos-free: Stirling series after shifting x above 15).
 *
 * @example
 * logGamma(5) // ln 24
 */
export function logGamma(x: number): number {
  if (!(x > 0)) return NaN;
  let shift = 0;
  while (x < 15) {
    shift += Math.log(x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  // Stirling: (x - 1/2) ln x - x + ln sqrt(2 pi) + 1/(12x) - 1/(360x^3) + 1/(1260x^5) - 1/(1680x^7) + 1/(1188x^9)
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 / 1188))));
  return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + series - shift;
}

/** Regularised incomplete beta I_x(a, b) by its continued fraction (modified Lentz). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lbt = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
  let f = d;
  for (let m = 1; m < 1000; m++) {
    const m2 = 2 * m;
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    f *= d * c;
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    const delta = d * c;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return (Math.exp(lbt) * f) / a;
}

/** CDF of Student's t with `nu` degrees of freedom. */
export function studentTCdf(t: number, nu: number): number {
  const x = nu / (nu + t * t);
  const tail = 0.5 * incompleteBeta(x, nu / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * Quantile of Student's t with `nu` > 0 degrees of freedom (bisection then Newton on the CDF).
 *
 * @example
 * studentTQuantile(0.975, 10) // 2.2281388519649385
 */
export function studentTQuantile(p: number, nu: number): number {
  if (!(p > 0 && p < 1) || !(nu > 0)) return NaN;
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, nu);
  let lo = 0;
  let hi = Math.max(1, normalQuantile(p));
  while (studentTCdf(hi, nu) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (studentTCdf(mid, nu) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Survival function of the Kolmogorov distribution, Q(lambda) = P(K > lambda) =
 * 2 sum_{k>=1} (-1)^{k-1} exp(-2 k^2 lambda^2) (the alternating series; for small lambda the
 * Jacobi-theta form sqrt(2 pi)/lambda sum exp(-(2k-1)^2 pi^2 / (8 lambda^2)) instead).
 *
 * @example
 * kolmogorovSurvival(1.358) // ~0.05
 */
export function kolmogorovSurvival(lambda: number): number {
  if (!(lambda > 0)) return 1;
  if (lambda < 1) {
    // P(K <= lambda) by the theta-function series, which converges fast for small lambda.
    let s = 0;
    for (let k = 1; k < 100; k++) {
      const term = Math.exp((-((2 * k - 1) ** 2) * Math.PI * Math.PI) / (8 * lambda * lambda));
      s += term;
      if (term < 1e-17 * s) break;
    }
    return 1 - (Math.sqrt(2 * Math.PI) / lambda) * s;
  }
  let s = 0;
  for (let k = 1; k < 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    s += (k % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * s));
}
