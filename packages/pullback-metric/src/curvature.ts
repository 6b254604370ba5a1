import { GeoError, assertFinite, assertPositive } from '@geo/core';
import { choleskyInPlace, choleskySolveInPlace } from './linalg.js';
import { mlpPullbackMetric } from './metric.js';
import { assertMlp, checkOut, mlpWorkspace, propagate, type Mlp } from './mlp.js';
import { toPoints, type PointsInput } from './points.js';

/** Per-point scalar curvature, NaN and flagged where g is singular (curvature undefined). */
export interface CurvatureResult {
  readonly values: Float64Array;
  /** 1 where g is singular (Cholesky breaks down or lambda_min <= rtol lambda_max). */
  readonly singular: Uint8Array;
  readonly singularCount: number;
}

const EPS = 2.220446049250313e-16;

/**
 * The Ricci scalar of the metric an MLP pulls back, at each point, exactly in float64, for
 * any input dimension d (cost O(n d^4) per point after the forward pass). By the Gauss
 * equation for the immersed image Phi(R^d) in R^n, with second fundamental form
 * II_ab = P_normal d_a d_b Phi:
 *   <II_ab, II_ce> = Phi_ab . Phi_ce - v_ab^T g^{-1} v_ce,   v_ab = J^T Phi_ab,
 *   R = g^{ab} g^{ce} <II_ab, II_ce> - g^{ac} g^{be} <II_ab, II_ce>   (= |H|^2 - |II|^2).
 * For d = 2 this is R = 2K (Gaussian curvature). ReLU and linear maps give 0 (phi'' = 0
 * almost everywhere).
 *
 * @example
 * const net = randomMlp([2, 64, 64], { activation: 'gelu', seed: 0 });
 * mlpRicciScalar(net, [[0.2, -0.1]]).values // [R]
 */
export function mlpRicciScalar(net: Mlp, x: PointsInput, options: { readonly out?: Float64Array; readonly rtol?: number } = {}): CurvatureResult {
  assertMlp(net);
  const pts = toPoints(x, net.inputDim, 'x');
  const d = net.inputDim;
  const n = net.outputDim;
  const dd = d * d;
  const rtol = options.rtol ?? d * 8 * EPS;
  assertPositive(rtol, 'options.rtol');
  const values = checkOut(options.out, pts.count, 'options.out');
  const singular = new Uint8Array(pts.count);
  const ws = mlpWorkspace(net, true);
  const s = net.outputScale;
  const s2 = s * s;
  const g = new Float64Array(dd);
  const l = new Float64Array(dd);
  const gi = new Float64Array(dd);
  const col = new Float64Array(d);
  const v = new Float64Array(dd * d); // v[(ab) * d + m]
  const w = new Float64Array(dd * d); // g^{-1} v_ab
  const gram = new Float64Array(dd * dd);
  let singularCount = 0;
  for (let p = 0; p < pts.count; p++) {
    propagate(net, pts.data, p * d, ws, true);
    const jac = ws.jac;
    const hess = ws.hess;
    let maxDiag = 0;
    for (let a = 0; a < d; a++)
      for (let b = a; b < d; b++) {
        let t = 0;
        for (let i = 0; i < n; i++) t += (jac[i * d + a] as number) * (jac[i * d + b] as number);
        g[a * d + b] = s2 * t;
        g[b * d + a] = s2 * t;
        if (a === b) maxDiag = Math.max(maxDiag, s2 * t);
      }
    l.set(g);
    const minPivot = choleskyInPlace(l, d);
    if (!(minPivot > rtol * maxDiag)) {
      values[p] = NaN;
      singular[p] = 1;
      singularCount++;
      continue;
    }
    for (let c = 0; c < d; c++) {
      col.fill(0);
      col[c] = 1;
      choleskySolveInPlace(l, d, col);
      for (let r = 0; r < d; r++) gi[r * d + c] = col[r] as number;
    }
    // v_ab = J^T Phi_ab (scaled: J = s jac, Phi_ab = s hess).
    for (let ab = 0; ab < dd; ab++)
      for (let m = 0; m < d; m++) {
        let t = 0;
        for (let i = 0; i < n; i++) t += (jac[i * d + m] as number) * (hess[i * dd + ab] as number);
        v[ab * d + m] = s2 * t;
      }
    for (let ab = 0; ab < dd; ab++)
      for (let m = 0; m < d; m++) {
        let t = 0;
        for (let q = 0; q < d; q++) t += (gi[m * d + q] as number) * (v[ab * d + q] as number);
        w[ab * d + m] = t;
      }
    for (let ab = 0; ab < dd; ab++)
      for (let ce = ab; ce < dd; ce++) {
        let t = 0;
        for (let i = 0; i < n; i++) t += (hess[i * dd + ab] as number) * (hess[i * dd + ce] as number);
        let corr = 0;
        for (let m = 0; m < d; m++) corr += (v[ab * d + m] as number) * (w[ce * d + m] as number);
        const val = s2 * t - corr;
        gram[ab * dd + ce] = val;
        gram[ce * dd + ab] = val;
      }
    let r = 0;
    for (let a = 0; a < d; a++)
      for (let b = 0; b < d; b++)
        for (let c = 0; c < d; c++)
          for (let e = 0; e < d; e++) {
            const coef = (gi[a * d + b] as number) * (gi[c * d + e] as number) - (gi[a * d + c] as number) * (gi[b * d + e] as number);
            if (coef !== 0) r += coef * (gram[(a * d + b) * dd + c * d + e] as number);
          }
    values[p] = r;
  }
  return { values, singular, singularCount };
}

