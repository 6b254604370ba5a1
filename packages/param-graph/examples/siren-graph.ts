// Prints the signed parameter graph of a 2-32-32-1 SIREN: its nodes with the paper's node
// features, its first edges, and its degree/strength/|w| statistics with power-law fits.
//
//   npx tsx packages/param-graph/examples/siren-graph.ts [trajectory.safetensors] [--seed s]
//
// With a trajectory file (e.g. $GEO_REFERENCE_DIR/param-graph/siren-2-32-32-1-f32.safetensors)
// it shows the last snapshot; without one, a freshly initialised SIREN.
// In your own code, import from '@geo/param-graph' and '@geo/param-graph/node'.
import { pathToFileURL } from 'node:url';
import { describeGraph, describeStats, graphStats, initSiren, mlpGraph, snapshot } from '../src/index.js';
import type { Mlp } from '../src/index.js';
import { readTrajectoryInfoFile, readTrajectoryFile } from '../src/node/index.js';

/** Builds the example's text; `file` is an optional SIREN trajectory. */
export function sirenGraphExample(file?: string, seed = 1): string {
  let mlp: Mlp;
  let title: string;
  if (file === undefined) {
    mlp = initSiren([2, 32, 32, 1], { seed });
    title = `SIREN 2-32-32-1 at initialisation (seed ${seed}, omega_0 = 30 folded into the weights)`;
  } else {
    const T = readTrajectoryInfoFile(file).steps.length;
    const traj = readTrajectoryFile(file, { snapshots: [T - 1] }); // only the last snapshot is read
    mlp = snapshot(traj, 0);
    title = `${file}: [${traj.sizes.join(', ')}] ${traj.activation}, last snapshot (step ${traj.steps[0]}), labels ${JSON.stringify(traj.labels)}`;
  }
  const graph = mlpGraph(mlp);
  return [title, '', describeGraph(graph, { maxEdges: 24 }), '', describeStats(graphStats(graph))].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const s = args.indexOf('--seed');
  const seed = s >= 0 ? Number(args[s + 1]) : 1;
  const file = args.find((a, i) => !a.startsWith('--') && (s < 0 || i !== s + 1));
  process.stdout.write(`${sirenGraphExample(file, seed)}\n`);
}
