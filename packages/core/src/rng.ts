import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { GeoError } from './errors.js';
import { assertArrayLike, assertFiniteNumber, assertInteger } from './validate.js';

type JumpableRandomGenerator = ReturnType<typeof xoroshiro128plusFromState>;

/** A label in a stream's derivation path: a shard index, a model id, a purpose ("init", "data"). */
export type StreamKey = string | number;

/**
 * A seeded stream of random numbers (xoroshiro128+ from pure-rand, 53-bit doubles).
 *
 * Streams form a tree: `rng.derive('shard', 3)` is a new, independent stream that
 * depends only on the root seed and its path, never on how much of the parent was
 * consumed. So shard 3 draws the same numbers whether or not shards 0-2 ran.
 */
export interface Rng {
  /** The root seed of the tree this stream belongs to. */
  readonly seed: number;
  /** Keys from the root to this stream (empty for the root). */
  readonly path: readonly StreamKey[];
  /** Uniform double in [0, 1), 53 random bits. */
  uniform(): number;
  /** Uniform integer in [from, to], both inclusive. */
  int(from: number, to: number): number;
  /** Normal variate (Box-Muller). */
  normal(mean?: number, std?: number): number;
  /** Fills `out` with uniform doubles in [lo, hi). */
  fillUniform<T extends Float64Array | Float32Array>(out: T, lo?: number, hi?: number): T;
  /** Fills `out` with normal variates. */
  fillNormal<T extends Float64Array | Float32Array>(out: T, mean?: number, std?: number): T;
  /** Fisher-Yates shuffle in place; returns the array. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T;
  /** A uniformly random permutation of 0..n-1. */
  permutation(n: number): Int32Array;
  /** An independent child stream keyed by `keys`. */
  derive(...keys: StreamKey[]): Rng;
  /** A copy at the same position. */
  clone(): Rng;
}

const TWO_PI = 2 * Math.PI;
const TWO_POW_32 = 4294967296;

/** murmur3's 32-bit finaliser: full avalanche of one word. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Words that encode a key unambiguously: a type tag, then the payload. */
function keyWords(key: StreamKey): number[] {
  if (typeof key === 'number') {
    if (!Number.isSafeInteger(key) || key < 0) {
      throw new GeoError('OUT_OF_RANGE', `stream key must be a non-negative safe integer or a string, got ${key}`, {
        argument: 'keys',
        expected: 'non-negative safe integer or string',
        actual: key,
      });
    }
    return [0x6e756d62, key % TWO_POW_32 >>> 0, Math.floor(key / TWO_POW_32) >>> 0];
  }
  if (typeof key !== 'string') {
    throw new GeoError('BAD_TYPE', 'stream key must be a string or a number', { argument: 'keys', actual: typeof key });
  }
  const bytes = new TextEncoder().encode(key);
  const words = [0x73747269, bytes.length];
  for (let i = 0; i < bytes.length; i += 4) {
    words.push(((bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24)) >>> 0);
  }
  return words;
}

/**
 * Hashes (seed, path) into a 128-bit xoroshiro state, in the spirit of numpy's
 * SeedSequence: four lanes absorb every word, each lane with its own multiplier,
 * then mix across lanes so nearby seeds give unrelated states.
 */
function stateFor(seed: number, path: readonly StreamKey[]): number[] {
  const words = [seed % TWO_POW_32 >>> 0, Math.floor(seed / TWO_POW_32) >>> 0, path.length];
  for (const key of path) words.push(...keyWords(key));
  const lanes = [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344];
  const mult = [0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f];
  for (const w of words) {
    for (let l = 0; l < 4; l++) {
      lanes[l] = fmix32(Math.imul((lanes[l] as number) ^ w, mult[l] as number) + l);
    }
  }
  for (let round = 0; round < 2; round++) {
    for (let l = 0; l < 4; l++) {
      lanes[l] = fmix32((lanes[l] as number) ^ Math.imul(lanes[(l + 1) % 4] as number, 0x9e3779b1));
    }
  }
  if (lanes.every((v): boolean => v === 0)) lanes[0] = 1; // the all-zero state is xoroshiro's fixed point
  return lanes.map((v) => v | 0);
}

class XoroshiroStream implements Rng {
  constructor(
    readonly seed: number,
    readonly path: readonly StreamKey[],
    private readonly gen: JumpableRandomGenerator,
  ) {}

  uniform(): number {
    return uniformFloat64(this.gen);
  }

  int(from: number, to: number): number {
    assertInteger(from, 'from');
    assertInteger(to, 'to', { min: from });
    return uniformInt(this.gen, from, to);
  }

  normal(mean = 0, std = 1): number {
    // 1 - u lies in (0, 1], so the log is finite.
    const r = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    return mean + std * r * Math.cos(TWO_PI * this.uniform());
  }

  fillUniform<T extends Float64Array | Float32Array>(out: T, lo = 0, hi = 1): T {
    assertFiniteNumber(lo, 'lo');
    assertFiniteNumber(hi, 'hi');
    const span = hi - lo;
    for (let i = 0; i < out.length; i++) out[i] = lo + span * this.uniform();
    return out;
  }

  fillNormal<T extends Float64Array | Float32Array>(out: T, mean = 0, std = 1): T {
    assertFiniteNumber(mean, 'mean');
    assertFiniteNumber(std, 'std');
    for (let i = 0; i < out.length; i++) out[i] = this.normal(mean, std);
    return out;
  }

  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T {
    assertArrayLikeContainer(array);
    for (let i = array.length - 1; i > 0; i--) {
      const j = uniformInt(this.gen, 0, i);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  permutation(n: number): Int32Array {
    assertInteger(n, 'n', { min: 0 });
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  derive(...keys: StreamKey[]): Rng {
    return createRng(this.seed, [...this.path, ...keys]);
  }

  clone(): Rng {
    return new XoroshiroStream(this.seed, this.path, this.gen.clone());
  }
}

function assertArrayLikeContainer(array: unknown): void {
  if (!Array.isArray(array) && !ArrayBuffer.isView(array)) assertArrayLike(array, 'array');
}

/**
 * The root stream for `seed` (a non-negative safe integer), or the stream at
 * `path` below it.
 *
 * @example
 * const rng = createRng(42);
 * rng.uniform();                      // same value on every run
 * const shard = rng.derive('shard', 3); // independent of how much `rng` was used
 */
export function createRng(seed: number, path: readonly StreamKey[] = []): Rng {
  assertInteger(seed, 'seed', { min: 0, max: Number.MAX_SAFE_INTEGER });
  return new XoroshiroStream(seed, [...path], xoroshiro128plusFromState(stateFor(seed, path)));
}
