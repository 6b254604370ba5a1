import { GeoError, describe } from '@geo/core';
import type { Activation, FloatArray } from './mlp.js';
import { ACTIVATIONS } from './mlp.js';
import type { SafetensorsDtype, SafetensorsHeader, SafetensorsReadOptions } from './safetensors-header.js';
import { dtypeBytes, parseSafetensorsHeader, readSafetensorsHeaderLength, setOwn } from './safetensors-header.js';
import type { SafetensorsTensor, SafetensorsTensorInput } from './safetensors.js';
import { decodeTensorBytes, writeSafetensors } from './safetensors.js';
import type { Trajectory } from './trajectory.js';
import { validateTrajectory } from './trajectory.js';

/**
 * The `__metadata__.format` value of trajectory files.
 *
 * @example
 * readSafetensors(bytes).metadata.format === TRAJECTORY_FORMAT // true for trajectory files
 */
export const TRAJECTORY_FORMAT = 'geo-trajectory';

/**
 * `__metadata__` keys the trajectory format owns; everything else lands in `Trajectory.metadata`.
 *
 * @example
 * TRAJECTORY_METADATA_KEYS.includes('labels') // true
 */
export const TRAJECTORY_METADATA_KEYS: readonly string[] = ['format', 'architecture', 'activation', 'steps', 'seed', 'labels'];

/** Options of `readTrajectory` and its file-path variant. */
export interface ReadTrajectoryOptions extends SafetensorsReadOptions {
  /** 0-based snapshot indices to load, strictly increasing (default: all). `steps` is subset to match. */
  readonly snapshots?: readonly number[];
  /** Accept NaN/Inf parameters (diverged runs) instead of throwing NOT_FINITE. */
  readonly allowNonFinite?: boolean;
}

/** Options of `writeTrajectory`. */
export interface WriteTrajectoryOptions {
  /** Store every layer as this dtype (default: each buffer's own type). F32 rounds float64 values. */
  readonly dtype?: SafetensorsDtype;
}

const LAYER_TENSOR = /^layers\.(\d+)\.(weight|bias)$/;

function corrupt(name: string, message: string, argument = name, actual?: unknown): GeoError {
  return new GeoError('CORRUPT_FILE', `${name}: ${message}`, { argument, actual });
}

const NON_FINITE_SENTINEL = '\u0000geo-non-finite:';

/**
 * JSON.parse that also accepts the bare NaN, Infinity and -Infinity that Python's
 * `json.dumps` writes by default (a diverged run's accuracy, say), outside strings only.
 */
function parsePythonJson(text: string): unknown {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (inString) {
      out += c;
      if (c === '\\') {
        out += text[i + 1] ?? '';
        i++;
      } else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    const token = ['NaN', 'Infinity', '-Infinity'].find((t) => text.startsWith(t, i));
    if (token !== undefined) {
      out += JSON.stringify(NON_FINITE_SENTINEL + token);
      i += token.length - 1;
      continue;
    }
    out += c;
  }
  return JSON.parse(out, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(NON_FINITE_SENTINEL) ? Number(value.slice(NON_FINITE_SENTINEL.length)) : value,
  );
}

function parseJsonField(meta: Record<string, string>, key: string, name: string): unknown {
  const raw = meta[key];
  if (raw === undefined) throw corrupt(name, `__metadata__ has no "${key}" entry`, `${name}.__metadata__.${key}`);
  try {
    return key === 'labels' ? parsePythonJson(raw) : JSON.parse(raw);
  } catch (cause) {
    throw new GeoError('CORRUPT_FILE', `${name}: __metadata__.${key} is not valid JSON: ${describe(raw)}`, {
      argument: `${name}.__metadata__.${key}`,
      actual: raw,
      cause,
    });
  }
}

/** What a trajectory file's `__metadata__` says, without its tensors. */
export interface TrajectoryInfo {
  readonly sizes: number[];
  readonly activation: Activation;
  readonly steps: number[];
  readonly seed: number | undefined;
  readonly labels: Record<string, unknown>;
  /** Non-reserved metadata strings. */
  readonly metadata: Record<string, string>;
}

