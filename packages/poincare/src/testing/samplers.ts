// Seeded samplers of points and tangent vectors of the Poincaré ball, for contracts and tests.
import type { Rng } from '@geo/core';

/**
 * Samplers for `manifoldContract` on a ball of curvature -c: points with relative radius up to
 * `maxFrac` (directions Gaussian, radii uniform in sqrt(c)|x|), tangent vectors of Riemannian
 * norm up to `maxSpeed`, and invalid points outside the ball.
 *
 * @example
 * manifoldContract(new PoincareBall(2), { ...ballSampler(2) })
 */
export function ballSampler(c: number, maxFrac = 0.95, maxSpeed = 3) {
  const direction = (rng: Rng, d: number): Float64Array => {
    const u = rng.fillNormal(new Float64Array(d));
    let n = 0;
    for (const v of u) n += v * v;
    n = Math.sqrt(n);
    if (n === 0) u[0] = n = 1;
    return u.map((v) => v / n);
  };
  return {
    samplePoint: (rng: Rng, d: number): Float64Array => {
      const r = (rng.uniform() * maxFrac) / Math.sqrt(c);
      return direction(rng, d).map((v) => v * r);
    },
    sampleTangent: (rng: Rng, x: Float64Array): Float64Array => {
      let s = 0;
      for (const v of x) s += v * v;
      const lambda = 2 / (1 - c * s);
      const speed = rng.uniform() * maxSpeed;
      return direction(rng, x.length).map((v) => (v * speed) / lambda);
    },
    sampleInvalid: (rng: Rng, d: number): Float64Array => {
      const r = (1 + rng.uniform()) / Math.sqrt(c);
      return direction(rng, d).map((v) => v * r);
    },
  };
}
