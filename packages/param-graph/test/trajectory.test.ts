import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Trajectory } from '../src/index.js';
import { readSafetensors, readTrajectory, snapshot, trajectoryFromSnapshots, writeSafetensors, writeTrajectory } from '../src/index.js';
import { readSafetensorsFile, readSafetensorsHeaderFile, readTrajectoryFile, readTrajectoryFileAsync, writeTrajectoryFile } from '../src/node/index.js';
import { sameBits } from './arbitraries.js';
import { caught } from './helpers.js';
import { REFERENCE_DIR, loadExpected, referenceBytes, referencePath } from './reference.js';

describe.skipIf(REFERENCE_DIR === undefined)('readTrajectory on the reference files', () => {
  const expected = loadExpected();
  for (const [id, exp] of Object.entries(expected)) {
    it(`${id}: architecture, steps, seed, labels and tensors as the metadata says`, () => {
      const traj = readTrajectory(referenceBytes(exp.file), { name: exp.file });
      const raw = readSafetensors(referenceBytes(exp.file));
      expect(traj.sizes).toEqual((JSON.parse(exp.metadata['architecture'] as string) as { sizes: number[] }).sizes);
      expect(traj.activation).toBe(exp.metadata['activation']);
      expect(traj.steps).toEqual(JSON.parse(exp.metadata['steps'] as string));
      expect(traj.seed).toBe(Number(exp.metadata['seed']));
      expect(traj.labels).toEqual(JSON.parse(exp.metadata['labels'] as string));
      expect(traj.metadata).toEqual({});
      expect(traj.extras).toBeUndefined();
      for (let l = 0; l < traj.sizes.length - 1; l++) {
        expect(sameBits(traj.weights[l], raw.tensors[`layers.${l}.weight`]?.data)).toBe(true);
        expect(sameBits(traj.biases[l], raw.tensors[`layers.${l}.bias`]?.data)).toBe(true);
      }
    });
    it(`${id}: the file-path variant reads the same, and a snapshot subset equals the slices`, () => {
      const full = readTrajectory(referenceBytes(exp.file));
      const fromFile = readTrajectoryFile(referencePath(exp.file));
      expect(fromFile.steps).toEqual(full.steps);
      full.weights.forEach((w, l) => expect(sameBits(fromFile.weights[l], w)).toBe(true));
      const T = full.steps.length;
      const picks = T === 1 ? [0] : [0, T - 1];
      for (const sub of [readTrajectoryFile(referencePath(exp.file), { snapshots: picks }), readTrajectory(referenceBytes(exp.file), { snapshots: picks })]) {
        expect(sub.steps).toEqual(picks.map((t) => full.steps[t]));
        picks.forEach((t, i) => {
          const a = snapshot(sub, i);
          const b = snapshot(full, t);
          a.weights.forEach((w, l) => expect(sameBits(w, b.weights[l])).toBe(true));
          a.biases.forEach((x, l) => expect(sameBits(x, b.biases[l])).toBe(true));
        });
      }
      const header = readSafetensorsHeaderFile(referencePath(exp.file));
      expect(header.metadata).toEqual(exp.metadata);
      expect(Object.keys(header.tensors)).toEqual(Object.keys(exp.tensors));
      const one = readSafetensorsFile(referencePath(exp.file), { names: ['layers.0.bias'] });
      expect(Object.keys(one.tensors)).toEqual(['layers.0.bias']);
    });
    it(`${id}: readTrajectoryFileAsync equals the synchronous reader, subsets included`, async () => {
      const T = JSON.parse(exp.metadata['steps'] as string).length as number;
      for (const snapshots of [undefined, [T - 1]]) {
        const opts = snapshots === undefined ? {} : { snapshots };
        const a = await readTrajectoryFileAsync(referencePath(exp.file), opts);
        const b = readTrajectoryFile(referencePath(exp.file), opts);
        expect(a.steps).toEqual(b.steps);
        expect(a.labels).toEqual(b.labels);
        b.weights.forEach((w, l) => expect(sameBits(a.weights[l], w)).toBe(true));
        b.biases.forEach((x, l) => expect(sameBits(a.biases[l], x)).toBe(true));
      }
    });
    it(`${id}: write -> read keeps every tensor bit and all metadata`, () => {
      const traj = readTrajectory(referenceBytes(exp.file));
      const back = readTrajectory(writeTrajectory(traj));
      expect(back.steps).toEqual(traj.steps);
      expect(back.labels).toEqual(traj.labels);
      expect(back.seed).toBe(traj.seed);
      traj.weights.forEach((w, l) => expect(sameBits(back.weights[l], w)).toBe(true));
      traj.biases.forEach((b, l) => expect(sameBits(back.biases[l], b)).toBe(true));
    });
  }
});

