// The `geo-param-graph` command: inspect trajectory files and print snapshot graphs.
// Node-only (reads files); kept out of the root entry, which stays browser-safe.
import { parseArgs } from 'node:util';
import { GeoError } from '@geo/core';
import { describeGraph, describeStats } from './describe-graph.js';
import { graphStats } from './graph-stats.js';
import { initSiren } from './init.js';
import { mlpGraph } from './mlp-graph.js';
import { readSafetensorsHeaderFile, readTrajectoryFile, readTrajectoryInfoFile } from './node/index.js';
import type { ParamGraph } from './param-graph.js';
import { snapshot } from './trajectory.js';

/**
 * Usage text of `geo-param-graph`.
 *
 * @example
 * runCli(['--help'], io) // prints USAGE
 */
export const USAGE = `geo-param-graph: MLP training trajectories (safetensors) as signed parameter graphs

usage:
  geo-param-graph info <file.safetensors>              architecture, steps, seed, labels, tensors (header only)
  geo-param-graph graph <file> [--snapshot t] [options] the graph of snapshot t (default: the last)
  geo-param-graph stats <file> [--snapshot t]          degree/strength distributions and power-law fits per snapshot
  geo-param-graph siren [--seed s] [options]           the graph of a freshly initialised 2-32-32-1 SIREN

options:
  --snapshot t     0-based snapshot index; negative counts from the end (--snapshot=-1)
  --directed       keep edges directed instead of averaging anti-parallel pairs
  --max-edges n    edges to print (default 20; nodes are all printed)
  --json           graph as JSON arrays (src, dst, weight, isBias, crossLayer, nodeFeatures)
  --seed s         seed for \`siren\` (default 1)
  -h, --help       this text
`;

/** Where the CLI writes. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

function graphJson(g: ParamGraph): string {
  return JSON.stringify({
    numNodes: g.numNodes,
    numEdges: g.numEdges,
    directed: g.directed,
    src: Array.from(g.src),
    dst: Array.from(g.dst),
    weight: Array.from(g.weight),
    isBias: Array.from(g.isBias),
    crossLayer: Array.from(g.crossLayer),
    indptr: Array.from(g.indptr),
    nodeFeatureNames: ['layer', 'type', 'esAbs', 'esSgn'],
    nodeFeatures: Array.from(g.nodeFeatures),
  });
}

/**
 * Runs `geo-param-graph` with `argv` (without node and the script) and returns the exit
 * code: 0 on success, 1 on a GeoError (bad file or argument, printed to `err`), 2 on usage errors.
 *
 * @example
 * runCli(['info', 'model.safetensors'], { out: console.log, err: console.error }) // 0
 */
export function runCli(argv: readonly string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        snapshot: { type: 'string' },
        directed: { type: 'boolean', default: false },
        'max-edges': { type: 'string', default: '20' },
        json: { type: 'boolean', default: false },
        seed: { type: 'string', default: '1' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, file] = positionals;
  if (values.help === true || command === undefined) {
    io.out(USAGE);
    return 0;
  }
  const int = (s: string | undefined, name: string, fallback: number): number => {
    if (s === undefined) return fallback;
    if (!/^-?\d+$/.test(s)) throw new GeoError('NOT_INTEGER', `--${name} must be an integer, got ${JSON.stringify(s)}`, { argument: `--${name}` });
    return Number(s);
  };
  try {
    const maxEdges = int(values['max-edges'], 'max-edges', 20);
    const directed = values.directed === true;
    if (command === 'siren') {
      const mlp = initSiren([2, 32, 32, 1], { seed: int(values.seed, 'seed', 1) });
      const g = mlpGraph(mlp, { directed });
      io.out(values.json === true ? graphJson(g) : `SIREN 2-32-32-1, seed ${values.seed}\n${describeGraph(g, { maxEdges })}\n\n${describeStats(graphStats(g))}`);
      return 0;
    }
    if (file === undefined || !['info', 'graph', 'stats'].includes(command)) {
      io.err(`${file === undefined && ['info', 'graph', 'stats'].includes(command) ? `${command} needs a file` : `unknown command ${JSON.stringify(command)}`}\n\n${USAGE}`);
      return 2;
    }
    if (command === 'info') {
      const h = readSafetensorsHeaderFile(file);
      io.out(
        [
          `${file}: header ${h.headerLength} bytes, data from byte ${h.dataStart}`,
          ...Object.entries(h.metadata).map(([k, v]) => `  ${k}: ${v}`),
          ...Object.entries(h.tensors).map(([k, t]) => `  tensor ${k}: ${t.dtype} [${t.shape.join(', ')}] bytes ${t.dataOffsets[0]}..${t.dataOffsets[1]}`),
        ].join('\n'),
      );
      return 0;
    }
    const header = readTrajectoryInfoFile(file); // architecture and T without loading any weights
    const T = header.steps.length;
    const pick = (t: number): number => {
      const k = t < 0 ? T + t : t;
      if (k < 0 || k >= T) throw new GeoError('OUT_OF_RANGE', `--snapshot ${t} is outside 0..${T - 1}`, { argument: '--snapshot' });
      return k;
    };
    if (command === 'graph') {
      const t = pick(int(values.snapshot, 'snapshot', -1));
      const traj = readTrajectoryFile(file, { snapshots: [t] });
      const g = mlpGraph(snapshot(traj, 0), { directed });
      io.out(
        values.json === true
          ? graphJson(g)
          : `${file}: [${header.sizes.join(', ')}] ${header.activation}, snapshot ${t} (step ${traj.steps[0]})\n${describeGraph(g, { maxEdges })}`,
      );
      return 0;
    }
    const picks = values.snapshot === undefined ? Array.from({ length: T }, (_, t) => t) : [pick(int(values.snapshot, 'snapshot', -1))];
    const traj = readTrajectoryFile(file, { snapshots: picks });
    const lines = [`${file}: [${traj.sizes.join(', ')}] ${traj.activation}, ${T} snapshots`];
    picks.forEach((t, i) => {
      lines.push('', `snapshot ${t} (step ${traj.steps[i]})`, describeStats(graphStats(mlpGraph(snapshot(traj, i), { directed }))));
    });
    io.out(lines.join('\n'));
    return 0;
  } catch (e) {
    if (e instanceof GeoError) {
      io.err(`error (${e.code}${e.argument === undefined ? '' : `, ${e.argument}`}): ${e.message}`);
      return 1;
    }
    throw e;
  }
}
