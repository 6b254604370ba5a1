import { describe, expect, it } from 'vitest';
import { GeoError } from '../src/index.js';
import { initBackend, type TfEngine } from '../src/tf/index.js';

/** A stand-in for tfjs-core that accepts only the named backends. */
function fakeTf(working: string[]): TfEngine & { active: string } {
  const tf = {
    active: 'none',
    async setBackend(name: string) {
      if (!working.includes(name)) return false;
      tf.active = name;
      return true;
    },
    getBackend: () => tf.active,
    ready: async () => {},
  };
  return tf;
}

const missing = async (): Promise<never> => {
  throw new Error("Cannot find package '@tensorflow/tfjs-node'");
};
const present = async (): Promise<void> => {};

describe('initBackend', () => {
  it('falls back from a missing tensorflow backend to wasm and says why', async () => {
    const lines: string[] = [];
    const report = await initBackend({
      tf: fakeTf(['wasm', 'cpu']),
      loaders: { tensorflow: missing, wasm: present, cpu: present },
      log: (m) => lines.push(m),
    });
    expect(report.name).toBe('wasm');
    expect(report.forced).toBe(false);
    expect(report.attempts.map((a) => [a.name, a.ok])).toEqual([
      ['tensorflow', false],
      ['wasm', true],
    ]);
    expect(report.attempts[0]?.reason).toContain('not installed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('tfjs backend: wasm');
  });

  it('falls back to cpu when setBackend("wasm") returns false', async () => {
    const report = await initBackend({ tf: fakeTf(['cpu']), loaders: { tensorflow: missing, wasm: present, cpu: present } });
    expect(report.name).toBe('cpu');
    expect(report.attempts[1]).toMatchObject({ name: 'wasm', ok: false, reason: 'setBackend returned false' });
  });

  it('detects a setBackend that claims success but leaves another backend active', async () => {
    const tf = fakeTf(['wasm', 'cpu']);
    const liar: TfEngine = { ...tf, setBackend: async () => true, getBackend: () => 'webgl', ready: async () => {} };
    await expect(initBackend({ tf: liar, loaders: { tensorflow: missing, wasm: present, cpu: present } })).rejects.toThrowError(
      /tfjs reports "webgl"/,
    );
  });

  it('honours force and GEO_BACKEND, and fails loudly rather than falling back', async () => {
    const report = await initBackend({ force: 'cpu', tf: fakeTf(['wasm', 'cpu']), loaders: { cpu: present } });
    expect(report).toMatchObject({ name: 'cpu', forced: true });
    const prev = process.env['GEO_BACKEND'];
    process.env['GEO_BACKEND'] = 'tensorflow';
    try {
      const err = await initBackend({ tf: fakeTf(['wasm', 'cpu']), loaders: { tensorflow: missing } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GeoError);
      expect((err as GeoError).code).toBe('BACKEND_UNAVAILABLE');
      process.env['GEO_BACKEND'] = 'metal';
      const bad = await initBackend({ tf: fakeTf(['cpu']) }).catch((e: unknown) => e);
      expect((bad as GeoError).argument).toBe('GEO_BACKEND');
    } finally {
      if (prev === undefined) delete process.env['GEO_BACKEND'];
      else process.env['GEO_BACKEND'] = prev;
    }
  });

  it('starts a real backend on this machine and tfjs agrees', async () => {
    const tf = await import('@tensorflow/tfjs-core');
    const report = await initBackend({ order: ['wasm', 'cpu'] });
    expect(['wasm', 'cpu']).toContain(report.name);
    expect(tf.getBackend()).toBe(report.name);
    const product = tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync();
    expect(product[0]).toBe(11);
  });

  it('uses the real tensorflow backend when installed, otherwise reports it missing', async () => {
    const report = await initBackend();
    const tensorflow = report.attempts[0];
    expect(tensorflow?.name).toBe('tensorflow');
    if (!tensorflow?.ok) expect(report.name).not.toBe('tensorflow');
  });
});

describe('initBackend and the CPU backend banner', () => {
  it('marks the CPU backend banner as shown, since the report already says why tfjs-node was skipped', async () => {
    const cpuBackend = { firstUse: true };
    const tf = Object.assign(fakeTf(['cpu']), { backend: () => cpuBackend });
    const report = await initBackend({ tf, loaders: { tensorflow: missing, wasm: missing, cpu: present }, log: () => {} });
    expect(report.name).toBe('cpu');
    expect(cpuBackend.firstUse).toBe(false);
  });

  it('leaves other backends alone', async () => {
    const wasmBackend = { firstUse: true };
    const tf = Object.assign(fakeTf(['wasm']), { backend: () => wasmBackend });
    await initBackend({ tf, loaders: { tensorflow: missing, wasm: present, cpu: present }, log: () => {} });
    expect(wasmBackend.firstUse).toBe(true);
  });
});
