// Runs one bench file and writes its results as JSON. A bench file default-exports
// `async () => BenchFileReport`: its tinybench Bench objects (run here) and any derived
// figures it wants reported (GFLOP/s, ratios to a peer), computed after the run.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Bench } from 'tinybench';

export interface BenchFileReport {
  readonly benches: readonly Bench[];
  /** Called after every bench has run; returns named figures (e.g. GFLOP/s, speed-up over the naive loop). */
  readonly figures?: () => Record<string, number>;
}

const [file, out] = process.argv.slice(2);
if (file === undefined || out === undefined) throw new Error('usage: bench-one.ts <file.bench.ts> <out.json>');

const mod = (await import(pathToFileURL(file).href)) as { default: () => Promise<BenchFileReport> };
const report = await mod.default();
const benches = [];
for (const bench of report.benches) {
  await bench.run();
  console.log(`\n${bench.name ?? ''}`);
  console.table(bench.table());
  benches.push({
    name: bench.name ?? null,
    tasks: bench.tasks.map((t) => {
      const r = t.result;
      const stats = 'latency' in r ? { meanMs: r.latency.mean, p99Ms: r.latency.p99, rme: r.latency.rme, samples: r.latency.samplesCount, opsPerSec: r.throughput.mean } : {};
      return { name: t.name, state: r.state, ...stats };
    }),
  });
}
const figures = report.figures?.() ?? {};
for (const [k, v] of Object.entries(figures)) console.log(`${k}: ${v.toPrecision(4)}`);
const failed = benches.flatMap((b) => b.tasks).filter((t) => t.state !== 'completed');
const json = {
  schemaVersion: 1,
  file,
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryBytes: totalmem(), node: process.version },
  benches,
  figures,
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(`${out}.tmp`, `${JSON.stringify(json, null, 2)}\n`);
renameSync(`${out}.tmp`, out);
if (failed.length > 0) {
  console.error(`failed tasks: ${failed.map((t) => t.name).join(', ')}`);
  process.exit(1);
}
