#!/usr/bin/env node
// Trial: one GTH-GMN variant on a task's cpu split, outside the leaderboard (no unit file), to
// try a config switch or budget before it becomes a method. Prints one JSON line: test score,
// training score (first 300 models), fit seconds and the method's info.
// Usage (after `npm run build`):
//   node benchmarks/scripts/gth-gmn-trial.mjs --zoo-dir /work/zoos --task cifar10-generalisation \
//     --seed 0 --overrides '{"rawStrengths":true}' [--budget '{"epochs":60,"config":{"hiddenDim":16}}']
import process from 'node:process';
import { parseArgs } from 'node:util';
import { GTH_GMN_BUDGETS, gthGmnMethod, leaderboardTask, loadZooSplit, zooFolder } from '../dist/leaderboard/index.js';

const { values } = parseArgs({
  options: {
    'zoo-dir': { type: 'string' },
    task: { type: 'string', default: 'inr-mnist' },
    seed: { type: 'string', default: '0' },
    overrides: { type: 'string', default: '{}' },
    budget: { type: 'string', default: '{}' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help === true || values['zoo-dir'] === undefined) {
  process.stdout.write(
    'usage: gth-gmn-trial.mjs --zoo-dir DIR [--task inr-mnist|inr-fmnist|sine|cifar10-generalisation] [--seed N]\n' +
      '       [--overrides JSON (GthGmnConfigInput switches)] [--budget JSON (merged over GTH_GMN_BUDGETS.cpu)]  (reads DIR/<zoo>-cpu)\n',
  );
  process.exit(values.help === true ? 0 : 2);
}
const json = (flag) => {
  try {
    return JSON.parse(values[flag]);
  } catch (e) {
    process.stderr.write(`--${flag} is not JSON: ${e.message}\n`);
    process.exit(2);
  }
};
const seed = Number(values.seed);
if (!Number.isInteger(seed) || seed < 0) {
  process.stderr.write(`--seed must be a non-negative integer, got ${values.seed}\n`);
  process.exit(2);
}
const task = leaderboardTask(values.task);
const scale = task.scales.cpu;
const folder = zooFolder(values['zoo-dir'], task.zoo, 'cpu');
const read = (split, limit) => loadZooSplit(folder, split, { snapshots: scale.snapshots, target: task.target, limit });
const [train, val, test] = [read('train', scale.train), read('val', scale.val), read('test', scale.test)];
const extra = json('budget');
const base = GTH_GMN_BUDGETS.cpu;
const budget = { ...base, ...extra, config: { ...base.config, ...(extra.config ?? {}) } };
const method = gthGmnMethod('trial', 'trial', json('overrides'), { ...GTH_GMN_BUDGETS, cpu: budget });
const started = Date.now();
const fitted = await method.fit(train, val, task.spec, {
  scale: 'cpu',
  seed,
  signal: new globalThis.AbortController().signal,
  onProgress: (done, total, label) => process.stderr.write(`\r${label ?? ''} ${done}/${total}   `),
});
process.stderr.write('\n');
const fitS = (Date.now() - started) / 1000;
const score = task.score(await fitted.predict(test.trajectories), test.targets);
const n = Math.min(300, train.trajectories.length);
const perModel = train.targets.length / train.trajectories.length;
const trainScore = task.score(await fitted.predict(train.trajectories.slice(0, n)), train.targets.subarray(0, n * perModel));
fitted.dispose();
process.stdout.write(`${JSON.stringify({ task: values.task, seed, overrides: json('overrides'), budget: extra, score, trainScore, fitS, info: fitted.info })}\n`);
