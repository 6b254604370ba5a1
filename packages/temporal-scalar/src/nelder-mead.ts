/** Result of `nelderMead`. */
export interface NelderMeadResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Minimises f over R^n by the Nelder-Mead simplex (standard coefficients 1, 2, 1/2, 1/2),
 * from `x0` with initial steps `step`. Stops when the simplex's value spread is below
 * `ftol` (relative) and its size below `xtol`, or after `maxIter` iterations.
 */
export function nelderMead(
  f: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  step: ArrayLike<number>,
  options: { readonly maxIter?: number; readonly ftol?: number; readonly xtol?: number } = {},
): NelderMeadResult {
  const n = x0.length;
  const maxIter = options.maxIter ?? 2000;
  const ftol = options.ftol ?? 1e-12;
  const xtol = options.xtol ?? 1e-10;
  const pts: Float64Array[] = [];
  const vals: number[] = [];
  const evalAt = (x: Float64Array): number => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  for (let i = 0; i <= n; i++) {
    const p = Float64Array.from(x0);
    if (i > 0) p[i - 1] = (p[i - 1] as number) + (step[i - 1] as number);
    pts.push(p);
    vals.push(evalAt(p));
  }
  const centroid = new Float64Array(n);
  const trial = (base: Float64Array, dir: Float64Array, t: number): Float64Array => {
    const r = new Float64Array(n);
    for (let k = 0; k < n; k++) r[k] = (base[k] as number) + t * ((dir[k] as number) - (base[k] as number));
    return r;
  };
  let it = 0;
  let converged = false;
  for (; it < maxIter; it++) {
    const order = vals.map((_, i) => i).sort((a, b) => (vals[a] as number) - (vals[b] as number));
    const sortedPts = order.map((i) => pts[i] as Float64Array);
    const sortedVals = order.map((i) => vals[i] as number);
    for (let i = 0; i <= n; i++) {
      pts[i] = sortedPts[i] as Float64Array;
      vals[i] = sortedVals[i] as number;
    }
    const best = vals[0] as number;
    const worst = vals[n] as number;
    let size = 0;
    for (let i = 1; i <= n; i++) for (let k = 0; k < n; k++) size = Math.max(size, Math.abs(((pts[i] as Float64Array)[k] as number) - ((pts[0] as Float64Array)[k] as number)));
    if (Math.abs(worst - best) <= ftol * (Math.abs(best) + 1e-300) && size <= xtol) {
      converged = true;
      break;
    }
    centroid.fill(0);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) centroid[k] = (centroid[k] as number) + ((pts[i] as Float64Array)[k] as number) / n;
    const worstPt = pts[n] as Float64Array;
    const xr = trial(centroid, worstPt, -1);
    const fr = evalAt(xr);
    if (fr < best) {
      const xe = trial(centroid, worstPt, -2);
      const fe = evalAt(xe);
      if (fe < fr) {
        pts[n] = xe;
        vals[n] = fe;
      } else {
        pts[n] = xr;
        vals[n] = fr;
      }
      continue;
    }
    if (fr < (vals[n - 1] as number)) {
      pts[n] = xr;
      vals[n] = fr;
      continue;
    }
    const outside = fr < worst;
    const xc = outside ? trial(centroid, worstPt, -0.5) : trial(centroid, worstPt, 0.5);
    const fc = evalAt(xc);
    if (fc < (outside ? fr : worst)) {
      pts[n] = xc;
      vals[n] = fc;
      continue;
    }
    // Shrink towards the best point.
    for (let i = 1; i <= n; i++) {
      pts[i] = trial(pts[0] as Float64Array, pts[i] as Float64Array, 0.5);
      vals[i] = evalAt(pts[i] as Float64Array);
    }
  }
  let bi = 0;
  for (let i = 1; i <= n; i++) if ((vals[i] as number) < (vals[bi] as number)) bi = i;
  return { x: pts[bi] as Float64Array, value: vals[bi] as number, iterations: it, converged };
}
