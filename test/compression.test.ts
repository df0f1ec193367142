import { getIntrospectionQuery } from 'graphql';
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPRESSION, negotiateCoding } from '../src/http/compression.ts';
import { createTestApp, temporaryDatabasePath, type RawRequest } from './support/app.ts';
import { STARTUP_LIMIT_MS } from './support/readiness.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';

const GRAPHQL = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
const INTROSPECTION = JSON.stringify({ query: getIntrospectionQuery() });
/** What GraphiQL may cost a first visit: 2 MB with brotli; gzip has no stronger level, 2 MiB. */
const FIRST_VISIT_LIMIT = { br: 2_000_000, gzip: 2 * 1024 * 1024 };

function decoded(body: Buffer, coding: string | undefined): Buffer {
  if (coding === 'br') return brotliDecompressSync(body);
  if (coding === 'gzip') return gunzipSync(body);
  return body;
}

const app = createTestApp({ config: { corsOrigins: ['https://app.example'] } });

async function answer(request: RawRequest) {
  const response = await app.request(request);
  return { ...response, body: Buffer.from(response.body) };
}

describe('negotiateCoding', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['gzip, deflate, br, zstd', 'br'],
    ['br, gzip', 'br'],
    ['gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['*', 'br'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', null],
    ['*;q=0', null],
    ['deflate', null],
  ])('Accept-Encoding %j chooses %j', (header, expected) => {
    expect(negotiateCoding(header)).toBe(expected);
  });
});

