// A leaderboard worker process (forked by the harness with --jobs > 1): runs the units it is
// sent one at a time and reports progress and results over IPC. Nothing runs unless forked.
import { GeoError } from '@geo/core';
import type { WorkerReply, WorkerRequest } from './harness.js';
import { runUnit } from './unit.js';

/** Sends to the parent; once the parent is gone (killed, Ctrl-C) this is a no-op, not an EPIPE crash. */
function send(m: WorkerReply): void {
  if (!process.connected) return;
  process.send?.(m, undefined, undefined, () => {
    // a failed send means the parent went away between the check and the write: 'disconnect' exits
  });
}

if (process.send !== undefined) {
  const controller = new AbortController();
  process.on('SIGTERM', () => {
    controller.abort();
    process.exit(143);
  });
  // The parent going away ends the worker.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (m: WorkerRequest) => {
    if (m.type === 'exit') {
      process.disconnect();
      return;
    }
    let last = 0;
    runUnit(m.unit, {
      outDir: m.outDir,
      zooDir: m.zooDir,
      signal: controller.signal,
      onProgress: (done, total, label) => {
        const now = Date.now();
        if (now - last < 500 && done < total) return; // at most 2 messages a second
        last = now;
        send({ type: 'progress', done, total, ...(label === undefined ? {} : { label }) });
      },
    }).then(
      (result) => send({ type: 'done', result }),
      (e: unknown) => send({ type: 'error', message: e instanceof GeoError || e instanceof Error ? e.message : String(e) }),
    );
  });
}