/**
 * Parses and checks a trajectory file's `__metadata__` (architecture, activation, steps,
 * seed, labels): enough to filter or split a zoo by label without loading any weights.
 *
 * @example
 * trajectoryInfo(readSafetensorsHeaderFile(path).metadata).labels // { class: 9, a: 8.53 }
 */
export function trajectoryInfo(meta: Record<string, string>, name = 'metadata'): TrajectoryInfo {
  return parseTrajectoryMetadata(meta, name);
}

function parseTrajectoryMetadata(meta: Record<string, string>, name: string): TrajectoryInfo {
  const format = meta['format'];
  if (format !== undefined && format !== TRAJECTORY_FORMAT) {
    throw corrupt(name, `__metadata__.format is ${describe(format)}, expected "${TRAJECTORY_FORMAT}"`, `${name}.__metadata__.format`, format);
  }
  const arch = parseJsonField(meta, 'architecture', name) as { sizes?: unknown } | null;
  const sizes = typeof arch === 'object' && arch !== null ? arch.sizes : undefined;
  if (!Array.isArray(sizes) || sizes.length < 2 || !sizes.every((n) => Number.isInteger(n) && n >= 1 && n <= 0x7fffffff)) {
    throw corrupt(name, `__metadata__.architecture.sizes must be at least two positive integers, got ${describe(meta['architecture'])}`, `${name}.__metadata__.architecture`);
  }
  const activation = meta['activation'];
  if (activation === undefined || !(ACTIVATIONS as readonly string[]).includes(activation)) {
    throw corrupt(name, `__metadata__.activation must be one of ${ACTIVATIONS.join(', ')}, got ${describe(activation)}`, `${name}.__metadata__.activation`, activation);
  }
  const steps = parseJsonField(meta, 'steps', name);
  if (!Array.isArray(steps) || steps.length === 0 || !steps.every((s, i) => Number.isSafeInteger(s) && s >= 0 && (i === 0 || s > (steps[i - 1] as number)))) {
    throw corrupt(name, `__metadata__.steps must be strictly increasing non-negative integers, got ${describe(meta['steps'])}`, `${name}.__metadata__.steps`);
  }
  let seed: number | undefined;
  const rawSeed = meta['seed'];
  if (rawSeed !== undefined) {
    seed = Number(rawSeed);
    if (!/^\d+$/.test(rawSeed) || !Number.isSafeInteger(seed)) {
      throw corrupt(name, `__metadata__.seed must be a non-negative integer, got ${describe(rawSeed)}`, `${name}.__metadata__.seed`, rawSeed);
    }
  }
  let labels: Record<string, unknown> = {};
  if (meta['labels'] !== undefined) {
    const parsed = parseJsonField(meta, 'labels', name);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw corrupt(name, '__metadata__.labels must be a JSON object', `${name}.__metadata__.labels`);
    }
    labels = parsed as Record<string, unknown>;
  }
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(meta)) if (!TRAJECTORY_METADATA_KEYS.includes(k)) setOwn(metadata, k, v);
  return { sizes: sizes as number[], activation: activation as Activation, steps: steps as number[], seed, labels, metadata };
}

/**
 * Builds a trajectory from a validated safetensors header and a byte-range reader over
 * the file, loading only the tensors (and snapshots) asked for. `readRange(begin, end)`
 * returns bytes `[begin, end)` of the whole file. Shared by `readTrajectory` (bytes in
 * memory) and `readTrajectoryFile` (positioned reads).
 *
 * @example
 * const traj = trajectoryFromHeader(header, (a, b) => bytes.subarray(a, b), { name: 'model.safetensors' });
 */
