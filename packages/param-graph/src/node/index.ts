// Node-only face: file-path variants that read the header first and then only the byte
// ranges they need, so one model of a large zoo is read without loading the rest.
import { closeSync, fstatSync, openSync, readSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { GeoError } from '@geo/core';
import type { SafetensorsHeader, SafetensorsReadOptions } from '../safetensors-header.js';
import { parseSafetensorsHeader, readSafetensorsHeaderLength } from '../safetensors-header.js';
import type { SafetensorsFile, SafetensorsTensor } from '../safetensors.js';
import { decodeTensorBytes } from '../safetensors.js';
import type { ReadTrajectoryOptions, WriteTrajectoryOptions } from '../trajectory-io.js';
import type { TrajectoryInfo } from '../trajectory-io.js';
import { trajectoryFromHeader, trajectoryInfo, writeTrajectory } from '../trajectory-io.js';
import type { Trajectory } from '../trajectory.js';

function readAt(fd: number, begin: number, end: number, path: string): Uint8Array {
  const out = new Uint8Array(end - begin);
  let done = 0;
  while (done < out.length) {
    const n = readSync(fd, out, done, out.length - done, begin + done);
    if (n === 0) throw new GeoError('CORRUPT_FILE', `${path}: file shrank while being read`, { argument: path });
    done += n;
  }
  return out;
}

function withFile<T>(path: string, fn: (fd: number, size: number) => T): T {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (cause) {
    throw new GeoError('NOT_FOUND', `${path}: cannot open (${(cause as Error).message})`, { argument: path, cause });
  }
  try {
    return fn(fd, fstatSync(fd).size);
  } finally {
    closeSync(fd);
  }
}

function headerOf(fd: number, size: number, path: string, options: SafetensorsReadOptions & { readonly skipUnsupported?: boolean }): SafetensorsHeader {
  const opts = { ...options, name: options.name ?? path };
  const n = readSafetensorsHeaderLength(readAt(fd, 0, Math.min(8, size), path), size, opts);
  return parseSafetensorsHeader(readAt(fd, 8, 8 + n, path), size, opts);
}

/**
 * Reads only the header of a safetensors file (8 bytes, then the JSON): names, dtypes,
 * shapes, offsets and metadata, fully validated against the file size.
 *
 * @example
 * readSafetensorsHeaderFile('zoo/shard-0/model-17.safetensors').metadata.labels // '{"class": 3}'
 */
export function readSafetensorsHeaderFile(path: string, options: SafetensorsReadOptions & { readonly skipUnsupported?: boolean } = {}): SafetensorsHeader {
  return withFile(path, (fd, size) => headerOf(fd, size, path, options));
}

/**
 * Reads a safetensors file from disk; `names` restricts which tensors are decoded.
 *
 * @example
 * readSafetensorsFile('model.safetensors', { names: ['layers.0.weight'] }).tensors['layers.0.weight'].shape
 */
export function readSafetensorsFile(
  path: string,
  options: SafetensorsReadOptions & { readonly skipUnsupported?: boolean; readonly names?: readonly string[] } = {},
): SafetensorsFile {
  return withFile(path, (fd, size) => {
    const header = headerOf(fd, size, path, options);
    const tensors: Record<string, SafetensorsTensor> = {};
    for (const [key, e] of Object.entries(header.tensors)) {
      if (options.names !== undefined && !options.names.includes(key)) continue;
      const data = decodeTensorBytes(readAt(fd, header.dataStart + e.dataOffsets[0], header.dataStart + e.dataOffsets[1], path), e.dtype);
      Object.defineProperty(tensors, key, { value: { dtype: e.dtype, shape: [...e.shape], data }, enumerable: true, writable: true, configurable: true });
    }
    if (options.names !== undefined) {
      for (const k of options.names) {
        if (!(k in header.tensors)) throw new GeoError('NOT_FOUND', `${path}: no tensor named ${JSON.stringify(k)}`, { argument: 'options.names', actual: k });
      }
    }
    return { metadata: header.metadata, tensors };
  });
}

/**
 * Reads a trajectory file from disk: the header first, then only the tensors and, with
 * `snapshots`, only the snapshot slices asked for (each `[out, in]` slice of a `[T, out, in]`
 * tensor is contiguous, so this is one positioned read per slice).
 *
 * @example
 * const last = readTrajectoryFile('model.safetensors', { snapshots: [11] }); // final weights only
 */
export function readTrajectoryFile(path: string, options: ReadTrajectoryOptions = {}): Trajectory {
  return withFile(path, (fd, size) => {
    const header = headerOf(fd, size, path, options);
    return trajectoryFromHeader(header, (a, b) => readAt(fd, a, b, path), { ...options, name: options.name ?? path });
  });
}

/**
 * The asynchronous `readTrajectoryFile`: the header first, then the needed byte ranges
 * read concurrently, so a data loader can overlap file reads with other work.
 *
 * @example
 * const traj = await readTrajectoryFileAsync('model.safetensors', { snapshots: [0, 11] });
 */
export async function readTrajectoryFileAsync(path: string, options: ReadTrajectoryOptions = {}): Promise<Trajectory> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    throw new GeoError('NOT_FOUND', `${path}: cannot open (${(cause as Error).message})`, { argument: path, cause });
  }
  try {
    const size = (await handle.stat()).size;
    const readAtAsync = async (begin: number, end: number): Promise<Uint8Array> => {
      const out = new Uint8Array(end - begin);
      let done = 0;
      while (done < out.length) {
        const { bytesRead } = await handle.read(out, done, out.length - done, begin + done);
        if (bytesRead === 0) throw new GeoError('CORRUPT_FILE', `${path}: file shrank while being read`, { argument: path });
        done += bytesRead;
      }
      return out;
    };
    const opts = { ...options, name: options.name ?? path };
    const n = readSafetensorsHeaderLength(await readAtAsync(0, Math.min(8, size)), size, opts);
    const header = parseSafetensorsHeader(await readAtAsync(8, 8 + n), size, opts);
    // First pass on zero bytes only records which ranges the trajectory needs (and checks the
    // metadata); the second decodes the real bytes, read concurrently.
    const ranges: [number, number][] = [];
    trajectoryFromHeader(header, (a, b) => {
      ranges.push([a, b]);
      return new Uint8Array(b - a);
    }, opts);
    const chunks = new Map<string, Uint8Array>();
    await Promise.all(ranges.map(async ([a, b]) => chunks.set(`${a}:${b}`, await readAtAsync(a, b))));
    return trajectoryFromHeader(header, (a, b) => chunks.get(`${a}:${b}`) ?? new Uint8Array(0), opts);
  } finally {
    await handle.close();
  }
}

/**
 * Reads only the header of a trajectory file and returns what its metadata says
 * (architecture, steps, seed, labels): a zoo can be filtered by label without loading weights.
 *
 * @example
 * readTrajectoryInfoFile('model.safetensors').steps.length // T
 */
export function readTrajectoryInfoFile(path: string, options: SafetensorsReadOptions = {}): TrajectoryInfo {
  return trajectoryInfo(readSafetensorsHeaderFile(path, options).metadata, options.name ?? path);
}

/**
 * Writes a trajectory file atomically (a temporary file beside it, then a rename), so a
 * crashed or parallel zoo generator never leaves a half-written shard behind.
 *
 * @example
 * writeTrajectoryFile('zoo/model-17.safetensors', trajectory);
 */
export function writeTrajectoryFile(path: string, trajectory: Trajectory, options: WriteTrajectoryOptions = {}): void {
  const bytes = writeTrajectory(trajectory, options);
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (cause) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    throw new GeoError('NOT_FOUND', `${path}: cannot write (${(cause as Error).message})`, { argument: path, cause });
  }
}
