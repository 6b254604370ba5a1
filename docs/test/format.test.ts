// The embedding-file validator: the committed fixture and a fresh file from @geo/gth-gmn's
// writer pass (one schema, two sides); any corrupted field is reported as a GeoError whose
// `argument` is that field's path; random valid files pass unchanged.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { GeoError } from '@geo/core';
import { initBackend } from '@geo/core/tf';
import { initSiren, trajectoryFromSnapshots } from '@geo/param-graph';
import { GthGmn, registerGradients, trajectoryEmbeddingFile } from '@geo/gth-gmn/tf';
import { EMBEDDING_FORMAT, NODE_TYPES, validateEmbeddingFile } from '../viewer/src/format.js';

const fixturePath = fileURLToPath(new URL('../viewer/fixtures/sine-siren.json', import.meta.url));
const fixture = JSON.parse(readFileSync(fixturePath, 'utf8')) as Record<string, unknown>;

/** Untyped JSON, so a test can break any field of it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests corrupt arbitrary fields of parsed JSON
type Json = Record<string, any>;

/** A deep copy of the fixture with one change applied. */
function mutate(change: (f: Json) => void): unknown {
  const f = structuredClone(fixture) as Json;
  change(f);
  return f;
}

function expectFieldError(value: unknown, argument: string, message?: RegExp): void {
  let err: unknown;
  try {
    validateEmbeddingFile(value);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(GeoError);
  expect((err as GeoError).code).toBe('CORRUPT_FILE');
  expect((err as GeoError).argument).toBe(argument);
  if (message !== undefined) expect((err as GeoError).message).toMatch(message);
}

describe('validateEmbeddingFile', () => {
  it('accepts the committed fixture (a tiny GTH-GMN on a smoke sine SIREN trajectory)', () => {
    const f = validateEmbeddingFile(fixture);
    expect(f.format).toBe(EMBEDDING_FORMAT);
    expect(f.nodes.length).toBe(1 + 32 + 32 + 1 + 3);
    expect(f.snapshots.length).toBeGreaterThan(1);
  });

  describe('accepts what @geo/gth-gmn writes (round trip through JSON)', () => {
    beforeAll(async () => {
      await initBackend({ order: ['cpu'] });
      registerGradients();
    });
    it('for a 2-8-8-1 SIREN trajectory of three snapshots, with and without an edge limit', () => {
      const snaps = [1, 2, 3].map((s) => initSiren([2, 8, 8, 1], { seed: s }));
      const trajectory = trajectoryFromSnapshots(snaps, [0, 10, 20], { labels: { class: 1 } });
      const model = new GthGmn({ hiddenDim: 8, headDim: 4, gruDim: 8, headHidden: 8 }, 2);
      for (const options of [{}, { strongestEdges: 5 }, { projection: 'first-two' as const, snapshots: [0, 2] }]) {
        const file = trajectoryEmbeddingFile(model, trajectory, options);
        const parsed = validateEmbeddingFile(JSON.parse(JSON.stringify(file)));
        expect(parsed).toEqual(file);
      }
      model.dispose();
    });
  });

  it('names the offending field of a corrupted file', () => {
    expectFieldError(null, '(root)', /must be a JSON object/);
    expectFieldError(mutate((f) => (f['format'] = 'other')), 'format');
    expectFieldError(mutate((f) => (f['version'] = 2)), 'version', /only version/);
    expectFieldError(mutate((f) => (f['curvature'] = 0)), 'curvature', /positive/);
    expectFieldError(mutate((f) => (f['curvature'] = 'one')), 'curvature', /finite number/);
    expectFieldError(mutate((f) => (f['dimension'] = 3)), 'dimension');
    expectFieldError(mutate((f) => (f['projection'] = 'tsne')), 'projection');
    expectFieldError(mutate((f) => (f['strongestEdges'] = 1)), 'snapshots[0].edges.src', /more than strongestEdges/);
    expectFieldError(mutate((f) => (f['architecture']['sizes'][1] = 0)), 'architecture.sizes[1]');
    expectFieldError(mutate((f) => (f['labels'] = [])), 'labels');
    expectFieldError(mutate((f) => (f['output'][0] = null)), 'output[0]');
    expectFieldError(mutate((f) => (f['nodes'] = [])), 'nodes', /empty/);
    expectFieldError(mutate((f) => (f['nodes'][3]['id'] = 4)), 'nodes[3].id', /position 3/);
    expectFieldError(mutate((f) => (f['nodes'][5]['type'] = 'neuron')), 'nodes[5].type', /input, hidden, output, bias/);
    expectFieldError(mutate((f) => (f['nodes'][5]['layer'] = -1)), 'nodes[5].layer');
    expectFieldError(mutate((f) => (f['snapshots'] = [])), 'snapshots', /empty/);
    expectFieldError(mutate((f) => (f['snapshots'][1]['step'] = f['snapshots'][0]['step'])), 'snapshots[1].step');
    expectFieldError(mutate((f) => f['snapshots'][2]['positions'].pop()), 'snapshots[2].positions', /must have 138 entries/);
    expectFieldError(mutate((f) => (f['snapshots'][2]['positions'][7] = null)), 'snapshots[2].positions[7]', /finite number/);
    expectFieldError(mutate((f) => (f['snapshots'][2]['positions'][6] = 1.5)), 'snapshots[2].positions[6]', /outside the disk/);
    expectFieldError(mutate((f) => (f['snapshots'][0]['edges']['src'][4] = 69)), 'snapshots[0].edges.src[4]');
    expectFieldError(mutate((f) => f['snapshots'][0]['edges']['weight'].pop()), 'snapshots[0].edges.weight', /must have/);
    expectFieldError(mutate((f) => delete f['snapshots'][0]['edges']), 'snapshots[0].edges');
  });

  it('a point is outside the disk of radius 1/√c exactly when c|z|² ≥ 1 (property over c and radii)', () => {
    fc.assert(
      fc.property(fc.constantFrom(0.25, 1, 4), fc.double({ min: 0, max: 1.5, noNaN: true }), (c, u) => {
        const r = u / Math.sqrt(c);
        const f = mutate((g) => {
          g['curvature'] = c;
          g['snapshots'][0]['positions'] = g['snapshots'][0]['positions'].map(() => 0);
          g['snapshots'][0]['positions'][0] = r;
          g['snapshots'] = [g['snapshots'][0]];
        });
        if (c * r * r < 1) expect(() => validateEmbeddingFile(f)).not.toThrow();
        else expectFieldError(f, 'snapshots[0].positions[0]', /outside the disk/);
      }),
    );
  });

  it('accepts random valid files and returns them unchanged (property)', () => {
    const validFile = fc
      .record({ N: fc.integer({ min: 1, max: 6 }), T: fc.integer({ min: 1, max: 4 }), c: fc.double({ min: 0.1, max: 10, noNaN: true }) })
      .chain(({ N, T, c }) =>
        fc.record({
          nodes: fc.array(fc.record({ layer: fc.nat(5), type: fc.constantFrom(...NODE_TYPES), index: fc.nat(40) }), { minLength: N, maxLength: N }),
          snapshots: fc.array(
            fc.record({
              positions: fc.array(fc.record({ r: fc.double({ min: 0, max: 0.999, noNaN: true }), th: fc.double({ min: -4, max: 4, noNaN: true }) }), { minLength: N, maxLength: N }),
              edges: fc.array(fc.record({ u: fc.nat(N - 1), v: fc.nat(N - 1), w: fc.double({ min: -5, max: 5, noNaN: true }) }), { maxLength: 8 }),
            }),
            { minLength: T, maxLength: T },
          ),
          c: fc.constant(c),
        }),
      )
      .map(({ nodes, snapshots, c }) => ({
        format: EMBEDDING_FORMAT,
        version: 1,
        curvature: c,
        dimension: 2,
        sourceDimension: 16,
        projection: 'pca',
        strongestEdges: null,
        architecture: { sizes: [1, 2], activation: 'sin' },
        labels: {},
        output: [0.5],
        nodes: nodes.map((n, id) => ({ id, ...n })),
        snapshots: snapshots.map((s, t) => ({
          step: 3 * t,
          positions: s.positions.flatMap(({ r, th }) => [(r * Math.cos(th)) / Math.sqrt(c), (r * Math.sin(th)) / Math.sqrt(c)]),
          edges: { src: s.edges.map((e) => e.u), dst: s.edges.map((e) => e.v), weight: s.edges.map((e) => e.w) },
        })),
      }));
    fc.assert(
      fc.property(validFile, (f) => {
        expect(validateEmbeddingFile(f)).toBe(f);
      }),
    );
  });
});
