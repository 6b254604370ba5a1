import { GeoError, assertFiniteNumber, assertInteger, assertPositive, createRng } from '@geo/core';
import { asVector } from './input.js';
import { ksTest } from './ks.js';
import type { KsResult } from './ks.js';
import { nelderMead } from './nelder-mead.js';
import { logNormalCdf, normalCdf, owensT } from './special.js';

/**
 * Parameters of the skew-lognormal (log-skew-normal) law: ln X ~ SN(xi, omega, alpha), the
 * skew-normal of Azzalini (1985) with location xi, scale omega > 0 and shape alpha
 * (alpha = 0 is the lognormal).
 */
export interface SkewLognormalParams {
  readonly xi: number;
  readonly omega: number;
  readonly alpha: number;
}

const LN2 = Math.LN2;
const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

function checkParams(p: SkewLognormalParams, name = 'params'): void {
  assertFiniteNumber(p.xi, `${name}.xi`);
  assertPositive(p.omega, `${name}.omega`);
  assertFiniteNumber(p.alpha, `${name}.alpha`);
}

/**
 * ln f(x) of the skew-lognormal density
 * f(x) = 2 / (omega x) phi(z) Phi(alpha z), z = (ln x - xi) / omega, x > 0 (-Infinity for x <= 0).
 *
 * @example
 * skewLognormalLogPdf(1, { xi: 0, omega: 1, alpha: 0 }) // -0.9189... (= ln phi(0))
 */
export function skewLognormalLogPdf(x: number, p: SkewLognormalParams): number {
  checkParams(p);
  return logPdfUnchecked(x, p.xi, p.omega, p.alpha);
}

function logPdfUnchecked(x: number, xi: number, omega: number, alpha: number): number {
  if (!(x > 0)) return -Infinity;
  const lx = Math.log(x);
  const z = (lx - xi) / omega;
  return LN2 - Math.log(omega) - lx - 0.5 * z * z - LN_SQRT_2PI + logNormalCdf(alpha * z);
}

/**
 * The skew-lognormal density f(x) (0 for x <= 0).
 *
 * @example
 * skewLognormalPdf(1, { xi: 0, omega: 1, alpha: 0 }) // 0.3989... (lognormal at 1)
 */
export function skewLognormalPdf(x: number, p: SkewLognormalParams): number {
  return Math.exp(skewLognormalLogPdf(x, p));
}

/**
 * The skew-lognormal CDF F(x) = Phi(z) - 2 T(z, alpha), z = (ln x - xi)/omega, with Owen's T.
 *
 * @example
 * skewLognormalCdf(1, { xi: 0, omega: 1, alpha: 0 }) // 0.5
 */
export function skewLognormalCdf(x: number, p: SkewLognormalParams): number {
  checkParams(p);
  if (!(x > 0)) return 0;
  const z = (Math.log(x) - p.xi) / p.omega;
  return Math.min(1, Math.max(0, normalCdf(z) - 2 * owensT(z, p.alpha)));
}

/**
 * n seeded draws: Z = delta |U0| + sqrt(1 - delta^2) U1 (U0, U1 standard normal,
 * delta = alpha / sqrt(1 + alpha^2)) is SN(0, 1, alpha), and X = exp(xi + omega Z).
 *
 * @example
 * sampleSkewLognormal({ xi: 0, omega: 0.5, alpha: 3 }, 1000, 42)
 */
export function sampleSkewLognormal(p: SkewLognormalParams, n: number, seed: number, out?: Float64Array): Float64Array {
  checkParams(p);
  assertInteger(n, 'n', { min: 0 });
  const rng = createRng(seed).derive('skew-lognormal');
  const x = out ?? new Float64Array(n);
  if (x.length !== n) throw new GeoError('BAD_LENGTH', `out must have length ${n}, got ${x.length}`, { argument: 'out', expected: n, actual: x.length });
  const delta = p.alpha / Math.sqrt(1 + p.alpha * p.alpha);
  const c = Math.sqrt(1 - delta * delta);
  for (let i = 0; i < n; i++) {
    const z = delta * Math.abs(rng.normal()) + c * rng.normal();
    x[i] = Math.exp(p.xi + p.omega * z);
  }
  return x;
}

