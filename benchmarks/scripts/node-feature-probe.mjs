#!/usr/bin/env node
// Diagnostic: how much class signal do GTH-GMN's node inputs carry on their own? Per readout
// group (each layer's neurons, each bias node) of a snapshot, 7 statistics (mean, std,
// min, quartiles, max) of the paper's node features (es_abs, es_sgn z-scores), optionally
// also of the raw incident strengths, into the leaderboard's gradient-boosted trees.
// Usage (after `npm run build`): node benchmarks/scripts/node-feature-probe.mjs --zoo-dir /work/zoos [--task inr-mnist]
import process from 'node:process';
import { parseArgs } from 'node:util';
import { mlpGraph, snapshot } from '@geo/param-graph';
import { accuracy, leaderboardTask, loadZooSplit, zooFolder } from '../dist/leaderboard/index.js';
import { fitGbt, predictGbt } from '../dist/leaderboard/methods/gbt/index.js';

const { values } = parseArgs({ options: { 'zoo-dir': { type: 'string' }, task: { type: 'string', default: 'inr-mnist' }, help: { type: 'boolean', short: 'h' } } });
if (values.help === true || values['zoo-dir'] === undefined) {
  process.stdout.write('usage: node-feature-probe.mjs --zoo-dir DIR [--task inr-mnist|inr-fmnist]  (reads DIR/<zoo>-cpu)\n');
  process.exit(values.help === true ? 0 : 2);
}
const task = leaderboardTask(values.task);
if (task.spec.kind !== 'classification') throw new Error(`--task must be a classification task, got ${values.task}`);
const scale = task.scales.cpu;
const folder = zooFolder(values['zoo-dir'], task.zoo, 'cpu');
const read = (split, limit) => loadZooSplit(folder, split, { snapshots: scale.snapshots, target: task.target, limit });
const splits = { train: read('train', scale.train), val: read('val', scale.val), test: read('test', scale.test) };
const QUARTILES = [0, 0.25, 0.5, 0.75, 1];

function stats(values) {
  const a = Float64Array.from(values).sort();
  const n = a.length;
  const mean = a.reduce((s, v) => s + v, 0) / n;
  const std = Math.sqrt(a.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
  return [mean, std, ...QUARTILES.map((q) => a[Math.round(q * (n - 1))])];
}

function features(trajectory, withRaw, snapshots) {
  const T = trajectory.steps.length;
  const ts = snapshots === 'last' ? [T - 1] : [0, Math.round((T - 1) / 3), Math.round((2 * (T - 1)) / 3), T - 1];
  const out = [];
  for (const t of ts) {
    const g = mlpGraph(snapshot(trajectory, t));
    const abs = new Float64Array(g.numNodes);
    const sgn = new Float64Array(g.numNodes);
    for (let e = 0; e < g.numEdges; e++) {
      abs[g.dst[e]] += Math.abs(g.weight[e]);
      sgn[g.dst[e]] += g.weight[e];
    }
    const groups = new Map();
    for (let u = 0; u < g.numNodes; u++) {
      const key = `${g.nodeType[u] === 3 ? 'bias' : 'layer'}${g.layer[u]}`;
      groups.set(key, [...(groups.get(key) ?? []), u]);
    }
    for (const key of [...groups.keys()].sort()) {
      const us = groups.get(key);
      const columns = [us.map((u) => g.nodeFeatures[u * 4 + 2]), us.map((u) => g.nodeFeatures[u * 4 + 3])];
      if (withRaw) columns.push(us.map((u) => Math.asinh(abs[u])), us.map((u) => Math.asinh(sgn[u])));
      for (const c of columns) out.push(...stats(c));
    }
  }
  return out;
}

function matrix(split, withRaw, snapshots) {
  const rows = split.trajectories.map((t) => features(t, withRaw, snapshots));
  const d = rows[0].length;
  const x = new Float64Array(rows.length * d);
  rows.forEach((r, i) => x.set(r, i * d));
  return { x, n: rows.length, d, y: split.targets };
}

for (const [withRaw, snapshots] of [[false, 'last'], [true, 'last'], [false, 'all'], [true, 'all']]) {
  const [tr, va, te] = ['train', 'val', 'test'].map((s) => matrix(splits[s], withRaw, snapshots));
  const scores = [0, 1, 2].map((seed) => {
    const model = fitGbt(tr, va, { objective: 'softmax', classes: task.spec.outputs, rounds: 1000, maxDepth: 3, maxLeaves: 8, rowSubsample: 0.8, colSubsample: 0.8, seed });
    return accuracy(predictGbt(model, te.x, te.n), te.y, task.spec.outputs);
  });
  const label = `${withRaw ? 'z-scores + raw strengths' : 'z-scores (the paper)'}, ${snapshots === 'last' ? 'last snapshot' : '4 snapshots'}`;
  process.stdout.write(`${values.task}\t${label}\t${tr.d} features\ttest accuracy ${scores.map((v) => (100 * v).toFixed(1)).join(' ')} %\n`);
}
