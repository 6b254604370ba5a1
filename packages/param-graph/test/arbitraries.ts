import fc from 'fast-check';
import type { Activation, FloatArray, Mlp } from '../src/index.js';
import { ACTIVATIONS } from '../src/index.js';

/** A weight value: mostly ordinary, sometimes exactly 0 or -0 (no edge), sometimes repeated. */
export const arbWeight = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -4, max: 4, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1, -1, 0.5) },
);

export interface MlpArbOptions {
  readonly minLayers?: number;
  readonly maxLayers?: number;
  readonly maxWidth?: number;
  readonly dtype?: 'F32' | 'F64' | 'any';
  readonly activations?: readonly Activation[];
}

/** Layer sizes: `minLayers..maxLayers` affine layers, widths 1..maxWidth. */
export function arbSizes(o: MlpArbOptions = {}): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 1, max: o.maxWidth ?? 6 }), { minLength: (o.minLayers ?? 1) + 1, maxLength: (o.maxLayers ?? 3) + 1 });
}

/** An Mlp with the given sizes and float32 or float64 storage. */
export function arbMlpOf(sizes: number[], o: MlpArbOptions = {}): fc.Arbitrary<Mlp> {
  const dtype = o.dtype ?? 'any';
  const dt = dtype === 'any' ? fc.constantFrom('F32' as const, 'F64' as const) : fc.constant(dtype);
  return fc.tuple(dt, fc.constantFrom(...(o.activations ?? ACTIVATIONS))).chain(([d, activation]) => {
    const make = (xs: number[]): FloatArray => (d === 'F32' ? Float32Array.from(xs) : Float64Array.from(xs));
    const layers = sizes.slice(1).map((nOut, l) =>
      fc.tuple(
        fc.array(arbWeight, { minLength: nOut * (sizes[l] as number), maxLength: nOut * (sizes[l] as number) }),
        fc.array(arbWeight, { minLength: nOut, maxLength: nOut }),
      ),
    );
    return fc.tuple(...layers).map((ls) => ({
      sizes: [...sizes],
      activation,
      weights: ls.map(([w]) => make(w)),
      biases: ls.map(([, b]) => make(b)),
    }));
  });
}

/** An Mlp of random architecture. */
export function arbMlp(o: MlpArbOptions = {}): fc.Arbitrary<Mlp> {
  return arbSizes(o).chain((sizes) => arbMlpOf(sizes, o));
}

/** One random permutation per hidden layer of `sizes`. */
export function arbHiddenPerms(sizes: readonly number[]): fc.Arbitrary<number[][]> {
  return fc.tuple(
    ...sizes.slice(1, -1).map((n) =>
      fc.array(fc.nat(), { minLength: n, maxLength: n }).map((keys) =>
        keys
          .map((k, i) => [k, i] as const)
          .sort((a, b) => a[0] - b[0] || a[1] - b[1])
          .map(([, i]) => i),
      ),
    ),
  );
}

/** Bitwise equality of two float buffers, including their storage type. */
export function sameBits(a: FloatArray | undefined, b: FloatArray | undefined): boolean {
  if (a === undefined || b === undefined || a.constructor !== b.constructor || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
