import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/observability/logger.ts';
import { createTestApp } from './support/app.ts';

/**
 * The seven breaks found by probing the running server as an attacker and an operator would
 * (issue 9), each reproduced as it was reported. The corrupt-file and cluster breaks need real
 * processes: test/faults.test.ts.
 */

const ACCEPT = { accept: 'application/graphql-response+json' };
const CSRF = { 'x-graphql-csrf': '1' };
// Looked for whole: a year alone also turns up in random request ids (…-ec19726ad2c2).
const BIRTH_DATE = '1972-12-24';

function logged(lines: string[]) {
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('1. malformed GET parameters', () => {
  const lines: string[] = [];
  const app = createTestApp({ logger: createLogger('info', { write: (line: string) => void lines.push(line) }) });

  it.each([
    ['variables', `variables=${encodeURIComponent(`{"b":'${BIRTH_DATE}'}`)}`],
    ['extensions', `extensions=${encodeURIComponent(`{"b":'${BIRTH_DATE}'}`)}`],
    ['variables that are not an object', `variables=${encodeURIComponent(`["${BIRTH_DATE}"]`)}`],
  ])('malformed %s: 400 BAD_REQUEST, and no log line or answer quotes the input', async (_label, parameter) => {
    lines.length = 0;
    const response = await app.request({ url: `/graphql?query=${encodeURIComponent('{ notices { key } }')}&${parameter}`, headers: { ...ACCEPT, ...CSRF } });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).errors.map((error: { extensions: { code: string } }) => error.extensions.code)).toEqual(['BAD_REQUEST']);
    expect(response.text).not.toContain(BIRTH_DATE);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(BIRTH_DATE);
    expect(logged(lines)[0]).toMatchObject({ level: 'info', status: 400, errors: ['BAD_REQUEST'] });
    expect(await app.metrics.render()).toMatch(/graphql_errors_total\{code="BAD_REQUEST"\} [1-9]/);
  });
});

describe('2. echoed input', () => {
  for (const production of [false, true]) {
    const app = createTestApp({ config: { production } });
    it(`an invalid JSON body of 99 KB is answered 400 in a few hundred bytes, nothing of it echoed (production: ${production})`, async () => {
      const body = `{"query":"{ notices { key } }","variables":{"b":"${BIRTH_DATE}"${' '.repeat(99_000)}`;
      const response = await app.request({ method: 'POST', headers: { ...ACCEPT, 'content-type': 'application/json' }, body });
      expect(response.status).toBe(400);
      expect(response.text.length).toBeLessThan(300);
      expect(response.text).not.toMatch(/originalError|stack|1972|\/work|\.ts/);
    });
  }

  it('no coded error carries extensions beyond its public ones', async () => {
    const app = createTestApp();
    const response = await app.graphql('{ certificateType(kind: NOPE) { kind } }');
    for (const error of response.body.errors ?? []) expect(Object.keys(error.extensions ?? {}).sort()).toEqual(['argument', 'code']);
  });
});

describe('3. privacy decided from the operation, before execution', () => {
  const lines: string[] = [];
  const app = createTestApp({ logger: createLogger('info', { write: (line: string) => void lines.push(line) }) });
  const get = (query: string, variables?: Record<string, unknown>) => {
    const params = new URLSearchParams({ query });
    if (variables) params.set('variables', JSON.stringify(variables));
    return app.request({ url: `/graphql?${params}`, headers: { ...ACCEPT, ...CSRF } });
  };

  it.each([
    ['a skipped personal-data field', `{ certificateTypes { kind } certificateValidity(input: { birthDate: "${BIRTH_DATE}", issuedOn: "2020-05-15" }) @skip(if: true) { asOf } }`, undefined],
    ['a personal-data field in a fragment', `{ ...F } fragment F on Query { certificateValidity(input: { birthDate: "${BIRTH_DATE}", issuedOn: "2020-05-15" }) { asOf } }`, undefined],
    ['an undeclared variable', '{ certificateTypes { kind } }', { b: BIRTH_DATE }],
    ['a personal-data variable', 'query ($i: CertificateValidityInput!) { certificateValidity(input: $i) { asOf } }', { i: { birthDate: BIRTH_DATE, issuedOn: '2020-05-15' } }],
  ])('%s: no-store, and never served from the cache', async (_label, query, variables) => {
    lines.length = 0;
    const first = await get(query, variables);
    const second = await get(query, variables);
    expect(first.status).toBe(200);
    for (const response of [first, second]) {
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers.etag).toBeUndefined();
    }
    expect(logged(lines).map((line) => line.cache)).toEqual(['bypass', 'bypass']);
    expect(lines.join('\n')).not.toContain(BIRTH_DATE);
  });

  it('the same reference query without personal data is cacheable', async () => {
    const response = await get('{ certificateTypes { kind } }');
    expect(response.headers['cache-control']).toBe('public, max-age=300');
  });
});

