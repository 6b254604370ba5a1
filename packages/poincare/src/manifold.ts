// The manifold interface geo models program against, and the Poincaré ball behind it.
import { GeoError } from '@geo/core';
import { conformalFactor, inner, tangentNorm } from './conformal.js';
import { dist } from './distance.js';
import { expmap, logmap } from './maps.js';
import { project } from './project.js';
import { transp } from './transport.js';
import { checkCurvature, checkPoint, checkVector } from './validate.js';

/** Result of `Manifold.check`: whether x is a valid point, and why not. */
export type CheckResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * A Riemannian manifold embedded in R^d (geoopt's `Manifold`): points and tangent vectors are
 * flat arrays of the ambient dimension. Every implementation must pass `manifoldContract`
 * from `@geo/poincare/testing`.
 */
export interface Manifold {
  readonly name: string;
  /** exp_x(v): follow the geodesic from x with initial velocity v for unit time. */
  exp(x: ArrayLike<number>, v: ArrayLike<number>): Float64Array;
  /** log_x(y): the inverse of exp_x. */
  log(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array;
  /** Geodesic distance. */
  dist(x: ArrayLike<number>, y: ArrayLike<number>): number;
  /** Riemannian inner product of tangent vectors at x. */
  inner(x: ArrayLike<number>, u: ArrayLike<number>, v: ArrayLike<number>): number;
  /** Riemannian norm of a tangent vector at x. */
  norm(x: ArrayLike<number>, v: ArrayLike<number>): number;
  /** Parallel transport of v from T_x to T_y. */
  transp(x: ArrayLike<number>, y: ArrayLike<number>, v: ArrayLike<number>): Float64Array;
  /** Nearest valid point (identity on valid points). */
  projx(x: ArrayLike<number>): Float64Array;
  /** Projection of an ambient vector onto T_x. */
  proju(x: ArrayLike<number>, u: ArrayLike<number>): Float64Array;
  /** Riemannian gradient from the Euclidean one: the u with inner(x, u, w) = <egrad, w> for all w. */
  egrad2rgrad(x: ArrayLike<number>, egrad: ArrayLike<number>): Float64Array;
  /** Retraction used by optimisers (here the exponential map). */
  retr(x: ArrayLike<number>, u: ArrayLike<number>): Float64Array;
  /** Whether x is a valid point. */
  check(x: ArrayLike<number>): CheckResult;
}

/**
 * The Poincaré ball of curvature -c as a `Manifold`: a thin shell over the functional ops
 * (geoopt's `PoincareBall`), each method validating its input like the function it calls.
 *
 * @example
 * const ball = new PoincareBall(1);
 * ball.dist([0, 0], ball.exp([0, 0], [0.5, 0])) // 1 = |v|_0 = 2 * 0.5
 */
export class PoincareBall implements Manifold {
  readonly name = 'PoincareBall';
  readonly c: number;

  constructor(c = 1) {
    checkCurvature(c);
    this.c = c;
  }

  /** Ball radius 1/sqrt(c). */
  get radius(): number {
    return 1 / Math.sqrt(this.c);
  }

  exp(x: ArrayLike<number>, v: ArrayLike<number>): Float64Array {
    return expmap(x, v, this.c);
  }

  log(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
    return logmap(x, y, this.c);
  }

  dist(x: ArrayLike<number>, y: ArrayLike<number>): number {
    return dist(x, y, this.c);
  }

  inner(x: ArrayLike<number>, u: ArrayLike<number>, v: ArrayLike<number>): number {
    return inner(x, u, v, this.c);
  }

  norm(x: ArrayLike<number>, v: ArrayLike<number>): number {
    return tangentNorm(x, v, this.c);
  }

  transp(x: ArrayLike<number>, y: ArrayLike<number>, v: ArrayLike<number>): Float64Array {
    return transp(x, y, v, this.c);
  }

  projx(x: ArrayLike<number>): Float64Array {
    return project(x, this.c);
  }

  /** Every ambient vector is tangent (T_x = R^d): a copy, after validating x. */
  proju(x: ArrayLike<number>, u: ArrayLike<number>): Float64Array {
    checkPoint(x, this.c, 'x');
    checkVector(u, 'u', x.length);
    return Float64Array.from(u);
  }

  /** egrad / lambda_x^2. */
  egrad2rgrad(x: ArrayLike<number>, egrad: ArrayLike<number>): Float64Array {
    const l = conformalFactor(x, this.c);
    checkVector(egrad, 'egrad', x.length);
    const f = 1 / (l * l);
    return Float64Array.from(egrad, (g) => g * f);
  }

  retr(x: ArrayLike<number>, u: ArrayLike<number>): Float64Array {
    return expmap(x, u, this.c);
  }

  check(x: ArrayLike<number>): CheckResult {
    try {
      checkPoint(x, this.c, 'x');
      return { ok: true };
    } catch (e) {
      if (e instanceof GeoError) return { ok: false, reason: e.message };
      throw e;
    }
  }
}
