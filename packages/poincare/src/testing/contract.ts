// The manifold contract: checks every `Manifold` must pass (geoopt runs the same on each manifold).
import { createRng, type Rng } from '@geo/core';
import type { Manifold } from '../manifold.js';

/** How to draw test data for a manifold, and how strict to be. */
export interface ContractOptions {
  /** Ambient dimensions to test (default [1, 2, 5]). */
  readonly dims?: readonly number[];
  /** Draws per check and dimension (default 25). */
  readonly samples?: number;
  /** Seed of every draw (default 1): a failure names the seed and the draw. */
  readonly seed?: number;
  /** A valid point of ambient dimension d. */
  readonly samplePoint: (rng: Rng, d: number) => Float64Array;
  /** A tangent vector at x, small enough that exp_x stays well-conditioned. */
  readonly sampleTangent: (rng: Rng, x: Float64Array) => Float64Array;
  /** An ambient vector that is not a valid point (for `check`), if the manifold has any. */
  readonly sampleInvalid?: (rng: Rng, d: number) => Float64Array;
  /** Relative tolerance of the identities (default 1e-9). */
  readonly rtol?: number;
  /** Absolute tolerance of the identities (default 1e-12). */
  readonly atol?: number;
}

/** One named check; `run` throws an Error that says what failed, with the seed and draw. */
export interface ContractCheck {
  readonly name: string;
  readonly run: () => void;
}

function nrm(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) ** 2;
  return Math.sqrt(s);
}

function diff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] as number) - (b[i] as number)) ** 2;
  return Math.sqrt(s);
}

/**
 * The contract suite for a `Manifold`: projections are idempotent and valid, exp and log are
 * inverse, geodesics have the speed of their velocity (dist(x, exp_x v) = |v|_x = |log_x y|_x),
 * the distance is a metric, transport preserves the inner product and is undone by the reverse
 * transport, egrad2rgrad represents the Euclidean gradient through the metric, and `check`
 * accepts valid points and rejects invalid ones. Run each check from any test runner.
 *
 * @example
 * for (const k of manifoldContract(new PoincareBall(1), { samplePoint, sampleTangent })) it(k.name, k.run);
 */
