import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../loaders/bytes.js';

/** Name of the checksum list inside every shard folder. */
export const SHARD_SUMS = 'SHA256SUMS';

/**
 * File name of model `index` inside its shard.
 *
 * @example
 * modelFileName(17) // 'model-0000017.safetensors'
 */
export function modelFileName(index: number): string {
  return `model-${String(index).padStart(7, '0')}.safetensors`;
}

/**
 * `sha256  name` lines for the given files of `dir`, sorted by name (the shard's SHA256SUMS content).
 *
 * @example
 * shardSums('zoo/train-00000.partial', ['model-0000000.safetensors']) // 'ab12...  model-0000000.safetensors\n'
 */
export function shardSums(dir: string, files: readonly string[]): string {
  return [...files]
    .sort()
    .map((f) => `${sha256Hex(readFileSync(join(dir, f)))}  ${f}\n`)
    .join('');
}

/**
 * What is wrong with a finished shard folder, or undefined when every file matches its SHA256SUMS and the expected list.
 *
 * @example
 * shardProblem('zoo/train-00003', ['model-0000012.safetensors']) // 'missing' when the folder is gone
 */
export function shardProblem(dir: string, expectedFiles: readonly string[], expectedSha?: string): string | undefined {
  if (!existsSync(dir)) return 'missing';
  const sumsPath = join(dir, SHARD_SUMS);
  if (!existsSync(sumsPath)) return `no ${SHARD_SUMS}`;
  const sums = readFileSync(sumsPath);
  if (expectedSha !== undefined && sha256Hex(sums) !== expectedSha) return `${SHARD_SUMS} does not match the manifest's SHA-256 ${expectedSha}`;
  const listed = new Map<string, string>();
  for (const line of sums.toString('utf8').split('\n')) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (m !== null) listed.set(m[2] as string, m[1] as string);
  }
  for (const f of expectedFiles) {
    const want = listed.get(f);
    if (want === undefined) return `${f} is not listed in ${SHARD_SUMS}`;
    const path = join(dir, f);
    if (!existsSync(path)) return `${f} is missing`;
    const got = sha256Hex(readFileSync(path));
    if (got !== want) return `${f} is corrupt (SHA-256 ${got}, expected ${want})`;
  }
  const extra = readdirSync(dir).filter((f) => f !== SHARD_SUMS && !expectedFiles.includes(f));
  if (extra.length > 0) return `unexpected files: ${extra.join(', ')}`;
  return undefined;
}
