import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpuMicros } from '../bench/cpu.ts';
import { persistedOperationId } from '../src/graphql/execution/persisted-operations.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';

// The breaks issue 17 found in the request pipeline, each as it was reported, against a real
// server process. (Sockets, signals and descriptors: the process tests.)

const BIRTH_DATE = '1971-03-04';
const GRAPHQL = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

let server: ServerProcess;
let directory: string;
const databasePath = () => join(directory, 'jpki.db');

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'jpki-breaks-'));
  server = await startServer({
    DATABASE_PATH: databasePath(),
    NODE_ENV: 'production',
    RATE_LIMIT_PER_MINUTE: '0',
    DATA_CHECK_INTERVAL_MS: '50',
    LOG_LEVEL: 'info',
    API_KEYS: 'kiosk-key',
  });
}, 60_000);

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  rmSync(directory, { recursive: true, force: true });
});

const base = () => new URL(server.url).origin;

async function post(body: unknown, headers: Record<string, string> = GRAPHQL) {
  const response = await fetch(`${base()}/graphql`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const codes = (text: string) => (JSON.parse(text) as { errors?: { extensions: { code: string } }[] }).errors?.map((error) => error.extensions.code);

// From the metrics port, which renders its text at most once a second (src/http/metrics-server.ts):
// each read waits until the text of the previous one has expired, so it sees everything before it.
const METRICS_FRESH_AFTER_MS = 1_100;
let lastMetricsRead = Number.NEGATIVE_INFINITY;
async function metric(name: string): Promise<number> {
  const expiresIn = lastMetricsRead + METRICS_FRESH_AFTER_MS - performance.now();
  if (expiresIn > 0) await new Promise((resolve) => setTimeout(resolve, expiresIn));
  lastMetricsRead = performance.now();
  const value = Number(new RegExp(`^${name} (\\d+)`, 'm').exec(await (await fetch(server.metricsUrl)).text())?.[1]);
  expect(Number.isInteger(value)).toBe(true);
  return value;
}

/** Each fragment spreads the next one twice: 2^levels fields once expanded, in a few KB of text. */
function fanOut(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { notices { key } ...F${i + 1} ...F${i + 1} }`);
  return `{ ...F0 } ${fragments.join(' ')} fragment F${levels} on Query { notices { key } }`;
}

describe('limits that run in linear time', () => {
  it.each([16, 22, 150])('a %i-level fragment fan-out is refused as too complex, and /health answers meanwhile', async (levels) => {
    const attack = post({ query: fanOut(levels) });
    const health = await fetch(`${base()}/health`);
    expect(health.status).toBe(200);
    const refused = await attack;
    expect(refused.status).toBe(400);
    expect(codes(refused.text)).toEqual(['QUERY_TOO_COMPLEX']);
  }, 10_000);

  it('counts nodes(ids:) by its ids and a list by its declared bound: 22 aliases × 100 ids × every document is refused', async () => {
    const ids = Array.from({ length: 100 }, () => 'SWREb2N1bWVudExpc3Q6QQ==');
    const aliases = Array.from({ length: 22 }, (_, i) => `a${i}: nodes(ids: $ids) { ... on IdDocumentList { documents { id position name { ja en } issuedOnOrAfter } } }`);
    const refused = await post({ query: `query ($ids: [ID!]!) { ${aliases.join(' ')} }`, variables: { ids } });
    expect(refused.status).toBe(400);
    expect(codes(refused.text)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(refused.text.length).toBeLessThan(1_000);
  });

  // A fuzzing probe (2026-12-07): graphql-js' variable coercion quotes the whole object at each of
  // up to 50 unknown keys, so one object of 12,500 keys within MAX_BODY_BYTES cost ~170 ms of CPU.
  it('refuses a variable object of 12,500 unknown keys within 20 ms of server CPU a request, naming 20 problems', async () => {
    const keys = Object.fromEntries(Array.from({ length: 12_500 }, (_, i) => [i.toString(36), 1]));
    const body = { query: 'query ($i: CertificateValidityInput!) { certificateValidity(input: $i) { asOf } }', variables: { i: keys } };
    expect(JSON.stringify(body).length).toBeLessThan(100_000);
    const before = cpuMicros(server.pid);
    for (let round = 0; round < 5; round++) {
      const refused = await post(body);
      expect(refused.status).toBe(400);
      expect(codes(refused.text)).toEqual(Array.from({ length: 20 }, () => 'BAD_USER_INPUT'));
    }
    expect((cpuMicros(server.pid) - before) / 5).toBeLessThan(20_000);
  });

  it('refuses a document that repeats a field 590 times before validating it', async () => {
    const refused = await post({ query: `{ ${'notices { key } '.repeat(590)}}` });
    expect(refused.status).toBe(400);
    expect(codes(refused.text)).toEqual(['QUERY_TOO_COMPLEX']);
  });
});

describe('memory held by documents', () => {
  it('keeps a document once validation passes it, never one it refuses, one over 10,000 characters nor one with a comment', async () => {
    const before = await metric('operation_cache_entries');
    const bytesBefore = await metric('operation_cache_bytes');
    for (const n of [1, 2, 3]) expect(codes((await post({ query: `{ notices { key nothingHere${n} } }` })).text)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const long = await post({ query: `{ notices { key } }${' '.repeat(10_000)}` });
    expect(long.status).toBe(200);
    const commented = await post({ query: '{ notices { key } } # a comment' });
    expect(commented.status).toBe(200);
    const kept = await post({ query: '{ notices { key kept: key } }' });
    expect(kept.status).toBe(200);
    expect(await metric('operation_cache_entries')).toBe(before + 1);
    // The one kept: 4 KB, 480 bytes for each of its 11 tokens (the start and the end of the text
    // among them), its 29 one-byte characters twice (the source, and what is copied out of it),
    // and its key: the text after its length, `29:`.
    expect(await metric('operation_cache_bytes')).toBe(bytesBefore + 4 * 1024 + 11 * 480 + 2 * 29 + '29:{ notices { key kept: key } }'.length);
  });
});

describe('HTTP methods and media types', () => {
  it('answers TRACE /graphql 405 with the methods it allows', async () => {
    // fetch() refuses to send TRACE; node:http sends any method.
    const response = await new Promise<{ status?: number; allow?: string; body: string }>((resolve, reject) => {
      const request = httpRequest(`${base()}/graphql`, { method: 'TRACE' }, (answer) => {
        let body = '';
        answer.on('data', (chunk: Buffer) => (body += chunk.toString()));
        answer.on('end', () => resolve({ status: answer.statusCode, allow: answer.headers.allow, body }));
      });
      request.on('error', reject);
      request.end();
    });
    expect(response.status).toBe(405);
    expect(response.allow).toBe('GET, HEAD, POST, OPTIONS');
    expect(codes(response.body)).toEqual(['METHOD_NOT_ALLOWED']);
  });

  it.each([
    ['application/json;q=0, application/graphql-response+json', 'application/graphql-response+json; charset=utf-8'],
    ['text/html;q=0.1, application/json', 'application/json; charset=utf-8'],
    ['application/graphql-response+json;q=0.5, application/json', 'application/json; charset=utf-8'],
  ])('honours quality values: Accept %s gets %s', async (accept, contentType) => {
    const response = await fetch(`${base()}/graphql?query=${encodeURIComponent('{ notices { key } }')}`, { headers: { accept, 'x-graphql-csrf': '1' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
  });

  it('refuses with 406 an Accept that rates every type it could answer q=0', async () => {
    const response = await fetch(`${base()}/graphql?query=${encodeURIComponent('{ notices { key } }')}`, { headers: { accept: 'application/json;q=0, application/graphql-response+json;q=0', 'x-graphql-csrf': '1' } });
    expect(response.status).toBe(406);
  });

  it('varies answers by Accept, with an ETag for each type', async () => {
    const url = `${base()}/graphql?query=${encodeURIComponent('{ certificateTypes { kind } }')}`;
    const json = await fetch(url, { headers: { accept: 'application/json', 'x-graphql-csrf': '1' } });
    const modern = await fetch(url, { headers: { accept: 'application/graphql-response+json', 'x-graphql-csrf': '1' } });
    for (const response of [json, modern]) expect(response.headers.get('vary')?.split(', ')).toContain('Accept');
    expect(json.headers.get('etag')).not.toBe(modern.headers.get('etag'));
  });
});

describe('personal data, failing closed', () => {
  const logLines = () => server.stdout().split('\n').filter((line) => line.startsWith('{'));

  // A privacy probe (2026-12-07): /graphql stores no answer to a URL with parts it never reads, but
  // these answered such a URL `public` with an ETag, for shared caches (and their logs) to keep.
  it('stores no answer of a file to a URL with a query string, which may hold whatever its sender wrote', async () => {
    const page = await (await fetch(`${base()}/graphql`, { headers: { accept: 'text/html' } })).text();
    const favicon = /"(graphiql\/favicon\.[0-9a-f]{16}\.ico)"/.exec(page)![1]!;
    for (const path of ['/schema.graphql', '/opendata/public-facilities.csv', `/${favicon}`]) {
      const plain = await fetch(`${base()}${path}`);
      expect(plain.headers.get('cache-control')).toMatch(/^public, /);
      const asked = await fetch(`${base()}${path}?birthDate=${BIRTH_DATE}`);
      expect(asked.status).toBe(200);
      expect(await asked.text()).toBe(await plain.text());
      expect([asked.headers.get('cache-control'), asked.headers.get('etag')]).toEqual(['no-store', null]);
    }
  });

  it('keeps no operation whose variable default writes a birth date into the text, and stores no answer to it', async () => {
    const before = await metric('operation_cache_entries');
    for (const day of ['04', '05', '06']) {
      const query = `query Defaulted($i: CertificateValidityInput = { birthDate: "1971-03-${day}", issuedOn: "2020-05-15" }) { certificateValidity(input: $i) { asOf } }`;
      const response = await post({ query });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    expect(await metric('operation_cache_entries')).toBe(before);
  });

  it('logs a persisted id only when it names an allow-listed operation', async () => {
    const before = logLines().length;
    const response = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: `birthDate=${BIRTH_DATE}` } } });
    expect(codes(response.text)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const written = logLines().slice(before).join('\n');
    expect(written).toContain('PERSISTED_QUERY_NOT_FOUND');
    expect(written).not.toContain(BIRTH_DATE);
  });

  it.each([
    ['an object variable of the wrong shape', { query: 'query ($i: CertificateValidityInput!) { certificateValidity(input: $i) { asOf } }', variables: { i: { birthDate: BIRTH_DATE, issuedOn: 5 } } }, BIRTH_DATE],
    ['a date that does not exist, as a variable', { query: 'query ($i: CertificateValidityInput!) { certificateValidity(input: $i) { asOf } }', variables: { i: { birthDate: '1990-02-30', issuedOn: '2020-05-15' } } }, '1990-02-30'],
    ['a date that does not exist, written in the text', { query: '{ certificateValidity(input: { birthDate: "1990-02-30", issuedOn: "2020-05-15" }) { asOf } }' }, '1990-02-30'],
    ['a birth date after the issue date', { query: `{ certificateValidity(input: { birthDate: "${BIRTH_DATE}", issuedOn: "1970-01-01" }) { asOf } }` }, BIRTH_DATE],
  ])('names the field and the problem of %s, never the value', async (_label, body, value) => {
    const response = await post(body);
    expect(codes(response.text)?.[0]).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    expect(response.text).not.toContain(value);
  });

  it.each(['renewal-guidance.graphql', 'renewal-status.graphql'])('answers the kiosk renewal operation %s, whose expiry date is a birthday, no-store even over GET', async (file) => {
    const document = readFileSync(`operations/kiosk/${file}`, 'utf8');
    const params = new URLSearchParams({
      variables: JSON.stringify({ expiresOn: '2027-03-04', residentWard: 'KITA', asOf: '2026-12-05' }),
      extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: persistedOperationId(document) } }),
    });
    const response = await fetch(`${base()}/graphql?${params}`, { headers: { accept: 'application/graphql-response+json', 'x-graphql-csrf': '1' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it.each(['convenience-store-advice.graphql', 'convenience-store-guidance.graphql', 'convenience-store-eligibility.graphql'])('answers the kiosk convenience-store operation %s, which takes a birth date, no-store even over GET', async (file) => {
    const document = readFileSync(`operations/kiosk/${file}`, 'utf8');
    const params = new URLSearchParams({
      variables: JSON.stringify({ input: { birthDate: '2008-02-29', userAuthenticationExpiresOn: '2028-02-29', domicileInSapporo: true, asOf: '2023-02-28' } }),
      extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: persistedOperationId(document) } }),
    });
    const response = await fetch(`${base()}/graphql?${params}`, { headers: { accept: 'application/graphql-response+json', 'x-graphql-csrf': '1' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
    expect(JSON.parse(await response.text()).data.convenienceStoreEligibility.refusals).toEqual(['UNDER_MINIMUM_AGE']);
  });
});

// A privacy probe (2026-12-07): a date in a number no check read was stored and answered public.
describe('a date hidden in a number', () => {
  const asked = (params: Record<string, string>) => fetch(`${base()}/graphql?${new URLSearchParams(params)}`, { headers: { accept: 'application/graphql-response+json', 'x-graphql-csrf': '1' } });

  it('written in the document for a field that is skipped, makes the answer no-store', async () => {
    const response = await asked({ query: '{ notices { key } offices(first: 19900102) @skip(if: true) { totalCount } }' });
    expect(response.status).toBe(200);
    expect([response.headers.get('cache-control'), response.headers.get('etag')]).toEqual(['no-store', null]);
  });

  it('in digits JSON.parse drops (a persisted query\'s version 1.000…19900102), makes the answer no-store', async () => {
    const document = readFileSync('operations/kiosk/pin-rules.graphql', 'utf8');
    const extensions = `{"persistedQuery":{"version":1.00000000000000000019900102,"sha256Hash":"${persistedOperationId(document)}"}}`;
    const response = await asked({ extensions });
    expect(response.status).toBe(200);
    expect([response.headers.get('cache-control'), response.headers.get('etag')]).toEqual(['no-store', null]);
    // The same request with its version written plainly is stored, as before.
    const plain = await asked({ extensions: extensions.replace('1.00000000000000000019900102', '1') });
    expect(plain.headers.get('cache-control')).toMatch(/^public, /);
  });
});

describe('fresh data', () => {
  it('serves the edited row of a database file replaced by one with the same seed, while /ready says 200', async () => {
    const query = { query: '{ offices(ward: KITA) { nodes { phone } } }' };
    expect(JSON.parse((await post(query)).text).data.offices.nodes[0].phone).toBe('011-757-2412');
    const replacement = join(directory, 'replacement.db');
    copyFileSync(databasePath(), replacement);
    const sqlite = new Database(replacement);
    sqlite.prepare("UPDATE offices SET phone = '011-757-0000' WHERE id = 'kita-ward-office'").run();
    sqlite.close();
    renameSync(replacement, databasePath());
    await expect.poll(async () => JSON.parse((await post(query)).text).data.offices.nodes[0].phone, { timeout: 5_000 }).toBe('011-757-0000');
    expect((await fetch(`${base()}/ready`)).status).toBe(200);
  });
});
