import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  DATASET_FILES,
  SAMPLE_FILES,
  encodeCifar10,
  encodeDigitsCsv,
  encodeIdx,
  imageAsFloat,
  loadDataset,
  parseCifar10,
  parseDigitsCsv,
  parseIdx,
  readSampleFile,
  resolveDatasetFile,
  sha256Hex,
  writeTar,
} from '../src/index.js';
import { DATA_DIR, expectGeoError, tempDir } from './helpers.js';

const NO_ENV = {};

describe('embedded samples', () => {
  it.each([
    ['mnist', 300, 28, 28, 1, 255],
    ['fashion-mnist', 300, 28, 28, 1, 255],
    ['cifar-10', 100, 32, 32, 3, 255],
    ['digits', 300, 8, 8, 1, 16],
  ] as const)('%s loads with no data directory and round-trips through its encoder', async (name, count, h, w, c, max) => {
    const ds = await loadDataset(name, { split: 'sample', env: NO_ENV });
    expect([ds.count, ds.height, ds.width, ds.channels, ds.maxValue]).toEqual([count, h, w, c, max]);
    expect(ds.images.length).toBe(count * h * w * c);
    expect(new Set(ds.labels).size).toBe(10); // every class is present
    expect(ds.images.reduce((m, v) => Math.max(m, v), 0)).toBeLessThanOrEqual(max);
    // Re-encode in the file format and parse again: the same bytes come back.
    if (name === 'cifar-10') {
      const back = parseCifar10(encodeCifar10(ds.images, ds.labels), 'x');
      expect(Buffer.compare(back.images, ds.images)).toBe(0);
      expect(Buffer.compare(back.labels, ds.labels)).toBe(0);
    } else if (name === 'digits') {
      const back = parseDigitsCsv(encodeDigitsCsv(ds.images, ds.labels), 'x');
      expect(Buffer.compare(back.images, ds.images)).toBe(0);
    } else {
      expect(parseIdx(encodeIdx([count, h, w], ds.images), 'x', 3).data).toEqual(ds.images);
    }
    const img = imageAsFloat(ds, 0);
    expect(img.length).toBe(h * w * c);
    expect(img.reduce((m, v) => Math.max(m, v), 0)).toBeLessThanOrEqual(1);
  });

  it('the sample files total a few hundred KB and match samples/SHA256SUMS', () => {
    const sums = readFileSync(new URL('../samples/SHA256SUMS', import.meta.url), 'utf8');
    let total = 0;
    for (const f of SAMPLE_FILES) {
      expect(sums).toContain(`${f.sha256}  ${f.name}`);
      const bytes = readFileSync(new URL(`../samples/${f.name}`, import.meta.url));
      expect(sha256Hex(bytes)).toBe(f.sha256);
      total += bytes.length;
    }
    expect(total).toBeGreaterThan(100_000);
    expect(total).toBeLessThan(600_000);
  });

  it('an unknown sample name is NOT_FOUND', async () => {
    const e = await expectGeoError(() => readSampleFile('mnist', 'nope.gz'), 'NOT_FOUND');
    expect(e.argument).toBe('name');
  });
});

