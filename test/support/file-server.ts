import { afterAll, beforeAll } from 'vitest';
import { temporaryDatabasePath } from './app.ts';
import { STARTUP_LIMIT_MS } from './readiness.ts';
import { startServer, type ServerProcess } from './server-process.ts';

/**
 * A real server process for the tests of one file (or one `describe`): started before them, over a
 * database of its own, with `env`; stopped after them. The object is filled in once it listens, so
 * tests read `server.url` as usual.
 */
export function serverForTests(env: Record<string, string>): ServerProcess {
  const server = {} as ServerProcess;
  beforeAll(async () => {
    Object.assign(server, await startServer({ DATABASE_PATH: temporaryDatabasePath(), ...env }));
  }, STARTUP_LIMIT_MS);
  afterAll(async () => {
    server.child?.kill('SIGTERM');
    await server.exited;
  });
  return server;
}
