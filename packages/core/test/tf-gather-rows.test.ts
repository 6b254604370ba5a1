// gatherRows is tf.gather along axis 0 on typed arrays: the same values bit for bit, the same
// gradient as the registry's GatherV2 gradient, and clear errors for bad indices.
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GeoError } from '../src/index.js';
import { gatherRows, initBackend, registerGradients } from '../src/tf/index.js';

/** Both gradients are the same float32 scatter-add of dy; only the summation order may differ. */
const GATHER_GRAD_ABS = 1e-5;

describe('gatherRows (@geo/core/tf)', () => {
  beforeAll(async () => {
    await initBackend({ force: 'cpu', log: () => {} });
    registerGradients();
  });

  it('equals tf.gather along axis 0, values and gradients, for rows of any rank', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom<number[]>([], [3], [2, 2]),
        fc.array(fc.nat(1000), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 1000 }),
        (rows, rowShape, raw, seed) => {
          tf.tidy(() => {
            const x = tf.randomNormal([rows, ...rowShape], 0, 1, 'float32', seed);
            const idx = tf.tensor1d(raw.map((r) => r % rows), 'int32');
            const ours = gatherRows(x, idx);
            const theirs = tf.gather(x, idx);
            expect(ours.shape).toEqual(theirs.shape);
            expect(Array.from(ours.dataSync())).toEqual(Array.from(theirs.dataSync()));
            const w = tf.randomNormal(theirs.shape, 0, 1, 'float32', seed + 1);
            const g1 = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(gatherRows(t, idx), w)))(x).dataSync();
            const g2 = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, idx), w)))(x).dataSync();
            for (let i = 0; i < g2.length; i++) expect(Math.abs((g1[i] as number) - (g2[i] as number))).toBeLessThanOrEqual(GATHER_GRAD_ABS);
          });
        },
      ),
      { numRuns: 30 },
    );
  });

  it('rejects indices outside the rows, and indices that are not 1-D int32', () => {
    tf.tidy(() => {
      const x = tf.ones([3, 2]);
      expect(() => gatherRows(x, tf.tensor1d([0, 3], 'int32'))).toThrow(GeoError);
      expect(() => gatherRows(x, tf.tensor1d([0, -1], 'int32'))).toThrow(/outside \[0, 3\)/);
      expect(() => gatherRows(x, tf.tensor1d([0, 1], 'float32') as tf.Tensor1D)).toThrow(/1-D int32/);
    });
  });
});
