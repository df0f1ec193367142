import { describe, expect, it } from 'vitest';
import { serverForTests } from './support/file-server.ts';
import { answerParts, rawExchange } from './support/sockets.ts';

// Breaks the review of 2026-12-06 found, each against a real server process.

const GRAPHQL = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

const server = serverForTests({ NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'info' });

interface Answer<Data> {
  status: number;
  headers: Headers;
  data: Data | undefined;
  errors: { message: string; extensions: Record<string, unknown> }[] | undefined;
  extensions: { cost: { requested: number | null; limit: number }; schemaVersion: string };
  cost: number | null | undefined;
}

/** Sent as its text, so a number JSON cannot hold (1e400) reaches the server as written. */
async function post<Data = unknown>(body: string): Promise<Answer<Data>> {
  const response = await fetch(server.url, { method: 'POST', headers: GRAPHQL, body });
  const json = (await response.json()) as Pick<Answer<Data>, 'data' | 'errors' | 'extensions'>;
  return { status: response.status, headers: response.headers, ...json, cost: json.extensions?.cost?.requested };
}

/** POSTs `query` alone. */
const ask = <Data>(query: string) => post<Data>(JSON.stringify({ query }));

/** The head of the answer to `head` (a request closing its connection), as the server wrote it. */
async function answerHead(head: string): Promise<string> {
  return answerParts(await rawExchange(server.url, `${head}connection: close\r\n\r\n`)).head;
}