/** Per-point determinant and Ricci scalar of a shallow 2-D map. */
export interface ShallowCurvatureResult extends CurvatureResult {
  /** det g = 1/2 sum_jk c_j c_k m_jk^2. */
  readonly detG: Float64Array;
}

/**
 * The shallow-network closed form for 2-D inputs, Phi(x) = s phi(W x + b), in terms of
 * m_jk = W_j1 W_k2 - W_j2 W_k1, c_j = s^2 phi'(h_j)^2 and e_j = s^2 phi'(h_j) phi''(h_j):
 *   det g = 1/2 sum_{j,k} c_j c_k m_jk^2,
 *   R = -(1 / det(g)^2) sum_{j,k,l} c_k e_j e_l m_jk m_lk m_jl^2.
 * (Derived from the Gauss equation: the tangential parts cancel because each feature's
 * Hessian is rank one, phi''_j w_j w_j^T.) The k-sum is contracted first,
 * sum_k c_k m_jk m_lk = w_j^T adj(g) w_l, so a point costs O(n^2) rather than O(n^3).
 * Requires a one-layer net on R^2.
 *
 * @example
 * const net = randomMlp([2, 250], { activation: 'erf', seed: 1 });
 * shallowRicciScalar(net, [[0.3, 0.4]]).values // agrees with mlpRicciScalar
 */
