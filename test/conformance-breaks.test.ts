import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { persistedOperationId } from '../src/graphql/execution/persisted-operations.ts';
import { serverForTests } from './support/file-server.ts';
import { parseCsv } from './support/csv.ts';
import { answerParts, exchangeOverTime, logLines, rawExchange, requestLogLines } from './support/sockets.ts';

// Breaks an HTTP and GraphQL-over-HTTP conformance probe, a partners' probe and a GraphQL semantics probe found (2026-12-06), each against a real server process.

const ORIGIN = 'https://app.city.example';
const server = serverForTests({ NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'info', CORS_ORIGINS: ORIGIN });

const GRAPHQL = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

/** The head of the answer to `raw` (a request closing its connection), lower-cased, and its body. */
async function rawAnswer(raw: string): Promise<{ head: string; body: string }> {
  const { head, body } = answerParts(await rawExchange(server.url, raw));
  return { head, body };
}

/** The JSON text of an array `depth` levels deep around one string (JSON.stringify itself overflows the stack on it). */
const nested = (depth: number): string => `${'['.repeat(depth)}"Query"${']'.repeat(depth)}`;

describe('a String or ID variable given a value no string is made of', () => {
  const cases: [string, string, string][] = [
    ['an object with its own toString, for __type(name:)', 'query ($n: String!) { __type(name: $n) { name } }', '{"toString":1}'],
    ['an array 5,000 deep, for __type(name:)', 'query ($n: String!) { __type(name: $n) { name } }', nested(5_000)],
    ['an array 5,000 deep, for node(id:)', 'query ($n: ID!) { node(id: $n) { id } }', nested(5_000)],
    ['an array 5,000 deep, for nodes(ids:)', 'query ($n: [ID!]!) { nodes(ids: $n) { id } }', nested(5_000)],
  ];
  it.each(cases)('%s: 400 BAD_USER_INPUT, no fault logged', async (_label, query, value) => {
    const response = await fetch(server.url, { method: 'POST', headers: GRAPHQL, body: `{"query":${JSON.stringify(query)},"variables":{"n":${value}}}` });
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(response.status).toBe(400);
    expect(body.errors.map((error) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(logLines(server.stdout()).filter((line) => line.level === 'error')).toEqual([]);
  });
});

describe('revalidating from a page of a listed origin (docs/city-apps.md: "revalidate with if-none-match")', () => {
  it('the preflight of /graphql allows If-None-Match, which is no CORS-safelisted header', async () => {
    const response = await fetch(server.url, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match, x-graphql-csrf' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-headers')?.split(', ')).toEqual(expect.arrayContaining(['if-none-match', 'x-graphql-csrf']));
  });
});

describe('request framing (RFC 9112 §6.1)', () => {
  it('an HTTP/1.0 request with Transfer-Encoding is refused 400 BAD_REQUEST, and its connection closed before a request behind it is read', async () => {
    const body = '{"query":"{ notices { key } }"}';
    const chunked = `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
    const behind = 'GET /health HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n';
    const text = await rawExchange(server.url, `POST /graphql HTTP/1.0\r\nhost: localhost\r\nconnection: keep-alive\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n${chunked}${behind}`);
    expect(text.match(/^HTTP\/1\.1 \d+/gm)).toEqual(['HTTP/1.1 400']);
    expect(text.toLowerCase()).toContain('connection: close');
    expect(text).toContain('"code":"BAD_REQUEST"');
  });

  it('a request with two Content-Type lines is refused 400 BAD_REQUEST, whichever comes first', async () => {
    const body = '{"query":"{ notices { key } }"}';
    for (const [first, second] of [['application/json', 'text/plain'], ['text/plain', 'application/json']]) {
      const { head, body: answer } = await rawAnswer(`POST /graphql HTTP/1.1\r\nhost: localhost\r\ncontent-type: ${first}\r\ncontent-type: ${second}\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`);
      expect(head).toMatch(/^http\/1\.1 400 /);
      expect(answer).toContain('"code":"BAD_REQUEST"');
    }
  });
});

describe('405 answers name what is allowed (RFC 9110 §15.5.6: Allow MUST be sent)', () => {
  it('CONNECT: 405 with Allow and Date', async () => {
    const { head } = await rawAnswer('CONNECT example.com:443 HTTP/1.1\r\nhost: example.com:443\r\n\r\n');
    expect(head).toMatch(/^http\/1\.1 405 /);
    expect(head).toContain('\r\nallow: get, head, post, options');
    expect(head).toMatch(/\r\ndate: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} gmt/);
  });

  it('a malformed request, answered on its socket: 400 with Date (RFC 9110 §6.6.1)', async () => {
    const { head } = await rawAnswer('GET /health HTTP/1.1\r\nhost: localhost\r\nbad header\r\n\r\n');
    expect(head).toMatch(/^http\/1\.1 400 /);
    expect(head).toMatch(/\r\ndate: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} gmt/);
  });

  it('POST /metrics: 405 with Allow', async () => {
    const response = await fetch(new URL('/metrics', server.metricsUrl), { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it.each(['/health', '/ready'])('%s answers GET and HEAD; DELETE, POST and OPTIONS get 405 METHOD_NOT_ALLOWED with Allow', async (path) => {
    for (const method of ['GET', 'HEAD']) expect((await fetch(new URL(path, server.url), { method })).status).toBe(200);
    for (const method of ['DELETE', 'POST', 'OPTIONS']) {
      const response = await fetch(new URL(path, server.url), { method });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('METHOD_NOT_ALLOWED');
    }
  });
});

// docs/kiosk-integrators.md: "show each office's reservation", and for each remedy "show where to go";
// the only persisted operation selecting reservations was fixed to RENEWAL.
describe('a kiosk sending only persisted ids, for a PIN_LOCKED remedy', () => {
  it('gets the card centre\'s reservation (要予約) for PIN_RESET by KioskOfficesGuidance, by GET, answered public', async () => {
    const params = new URLSearchParams({
      variables: JSON.stringify({ procedure: 'PIN_RESET', residentWard: 'KITA' }),
      extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: persistedOperationId(readFileSync('operations/kiosk/offices-guidance.graphql', 'utf8')) } }),
    });
    const response = await fetch(`${server.url}?${params}`, { headers: { accept: 'application/graphql-response+json', 'x-graphql-csrf': '1' } });
    const body = (await response.json()) as { data: { officesForProcedure: { key: string; reservation: { when: { ja: string }; purpose: { ja: string } } | null }[] } };
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(body.data.officesForProcedure.map((office) => [office.key, office.reservation?.when.ja ?? null, office.reservation?.purpose.ja ?? null])).toEqual([
      ['kita-ward-office', null, null],
      ['my-number-card-center', '土日などの区役所閉庁時間帯', 'カードのお受け取りなど'],
    ]);
  });
});

// graphql-jit compiles an operation once it has been answered cleanly twice; its answers must be the first ones.
describe('an operation once compiled', () => {
  const ask = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(server.url, { method: 'POST', headers: GRAPHQL, body: JSON.stringify({ query, variables }) });
    return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown> | null; errors?: { path?: unknown[]; extensions: { code: string } }[] } };
  };
  const OFFICE = (key: string) => Buffer.from(`Office:${key}`).toString('base64');

  it('nodes(ids:) answers a malformed id with null at its own place, the list as long as ids', async () => {
    const query = 'query NodesInOrder($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    // Two clean answers (different ids, so the response cache answers neither) get it compiled.
    for (const key of ['kita-ward-office', 'nishi-ward-office']) expect((await ask(query, { ids: [OFFICE(key)] })).status).toBe(200);
    const { body } = await ask(query, { ids: [OFFICE('chuo-ward-office'), 'not-an-id'] });
    expect(body.data).toEqual({ nodes: [{ id: OFFICE('chuo-ward-office') }, null] });
    expect(body.errors!.map((error) => [error.path, error.extensions.code])).toEqual([[['nodes', 1], 'BAD_USER_INPUT']]);
  });

  it.each([
    ['a non-null argument', 'query KindOrDefault($k: CertificateKind = SIGNATURE) { certificateType(kind: $k) { kind } }', 'k', ['USER_AUTHENTICATION', 'SIGNATURE']],
    ['@skip(if:)', 'query SkipOrDefault($s: Boolean = false) { certificateTypes { kind minimumAge @skip(if: $s) } }', 's', [true, false]],
  ])('a variable with a default given null for %s is refused BAD_USER_INPUT, as the first time', async (_label, query, name, cleanValues) => {
    const first = await ask(query, { [name]: null });
    // Two clean answers with different values (the response cache answers a repeat without running it).
    for (const value of cleanValues) expect((await ask(query, { [name]: value })).status).toBe(200);
    const again = await ask(query, { [name]: null });
    expect(first.body.errors!.map((error) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(again).toEqual(first);
  });
});

// A semantics probe (2026-12-08): graphql-js reads the directives of the root selections before any
// field runs, so `if` given null there was answered 400 BAD_REQUEST (with `data: null`), where at a
// nested selection it is the field error it is: 200 BAD_USER_INPUT, with `data`.
describe('a variable with a default given null for a directive\'s `if`', () => {
  const NULL_IF = 'Argument "if" of non-null type "Boolean!" must not be null.';

  it.each([
    ['@skip on a root field', 'query ($s: Boolean = true) { notices @skip(if: $s) { key } }', undefined],
    ['@include on a root field', 'query ($s: Boolean = true) { notices @include(if: $s) { key } }', undefined],
    ['@skip on an inline fragment at the root', 'query ($s: Boolean = true) { ... @skip(if: $s) { notices { key } } }', undefined],
    ['@skip on a nested field', 'query ($s: Boolean = true) { notices { key @skip(if: $s) } }', ['notices', 0]],
  ])('%s: 200, data null and BAD_USER_INPUT at the variable, for either media type', async (_label, query, path) => {
    for (const accept of ['application/graphql-response+json', 'application/json']) {
      const response = await fetch(server.url, { method: 'POST', headers: { ...GRAPHQL, accept }, body: JSON.stringify({ query, variables: { s: null } }) });
      const body = (await response.json()) as Record<string, unknown>;
      expect(response.status).toBe(200);
      expect(body.data).toBe(null);
      expect(body.errors).toEqual([{ message: NULL_IF, locations: [{ line: 1, column: query.indexOf('$s)') + 1 }], ...(path ? { path } : {}), extensions: { code: 'BAD_USER_INPUT' } }]);
    }
  });
});

// Relay's connection spec: startCursor and endCursor are the cursors of the first and last edges.
describe('an empty page of offices', () => {
  const pageInfo = async (args: string) => {
    const response = await fetch(server.url, { method: 'POST', headers: GRAPHQL, body: JSON.stringify({ query: `{ offices(${args}) { totalCount edges { cursor } pageInfo { startCursor endCursor hasNextPage } } }` }) });
    return ((await response.json()) as { data: { offices: { totalCount: number; edges: { cursor: string }[]; pageInfo: Record<string, unknown> } } }).data.offices;
  };

  it('has no cursors, where it had one of offset -1 that the API itself refused as `after`', async () => {
    expect(await pageInfo('kind: CARD_CENTER, ward: CHUO')).toEqual({ totalCount: 0, edges: [], pageInfo: { startCursor: null, endCursor: null, hasNextPage: false } });
  });

  it('past the last office has no cursors either', async () => {
    const all = await pageInfo('first: 100');
    const past = await pageInfo(`after: "${all.edges.at(-1)!.cursor}"`);
    expect(past).toEqual({ totalCount: all.totalCount, edges: [], pageInfo: { startCursor: null, endCursor: null, hasNextPage: false } });
  });
});

// A browser-facing probe (2026-12-06): a keyed client's own document answered `private` was handed
// by the browser's own cache to a later request without the key, which the server refuses.
describe('kiosk mode: the answer to a keyed client\'s own document', () => {
  const kiosk = serverForTests({ NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '0', PERSISTED_ONLY: 'true', API_KEYS: 'k1', ARBITRARY_OPERATION_KEYS: 'a1' });

  it('varies by X-API-Key, so no cache gives it to a request without the key', async () => {
    const url = new URL(kiosk.url);
    url.searchParams.set('query', '{ offices(first: 2) { nodes { key } } }');
    for (const round of ['computed', 'from the response cache']) {
      const response = await fetch(url, { headers: { 'x-api-key': 'a1', 'x-graphql-csrf': '1', accept: 'application/graphql-response+json' } });
      expect([round, response.status, response.headers.get('cache-control')]).toEqual([round, 200, 'private, max-age=300']);
      expect(response.headers.get('vary')?.toLowerCase().split(', ')).toContain('x-api-key');
    }
  });
});

// RFC 9110 §10.1.1: a server that will refuse a request on its head alone should answer that
// refusal rather than `100 Continue`, so the client never sends the body.
describe('Expect: 100-continue on a POST /graphql refused from its head', () => {
  const BODY = '{"query":"{ notices { key } }"}';
  const head = (fields: string) => `POST /graphql HTTP/1.1\r\nhost: localhost\r\n${fields}content-length: ${BODY.length}\r\nexpect: 100-continue\r\nconnection: close\r\n\r\n`;
  it.each([
    ['a Content-Type other than JSON', 'content-type: text/plain\r\n', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['JSON in another charset', 'content-type: application/json; charset=iso-8859-1\r\n', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a compressed body', 'content-type: application/json\r\ncontent-encoding: gzip\r\n', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['an Accept of no JSON type', 'content-type: application/json\r\naccept: text/csv\r\n', 406, 'NOT_ACCEPTABLE'],
    ['two Content-Type lines', 'content-type: application/json\r\ncontent-type: text/plain\r\n', 400, 'BAD_REQUEST'],
  ])('with %s: the refusal alone, no 100 Continue, and the connection closed', async (_label, fields, status, code) => {
    // A client that hears nothing within a second sends its body anyway (RFC 9110 §10.1.1).
    const text = await exchangeOverTime(server.url, [
      { after: 0, raw: head(fields) },
      { after: 1_000, raw: BODY },
    ]);
    expect(text.match(/^HTTP\/1\.1 \d+/gm)).toEqual([`HTTP/1.1 ${status}`]);
    expect(text.toLowerCase()).toContain('\r\nconnection: close\r\n');
    expect(JSON.parse(answerParts(text).body).errors[0].extensions.code).toBe(code);
  });
});

// An answer no cache may store and no client can revalidate (If-None-Match on a POST is no
// revalidation) has no use for a validator.
describe('the answer to a POST /graphql', () => {
  it.each([['computed', 'miss'], ['from the response cache', 'hit']])('is no-store without an ETag, %s', async (_label, cache) => {
    const response = await fetch(server.url, { method: 'POST', headers: GRAPHQL, body: '{"query":"{ certificateTypes { kind } }"}' });
    expect([response.status, response.headers.get('cache-control'), response.headers.get('etag')]).toEqual([200, 'no-store', null]);
    await response.text();
    const [line] = await requestLogLines(() => server.stdout(), [response.headers.get('x-request-id')]);
    expect(line!.cache).toBe(cache);
  });
});

describe('OPTIONS on a file GET serves', () => {
  const FILES = ['/schema.graphql', '/opendata/public-facilities.csv'];
  const CORS = ['access-control-allow-origin', 'access-control-expose-headers', 'vary'];
  const picked = (response: Response, names: string[]) => Object.fromEntries(names.map((name) => [name, response.headers.get(name)]));

  it.each(FILES)('%s: a preflight from a listed origin is 204 with Allow, what a page may send, and the CORS headers of its GET', async (path) => {
    const preflight = await fetch(new URL(path, server.url), { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' } });
    const get = await fetch(new URL(path, server.url), { headers: { origin: ORIGIN } });
    expect(preflight.status).toBe(204);
    expect(picked(preflight, ['allow', 'access-control-allow-methods', 'access-control-max-age'])).toEqual({ allow: 'GET, HEAD, OPTIONS', 'access-control-allow-methods': 'GET, HEAD, OPTIONS', 'access-control-max-age': '600' });
    expect(preflight.headers.get('access-control-allow-headers')?.split(', ')).toContain('if-none-match');
    expect(picked(preflight, CORS)).toEqual({ ...picked(get, CORS), vary: 'Origin' });
    expect(get.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it.each(FILES)('%s: a plain OPTIONS is 204 with Allow and no body; DELETE is 405 with the same Allow', async (path) => {
    const options = await fetch(new URL(path, server.url), { method: 'OPTIONS' });
    expect([options.status, options.headers.get('allow'), await options.text()]).toEqual([204, 'GET, HEAD, OPTIONS', '']);
    const refused = await fetch(new URL(path, server.url), { method: 'DELETE' });
    expect([refused.status, refused.headers.get('allow')]).toEqual([405, 'GET, HEAD, OPTIONS']);
  });
});

// A domain probe (2026-12-06): every served fact names its page (docs/domain-rules.md §10), and the open data's rows named none.
describe('the open data names the sources of its facts', () => {
  interface Cited {
    title: { ja: string };
    url: string | null;
  }
  interface SourcedOffice {
    key: string;
    ward: string | null;
    source: Cited;
    nameKanaSource: Cited;
    wardCodeSource: Cited | null;
  }
  const cite = (source: Cited) => (source.url === null ? source.title.ja : `${source.title.ja} ${source.url}`);

  it('gives each row, in 備考, the pages the API names for its office, its reading and its ward code', async () => {
    const query = '{ offices { nodes { key ward source { title { ja } url } nameKanaSource { title { ja } url } wardCodeSource { title { ja } url } } } }';
    const answer = (await (await fetch(server.url, { method: 'POST', headers: GRAPHQL, body: JSON.stringify({ query }) })).json()) as { data: { offices: { nodes: SourcedOffice[] } } };
    const offices = answer.data.offices.nodes;
    // The card centre has no ward of its own; its address is in 中央区, whose code the ward offices' source assigns.
    const chuoWardCodeSource = offices.find((office) => office.ward === 'CHUO')!.wardCodeSource!;
    const [header, ...rows] = parseCsv((await (await fetch(new URL('/opendata/public-facilities.csv', server.url))).text()).slice(1));
    const column = (name: string) => header!.indexOf(name);
    expect(rows.map((row) => [row[column('ID')], row[column('備考')]])).toEqual(
      offices.map((office) => [
        office.key,
        `出典: ${cite(office.source)} / 名称_カナの出典: ${cite(office.nameKanaSource)} / 所在地_全国地方公共団体コードの出典: ${cite(office.wardCodeSource ?? chuoWardCodeSource)}`,
      ]),
    );
  });
});
