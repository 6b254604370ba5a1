import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GeoError } from '@geo/core';
import { afterAll, expect } from 'vitest';

/** The verified data directory (CI sets it), or undefined: tests that need it skip visibly. */
export const DATA_DIR = process.env['GEO_DATA_DIR'];

const made: string[] = [];
// Registered while the importing test file is being collected, so it runs after that file.
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the test file finishes. */
export function tempDir(prefix = 'geo-datasets-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Runs `f`, expects a GeoError with `code`, and returns it for further checks. */
export async function expectGeoError(f: () => unknown, code: string | readonly string[]): Promise<GeoError> {
  try {
    await f();
  } catch (e) {
    expect(e).toBeInstanceOf(GeoError);
    if (typeof code === 'string') expect((e as GeoError).code).toBe(code);
    else expect(code).toContain((e as GeoError).code);
    return e as GeoError;
  }
  throw new Error(`expected a GeoError ${code}, nothing was thrown`);
}