export function trajectoryFromHeader(
  header: SafetensorsHeader,
  readRange: (begin: number, end: number) => Uint8Array,
  options: ReadTrajectoryOptions = {},
): Trajectory {
  const name = options.name ?? 'bytes';
  const parsed = parseTrajectoryMetadata(header.metadata, name);
  const { sizes } = parsed;
  const T = parsed.steps.length;
  const L = sizes.length - 1;
  let picks: number[];
  if (options.snapshots === undefined) {
    picks = parsed.steps.map((_, t) => t);
  } else {
    picks = [...options.snapshots];
    if (picks.length === 0 || !picks.every((t, i) => Number.isInteger(t) && t >= 0 && t < T && (i === 0 || t > (picks[i - 1] as number)))) {
      throw new GeoError('OUT_OF_RANGE', `options.snapshots must be strictly increasing indices in [0, ${T - 1}], got [${picks.join(', ')}]`, {
        argument: 'options.snapshots',
        actual: picks,
      });
    }
  }
  const all = picks.length === T;

  const load = (key: string, shape: number[]): FloatArray => {
    const entry = header.tensors[key];
    if (entry === undefined) throw corrupt(name, `tensor "${key}" is missing`, `${name}.${key}`);
    if (entry.shape.length !== shape.length || entry.shape.some((d, i) => d !== shape[i])) {
      throw corrupt(name, `tensor "${key}" has shape [${entry.shape.join(', ')}], the metadata implies [${shape.join(', ')}]`, `${name}.${key}`, entry.shape);
    }
    const [begin, end] = entry.dataOffsets;
    const at = header.dataStart + begin;
    if (all) return decodeTensorBytes(readRange(at, header.dataStart + end), entry.dtype);
    const per = (end - begin) / T; // bytes of one snapshot
    const width = dtypeBytes(entry.dtype);
    const out = entry.dtype === 'F32' ? new Float32Array((picks.length * per) / width) : new Float64Array((picks.length * per) / width);
    picks.forEach((t, i) => out.set(decodeTensorBytes(readRange(at + t * per, at + (t + 1) * per), entry.dtype), (i * per) / width));
    return out;
  };

  const weights: FloatArray[] = [];
  const biases: FloatArray[] = [];
  for (let l = 0; l < L; l++) {
    weights.push(load(`layers.${l}.weight`, [T, sizes[l + 1] as number, sizes[l] as number]));
    biases.push(load(`layers.${l}.bias`, [T, sizes[l + 1] as number]));
  }
  const extras: Record<string, SafetensorsTensor> = {};
  for (const [key, entry] of Object.entries(header.tensors)) {
    const m = LAYER_TENSOR.exec(key);
    if (m !== null) {
      if (Number(m[1]) >= L || String(Number(m[1])) !== m[1]) {
        throw corrupt(name, `tensor "${key}" does not belong to a ${L}-layer architecture [${sizes.join(', ')}]`, `${name}.${key}`);
      }
      continue;
    }
    const [begin, end] = entry.dataOffsets;
    const data = decodeTensorBytes(readRange(header.dataStart + begin, header.dataStart + end), entry.dtype);
    setOwn(extras, key, { dtype: entry.dtype, shape: [...entry.shape], data });
  }
  const traj: Trajectory = {
    sizes,
    activation: parsed.activation,
    steps: picks.map((t) => parsed.steps[t] as number),
    weights,
    biases,
    ...(parsed.seed === undefined ? {} : { seed: parsed.seed }),
    labels: parsed.labels,
    metadata: parsed.metadata,
    ...(Object.keys(extras).length > 0 ? { extras } : {}),
  };
  validateTrajectory(traj, name, options.allowNonFinite === true ? { allowNonFinite: true } : {});
  return traj;
}

/**
 * Reads a trajectory file (safetensors, see ARCHITECTURE.md) from its bytes: tensors
 * `layers.{l}.weight` `[T, out, in]` and `layers.{l}.bias` `[T, out]`, and `__metadata__`
 * with `format`, `architecture` (`{"sizes": [...]}`), `activation`, `steps`, `seed` and
 * `labels`. Float32 files stay float32 (no silent widening). Any corruption or
 * inconsistency between metadata and tensors is a `GeoError` naming it.
 *
 * @example
 * const traj = readTrajectory(new Uint8Array(readFileSync('siren.safetensors')));
 * traj.sizes // [2, 32, 32, 1]; traj.steps.length // 12
 */
export function readTrajectory(bytes: Uint8Array, options: ReadTrajectoryOptions = {}): Trajectory {
  const name = options.name ?? 'bytes';
  if (!(bytes instanceof Uint8Array)) {
    throw new GeoError('BAD_TYPE', `${name} must be a Uint8Array, got ${describe(bytes)}`, { argument: name, actual: describe(bytes) });
  }
  const n = readSafetensorsHeaderLength(bytes, bytes.length, options);
  const header = parseSafetensorsHeader(bytes.subarray(8, 8 + n), bytes.length, { ...options, skipUnsupported: false });
  return trajectoryFromHeader(header, (a, b) => bytes.subarray(a, b), options);
}

