import { assertInRange } from '@geo/core';

/** B_{2j} / (2j)! for j = 1..10: the Euler-Maclaurin correction coefficients. */
const EM_COEFFS = [
  1 / 12,
  -1 / 720,
  1 / 30240,
  -1 / 1209600,
  1 / 47900160,
  -691 / 1307674368000,
  1 / 74724249600,
  -3617 / 10670622842880000,
  43867 / 5109094217170944000,
  -174611 / 802857662698291200000,
];

/**
 * The Hurwitz zeta function zeta(s, q) = sum_{k >= 0} (q + k)^(-s) for s > 1, q > 0: the
 * normaliser of the discrete power law P(x) = x^(-alpha) / zeta(alpha, x_min). Summed
 * directly up to a shift a = q + N >= max(12, s + 12), then the Euler-Maclaurin tail
 * a^(1-s)/(s-1) + a^(-s)/2 + sum_j B_2j/(2j)! s(s+1)...(s+2j-2) a^(-s-2j+1), which at that
 * shift is below float64 rounding after ten terms.
 *
 * @example
 * hurwitzZeta(2, 1) // 1.6449340668482264 (pi^2 / 6)
 */
export function hurwitzZeta(s: number, q: number): number {
  assertInRange(s, 's', { min: 1, minInclusive: false });
  assertInRange(q, 'q', { min: 0, minInclusive: false });
  const shift = Math.max(12, s + 12);
  const N = Math.max(0, Math.ceil(shift - q));
  // Sum the small terms first (largest k first) for accuracy.
  let direct = 0;
  for (let k = N - 1; k >= 0; k--) direct += Math.pow(q + k, -s);
  const a = q + N;
  const aPowS = Math.pow(a, -s);
  let tail = (a * aPowS) / (s - 1) + aPowS / 2;
  let factor = (s * aPowS) / a; // s a^(-s-1)
  const inv2 = 1 / (a * a);
  for (let j = 0; j < EM_COEFFS.length; j++) {
    const term = (EM_COEFFS[j] as number) * factor;
    tail += term;
    if (Math.abs(term) < 1e-18 * tail) break;
    factor *= (s + 2 * j + 1) * (s + 2 * j + 2) * inv2;
  }
  return direct + tail;
}
