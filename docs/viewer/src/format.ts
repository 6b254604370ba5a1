// The `geo-trajectory-embedding` file (version 1), as the viewer reads it: a validator that
// turns untrusted JSON into a typed object or throws a GeoError naming the offending field
// (format described in docs/viewer-format.md; written by @geo/gth-gmn's trajectoryEmbeddingFile).
import { GeoError } from '@geo/core';

export const EMBEDDING_FORMAT = 'geo-trajectory-embedding';
export const EMBEDDING_VERSION = 1;
export const NODE_TYPES = ['input', 'hidden', 'output', 'bias'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export interface EmbeddingNode {
  readonly id: number;
  readonly layer: number;
  readonly type: NodeType;
  readonly index: number;
}

export interface EmbeddingEdges {
  readonly src: readonly number[];
  readonly dst: readonly number[];
  readonly weight: readonly number[];
}

export interface EmbeddingSnapshot {
  readonly step: number;
  /** Flat [x0, y0, x1, y1, ...] in the disk of radius 1/√c. */
  readonly positions: readonly number[];
  readonly edges: EmbeddingEdges;
}

export interface EmbeddingFile {
  readonly format: typeof EMBEDDING_FORMAT;
  readonly version: 1;
  readonly curvature: number;
  readonly dimension: 2;
  readonly sourceDimension: number;
  readonly projection: 'none' | 'pca' | 'first-two';
  readonly strongestEdges: number | null;
  readonly architecture: { readonly sizes: readonly number[]; readonly activation: string };
  readonly labels: Readonly<Record<string, unknown>>;
  readonly output: readonly number[];
  readonly nodes: readonly EmbeddingNode[];
  readonly snapshots: readonly EmbeddingSnapshot[];
}

function fail(path: string, message: string, actual?: unknown): never {
  throw new GeoError('CORRUPT_FILE', `embedding file: ${path} ${message}`, { argument: path, actual: actual === undefined ? undefined : short(actual) });
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? `an array of ${v.length}` : v === null ? 'null' : typeof v === 'object' ? 'an object' : String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function int(v: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    fail(path, `must be an integer in [${min}, ${max === Number.MAX_SAFE_INTEGER ? '∞' : max}], got ${short(v)}`, v);
  }
  return v;
}

function finite(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, `must be a finite number, got ${short(v)}`, v);
  return v;
}

function array(v: unknown, path: string, length?: number): unknown[] {
  if (!Array.isArray(v)) fail(path, `must be an array, got ${short(v)}`, v);
  if (length !== undefined && v.length !== length) fail(path, `must have ${length} entries, has ${v.length}`, v.length);
  return v;
}

/**
 * Checks an untrusted value against the `geo-trajectory-embedding` version 1 format and
 * returns it typed. Throws a GeoError (code CORRUPT_FILE) whose `argument` is the path of the
 * first offending field, e.g. `snapshots[3].positions[10]`.
 *
 * @example
 * const file = validateEmbeddingFile(JSON.parse(text));
 * file.snapshots.length // T
 */
