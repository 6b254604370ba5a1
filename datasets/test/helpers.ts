import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GeoError } from '@geo/core';
import { expect } from 'vitest';

/** The verified data directory (CI sets it), or undefined: tests that need it skip visibly. */
export const DATA_DIR = process.env['GEO_DATA_DIR'];

/** A fresh temporary directory. */
export function tempDir(prefix = 'geo-datasets-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
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
