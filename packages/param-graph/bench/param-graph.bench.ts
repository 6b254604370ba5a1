// Trajectory I/O, snapshot-graph construction and packing, power-law fitting, each swept
// over sizes with a naive baseline beside it (Map-based symmetrisation + Array.sort; a
// DataView loop for decoding; the full xmin scan for the fit).
import { Bench } from 'tinybench';
import type { Mlp, ParamGraph } from '../src/index.js';
import { fitPowerLaw, mlpGraph, packGraphs, readTrajectory, trajectoryFromSnapshots, writeTrajectory } from '../src/index.js';
import { createRng } from '@geo/core';

function randomMlp(sizes: number[], seed: number): Mlp {
  const rng = createRng(seed);
  const weights = sizes.slice(1).map((o, l) => rng.fillNormal(new Float32Array(o * (sizes[l] as number)), 0, 1 / Math.sqrt(sizes[l] as number)));
  const biases = sizes.slice(1).map((o) => rng.fillNormal(new Float32Array(o), 0, 0.1));
  return { sizes, activation: 'relu', weights, biases };
}

/** The baseline: edges via a Map keyed by node pair, averaged, then Array.sort; strengths summed; no typed-array kernels. */
function naiveGraph(mlp: Mlp): { src: number[]; dst: number[]; w: number[]; strength: number[] } {
  const offsets = [0];
  for (const s of mlp.sizes) offsets.push((offsets[offsets.length - 1] as number) + s);
  const nNeurons = offsets[offsets.length - 1] as number;
  const pairs = new Map<string, number[]>();
  mlp.weights.forEach((W, l) => {
    const nIn = mlp.sizes[l] as number;
    const nOut = mlp.sizes[l + 1] as number;
    for (let j = 0; j < nOut; j++) {
      for (let i = 0; i < nIn; i++) {
        const w = W[j * nIn + i] as number;
        if (w !== 0) pairs.set(`${(offsets[l] as number) + i},${(offsets[l + 1] as number) + j}`, [w]);
      }
      const b = (mlp.biases[l] as Float32Array)[j] as number;
      if (b !== 0) pairs.set(`${nNeurons + l},${(offsets[l + 1] as number) + j}`, [b]);
    }
  });
  const edges: [number, number, number][] = [];
  for (const [k, ws] of pairs) {
    const [u, v] = k.split(',').map(Number) as [number, number];
    const w = ws.reduce((a, b) => a + b, 0) / ws.length;
    edges.push([u, v, w], [v, u, w]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const strength = new Array<number>(nNeurons + mlp.sizes.length - 1).fill(0);
  for (const [u, , w] of edges) strength[u] = (strength[u] as number) + Math.abs(w);
  return { src: edges.map((e) => e[0]), dst: edges.map((e) => e[1]), w: edges.map((e) => e[2]), strength };
}

function naiveDecode(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(4 * i, true);
  return out;
}

export default async function () {
  let sink = 0;
  const figures: Record<string, number> = {};

  const io = new Bench({ name: 'trajectory files (float32, T snapshots)', time: 1000, warmupTime: 200, iterations: 5 });
  const ioSizes: [string, number[], number][] = [
    ['784-50-20-10 T=3', [784, 50, 20, 10], 3],
    ['784-50-20-10 T=32', [784, 50, 20, 10], 32],
    ['2-32-32-1 T=12', [2, 32, 32, 1], 12],
  ];
  const ioBytes: Record<string, number> = {};
  for (const [label, sizes, T] of ioSizes) {
    const traj = trajectoryFromSnapshots(Array.from({ length: T }, (_, t) => randomMlp(sizes, t)), Array.from({ length: T }, (_, t) => t));
    const bytes = writeTrajectory(traj);
    ioBytes[label] = bytes.length;
    io.add(`readTrajectory ${label} (${(bytes.length / 1e6).toFixed(2)} MB)`, () => {
      sink += readTrajectory(bytes).weights[0]?.[0] as number;
    });
    io.add(`writeTrajectory ${label}`, () => {
      sink += writeTrajectory(traj).length;
    });
    io.add(`baseline: DataView decode ${label}`, () => {
      sink += naiveDecode(bytes.subarray(bytes.length - 4 * Math.floor((bytes.length - 1024) / 4))).length;
    });
  }

  const build = new Bench({ name: 'snapshot graph (undirected, with node features)', time: 1000, warmupTime: 200, iterations: 5 });
  const graphSizes = [
    [2, 32, 32, 1],
    [784, 50, 20, 10],
    [256, 256, 256, 10],
    [512, 512, 512, 10],
  ];
  const edgesOf: Record<string, number> = {};
  for (const sizes of graphSizes) {
    const mlp = randomMlp(sizes, 1);
    const label = sizes.join('-');
    edgesOf[label] = mlpGraph(mlp).numEdges / 2;
    build.add(`mlpGraph ${label}`, () => {
      sink += mlpGraph(mlp).numEdges;
    });
    build.add(`baseline: Map + Array.sort ${label}`, () => {
      sink += naiveGraph(mlp).src.length;
    });
  }

  const pack = new Bench({ name: 'packGraphs (disjoint union)', time: 1000, warmupTime: 200, iterations: 5 });
  for (const count of [12, 96]) {
    const graphs: ParamGraph[] = Array.from({ length: count }, (_, k) => mlpGraph(randomMlp([2, 32, 32, 1], k)));
    pack.add(`packGraphs ${count} x SIREN 2-32-32-1`, () => {
      sink += packGraphs(graphs).numEdges;
    });
  }

  const fit = new Bench({ name: 'fitPowerLaw of |w| (continuous, KS xmin scan)', time: 1000, warmupTime: 100, iterations: 3 });
  for (const n of [1_000, 10_000, 40_000]) {
    const rng = createRng(n);
    const xs = Float64Array.from({ length: n }, () => (1 - rng.uniform()) ** (-1 / 1.5));
    fit.add(`fitPowerLaw n=${n} (500 candidates)`, () => {
      sink += fitPowerLaw(xs).alpha;
    });
    if (n <= 10_000) {
      fit.add(`baseline: every distinct xmin n=${n}`, () => {
        sink += fitPowerLaw(xs, { maxCandidates: n }).alpha;
      });
    }
  }

  return {
    benches: [io, build, pack, fit],
    figures: () => {
      for (const task of build.tasks) {
        const r = task.result;
        if (!('latency' in r)) continue;
        const label = task.name.split(' ').pop() as string;
        const edges = edgesOf[label];
        if (edges !== undefined && task.name.startsWith('mlpGraph')) figures[`mlpGraph ${label} Medges/s`] = edges / r.latency.mean / 1e3;
        const naive = build.tasks.find((t) => t.name === `baseline: Map + Array.sort ${label}`)?.result;
        if (task.name.startsWith('mlpGraph') && naive !== undefined && 'latency' in naive) figures[`mlpGraph ${label} speed-up over baseline`] = naive.latency.mean / r.latency.mean;
      }
      for (const task of io.tasks) {
        const r = task.result;
        if (!('latency' in r) || !task.name.startsWith('readTrajectory')) continue;
        const label = Object.keys(ioBytes).find((k) => task.name.startsWith(`readTrajectory ${k} (`)) as string;
        figures[`readTrajectory ${label} MB/s`] = (ioBytes[label] as number) / r.latency.mean / 1e3;
      }
      if (Number.isNaN(sink)) figures['sink'] = sink;
      return figures;
    },
  };
}