/** Result of `fitSkewLognormal`. */
export interface SkewLognormalFit {
  readonly params: SkewLognormalParams;
  /** Asymptotic standard errors from the inverse observed information (numerical Hessian); NaN-free: Infinity when singular. */
  readonly stdErr: SkewLognormalParams;
  readonly logLikelihood: number;
  /** Kolmogorov-Smirnov goodness of fit of the fitted law (p-value conservative: parameters were fitted). */
  readonly ks: KsResult;
  readonly converged: boolean;
  readonly n: number;
}

/** Largest |alpha| the fit explores; beyond it the skew-normal is a half-normal to working precision. */
const ALPHA_BOUND = 50;

/**
 * Maximum-likelihood fit of the skew-lognormal law to positive samples, with the KS
 * goodness of fit. Starts from the method of moments of ln x (skewness clipped inside the
 * skew-normal's range |gamma_1| < 0.995), then Newton's method with the analytic gradient and
 * Hessian; when that does not end at a maximum (negative definite Hessian), a Nelder-Mead search on
 * (xi, ln omega, alpha) first and Newton from its optimum; |alpha| is capped at 50 (the likelihood's sup can sit at alpha -> infinity
 * for strongly skewed samples, the known boundary case of the skew-normal).
 *
 * @example
 * const x = sampleSkewLognormal({ xi: 1, omega: 0.5, alpha: 2 }, 10000, 1);
 * fitSkewLognormal(x).params // ~ { xi: 1, omega: 0.5, alpha: 2 }
 */
export function fitSkewLognormal(samples: ArrayLike<number>): SkewLognormalFit {
  const x = asVector(samples, 'samples', 3);
  const n = x.length;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = x[i] as number;
    if (!(v > 0)) throw new GeoError('OUT_OF_DOMAIN', `samples[${i}] must be positive, got ${v}`, { argument: `samples[${i}]`, expected: '> 0', actual: v });
    y[i] = Math.log(v);
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i] as number;
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = (y[i] as number) - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  if (!(m2 > 0)) throw new GeoError('OUT_OF_DOMAIN', 'samples are all equal: the scale is zero', { argument: 'samples' });
  const sd = Math.sqrt(m2);
  const g1 = Math.max(-0.99, Math.min(0.99, m3 / (m2 * sd)));
  const a23 = Math.abs(g1) ** (2 / 3);
  const absDelta = Math.sqrt((Math.PI / 2) * (a23 / (a23 + ((4 - Math.PI) / 2) ** (2 / 3))));
  const delta = Math.sign(g1) * Math.min(absDelta, 0.995);
  const alpha0 = delta / Math.sqrt(1 - delta * delta);
  const omega0 = sd / Math.sqrt(1 - (2 * delta * delta) / Math.PI);
  const xi0 = mean - omega0 * delta * Math.sqrt(2 / Math.PI);

  // Negative log-likelihood in terms of y = ln x (the Jacobian sum ln x is constant).
  const nll = (q: Float64Array): number => {
    const xi = q[0] as number;
    const lw = q[1] as number;
    const alpha = q[2] as number;
    if (Math.abs(alpha) > ALPHA_BOUND) return Infinity;
    const omega = Math.exp(lw);
    let s = 0;
    for (let i = 0; i < n; i++) {
      const z = ((y[i] as number) - xi) / omega;
      s += -0.5 * z * z + logNormalCdf(alpha * z);
    }
    return -(n * (LN2 - lw - LN_SQRT_2PI) + s);
  };
  // Newton's method with the analytic gradient and Hessian from the moments start converges
  // quadratically and gives the observed information; when it does not reach a maximum (negative
  // definite Hessian) from there, a coarse simplex search first gets into the basin.
  let result = newtonAscent(y, xi0, omega0, alpha0);
  if (!result.converged || !negativeDefinite(result.current.hess)) {
    const coarse = nelderMead(nll, [xi0, Math.log(omega0), alpha0], [0.1 * omega0, 0.1, 0.5], { maxIter: 400, ftol: 1e-9, xtol: 1e-4 });
    const second = newtonAscent(y, coarse.x[0] as number, Math.exp(coarse.x[1] as number), coarse.x[2] as number);
    if (second.current.ll >= result.current.ll || !result.converged) result = second;
  }
  const { xi, omega, alpha, current, converged } = result;
  const params: SkewLognormalParams = { xi, omega, alpha };
  let sumLogX = 0;
  for (let i = 0; i < n; i++) sumLogX += y[i] as number;
  const cov = invert3(Float64Array.from(current.hess, (v) => -v));
  const se = (k: number): number => {
    const v = cov === null ? NaN : (cov[k * 3 + k] as number);
    return v > 0 ? Math.sqrt(v) : Infinity;
  };
  const ks = ksTest(x, (v) => skewLognormalCdf(v, params));
  return { params, stdErr: { xi: se(0), omega: se(1), alpha: se(2) }, logLikelihood: current.ll - sumLogX, ks, converged, n };
}