/**
 * The `__metadata__` strings of a trajectory file: its extra metadata, then the reserved keys.
 *
 * @example
 * trajectoryMetadata(traj).architecture // '{"sizes":[2,32,32,1]}'
 */
export function trajectoryMetadata(trajectory: Trajectory): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const [k, v] of Object.entries(trajectory.metadata)) {
    if (TRAJECTORY_METADATA_KEYS.includes(k)) {
      throw new GeoError('OUT_OF_DOMAIN', `trajectory.metadata.${k} collides with a reserved trajectory key`, { argument: `trajectory.metadata.${k}` });
    }
    if (typeof v !== 'string') {
      throw new GeoError('BAD_TYPE', `trajectory.metadata.${k} must be a string, got ${describe(v)}`, { argument: `trajectory.metadata.${k}`, actual: v });
    }
    setOwn(meta, k, v);
  }
  meta['format'] = TRAJECTORY_FORMAT;
  meta['architecture'] = JSON.stringify({ sizes: trajectory.sizes });
  meta['activation'] = trajectory.activation;
  meta['steps'] = JSON.stringify(trajectory.steps);
  if (trajectory.seed !== undefined) meta['seed'] = String(trajectory.seed);
  let labels: string;
  try {
    labels = JSON.stringify(trajectory.labels);
  } catch (cause) {
    throw new GeoError('BAD_TYPE', 'trajectory.labels must be JSON-serialisable', { argument: 'trajectory.labels', cause });
  }
  meta['labels'] = labels;
  return meta;
}

/**
 * Writes a trajectory as a safetensors file (the bytes), readable by `readTrajectory` and
 * by `safetensors.torch.load_file`. Tensors go in layer order, weight before bias, then any
 * extras; float32 buffers stay float32 unless `dtype` says otherwise.
 *
 * @example
 * const bytes = writeTrajectory(traj);
 * readTrajectory(bytes).weights[0] // equal to traj.weights[0], bit for bit
 */
export function writeTrajectory(trajectory: Trajectory, options: WriteTrajectoryOptions = {}): Uint8Array {
  validateTrajectory(trajectory);
  if (options.dtype !== undefined && options.dtype !== 'F32' && options.dtype !== 'F64') {
    throw new GeoError('OUT_OF_RANGE', `options.dtype must be "F32" or "F64", got ${describe(options.dtype)}`, { argument: 'options.dtype', actual: options.dtype });
  }
  const T = trajectory.steps.length;
  const as = (x: FloatArray): { dtype: SafetensorsDtype; data: FloatArray } => {
    if (options.dtype === 'F32') return { dtype: 'F32', data: x instanceof Float32Array ? x : Float32Array.from(x) };
    if (options.dtype === 'F64') return { dtype: 'F64', data: x instanceof Float64Array ? x : Float64Array.from(x) };
    return { dtype: x instanceof Float32Array ? 'F32' : 'F64', data: x };
  };
  const tensors: Record<string, SafetensorsTensorInput> = {};
  const L = trajectory.sizes.length - 1;
  for (let l = 0; l < L; l++) {
    const nIn = trajectory.sizes[l] as number;
    const nOut = trajectory.sizes[l + 1] as number;
    tensors[`layers.${l}.weight`] = { ...as(trajectory.weights[l] as FloatArray), shape: [T, nOut, nIn] };
    tensors[`layers.${l}.bias`] = { ...as(trajectory.biases[l] as FloatArray), shape: [T, nOut] };
  }
  for (const [key, t] of Object.entries(trajectory.extras ?? {})) {
    if (LAYER_TENSOR.test(key) || key in tensors) {
      throw new GeoError('OUT_OF_DOMAIN', `trajectory.extras.${key} collides with a layer tensor name`, { argument: `trajectory.extras.${key}` });
    }
    setOwn(tensors, key, t);
  }
  return writeSafetensors(tensors, trajectoryMetadata(trajectory));
}
