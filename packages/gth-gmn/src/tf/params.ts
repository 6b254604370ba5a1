// Named, seeded trainable variables: one store per model, saved and loaded as safetensors.
import * as tf from '@tensorflow/tfjs-core';
import { GeoError, createRng } from '@geo/core';
import type { Rng } from '@geo/core';

/** How a variable starts: Glorot-uniform, zeros, a constant, or uniform in ±scale. */
export type Init = 'glorot' | 'zeros' | { readonly constant: number } | { readonly uniform: number };

/**
 * A map of named `tf.Variable`s, each initialised from its own seeded stream
 * (`createRng(seed).derive(name)`), so adding a variable never changes the others.
 *
 * @example
 * const p = new ParamStore(1);
 * const w = p.add('w', [4, 2], 'glorot');
 */
export class ParamStore {
  readonly variables = new Map<string, tf.Variable>();
  private readonly rng: Rng;

  constructor(seed: number) {
    this.rng = createRng(seed).derive('gth-gmn-params');
  }

  /** Creates `name` with `shape`; Glorot uses the last two axes as (fan-in, fan-out). */
  add(name: string, shape: number[], init: Init): tf.Variable {
    if (this.variables.has(name)) throw new GeoError('BAD_TYPE', `parameter ${name} exists`, { argument: 'name' });
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    if (init === 'glorot') {
      const fanIn = shape.length >= 2 ? (shape[shape.length - 2] as number) : 1;
      const fanOut = shape[shape.length - 1] as number;
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      this.rng.derive(name).fillUniform(data, -limit, limit);
    } else if (init !== 'zeros') {
      if ('constant' in init) data.fill(init.constant);
      else this.rng.derive(name).fillUniform(data, -init.uniform, init.uniform);
    }
    // tfjs variable names are global: keep ours in the map, let tfjs pick unique ones.
    const value = tf.tensor(data, shape, 'float32');
    const v = tf.variable(value, true);
    value.dispose(); // the variable holds its own reference to the data
    this.variables.set(name, v);
    return v;
  }

  /** The variable called `name` (GeoError if absent). */
  get(name: string): tf.Variable {
    const v = this.variables.get(name);
    if (v === undefined) throw new GeoError('NOT_FOUND', `no parameter ${name}`, { argument: 'name' });
    return v;
  }

  /** Total number of scalar parameters. */
  get size(): number {
    let n = 0;
    for (const v of this.variables.values()) n += v.size;
    return n;
  }

  dispose(): void {
    for (const v of this.variables.values()) v.dispose();
    this.variables.clear();
  }
}