describe('page sizes out of range', () => {
  it.each([
    ['a literal far past the largest page', '{"query":"{ offices(first: 30000) { totalCount } }"}'],
    ['a variable far past the largest page', '{"query":"query ($f: Int) { offices(first: $f) { totalCount } }","variables":{"f":30000}}'],
  ])('%s is refused as the page size it is (BAD_USER_INPUT naming the argument), not as a cost (%#)', async (_label, body) => {
    const answer = await post(body);
    expect(answer.errors?.map((error) => [error.extensions.code, error.extensions.argument])).toEqual([['BAD_USER_INPUT', 'first']]);
  });

  it('refuses a number no Int holds as its type, whether written or sent as a variable', async () => {
    const written = await post('{"query":"{ offices(first: 99999999999999) { totalCount } }"}');
    expect(written.status).toBe(400);
    expect(written.errors?.map((error) => error.extensions.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const sent = await post('{"query":"query ($f: Int) { offices(first: $f) { totalCount } }","variables":{"f":1e400}}');
    expect(sent.status).toBe(400);
    expect(sent.errors?.map((error) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('counts a page without first or last as the page it returns: the default of 20', async () => {
    const unpaged = await post('{"query":"{ offices { nodes { id } } }"}');
    const twenty = await post('{"query":"{ offices(first: 20) { nodes { id } } }"}');
    expect(unpaged.errors).toBeUndefined();
    expect(unpaged.cost).toBe(twenty.cost);
  });
});

describe('the Host header (RFC 9112 §3.2)', () => {
  it.each([
    ['two Host lines', 'host: a.example\r\nhost: b.example\r\n'],
    ['a Host that is no host', 'host: a b/c@d\r\n'],
  ])('%s: 400 BAD_REQUEST (%#)', async (_label, hostLines) => {
    const raw = await rawExchange(server.url, `GET /health HTTP/1.1\r\n${hostLines}connection: close\r\n\r\n`);
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain('"code":"BAD_REQUEST"');
  });

  it.each(['localhost:4000', '127.0.0.1', '[::1]:8080', 'api.example.jp', 'API.Example.JP.', '[fe80::1%25eth0]:8080', '[v1.fe80::a+en1]'])('answers a request whose Host is %s', async (host) => {
    expect(await answerHead(`GET /health HTTP/1.1\r\nhost: ${host}\r\n`)).toMatch(/^http\/1\.1 200 /);
  });
});

describe('an Accept-Encoding over its length limit', () => {
  // Refusing plain answers (identity;q=0) is what makes compression read the whole header.
  const overlong = `gzip, identity;q=0, ${Array.from({ length: 400 }, () => 'a;q=0').join(', ')}`;

  it.each([
    ['its own 431', `GET /health HTTP/1.1\r\nhost: localhost\r\naccept-encoding: ${overlong}\r\n`, 431],
    ['a refusal decided before the routes (no Host)', `GET /health HTTP/1.1\r\naccept-encoding: ${overlong}\r\n`, 400],
  ])('is not read to answer %s: the answer goes out plain (%#)', async (_label, head, status) => {
    const answer = await answerHead(head);
    expect(answer).toMatch(new RegExp(`^http/1\\.1 ${status} `));
    expect(answer).not.toContain('content-encoding');
  });
});

describe('the renewal window', () => {
  type Window = { opensOn: string; phase: string; noteCodes: string[]; notes: { ja: string; en: string }[]; sources: { key: string }[] };
  const windowOf = async (asOf: string) => {
    const { data } = await ask<{ renewalWindow: Window }>(`{ renewalWindow(expiresOn: "2020-04-10", asOf: "${asOf}") { opensOn phase noteCodes notes { ja en } sources { key } } }`);
    return data!.renewalWindow;
  };

  // docs/domain-rules.md §3: an application before the window opens is possible, but no renewal, one
  // year shorter (Edogawa City states it); the answer says so, and says opensOn. Sapporo's own
  // example: 2020-04-10 opens on 2020-01-11.
  it('says before it opens that applying now is no renewal, one year shorter, and names the day it opens, citing Edogawa City', async () => {
    const early = await windowOf('2020-01-10');
    expect(early).toMatchObject({ opensOn: '2020-01-11', phase: 'NOT_YET_OPEN', noteCodes: ['RENEWAL_WINDOW_NOT_YET_OPEN'] });
    expect(early.notes[0]!.en).toContain('2020-01-11');
    expect(early.notes[0]!.ja).toContain('2020年1月11日');
    expect(early.sources.map((source) => source.key)).toContain('edogawa-renewal-page');
  });

  it.each(['2020-01-11', '2020-04-11'])('says nothing of an early application once it has opened (%s)', async (asOf) => {
    const open = await windowOf(asOf);
    expect(open.noteCodes).not.toContain('RENEWAL_WINDOW_NOT_YET_OPEN');
    expect(open.sources.map((source) => source.key)).not.toContain('edogawa-renewal-page');
  });

  it('keeps that note on the window, and its source (Edogawa City) among the certificate\'s', async () => {
    type Keyed = { key: string }[];
    const { data } = await ask<{ certificateValidity: { noteCodes: string[]; userAuthentication: { sources: Keyed; renewal: { phase: string; noteCodes: string[]; sources: Keyed } } } }>(
      '{ certificateValidity(input: { birthDate: "1985-04-10", issuedOn: "2020-05-15", asOf: "2021-01-01" }) { noteCodes userAuthentication { sources { key } renewal { phase noteCodes sources { key } } } } }',
    );
    const { noteCodes, userAuthentication } = data!.certificateValidity;
    expect(userAuthentication.renewal).toMatchObject({ phase: 'NOT_YET_OPEN', noteCodes: ['RENEWAL_WINDOW_NOT_YET_OPEN'] });
    expect(userAuthentication.renewal.sources.map((source) => source.key)).toContain('edogawa-renewal-page');
    expect(userAuthentication.sources.map((source) => source.key)).toContain('edogawa-renewal-page');
    expect(noteCodes).not.toContain('RENEWAL_WINDOW_NOT_YET_OPEN');
  });

  it('names an argument out of range as the argument, not as an input field', async () => {
    const answer = await post('{"query":"{ renewalWindow(expiresOn: \\"1899-12-31\\") { opensOn } }"}');
    expect(answer.errors?.map((error) => [error.extensions.code, error.extensions.argument, error.extensions.field])).toEqual([['BAD_USER_INPUT', 'expiresOn', undefined]]);
  });
});

describe('previousExpiresOn, which the partners\' contract keeps ("meaning both")', () => {
  it('is not deprecated: an answer using it carries neither Deprecation nor Sunset, and introspection lists it as current', async () => {
    const response = await ask('{ certificateValidity(input: { birthDate: "1980-10-10", issuedOn: "2020-05-15", previousExpiresOn: "2020-06-01" }) { asOf } }');
    expect(response.status).toBe(200);
    expect(response.headers.get('deprecation')).toBeNull();
    expect(response.headers.get('sunset')).toBeNull();
    // Without includeDeprecated, introspection lists current input fields only.
    const fields = await ask<{ __type: { inputFields: { name: string }[] } }>('{ __type(name: "CertificateValidityInput") { inputFields { name } } }');
    const names = fields.data!.__type.inputFields.map((field) => field.name);
    expect(names).toContain('previousExpiresOn');
  });
});

describe('the extensions of answers refused before any GraphQL request was read', () => {
  const refusals: [string, string, RequestInit & { path?: string }][] = [
    ['415, a body that is not JSON', 'UNSUPPORTED_MEDIA_TYPE', { method: 'POST', headers: { 'content-type': 'text/plain', accept: GRAPHQL.accept }, body: '{ notices { key } }' }],
    ['403, a GET without a CSRF header', 'CSRF_HEADER_REQUIRED', { method: 'GET', path: '/graphql?query=%7B__typename%7D', headers: { accept: GRAPHQL.accept } }],
    ['406, no JSON type accepted', 'NOT_ACCEPTABLE', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'image/png' }, body: '{"query":"{ __typename }"}' }],
    ['405, a method /graphql does not answer', 'METHOD_NOT_ALLOWED', { method: 'PUT', headers: GRAPHQL, body: '{}' }],
    ['400, malformed JSON', 'BAD_REQUEST', { method: 'POST', headers: GRAPHQL, body: '{"query":' }],
    ['413, a body over the limit', 'PAYLOAD_TOO_LARGE', { method: 'POST', headers: GRAPHQL, body: `{"query":"${' '.repeat(120_000)}{ __typename }"}` }],
    ['404, a path nothing is served at', 'NOT_FOUND', { method: 'GET', path: '/nothing-here' }],
  ];

  it.each(refusals)('%s: the cost (none measured), its limit and the schema version, as every answer (%#)', async (_label, code, init) => {
    const answered = await ask('{ __typename }');
    const { path = '/graphql', ...request } = init;
    const response = await fetch(new URL(path, server.url), request);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[]; extensions?: unknown };
    expect(body.errors.map((error) => error.extensions.code)).toEqual([code]);
    expect(body.extensions).toEqual({ cost: { requested: null, limit: answered.extensions.cost.limit }, schemaVersion: answered.extensions.schemaVersion });
  });
});

describe('a comment in a document, text the server never reads', () => {
  it('keeps the answer out of every cache (no-store, never a hit) and its operation name out of the log', async () => {
    const query = encodeURIComponent('query Types { certificateTypes { kind } } # born 1987-06-23');
    const url = new URL(`/graphql?query=${query}`, server.url);
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await fetch(url, { headers: { 'x-graphql-csrf': '1', accept: GRAPHQL.accept } });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('etag')).toBeNull();
      await response.arrayBuffer();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = server.stdout().split('\n').filter((line) => line.includes('"path":"/graphql"') && line.includes('"method":"GET"'));
    const last = lines.slice(-2).map((line) => JSON.parse(line) as { cache: string; operationName: string | null });
    expect(last).toEqual([expect.objectContaining({ cache: 'bypass', operationName: null }), expect.objectContaining({ cache: 'bypass', operationName: null })]);
    expect(server.stdout()).not.toContain('1987-06-23');
  });
});

describe('the 住民基本台帳カード in list A', () => {
  // The rule for every document of list A: no expired ones (docs/domain-rules.md §5); the
  // convenience-store page: 「※2025年12月末で全ての住基カードが有効期限を迎えます。」
  const acceptable = async (args: string) => {
    type Document = { position: number; lastExpiresOn: string | null; lastExpiresOnSource: { key: string } | null; acceptable: boolean };
    const { data, errors } = await ask<{ idDocumentLists: { documents: Document[] }[] }>(`{ idDocumentLists { documents { position lastExpiresOn lastExpiresOnSource { key } acceptable: acceptableIfIssuedOn(${args}) } } }`);
    return { documents: data?.idDocumentLists[0]?.documents, errors };
  };

  it.each([
    ['2025-12-31', true],
    ['2026-01-01', false],
  ])('issued on 2015-06-01, as of %s: acceptable %s (every one expired at the end of December 2025)', async (asOf, expected) => {
    const { documents } = await acceptable(`issuedOn: "2015-06-01", asOf: "${asOf}"`);
    const card = documents!.find((document) => document.position === 2)!;
    expect(card).toMatchObject({ lastExpiresOn: '2025-12-31', lastExpiresOnSource: { key: 'sapporo-konbini-kofu-page' }, acceptable: expected });
    // A passport (5) has no such date: still acceptable.
    expect(documents!.find((document) => document.position === 5)).toMatchObject({ lastExpiresOn: null, lastExpiresOnSource: null, acceptable: true });
  });

  it('is not acceptable today (after 2025), asOf left out', async () => {
    const { documents } = await acceptable('issuedOn: "2015-06-01"');
    expect(documents!.find((document) => document.position === 2)!.acceptable).toBe(false);
  });

  it('refuses an issue date before 1900 naming the argument, as every date the computations take', async () => {
    const { errors } = await acceptable('issuedOn: "1899-01-01"');
    // The field is non-null all the way up: the first document's error nulls the answer, and is the only one.
    expect(errors?.map((error) => [error.extensions.code, error.extensions.argument])).toEqual([['BAD_USER_INPUT', 'issuedOn']]);
  });
});
