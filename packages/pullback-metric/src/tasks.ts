import { assertInteger, createRng } from '@geo/core';

/** A labelled 2-D data set: points row-major `count x 2`, labels 0/1. */
export interface LabelledPoints {
  readonly points: Float64Array;
  readonly labels: Int32Array;
  readonly count: number;
}

/**
 * The sinusoid task's boundary x2 = 0.6 sin(7 x1 - 1).
 *
 * @example
 * sinusoidBoundary(1 / 7) // 0
 */
export function sinusoidBoundary(x1: number): number {
  return 0.6 * Math.sin(7 * x1 - 1);
}

/**
 * The paper's sinusoid task: x ~ U[-1, 1]^2, label 1 when x2 > 0.6 sin(7 x1 - 1).
 *
 * @example
 * const { points, labels } = sinusoidTask(400, 0);
 */
export function sinusoidTask(count: number, seed: number): LabelledPoints {
  assertInteger(count, 'count', { min: 1 });
  const rng = createRng(seed).derive('sinusoid');
  const points = rng.fillUniform(new Float64Array(2 * count), -1, 1);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) labels[i] = (points[2 * i + 1] as number) > sinusoidBoundary(points[2 * i] as number) ? 1 : 0;
  return { points, labels, count };
}

/**
 * Noisy XOR: equal mixtures of four Gaussians N(mu, 0.15 I) at mu = (+-1, +-1); label 1 when
 * the centre's coordinates have opposite signs.
 *
 * @example
 * const { points, labels } = noisyXorTask(400, 0);
 */
export function noisyXorTask(count: number, seed: number): LabelledPoints {
  assertInteger(count, 'count', { min: 1 });
  const rng = createRng(seed).derive('xor');
  const sd = Math.sqrt(0.15);
  const points = new Float64Array(2 * count);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const k = i % 4; // balanced classes and centres
    const mx = k & 1 ? 1 : -1;
    const my = k & 2 ? 1 : -1;
    points[2 * i] = rng.normal(mx, sd);
    points[2 * i + 1] = rng.normal(my, sd);
    labels[i] = mx * my < 0 ? 1 : 0;
  }
  return { points, labels, count };
}

/**
 * Euclidean distance from (u, v) to the curve x2 = 0.6 sin(7 x1 - 1): a dense scan over
 * x1 within |v - curve(u)| of u (the vertical gap bounds the distance), then golden-section
 * refinement of the best bracket.
 *
 * @example
 * distanceToSinusoid(1 / 7, 0.5) // <= 0.5, the vertical gap
 */
export function distanceToSinusoid(u: number, v: number): number {
  const bound = Math.abs(v - sinusoidBoundary(u));
  if (bound === 0) return 0;
  const d2 = (t: number): number => (u - t) ** 2 + (v - sinusoidBoundary(t)) ** 2;
  const steps = Math.max(16, Math.ceil((2 * bound) / 2e-3));
  let best = u;
  let bestVal = d2(u);
  for (let k = 0; k <= steps; k++) {
    const t = u - bound + (2 * bound * k) / steps;
    const val = d2(t);
    if (val < bestVal) {
      bestVal = val;
      best = t;
    }
  }
  const h = (2 * bound) / steps;
  let a = best - h;
  let b = best + h;
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 60; it++) {
    const c = b - phi * (b - a);
    const d = a + phi * (b - a);
    if (d2(c) < d2(d)) b = d;
    else a = c;
  }
  return Math.sqrt(Math.min(bestVal, d2(0.5 * (a + b))));
}

/**
 * Distance from (u, v) to the Bayes boundary of noisy XOR, the two axes: min(|u|, |v|).
 *
 * @example
 * distanceToXorBoundary(0.3, -2) // 0.3
 */
export function distanceToXorBoundary(u: number, v: number): number {
  return Math.min(Math.abs(u), Math.abs(v));
}
