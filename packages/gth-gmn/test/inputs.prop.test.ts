// prepareBatch: the union over snapshots keeps every edge inside its (snapshot, graph), adds
// one self-loop per node, carries the signed weights, and numbers graphs and groups as documented.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { mlpGraph, snapshot } from '@geo/param-graph';
import { prepareBatch } from '../src/tf/index.js';
import { sineZoo } from './helpers/zoo.js';
import { setupTf } from './helpers/tf.js';

describe('prepareBatch', () => {
  beforeAll(setupTf);
  const zoo = sineZoo(3, { hidden: 3, snapshots: 3, seed: 8 });

  it('layout invariants of the per-snapshot graphs and their union', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.constantFrom('all' as const, 'last' as const), fc.constantFrom('layer' as const, 'graph' as const), fc.boolean(), (B, snaps, groups, selfLoops) => {
        const trs = zoo.trajectories.slice(0, B);
        const batch = prepareBatch(trs, { snapshots: snaps, selfLoops, readoutGroups: groups });
        try {
          const T = snaps === 'all' ? 3 : 1;
          expect(batch.numSnapshots).toBe(T);
          const L = 3;
          expect(batch.groupsPerGraph).toBe(groups === 'layer' ? 2 * L + 1 : 1);
          const n0 = 1 + 3 + 3 + 1 + L;
          batch.snapshots.forEach((s, k) => {
            const t = snaps === 'all' ? k : 2;
            expect(s.numNodes).toBe(B * n0);
            const real = trs.reduce((a, tr) => a + mlpGraph(snapshot(tr, t)).numEdges, 0);
            expect(s.numRealEdges).toBe(real);
            expect(s.numEdges).toBe(real + (selfLoops ? s.numNodes : 0));
            for (let e = 0; e < s.numRealEdges; e++) {
              expect(s.nodeGraphArray[s.srcArray[e]!]).toBe(s.nodeGraphArray[s.dstArray[e]!]);
              expect(s.weightArray[e]).not.toBe(0);
            }
            const attr = s.edgeAttr.arraySync();
            for (let e = 0; e < s.numRealEdges; e++) expect(attr[e]![0]).toBeCloseTo(Math.asinh(s.weightArray[e]!), 5);
            const group = s.group.dataSync();
            for (let n = 0; n < s.numNodes; n++) expect(Math.floor(group[n]! / batch.groupsPerGraph)).toBe(s.nodeGraphArray[n]);
          });
          expect(batch.all.numNodes).toBe(T * B * n0);
          expect(batch.all.numEdges).toBe(batch.snapshots.reduce((a, s) => a + s.numEdges, 0));
          const src = batch.all.src.dataSync();
          const dst = batch.all.dst.dataSync();
          const g = batch.all.nodeGraph.dataSync();
          for (let e = 0; e < src.length; e++) expect(g[src[e]!]).toBe(g[dst[e]!]);
          for (let n = 0; n < g.length; n++) expect(g[n]).toBe(Math.floor(n / n0));
        } finally {
          batch.dispose();
        }
      }),
      { numRuns: 12 },
    );
  });
});
