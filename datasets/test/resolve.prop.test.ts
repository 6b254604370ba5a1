import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveDatasetFile } from '../src/index.js';
import { DATA_DIR, tempDir } from './helpers.js';

describe.skipIf(DATA_DIR === undefined)('resolveDatasetFile precedence (needs GEO_DATA_DIR for verified bytes)', () => {
  it('picks the first present copy: data dir before cache, <folder>/ before flat, .gz before raw', async () => {
    const gz = readFileSync(join(DATA_DIR as string, 'mnist', 't10k-labels-idx1-ubyte.gz'));
    const raw = gunzipSync(gz);
    // Candidate order within one directory, as documented.
    const layout = ['mnist/t10k-labels-idx1-ubyte.gz', 'mnist/t10k-labels-idx1-ubyte', 't10k-labels-idx1-ubyte.gz', 't10k-labels-idx1-ubyte'];
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 8 }), async (present) => {
        const dirs = [tempDir(), tempDir()]; // [dataDir, cacheDir]
        for (const slot of present) {
          const dir = dirs[slot >> 2] as string;
          const rel = layout[slot & 3] as string;
          mkdirSync(join(dir, 'mnist'), { recursive: true });
          writeFileSync(join(dir, rel), rel.endsWith('.gz') ? gz : raw);
        }
        const first = Math.min(...present);
        const r = await resolveDatasetFile('mnist', 't10k-labels-idx1-ubyte', { dataDir: dirs[0], cacheDir: dirs[1], env: {} });
        expect(r.path).toBe(join(dirs[first >> 2] as string, layout[first & 3] as string));
        expect(r.origin).toBe(first < 4 ? 'data-dir' : 'cache');
        expect(Buffer.compare(r.content, raw)).toBe(0);
      }),
      { numRuns: 25 },
    );
  });
});
