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
const FAIL_BUNDLE = fileURLToPath(new URL('./support/faults/fail-graphiql-bundle.ts', import.meta.url));
/** Paths under /graphiql/ no page of ours can name, by their shape: no hash, a name or type the bundle has no file of. */
const NEVER_OURS = ['/graphiql/x.js', '/graphiql/', '/graphiql/graphiql.js', '/graphiql/graphiql.0123456789abcdef.exe', '/graphiql/secret.0123456789abcdef.js', '/graphiql/graphiql.0123456789ABCDEF.js'];
/** A name of the shape of ours, with a hash no release's file has. */
const SHAPED_UNKNOWN = '/graphiql/graphiql.0000000000000000.js';

function decoded(body: Buffer, coding: string | null): Buffer {
  if (coding === 'br') return brotliDecompressSync(body);
  if (coding === 'gzip') return gunzipSync(body);
  return body;
}

interface RawAnswer {
  status: number;
  type: string | undefined;
  coding: string | null;
  retryAfter: string | undefined;
  body: Buffer;
}

/** A GET's status, type, coding and body, undecoded: raw bytes as they cross the socket (fetch would decode them). */
function get(server: ServerProcess, path: string, headers: Record<string, string>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(path, server.url), { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode!,
          type: response.headers['content-type'],
          coding: response.headers['content-encoding'] ?? null,
          retryAfter: response.headers['retry-after'],
          body: Buffer.concat(chunks),
        }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

/** The code of a refusal's single error. */
const codeOf = (answer: RawAnswer) => (JSON.parse(answer.body.toString()) as { errors: { extensions: { code: string } }[] }).errors.map((error) => error.extensions.code);

/** Log lines whose message includes `text`. */
const linesWith = (server: ServerProcess, text: string) =>
  server
    .stdout()
    .split('\n')
    .filter((line) => line.includes(text))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

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

  const probeLines = () => linesWith(server, 'test probe:');

  it('answers 404 to a path under /graphiql/ that cannot name one of its files, without making them', async () => {
    for (const path of NEVER_OURS) {
      const answer = await get(server, path, {});
      expect(answer.status, path).toBe(404);
      expect(codeOf(answer), path).toEqual(['NOT_FOUND']);
    }
    expect(probeLines()).toEqual([]);
  });

  it('serves the first page and every file it names, in each coding, reading the bundle module\'s file without importing it', async () => {
    expect(probeLines()).toEqual([]);
    const first = await get(server, '/graphql', { accept: 'text/html', 'accept-encoding': 'br' });
    expect(first).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', coding: 'br' });
    const page = decoded(first.body, first.coding).toString();
    expect(page).toContain(`<title>${graphiqlOptions.title}</title>`);

    const named = [...page.matchAll(/"(graphiql\/[^"]+)"/g)].map((match) => `/${match[1]}`);
    expect(named).toHaveLength(6);
    const stylesheet = decoded((await get(server, named.find((file) => file.endsWith('.css'))!, {})).body, null).toString();
    // The fonts it names; a small image stays inline, as data:.
    const fonts = [...stylesheet.matchAll(/url\((font\.[^)]+)\)/g)].map((match) => `/graphiql/${match[1]}`);
    expect(fonts.length).toBeGreaterThan(0);
    for (const file of [...named, ...fonts]) {
      for (const acceptEncoding of ['br', 'gzip', 'identity']) {
        const response = await get(server, file, { 'accept-encoding': acceptEncoding });
        expect(response.status, file).toBe(200);
        const bytes = decoded(response.body, response.coding);
        expect(createHash('sha256').update(bytes).digest('hex').slice(0, 16), `${file} (${acceptEncoding})`).toBe(file.split('.').at(-2));
      }
    }
    expect(probeLines()).toEqual([{ level: 'info', msg: 'test probe: GraphiQL bundle resolved', thread: 'event loop' }]);
    // A name of our files' shape that is none of them.
    const unknown = await get(server, SHAPED_UNKNOWN, {});
    expect([unknown.status, ...codeOf(unknown)]).toEqual([404, 'NOT_FOUND']);
  }, 60_000);
});

describe('GraphiQL when its files cannot be made', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), LOG_LEVEL: 'info' }, { nodeFlags: ['--import', FAIL_BUNDLE] });
  }, STARTUP_LIMIT_MS);

  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
  });

  const attempts = () => linesWith(server, 'test fault: GraphiQL bundle of another shape').length;
  const errorLines = () => linesWith(server, '"level":"error"');

  it('answers the page and its files 503 SERVICE_UNAVAILABLE with Retry-After, trying once and logging once, not a stack per request', async () => {
    const page = { accept: 'text/html' };
    // Two at once share one attempt; two more within the delay start none.
    const answers = await Promise.all([get(server, '/graphql', page), get(server, '/graphql', page)]);
    answers.push(await get(server, '/graphql', page), await get(server, SHAPED_UNKNOWN, {}), await get(server, '/graphql', page));
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.type).toBe('application/json; charset=utf-8');
      expect(codeOf(answer)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    }
    expect(attempts()).toBe(1);
    // Written after the answers, at the end of the turn: awaited, not assumed.
    await expect.poll(() => errorLines()).toHaveLength(1);
    const [line] = errorLines();
    expect(line).toMatchObject({ msg: "GraphiQL's files not made", errorClass: 'BundleShapeError', reason: 'a line that declares no string' });
    expect(line).not.toHaveProperty('stack');
    expect(server.stdout()).not.toContain('unexpected error');
    const refused = () => linesWith(server, '"status":503');
    await expect.poll(() => refused().length).toBe(answers.length);
    for (const entry of refused()) expect(entry.errors).toEqual(['SERVICE_UNAVAILABLE']);
  }, 60_000);

  it('still answers 404 to a path that cannot name one of its files, and serves the rest', async () => {
    for (const path of NEVER_OURS) expect((await get(server, path, {})).status, path).toBe(404);
    const api = await get(server, '/schema.graphql', {});
    expect(api.status).toBe(200);
    expect(attempts()).toBe(1);
  });
});