export function shallowRicciScalar(net: Mlp, x: PointsInput, options: { readonly rtol?: number } = {}): ShallowCurvatureResult {
  assertMlp(net);
  if (net.layers.length !== 1 || net.inputDim !== 2) {
    throw new GeoError('UNSUPPORTED', `shallowRicciScalar needs a one-layer network on R^2, got ${net.layers.length} layer(s) on R^${net.inputDim}; use mlpRicciScalar`, {
      argument: 'net',
      expected: 'one layer, inputDim 2',
      actual: { layers: net.layers.length, inputDim: net.inputDim },
    });
  }
  const rtol = options.rtol ?? 16 * EPS;
  assertPositive(rtol, 'options.rtol');
  const pts = toPoints(x, 2, 'x');
  const layer = net.layers[0] as Mlp['layers'][number];
  const n = layer.outputs;
  const W = layer.weight;
  const m = new Float64Array(n * n);
  for (let j = 0; j < n; j++)
    for (let k = 0; k < n; k++) m[j * n + k] = (W[2 * j] as number) * (W[2 * k + 1] as number) - (W[2 * j + 1] as number) * (W[2 * k] as number);
  const ws = mlpWorkspace(net, false);
  const s2 = net.outputScale * net.outputScale;
  const c = new Float64Array(n);
  const e = new Float64Array(n);
  const values = new Float64Array(pts.count);
  const detG = new Float64Array(pts.count);
  const singular = new Uint8Array(pts.count);
  let singularCount = 0;
  for (let p = 0; p < pts.count; p++) {
    propagate(net, pts.data, 2 * p, ws, false);
    let g11 = 0;
    let g12 = 0;
    let g22 = 0;
    for (let j = 0; j < n; j++) {
      const d1 = ws.d1[j] as number;
      c[j] = s2 * d1 * d1;
      e[j] = s2 * d1 * (ws.d2[j] as number);
      const a = W[2 * j] as number;
      const b = W[2 * j + 1] as number;
      g11 += (c[j] as number) * a * a;
      g12 += (c[j] as number) * a * b;
      g22 += (c[j] as number) * b * b;
    }
    let det = 0;
    for (let j = 0; j < n; j++) {
      let t = 0;
      for (let k = j + 1; k < n; k++) t += (c[k] as number) * (m[j * n + k] as number) ** 2;
      det += (c[j] as number) * t; // 1/2 of the symmetric double sum (diagonal m_jj = 0)
    }
    detG[p] = det;
    const scale = (g11 + g22) ** 2;
    if (!(det > rtol * scale)) {
      values[p] = NaN;
      singular[p] = 1;
      singularCount++;
      continue;
    }
    // sum_{j,l} e_j e_l m_jl^2 (w_j^T adj(g) w_l), adj(g) = [[g22, -g12], [-g12, g11]].
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const ej = e[j] as number;
      if (ej === 0) continue;
      const aj = W[2 * j] as number;
      const bj = W[2 * j + 1] as number;
      const u1 = g22 * aj - g12 * bj;
      const u2 = -g12 * aj + g11 * bj;
      let t = 0;
      for (let l = j + 1; l < n; l++) {
        const mm = m[j * n + l] as number;
        t += (e[l] as number) * mm * mm * (u1 * (W[2 * l] as number) + u2 * (W[2 * l + 1] as number));
      }
      sum += 2 * ej * t; // off-diagonal pairs twice; m_jj = 0
    }
    values[p] = -sum / (det * det);
  }
  return { values, detG, singular, singularCount };
}

/** A 2-D metric field: x -> the 2 x 2 metric at x, row-major [g11, g12, g21, g22]. */
export type MetricFunction = (x: Float64Array) => ArrayLike<number>;

export interface BrioschiOptions {
  /** Finite-difference step, scaled by max(1, |x_mu|). Default 2e-3. */
  readonly step?: number;
}

function metricAt(field: Mlp | MetricFunction, x: Float64Array): [number, number, number] {
  let g: ArrayLike<number>;
  if (typeof field === 'function') {
    g = field(x);
    if (g === null || typeof g !== 'object' || g.length !== 4) {
      throw new GeoError('BAD_SHAPE', 'the metric function must return 4 entries [g11, g12, g21, g22]', { argument: 'metric', expected: 4, actual: g?.length });
    }
    assertFinite(g, 'metric(x)');
  } else g = mlpPullbackMetric(field, x).data;
  return [g[0] as number, 0.5 * ((g[1] as number) + (g[2] as number)), g[3] as number];
}

