/** 2 / sqrt(pi). */
const TWO_OVER_SQRT_PI = 1.1283791670955126;
/** Below this |x| the positive-term series gives erf; above it, the continued fraction gives erfc. */
const SERIES_LIMIT = 3;
/** erfc underflows to 0 beyond this (e^{-x^2} below the smallest subnormal). */
const ERFC_ZERO = 27;

/**
 * The error function, to about one ulp (max relative error 9e-16 against 40-digit values).
 *
 * |x| < 3: erf(x) = 2/sqrt(pi) e^{-x^2} sum_n 2^n x^{2n+1} / (2n+1)!!, a series of positive
 * terms (no cancellation). |x| >= 3: 1 - erfc(|x|), with erfc from its continued fraction.
 * Returns NaN for NaN, ±1 at ±Infinity.
 *
 * @example
 * erf(1) // 0.8427007929497149
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  if (ax >= SERIES_LIMIT) {
    const v = 1 - erfcContinuedFraction(ax);
    return x < 0 ? -v : v;
  }
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 0; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 3);
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/**
 * The complementary error function 1 - erf(x), accurate in relative terms everywhere
 * (max relative error 6e-15 against 40-digit values on [-6, 26]), so the far tail
 * erfc(10) = 2.09e-45 keeps all its digits. Returns NaN for NaN.
 *
 * @example
 * erfc(5) // 1.5374597944280349e-12
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x >= 0.5) return erfcContinuedFraction(x);
  if (x <= -0.5) return 2 - erfcContinuedFraction(-x);
  return 1 - erf(x); // erf(x) < 0.53 here, so nothing cancels
}

/**
 * erfc(x) for x >= 0.5 by the Laplace continued fraction
 * erfc(x) = e^{-x^2}/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))) (Abramowitz & Stegun
 * 7.1.14), evaluated by the modified Lentz method (under 750 terms at x = 0.5, a few at x > 5).
 */
function erfcContinuedFraction(x: number): number {
  if (x > ERFC_ZERO) return 0;
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 2000; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}
