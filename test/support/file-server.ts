import { afterAll, beforeAll } from 'vitest';
import { temporaryDatabasePath } from './app.ts';
import { STARTUP_LIMIT_MS } from './readiness.ts';
import { startServer, type ServerProcess, type StartOptions } from './server-process.ts';

/**
 * A real server process for the tests of one file (or one `describe`): started before them, over a
 * database of its own, with `env` (and `options`, a fault to load among them); stopped after them.
 * The object is filled in once it listens, so tests read `server.url` as usual.
 */
export function serverForTests(env: Record<string, string>, options: StartOptions = {}): ServerProcess {
  const server = {} as ServerProcess;
  beforeAll(async () => {
    Object.assign(server, await startServer({ DATABASE_PATH: temporaryDatabasePath(), ...env }, options));
  }, STARTUP_LIMIT_MS);
  afterAll(async () => {
    server.child?.kill('SIGTERM');
    await server.exited;
  });
  return server;
}