/**
 * The Ricci scalar R = 2K of any 2-D metric field by the Brioschi formula, which needs only
 * E = g11, F = g12, G = g22 and their first and second derivatives (taken here by
 * fourth-order central differences of the metric):
 *   K (EG - F^2)^2 = det [[-E_vv/2 + F_uv - G_uu/2, E_u/2, F_u - E_v/2],
 *                         [F_v - G_u/2, E, F], [G_v/2, F, G]]
 *                  - det [[0, E_v/2, G_u/2], [E_v/2, E, F], [G_u/2, F, G]].
 * The generic route: `field` is an Mlp (its exact metric) or any function returning the
 * metric at a point. Accuracy about 1e-8 relative for metrics that vary on unit scales.
 *
 * @example
 * // the round sphere in stereographic coordinates: R = 2 everywhere
 * const sphere = (x) => { const f = 4 / (1 + x[0] ** 2 + x[1] ** 2) ** 2; return [f, 0, 0, f]; };
 * brioschiRicciScalar(sphere, [[0.3, -0.2]]).values // ~ [2]
 */
export function brioschiRicciScalar(field: Mlp | MetricFunction, x: PointsInput, options: BrioschiOptions = {}): CurvatureResult {
  if (typeof field !== 'function') {
    assertMlp(field, 'metric');
    if (field.inputDim !== 2) {
      throw new GeoError('UNSUPPORTED', `the Brioschi formula is for 2-D inputs, got inputDim ${field.inputDim}`, { argument: 'metric', expected: 2, actual: field.inputDim });
    }
  }
  const step = options.step ?? 2e-3;
  assertPositive(step, 'options.step');
  const pts = toPoints(x, 2, 'x');
  const values = new Float64Array(pts.count);
  const singular = new Uint8Array(pts.count);
  let singularCount = 0;
  const probe = new Float64Array(2);
  const C1 = [1 / 12, -8 / 12, 0, 8 / 12, -1 / 12];
  const C2 = [-1 / 12, 16 / 12, -30 / 12, 16 / 12, -1 / 12];
  for (let p = 0; p < pts.count; p++) {
    const u0 = pts.data[2 * p] as number;
    const v0 = pts.data[2 * p + 1] as number;
    const hu = step * Math.max(1, Math.abs(u0));
    const hv = step * Math.max(1, Math.abs(v0));
    const at = (i: number, j: number): [number, number, number] => {
      probe[0] = u0 + i * hu;
      probe[1] = v0 + j * hv;
      return metricAt(field, probe);
    };
    const [E, F, G] = at(0, 0);
    let Eu = 0, Ev = 0, Fu = 0, Fv = 0, Gu = 0, Gv = 0, Evv = 0, Guu = 0, Fuv = 0;
    for (let k = -2; k <= 2; k++) {
      const c1 = C1[k + 2] as number;
      const c2 = C2[k + 2] as number;
      const [eu, fu, gu] = k === 0 ? [E, F, G] : at(k, 0);
      const [ev, fv, gv] = k === 0 ? [E, F, G] : at(0, k);
      Eu += c1 * eu;
      Fu += c1 * fu;
      Gu += c1 * gu;
      Guu += c2 * gu;
      Ev += c1 * ev;
      Fv += c1 * fv;
      Gv += c1 * gv;
      Evv += c2 * ev;
      if (c1 !== 0) {
        for (let q = -2; q <= 2; q++) {
          const cq = C1[q + 2] as number;
          if (cq !== 0) Fuv += c1 * cq * (at(k, q)[1] as number);
        }
      }
    }
    Eu /= hu; Fu /= hu; Gu /= hu; Guu /= hu * hu;
    Ev /= hv; Fv /= hv; Gv /= hv; Evv /= hv * hv;
    Fuv /= hu * hv;
    const det = E * G - F * F;
    if (!(det > 16 * EPS * (E + G) ** 2)) {
      values[p] = NaN;
      singular[p] = 1;
      singularCount++;
      continue;
    }
    const a11 = -0.5 * Evv + Fuv - 0.5 * Guu;
    const detA = det3(a11, 0.5 * Eu, Fu - 0.5 * Ev, Fv - 0.5 * Gu, E, F, 0.5 * Gv, F, G);
    const detB = det3(0, 0.5 * Ev, 0.5 * Gu, 0.5 * Ev, E, F, 0.5 * Gu, F, G);
    values[p] = (2 * (detA - detB)) / (det * det);
  }
  return { values, singular, singularCount };
}

function det3(a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number, i: number): number {
  return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
}
