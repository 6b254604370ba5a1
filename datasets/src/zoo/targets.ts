import { createRng } from '@geo/core';
import { imageAsFloat } from '../loaders/image-dataset.js';
import type { ImageDataset } from '../loaders/image-dataset.js';
import type { ZooModel, ZooPlan } from './plan.js';

/** Points of a sine wave: 2,000 on [-pi, pi), as DWSNets. */
export const SINE_POINTS = 2000;

/**
 * Pixel-centre coordinates of a side x side image on [-1, 1]^2, point-major (x = column,
 * y = row), in the row-major pixel order: DWSNets' `make_coordinates`.
 *
 * @example
 * imageGrid(2) // Float64Array [-1, -1, 1, -1, -1, 1, 1, 1]
 */
export function imageGrid(side: number): Float64Array {
  const c = new Float64Array(2 * side * side);
  const at = (k: number): number => (side === 1 ? 0 : -1 + (2 * k) / (side - 1));
  for (let r = 0; r < side; r++) {
    for (let col = 0; col < side; col++) {
      c[2 * (r * side + col)] = at(col);
      c[2 * (r * side + col) + 1] = at(r);
    }
  }
  return c;
}

/**
 * The sine zoo's inputs: x_i = -pi + 2 pi i / n, i < n.
 *
 * @example
 * sineGrid(4) // Float64Array [-pi, -pi/2, 0, pi/2]
 */
export function sineGrid(n = SINE_POINTS): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => -Math.PI + (2 * Math.PI * i) / n);
}

/**
 * Amplitude a and frequency b of a sine model, a, b ~ U(0, 10), from the stream
 * (seed, zoo, 'model', index, 'task'): independent of sharding.
 *
 * @example
 * sineParameters(0, 'sine', 3) // { a: ..., b: ... }, the same on every run
 */
export function sineParameters(seed: number, zoo: string, index: number): { a: number; b: number } {
  const rng = createRng(seed).derive(zoo, 'model', index, 'task');
  const a = 10 * rng.uniform();
  const b = 10 * rng.uniform();
  return { a, b };
}

/**
 * Targets (point-major, as trainNetworks takes them), labels and a description of one model's task.
 *
 * @example
 * const plan = zooPlan('sine', 'smoke');
 * modelTask(plan, plan.shards[0].models[0], {}).labels // { a, b }
 */
export function modelTask(plan: ZooPlan, model: ZooModel, images: Partial<Record<ZooModel['sourceSplit'], ImageDataset>>): { targets: Float64Array; labels: Record<string, number>; source: string } {
  if (plan.name === 'sine') {
    const { a, b } = sineParameters(plan.seed, plan.name, model.index);
    const x = sineGrid();
    return { targets: x.map((v) => a * Math.sin(b * v)), labels: { a, b }, source: `a sin(b x), a = ${a}, b = ${b}` };
  }
  const ds = images[model.sourceSplit] as ImageDataset;
  return { targets: imageAsFloat(ds, model.source), labels: { class: ds.labels[model.source] as number }, source: `${ds.dataset}/${model.sourceSplit}[${model.source}]` };
}
