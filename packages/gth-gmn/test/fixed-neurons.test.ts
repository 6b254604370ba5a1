// fixedNeuronSlots: with the paper's node features alone, the two input neurons of an INR
// (x and y) are interchangeable, so swapping the columns of the first layer's weights leaves
// the output unchanged; one-hot slots for input/output neuron indices break that symmetry.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GeoError } from '@geo/core';
import { initSiren, trajectoryFromSnapshots } from '@geo/param-graph';
import type { Mlp, Trajectory } from '@geo/param-graph';
import { GthGmn, NUM_NODE_INPUTS, prepareBatch } from '../src/tf/index.js';
import { setupTf } from './helpers/tf.js';
import { PERMUTATION_ABS } from './tolerances.js';

const SIZES = [2, 5, 5, 1];

/** The same MLPs with input coordinates x and y exchanged (columns 0 and 1 of layer 0's weights). */
function swapInputs(m: Mlp): Mlp {
  const w0 = Float64Array.from(m.weights[0] as Float64Array);
  const n = SIZES[1] as number;
  for (let i = 0; i < n; i++) [w0[2 * i], w0[2 * i + 1]] = [w0[2 * i + 1] as number, w0[2 * i] as number];
  return { ...m, weights: [w0, ...m.weights.slice(1)] } as Mlp;
}

function trajectory(seed: number, swap: boolean): Trajectory {
  const snaps = [0, 1, 2].map((s) => initSiren(SIZES, { seed: seed * 10 + s }));
  return trajectoryFromSnapshots(swap ? snaps.map(swapInputs) : snaps, [0, 5, 50]);
}

function output(model: GthGmn, trs: Trajectory[]): Float32Array {
  const batch = prepareBatch(trs, model.prepareOptions);
  try {
    return tf.tidy(() => model.forward(batch).output.dataSync() as Float32Array);
  } finally {
    batch.dispose();
  }
}

const config = { task: 'classification' as const, outputs: 3, hiddenDim: 8, heads: 1, headDim: 4, gruDim: 4 };

describe('fixedNeuronSlots', () => {
  beforeAll(setupTf);

  it('marks input neuron j and output neuron j with slot j, and nothing else', () => {
    const batch = prepareBatch([trajectory(1, false)], { snapshots: 'last', selfLoops: true, readoutGroups: 'layer', fixedNeuronSlots: 3 });
    try {
      const snap = batch.snapshots[0]!;
      const width = NUM_NODE_INPUTS + 3;
      expect(snap.x.shape).toEqual([snap.numNodes, width]);
      const x = snap.x.dataSync();
      const slotsOf = (u: number) => Array.from(x.subarray(u * width + NUM_NODE_INPUTS, (u + 1) * width));
      expect(slotsOf(0)).toEqual([1, 0, 0]); // input x
      expect(slotsOf(1)).toEqual([0, 1, 0]); // input y
      expect(slotsOf(2)).toEqual([0, 0, 0]); // first hidden neuron
      expect(slotsOf(12)).toEqual([1, 0, 0]); // the output neuron (2 + 5 + 5)
    } finally {
      batch.dispose();
    }
  });

  it('without slots, swapping x and y leaves the output unchanged; with slots it does not', () => {
    const trs = [trajectory(2, false), trajectory(3, false)];
    const swapped = [trajectory(2, true), trajectory(3, true)];
    const paper = new GthGmn(config, 11);
    const a = output(paper, trs);
    const b = output(paper, swapped);
    for (let i = 0; i < a.length; i++) expect(Math.abs((a[i] as number) - (b[i] as number))).toBeLessThanOrEqual(PERMUTATION_ABS);
    paper.dispose();
    const withSlots = new GthGmn({ ...config, fixedNeuronSlots: 2 }, 11);
    const c = output(withSlots, trs);
    const d = output(withSlots, swapped);
    expect(Math.max(...Array.from(c, (v, i) => Math.abs(v - (d[i] as number))))).toBeGreaterThan(100 * PERMUTATION_ABS);
    withSlots.dispose();
  });

  it('rejects fewer slots than input or output neurons, and bad values in the config', () => {
    expect(() => prepareBatch([trajectory(1, false)], { snapshots: 'all', selfLoops: true, readoutGroups: 'layer', fixedNeuronSlots: 1 })).toThrow(GeoError);
    for (const bad of [-1, 1.5, Number.NaN]) {
      expect(() => prepareBatch([trajectory(1, false)], { snapshots: 'all', selfLoops: true, readoutGroups: 'layer', fixedNeuronSlots: bad })).toThrow(/options\.fixedNeuronSlots/);
    }
    expect(() => new GthGmn({ ...config, fixedNeuronSlots: -1 }, 1)).toThrow(/fixedNeuronSlots/);
    expect(() => new GthGmn({ ...config, fixedNeuronSlots: 1.5 }, 1)).toThrow(/fixedNeuronSlots/);
  });
});
