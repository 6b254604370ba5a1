// One optimiser update of a point and the transport of its momentum, shared by RAdam and RSGD.
import { assertOneOf } from '@geo/core';
import { gyrationFromSumKernel } from './gyration.js';
import { clampRow, gapAt, gapOfSum, normAt, tanhc, twoProdErr } from './numeric.js';

/** How an optimiser moves along a tangent step u: the exact exponential map, or x + u projected back inside. */
export type Retraction = 'expmap' | 'proj';
export const RETRACTIONS: readonly Retraction[] = ['expmap', 'proj'];

/** geoopt's float64 margin for the 'proj' retraction: |x + u| is capped at (1 - 1e-5)/sqrt(c). */
export const PROJ_RETRACTION_EPS = 1e-5;

export function checkRetraction(r: unknown): asserts r is Retraction {
  assertOneOf(r, RETRACTIONS, 'options.retraction');
}

/**
 * Kernel: moves row x (gap gx) along the tangent step u into `next` (offset 0, length d), then
 * parallel-transports each `moments` row (offset mo) from x to next in place. x is read only;
 * `disp` (length d) is scratch.
 *
 * The transport PT_{x->x'} = gyr[x', -x] (.) g_{x'}/g_x is ill-conditioned in the rounded x'
 * near the boundary (by 1/g), so it is fed the displacement s = x' - x and the gap g_{x'}
 * straight from the algebra of the step instead:
 *  - expmap: x' = x ⊕ u' with u' = tanh(t) u/(sqrt(c)|u|), s = g_x (u' + tanh(t)^2 x) / D and
 *    g_{x'} = g_x sech(t)^2 / D, D = g_x sech(t)^2 + c|x + u'|^2;
 *  - proj: s = u, g_{x'} = 1 - c|x + u|^2 in double-double (or the cap's exact gap when projected).
 */
export function retractTransport(
  x: ArrayLike<number>,
  xo: number,
  gx: number,
  u: Float64Array,
  d: number,
  c: number,
  retraction: Retraction,
  next: Float64Array,
  disp: Float64Array,
  moments: Float64Array | undefined,
  mo: number,
): void {
  let gn: number;
  const nu = normAt(u, 0, d);
  if (nu === 0) {
    for (let i = 0; i < d; i++) next[i] = x[xo + i] as number;
    return; // moments stay in the same tangent space
  }
  if (retraction === 'expmap') {
    const sc = Math.sqrt(c);
    const t = (sc * nu) / gx;
    const f = t > 20 ? 1 / (sc * nu) : tanhc(t) / gx;
    const th = Math.tanh(t);
    const ch = Math.cosh(t);
    const gu = 1 / (ch * ch);
    let w2 = 0;
    for (let i = 0; i < d; i++) {
      const w = (x[xo + i] as number) + f * (u[i] as number);
      w2 += w * w;
    }
    const den = gx * gu + c * w2;
    const k = den > 0 ? gx / den : 0;
    for (let i = 0; i < d; i++) {
      const xi = x[xo + i] as number;
      const si = k * (f * (u[i] as number) + th * th * xi);
      disp[i] = si;
      next[i] = xi + si;
    }
    gn = den > 0 ? (gx * gu) / den : 0;
  } else {
    for (let i = 0; i < d; i++) {
      disp[i] = u[i] as number;
      next[i] = (x[xo + i] as number) + (u[i] as number);
    }
    const maxr = (1 - PROJ_RETRACTION_EPS) / Math.sqrt(c);
    const r = normAt(next, 0, d);
    if (r > maxr) {
      projectedDisplacement(x, xo, u, d, c, disp);
      for (let i = 0; i < d; i++) next[i] = (x[xo + i] as number) + (disp[i] as number);
      gn = PROJ_RETRACTION_EPS * (2 - PROJ_RETRACTION_EPS);
    } else {
      gn = gapOfSum(x, xo, u, 0, d, c);
    }
  }
  if (clampRow(next, 0, d, c) || !(gn > 0)) {
    gn = gapAt(next, 0, d, c);
    for (let i = 0; i < d; i++) disp[i] = (next[i] as number) - (x[xo + i] as number);
  }
  if (moments !== undefined) gyrationFromSumKernel(disp, 0, gn, x, xo, -1, gx, moments, mo, d, c, gn / gx, moments, mo);
}

/**
 * s = x' - x for x' = (x + u) (1 - eps) / (sqrt(c)|x + u|), in double-double until the last
 * rounding: near the cap the moment transport amplifies any error in s by 1/gap (1e5 here).
 */
function projectedDisplacement(x: ArrayLike<number>, xo: number, u: Float64Array, d: number, c: number, disp: Float64Array): void {
  // q = c|x + u|^2 in double-double, with x + u = S + e exactly per entry
  let qh = 0;
  let ql = 0;
  for (let i = 0; i < d; i++) {
    const a = x[xo + i] as number;
    const b = u[i] as number;
    const S = a + b;
    const bv = S - a;
    const e = (a - (S - bv)) + (b - bv);
    const p = S * S;
    const pe = twoProdErr(S, S, p) + 2 * S * e;
    const t = qh + p;
    const z = t - qh;
    ql += (qh - (t - z)) + (p - z) + pe;
    qh = t;
  }
  const ch = c * qh;
  ql = twoProdErr(c, qh, ch) + c * ql;
  qh = ch;
  // r = sqrt(q) in double-double (one Newton correction)
  const rh = Math.sqrt(qh);
  const rl = (qh - rh * rh - twoProdErr(rh, rh, rh * rh) + ql) / (2 * rh);
  // k = (1 - eps) / r with 1 - eps itself in double-double
  const oh = 1 - PROJ_RETRACTION_EPS;
  const ol = 1 - oh - PROJ_RETRACTION_EPS;
  const kh = oh / rh;
  const kl = (oh - kh * rh - twoProdErr(kh, rh, kh * rh) + ol - kh * rl) / rh;
  for (let i = 0; i < d; i++) {
    const a = x[xo + i] as number;
    const b = u[i] as number;
    const S = a + b;
    const bv = S - a;
    const e = (a - (S - bv)) + (b - bv);
    const ph = S * kh;
    disp[i] = (ph - a) + (twoProdErr(S, kh, ph) + S * kl + e * kh);
  }
}