describe('compressed answers', () => {
  const introspection = (acceptEncoding?: string) =>
    answer({ method: 'POST', headers: { ...GRAPHQL, ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }) }, body: INTROSPECTION });

  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate', 'gzip'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
  ])('an introspection asked with %j comes in %s and decodes to the plain answer', async (acceptEncoding, coding) => {
    const plain = await introspection();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(COMPRESSION.minBytes);
    const compressed = await introspection(acceptEncoding);
    expect(compressed.status).toBe(200);
    expect(compressed.headers['content-encoding']).toBe(coding);
    expect(compressed.headers.vary).toBe('Accept, Origin, Accept-Encoding');
    expect(compressed.body.length).toBeLessThan(plain.body.length / 4);
    expect(decoded(compressed.body, coding).equals(plain.body)).toBe(true);
  });

  it('sends the plain body when every coding is refused with q=0', async () => {
    const refused = await introspection('br;q=0, gzip;q=0, identity');
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.headers.vary).toBe('Accept, Origin, Accept-Encoding');
    expect(JSON.parse(refused.body.toString()).data.__schema.queryType.name).toBe('Query');
  });

  it('compresses a 1,000-input batch', async () => {
    const inputs = Array.from({ length: 1000 }, (_, i) => ({ birthDate: `19${String(10 + (i % 90))}-0${1 + (i % 9)}-1${i % 10}`, issuedOn: '2021-03-01', asOf: '2026-11-25' }));
    const body = JSON.stringify({ query: 'query ($inputs: [CertificateValidityInput!]!) { certificateValidities(inputs: $inputs) { asOf userAuthentication { expiresOn status } noteCodes } }', variables: { inputs } });
    const plain = await answer({ method: 'POST', headers: GRAPHQL, body });
    const compressed = await answer({ method: 'POST', headers: { ...GRAPHQL, 'accept-encoding': 'br' }, body });
    expect(JSON.parse(plain.body.toString()).data.certificateValidities).toHaveLength(1000);
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.headers['cache-control']).toBe('no-store');
    expect(compressed.body.length).toBeLessThan(plain.body.length / 10);
    expect(decoded(compressed.body, 'br').equals(plain.body)).toBe(true);
  });

  it('compresses the open-data CSV, byte for byte (BOM included)', async () => {
    const url = '/opendata/public-facilities.csv';
    const plain = await answer({ url });
    const compressed = await answer({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(plain.body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(compressed.headers['content-encoding']).toBe('gzip');
    expect(compressed.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(decoded(compressed.body, 'gzip').equals(plain.body)).toBe(true);
  });

  it('leaves bodies under the threshold as they are, still with Vary', async () => {
    const small = await answer({ url: '/health', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.body.length).toBeLessThan(COMPRESSION.minBytes);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.vary).toBe('Origin, Accept-Encoding');
    expect(JSON.parse(small.body.toString())).toEqual({ status: 'ok' });
  });

  it('gives each coding its own ETag and answers 304 only to the coding the client holds', async () => {
    const url = `/graphql?${new URLSearchParams({ query: '{ offices(first: 100) { nodes { key name { ja en } address { ja en } phone } } }' })}`;
    const headers = { accept: 'application/graphql-response+json', 'x-graphql-csrf': '1' };
    const plain = await answer({ url, headers });
    const br = await answer({ url, headers: { ...headers, 'accept-encoding': 'br' } });
    const gzip = await answer({ url, headers: { ...headers, 'accept-encoding': 'gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(new Set([plain.headers.etag, br.headers.etag, gzip.headers.etag]).size).toBe(3);
    const revalidated = await answer({ url, headers: { ...headers, 'accept-encoding': 'br', 'if-none-match': br.headers.etag! } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect(revalidated.headers.etag).toBe(br.headers.etag);
    expect(revalidated.headers.vary).toBe('Accept, Origin, Accept-Encoding');
    const otherCoding = await answer({ url, headers: { ...headers, 'accept-encoding': 'br', 'if-none-match': gzip.headers.etag! } });
    expect(otherCoding.status).toBe(200);
    expect(decoded(otherCoding.body, 'br').equals(plain.body)).toBe(true);
  });

  it('serves a cached answer with the compressed bytes made on its first hit', async () => {
    const request = { method: 'POST', headers: { ...GRAPHQL, 'accept-encoding': 'br' }, body: JSON.stringify({ query: '{ offices(first: 100) { nodes { id key name { ja en } address { ja en } } } }' }) };
    await answer(request);
    const first = await app.request(request);
    const second = await app.request(request);
    expect(first.headers['content-encoding']).toBe('br');
    // The very same buffer: compressed once, kept with the cache entry.
    expect(second.body).toBe(first.body);
  });
});

describe('GraphiQL', () => {
  const html = { accept: 'text/html' };
  const page = (headers: Record<string, string> = {}) => answer({ url: '/graphql', headers: { ...html, ...headers } });

  /** Every file a first visit may load: what the page names, and the fonts the stylesheet names. */
  async function files(): Promise<string[]> {
    const text = (await page()).body.toString();
    const named = [...text.matchAll(/"(graphiql\/[^"]+)"/g)].map((match) => `/${match[1]}`);
    const stylesheet = named.find((file) => file.endsWith('.css'))!;
    const css = (await answer({ url: stylesheet })).body.toString();
    const fonts = [...css.matchAll(/url\(([^)]+)\)/g)].map((match) => match[1]!).filter((url) => !url.startsWith('data:'));
    return [...new Set([...named, ...fonts.map((font) => `/graphiql/${font}`)])];
  }

  it('is a small page that names its files relative to itself and no other host', async () => {
    const { body, headers } = await page();
    const text = body.toString();
    expect(body.length).toBeLessThan(20_000);
    expect(text).not.toMatch(/https?:/);
    expect([...text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1])).toEqual([
      expect.stringMatching(/^graphiql\/favicon\.[0-9a-f]{16}\.ico$/),
      expect.stringMatching(/^graphiql\/graphiql\.[0-9a-f]{16}\.css$/),
      expect.stringMatching(/^graphiql\/graphiql\.[0-9a-f]{16}\.js$/),
    ]);
    expect(text).toMatch(/"graphql":"graphiql\/graphql\.worker\.[0-9a-f]{16}\.js"/);
    expect(headers['cache-control']).toBe('no-cache');
    expect(headers.vary).toBe('Accept, Origin, Accept-Encoding');
  });

  it('answers a revalidation of the page with 304, in each coding', async () => {
    for (const acceptEncoding of [undefined, 'br', 'gzip']) {
      const coding: Record<string, string> = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
      const first = await page(coding);
      expect(first.headers['content-encoding']).toBe(acceptEncoding);
      const again = await page({ ...coding, 'if-none-match': first.headers.etag! });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
    }
  });

  it('serves every file under an immutable, content-hashed name, and no file from another host', async () => {
    const all = await files();
    expect(all.length).toBeGreaterThan(30);
    for (const file of all) {
      const response = await answer({ url: file });
      expect(response.status, file).toBe(200);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const hash = file.split('.').at(-2)!;
      expect(createHash('sha256').update(response.body).digest('hex').slice(0, 16), file).toBe(hash);
    }
    const css = (await answer({ url: all.find((file) => file.endsWith('.css'))! })).body.toString();
    expect(css).not.toMatch(/@import|url\(\s*['"]?(https?:)?\/\//);
    expect((await answer({ url: '/graphiql/graphiql.0000000000000000.js' })).status).toBe(404);
  });

  it.each(['br', 'gzip'] as const)('costs a first visit under its limit with Accept-Encoding %s (page, script, styles, workers, icon)', async (coding) => {
    const onDemandFonts = /\/font\./;
    let total = (await page({ 'accept-encoding': coding })).body.length;
    for (const file of (await files()).filter((name) => !onDemandFonts.test(name))) {
      const response = await answer({ url: file, headers: { 'accept-encoding': coding } });
      total += response.body.length;
    }
    expect(total).toBeLessThan(FIRST_VISIT_LIMIT[coding]);
    // The first request for each file compresses it (seconds of CPU for 8 MB, once per process).
  }, 60_000);

  it('answers a revalidation of a file with 304', async () => {
    const script = (await files()).find((file) => file.endsWith('.js'))!;
    const first = await answer({ url: script, headers: { 'accept-encoding': 'br' } });
    const again = await answer({ url: script, headers: { 'accept-encoding': 'br', 'if-none-match': first.headers.etag! } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });
});

describe('on the wire (a real server)', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), LOG_LEVEL: 'silent' });
  }, STARTUP_LIMIT_MS);

  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
  });

  /** Raw bytes as they cross the socket: fetch() would decode them. */
  function raw(method: string, path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: number }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(new URL(path, server.url), { method, headers }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, bytes }));
      });
      request.on('error', reject);
      request.end();
    });
  }

  /** A GET's status, headers and body bytes, undecoded. */
  function fetchRaw(path: string, headers: Record<string, string>): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(new URL(path, server.url), { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      });
      request.on('error', reject);
      request.end();
    });
  }

  it('sends the GraphiQL page compressed, with a length that matches the bytes', async () => {
    const response = await raw('GET', '/graphql', { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' });
    expect(response.headers['content-encoding']).toBe('br');
    expect(Number(response.headers['content-length'])).toBe(response.bytes);
    expect(response.bytes).toBeLessThan(5_000);
  });

  it.each([
    ['gzip, identity;q=0', 'gzip'],
    ['br, *;q=0', 'br'],
  ])('compresses a body under the threshold when %j refuses it plain', async (acceptEncoding, coding) => {
    const response = await fetchRaw('/health', { 'accept-encoding': acceptEncoding });
    expect(response.body.length).toBeLessThan(COMPRESSION.minBytes);
    expect(response.headers['content-encoding']).toBe(coding);
    expect(JSON.parse(decoded(response.body, coding).toString())).toEqual({ status: 'ok' });
  });

  it('sends a body under the threshold plain when the client refuses every coding the server has, plain included', async () => {
    const response = await fetchRaw('/health', { 'accept-encoding': 'deflate, identity;q=0' });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(response.body.toString())).toEqual({ status: 'ok' });
  });

  it('answers HEAD with the coding and length of GET, and no body', async () => {
    const headers = { accept: 'text/html', 'accept-encoding': 'gzip' };
    const get = await raw('GET', '/graphql', headers);
    const head = await raw('HEAD', '/graphql', headers);
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.bytes).toBe(0);
  });
});
