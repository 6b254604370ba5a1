// `geo-bench embed`: a saved GTH-GMN and one trajectory file -> the docs viewer's
// geo-trajectory-embedding file (the leaderboard saves the model of its example trajectory
// beside the figures, so any other trajectory of the zoo can be looked at the same way).
import { readFile } from 'node:fs/promises';
import { GeoError } from '@geo/core';
import { loadModel, trajectoryEmbeddingFile } from '@geo/gth-gmn/tf';
import { readTrajectory } from '@geo/param-graph';
import { writeFileAtomic } from '../atomic.js';
import { ensureTfBackend } from './tf-init.js';

export interface EmbedOptions {
  /** A GTH-GMN saved by `saveModel` (the leaderboard writes `figures/<task>-<scale>.gth-gmn.safetensors`). */
  readonly modelPath: string;
  /** One trajectory file (safetensors, as `geo-datasets zoo` writes them). */
  readonly trajectoryPath: string;
  readonly outPath: string;
  /** Edges kept per snapshot, strongest |w| first (default 60). */
  readonly strongestEdges?: number;
}

async function readBytes(path: string, argument: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new GeoError('NOT_FOUND', `cannot read ${argument} ${path}: ${e instanceof Error ? e.message : String(e)}`, { argument, actual: path });
  }
}

/**
 * Writes the viewer file of one trajectory under a saved GTH-GMN, atomically, and returns
 * its node and snapshot counts.
 *
 * @example
 * await writeTrajectoryEmbedding({ modelPath: 'lb/figures/inr-mnist-cpu.gth-gmn.safetensors', trajectoryPath: 'zoo/test-00000/model-000012.safetensors', outPath: 'm12.embedding.json' });
 */
export async function writeTrajectoryEmbedding(options: EmbedOptions): Promise<{ nodes: number; snapshots: number }> {
  await ensureTfBackend();
  const model = loadModel(await readBytes(options.modelPath, 'model'));
  try {
    const trajectory = readTrajectory(await readBytes(options.trajectoryPath, 'trajectory'), { name: options.trajectoryPath });
    const file = trajectoryEmbeddingFile(model, trajectory, { strongestEdges: options.strongestEdges ?? 60 });
    await writeFileAtomic(options.outPath, `${JSON.stringify(file)}\n`);
    return { nodes: file.nodes.length, snapshots: file.snapshots.length };
  } finally {
    model.dispose();
  }
}
