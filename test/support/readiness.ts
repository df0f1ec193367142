import type { ServerProcess } from './server-process.ts';

/**
 * How long a hook may take to start its servers. Alone, one starts in about a second; several
 * starting together on two cores busy with other suites once took over 20 s. The limit only bounds
 * a hang: hooks wait for the readiness signal (each worker's "listening" line), never a set time.
 */
export const STARTUP_LIMIT_MS = 180_000;

/** Resolves once `server` has printed its "listening" line `workers` times (one per worker). */
export function untilListening(server: ServerProcess, workers: number): Promise<void> {
  const listening = () => server.stdout().split('"msg":"listening"').length - 1;
  return new Promise((resolve, reject) => {
    if (listening() >= workers) return resolve();
    const onData = () => {
      if (listening() < workers) return;
      server.child.stdout.off('data', onData);
      resolve();
    };
    // Registered after startServer's own listener, so stdout() already holds the chunk.
    server.child.stdout.on('data', onData);
    void server.exited.then((code) => reject(new Error(`server exited with ${code} before ${workers} workers listened: ${server.stderr()}`)));
  });
}