export function manifoldContract(manifold: Manifold, options: ContractOptions): ContractCheck[] {
  const { dims = [1, 2, 5], samples = 25, seed = 1, rtol = 1e-9, atol = 1e-12 } = options;
  const close = (got: number, want: number): boolean => Math.abs(got - want) <= atol + rtol * Math.abs(want);
  const closeV = (got: ArrayLike<number>, want: ArrayLike<number>): boolean => diff(got, want) <= atol + rtol * nrm(want);

  const check = (name: string, body: (rng: Rng, d: number, fail: (what: string) => never) => void): ContractCheck => ({
    name: `${manifold.name}: ${name}`,
    run: () => {
      for (const d of dims) {
        const root = createRng(seed).derive(name, d);
        for (let k = 0; k < samples; k++) {
          const rng = root.derive(k);
          body(rng, d, (what) => {
            throw new Error(`${manifold.name}: ${name} failed (seed ${seed}, d ${d}, draw ${k}): ${what}`);
          });
        }
      }
    },
  });

  const checks: ContractCheck[] = [
    check('projx returns valid points and is idempotent; proju is idempotent', (rng, d, fail) => {
      const x = options.samplePoint(rng, d);
      const px = manifold.projx(x);
      if (!manifold.check(px).ok) fail('projx(x) is not a valid point');
      if (!closeV(px, x)) fail('projx moved a valid point');
      if (!closeV(manifold.projx(px), px)) fail('projx is not idempotent');
      const u = options.sampleTangent(rng, x);
      const pu = manifold.proju(x, u);
      if (!closeV(manifold.proju(x, pu), pu)) fail('proju is not idempotent');
    }),
    check('exp_x(0) = x and log_x(x) = 0', (rng, d, fail) => {
      const x = options.samplePoint(rng, d);
      if (!closeV(manifold.exp(x, new Float64Array(d)), x)) fail('exp_x(0) != x');
      if (nrm(manifold.log(x, x)) > atol) fail('log_x(x) != 0');
    }),
    check('exp and log are inverse', (rng, d, fail) => {
      const x = options.samplePoint(rng, d);
      const y = options.samplePoint(rng, d);
      if (!closeV(manifold.exp(x, manifold.log(x, y)), y)) fail('exp_x(log_x(y)) != y');
      const v = manifold.proju(x, options.sampleTangent(rng, x));
      if (!closeV(manifold.log(x, manifold.exp(x, v)), v)) fail('log_x(exp_x(v)) != v');
    }),
    check('geodesics have the speed of their velocity: dist(x, exp_x v) = |v|_x, dist(x, y) = |log_x y|_x', (rng, d, fail) => {
      const x = options.samplePoint(rng, d);
      const v = manifold.proju(x, options.sampleTangent(rng, x));
      const speed = manifold.norm(x, v);
      if (!close(speed, Math.sqrt(manifold.inner(x, v, v)))) fail('norm(x, v) != sqrt(inner(x, v, v))');
      if (!close(manifold.dist(x, manifold.exp(x, v)), speed)) fail(`dist(x, exp_x v) = ${manifold.dist(x, manifold.exp(x, v))} != |v|_x = ${speed}`);
      const y = options.samplePoint(rng, d);
      if (!close(manifold.norm(x, manifold.log(x, y)), manifold.dist(x, y))) fail('|log_x y|_x != dist(x, y)');
    }),
    check('dist is a metric: zero on the diagonal, symmetric, triangle inequality', (rng, d, fail) => {
      const x = options.samplePoint(rng, d);
      const y = options.samplePoint(rng, d);
      const z = options.samplePoint(rng, d);
      if (Math.abs(manifold.dist(x, x)) > atol) fail('dist(x, x) != 0');
      if (!close(manifold.dist(x, y), manifold.dist(y, x))) fail('dist is not symmetric');
      if (manifold.dist(x, z) > manifold.dist(x, y) + manifold.dist(y, z) + atol + rtol * manifold.dist(x, z)) fail('triangle inequality');
    }),
    check('transport preserves the inner product, is undone by the reverse transport, and is the identity from x to x', (rng, d, fail) => {
      const x = options.samplePoint(rng, d);
      const y = options.samplePoint(rng, d);
      const u = manifold.proju(x, options.sampleTangent(rng, x));
      const v = manifold.proju(x, options.sampleTangent(rng, x));
      const pu = manifold.transp(x, y, u);
      const pv = manifold.transp(x, y, v);
      const scale = manifold.norm(x, u) * manifold.norm(x, v);
      if (Math.abs(manifold.inner(y, pu, pv) - manifold.inner(x, u, v)) > atol + rtol * scale) fail('inner product not preserved');
      if (!closeV(manifold.transp(y, x, pu), u)) fail('reverse transport does not undo transport');
      if (!closeV(manifold.transp(x, x, u), u)) fail('transp(x, x, u) != u');
    }),
    check('egrad2rgrad represents the Euclidean gradient: inner(x, rgrad, w) = <egrad, w>', (rng, d, fail) => {
      const x = options.samplePoint(rng, d);
      const g = options.sampleTangent(rng, x);
      const w = manifold.proju(x, options.sampleTangent(rng, x));
      let e = 0;
      for (let i = 0; i < d; i++) e += (g[i] as number) * (w[i] as number);
      const r = manifold.egrad2rgrad(x, manifold.proju(x, g));
      if (!close(manifold.inner(x, r, w), e)) fail(`inner(x, rgrad, w) = ${manifold.inner(x, r, w)} != <egrad, w> = ${e}`);
    }),
    check('check accepts valid points and rejects invalid ones', (rng, d, fail) => {
      const x = options.samplePoint(rng, d);
      if (!manifold.check(x).ok) fail('a sampled point was rejected');
      if (options.sampleInvalid !== undefined) {
        const bad = options.sampleInvalid(rng, d);
        if (manifold.check(bad).ok) fail('an invalid point was accepted');
      }
    }),
  ];
  return checks;
}
