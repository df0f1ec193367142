import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryDatabasePath } from './support/app.ts';
import { STARTUP_LIMIT_MS } from './support/readiness.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';
import { eventually } from './support/sockets.ts';

// What a real server does with the parts of a request it reads and with those it does not
// (docs/deployment.md, "Personal data: what is never cached").

/** KioskPinGuidance's id, as docs/kiosk-integrators.md lists it: the PIN rules a kiosk asks for by GET. */
const PIN_GUIDANCE_ID = '6899c644a2a72ac3380fc3c412f3656eefb413eb1ff1273be6301330f9d3c0cc';
const NOTICES = '{ notices { key } }';
const MODERN = 'application/graphql-response+json';
const LEGACY = 'application/json';
const GET_HEADERS = { 'x-graphql-csrf': '1', accept: MODERN };

let server: ServerProcess;

beforeAll(async () => {
  server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'info', GRAPHIQL: 'true' });
}, STARTUP_LIMIT_MS);

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
});

const origin = () => new URL(server.url).origin;

/** A GET of /graphql with this query string, written as it is (a parameter may repeat). */
const get = (search: string, headers: Record<string, string> = GET_HEADERS) => fetch(`${origin()}/graphql?${search}`, { headers });
const post = (body: string, accept = MODERN) => fetch(`${origin()}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body });
const parameter = (name: string, value: string) => `${name}=${encodeURIComponent(value)}`;

/** The server's log lines written so far, a line still being written left out. */
const logged = () =>
  server
    .stdout()
    .split('\n')
    .slice(0, -1)
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

const codes = async (response: Response) => ((await response.json()) as { errors?: { extensions: { code: string } }[] }).errors?.map((error) => error.extensions.code);

/** The log line of the request that got this answer, once the server has written it. */
async function logLineOf(response: Response): Promise<Record<string, unknown>> {
  const id = response.headers.get('x-request-id');
  let line: Record<string, unknown> | undefined;
  await eventually(() => (line = logged().find((candidate) => candidate.requestId === id)) !== undefined, `the log line of request ${id}`);
  return line!;
}

describe('parts of a request the server does not read', () => {
  it.each([
    ['an unknown GET parameter', '1973-05-19', () => get(`${parameter('query', NOTICES)}&${parameter('birthDate', '1973-05-19')}`)],
    ['an unknown `extensions` entry in a GET', '1974-06-20', () => get(`${parameter('query', NOTICES)}&${parameter('extensions', '{"dob":"1974-06-20"}')}`)],
    ['a repeated GET parameter, of which only the first is read', '1975-07-21', () => get(`${parameter('query', NOTICES)}&variables=&${parameter('variables', '{"b":"1975-07-21"}')}`)],
    [
      'a key written twice in a GET parameter\'s JSON',
      '1976-08-22',
      () => get(parameter('extensions', `{"persistedQuery":{"version":1,"sha256Hash":"1976-08-22"},"persistedQuery":{"version":1,"sha256Hash":"${PIN_GUIDANCE_ID}"}}`)),
    ],
    [
      'an entry beside the persisted id in `extensions.persistedQuery`',
      '1977-09-23',
      () => get(parameter('extensions', `{"persistedQuery":{"version":1,"sha256Hash":"${PIN_GUIDANCE_ID}","dob":"1977-09-23"}}`)),
    ],
    ['an unknown key in a POST body', '1972-04-18', () => post(`{"query":"${NOTICES}","birthDate":"1972-04-18"}`)],
    ['an unknown `extensions` entry in a POST body', '1974-06-20', () => post(`{"query":"${NOTICES}","extensions":{"dob":"1974-06-20"}}`)],
    ['a key written twice in a POST body', '1978-10-24', () => post(`{"query":"${NOTICES}","variables":{"b":"1978-10-24"},"variables":{}}`)],
    [
      'a variable written twice in a POST body',
      '1979-11-25',
      () => post('{"query":"query ($ward: Ward) { offices(ward: $ward) { totalCount } }","variables":{"ward":"1979-11-25","ward":"KITA"}}'),
    ],
  ])('%s: answered, no-store without an ETag, never from the response cache, and not logged', async (_label, birthDate, send) => {
    for (const response of [await send(), await send()]) {
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data?: unknown; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data).toBeDefined();
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('etag')).toBeNull();
      const line = await logLineOf(response);
      expect(line.cache).toBe('bypass');
      expect(JSON.stringify(line)).not.toContain(birthDate);
    }
  });

  it.each([
    ['a GET of a document with its declared variables and operation name', () => get(`${parameter('query', 'query Ward($w: Ward) { offices(ward: $w) { totalCount } }')}&${parameter('variables', '{"w":"NISHI"}')}&operationName=Ward`)],
    ['a GET of a persisted id', () => get(`${parameter('extensions', `{"persistedQuery":{"version":1,"sha256Hash":"${PIN_GUIDANCE_ID}"}}`)}&variables=`)],
  ])('%s, carrying only what the server reads, is public and served again from the response cache', async (_label, send) => {
    const first = await send();
    const second = await send();
    for (const response of [first, second]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=300');
      expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    }
    expect([(await logLineOf(first)).cache, (await logLineOf(second)).cache]).toEqual(['miss', 'hit']);
  });

  it('GraphiQL\'s page at a URL with a query string is no-store without an ETag; at the bare URL it is revalidated', async () => {
    const html = { accept: 'text/html' };
    const withQuery = await get(`${parameter('query', NOTICES)}&${parameter('variables', '{"b":"1973-05-19"}')}`, html);
    expect(withQuery.status).toBe(200);
    expect(withQuery.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(withQuery.headers.get('cache-control')).toBe('no-store');
    expect(withQuery.headers.get('etag')).toBeNull();
    const bare = await fetch(`${origin()}/graphql`, { headers: html });
    expect(bare.headers.get('cache-control')).toBe('no-cache');
    expect(bare.headers.get('etag')).toMatch(/^"[\w-]+"$/);
  });
});

// GraphQL over HTTP, "Status Codes", the examples of both media types: invalid parameters (its
// example is `{"qeury": "{__typename}"}`) SHOULD get 400; a document that cannot be parsed SHOULD
// get 200 under application/json and 400 under application/graphql-response+json.
describe('a request that sends no document', () => {
  it.each([MODERN, LEGACY].flatMap((accept) => ['{"qeury":"{__typename}"}', '{}', '{"query":null}', '{"variables":{}}'].map((body) => [body, accept])))(
    'POST %s accepting %s: 400 BAD_REQUEST',
    async (body, accept) => {
      const response = await post(body, accept);
      expect(response.status).toBe(400);
      expect(await codes(response)).toEqual(['BAD_REQUEST']);
    },
  );

  it.each([MODERN, LEGACY])('a GET with `qeury` instead of `query`, accepting %s: 400 BAD_REQUEST', async (accept) => {
    const response = await get(parameter('qeury', '{__typename}'), { 'x-graphql-csrf': '1', accept });
    expect(response.status).toBe(400);
    expect(await codes(response)).toEqual(['BAD_REQUEST']);
  });

  it.each([
    [MODERN, 400],
    [LEGACY, 200],
  ])('an empty `query`, accepting %s, is a document that does not parse: %i GRAPHQL_PARSE_FAILED', async (accept, status) => {
    for (const response of [await post('{"query":""}', accept), await get('query=', { 'x-graphql-csrf': '1', accept })]) {
      expect(response.status).toBe(status);
      expect(await codes(response)).toEqual(['GRAPHQL_PARSE_FAILED']);
    }
  });
});

describe('a persisted id the server cannot read', () => {
  const persisted = (persistedQuery: unknown) => JSON.stringify({ extensions: { persistedQuery } });

  it.each([
    [{ sha256Hash: PIN_GUIDANCE_ID }, 'no version'],
    [{ version: '1', sha256Hash: PIN_GUIDANCE_ID }, 'the version as a string'],
    [{ version: 2, sha256Hash: PIN_GUIDANCE_ID }, 'version 2'],
  ])('%j (%s): 400 BAD_REQUEST naming the version the server reads', async (persistedQuery, _what) => {
    const response = await post(persisted(persistedQuery));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors.map((error) => [error.extensions.code, error.message])).toEqual([['BAD_REQUEST', 'Send `extensions.persistedQuery` as `{ "version": 1, "sha256Hash": "<id>" }`: version 1 is the one this server reads.']]);
  });

  it('an id that is not a string: 400 BAD_REQUEST naming the field', async () => {
    const response = await post(persisted({ version: 1, sha256Hash: 7 }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string }[] };
    expect(body.errors[0]?.message).toBe('Send `extensions.persistedQuery` as `{ "version": 1, "sha256Hash": "<id>" }`: version 1 is the one this server reads.');
  });
});

describe('automatic persisted queries (Apollo Client, urql): an id the server does not know', () => {
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const apq = (hash: string, query?: string) => JSON.stringify({ ...(query === undefined ? {} : { query }), extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

  it('alone: 400 PERSISTED_QUERY_NOT_FOUND, which tells the client to send the document with it', async () => {
    const response = await post(apq(sha256(NOTICES)));
    expect(response.status).toBe(400);
    expect(await codes(response)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('sent again with the document it is the SHA-256 of: runs the document', async () => {
    const response = await post(apq(sha256(NOTICES), NOTICES));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { notices: unknown[] } }).data.notices.length).toBeGreaterThan(0);
  });

  it('sent with a document it is not the SHA-256 of: 400 BAD_REQUEST', async () => {
    const response = await post(apq(sha256('{ certificateTypes { kind } }'), NOTICES));
    expect(response.status).toBe(400);
    expect(await codes(response)).toEqual(['BAD_REQUEST']);
  });
});

describe('the log line of an answer from the response cache', () => {
  it('names the persisted operation run, as the line of the answer computed first does', async () => {
    // KioskOfficesForProcedure, as docs/kiosk-integrators.md sends it by GET.
    const id = 'c3dca61067315fbce836c4874c990c9ed2fb0dedc3968a225242b80d79cfefce';
    const search = `${parameter('extensions', `{"persistedQuery":{"version":1,"sha256Hash":"${id}"}}`)}&${parameter('variables', '{"procedure":"PIN_RESET","residentWard":"CHUO"}')}`;
    const first = await get(search);
    const second = await get(search);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect([await logLineOf(first), await logLineOf(second)]).toEqual([
      expect.objectContaining({ cache: 'miss', operationName: 'KioskOfficesForProcedure', persistedId: id }),
      expect.objectContaining({ cache: 'hit', operationName: 'KioskOfficesForProcedure', persistedId: id }),
    ]);
  });
});
