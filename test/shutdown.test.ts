import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { temporaryDatabasePath } from './support/app.ts';
import { startServer } from './support/server-process.ts';

describe('graceful shutdown', () => {
  it('finishes in-flight requests after SIGTERM, refuses new connections, and exits 0', async () => {
    const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), SHUTDOWN_TIMEOUT_MS: '5000' });
    const url = new URL(server.url);
    const body = JSON.stringify({ query: '{ offices { totalCount } }' });

    // A request whose body is still arriving when the signal comes.
    const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 300);
      }, 200);
    });

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).data).toEqual({ offices: { totalCount: 11 } });
    const started = Date.now();
    expect(await server.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).rejects.toThrow();
    expect(server.stdout()).toContain('"msg":"stopped"');
  }, 30_000);
});
