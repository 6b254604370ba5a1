/** 2 / sqrt(pi). */
const TWO_OVER_SQRT_PI = 1.1283791670955126;
const SERIES_LIMIT = 3;

/**
 * The error function in float64, to a few ulps.
 *
 * |x| < 3: the series erf(x) = 2/sqrt(pi) e^{-x^2} sum_n 2^n x^{2n+1} / (2n+1)!!, whose
 * terms are all positive (no cancellation). |x| >= 3: 1 - erfc(x) with erfc from its
 * continued fraction (Abramowitz & Stegun 7.1.14), evaluated by the modified Lentz method.
 *
 * @example
 * erf(1) // 0.8427007929497149
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax >= SERIES_LIMIT) {
    const v = 1 - erfcLarge(ax);
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
 * The complementary error function 1 - erf(x), accurate in relative terms for large x
 * (where 1 - erf(x) would lose every digit).
 *
 * @example
 * erfc(5) // 1.5374597944280349e-12
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= SERIES_LIMIT) return erfcLarge(x);
  if (x <= -SERIES_LIMIT) return 2 - erfcLarge(-x);
  return 1 - erf(x);
}

/** erfc(x) for x >= 3: e^{-x^2}/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))). */
function erfcLarge(x: number): number {
  if (x > 27) return 0; // below the smallest subnormal
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
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
  return (Math.exp(-x * x) / Math.sqrt(Math.PI)) / f;
}
