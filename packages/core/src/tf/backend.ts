import { GeoError } from '../errors.js';

/** The tfjs backends geo knows how to start, fastest first. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** The default order of preference: native (tfjs-node / -node-gpu), then WASM SIMD, then plain JS. */
export const BACKEND_ORDER: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

/** Loads the package(s) that register a backend with tfjs-core. Throws if it is not installed. */
export type BackendLoader = () => Promise<unknown>;

/** The part of tfjs-core that backend selection needs (injectable for tests). */
export interface TfEngine {
  setBackend(name: string): Promise<boolean>;
  getBackend(): string;
  ready(): Promise<void>;
}

export interface InitBackendOptions {
  /** Use exactly this backend, failing if it cannot start. Defaults to `process.env.GEO_BACKEND`. */
  readonly force?: BackendName;
  /** Order to try when not forced (default BACKEND_ORDER). */
  readonly order?: readonly BackendName[];
  /** Override how each backend's package is loaded (tests, bundlers). */
  readonly loaders?: Partial<Record<BackendName, BackendLoader>>;
  /** Override the tfjs-core module (tests). Defaults to `import('@tensorflow/tfjs-core')`. */
  readonly tf?: TfEngine;
  /** Receives one line saying which backend was chosen and why the others were not. */
  readonly log?: (message: string) => void;
}

export interface BackendAttempt {
  readonly name: BackendName;
  readonly ok: boolean;
  /** Why it failed (not installed, setBackend returned false, ...). */
  readonly reason?: string;
}

export interface BackendReport {
  /** The backend tfjs now runs on. */
  readonly name: BackendName;
  /** Whether it was forced by option or GEO_BACKEND. */
  readonly forced: boolean;
  /** Every backend tried, in order. */
  readonly attempts: readonly BackendAttempt[];
}

// Specifiers held in variables so bundlers and tsc do not require optional packages.
const TFJS_NODE_GPU = '@tensorflow/tfjs-node-gpu';
const TFJS_NODE = '@tensorflow/tfjs-node';

const defaultLoaders: Record<BackendName, BackendLoader> = {
  tensorflow: async () => {
    try {
      return await import(TFJS_NODE_GPU);
    } catch {
      return await import(TFJS_NODE);
    }
  },
  wasm: () => import('@tensorflow/tfjs-backend-wasm'),
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};

function isBackendName(x: string): x is BackendName {
  return (BACKEND_ORDER as readonly string[]).includes(x);
}

function reasonOf(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0] ?? message;
}

async function tryBackend(name: BackendName, tf: TfEngine, loader: BackendLoader): Promise<BackendAttempt> {
  try {
    await loader();
  } catch (e) {
    return { name, ok: false, reason: `not installed or failed to load: ${reasonOf(e)}` };
  }
  try {
    const ok = await tf.setBackend(name);
    if (!ok) return { name, ok: false, reason: 'setBackend returned false' };
    await tf.ready();
  } catch (e) {
    return { name, ok: false, reason: `failed to initialise: ${reasonOf(e)}` };
  }
  const active = tf.getBackend();
  if (active !== name) return { name, ok: false, reason: `setBackend succeeded but tfjs reports "${active}"` };
  if (name === 'cpu') skipNodeBanner(tf);
  return { name, ok: true };
}

/**
 * tfjs's CPU backend prints a multi-line "install tfjs-node" banner on its first write under
 * Node. Our report already says which backends were skipped and why, so the banner is marked
 * as shown (the backend's `firstUse` flag) rather than repeated in every log.
 */
function skipNodeBanner(tf: TfEngine): void {
  const backend = (tf as { backend?: () => unknown }).backend?.();
  if (typeof backend === 'object' && backend !== null && 'firstUse' in backend) {
    (backend as { firstUse: boolean }).firstUse = false;
  }
}

/**
 * Chooses and starts a tfjs backend: `tensorflow` (tfjs-node-gpu or tfjs-node, when
 * installed), then `wasm`, then `cpu`. `GEO_BACKEND=cpu` (or `force`) pins one and
 * fails loudly if it cannot start. Nothing happens until this is called.
 *
 * @example
 * const report = await initBackend({ log: console.error });
 * report.name // 'wasm' on a machine without tfjs-node
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendReport> {
  const envForce = typeof process !== 'undefined' ? process.env['GEO_BACKEND'] : undefined;
  const forceRaw = options.force ?? (envForce === '' ? undefined : envForce);
  if (forceRaw !== undefined && !isBackendName(forceRaw)) {
    throw new GeoError('OUT_OF_RANGE', `backend must be one of ${BACKEND_ORDER.join(', ')}, got "${forceRaw}"`, {
      argument: options.force !== undefined ? 'options.force' : 'GEO_BACKEND',
      expected: [...BACKEND_ORDER],
      actual: forceRaw,
    });
  }
  const tf: TfEngine = options.tf ?? (await import('@tensorflow/tfjs-core'));
  const loaders = { ...defaultLoaders, ...options.loaders };
  const order = forceRaw !== undefined ? [forceRaw] : (options.order ?? BACKEND_ORDER);
  const attempts: BackendAttempt[] = [];
  for (const name of order) {
    const attempt = await tryBackend(name, tf, loaders[name]);
    attempts.push(attempt);
    if (attempt.ok) {
      const report: BackendReport = { name, forced: forceRaw !== undefined, attempts };
      options.log?.(describeReport(report));
      return report;
    }
  }
  const tried = attempts.map((a) => `${a.name} (${a.reason ?? 'failed'})`).join('; ');
  throw new GeoError('BACKEND_UNAVAILABLE', `no tfjs backend could start: ${tried}`, {
    argument: forceRaw !== undefined ? 'GEO_BACKEND' : 'options.order',
    expected: order.join(' | '),
    actual: attempts,
  });
}

/** One human line: `tfjs backend: wasm (tensorflow: not installed ...)`. */
export function describeReport(report: BackendReport): string {
  const skipped = report.attempts.filter((a) => !a.ok).map((a) => `${a.name}: ${a.reason ?? 'failed'}`);
  const why = report.forced ? ' (forced)' : '';
  return `tfjs backend: ${report.name}${why}${skipped.length > 0 ? ` [skipped ${skipped.join('; ')}]` : ''}`;
}
