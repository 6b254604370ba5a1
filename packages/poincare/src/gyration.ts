// Gyrations gyr[u, v] w = -(u ⊕ v) ⊕ (u ⊕ (v ⊕ w)) in closed form.
import { dotAt } from './numeric.js';
import { broadcastRows, checkBatch, checkCurvature, checkPoint, checkVector, outBuffer, rowGap, rowNotFinite } from './validate.js';

/**
 * Kernel: out = scale * gyr[u, sign*v] w, given g_u, g_v (gaps of u and v). The closed form
 * w + 2(a u + b v)/d (Ungar; geoopt's `_gyration`) is rewritten with s = u + v:
 *   gyr[u,v]w = w + 2(A s - B v)/(g_u g_v + c|s|^2),
 *   A = c<v,w> g_v + c^2 (2<s,v><v,w> - <s,w>|v|^2),  B = c<s,w> g_v + c^2 <v,w>|s|^2,
 * so the rotation's departure from the identity is visibly O(|s|): no cancellation when
 * v ≈ -u near the boundary (transport between close points). `out` may alias w.
 */
export function gyrationKernel(
  u: ArrayLike<number>,
  uo: number,
  gu: number,
  v: ArrayLike<number>,
  vo: number,
  sign: 1 | -1,
  gv: number,
  w: ArrayLike<number>,
  wo: number,
  d: number,
  c: number,
  scale: number,
  out: Float64Array,
  oo: number,
): void {
  let s2 = 0;
  let sv = 0;
  let sw = 0;
  let v2 = 0;
  for (let i = 0; i < d; i++) {
    const vi = sign * (v[vo + i] as number);
    const si = (u[uo + i] as number) + vi;
    const wi = w[wo + i] as number;
    s2 += si * si;
    sv += si * vi;
    sw += si * wi;
    v2 += vi * vi;
  }
  const vw = sign * dotAt(v, vo, w, wo, d);
  const c2 = c * c;
  const den = gu * gv + c * s2;
  const A = c * vw * gv + c2 * (2 * sv * vw - sw * v2);
  const B = c * sw * gv + c2 * vw * s2;
  const a = den > 0 ? (2 * A) / den : 0;
  const b = den > 0 ? (2 * B) / den : 0;
  for (let i = 0; i < d; i++) {
    const vi = sign * (v[vo + i] as number);
    const si = (u[uo + i] as number) + vi;
    out[oo + i] = scale * ((w[wo + i] as number) + a * si - b * vi);
  }
}

/**
 * The gyration gyr[u, v] w = -(u ⊕ v) ⊕ (u ⊕ (v ⊕ w)): the rotation that makes Möbius
 * addition gyrocommutative, u ⊕ v = gyr[u, v](v ⊕ u). Linear in w, so w may be any vector.
 *
 * @example
 * gyration([0.3, 0], [0, 0.4], [1, 0], 1) // a rotation of [1, 0]: norm 1
 */
export function gyration(u: ArrayLike<number>, v: ArrayLike<number>, w: ArrayLike<number>, c: number): Float64Array {
  checkCurvature(c);
  const gu = checkPoint(u, c, 'u');
  const gv = checkPoint(v, c, 'v', u.length);
  checkVector(w, 'w', u.length);
  const out = new Float64Array(u.length);
  gyrationKernel(u, 0, gu, v, 0, 1, gv, w, 0, u.length, c, 1, out, 0);
  return out;
}

/**
 * Kernel: as `gyrationKernel`, but with s = u + sign*v given (row `so` of `s`) instead of u:
 * for transport along an optimiser step the displacement is known more accurately than the
 * rounded new point (and the rotation is ill-conditioned in it near the boundary).
 */
export function gyrationFromSumKernel(
  s: ArrayLike<number>,
  so: number,
  gu: number,
  v: ArrayLike<number>,
  vo: number,
  sign: 1 | -1,
  gv: number,
  w: ArrayLike<number>,
  wo: number,
  d: number,
  c: number,
  scale: number,
  out: Float64Array,
  oo: number,
): void {
  let s2 = 0;
  let sv = 0;
  let sw = 0;
  let v2 = 0;
  let vw = 0;
  for (let i = 0; i < d; i++) {
    const vi = sign * (v[vo + i] as number);
    const si = s[so + i] as number;
    const wi = w[wo + i] as number;
    s2 += si * si;
    sv += si * vi;
    sw += si * wi;
    v2 += vi * vi;
    vw += vi * wi;
  }
  const c2 = c * c;
  const den = gu * gv + c * s2;
  const A = c * vw * gv + c2 * (2 * sv * vw - sw * v2);
  const B = c * sw * gv + c2 * vw * s2;
  const a = den > 0 ? (2 * A) / den : 0;
  const b = den > 0 ? (2 * B) / den : 0;
  for (let i = 0; i < d; i++) {
    const vi = sign * (v[vo + i] as number);
    out[oo + i] = scale * ((w[wo + i] as number) + a * (s[so + i] as number) - b * vi);
  }
}

/**
 * Row-wise gyr[u, v] w over (n x dim) batches; u, v and w may each be one row. `out` may be w.
 *
 * @example
 * gyrationBatch([0.3, 0], [0, 0.4], new Float64Array([1, 0, 0, 1]), 2, 1)
 */
export function gyrationBatch(
  u: ArrayLike<number>,
  v: ArrayLike<number>,
  w: ArrayLike<number>,
  dim: number,
  c: number,
  out?: Float64Array,
): Float64Array {
  checkCurvature(c);
  const nu = checkBatch(u, dim, 'u');
  const nv = checkBatch(v, dim, 'v');
  const nw = checkBatch(w, dim, 'w');
  const n = broadcastRows(broadcastRows(nu, nv, 'u', 'v'), nw, 'u', 'w');
  if (nu !== n && nu !== 1) broadcastRows(n, nu, 'w', 'u');
  if (nv !== n && nv !== 1) broadcastRows(n, nv, 'w', 'v');
  const o = outBuffer(out, n * dim);
  const su = nu === 1 ? 0 : dim;
  const sv = nv === 1 ? 0 : dim;
  const sw = nw === 1 ? 0 : dim;
  for (let r = 0; r < n; r++) {
    const gu = rowGap(u, r * su, dim, c, 'u', r);
    const gv = rowGap(v, r * sv, dim, c, 'v', r);
    for (let i = 0; i < dim; i++) if (!Number.isFinite(w[r * sw + i] as number)) throw rowNotFinite(w, r * sw, dim, 'w', r);
    gyrationKernel(u, r * su, gu, v, r * sv, 1, gv, w, r * sw, dim, c, 1, o, r * dim);
  }
  return o;
}
