import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sirenGraphExample } from '../examples/siren-graph.js';
import { USAGE, runCli } from '../src/cli.js';
import { mlpGraph, readTrajectory, snapshot } from '../src/index.js';
import { REFERENCE_DIR, referenceBytes, referencePath } from './reference.js';

function run(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('geo-param-graph CLI', () => {
  it('--help and no arguments print the usage', () => {
    for (const args of [['--help'], ['-h'], []]) {
      const r = run(...args);
      expect(r.code).toBe(0);
      expect(r.out).toBe(USAGE);
    }
  });
  it('siren prints the graph of a 2-32-32-1 SIREN', () => {
    const r = run('siren', '--seed', '3');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/70 nodes \(2 input, 64 hidden, 1 output, 3 bias\), 1185 edges \(65 from bias nodes, 0 cross-layer\)/);
    expect(r.out).toMatch(/power law of \|w\|/);
  });
  it('usage errors exit 2, file and argument errors exit 1 naming the GeoError', () => {
    expect(run('frobnicate', 'x').code).toBe(2);
    expect(run('graph').code).toBe(2);
    expect(run('--bogus').code).toBe(2);
    const missing = run('info', '/nonexistent.safetensors');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/NOT_FOUND/);
    expect(run('siren', '--max-edges', 'x').err).toMatch(/--max-edges must be an integer/);
  });
});

describe.skipIf(REFERENCE_DIR === undefined)('geo-param-graph on the reference SIREN trajectory', () => {
  const file = REFERENCE_DIR === undefined ? '' : referencePath('siren-2-32-32-1-f32.safetensors');
  it('info lists metadata and tensors from the header', () => {
    const r = run('info', file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/activation: sin/);
    expect(r.out).toMatch(/tensor layers\.1\.weight: F32 \[12, 32, 32\]/);
  });
  it('graph --json gives the same arrays as mlpGraph', () => {
    const r = run('graph', file, '--snapshot', '4', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { src: number[]; weight: number[]; nodeFeatures: number[] };
    const g = mlpGraph(snapshot(readTrajectory(referenceBytes('siren-2-32-32-1-f32.safetensors')), 4));
    expect(j.src).toEqual(Array.from(g.src));
    expect(j.weight).toEqual(Array.from(g.weight));
    expect(j.nodeFeatures).toEqual(Array.from(g.nodeFeatures));
  });
  it('stats prints one block per snapshot; a bad --snapshot is an error', () => {
    expect(run('stats', file).out.match(/^snapshot \d+ \(step \d+\)$/gm)?.length).toBe(12);
    expect(run('stats', file, '--snapshot=-1').out).toMatch(/snapshot 11 \(step 1000\)/);
    expect(run('graph', file, '--snapshot', '12').code).toBe(1);
  });
  it('the example prints the reference SIREN graph from its last snapshot', () => {
    const text = sirenGraphExample(file);
    expect(text).toMatch(/last snapshot \(step 1000\)/);
    expect(text).toMatch(/70 nodes/);
  });
});

describe('examples/siren-graph.ts', () => {
  it('prints the nodes, edges and statistics of a freshly initialised SIREN', () => {
    const text = sirenGraphExample(undefined, 1);
    expect(text).toMatch(/^SIREN 2-32-32-1 at initialisation/);
    expect(text.match(/^ +\d+ +\d+ +(input|hidden|output|bias) /gm)?.length).toBe(70); // every node listed
    expect(text).toMatch(/\.\.\. 2346 more edges/);
    expect(text).toMatch(/degree +n=70/);
  });
});

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
describe.skipIf(!existsSync(bin))('the built geo-param-graph executable', () => {
  it('runs --help', () => {
    const r = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^geo-param-graph: /);
  });
});
