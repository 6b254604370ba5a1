import { GeoError } from '@geo/core';

/** Progress of a long computation: which stage, and how far into it. */
export interface Progress {
  /** "collapse" (edge collapse), or "reduce" (the reduction of one dimension). */
  readonly stage: 'collapse' | 'reduce';
  /** The homology dimension being reduced (0 during the collapse). */
  readonly dim: number;
  readonly done: number;
  readonly total: number;
}

/** Cancellation and progress hooks for long jobs (STYLE: the library never prints). */
export interface LongJobHooks {
  /** Aborting it stops the computation with a GeoError of code "ABORTED". */
  readonly signal?: AbortSignal;
  /** Called every few thousand columns or edges. */
  readonly onProgress?: (progress: Progress) => void;
}

/** How many inner steps between two checks of the hooks. */
export const HOOK_INTERVAL = 8192;

/**
 * Throws if the job was aborted, and reports progress.
 *
 * @example
 * const ctl = new AbortController(); ctl.abort();
 * checkHooks({ signal: ctl.signal }, { stage: 'reduce', dim: 1, done: 0, total: 10 }); // throws GeoError ABORTED
 */
export function checkHooks(hooks: LongJobHooks | undefined, progress: Progress): void {
  if (hooks === undefined) return;
  if (hooks.signal?.aborted === true) {
    throw new GeoError('ABORTED', `ripsPersistence was aborted during ${progress.stage} (dimension ${progress.dim}, ${progress.done} of ${progress.total})`, {
      argument: 'options.signal',
      cause: hooks.signal.reason,
    });
  }
  hooks.onProgress?.(progress);
}
