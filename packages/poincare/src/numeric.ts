// Internal numerics shared by every operation: accurate gaps to the boundary, overflow- and
// underflow-safe norms, compensated dot products, and the removable singularities
// tanh(t)/t, artanh(z)/z, asinh(t)/t. Nothing here validates; callers do.

/** Smallest distance of a result to the boundary, relative to the radius: results are kept at sqrt(c)|x| <= 1 - BOUNDARY_EPS. */
export const BOUNDARY_EPS = 1e-15;
const MAX_SCALED_RADIUS = 1 - BOUNDARY_EPS;
const MAX_SCALED_RADIUS2 = MAX_SCALED_RADIUS * MAX_SCALED_RADIUS;
/** Kernels that track c|out|^2 while writing call `clampRow` only above this (a safe underestimate of the clamp radius). */
export const CLAMP_BELOW = 0.999;

// Dekker's splitter for 53-bit doubles (2^27 + 1).
const SPLIT = 134217729;
// Below/above these sums of squares, entries may have lost bits to underflow or may overflow.
const SUMSQ_LOW = 1e-280;
const SUMSQ_HIGH = 1e280;

/** Error of the floating-point product p = fl(a*b): a*b = p + twoProdErr(a, b, p) exactly. */
export function twoProdErr(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/** Plain sum of squares of x[o..o+d). */
export function sumsq(x: ArrayLike<number>, o: number, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) {
    const v = x[o + i] as number;
    s += v * v;
  }
  return s;
}

/**
 * 1 - c|x|^2, accurate to a few ulps of itself even when it is 1e-15: the sum of squares and
 * its product with c are formed in double-double when c|x|^2 > 1/2, where cancellation starts.
 * NaN if x holds a NaN.
 */
export function gapAt(x: ArrayLike<number>, o: number, d: number, c: number): number {
  const t = c * sumsq(x, o, d);
  // Plain 1 - t is within d * eps of itself while t <= 1/2; past that, cancellation grows as 1/gap.
  if (!(t > 0.5)) return 1 - t;
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < d; i++) {
    const v = x[o + i] as number;
    const p = v * v;
    // exact error of v*v (Dekker: split v once)
    const sp = SPLIT * v;
    const vh = sp - (sp - v);
    const vl = v - vh;
    const e = ((vh * vh - p) + 2 * vh * vl) + vl * vl;
    // two-sum of (hi, p), accumulate the errors in lo
    const s = hi + p;
    const bb = s - hi;
    lo += (hi - (s - bb)) + (p - bb) + e;
    hi = s;
  }
  const ph = c * hi;
  const pl = twoProdErr(c, hi, ph) + c * lo;
  return (1 - ph) - pl;
}

/** 1 - c|x|^2 for a single array from index 0. */
export function gap(x: ArrayLike<number>, c: number): number {
  return gapAt(x, 0, x.length, c);
}

/** Euclidean norm of x[o..o+d) without spurious underflow or overflow (NaN if x holds a NaN). */
export function normAt(x: ArrayLike<number>, o: number, d: number): number {
  const s = sumsq(x, o, d);
  if (s > SUMSQ_LOW && s < SUMSQ_HIGH) return Math.sqrt(s);
  let m = 0;
  for (let i = 0; i < d; i++) m = Math.max(m, Math.abs(x[o + i] as number));
  if (m === 0 || !Number.isFinite(m)) return m;
  return scaledNorm(x, o, d, m);
}

function scaledNorm(x: ArrayLike<number>, o: number, d: number, m: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) {
    const v = (x[o + i] as number) / m;
    s += v * v;
  }
  return m * Math.sqrt(s);
}

/** Norm of (a - b) over rows at offsets ao, bo, without underflow or overflow. */
export function diffNormAt(a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) {
    const v = (a[ao + i] as number) - (b[bo + i] as number);
    s += v * v;
  }
  if (s > SUMSQ_LOW && s < SUMSQ_HIGH) return Math.sqrt(s);
  // rare: rescale by the largest difference against underflow / overflow
  let m = 0;
  for (let i = 0; i < d; i++) m = Math.max(m, Math.abs((a[ao + i] as number) - (b[bo + i] as number)));
  if (m === 0 || !Number.isFinite(m)) return m;
  s = 0;
  for (let i = 0; i < d; i++) {
    const v = ((a[ao + i] as number) - (b[bo + i] as number)) / m;
    s += v * v;
  }
  return m * Math.sqrt(s);
}

