import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryDatabasePath } from './support/app.ts';
import { STARTUP_LIMIT_MS } from './support/readiness.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';
import { serverForTests } from './support/file-server.ts';
import { answerParts, rawExchange, requestLogLines } from './support/sockets.ts';

// What HTTP (RFC 9110, RFC 9112) and GraphQL over HTTP ask of the front, against a real server process.

let server: ServerProcess;

beforeAll(async () => {
  server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent' });
}, STARTUP_LIMIT_MS);

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
});

const graphqlUrl = () => new URL('/graphql', server.url).href;

function post(headers: Record<string, string>) {
  return fetch(graphqlUrl(), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ __typename }' }) });
}

describe('Accept with a charset', () => {
  it.each([
    // GraphQL over HTTP, section "Accept": the Accept header it RECOMMENDS a client set.
    ['application/graphql-response+json; charset=utf-8, application/json; charset=utf-8', 'application/graphql-response+json; charset=utf-8'],
    // A charset parameter's value is case-insensitive (RFC 9110 §8.3.2).
    ['application/json;charset=UTF-8', 'application/json; charset=utf-8'],
    ['application/graphql-response+json; charset="utf-8"', 'application/graphql-response+json; charset=utf-8'],
  ])('answers Accept %s with %s', async (accept, contentType) => {
    const response = await post({ accept });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    expect(await response.json()).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('refuses with 406 an Accept whose only JSON entry names a charset other than utf-8', async () => {
    const response = await post({ accept: 'application/json; charset=iso-8859-1' });
    expect(response.status).toBe(406);
  });
});

/** An Accept of exactly `length` characters: `application/json` and one long media type nobody serves. */
function acceptOf(length: number): string {
  const start = 'application/json, x/';
  return `${start}${'y'.repeat(length - start.length)}`;
}

const errorCodes = async (response: Response) => ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors.map((error) => error.extensions.code);

// docs/deployment.md, "Bounds": Accept and Accept-Encoding of at most MAX_ACCEPT_HEADER_BYTES (1 024) each.
describe('the length of Accept and Accept-Encoding', () => {
  it('answers an Accept of 1 024 characters', async () => {
    const response = await post({ accept: acceptOf(1_024) });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ data: { __typename: 'Query' } });
  });

  it.each([
    { name: 'accept', value: acceptOf(1_025) },
    { name: 'accept', value: `${'a/b,'.repeat(27_500)}application/json` },
    { name: 'accept-encoding', value: `${'x,'.repeat(20_000)}gzip` },
  ].map((header) => ({ ...header, length: header.value.length })))('refuses $name of $length characters with 431 REQUEST_HEADER_TOO_LARGE (RFC 6585 §5), naming the header', async ({ name, value }) => {
    const response = await post({ accept: 'application/json', [name]: value });
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await response.clone().json()) as { errors: { message: string }[] };
    expect(body.errors[0]!.message).toContain(name);
    expect(await errorCodes(response)).toEqual(['REQUEST_HEADER_TOO_LARGE']);
  });

  it('refuses an Accept-Encoding over the bound on /schema.graphql too', async () => {
    const response = await fetch(new URL('/schema.graphql', server.url), { headers: { 'accept-encoding': `${'x,'.repeat(20_000)}gzip` } });
    expect(response.status).toBe(431);
    expect(await errorCodes(response)).toEqual(['REQUEST_HEADER_TOO_LARGE']);
  });
});

