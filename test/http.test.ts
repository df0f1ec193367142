import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WARD_KEYS } from '../src/domain/vocabulary.ts';
import { createLogger } from '../src/observability/logger.ts';
import { createTestApp } from './support/app.ts';

const ACCEPT = { accept: 'application/graphql-response+json' };
const CSRF = { 'x-graphql-csrf': '1' };

function getUrl(query: string, variables?: Record<string, unknown>, extensions?: Record<string, unknown>): string {
  const params = new URLSearchParams();
  if (query) params.set('query', query);
  if (variables) params.set('variables', JSON.stringify(variables));
  if (extensions) params.set('extensions', JSON.stringify(extensions));
  return `/graphql?${params}`;
}

describe('HTTP caching', () => {
  const app = createTestApp();

  it('answers reference data with Cache-Control and an ETag, and If-None-Match with 304', async () => {
    const url = getUrl('{ notices { key } }');
    const first = await app.request({ url, headers: { ...ACCEPT, ...CSRF } });
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    const again = await app.request({ url, headers: { ...ACCEPT, ...CSRF, 'if-none-match': first.headers.etag! } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const changed = await app.request({ url, headers: { ...ACCEPT, ...CSRF, 'if-none-match': '"other"' } });
    expect(changed.status).toBe(200);
    expect(changed.text).toBe(first.text);
  });

  it('serves a repeated request from the cache with the very same bytes', async () => {
    const url = getUrl('{ offices { totalCount } }');
    const miss = await app.request({ url, headers: { ...ACCEPT, ...CSRF } });
    const hits = async () => Number(/http_requests_total\{path="\/graphql",status="200",cache="hit"\} (\d+)/.exec(await app.metrics.render())?.[1] ?? 0);
    const before = await hits();
    const hit = await app.request({ url, headers: { ...ACCEPT, ...CSRF } });
    expect(hit.text).toBe(miss.text);
    expect(hit.headers.etag).toBe(miss.headers.etag);
    expect(await hits()).toBe(before + 1);
  });

  it('gives different answers to different variables', async () => {
    const query = 'query ($ward: Ward) { offices(ward: $ward) { nodes { key } } }';
    const kita = await app.request({ url: getUrl(query, { ward: 'KITA' }), headers: { ...ACCEPT, ...CSRF } });
    const nishi = await app.request({ url: getUrl(query, { ward: 'NISHI' }), headers: { ...ACCEPT, ...CSRF } });
    expect(JSON.parse(kita.text).data.offices.nodes).toEqual([{ key: 'kita-ward-office' }]);
    expect(JSON.parse(nishi.text).data.offices.nodes).toEqual([{ key: 'nishi-ward-office' }]);
  });

  it('never caches or lets HTTP caches store an answer computed from a birth date', async () => {
    const url = getUrl('query ($b: Date!) { certificateValidity(input: { birthDate: $b, issuedOn: "2020-05-15", asOf: "2021-01-01" }) { userAuthentication { expiresOn } } }', { b: '1980-10-10' });
    const first = await app.request({ url, headers: { ...ACCEPT, ...CSRF } });
    expect(JSON.parse(first.text).data.certificateValidity.userAuthentication.expiresOn).toBe('2024-10-10');
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.headers.etag).toBeUndefined();
    const entries = async () => /response_cache_entries (\d+)/.exec(await app.metrics.render())?.[1];
    const before = await entries();
    await app.request({ url, headers: { ...ACCEPT, ...CSRF } });
    expect(await entries()).toBe(before);
  });

  it('answers POST from the cache too, but tells HTTP caches not to store it', async () => {
    const hits = async () => Number((await app.metrics.render()).match(/http_requests_total\{path="\/graphql",status="200",cache="hit"\} (\d+)/)?.[1] ?? 0);
    const first = await app.graphql('{ contactPoints { phone } }');
    const hitsBefore = await hits();
    const second = await app.graphql('{ contactPoints { phone } }');
    expect(await hits()).toBe(hitsBefore + 1);
    expect(second.body).toEqual(first.body);
    expect(second.headers['cache-control']).toBe('no-store');
  });
});

describe('CORS', () => {
  const app = createTestApp({ config: { corsOrigins: ['https://app.city.example'] } });

  it('allows listed origins only, without credentials', async () => {
    const allowed = await app.graphql('{ notices { key } }', {}, { origin: 'https://app.city.example' });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.city.example');
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
    const other = await app.graphql('{ notices { key } }', {}, { origin: 'https://evil.example' });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a preflight', async () => {
    const response = await app.request({ method: 'OPTIONS', headers: { origin: 'https://app.city.example', 'access-control-request-method': 'POST' } });
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-methods']).toContain('POST');
    expect(response.headers['access-control-allow-origin']).toBe('https://app.city.example');
  });
});

describe('rate limiting', () => {
  const app = createTestApp({ config: { rateLimitPerMinute: 3, apiKeys: ['kiosk-1'] } });

  it('answers 429 with Retry-After and a code once a client spends its budget, cached answers included', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await app.graphql('{ notices { key } }', {}, {}))?.status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await app.graphql('{ notices { key } }');
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  // Its own addresses, so the budget it spends is its own whatever order the tests run in.
  it('counts a known API key apart from its IP address', async () => {
    const from = async (remoteAddress: string, headers: Record<string, string> = {}) =>
      (await app.request({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"query":"{ notices { key } }"}', remoteAddress })).status;
    const spent = [];
    for (let i = 0; i < 4; i++) spent.push(await from('10.0.0.7'));
    expect(spent).toEqual([200, 200, 200, 429]);
    expect(await from('10.0.0.7', { 'x-api-key': 'kiosk-1' })).toBe(200);
    expect(await from('10.0.0.8')).toBe(200);
  });
});

describe('persisted operations', () => {
  const kiosk = createTestApp({ config: { persistedOnly: true, arbitraryOperationKeys: ['analyst'] } });
  const operation = [...kiosk.persistedOperations.values()].find((candidate) => candidate.file === 'offices-for-procedure.graphql');

  it('has committed kiosk operations as the allow-list, identified by the SHA-256 of the file', () => {
    const sha256 = (file: string) => createHash('sha256').update(readFileSync(`operations/kiosk/${file}`)).digest('hex');
    const ids = [...kiosk.persistedOperations.values()].map(({ id, file }) => [file, id]);
    expect(ids).toEqual([...kiosk.persistedOperations.values()].map(({ file }) => [file, sha256(file)]));
    // As `sha256sum operations/kiosk/*.graphql` prints them, and as partners have them.
    expect(Object.fromEntries(ids)).toMatchObject({
      'convenience-store-advice.graphql': '33a4722795f42b8d7ed517a42ac0d0e0d9a264e8b36148b715176ec76f245bbe',
      'offices-for-procedure.graphql': 'c3dca61067315fbce836c4874c990c9ed2fb0dedc3968a225242b80d79cfefce',
      'offices-guidance.graphql': '99c1ff19d686a855fb505df50ed24df300956f155bc7667bf9e429857b3823bd',
      'pin-guidance.graphql': '6899c644a2a72ac3380fc3c412f3656eefb413eb1ff1273be6301330f9d3c0cc',
      'pin-rules.graphql': 'b13b92b6a8662700bbcccb652e717e2c0be72c34b181f7fa42a0a03c9f8ee3f1',
      'renewal-guidance.graphql': '9a7cc6bb0a4f1dcc0b7d92ce8fb9b71c3cf44b6a9ffd16eac4e1e0bea3969d3d',
      'renewal-status.graphql': 'ca5c257855ac1ea6d3ee238f0697b47d60d60ac26539e43e623ad370946567cc',
    });
  });

  it('are checked out with LF line ends whatever core.autocrlf says, so their ids never change (.gitattributes)', () => {
    const files = [...kiosk.persistedOperations.values()].map(({ file }) => `operations/kiosk/${file}`);
    const attributes = execFileSync('git', ['check-attr', 'eol', '--', ...files], { encoding: 'utf8' }).trim().split('\n');
    expect(attributes).toEqual(files.map((file) => `${file}: eol: lf`));
  });

  it('runs a persisted operation by id over GET and POST', async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: operation!.id } };
    const variables = { expiresOn: '2026-12-31', residentWard: 'KITA', procedure: 'RENEWAL', asOf: '2026-11-25' };
    const get = await kiosk.request({ url: getUrl('', variables, extensions), headers: { ...ACCEPT, ...CSRF } });
    expect(get.status).toBe(200);
    expect(JSON.parse(get.text).errors).toBeUndefined();
    const post = await kiosk.request({ method: 'POST', headers: { 'content-type': 'application/json', ...ACCEPT }, body: JSON.stringify({ variables, extensions }) });
    expect(post.status).toBe(200);
    expect(JSON.parse(post.text).data).toEqual(JSON.parse(get.text).data);
  });

  it('refuses an arbitrary document with PERSISTED_QUERY_ONLY, unless the API key is exempt', async () => {
    const refused = await kiosk.graphql('{ notices { key } }');
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    const analyst = await kiosk.graphql('{ notices { key } }', {}, { 'x-api-key': 'analyst' });
    expect(analyst.status).toBe(200);
    const afterCache = await kiosk.graphql('{ notices { key } }');
    expect(afterCache.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
  });

  it('answers an unknown id sent with its document with PERSISTED_QUERY_NOT_FOUND: the document is the client\'s own, refused in kiosk mode', async () => {
    const query = '{ notices { key } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const response = await kiosk.request({ method: 'POST', headers: { 'content-type': 'application/json', ...ACCEPT }, body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }) });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('answers an unknown id with PERSISTED_QUERY_NOT_FOUND', async () => {
    const response = await kiosk.request({ method: 'POST', headers: { 'content-type': 'application/json', ...ACCEPT }, body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }) });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('operations endpoints', () => {
  const app = createTestApp();

  it('/health and /ready', async () => {
    expect(await app.request({ url: '/health' })).toMatchObject({ status: 200, text: '{"status":"ok"}' });
    const ready = await app.request({ url: '/ready' });
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({ status: 'ready', migrationsApplied: true, dataPresent: true });
  });

  it('metrics in Prometheus text format, not on the API’s routes (they have a port of their own)', async () => {
    await app.graphql('{ notices { key } }');
    expect(app.metrics.contentType).toContain('text/plain');
    const metrics = await app.metrics.render();
    expect(metrics).toMatch(/^# TYPE http_requests_total counter$/m);
    expect(metrics).toMatch(/^sqlite_statements_total [1-9]\d*$/m);
    expect(metrics).toMatch(/^http_request_duration_seconds_count [1-9]\d*$/m);
    expect((await app.request({ url: '/metrics' })).status).toBe(404);
  });
});

describe('logging', () => {
  const lines: string[] = [];
  const app = createTestApp({ logger: createLogger('info', { write: (line: string) => void lines.push(line) }) });

  it('writes one JSON line per request, with no variables, documents or birth dates', async () => {
    lines.length = 0;
    const response = await app.graphql(
      'query Kiosk($b: Date!) { certificateValidity(input: { birthDate: $b, issuedOn: "2020-05-15" }) { asOf } secret: renewalWindow(expiresOn: "1977-07-07") { phase } }',
      { b: '1961-03-14' },
    );
    expect(response.status).toBe(200);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    // The operation's name is the client's text beside personal data: left out (observe.ts).
    expect(entry).toMatchObject({ level: 'info', method: 'POST', path: '/graphql', status: 200, operationName: null, requestId: response.headers['x-request-id'] });
    expect(typeof entry.durationMs).toBe('number');
    expect(typeof entry.cost).toBe('number');
    // Whole dates: a year alone also turns up in a random request id.
    expect(lines[0]).not.toContain('1961-03-14');
    expect(lines[0]).not.toContain('1977-07-07');
    expect(lines[0]).not.toContain('birthDate');
  });
});

describe('unexpected errors', () => {
  const lines: string[] = [];
  const app = createTestApp({ logger: createLogger('info', { write: (line: string) => void lines.push(line) }) });

  it('are masked, coded INTERNAL_SERVER_ERROR, and logged by class and stack frames with the request id the response carries', async () => {
    app.database.sqlite?.close();
    lines.length = 0;
    const response = await app.graphql('{ notices { key } }');
    expect(response.status).toBe(200);
    const [error] = response.body.errors ?? [];
    expect(error).toEqual({ message: 'Unexpected error.', locations: expect.any(Array), path: ['notices'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: response.headers['x-request-id'] } });
    expect(JSON.stringify(response.body)).not.toMatch(/database|sqlite|\.ts:/i);
    const logged = lines.map((line) => JSON.parse(line));
    const errorLine = logged.find((line) => line.level === 'error');
    expect(errorLine).toEqual(expect.objectContaining({ msg: 'unexpected error', requestId: response.headers['x-request-id'], errorClass: 'TypeError', stack: expect.stringMatching(/^\s+at /) }));
    // The message line is left out: a message can quote input.
    expect(errorLine.stack).not.toContain('database connection');
  });
});

describe('published kiosk operations', () => {
  it('keep resolving: every id ever published is still in the allow-list, with its file', async () => {
    const { loadPersistedOperations } = await import('../src/graphql/execution/persisted-operations.ts');
    const published = JSON.parse(readFileSync('operations/kiosk/published.json', 'utf8')) as Record<string, string>;
    const current = loadPersistedOperations();
    expect(Object.keys(published).length).toBeGreaterThan(0);
    for (const [id, file] of Object.entries(published)) expect(current.get(id)?.file, `${file} was edited or removed`).toBe(file);
    for (const operation of current.values()) expect(published[operation.id], `${operation.file} is not in published.json`).toBe(operation.file);
  });
});

describe('the schema download', () => {
  const app = createTestApp();

  it('serves the committed SDL at /schema.graphql, with an ETag that revalidates', async () => {
    const first = await app.request({ url: '/schema.graphql' });
    expect(first.status).toBe(200);
    expect(first.text).toBe(readFileSync('schema/schema.graphql', 'utf8'));
    expect(first.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    const again = await app.request({ url: '/schema.graphql', headers: { 'if-none-match': first.headers.etag! } });
    expect(again.status).toBe(304);
  });

  it('refuses anything but GET, HEAD and OPTIONS there with 405', async () => {
    const response = await app.request({ method: 'POST', url: '/schema.graphql', body: '{}' });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD, OPTIONS');
  });
});

describe('an unknown enum value', () => {
  const app = createTestApp();

  it.each([
    ['as a variable', 'query ($w: Ward!) { officesForProcedure(procedure: RENEWAL, residentWard: $w) { key } }', { w: '北区' }],
    ['written in the text', '{ officesForProcedure(procedure: RENEWAL, residentWard: "北区") { key } }', undefined],
  ])('%s, is refused with every valid value listed', async (_label, query, variables) => {
    const response = await app.graphql(query, variables);
    expect(response.status).toBe(400);
    const listed = /expected one of ([A-Z, ]+)\./.exec(response.body.errors?.[0]?.message ?? '')?.[1]?.split(', ');
    expect(listed?.sort()).toEqual([...WARD_KEYS].sort());
  });
});
