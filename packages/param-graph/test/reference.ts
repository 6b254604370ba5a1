import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Trusted reference folder, or undefined when GEO_REFERENCE_DIR is not set (reference tests then skip visibly). */
export const REFERENCE_DIR: string | undefined = process.env['GEO_REFERENCE_DIR'];

export interface ExpectedTensor {
  readonly dtype: 'F32' | 'F64';
  readonly shape: number[];
  readonly sha256: string;
  readonly sum: number;
  readonly first: number[];
  readonly last: number;
}

export interface ExpectedFile {
  readonly file: string;
  readonly metadata: Record<string, string>;
  readonly tensors: Record<string, ExpectedTensor>;
}

/** The param-graph reference cases: `expected.json` keyed by case id. */
export function loadExpected(): Record<string, ExpectedFile> {
  if (REFERENCE_DIR === undefined) return {};
  return JSON.parse(readFileSync(join(REFERENCE_DIR, 'param-graph', 'expected.json'), 'utf8')) as Record<string, ExpectedFile>;
}

/** Bytes of a reference file. */
export function referenceBytes(file: string): Uint8Array {
  if (REFERENCE_DIR === undefined) throw new Error('GEO_REFERENCE_DIR is not set');
  return new Uint8Array(readFileSync(join(REFERENCE_DIR, 'param-graph', file)));
}

/** Path of a reference file. */
export function referencePath(file: string): string {
  if (REFERENCE_DIR === undefined) throw new Error('GEO_REFERENCE_DIR is not set');
  return join(REFERENCE_DIR, 'param-graph', file);
}
