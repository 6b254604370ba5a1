import { GeoError, describe as describeValue } from '@geo/core';

/**
 * A persistence diagram: parallel arrays of births and deaths, one entry per point,
 * `death[i] === Infinity` for an essential class.
 */
export interface PersistenceDiagram {
  readonly birth: Float64Array;
  readonly death: Float64Array;
  /**
   * With `ripsPersistence(..., { cocycles: true })`, dimensions >= 1: for point i, a
   * representative cocycle (Z/2) as a list of simplices, each a list of vertex indices.
   */
  readonly cocycles?: number[][][];
}

/** A diagram as `{ birth, death }` or as `[birth, death]` pairs (`null` or `Infinity` for an essential death). */
export type DiagramInput =
  | { readonly birth: ArrayLike<number>; readonly death: ArrayLike<number> }
  | ReadonlyArray<readonly [number, number | null] | readonly (number | null)[]>;

/**
 * Checks a diagram and returns it as typed arrays (deaths `null` become `Infinity`).
 * Births must be finite, deaths finite or +Infinity, and birth <= death.
 *
 * @example
 * toDiagram([[0, 1], [0.5, null]]) // { birth: Float64Array [0, 0.5], death: Float64Array [1, Infinity] }
 */
export function toDiagram(input: DiagramInput, name = 'diagram'): PersistenceDiagram {
  let birth: Float64Array;
  let death: Float64Array;
  if (Array.isArray(input)) {
    const pairs = input as ReadonlyArray<ArrayLike<number | null>>;
    birth = new Float64Array(pairs.length);
    death = new Float64Array(pairs.length);
    for (let i = 0; i < pairs.length; i++) {
      const p = pairs[i];
      if (p === null || p === undefined || typeof p !== 'object' || p.length !== 2) {
        throw new GeoError('BAD_SHAPE', `${name}[${i}] must be a [birth, death] pair, got ${describeValue(p)}`, {
          argument: `${name}[${i}]`,
          expected: '[birth, death]',
          actual: describeValue(p),
        });
      }
      const b = p[0];
      const d = p[1];
      birth[i] = typeof b === 'number' ? b : Number.NaN;
      death[i] = d === null ? Infinity : typeof d === 'number' ? d : Number.NaN;
    }
  } else if (input !== null && typeof input === 'object' && 'birth' in input && 'death' in input) {
    const b = input.birth;
    const d = input.death;
    if (!isNumberArray(b) || !isNumberArray(d)) {
      throw new GeoError('BAD_TYPE', `${name}.birth and ${name}.death must be arrays of numbers`, {
        argument: name,
        expected: '{ birth: ArrayLike<number>, death: ArrayLike<number> }',
        actual: `${describeValue(b)}, ${describeValue(d)}`,
      });
    }
    if (b.length !== d.length) {
      throw new GeoError('BAD_LENGTH', `${name}.birth and ${name}.death must have the same length, got ${b.length} and ${d.length}`, {
        argument: `${name}.death`,
        expected: b.length,
        actual: d.length,
      });
    }
    birth = Float64Array.from(b);
    death = new Float64Array(d.length);
    for (let i = 0; i < d.length; i++) {
      const v = d[i] as number | null;
      death[i] = v === null ? Infinity : v;
    }
  } else {
    throw new GeoError('BAD_TYPE', `${name} must be { birth, death } or an array of [birth, death] pairs, got ${describeValue(input)}`, {
      argument: name,
      expected: '{ birth, death } or [birth, death][]',
      actual: describeValue(input),
    });
  }
  for (let i = 0; i < birth.length; i++) {
    const b = birth[i] as number;
    const d = death[i] as number;
    if (!Number.isFinite(b)) {
      throw new GeoError('NOT_FINITE', `${name}: birth ${i} must be finite, got ${describeValue(b)}`, {
        argument: `${name}[${i}]`,
        expected: 'finite birth',
        actual: b,
      });
    }
    if (Number.isNaN(d) || d === -Infinity) {
      throw new GeoError('NOT_FINITE', `${name}: death ${i} must be a number or +Infinity, got ${describeValue(d)}`, {
        argument: `${name}[${i}]`,
        expected: 'finite death or +Infinity',
        actual: d,
      });
    }
    if (d < b) {
      throw new GeoError('OUT_OF_DOMAIN', `${name}: point ${i} dies (${d}) before it is born (${b})`, {
        argument: `${name}[${i}]`,
        expected: 'birth <= death',
        actual: [b, d],
      });
    }
  }
  return { birth, death };
}

function isNumberArray(x: unknown): x is ArrayLike<number> {
  return Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}

/**
 * Sorts a diagram by (birth, death), returning new arrays.
 *
 * @example
 * sortDiagram({ birth: Float64Array.of(1, 0), death: Float64Array.of(2, 3) }) // births [0, 1], deaths [3, 2]
 */
export function sortDiagram(diagram: PersistenceDiagram): PersistenceDiagram {
  const { birth, death, cocycles } = diagram;
  const order = Array.from({ length: birth.length }, (_, i) => i);
  order.sort((i, j) => (birth[i] as number) - (birth[j] as number) || compareDeaths(death[i] as number, death[j] as number));
  const b = new Float64Array(order.length);
  const d = new Float64Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    b[k] = birth[i] as number;
    d[k] = death[i] as number;
  }
  if (cocycles === undefined) return { birth: b, death: d };
  return { birth: b, death: d, cocycles: order.map((i) => cocycles[i] as number[][]) };
}

function compareDeaths(a: number, b: number): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * The diagram as `[birth, death]` pairs (essential deaths stay `Infinity`).
 *
 * @example
 * diagramToPairs({ birth: Float64Array.of(0), death: Float64Array.of(Infinity) }) // [[0, Infinity]]
 */
export function diagramToPairs(diagram: PersistenceDiagram): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < diagram.birth.length; i++) out.push([diagram.birth[i] as number, diagram.death[i] as number]);
  return out;
}
