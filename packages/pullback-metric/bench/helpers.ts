import { createRng } from '@geo/core';

export * from '../src/index.js';

/** `count` points of dimension `d`, coordinates N(0, 0.5^2), from `seed`. */
export function createPoints(seed: number, count: number, d: number): Float64Array {
  return createRng(seed).fillNormal(new Float64Array(count * d), 0, 0.5);
}
