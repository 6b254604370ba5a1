import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { GeoError } from '@geo/core';
import { gunzipIfNeeded } from './bytes.js';
import { DATASET_FILES, DATASET_FOLDERS, findDatasetFile } from './manifest.js';
import type { DatasetFileEntry, DatasetName } from './manifest.js';
import { readTarMembers } from './tar.js';
import { verifyChecksum } from './verify.js';

/** Where to look for dataset files, and whether the network may be used. */
export interface ResolveOptions {
  /** A data directory to look in first (default: the `GEO_DATA_DIR` environment variable). */
  readonly dataDir?: string;
  /** The user cache directory (default: `defaultCacheDir()`); downloads land here. */
  readonly cacheDir?: string;
  /** Download missing files from the dataset's official address (default false: never touch the network). */
  readonly allowDownload?: boolean;
  /** Accept a file the checksum manifest has no value for (default false). */
  readonly allowUnverified?: boolean;
  /** The fetch to download with (default: the global `fetch`); tests pass a fake. */
  readonly fetch?: (url: string, init?: { signal?: AbortSignal }) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;
  /** Cancels a download. */
  readonly signal?: AbortSignal;
  /** The environment to read `GEO_DATA_DIR` and cache variables from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A verified file: where it was found and its uncompressed content. */
export interface ResolvedFile {
  readonly path: string;
  readonly origin: 'data-dir' | 'cache' | 'download';
  readonly content: Uint8Array;
}

/**
 * The per-user cache directory for dataset files: `$GEO_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/geo/datasets`, `~/Library/Caches/geo/datasets` (macOS),
 * `%LOCALAPPDATA%\geo\datasets` (Windows) or `~/.cache/geo/datasets`.
 *
 * @example
 * defaultCacheDir({ XDG_CACHE_HOME: '/tmp/c' }, 'linux') // '/tmp/c/geo/datasets'
 */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>> = process.env, platform: string = process.platform): string {
  if (env['GEO_CACHE_DIR']) return env['GEO_CACHE_DIR'];
  if (platform === 'win32' && env['LOCALAPPDATA']) return join(env['LOCALAPPDATA'], 'geo', 'datasets');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'geo', 'datasets');
  if (env['XDG_CACHE_HOME']) return join(env['XDG_CACHE_HOME'], 'geo', 'datasets');
  return join(homedir(), '.cache', 'geo', 'datasets');
}

/** Candidate paths of a file inside a directory: `<dir>/<folder>/<name>[.gz]`, then `<dir>/<name>[.gz]`. */
function candidates(dir: string, entry: DatasetFileEntry): string[] {
  const folder = join(dir, DATASET_FOLDERS[entry.dataset]);
  return [join(folder, `${entry.name}.gz`), join(folder, entry.name), join(dir, `${entry.name}.gz`), join(dir, entry.name)];
}

