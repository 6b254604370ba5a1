// geo-bench embed: a saved GTH-GMN and a trajectory file give the viewer's file, written
// atomically; missing or corrupt inputs are GeoErrors that name the file.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GeoError } from '@geo/core';
import { TRAJECTORY_EMBEDDING_FORMAT, GthGmn, saveModel } from '@geo/gth-gmn/tf';
import { initSiren, mlpGraph, trajectoryFromSnapshots, writeTrajectory } from '@geo/param-graph';
import { writeTrajectoryEmbedding } from '../../src/leaderboard/embed.js';
import { ensureTfBackend } from '../../src/leaderboard/tf-init.js';

describe('writeTrajectoryEmbedding (geo-bench embed)', () => {
  it('writes a geo-trajectory-embedding file with every node of the graph, inside the disk', async () => {
    await ensureTfBackend('cpu');
    const dir = mkdtempSync(join(tmpdir(), 'geo-embed-'));
    const sizes = [2, 6, 6, 1];
    const snapshots = [0, 1, 2].map((s) => initSiren(sizes, { seed: 40 + s }));
    const trajectory = trajectoryFromSnapshots(snapshots, [0, 10, 100], { labels: { class: 3 } });
    writeFileSync(join(dir, 't.safetensors'), writeTrajectory(trajectory));
    const model = new GthGmn({ task: 'classification', outputs: 10, hiddenDim: 2, heads: 1, headDim: 4, gruDim: 4, headHidden: 8 }, 7);
    writeFileSync(join(dir, 'm.safetensors'), saveModel(model));
    model.dispose();
    const r = await writeTrajectoryEmbedding({ modelPath: join(dir, 'm.safetensors'), trajectoryPath: join(dir, 't.safetensors'), outPath: join(dir, 'e.json'), strongestEdges: 5 });
    const file = JSON.parse(readFileSync(join(dir, 'e.json'), 'utf8')) as { format: string; nodes: unknown[]; snapshots: { positions: number[]; edges: { weight: number[] } }[] };
    expect(file.format).toBe(TRAJECTORY_EMBEDDING_FORMAT);
    expect(r).toEqual({ nodes: mlpGraph(snapshots[0]!).numNodes, snapshots: 3 });
    expect(file.nodes).toHaveLength(r.nodes);
    for (const s of file.snapshots) {
      expect(s.edges.weight.length).toBe(5);
      for (let i = 0; i < s.positions.length; i += 2) expect(Math.hypot(s.positions[i]!, s.positions[i + 1]!)).toBeLessThan(1);
    }
  });

  it('names the missing or corrupt file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'geo-embed-bad-'));
    writeFileSync(join(dir, 'junk.safetensors'), new Uint8Array([1, 2, 3]));
    await expect(writeTrajectoryEmbedding({ modelPath: join(dir, 'none.safetensors'), trajectoryPath: join(dir, 'junk.safetensors'), outPath: join(dir, 'e.json') })).rejects.toThrow(/cannot read model .*none\.safetensors/);
    await expect(writeTrajectoryEmbedding({ modelPath: join(dir, 'junk.safetensors'), trajectoryPath: join(dir, 'junk.safetensors'), outPath: join(dir, 'e.json') })).rejects.toBeInstanceOf(GeoError);
  });
});
