// The embedding file of one trajectory: points inside the disk, counts that match the
// parameter graph, radii kept by the PCA projection, the strongest edges really the
// strongest, plain JSON, and GeoErrors for what it cannot write.
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { GeoError } from '@geo/core';
import { mlpGraph, snapshot } from '@geo/param-graph';
import { GthGmn, TRAJECTORY_EMBEDDING_FORMAT, prepareBatch, trajectoryEmbeddingFile } from '../src/tf/index.js';
import { sineZoo } from './helpers/zoo.js';
import { setupTf } from './helpers/tf.js';

const SMALL = { hiddenDim: 8, headDim: 4, gruDim: 8, headHidden: 16, outputs: 2 } as const;

/** Radius kept by the PCA projection: float64 arithmetic on float32 points, relative. */
const RADIUS_REL = 1e-9;
/** 'first-two' and 'none' copy float32 coordinates into float64 exactly. */
const COPY_ABS = 0;
/** Model forwards are costly: a handful of property cases (the global seed still applies). */
const MODEL_RUNS = 6;

/** Hyperbolic distance from the origin of a point at Euclidean radius r in the ball of curvature -c. */
function hyperbolicRadius(r: number, c: number): number {
  return (2 / Math.sqrt(c)) * Math.atanh(Math.sqrt(c) * r);
}

/** The float32 node embeddings of one trajectory, straight from `model.forward`. */
function forwardPoints(model: GthGmn, trajectory: Parameters<typeof trajectoryEmbeddingFile>[1]): Float32Array[] {
  const batch = prepareBatch([trajectory], model.prepareOptions);
  const z = tf.tidy(() => model.forward(batch).nodeEmbeddings.map((t) => t.dataSync().slice()));
  batch.dispose();
  return z as Float32Array[];
}

