import { GeoError } from './errors.js';

/**
 * Validators for API edges. Each throws a GeoError naming the argument and
 * returns nothing, so a call site reads as a precondition.
 */

/** A short, safe rendering of a value for error messages. */
export function describe(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (value === null || value === undefined) return String(value);
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<number>).length})`;
  if (Array.isArray(value)) return `Array(${value.length})`;
  return typeof value;
}

/** `x` is a finite number. */
export function assertFiniteNumber(x: unknown, name: string): asserts x is number {
  if (typeof x !== 'number') {
    throw new GeoError('BAD_TYPE', `${name} must be a number, got ${describe(x)}`, { argument: name, expected: 'number', actual: x });
  }
  if (!Number.isFinite(x)) {
    throw new GeoError('NOT_FINITE', `${name} must be finite, got ${describe(x)}`, { argument: name, expected: 'finite number', actual: x });
  }
}

/** `x` is array-like (a typed array or an array of numbers). */
export function assertArrayLike(x: unknown, name: string): asserts x is ArrayLike<number> {
  const ok = ArrayBuffer.isView(x) ? !(x instanceof DataView) : Array.isArray(x);
  if (!ok) {
    throw new GeoError('BAD_TYPE', `${name} must be an array or typed array of numbers, got ${describe(x)}`, {
      argument: name,
      expected: 'ArrayLike<number>',
      actual: describe(x),
    });
  }
}

/** Every entry of `x` is a finite number. Reports the first bad index. */
export function assertFinite(x: ArrayLike<number>, name: string): void {
  assertArrayLike(x, name);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new GeoError('NOT_FINITE', `${name}[${i}] must be a finite number, got ${describe(v)}`, {
        argument: `${name}[${i}]`,
        expected: 'finite number',
        actual: v,
      });
    }
  }
}

/** `x.length === length`. */
export function assertLength(x: ArrayLike<unknown>, length: number, name: string): void {
  if (x.length !== length) {
    throw new GeoError('BAD_LENGTH', `${name} must have length ${length}, got ${x.length}`, {
      argument: name,
      expected: length,
      actual: x.length,
    });
  }
}

/** Two vectors share a length (e.g. the two points of a distance). */
export function assertSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>, nameA: string, nameB: string): void {
  if (a.length !== b.length) {
    throw new GeoError('BAD_LENGTH', `${nameA} and ${nameB} must have the same length, got ${a.length} and ${b.length}`, {
      argument: nameB,
      expected: a.length,
      actual: b.length,
    });
  }
}

/** A row-major buffer holds exactly `shape.reduce(*)` entries and every dimension is a non-negative integer. */
export function assertShape(x: ArrayLike<unknown>, shape: readonly number[], name: string): void {
  let size = 1;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i] as number;
    if (!Number.isInteger(d) || d < 0) {
      throw new GeoError('BAD_SHAPE', `${name}: dimension ${i} of shape [${shape.join(', ')}] must be a non-negative integer`, {
        argument: name,
        expected: 'non-negative integer dimensions',
        actual: [...shape],
      });
    }
    size *= d;
  }
  if (x.length !== size) {
    throw new GeoError('BAD_SHAPE', `${name} must hold ${size} entries for shape [${shape.join(', ')}], got ${x.length}`, {
      argument: name,
      expected: [...shape],
      actual: x.length,
    });
  }
}

export interface RangeOptions {
  /** Lower bound (default -Infinity). */
  readonly min?: number;
  /** Upper bound (default +Infinity). */
  readonly max?: number;
  /** Whether `min` itself is allowed (default true). */
  readonly minInclusive?: boolean;
  /** Whether `max` itself is allowed (default true). */
  readonly maxInclusive?: boolean;
}

/** A finite number inside a range, e.g. `assertInRange(c, 'c', { min: 0, minInclusive: false })`. */
export function assertInRange(x: unknown, name: string, range: RangeOptions): asserts x is number {
  assertFiniteNumber(x, name);
  const { min = -Infinity, max = Infinity, minInclusive = true, maxInclusive = true } = range;
  const aboveMin = minInclusive ? x >= min : x > min;
  const belowMax = maxInclusive ? x <= max : x < max;
  if (!aboveMin || !belowMax) {
    const interval = `${minInclusive ? '[' : '('}${min}, ${max}${maxInclusive ? ']' : ')'}`;
    throw new GeoError('OUT_OF_RANGE', `${name} must lie in ${interval}, got ${describe(x)}`, {
      argument: name,
      expected: interval,
      actual: x,
    });
  }
}

/** A strictly positive finite number. */
export function assertPositive(x: unknown, name: string): asserts x is number {
  assertInRange(x, name, { min: 0, minInclusive: false });
}

/** An integer in a range (both ends inclusive by default). */
export function assertInteger(x: unknown, name: string, range: RangeOptions = {}): asserts x is number {
  assertFiniteNumber(x, name);
  if (!Number.isInteger(x)) {
    throw new GeoError('NOT_INTEGER', `${name} must be an integer, got ${describe(x)}`, {
      argument: name,
      expected: 'integer',
      actual: x,
    });
  }
  assertInRange(x, name, range);
}

/** One of a fixed set of string options. */
export function assertOneOf<T extends string>(x: unknown, allowed: readonly T[], name: string): asserts x is T {
  if (typeof x !== 'string' || !(allowed as readonly string[]).includes(x)) {
    throw new GeoError('OUT_OF_RANGE', `${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${describe(x)}`, {
      argument: name,
      expected: [...allowed],
      actual: x,
    });
  }
}