function tiny(): Trajectory {
  const w = (xs: number[]) => Float64Array.from(xs);
  return trajectoryFromSnapshots(
    [
      { sizes: [2, 1], activation: 'relu', weights: [w([1, 2])], biases: [w([0.5])] },
      { sizes: [2, 1], activation: 'relu', weights: [w([3, -0])], biases: [w([-1])] },
    ],
    [0, 10],
    { seed: 3, labels: { class: 2 }, metadata: { optimizer: 'adam' } },
  );
}

describe('trajectory files: errors name the problem', () => {
  const meta = (over: Record<string, string | undefined>) => {
    const m: Record<string, string> = { format: 'geo-trajectory', architecture: '{"sizes": [2, 1]}', activation: 'relu', steps: '[0, 10]', seed: '3', labels: '{}' };
    for (const [k, v] of Object.entries(over)) {
      if (v === undefined) delete m[k];
      else m[k] = v;
    }
    return m;
  };
  const tensors = {
    'layers.0.weight': { dtype: 'F64' as const, shape: [2, 1, 2], data: new Float64Array(4) },
    'layers.0.bias': { dtype: 'F64' as const, shape: [2, 1], data: new Float64Array(2) },
  };
  const cases: [string, Uint8Array, RegExp, string][] = [
    ['wrong format', writeSafetensors(tensors, meta({ format: 'other' })), /format/, 'f.__metadata__.format'],
    ['missing architecture', writeSafetensors(tensors, meta({ architecture: undefined })), /no "architecture"/, 'f.__metadata__.architecture'],
    ['architecture not JSON', writeSafetensors(tensors, meta({ architecture: '{sizes' })), /not valid JSON/, 'f.__metadata__.architecture'],
    ['architecture without sizes', writeSafetensors(tensors, meta({ architecture: '{"layers": 2}' })), /sizes/, 'f.__metadata__.architecture'],
    ['unknown activation', writeSafetensors(tensors, meta({ activation: 'swish' })), /activation/, 'f.__metadata__.activation'],
    ['steps not increasing', writeSafetensors(tensors, meta({ steps: '[10, 0]' })), /steps/, 'f.__metadata__.steps'],
    ['steps count disagrees with T', writeSafetensors(tensors, meta({ steps: '[0, 10, 20]' })), /shape \[2, 1, 2\]/, 'f.layers.0.weight'],
    ['seed not an integer', writeSafetensors(tensors, meta({ seed: '1.5' })), /seed/, 'f.__metadata__.seed'],
    ['labels not an object', writeSafetensors(tensors, meta({ labels: '[1]' })), /labels/, 'f.__metadata__.labels'],
    ['missing tensor', writeSafetensors({ 'layers.0.weight': tensors['layers.0.weight'] }, meta({})), /"layers.0.bias" is missing/, 'f.layers.0.bias'],
    ['shape disagrees with architecture', writeSafetensors(tensors, meta({ architecture: '{"sizes": [1, 2]}' })), /implies/, 'f.layers.0.weight'],
    [
      'a layer the architecture does not have',
      writeSafetensors({ ...tensors, 'layers.1.weight': { dtype: 'F64', shape: [1], data: new Float64Array(1) } }, meta({})),
      /does not belong/,
      'f.layers.1.weight',
    ],
  ];
  for (const [label, bytes, message, argument] of cases) {
    it(label, () => {
      const e = caught(() => readTrajectory(bytes, { name: 'f' }));
      expect(e.code).toBe('CORRUPT_FILE');
      expect(e.message).toMatch(message);
      expect(e.argument).toBe(argument);
    });
  }
  it('non-finite parameters are NOT_FINITE unless allowNonFinite', () => {
    const t = { ...tensors, 'layers.0.bias': { dtype: 'F64' as const, shape: [2, 1], data: new Float64Array([0, Number.NaN]) } };
    const bytes = writeSafetensors(t, meta({}));
    const e = caught(() => readTrajectory(bytes, { name: 'f' }));
    expect(e.code).toBe('NOT_FINITE');
    expect(e.argument).toBe('f.biases[0][1]');
    expect(Number.isNaN(readTrajectory(bytes, { allowNonFinite: true }).biases[0]?.[1])).toBe(true);
  });
  it("labels may hold Python json.dumps' bare NaN and Infinity (outside strings only)", () => {
    const labels = '{"acc": NaN, "loss": Infinity, "low": -Infinity, "s": "NaN \\" Infinity", "v": [1, -Infinity]}';
    const traj = readTrajectory(writeSafetensors(tensors, meta({ labels })));
    expect(traj.labels).toEqual({ acc: Number.NaN, loss: Infinity, low: -Infinity, s: 'NaN " Infinity', v: [1, -Infinity] });
    expect(caught(() => readTrajectory(writeSafetensors(tensors, meta({ labels: '{"a": Nan}' })))).argument).toBe('bytes.__metadata__.labels');
  });
  it('bad snapshot selections are OUT_OF_RANGE', () => {
    const bytes = writeTrajectory(tiny());
    for (const snapshots of [[], [2], [1, 0], [0.5]]) {
      const e = caught(() => readTrajectory(bytes, { snapshots }));
      expect(e.code).toBe('OUT_OF_RANGE');
      expect(e.argument).toBe('options.snapshots');
    }
  });
  it('writeTrajectory refuses reserved metadata keys and mismatched buffers', () => {
    const t = tiny();
    expect(caught(() => writeTrajectory({ ...t, metadata: { steps: 'x' } })).argument).toBe('trajectory.metadata.steps');
    expect(caught(() => writeTrajectory({ ...t, steps: [0] })).code).toBe('BAD_SHAPE');
    expect(caught(() => writeTrajectory({ ...t, steps: [5, 5] })).argument).toBe('trajectory.steps[1]');
    expect(caught(() => writeTrajectory({ ...t, weights: [new Float64Array(3)] })).argument).toBe('trajectory.weights[0]');
  });
  it('missing files are NOT_FOUND, naming the path', () => {
    const e = caught(() => readTrajectoryFile('/nonexistent/x.safetensors'));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.argument).toBe('/nonexistent/x.safetensors');
  });
});