/** Newton ascent with backtracking from (xi, omega, alpha); gradient steps where the Hessian is not negative definite. */
function newtonAscent(y: Float64Array, xi0: number, omega0: number, alpha0: number): { xi: number; omega: number; alpha: number; current: Derivatives; converged: boolean } {
  const n = y.length;
  let xi = xi0;
  let omega = omega0;
  let alpha = alpha0;
  let current = derivatives(y, xi, omega, alpha);
  let converged = false;
  for (let it = 0; it < 100 && !converged; it++) {
    const step = newtonStep(current);
    let t = 1;
    let accepted = false;
    for (let k = 0; k < 40; k++) {
      const nx = xi + t * (step[0] as number);
      const nw = omega + t * (step[1] as number);
      const na = alpha + t * (step[2] as number);
      if (nw > 0 && Math.abs(na) <= ALPHA_BOUND) {
        const cand = derivatives(y, nx, nw, na);
        if (cand.ll >= current.ll - 1e-12 * Math.abs(current.ll)) {
          const gain = cand.ll - current.ll;
          xi = nx;
          omega = nw;
          alpha = na;
          current = cand;
          accepted = true;
          const size = Math.abs(t * (step[0] as number)) + Math.abs(t * (step[1] as number)) + Math.abs(t * (step[2] as number));
          if (size < 1e-10 * (1 + Math.abs(xi) + omega + Math.abs(alpha)) || (gain >= 0 && gain < 1e-13 * Math.abs(cand.ll) && t === 1)) converged = true;
          break;
        }
      }
      t *= 0.5;
    }
    if (!accepted) converged = gradientSmall(current, n);
  }
  return { xi, omega, alpha, current, converged };
}

/** Whether a symmetric 3 x 3 matrix is negative definite (leading minors of -H positive). */
function negativeDefinite(h: Float64Array): boolean {
  const [a, b, c, , e, f, , , i] = Array.from(h, (v) => -v) as [number, number, number, number, number, number, number, number, number];
  return a > 0 && a * e - b * b > 0 && a * (e * i - f * f) - b * (b * i - f * c) + c * (b * f - e * c) > 0;
}

interface Derivatives {
  /** Log-likelihood of y = ln x (without the Jacobian term -sum ln x). */
  readonly ll: number;
  /** Gradient in (xi, omega, alpha). */
  readonly grad: Float64Array;
  /** Hessian in (xi, omega, alpha), row-major 3 x 3. */
  readonly hess: Float64Array;
}