describe('trajectoryEmbeddingFile', () => {
  beforeAll(setupTf);
  const zoo = sineZoo(2, { hidden: 4, snapshots: 4, seed: 5 });
  const trajectory = zoo.trajectories[0]!;

  it('writes every point inside the disk, with counts that match the parameter graph (c = 1 and 0.5)', () => {
    for (const c of [1, 0.5]) {
      const model = new GthGmn({ ...SMALL, c }, 3);
      const file = trajectoryEmbeddingFile(model, trajectory);
      const g = mlpGraph(snapshot(trajectory, 0));
      expect(file.format).toBe(TRAJECTORY_EMBEDDING_FORMAT);
      expect(file.version).toBe(1);
      expect(file.curvature).toBe(c);
      expect(file.dimension).toBe(2);
      expect(file.sourceDimension).toBe(SMALL.hiddenDim);
      expect(file.projection).toBe('pca');
      expect(file.nodes.length).toBe(g.numNodes);
      expect(file.nodes.map((n) => n.id)).toEqual(Array.from({ length: g.numNodes }, (_, i) => i));
      expect(file.nodes.map((n) => n.type)).toEqual(Array.from(g.nodeType, (t) => ['input', 'hidden', 'output', 'bias'][t]));
      expect(file.nodes.map((n) => n.layer)).toEqual(Array.from(g.layer));
      expect(file.snapshots.map((s) => s.step)).toEqual(trajectory.steps);
      expect(file.output.length).toBe(SMALL.outputs);
      for (const s of file.snapshots) {
        expect(s.positions.length).toBe(2 * g.numNodes);
        for (let n = 0; n < g.numNodes; n++) {
          const r2 = s.positions[2 * n]! ** 2 + s.positions[2 * n + 1]! ** 2;
          expect(c * r2).toBeLessThan(1);
        }
        // Undirected: half the stored (symmetrised) edges, each with src < dst.
        expect(s.edges.src.length).toBe(g.numEdges / 2);
        expect(s.edges.src.every((u, e) => u < s.edges.dst[e]!)).toBe(true);
      }
      model.dispose();
    }
  });

  it('the PCA projection keeps each node\'s hyperbolic distance from the origin (property over model seeds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(0.5, 1, 2), (seed, c) => {
        const model = new GthGmn({ ...SMALL, c }, seed);
        const file = trajectoryEmbeddingFile(model, trajectory);
        const z = forwardPoints(model, trajectory);
        const D = SMALL.hiddenDim;
        file.snapshots.forEach((s, t) => {
          const zt = z[t]!;
          for (let n = 0; n < file.nodes.length; n++) {
            let r2 = 0;
            for (let i = 0; i < D; i++) r2 += zt[n * D + i]! ** 2;
            const want = hyperbolicRadius(Math.sqrt(r2), c);
            const got = hyperbolicRadius(Math.hypot(s.positions[2 * n]!, s.positions[2 * n + 1]!), c);
            expect(Math.abs(got - want)).toBeLessThanOrEqual(RADIUS_REL * Math.max(1, want));
          }
        });
        model.dispose();
      }),
      { numRuns: MODEL_RUNS },
    );
  });

  it("'first-two' keeps the first two coordinates; a 2-D model is written as it is ('none')", () => {
    const model = new GthGmn(SMALL, 4);
    const file = trajectoryEmbeddingFile(model, trajectory, { projection: 'first-two' });
    const z = forwardPoints(model, trajectory);
    expect(file.projection).toBe('first-two');
    file.snapshots.forEach((s, t) => {
      for (let n = 0; n < file.nodes.length; n++) {
        expect(Math.abs(s.positions[2 * n]! - z[t]![n * SMALL.hiddenDim]!)).toBeLessThanOrEqual(COPY_ABS);
        expect(Math.abs(s.positions[2 * n + 1]! - z[t]![n * SMALL.hiddenDim + 1]!)).toBeLessThanOrEqual(COPY_ABS);
      }
    });
    model.dispose();
    const flat = new GthGmn({ ...SMALL, hiddenDim: 2, headDim: 2 }, 4);
    const file2 = trajectoryEmbeddingFile(flat, trajectory);
    const z2 = forwardPoints(flat, trajectory);
    expect(file2.projection).toBe('none');
    expect(file2.snapshots[2]!.positions).toEqual(Array.from(z2[2]!));
    flat.dispose();
  });

  it('keeps the K strongest edges by |w|, with the weights of the MLP, and only the chosen snapshots', () => {
    const model = new GthGmn(SMALL, 5);
    const all = trajectoryEmbeddingFile(model, trajectory);
    const K = 7;
    const some = trajectoryEmbeddingFile(model, trajectory, { strongestEdges: K, snapshots: [1, 3] });
    expect(some.strongestEdges).toBe(K);
    expect(some.snapshots.map((s) => s.step)).toEqual([trajectory.steps[1], trajectory.steps[3]]);
    // The same snapshot in both files: same positions, and the K-prefix of the sorted full list.
    expect(some.snapshots[1]!.positions).toEqual(all.snapshots[3]!.positions);
    const full = all.snapshots[3]!.edges;
    const top = some.snapshots[1]!.edges;
    expect(top.weight.length).toBe(K);
    const mags = full.weight.map(Math.abs);
    expect(mags.every((m, i) => i === 0 || m <= mags[i - 1]!)).toBe(true);
    expect(top.weight).toEqual(full.weight.slice(0, K));
    expect(Math.min(...top.weight.map(Math.abs))).toBeGreaterThanOrEqual(Math.max(...mags.slice(K)));
    // Each edge's weight is the MLP's parameter between those nodes.
    const g = mlpGraph(snapshot(trajectory, 3));
    full.src.forEach((u, e) => {
      const v = full.dst[e]!;
      let w = Number.NaN;
      for (let k = g.indptr[u]!; k < g.indptr[u + 1]!; k++) if (g.dst[k] === v) w = g.weight[k]!;
      expect(full.weight[e]).toBe(w);
    });
    model.dispose();
  });

  it('is plain JSON: a parse of its string equals it', () => {
    const model = new GthGmn(SMALL, 6);
    const file = trajectoryEmbeddingFile(model, trajectory, { strongestEdges: 5 });
    expect(JSON.parse(JSON.stringify(file))).toEqual(file);
    expect(file.labels).toEqual(trajectory.labels);
    model.dispose();
  });

  it('rejects a Euclidean model, foreign snapshots and bad options with GeoErrors naming the argument', () => {
    const euclid = new GthGmn({ ...SMALL, geometry: 'euclidean' }, 1);
    expect(() => trajectoryEmbeddingFile(euclid, trajectory)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED', argument: 'model' }));
    euclid.dispose();
    const model = new GthGmn(SMALL, 1);
    expect(() => trajectoryEmbeddingFile(model, trajectory, { snapshots: [4] })).toThrow(expect.objectContaining({ argument: 'options.snapshots[0]' }));
    expect(() => trajectoryEmbeddingFile(model, trajectory, { snapshots: [2, 1] })).toThrow(expect.objectContaining({ argument: 'options.snapshots[1]' }));
    expect(() => trajectoryEmbeddingFile(model, trajectory, { snapshots: [] })).toThrow(expect.objectContaining({ argument: 'options.snapshots' }));
    expect(() => trajectoryEmbeddingFile(model, trajectory, { strongestEdges: -1 })).toThrow(expect.objectContaining({ argument: 'options.strongestEdges' }));
    expect(() => trajectoryEmbeddingFile(model, trajectory, { projection: 'tsne' as 'pca' })).toThrow(expect.objectContaining({ argument: 'options.projection' }));
    expect(() => trajectoryEmbeddingFile({} as GthGmn, trajectory)).toThrow(GeoError);
    model.dispose();
    const last = new GthGmn({ ...SMALL, snapshots: 'last' }, 1);
    expect(trajectoryEmbeddingFile(last, trajectory).snapshots.map((s) => s.step)).toEqual([trajectory.steps[3]]);
    expect(() => trajectoryEmbeddingFile(last, trajectory, { snapshots: [0] })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', argument: 'options.snapshots[0]' }));
    last.dispose();
  });
});