export function validateEmbeddingFile(value: unknown): EmbeddingFile {
  if (!isObject(value)) fail('(root)', `must be a JSON object, got ${short(value)}`, value);
  if (value['format'] !== EMBEDDING_FORMAT) fail('format', `must be "${EMBEDDING_FORMAT}", got ${short(value['format'])}`, value['format']);
  if (value['version'] !== EMBEDDING_VERSION) fail('version', `must be ${EMBEDDING_VERSION} (the only version this viewer reads), got ${short(value['version'])}`, value['version']);
  const c = finite(value['curvature'], 'curvature');
  if (c <= 0) fail('curvature', `must be positive (the ball has curvature -c), got ${c}`, c);
  if (value['dimension'] !== 2) fail('dimension', `must be 2 (version 1 stores points of the disk), got ${short(value['dimension'])}`, value['dimension']);
  int(value['sourceDimension'], 'sourceDimension', 2);
  const projection = value['projection'];
  if (projection !== 'none' && projection !== 'pca' && projection !== 'first-two') fail('projection', `must be "none", "pca" or "first-two", got ${short(projection)}`, projection);
  const k = value['strongestEdges'];
  if (k !== null) int(k, 'strongestEdges', 0);
  const arch = value['architecture'];
  if (!isObject(arch)) fail('architecture', `must be an object, got ${short(arch)}`, arch);
  array(arch['sizes'], 'architecture.sizes').forEach((s, i) => int(s, `architecture.sizes[${i}]`, 1));
  if (typeof arch['activation'] !== 'string') fail('architecture.activation', `must be a string, got ${short(arch['activation'])}`, arch['activation']);
  if (!isObject(value['labels'])) fail('labels', `must be an object, got ${short(value['labels'])}`, value['labels']);
  array(value['output'], 'output').forEach((v, i) => finite(v, `output[${i}]`));

  const nodes = array(value['nodes'], 'nodes');
  if (nodes.length === 0) fail('nodes', 'must not be empty');
  const N = nodes.length;
  nodes.forEach((n, i) => {
    const path = `nodes[${i}]`;
    if (!isObject(n)) fail(path, `must be an object, got ${short(n)}`, n);
    if (n['id'] !== i) fail(`${path}.id`, `must equal its position ${i} (ids index positions and edges), got ${short(n['id'])}`, n['id']);
    int(n['layer'], `${path}.layer`, 0);
    if (!(NODE_TYPES as readonly unknown[]).includes(n['type'])) fail(`${path}.type`, `must be one of ${NODE_TYPES.join(', ')}, got ${short(n['type'])}`, n['type']);
    int(n['index'], `${path}.index`, 0);
  });

  const snapshots = array(value['snapshots'], 'snapshots');
  if (snapshots.length === 0) fail('snapshots', 'must not be empty');
  const edge = 1 / Math.sqrt(c);
  let prevStep = -1;
  snapshots.forEach((s, t) => {
    const path = `snapshots[${t}]`;
    if (!isObject(s)) fail(path, `must be an object, got ${short(s)}`, s);
    const step = int(s['step'], `${path}.step`, prevStep + 1);
    prevStep = step;
    const pos = array(s['positions'], `${path}.positions`, 2 * N);
    for (let n = 0; n < N; n++) {
      const x = finite(pos[2 * n], `${path}.positions[${2 * n}]`);
      const y = finite(pos[2 * n + 1], `${path}.positions[${2 * n + 1}]`);
      if (c * (x * x + y * y) >= 1) fail(`${path}.positions[${2 * n}]`, `(node ${n}) lies outside the disk of radius 1/√c = ${edge}: |z| = ${Math.hypot(x, y)}`, Math.hypot(x, y));
    }
    const e = s['edges'];
    if (!isObject(e)) fail(`${path}.edges`, `must be an object with src, dst, weight, got ${short(e)}`, e);
    const src = array(e['src'], `${path}.edges.src`);
    const E = src.length;
    if (k !== null && E > (k as number)) fail(`${path}.edges.src`, `has ${E} edges, more than strongestEdges = ${k as number}`, E);
    const dst = array(e['dst'], `${path}.edges.dst`, E);
    const w = array(e['weight'], `${path}.edges.weight`, E);
    for (let i = 0; i < E; i++) {
      int(src[i], `${path}.edges.src[${i}]`, 0, N - 1);
      int(dst[i], `${path}.edges.dst[${i}]`, 0, N - 1);
      finite(w[i], `${path}.edges.weight[${i}]`);
    }
  });
  return value as unknown as EmbeddingFile;
}

/** Node `n`'s position in snapshot `t` as a point of the ball. */
export function nodePosition(file: EmbeddingFile, t: number, n: number): { x: number; y: number } {
  const p = (file.snapshots[t] as EmbeddingSnapshot).positions;
  return { x: p[2 * n] as number, y: p[2 * n + 1] as number };
}
