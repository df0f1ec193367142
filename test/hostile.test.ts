import { describe, expect, it } from 'vitest';
import { createTestApp, type RawRequest } from './support/app.ts';

const app = createTestApp({ config: { production: true } });

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

function post(body: string | Buffer, headers: Record<string, string> = JSON_HEADERS): RawRequest {
  return { method: 'POST', url: '/graphql', headers, body };
}

function json(query: unknown, extra: Record<string, unknown> = {}): RawRequest {
  return post(JSON.stringify({ query, ...extra }));
}

const deepIntrospection = (levels: number) => `{ __schema { types { ${'fields { type { '.repeat(levels)}name${' } }'.repeat(levels)} } } }`;
const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: notices { key }`).join(' ')} }`;
const directives = (n: number) => `{ notices ${'@include(if: true) '.repeat(n)} { key } }`;
const operations = (n: number) => Array.from({ length: n }, (_, i) => `query Q${i} { notices { key } }`).join(' ');

/** Each case: the request, and the status and code it must get. */
const cases: [string, RawRequest, number, string][] = [
  ['malformed JSON', post('{"query": "{ notices { key } }"'), 400, 'BAD_REQUEST'],
  ['an empty body', post(''), 400, 'BAD_REQUEST'],
  ['`query` not a string', json(42), 400, 'BAD_REQUEST'],
  ['a 1 MB document', json(`{ notices { key } } # ${'x'.repeat(1_000_000)}`), 413, 'PAYLOAD_TOO_LARGE'],
  ['deep nesting', json(`{ ${'offices { nodes { '.repeat(12)}key${' } }'.repeat(12)} }`), 400, 'DEPTH_LIMIT_EXCEEDED'],
  ['deep introspection', json(deepIntrospection(10)), 400, 'DEPTH_LIMIT_EXCEEDED'],
  ['2,000 aliases', json(aliases(2000)), 400, 'TOKEN_LIMIT_EXCEEDED'],
  ['100 aliases', json(aliases(100)), 400, 'ALIAS_LIMIT_EXCEEDED'],
  ['1,000 directives', json(directives(1000)), 400, 'TOKEN_LIMIT_EXCEEDED'],
  ['50 directives', json(directives(50)), 400, 'DIRECTIVE_LIMIT_EXCEEDED'],
  ['21 operations', json(operations(21), { operationName: 'Q0' }), 400, 'OPERATION_LIMIT_EXCEEDED'],
  ['a fragment cycle', json('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }'), 400, 'GRAPHQL_VALIDATION_FAILED'],
  ['a wrong variable type (NoSQL-style object)', json('query ($d: Date!) { renewalWindow(expiresOn: $d) { opensOn } }', { variables: { d: { $gt: '' } } }), 400, 'BAD_USER_INPUT'],
  ['a NUL byte in the document', json('{ notices { key\u0000 } }'), 400, 'GRAPHQL_PARSE_FAILED'],
  ['a NUL byte in a variable', json('query ($d: Date!) { renewalWindow(expiresOn: $d) { opensOn } }', { variables: { d: '2024-01-01\u0000' } }), 400, 'BAD_USER_INPUT'],
  ['an unknown operationName', json('query A { notices { key } }', { operationName: 'B' }), 400, 'OPERATION_RESOLUTION_FAILURE'],
  ['a mutation over GET', { method: 'GET', url: `/graphql?query=${encodeURIComponent('mutation { x }')}`, headers: { accept: 'application/graphql-response+json', 'x-graphql-csrf': '1' } }, 405, 'BAD_REQUEST'],
  ['an array of 500 operations', post(JSON.stringify(Array.from({ length: 500 }, () => ({ query: '{ notices { key } }' })))), 400, 'BAD_REQUEST'],
  ['a mutation (none exist)', json('mutation { x }'), 400, 'BAD_REQUEST'],
  ['a subscription (none exist)', json('subscription { x }'), 400, 'BAD_REQUEST'],
  ['an unknown field', json('{ nope }'), 400, 'GRAPHQL_VALIDATION_FAILED'],
  ['a form-encoded POST (CSRF)', post('query=%7Bnotices%7Bkey%7D%7D', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['a text/plain POST (CSRF)', post('{"query":"{ notices { key } }"}', { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['a POST without content-type', post('{"query":"{ notices { key } }"}', {}), 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['a GET without CSRF header', { method: 'GET', url: `/graphql?query=${encodeURIComponent('{ notices { key } }')}`, headers: { accept: 'application/json' } }, 403, 'CSRF_HEADER_REQUIRED'],
  ['an unknown path', { method: 'GET', url: '/admin' }, 404, 'NOT_FOUND'],
  ['invalid UTF-8', post(Buffer.from([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x7d])), 400, 'BAD_REQUEST'],
];

describe('hostile input', () => {
  it.each(cases)('%s → %s %s, no stack, no path', async (_label, request, status, code) => {
    const response = await app.request(request);
    expect(response.status).toBeLessThan(500);
    const body = JSON.parse(response.text) as { errors?: { extensions?: { code?: string } }[] };
    expect({ status: response.status, code: body.errors?.[0]?.extensions?.code }).toEqual({ status, code });
    expect(response.text).not.toMatch(/\bat \S+ \(|node_modules|\/work\/|\.ts:\d+/);
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers legacy application/json clients with 200 and the code a graphql-response+json client gets with 400', async () => {
    const body = JSON.stringify({ query: '{ nope }' });
    const legacy = await app.request(post(body, { 'content-type': 'application/json', accept: 'application/json' }));
    const modern = await app.request(post(body));
    expect([legacy.status, modern.status]).toEqual([200, 400]);
    const code = (text: string) => JSON.parse(text).errors[0].extensions.code;
    expect(code(legacy.text)).toBe(code(modern.text));
    expect(code(legacy.text)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('hides field suggestions in production', async () => {
    const response = await app.request(json('{ notice { key } }'));
    expect(response.text).not.toContain('Did you mean');
  });

  it('keeps introspection on for analysts, GraphiQL\'s full query included', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const response = await app.request(json(getIntrospectionQuery()));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).data.__schema.queryType.name).toBe('Query');
  });
});