describe('5. CORS answers', () => {
  const app = createTestApp({ config: { corsOrigins: ['https://app.city.example'] } });
  const preflight = (origin: string) =>
    app.request({ method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });

  it('an allowed origin asking first never makes a later origin allowed', async () => {
    expect((await preflight('https://app.city.example')).headers['access-control-allow-origin']).toBe('https://app.city.example');
    for (const origin of ['https://evil.example', 'null']) {
      const response = await preflight(origin);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(response.headers.vary).toBe('Origin');
    }
    expect((await preflight('https://app.city.example')).headers['access-control-allow-origin']).toBe('https://app.city.example');
  });
});

describe('logs', () => {
  const lines: string[] = [];
  const app = createTestApp({ logger: createLogger('info', { write: (line: string) => void lines.push(line) }) });

  it('cap what they take from a client: a 10,000-character operation name or persisted id, and an unknown path', async () => {
    lines.length = 0;
    const name = `Q${'x'.repeat(10_000)}`;
    await app.graphql(`query ${name} { notices { key } }`);
    await app.request({ method: 'POST', headers: { ...ACCEPT, 'content-type': 'application/json' }, body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(10_000) } } }) });
    await app.request({ url: `/${BIRTH_DATE}/${'y'.repeat(5_000)}` });
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.length).toBeLessThan(700);
    expect(logged(lines)[2]).toMatchObject({ path: 'other', status: 404 });
    expect(lines[2]).not.toContain(BIRTH_DATE);
  });
});

// Which elements an operation uses, and the headers they give, are tested on a schema of their own
// (operation-facts.test.ts, deprecation.test.ts, src/http/graphql-route.test.ts): the served schema
// deprecates nothing today.
describe('deprecation headers', () => {
  const app = createTestApp();
  const validity = 'query ($i: CertificateValidityInput!) { certificateValidity(input: $i) { asOf } }';

  it.each([
    ['the one-date previousExpiresOn inside a variable', validity, { i: { birthDate: '1980-10-10', issuedOn: '2020-05-15', previousExpiresOn: '2020-06-01' } }],
    ['the one-date previousExpiresOn written in the document', '{ certificateValidity(input: { birthDate: "1980-10-10", issuedOn: "2020-05-15", previousExpiresOn: "2020-06-01" }) { asOf } }', {}],
    ['the per-certificate form', validity, { i: { birthDate: '1980-10-10', issuedOn: '2020-05-15', previousUserAuthenticationExpiresOn: '2020-06-01' } }],
    ['reference data', '{ certificateTypes { kind } }', {}],
  ])('%s: neither Deprecation nor Sunset (%#)', async (_label, query, variables) => {
    const response = await app.graphql(query, variables);
    expect(response.status).toBe(200);
    expect(response.headers.deprecation).toBeUndefined();
    expect(response.headers.sunset).toBeUndefined();
  });

  it('every deprecation in the schema says since when and until when', async () => {
    const { schema } = await import('../src/graphql/schema/schema.ts');
    const { isInputObjectType, isObjectType, isEnumType } = await import('graphql');
    const reasons: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (isObjectType(type)) for (const field of Object.values(type.getFields())) reasons.push(...[field.deprecationReason, ...field.args.map((a) => a.deprecationReason)].filter((r): r is string => r != null));
      if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) if (field.deprecationReason != null) reasons.push(field.deprecationReason);
      if (isEnumType(type)) for (const value of type.getValues()) if (value.deprecationReason != null) reasons.push(value.deprecationReason);
    }
    for (const reason of reasons) expect(reason).toMatch(/Deprecated on \d{4}-\d{2}-\d{2}\. Removal on \d{4}-\d{2}-\d{2}/);
  });
});
