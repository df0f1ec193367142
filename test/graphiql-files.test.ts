import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphiqlOptions } from '../src/http/graphiql-settings.ts';
import { temporaryDatabasePath } from './support/app.ts';
import { STARTUP_LIMIT_MS } from './support/readiness.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';

const PROBE = fileURLToPath(new URL('./support/bundle-import-probe.ts', import.meta.url));

function decoded(body: Buffer, coding: string | null): Buffer {
  if (coding === 'br') return brotliDecompressSync(body);
  if (coding === 'gzip') return gunzipSync(body);
  return body;
}

// A fresh process, so that the first request for GraphiQL is the one that makes its files.
describe('GraphiQL on a fresh server', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), LOG_LEVEL: 'silent' }, { nodeFlags: ['--import', PROBE] });
  }, STARTUP_LIMIT_MS);

  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
  });

  /** A GET's status, type, coding and body, undecoded: raw bytes as they cross the socket (fetch would decode them). */
  function get(path: string, headers: Record<string, string>): Promise<{ status: number; type: string | undefined; coding: string | null; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(new URL(path, server.url), { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode!, type: response.headers['content-type'], coding: response.headers['content-encoding'] ?? null, body: Buffer.concat(chunks) }),
        );
      });
      request.on('error', reject);
      request.end();
    });
  }

  const probeLines = () => server.stdout().split('\n').filter((line) => line.includes('test probe:')).map((line) => JSON.parse(line) as { thread: string });

  it('serves the first page and every file it names, in each coding, and imports the bundle in a worker thread, not on the event loop', async () => {
    expect(probeLines()).toEqual([]);
    const first = await get('/graphql', { accept: 'text/html', 'accept-encoding': 'br' });
    expect(first).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', coding: 'br' });
    const page = decoded(first.body, first.coding).toString();
    expect(page).toContain(`<title>${graphiqlOptions.title}</title>`);

    const named = [...page.matchAll(/"(graphiql\/[^"]+)"/g)].map((match) => `/${match[1]}`);
    expect(named).toHaveLength(6);
    const stylesheet = decoded((await get(named.find((file) => file.endsWith('.css'))!, {})).body, null).toString();
    // The fonts it names; a small image stays inline, as data:.
    const fonts = [...stylesheet.matchAll(/url\((font\.[^)]+)\)/g)].map((match) => `/graphiql/${match[1]}`);
    expect(fonts.length).toBeGreaterThan(0);
    for (const file of [...named, ...fonts]) {
      for (const acceptEncoding of ['br', 'gzip', 'identity']) {
        const response = await get(file, { 'accept-encoding': acceptEncoding });
        expect(response.status, file).toBe(200);
        const bytes = decoded(response.body, response.coding);
        expect(createHash('sha256').update(bytes).digest('hex').slice(0, 16), `${file} (${acceptEncoding})`).toBe(file.split('.').at(-2));
      }
    }
    expect(probeLines()).toEqual([{ level: 'info', msg: 'test probe: GraphiQL bundle imported', thread: 'worker' }]);
  }, 60_000);
});