describe('trajectory files on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'param-graph-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('writeTrajectoryFile is atomic and round-trips, extras and metadata included', () => {
    const t = {
      ...tiny(),
      extras: { loss: { dtype: 'F32' as const, shape: [2], data: new Float32Array([0.5, 0.25]) } },
    };
    const path = join(dir, 'a.safetensors');
    writeTrajectoryFile(path, t, { dtype: 'F32' });
    const back = readTrajectoryFile(path);
    expect(back.weights[0]).toBeInstanceOf(Float32Array);
    expect(Array.from(back.weights[0] ?? [])).toEqual([1, 2, 3, -0]);
    expect(Object.is(back.weights[0]?.[3], -0)).toBe(true);
    expect(back.metadata).toEqual({ optimizer: 'adam' });
    expect(back.labels).toEqual({ class: 2 });
    expect(back.seed).toBe(3);
    expect(Array.from(back.extras?.['loss']?.data ?? [])).toEqual([0.5, 0.25]);
    expect(Buffer.from(readFileSync(path)).equals(Buffer.from(writeTrajectory(t, { dtype: 'F32' })))).toBe(true);
  });
  it('a truncated file on disk is CORRUPT_FILE naming the path (sync and async)', async () => {
    const path = join(dir, 'b.safetensors');
    const bytes = writeTrajectory(tiny());
    writeFileSync(path, bytes.subarray(0, bytes.length - 1));
    const e = caught(() => readTrajectoryFile(path));
    expect(e.code).toBe('CORRUPT_FILE');
    expect(e.argument).toBe(path);
    await expect(readTrajectoryFileAsync(path)).rejects.toMatchObject({ code: 'CORRUPT_FILE', argument: path });
    await expect(readTrajectoryFileAsync(join(dir, 'missing.safetensors'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const t = tiny();
    writeTrajectoryFile(path, t);
    expect((await readTrajectoryFileAsync(path, { snapshots: [1] })).steps).toEqual([10]);
  });
});