/**
 * Log-likelihood, gradient and Hessian of SN(xi, omega, alpha) at the samples y. Per sample
 * with z = (y - xi)/omega, g(z, alpha) = -z^2/2 + ln Phi(alpha z), zeta = phi/Phi at alpha z and
 * zeta' = -zeta (alpha z + zeta): g_z = -z + alpha zeta, g_zz = -1 + alpha^2 zeta',
 * g_a = z zeta, g_aa = z^2 zeta', g_za = zeta + alpha z zeta'.
 */
function derivatives(y: Float64Array, xi: number, omega: number, alpha: number): Derivatives {
  const n = y.length;
  let ll = -n * (Math.log(omega) + LN_SQRT_2PI - LN2);
  const g = new Float64Array(3);
  const h = new Float64Array(9);
  const w2 = omega * omega;
  for (let i = 0; i < n; i++) {
    const z = ((y[i] as number) - xi) / omega;
    const u = alpha * z;
    const lp = logNormalCdf(u);
    const zeta = Math.exp(-0.5 * u * u - LN_SQRT_2PI - lp);
    const dzeta = -zeta * (u + zeta);
    ll += -0.5 * z * z + lp;
    const gz = -z + alpha * zeta;
    const gzz = -1 + alpha * alpha * dzeta;
    const ga = z * zeta;
    const gaa = z * z * dzeta;
    const gza = zeta + alpha * z * dzeta;
    g[0] = (g[0] as number) - gz / omega;
    g[1] = (g[1] as number) - (gz * z) / omega;
    g[2] = (g[2] as number) + ga;
    h[0] = (h[0] as number) + gzz / w2;
    h[1] = (h[1] as number) + (gzz * z + gz) / w2;
    h[4] = (h[4] as number) + (gzz * z * z + 2 * gz * z) / w2;
    h[2] = (h[2] as number) - gza / omega;
    h[5] = (h[5] as number) - (gza * z) / omega;
    h[8] = (h[8] as number) + gaa;
  }
  g[1] = (g[1] as number) - n / omega;
  h[4] = (h[4] as number) + n / w2;
  h[3] = h[1] as number;
  h[6] = h[2] as number;
  h[7] = h[5] as number;
  return { ll, grad: g, hess: h };
}

/** The Newton direction -H^{-1} g, or the gradient direction when H is not negative definite. */
function newtonStep(d: Derivatives): Float64Array {
  const inv = invert3(d.hess);
  if (inv !== null) {
    const s = new Float64Array(3);
    for (let i = 0; i < 3; i++) s[i] = -((inv[i * 3] as number) * (d.grad[0] as number) + (inv[i * 3 + 1] as number) * (d.grad[1] as number) + (inv[i * 3 + 2] as number) * (d.grad[2] as number));
    // An ascent direction only: otherwise fall back to the (scaled) gradient.
    if ((s[0] as number) * (d.grad[0] as number) + (s[1] as number) * (d.grad[1] as number) + (s[2] as number) * (d.grad[2] as number) > 0) return s;
  }
  const norm = Math.hypot(d.grad[0] as number, d.grad[1] as number, d.grad[2] as number) || 1;
  return Float64Array.from(d.grad, (v) => (0.1 * v) / norm);
}

function gradientSmall(d: Derivatives, n: number): boolean {
  return Math.hypot(d.grad[0] as number, d.grad[1] as number, d.grad[2] as number) < 1e-6 * n;
}

function invert3(m: Float64Array): Float64Array | null {
  const [a, b, c, d, e, f, g, h, i] = Array.from(m) as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (!(Math.abs(det) > 0) || !Number.isFinite(det)) return null;
  const inv = Float64Array.of(A, -(b * i - c * h), b * f - c * e, B, a * i - c * g, -(a * f - c * d), C, -(a * h - b * g), a * e - b * d);
  for (let k = 0; k < 9; k++) inv[k] = (inv[k] as number) / det;
  return inv;
}