function writeAtomic(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

/**
 * Finds `dataset`'s file `name`, verifies its SHA-256 against the manifest and returns its
 * uncompressed content. Looks in `dataDir` (or `GEO_DATA_DIR`), then the user cache, then,
 * only if `allowDownload` is set, downloads from the official address into the cache.
 * A file that is found but fails verification is an error, never skipped.
 *
 * @example
 * const { content, path } = await resolveDatasetFile('mnist', 't10k-labels-idx1-ubyte', { dataDir: '/data' });
 */
export async function resolveDatasetFile(dataset: DatasetName, name: string, options: ResolveOptions = {}): Promise<ResolvedFile> {
  const entry = findDatasetFile(dataset, name);
  if (entry === undefined) {
    throw new GeoError('NOT_FOUND', `${dataset} has no file named ${JSON.stringify(name)} in the manifest`, { argument: 'name', actual: name });
  }
  const env = options.env ?? process.env;
  const dataDir = options.dataDir ?? env['GEO_DATA_DIR'];
  const cacheDir = options.cacheDir ?? defaultCacheDir(env);
  const looked: string[] = [];
  const verify = { allowUnverified: options.allowUnverified === true };
  for (const [dir, origin] of [
    [dataDir, 'data-dir'],
    [cacheDir, 'cache'],
  ] as const) {
    if (dir === undefined || dir === '') continue;
    for (const path of candidates(dir, entry)) {
      looked.push(path);
      if (existsSync(path)) return { path, origin, content: verifyChecksum(new Uint8Array(readFileSync(path)), path, entry, verify) };
    }
  }
  if (options.allowDownload !== true) {
    throw new GeoError('NOT_FOUND', `${dataset}/${entry.name}: not found (looked in ${looked.join(', ') || 'no directory'}); set GEO_DATA_DIR or pass dataDir, or allow downloading`, {
      argument: 'name',
      expected: looked,
      actual: 'missing',
    });
  }
  return download(entry, cacheDir, options);
}

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

async function fetchFirst(urls: readonly string[], what: string, options: ResolveOptions): Promise<Uint8Array> {
  const doFetch = options.fetch ?? (globalThis.fetch as NonNullable<ResolveOptions['fetch']> | undefined);
  if (doFetch === undefined) throw new GeoError('UNSUPPORTED', 'no fetch is available to download with', { argument: 'options.fetch' });
  const failures: string[] = [];
  for (const url of urls) {
    if (isAborted(options.signal)) throw new GeoError('ABORTED', `download of ${what} cancelled`, { argument: 'options.signal' });
    try {
      const res = await doFetch(url, options.signal === undefined ? {} : { signal: options.signal });
      if (res.ok) return new Uint8Array(await res.arrayBuffer());
      failures.push(`${url}: HTTP ${res.status}`);
    } catch (cause) {
      if (isAborted(options.signal)) throw new GeoError('ABORTED', `download of ${what} cancelled`, { argument: 'options.signal', cause });
      failures.push(`${url}: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  }
  throw new GeoError('NOT_FOUND', `${what}: download failed (${failures.join('; ') || 'no official address'})`, { argument: 'name', actual: failures });
}

async function download(entry: DatasetFileEntry, cacheDir: string, options: ResolveOptions): Promise<ResolvedFile> {
  const folder = join(cacheDir, DATASET_FOLDERS[entry.dataset]);
  const verify = { allowUnverified: options.allowUnverified === true };
  const source = entry.source;
  if (source.kind === 'file') {
    const bytes = await fetchFirst(source.urls, `${entry.dataset}/${entry.name}`, options);
    const path = join(folder, `${entry.name}${bytes[0] === 0x1f && bytes[1] === 0x8b ? '.gz' : ''}`);
    const content = verifyChecksum(bytes, `${path} (downloaded)`, entry, verify); // verify before it reaches the cache
    writeAtomic(path, bytes);
    return { path, origin: 'download', content };
  }
  // An archive: extract every manifest file it holds, so one download serves all batches.
  const archive = gunzipIfNeeded(await fetchFirst(source.urls, `${entry.dataset} archive`, options), source.urls[0] ?? 'archive');
  const members = readTarMembers(archive, source.urls[0] ?? 'archive');
  let wanted: ResolvedFile | undefined;
  for (const other of DATASET_FILES) {
    if (other.source.kind !== 'tar-gz' || other.source.member === undefined || other.source.urls[0] !== source.urls[0]) continue;
    const data = members.get(other.source.member);
    if (data === undefined) continue;
    const path = join(folder, other.name);
    if (other.raw === undefined && other !== entry) continue; // never cache what we cannot verify unless asked for
    const content = verifyChecksum(data, `${path} (downloaded)`, other, other === entry ? verify : {});
    writeAtomic(path, data);
    if (other === entry) wanted = { path, origin: 'download', content };
  }
  if (wanted === undefined) {
    throw new GeoError('CORRUPT_FILE', `${source.urls[0]}: archive has no member ${source.member}`, { argument: 'name', expected: source.member });
  }
  return wanted;
}
