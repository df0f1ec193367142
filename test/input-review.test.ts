import { describe, expect, it } from 'vitest';
import { serverForTests } from './support/file-server.ts';

// Breaks a review of hostile input and of where personal data can hide found (2026-12-06), each
// against a real server process.

const GRAPHQL = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

const server = serverForTests({ NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'info' });

async function post(body: unknown) {
  const response = await fetch(server.url, { method: 'POST', headers: GRAPHQL, body: JSON.stringify(body) });
  const json = (await response.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] };
  return { status: response.status, headers: response.headers, ...json };
}

/** The log lines written for the answers carrying these request ids. */
async function logLinesOf(requestIds: string[]): Promise<string[]> {
  await new Promise((resolve) => setTimeout(resolve, 100));
  return server
    .stdout()
    .split('\n')
    .filter((line) => requestIds.some((id) => line.includes(id)));
}

describe('a document nested deeper than the parser can recurse', () => {
  // First of all the requests: a process whose parser is not optimised yet overflowed its stack at
  // about 2,000 levels, a 500 with stack frames in the log.
  it('is refused with a coded 400 before it is parsed, by the first request a process answers', async () => {
    const depth = 2_000;
    const answer = await post({ query: `{ nodes(ids: ${'['.repeat(depth)}${']'.repeat(depth)}) { id } }` });
    expect([answer.status, answer.errors?.map((error) => [error.extensions.code, error.extensions.limit])]).toEqual([400, [['QUERY_TOO_COMPLEX', 100]]]);
    expect(server.stdout()).not.toContain('"level":"error"');
  });

  it('is answered as usual up to the limit of 100 levels, the document\'s braces and parentheses counted', async () => {
    const answer = await post({ query: `{ nodes(ids: ${'['.repeat(98)}${']'.repeat(98)}) { id } }` });
    expect(answer.errors?.map((error) => error.extensions.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

describe('a batch of computations selecting little', () => {
  // Each input runs a whole computation, whatever is selected below it: it counts 6 besides its fields.
  const aliases = (count: number) => `query ($x: [CertificateValidityInput!]!) { ${Array.from({ length: count }, (_, i) => `a${i}: certificateValidities(inputs: $x) { asOf }`).join(' ')} }`;
  const inputs = Array.from({ length: 1000 }, () => ({ birthDate: '1950-01-01', issuedOn: '2020-01-01', asOf: '2025-01-01' }));

  it('counts each input\'s computation: 24 aliases of 1,000 inputs selecting one field are refused, not run', async () => {
    const answer = await post({ query: aliases(24), variables: { x: inputs } });
    expect([answer.status, answer.errors?.map((error) => error.extensions.code)]).toEqual([400, ['QUERY_TOO_COMPLEX']]);
  });

  it('counts 1 + 1,000 × (1 field + 6) for one alias, and runs it', async () => {
    const answer = await post({ query: aliases(1), variables: { x: inputs } });
    expect(answer.errors).toBeUndefined();
    expect((answer as { extensions?: { cost: { requested: number } } }).extensions?.cost.requested).toBe(7001);
  });
});

describe('a date in text the schema marks nothing in', () => {
  const get = (query: string) => fetch(`${server.url}?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/json', 'x-graphql-csrf': '1' } });

  it.each([
    ['an operation name and an alias', 'query Dob_1977_07_17 { dob_1977_07_17: certificateTypes { kind } }'],
    ['a fragment name', '{ certificateTypes { ...born19770717 } } fragment born19770717 on CertificateType { kind }'],
    ['a variable name', 'query ($d19770717: Boolean = true) { certificateTypes @include(if: $d19770717) { kind } }'],
    ['a string for a String argument', '{ __type(name: "dob 1977-07-17") { name } }'],
  ])('in %s makes the answer no-store, without an ETag, and keeps the name out of the log', async (_where, query) => {
    const answers = [await get(query), await get(query)];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect([answer.headers.get('cache-control'), answer.headers.get('etag')]).toEqual(['no-store', null]);
    }
    const lines = await logLinesOf(answers.map((answer) => answer.headers.get('x-request-id')!));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain('1977');
      expect(JSON.parse(line)).toMatchObject({ cache: 'bypass' });
    }
  });

  // A probe (2026-12-06): the same string sent as a String variable was stored and answered public.
  it.each([
    ['a String variable', { n: 'Taro born 1977-07-17' }],
    ['a String variable, in full-width digits', { n: 'Taro １９７７' }],
    // A privacy probe (2026-12-07): what a Japanese input method writes, and digits of other scripts, were stored and public.
    ['a String variable, in kanji numerals', { n: '平成二年一月二日' }],
    ['a String variable, in Arabic-Indic digits', { n: '١٩٩٠-٠١-٠٢' }],
  ])('in %s makes the answer no-store, without an ETag, and keeps the operation\'s name out of the log', async (_where, variables) => {
    const query = 'query Lookup($n: String!) { __type(name: $n) { name } }';
    const url = `${server.url}?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify(variables))}`;
    const answers = [await fetch(url, { headers: { accept: 'application/json', 'x-graphql-csrf': '1' } }), await fetch(url, { headers: { accept: 'application/json', 'x-graphql-csrf': '1' } })];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect([answer.headers.get('cache-control'), answer.headers.get('etag')]).toEqual(['no-store', null]);
    }
    const lines = await logLinesOf(answers.map((answer) => answer.headers.get('x-request-id')!));
    expect(lines.map((line) => JSON.parse(line) as object)).toEqual([expect.objectContaining({ cache: 'bypass', operationName: null }), expect.objectContaining({ cache: 'bypass', operationName: null })]);
  });

  // A privacy probe (2026-12-07): a number for an ID variable is a digit too.
  it('makes the answer to an ID variable sent as a JSON number no-store', async () => {
    // In a field skipped, so that nothing refuses the id and the answer could be stored.
    const node = await fetch(`${server.url}?query=${encodeURIComponent('query ($id: ID!) { notices { key } node(id: $id) @skip(if: true) { id } }')}&variables=${encodeURIComponent('{"id":19900102}')}`, { headers: { accept: 'application/json', 'x-graphql-csrf': '1' } });
    expect(node.status).toBe(200);
    expect([node.headers.get('cache-control'), node.headers.get('etag')]).toEqual(['no-store', null]);
  });

  it('leaves a String variable without a digit, and an id the API issued, as they were: stored and public', async () => {
    const query = 'query Lookup($n: String!) { __type(name: $n) { name } }';
    const answer = await fetch(`${server.url}?query=${encodeURIComponent(query)}&variables=${encodeURIComponent('{"n":"Office"}')}`, { headers: { accept: 'application/json', 'x-graphql-csrf': '1' } });
    expect(answer.headers.get('cache-control')).toMatch(/^public/);
    const { data } = (await post({ query: '{ offices(first: 1) { nodes { id } } }' })) as { data: { offices: { nodes: { id: string }[] } } };
    const id = data.offices.nodes[0]!.id;
    const node = await fetch(`${server.url}?query=${encodeURIComponent('query ($id: ID!) { node(id: $id) { id } }')}&variables=${encodeURIComponent(JSON.stringify({ id }))}`, { headers: { accept: 'application/json', 'x-graphql-csrf': '1' } });
    expect([node.status, node.headers.get('cache-control')]).toEqual([200, expect.stringMatching(/^public/)]);
  });

  // A probe (2026-12-06): validation messages quoted the names back, date and all.
  it.each([
    ['a field', '{ Taro19770717 }', 'Cannot query field "<a name with a digit>" on type "Query".'],
    ['an unused fragment', '{ __typename } fragment F19770717 on Query { __typename }', 'Fragment "<a name with a digit>" is never used.'],
    ['an unused variable', 'query ($a19770717: Int) { __typename }', 'Variable "$<a name with a digit>" is never used.'],
    ['a directive', '{ __typename @Born19770717 }', 'Unknown directive "@<a name with a digit>".'],
    ['an argument', '{ offices(b19770717: 1) { totalCount } }', 'Unknown argument "<a name with a digit>" on field "Query.offices".'],
  ])('in %s is not quoted back by a validation message, which names what is wrong', async (_where, query, message) => {
    const answer = await post({ query });
    expect([answer.status, answer.errors?.[0]?.message]).toEqual([400, message]);
  });

  it('leaves names without a digit as they were: stored, public, named in the log', async () => {
    const answer = await get('query KioskTypes { types: certificateTypes { kind } }');
    expect(answer.headers.get('cache-control')).toMatch(/^public/);
    const [line] = await logLinesOf([answer.headers.get('x-request-id')!]);
    expect(JSON.parse(line!)).toMatchObject({ operationName: 'KioskTypes' });
  });
});

describe('a request refused before its operation is read', () => {
  it.each([
    ['a body that is not JSON', '\ufeff{"query":"{ __typename }"}', 400],
    ['variables that are not an object', '{"query":"{ __typename }","variables":[]}', 400],
  ])('is answered in the media type the client accepts: %s', async (_what, body, status) => {
    const response = await fetch(server.url, { method: 'POST', headers: GRAPHQL, body });
    expect([response.status, response.headers.get('content-type')]).toEqual([status, 'application/graphql-response+json; charset=utf-8']);
  });

  // A partner's audit (2026-12-06): a byte that is not UTF-8 was read as U+FFFD, and the operation ran on altered input.
  it('refuses a body that is not UTF-8 with a coded 400, rather than reading it altered', async () => {
    const body = Buffer.concat([Buffer.from('{"query":"{ __type(name: \\"Office'), Buffer.from([0xff]), Buffer.from('\\") { name } }"}')]);
    const response = await fetch(server.url, { method: 'POST', headers: GRAPHQL, body });
    const answer = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect([response.status, answer.errors.map((error) => [error.extensions.code, error.message])]).toEqual([400, [['BAD_REQUEST', 'The body is not UTF-8 (RFC 8259 §8.1).']]]);
  });

  // The same audit's GET: a percent-encoded byte that is not UTF-8 was read as U+FFFD, and the operation ran on altered input.
  it.each([
    ['query', '/graphql?query=%7B__type(name%3A%22Office%FF%22)%7Bname%7D%7D'],
    ['variables', '/graphql?query=query(%24n%3AString!)%7B__type(name%3A%24n)%7Bname%7D%7D&variables=%7B%22n%22%3A%22Office%C3%22%7D'],
  ])('refuses a GET whose %s parameter percent-encodes bytes that are not UTF-8 with a coded 400, rather than reading it altered', async (_parameter, target) => {
    const response = await fetch(new URL(target, server.url), { headers: { accept: GRAPHQL.accept, 'x-graphql-csrf': '1' } });
    const answer = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect([response.status, answer.errors.map((error) => [error.extensions.code, error.message])]).toEqual([
      400,
      [['BAD_REQUEST', 'The query string percent-encodes bytes that are not UTF-8 (RFC 3986 §2.5).']],
    ]);
  });

  it('reads a GET whose query string percent-encodes UTF-8, a literal U+FFFD and a % that encodes nothing among it', async () => {
    const target = `/graphql?query=${encodeURIComponent('query($n:String!){__type(name:$n){name}}')}&variables=${encodeURIComponent('{"n":"Office\ufffd名 100%zz"}').replace('%25zz', '%zz')}`;
    const response = await fetch(new URL(target, server.url), { headers: { accept: GRAPHQL.accept, 'x-graphql-csrf': '1' } });
    expect(response.status).not.toBe(400);
    expect(((await response.json()) as { errors?: unknown[] }).errors).toBeUndefined();
  });

  it('is answered in the media type the client accepts when it is too large', async () => {
    const response = await fetch(server.url, { method: 'POST', headers: GRAPHQL, body: JSON.stringify({ query: `{ __typename }${' '.repeat(100_001)}` }) });
    expect([response.status, response.headers.get('content-type')]).toEqual([413, 'application/graphql-response+json; charset=utf-8']);
  });
});

describe('a page asked for from both ends', () => {
  // A partner's audit (2026-12-06): `last` was ignored without a word when `first` was given too.
  it('is refused naming both arguments, rather than answered as if one were not sent', async () => {
    const answer = await post({ query: '{ offices(first: 2, last: 2) { totalCount } }' });
    expect([answer.status, answer.errors?.map((error) => [error.extensions.code, error.message])]).toEqual([200, [['BAD_USER_INPUT', 'Send `first` or `last`, not both.']]]);
  });
});

describe('a page size that is not a whole number', () => {
  it('counts as no size in the cost (the default page), never as a fraction', async () => {
    const answer = await post({ query: 'query ($n: Int) { offices(first: $n) { totalCount } }', variables: { n: 1.5 } });
    expect(answer.errors?.map((error) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect((answer as { extensions?: { cost: { requested: number | null } } }).extensions?.cost.requested).toSatisfy((cost: number | null) => cost === null || Number.isInteger(cost));
  });
});

describe('fragments spread inside one another, with MAX_TOKENS raised', () => {
  const roomy = serverForTests({ NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '0', MAX_TOKENS: '100000' });

  // A chain of 2,700 overflowed the cost walk's recursion on a process just started: a 500 with a stack in its log.
  it('are refused with a coded 400 past 100 deep, as the first request of a process', async () => {
    const depth = 2_700;
    const chain = Array.from({ length: depth }, (_, i) => `fragment F${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)} on Query { ${i + 1 < depth ? `...F${String.fromCharCode(97 + ((i + 1) % 26))}${Math.floor((i + 1) / 26)}` : 'notices { key }'} }`).join(' ');
    const response = await fetch(roomy.url, { method: 'POST', headers: GRAPHQL, body: JSON.stringify({ query: `{ ...Fa0 } ${chain}` }) });
    const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect([response.status, body.errors.map((error) => [error.extensions.code, error.extensions.limit])]).toEqual([400, [['QUERY_TOO_COMPLEX', 100]]]);
    expect(roomy.stdout()).not.toContain('"level":"error"');
  });

  // A code review (2026-12-06): introspection's exact count followed spreads with no bound of its own: a 500, RangeError in its log.
  const introspectionChain = (depth: number) => {
    const name = (i: number) => `F${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}`;
    const chain = Array.from({ length: depth }, (_, i) => `fragment ${name(i)} on __Type { ${i + 1 < depth ? `...${name(i + 1)}` : 'name'} }`).join(' ');
    return fetch(roomy.url, { method: 'POST', headers: GRAPHQL, body: JSON.stringify({ query: `{ __schema { queryType { ...${name(0)} } } } ${chain}` }) });
  };

  it('are refused with a coded 400 past 100 deep inside introspection too', async () => {
    const response = await introspectionChain(2_500);
    const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect([response.status, body.errors.map((error) => [error.extensions.code, error.extensions.limit])]).toEqual([400, [['QUERY_TOO_COMPLEX', 100]]]);
    expect(roomy.stdout()).not.toContain('"level":"error"');
  });

  it('are answered inside introspection up to 100 deep', async () => {
    const response = await introspectionChain(100);
    expect([response.status, await response.json()]).toEqual([200, expect.objectContaining({ data: { __schema: { queryType: { name: 'Query' } } } })]);
  });
});

describe('a document over the depth, alias or directive limit', () => {
  it.each([
    ['depth', `{ ${'offices { nodes { '.repeat(8)}id${' } }'.repeat(8)} }`, 'DEPTH_LIMIT_EXCEEDED'],
    ['aliases', `{ ${Array.from({ length: 31 }, (_, i) => `a${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}: notices { key }`).join(' ')} }`, 'ALIAS_LIMIT_EXCEEDED'],
  ])('is refused for its %s without being called a syntax error: it parsed', async (_limit, query, code) => {
    const answer = await post({ query });
    expect(answer.errors?.map((error) => error.extensions.code)).toEqual([code]);
    expect(answer.errors?.[0]?.message).not.toMatch(/^Syntax Error/);
  });
});

describe('a POST body the server would misread', () => {
  it.each([
    ['declared in another charset', { 'content-type': 'application/json; charset=utf-16' }],
    ['declared compressed', { 'content-type': 'application/json', 'content-encoding': 'gzip' }],
  ])('is refused 415 UNSUPPORTED_MEDIA_TYPE when %s', async (_what, headers) => {
    const response = await fetch(server.url, { method: 'POST', headers: { accept: 'application/graphql-response+json', ...headers }, body: '{"query":"{ __typename }"}' });
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect([response.status, body.errors.map((error) => error.extensions.code)]).toEqual([415, ['UNSUPPORTED_MEDIA_TYPE']]);
  });

  it('is read when its charset is UTF-8, in any spelling', async () => {
    const response = await fetch(server.url, { method: 'POST', headers: { accept: 'application/graphql-response+json', 'content-type': 'application/json; charset="UTF-8"' }, body: '{"query":"{ __typename }"}' });
    expect(response.status).toBe(200);
  });
});
