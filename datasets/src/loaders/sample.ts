import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GeoError } from '@geo/core';
import type { DatasetName } from './manifest.js';
import { SAMPLE_FILES } from './sample-manifest.js';
import { verifyChecksum } from './verify.js';

/**
 * The uncompressed, checksum-verified content of an embedded sample file (in the
 * package's `samples/` folder, made by `scripts/make-samples.ts` from the verified files).
 *
 * @example
 * readSampleFile('digits', 'digits-sample.csv.gz').length > 0 // true
 */
export function readSampleFile(dataset: DatasetName, name: string): { path: string; content: Uint8Array } {
  const entry = SAMPLE_FILES.find((f) => f.dataset === dataset && f.name === name);
  if (entry === undefined) throw new GeoError('NOT_FOUND', `no embedded sample ${name} for ${dataset}`, { argument: 'name', actual: name });
  // Resolved on call, never at import: src/loaders and dist/loaders both sit two levels below the package root.
  const path = fileURLToPath(new URL(`../../samples/${name}`, import.meta.url));
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (cause) {
    throw new GeoError('NOT_FOUND', `embedded sample ${path} is missing from the package`, { argument: name, cause });
  }
  return { path, content: verifyChecksum(bytes, path, { gz: { sha256: entry.sha256, bytes: entry.bytes } }) };
}
