// rawStrengths: asinh of each node's raw incident |w| and w sums, computed here straight from
// the MLP's weight and bias arrays (not through the parameter graph). The paper's z-scores
// cannot see a global rescaling of the weights; the raw strengths do.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { initSiren, trajectoryFromSnapshots } from '@geo/param-graph';
import type { Mlp } from '@geo/param-graph';
import { GthGmn, NUM_NODE_INPUTS, NUM_RAW_STRENGTHS, nodeInputWidth, prepareBatch } from '../src/tf/index.js';
import { setupTf } from './helpers/tf.js';
import { INPUT_F32_REL } from './tolerances.js';

const SIZES = [2, 5, 4, 1];

/** Incident |w| and w sums per node in mlpGraph's order: neurons layer by layer, then one bias node per layer. */
function incidentSums(m: Mlp): { abs: number[]; sgn: number[] } {
  const L = SIZES.length - 1;
  const offsets = SIZES.map((_, l) => SIZES.slice(0, l).reduce((a, b) => a + b, 0));
  const numNeurons = SIZES.reduce((a, b) => a + b, 0);
  const abs = new Array<number>(numNeurons + L).fill(0);
  const sgn = new Array<number>(numNeurons + L).fill(0);
  const add = (u: number, w: number): void => {
    abs[u] = (abs[u] as number) + Math.abs(w);
    sgn[u] = (sgn[u] as number) + w;
  };
  for (let l = 0; l < L; l++) {
    const nIn = SIZES[l] as number;
    const nOut = SIZES[l + 1] as number;
    for (let j = 0; j < nOut; j++) {
      for (let i = 0; i < nIn; i++) {
        const w = (m.weights[l] as Float64Array)[j * nIn + i] as number;
        add((offsets[l] as number) + i, w);
        add((offsets[l + 1] as number) + j, w);
      }
      const b = (m.biases[l] as Float64Array)[j] as number;
      add(numNeurons + l, b);
      add((offsets[l + 1] as number) + j, b);
    }
  }
  return { abs, sgn };
}

function scaled(m: Mlp, s: number): Mlp {
  return { ...m, weights: m.weights.map((w) => Float64Array.from(w, (v) => v * s)), biases: m.biases.map((b) => Float64Array.from(b, (v) => v * s)) } as Mlp;
}

function features(m: Mlp): Float32Array {
  const batch = prepareBatch([trajectoryFromSnapshots([m], [0])], { snapshots: 'last', selfLoops: true, readoutGroups: 'layer', rawStrengths: true, fixedNeuronSlots: 2 });
  try {
    return batch.snapshots[0]!.x.dataSync() as Float32Array;
  } finally {
    batch.dispose();
  }
}

describe('rawStrengths', () => {
  beforeAll(setupTf);
  const width = nodeInputWidth(2, true);

  it('are asinh of the incident |w| and w sums, before the fixed-neuron slots', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.double({ min: 0.05, max: 20, noNaN: true }), (seed, s) => {
        const m = scaled(initSiren(SIZES, { seed }), s);
        const x = features(m);
        const { abs, sgn } = incidentSums(m);
        expect(x.length).toBe(abs.length * width);
        abs.forEach((a, u) => {
          const gotAbs = x[u * width + NUM_NODE_INPUTS] as number;
          const gotSgn = x[u * width + NUM_NODE_INPUTS + 1] as number;
          expect(Math.abs(gotAbs - Math.asinh(a))).toBeLessThanOrEqual(INPUT_F32_REL * Math.max(1, Math.abs(Math.asinh(a))));
          expect(Math.abs(gotSgn - Math.asinh(sgn[u] as number))).toBeLessThanOrEqual(INPUT_F32_REL * Math.max(1, Math.abs(Math.asinh(sgn[u] as number))));
        });
        // the slots follow the raw strengths: input neuron 1 has slot 1
        expect(x[1 * width + NUM_NODE_INPUTS + NUM_RAW_STRENGTHS + 1]).toBe(1);
      }),
      { numRuns: 20 },
    );
  });

  it('see a global rescaling of the weights that the paper z-scores cannot', () => {
    const m = initSiren(SIZES, { seed: 4 });
    const a = features(m);
    const b = features(scaled(m, 3));
    const nodes = a.length / width;
    let rawChange = 0;
    for (let u = 0; u < nodes; u++) {
      for (const c of [5, 6]) expect(Math.abs((a[u * width + c] as number) - (b[u * width + c] as number))).toBeLessThanOrEqual(INPUT_F32_REL * 10);
      rawChange = Math.max(rawChange, Math.abs((a[u * width + NUM_NODE_INPUTS] as number) - (b[u * width + NUM_NODE_INPUTS] as number)));
    }
    expect(rawChange).toBeGreaterThan(0.5);
  });

  it('widen the encoder by two inputs, and are off by default', () => {
    expect(nodeInputWidth(0, true)).toBe(NUM_NODE_INPUTS + 2);
    const model = new GthGmn({ task: 'classification', outputs: 2, hiddenDim: 8, heads: 1, headDim: 4, gruDim: 4, rawStrengths: true }, 1);
    expect(model.params.get('enc.W').shape).toEqual([NUM_NODE_INPUTS + 2, 8]);
    expect(model.prepareOptions.rawStrengths).toBe(true);
    model.dispose();
    expect(new GthGmn({ task: 'classification', outputs: 2 }, 1).config.rawStrengths).toBe(false);
    expect(() => new GthGmn({ task: 'classification', outputs: 2, rawStrengths: 1 as unknown as boolean }, 1)).toThrow(/rawStrengths/);
  });
});
