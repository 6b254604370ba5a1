// fast-check generators for the ball: curvatures, points at chosen depths, tangent vectors.
import fc from 'fast-check';

/** Curvature magnitudes from 0.05 to 5, plus exactly 1. */
export const curvature = (): fc.Arbitrary<number> => fc.oneof(fc.constant(1), fc.double({ min: 0.05, max: 5, noNaN: true }));

function unitDirection(d: number): fc.Arbitrary<number[]> {
  return fc
    .array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: d, maxLength: d })
    .filter((v) => v.some((x) => Math.abs(x) > 1e-3))
    .map((v) => {
      const n = Math.hypot(...v);
      return v.map((x) => x / n);
    });
}

/**
 * A point of the ball of curvature -c at relative radius sqrt(c)|x| in [0, maxFrac]: radii
 * are drawn both uniformly and log-close to the edge (1 - 10^-k) so deep points are common.
 */
export function point(d: number, c: number, maxFrac = 0.95): fc.Arbitrary<Float64Array> {
  const frac = fc.oneof(
    fc.double({ min: 0, max: maxFrac, noNaN: true }),
    fc.double({ min: 0.5, max: Math.min(6, -Math.log10(1 - maxFrac)), noNaN: true }).map((k) => Math.min(1 - 10 ** -k, maxFrac)),
  );
  return fc.tuple(unitDirection(d), frac).map(([u, f]) => Float64Array.from(u, (x) => (x * f) / Math.sqrt(c)));
}

/**
 * A tangent vector with Euclidean norm 0, uniform in [0, maxNorm], or log-uniform down to 1e-100
 * (subnormal vectors are left to the reference cases: identities cannot hold below an ulp of x).
 */
export function tangent(d: number, maxNorm = 1): fc.Arbitrary<Float64Array> {
  const r = fc.oneof(
    fc.constant(0),
    fc.double({ min: 0, max: maxNorm, noNaN: true }),
    fc.double({ min: -100, max: Math.log10(maxNorm), noNaN: true }).map((k) => 10 ** k),
  );
  return fc.tuple(unitDirection(d), r).map(([u, n]) => Float64Array.from(u, (x) => x * n));
}

/** Dimension 1..6 with a curvature: the frame most properties draw points in. */
export const frame = (): fc.Arbitrary<{ d: number; c: number }> => fc.record({ d: fc.integer({ min: 1, max: 6 }), c: curvature() });

/** Normwise |a - b| / max(|b|, floor). */
export function relDiff(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < b.length; i++) {
    s += ((a[i] as number) - (b[i] as number)) ** 2;
    n += (b[i] as number) ** 2;
  }
  return Math.sqrt(s) / Math.max(Math.sqrt(n), floor);
}

/** Scalar relative difference with a floor. */
export function relDiffScalar(a: number, b: number, floor = 1): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), floor);
}