/**
 * Compensated dot product (Ogita, Rump & Oishi 2005, Dot2): as accurate as if computed in
 * twice the working precision, then rounded. Used where a dot product is a result.
 */
export function dot2At(u: ArrayLike<number>, uo: number, v: ArrayLike<number>, vo: number, d: number): number {
  let s = 0;
  let e = 0;
  for (let i = 0; i < d; i++) {
    const a = u[uo + i] as number;
    const b = v[vo + i] as number;
    const p = a * b;
    const pe = twoProdErr(a, b, p);
    const t = s + p;
    const z = t - s;
    e += (s - (t - z)) + (p - z) + pe;
    s = t;
  }
  const r = s + e;
  // On overflow the error terms are NaN (Infinity - Infinity): the plain sum is the right +-Infinity.
  return Number.isFinite(r) ? r : dotAt(u, uo, v, vo, d);
}

/** Plain dot product. */
export function dotAt(u: ArrayLike<number>, uo: number, v: ArrayLike<number>, vo: number, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) s += (u[uo + i] as number) * (v[vo + i] as number);
  return s;
}

/** tanh(t)/t, with its limit 1 at t = 0 (Taylor series below 1e-4: error below 1e-17). */
export function tanhc(t: number): number {
  const a = Math.abs(t);
  if (a < 1e-4) {
    const t2 = t * t;
    return 1 - t2 / 3 + (2 * t2 * t2) / 15;
  }
  if (a > 20) return 1 / a; // tanh(t) == 1 in float64 past 19.06
  return Math.tanh(a) / a;
}

/** asinh(t)/t, with its limit 1 at t = 0. */
export function asinhc(t: number): number {
  const a = Math.abs(t);
  if (a < 1e-4) {
    const t2 = t * t;
    return 1 - t2 / 6 + (3 * t2 * t2) / 40;
  }
  return Math.asinh(a) / a;
}

/**
 * artanh(z) for 0 <= z < 1 given g = 1 - z^2 accurately: ln(1+z) - ln(g)/2 has no
 * cancellation, while Math.atanh(z) near 1 inherits the rounding of z itself.
 */
export function atanhFromGap(z: number, g: number): number {
  if (z < 0.5) return Math.atanh(z);
  return Math.log1p(z) - 0.5 * Math.log(g);
}

/** artanh(z)/z for 0 <= z < 1, given g = 1 - z^2 accurately. */
export function atanhcFromGap(z: number, g: number): number {
  if (z < 1e-4) {
    const z2 = z * z;
    return 1 + z2 / 3 + (z2 * z2) / 5;
  }
  return atanhFromGap(z, g) / z;
}

/**
 * Keeps a computed point strictly inside the ball: if sqrt(c)|x| exceeds 1 - BOUNDARY_EPS
 * (a result that rounded onto or past the boundary) it is scaled back to that radius.
 */
export function clampRow(out: Float64Array, o: number, d: number, c: number): boolean {
  const s = sumsq(out, o, d);
  if (!(c * s > MAX_SCALED_RADIUS2)) return false;
  const r = Math.sqrt(c) * normAt(out, o, d);
  const f = MAX_SCALED_RADIUS / r;
  for (let i = 0; i < d; i++) out[o + i] = (out[o + i] as number) * f;
  return true;
}

/**
 * 1 - c|x + u|^2 with x + u formed exactly (two-sum per entry) and squared in double-double:
 * the gap of a point that is only known as a sum, accurate even next to the boundary.
 */
export function gapOfSum(x: ArrayLike<number>, xo: number, u: ArrayLike<number>, uo: number, d: number, c: number): number {
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < d; i++) {
    const a = x[xo + i] as number;
    const b = u[uo + i] as number;
    const s = a + b;
    const bv = s - a;
    const e = (a - (s - bv)) + (b - bv);
    // (s + e)^2 = s^2 + 2se + e^2; e^2 is below double-double precision
    const p = s * s;
    const pe = twoProdErr(s, s, p) + 2 * s * e;
    const t = hi + p;
    const z = t - hi;
    lo += (hi - (t - z)) + (p - z) + pe;
    hi = t;
  }
  const ph = c * hi;
  const pl = twoProdErr(c, hi, ph) + c * lo;
  return (1 - ph) - pl;
}