// RFC 9110 §8.6: a server MUST NOT send Content-Length in a 204, nor in a 304 unless it equals the
// 200's; neither answer has content.
describe('answers without content', () => {
  it('sends no Content-Length with the 204 of a CORS preflight', async () => {
    const response = await fetch(graphqlUrl(), { method: 'OPTIONS', headers: { origin: 'https://app.city.example', 'access-control-request-method': 'POST' } });
    expect(response.status).toBe(204);
    expect(response.headers.get('content-length')).toBeNull();
  });

  it.each([
    ['/schema.graphql', {}],
    [`/graphql?query=${encodeURIComponent('{ notices { key } }')}`, { 'x-graphql-csrf': '1' }],
  ])('sends no Content-Length with a 304 of %s', async (path, headers) => {
    const url = new URL(path, server.url);
    const first = await fetch(url, { headers });
    const etag = first.headers.get('etag');
    expect(etag).not.toBeNull();
    const again = await fetch(url, { headers: { ...headers, 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(again.headers.get('content-length')).toBeNull();
  });
});

// The Fetch Standard, section 3.2.6 (HTTP responses in the CORS protocol): a page of another origin reads only the CORS-safelisted response headers
// and those named in Access-Control-Expose-Headers. docs/city-apps.md and the kiosk guide tell a
// client to wait Retry-After, to watch the RateLimit fields, to report x-request-id, to heed
// Deprecation and Sunset, and to revalidate with the ETag.
describe('headers a page of another origin may read', () => {
  const ORIGIN = 'https://app.city.example';
  const READABLE = ['x-request-id', 'retry-after', 'ratelimit-policy', 'ratelimit', 'deprecation', 'sunset', 'etag'];
  let limited: ServerProcess;

  beforeAll(async () => {
    limited = await startServer({ DATABASE_PATH: temporaryDatabasePath(), RATE_LIMIT_PER_MINUTE: '1', CORS_ORIGINS: ORIGIN, LOG_LEVEL: 'silent' });
  }, STARTUP_LIMIT_MS);

  afterAll(async () => {
    limited?.child.kill('SIGTERM');
    await limited?.exited;
  });

  const exposed = (response: Response) => response.headers.get('access-control-expose-headers')?.split(',').map((name) => name.trim().toLowerCase());
  const postFrom = (origin: string) =>
    fetch(new URL('/graphql', limited.url), { method: 'POST', headers: { origin, 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query: '{ __typename }' }) });

  it('names them in Access-Control-Expose-Headers on an answer and on a 429 to a listed origin', async () => {
    const answered = await postFrom(ORIGIN);
    expect(answered.status).toBe(200);
    expect(answered.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(exposed(answered)).toEqual(expect.arrayContaining(READABLE));
    const refused = await postFrom(ORIGIN);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(exposed(refused)).toEqual(expect.arrayContaining(READABLE));
  });

  it('exposes nothing to an origin it does not list', async () => {
    const answer = await postFrom('https://elsewhere.example');
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.headers.get('access-control-expose-headers')).toBeNull();
  });
});

// RFC 9112 §3.2.2: a server MUST accept the absolute-form of a request target (`http://host/path`),
// which clients send to proxies and some send to every server.
describe('a request target in absolute-form', () => {
  /** The status line and the body of one request written on a socket of its own. */
  async function raw(url: string, requestLine: string, headers: string[] = [], body = '') {
    const { host } = new URL(url);
    const head = [requestLine, `host: ${host}`, 'connection: close', ...headers, ...(body === '' ? [] : [`content-length: ${Buffer.byteLength(body)}`])];
    const answer = answerParts(await rawExchange(url, `${head.join('\r\n')}\r\n\r\n${body}`));
    return { statusLine: answer.statusLine, body: answer.body };
  }

  it('answers a POST /graphql', async () => {
    const answer = await raw(server.url, `POST ${graphqlUrl()} HTTP/1.1`, ['content-type: application/json', 'accept: application/json'], JSON.stringify({ query: '{ __typename }' }));
    expect(answer.statusLine).toBe('HTTP/1.1 200 OK');
    expect(JSON.parse(answer.body)).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('answers a GET /graphql with its query string', async () => {
    const target = `${graphqlUrl()}?query=${encodeURIComponent('{ __typename }')}`;
    const answer = await raw(server.url, `GET ${target} HTTP/1.1`, ['accept: application/json', 'x-graphql-csrf: 1']);
    expect(answer.statusLine).toBe('HTTP/1.1 200 OK');
    expect(JSON.parse(answer.body)).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('answers the metrics port', async () => {
    const answer = await raw(server.metricsUrl, `GET ${server.metricsUrl} HTTP/1.1`);
    expect(answer.statusLine).toBe('HTTP/1.1 200 OK');
    expect(answer.body).toContain('# TYPE http_requests_total counter');
  });

  describe('a GET answered from the response cache', () => {
    const logged = serverForTests({ RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'info' });

    // A privacy probe reported the authority, which the server never reads, as kept in the cache's key: it is not.
    it('is keyed by its path and query alone: a date in the authority (userinfo, port) makes no key of its own and is not logged', async () => {
      const query = `/graphql?query=${encodeURIComponent('{ certificateTypes { kind } }')}`;
      const answers = [];
      for (const target of [query, `http://1977-07-17@x${query}`, `http://x:1977${query}`]) {
        const head = ['host: x', 'connection: close', 'accept: application/json', 'x-graphql-csrf: 1'];
        answers.push(answerParts(await rawExchange(logged.url, `GET ${target} HTTP/1.1\r\n${head.join('\r\n')}\r\n\r\n`)).headers);
      }
      const ids = answers.map((headers) => headers['x-request-id']);
      const lines = await requestLogLines(() => logged.stdout(), ids);
      expect(answers.map((headers) => [headers['cache-control'], headers.etag])).toEqual(Array(3).fill(['public, max-age=300', answers[0]!.etag]));
      expect(lines.map((line) => [line.path, line.cache])).toEqual([['/graphql', 'miss'], ['/graphql', 'hit'], ['/graphql', 'hit']]);
      expect(logged.stdout()).not.toMatch(/1977-07-17|x:1977/);
    });
  });
});

describe('Vary on every answer of /graphql', () => {
  // docs/kiosk-integrators.md: every answer of /graphql varies by Accept and says so, refusals too
  // (a 406 is Accept's doing; the others differ by it in type and status).
  const varies = (response: Response) => response.headers.get('vary')?.split(',').map((name) => name.trim().toLowerCase());

  it.each([
    ['406, an Accept the server cannot answer', () => post({ accept: 'text/csv' }), 406],
    ['415, a body that is not JSON', () => fetch(graphqlUrl(), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }), 415],
    ['405, a method /graphql does not answer', () => fetch(graphqlUrl(), { method: 'PUT' }), 405],
    ['431, an Accept over the bound', () => post({ accept: `application/json, ${'x/y, '.repeat(300)}` }), 431],
    ['200, an answer', () => post({ accept: 'application/json' }), 200],
  ])('%s: Vary names Accept', async (_what, send, status) => {
    const response = await send();
    await response.arrayBuffer();
    expect(response.status).toBe(status);
    expect(varies(response)).toContain('accept');
  });
});

describe('OPTIONS with the asterisk-form request target', () => {
  // RFC 9110 §9.3.7: `OPTIONS *` asks about the server in general; RFC 9112 §3.2.4: the form is for OPTIONS only.
  it('is answered 204 with the methods the server serves in Allow', async () => {
    const answer = await rawExchange(server.url, 'OPTIONS * HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 204 /);
    expect(answer).toMatch(/\r\nallow: GET, HEAD, POST, OPTIONS\r\n/i);
  });

  it('is refused 400 BAD_REQUEST with any other method', async () => {
    const answer = await rawExchange(server.url, 'GET * HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"code":"BAD_REQUEST"');
  });
});

describe('a request asking to upgrade the protocol', () => {
  // An attack probe (2026-12-06): Node's parser stops at a request that asks for an upgrade, and the
  // server, which upgrades to nothing, answered it keep-alive: a request pipelined behind it was
  // dropped unanswered and the connection stalled to its keep-alive deadline.
  it.each(['websocket', 'h2c'])('Upgrade: %s is answered as a plain request, with connection: close, and the connection ends at once', async (protocol) => {
    const started = Date.now();
    const answer = await rawExchange(server.url, `GET /health HTTP/1.1\r\nhost: x\r\nconnection: Upgrade\r\nupgrade: ${protocol}\r\n\r\nGET /health HTTP/1.1\r\nhost: x\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
    expect(answer.match(/HTTP\/1\.1 /g)).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('is answered keep-alive when it only names an Upgrade header, without asking for the upgrade in Connection', async () => {
    const answer = await rawExchange(server.url, 'GET /health HTTP/1.1\r\nhost: x\r\nupgrade: websocket\r\n\r\nGET /health HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
    expect(answer.match(/HTTP\/1\.1 200 /g)).toHaveLength(2);
  });
});
