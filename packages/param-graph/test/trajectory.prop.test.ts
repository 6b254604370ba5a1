import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTrajectory, snapshot, trajectoryFromSnapshots, writeTrajectory } from '../src/index.js';
import { arbMlpOf, arbSizes, sameBits } from './arbitraries.js';

/** T snapshots of one architecture (shared dtype per draw), with increasing steps. */
const arbSnapshots = arbSizes({ maxLayers: 3, maxWidth: 5 }).chain((sizes) =>
  fc.constantFrom('F32' as const, 'F64' as const).chain((dtype) =>
    arbMlpOf(sizes, { dtype }).chain((first) =>
      fc.tuple(
        fc.array(arbMlpOf(sizes, { dtype, activations: [first.activation] }), { minLength: 0, maxLength: 3 }).map((rest) => [first, ...rest]),
        fc.uniqueArray(fc.nat({ max: 10_000 }), { minLength: 4, maxLength: 4 }).map((s) => s.sort((a, b) => a - b)),
      ),
    ),
  ),
);

describe('Mlp <-> snapshot', () => {
  it('stacking snapshots and slicing them back is exact (bits and storage type)', () => {
    fc.assert(
      fc.property(arbSnapshots, ([mlps, steps]) => {
        const traj = trajectoryFromSnapshots(mlps, steps.slice(0, mlps.length));
        mlps.forEach((m, t) => {
          for (const copy of [false, true]) {
            const s = snapshot(traj, t, { copy });
            expect(s.sizes).toEqual(m.sizes);
            expect(s.activation).toBe(m.activation);
            m.weights.forEach((w, l) => expect(sameBits(s.weights[l], w)).toBe(true));
            m.biases.forEach((b, l) => expect(sameBits(s.biases[l], b)).toBe(true));
          }
        });
      }),
    );
  });
});

describe('trajectory write -> read', () => {
  it('is exact: tensors bit for bit, steps, seed, labels, extra metadata', () => {
    fc.assert(
      fc.property(
        arbSnapshots,
        fc.option(fc.nat()),
        fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }))),
        fc.dictionary(fc.string({ maxLength: 6 }).filter((k) => !['format', 'architecture', 'activation', 'steps', 'seed', 'labels'].includes(k)), fc.string()),
        ([mlps, steps], seed, labels, metadata) => {
          const traj = trajectoryFromSnapshots(mlps, steps.slice(0, mlps.length), { ...(seed === null ? {} : { seed }), labels, metadata });
          const back = readTrajectory(writeTrajectory(traj));
          expect(back.sizes).toEqual(traj.sizes);
          expect(back.activation).toBe(traj.activation);
          expect(back.steps).toEqual(traj.steps);
          expect(back.seed).toBe(traj.seed);
          expect(back.labels).toEqual(JSON.parse(JSON.stringify(labels))); // JSON turns -0 into 0
          expect(back.metadata).toEqual(metadata);
          traj.weights.forEach((w, l) => expect(sameBits(back.weights[l], w)).toBe(true));
          traj.biases.forEach((b, l) => expect(sameBits(back.biases[l], b)).toBe(true));
        },
      ),
    );
  });
});
