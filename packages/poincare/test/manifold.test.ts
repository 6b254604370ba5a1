// The PoincareBall object passes the manifold contract; the contract itself can fail.
import { describe, expect, it } from 'vitest';
import { PoincareBall, type CheckResult, type Manifold } from '../src/index.js';
import { ballSampler, manifoldContract } from '../src/testing/index.js';

/** Flat R^d: the simplest manifold, to show the contract is not Poincaré-specific. */
class Euclidean implements Manifold {
  readonly name = 'Euclidean';
  exp = (x: ArrayLike<number>, v: ArrayLike<number>) => Float64Array.from(x, (a, i) => a + (v[i] as number));
  log = (x: ArrayLike<number>, y: ArrayLike<number>) => Float64Array.from(y, (a, i) => a - (x[i] as number));
  dist = (x: ArrayLike<number>, y: ArrayLike<number>) => Math.hypot(...Array.from(x, (a, i) => a - (y[i] as number)));
  inner = (_x: ArrayLike<number>, u: ArrayLike<number>, v: ArrayLike<number>) => Array.from(u).reduce((s, a, i) => s + a * (v[i] as number), 0);
  norm = (x: ArrayLike<number>, v: ArrayLike<number>) => Math.sqrt(this.inner(x, v, v));
  transp = (_x: ArrayLike<number>, _y: ArrayLike<number>, v: ArrayLike<number>) => Float64Array.from(v);
  projx = (x: ArrayLike<number>) => Float64Array.from(x);
  proju = (_x: ArrayLike<number>, u: ArrayLike<number>) => Float64Array.from(u);
  egrad2rgrad = (_x: ArrayLike<number>, g: ArrayLike<number>) => Float64Array.from(g);
  retr = (x: ArrayLike<number>, u: ArrayLike<number>) => this.exp(x, u);
  check = (): CheckResult => ({ ok: true });
}

/** The ball with the textbook mistake of transporting vectors unchanged. */
class NoTransportBall extends PoincareBall {
  override transp(_x: ArrayLike<number>, _y: ArrayLike<number>, v: ArrayLike<number>): Float64Array {
    return Float64Array.from(v);
  }
}

/** The ball whose Riemannian gradient forgets the conformal factor. */
class EuclideanGradientBall extends PoincareBall {
  override egrad2rgrad(_x: ArrayLike<number>, g: ArrayLike<number>): Float64Array {
    return Float64Array.from(g);
  }
}

describe('manifold contract', () => {
  for (const c of [0.1, 1, 5]) {
    describe(`PoincareBall(c = ${c})`, () => {
      for (const k of manifoldContract(new PoincareBall(c), ballSampler(c))) it(k.name, k.run);
    });
  }

  describe('Euclidean (a second manifold)', () => {
    for (const k of manifoldContract(new Euclidean(), { samplePoint: (rng, d) => rng.fillNormal(new Float64Array(d)), sampleTangent: (rng, x) => rng.fillNormal(new Float64Array(x.length)) })) {
      it(k.name, k.run);
    }
  });

  it('catches a manifold that does not transport, and one with the wrong Riemannian gradient', () => {
    const run = (m: Manifold, fragment: string): void => {
      const k = manifoldContract(m, ballSampler(1)).find((x) => x.name.includes(fragment));
      expect(k).toBeDefined();
      expect(() => k?.run()).toThrowError(/failed \(seed 1, d \d+, draw \d+\)/);
    };
    run(new NoTransportBall(1), 'transport preserves');
    run(new EuclideanGradientBall(1), 'egrad2rgrad');
  });

  it('PoincareBall exposes its curvature and radius and refuses c <= 0', () => {
    const ball = new PoincareBall(4);
    expect(ball.radius).toBe(0.5);
    expect(ball.check([0.6, 0])).toMatchObject({ ok: false });
    expect(() => new PoincareBall(0)).toThrowError(/c must lie/);
  });
});