describe('checksums, truncation and magic numbers on disk', () => {
  it('a file with the wrong content is CHECKSUM_MISMATCH naming the file and the expected hash', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'mnist'));
    const path = join(dir, 'mnist', 't10k-labels-idx1-ubyte.gz');
    // A well-formed gzip of a well-formed IDX file that is not the official one.
    writeFileSync(path, gzipSync(encodeIdx([10000], new Uint8Array(10000))));
    const e = await expectGeoError(() => resolveDatasetFile('mnist', 't10k-labels-idx1-ubyte', { dataDir: dir, env: NO_ENV }), 'CHECKSUM_MISMATCH');
    expect(e.argument).toBe(path);
    expect(e.message).toContain(path);
    expect(e.message).toContain('f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6');
  });

  it('a raw file shorter than the official one is CORRUPT_FILE "truncated"', async () => {
    const dir = tempDir();
    const path = join(dir, 't10k-labels-idx1-ubyte'); // flat layout is accepted too
    writeFileSync(path, encodeIdx([100], new Uint8Array(100)));
    const e = await expectGeoError(() => resolveDatasetFile('mnist', 't10k-labels-idx1-ubyte', { dataDir: dir, env: NO_ENV }), 'CORRUPT_FILE');
    expect(e.message).toMatch(/truncated.*10008/);
    expect(e.argument).toBe(path);
  });

  it('a missing file without allowDownload is NOT_FOUND and never calls fetch', async () => {
    let calls = 0;
    const fetch = async () => {
      calls++;
      return { ok: false, status: 500, arrayBuffer: async () => new ArrayBuffer(0) };
    };
    const e = await expectGeoError(() => resolveDatasetFile('digits', 'digits.csv', { dataDir: tempDir(), cacheDir: tempDir(), fetch, env: NO_ENV }), 'NOT_FOUND');
    expect(e.message).toContain('digits.csv');
    expect(calls).toBe(0);
  });

  it('a downloaded file that fails its checksum is refused and never cached', async () => {
    const cacheDir = tempDir();
    const fetch = async () => ({ ok: true, status: 200, arrayBuffer: async () => new Uint8Array(gzipSync(Buffer.alloc(264712, 0x30))).buffer });
    await expectGeoError(() => resolveDatasetFile('digits', 'digits.csv', { cacheDir, allowDownload: true, fetch, env: NO_ENV }), 'CHECKSUM_MISMATCH');
    expect(existsSync(join(cacheDir, 'sklearn-digits', 'digits.csv.gz'))).toBe(false);
  });

  it('a file with no known checksum needs allowUnverified (CIFAR-10 test batch, from a fake archive)', async () => {
    const sample = readSampleFile('cifar-10', 'cifar-10-sample.bin.gz').content;
    const archive = gzipSync(writeTar([{ name: 'cifar-10-batches-bin/test_batch.bin', data: sample }]));
    const fetch = async () => ({ ok: true, status: 200, arrayBuffer: async () => new Uint8Array(archive).buffer });
    await expectGeoError(() => loadDataset('cifar-10', { split: 'test', cacheDir: tempDir(), allowDownload: true, fetch, env: NO_ENV }), 'UNSUPPORTED');
    const cacheDir = tempDir();
    const ds = await loadDataset('cifar-10', { split: 'test', cacheDir, allowDownload: true, allowUnverified: true, fetch, env: NO_ENV });
    expect(ds.count).toBe(100);
    // The second load is served from the cache, without the network.
    const again = await loadDataset('cifar-10', { split: 'test', cacheDir, allowUnverified: true, env: NO_ENV });
    expect(again.files[0]).toContain(cacheDir);
    expect(Buffer.compare(again.labels, ds.labels)).toBe(0);
  });

  it('every manifest hash is 64 lower-case hex digits', () => {
    for (const f of DATASET_FILES) {
      for (const form of [f.gz, f.raw]) if (form !== undefined) expect(form.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});

describe.skipIf(DATA_DIR === undefined)('the verified data directory (GEO_DATA_DIR)', () => {
  const dataDir = DATA_DIR as string;

  it('MNIST test labels load from the data directory, and match the official counts', async () => {
    const f = await resolveDatasetFile('mnist', 't10k-labels-idx1-ubyte', { env: { GEO_DATA_DIR: dataDir } });
    expect(f.origin).toBe('data-dir');
    expect(parseIdx(f.content, f.path, 1).dims).toEqual([10000]);
  });

  it('the embedded samples are the first records of the verified files', async () => {
    for (const name of ['mnist', 'fashion-mnist'] as const) {
      const full = await loadDataset(name, { split: 'test', dataDir, cacheDir: tempDir() });
      expect(full.count).toBe(10000);
      const train = await loadDataset(name, { split: 'train', dataDir });
      const sample = await loadDataset(name, { split: 'sample' });
      expect(Buffer.compare(sample.images, train.images.subarray(0, sample.images.length))).toBe(0);
      expect(Buffer.compare(sample.labels, train.labels.subarray(0, sample.count))).toBe(0);
    }
    const digits = await loadDataset('digits', { dataDir });
    expect(digits.count).toBe(1797);
    const ds = await loadDataset('digits', { split: 'sample' });
    expect(Buffer.compare(ds.images, digits.images.subarray(0, ds.images.length))).toBe(0);
    const cifar = await loadDataset('cifar-10', { split: 'test-first1000', dataDir });
    expect(cifar.count).toBe(1000);
  });

  it('a raw (uncompressed) copy, a recompressed copy, a flipped byte and a cut gzip are told apart', async () => {
    const src = join(dataDir, 'mnist', 't10k-labels-idx1-ubyte.gz');
    const content = (await resolveDatasetFile('mnist', 't10k-labels-idx1-ubyte', { dataDir })).content;
    const raw = tempDir();
    writeFileSync(join(raw, 't10k-labels-idx1-ubyte'), content);
    expect((await resolveDatasetFile('mnist', 't10k-labels-idx1-ubyte', { dataDir: raw, env: NO_ENV })).content).toEqual(content);
    const rezipped = tempDir();
    writeFileSync(join(rezipped, 't10k-labels-idx1-ubyte.gz'), gzipSync(content, { level: 1 }));
    expect((await resolveDatasetFile('mnist', 't10k-labels-idx1-ubyte', { dataDir: rezipped, env: NO_ENV })).content).toEqual(content);
    const flipped = tempDir();
    const bytes = new Uint8Array(readFileSync(src));
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] as number) ^ 1;
    writeFileSync(join(flipped, 't10k-labels-idx1-ubyte.gz'), bytes);
    // A flipped bit inside deflate data breaks the stream (CORRUPT_FILE) or the content hash (CHECKSUM_MISMATCH).
    const e1 = await expectGeoError(() => resolveDatasetFile('mnist', 't10k-labels-idx1-ubyte', { dataDir: flipped, env: NO_ENV }), ['CORRUPT_FILE', 'CHECKSUM_MISMATCH']);
    expect(e1.argument).toContain('t10k-labels-idx1-ubyte.gz');
    const cut = tempDir();
    writeFileSync(join(cut, 't10k-labels-idx1-ubyte.gz'), readFileSync(src).subarray(0, 2000));
    const e2 = await expectGeoError(() => resolveDatasetFile('mnist', 't10k-labels-idx1-ubyte', { dataDir: cut, env: NO_ENV }), 'CORRUPT_FILE');
    expect(e2.message).toMatch(/truncated/);
  });

  it('a download (through a fake fetch serving the verified bytes) lands in the cache, then is read from it', async () => {
    const bytes = readFileSync(join(dataDir, 'sklearn-digits', 'digits.csv.gz'));
    const cacheDir = tempDir();
    const fetch = async () => ({ ok: true, status: 200, arrayBuffer: async () => new Uint8Array(bytes).buffer });
    const first = await resolveDatasetFile('digits', 'digits.csv', { cacheDir, allowDownload: true, fetch, env: NO_ENV });
    expect(first.origin).toBe('download');
    const second = await resolveDatasetFile('digits', 'digits.csv', { cacheDir, env: NO_ENV });
    expect(second.origin).toBe('cache');
    expect(Buffer.compare(second.content, first.content)).toBe(0);
  });
});
