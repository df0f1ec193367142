import { GraphQLError, GraphQLInt, type DocumentNode, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkOperationCost } from '../src/graphql/execution/cost.ts';
import { schema } from '../src/graphql/schema/schema.ts';
import { createTestApp, errorCodes, testConfig } from './support/app.ts';

/** The cost when within a limit too high to stop the count, or the refusal. */
function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null, variables: Record<string, unknown>): number {
  const checked = checkOperationCost(schema, document, operationName, variables, Number.MAX_SAFE_INTEGER);
  if (checked instanceof GraphQLError) throw checked;
  return checked.cost;
}

const refusalCode = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as GraphQLError).extensions.code;
  }
  return null;
};

describe('operationCost', () => {
  it.each([
    // notices declares at most 10 items: 1 + 10 × 1.
    ['{ notices { key } }', {}, 1 + 10],
    ['{ offices(first: 10) { nodes { key name { ja } } } }', {}, 1 + 10 * (1 + 1 + 1 + 1)],
    ['query ($n: Int) { offices(first: $n) { totalCount } }', { n: 50 }, 1 + 50],
    ['query ($i: [CertificateValidityInput!]!) { certificateValidities(inputs: $i) { asOf } }', { i: [{}, {}, {}] }, 1 + 3 * (1 + 6)],
    ['{ ...F } fragment F on Query { notices { key } }', {}, 1 + 10],
    ['query ($n: Int = 5) { offices(first: $n) { totalCount } }', {}, 1 + 5],
    ['query ($n: Int = 5) { offices(first: $n) { totalCount } }', { n: 7 }, 1 + 7],
    // Without first or last, the page the connection returns: 20.
    ['{ offices { totalCount } }', {}, 1 + 20],
    // The connection is known from its declaration, whatever is selected below it.
    ['{ offices { __typename } }', {}, 1 + 20],
    // Past the largest page, the field refuses the size when it runs: counted as the largest page.
    ['{ offices(first: 30000) { totalCount } }', {}, 1 + 100],
    // A size that is no whole number fails coercion; until then it counts as no size, the default page.
    ['query ($n: Int) { offices(first: $n) { totalCount } }', { n: Number.POSITIVE_INFINITY }, 1 + 20],
    ['query ($n: Int) { offices(first: $n) { totalCount } }', { n: 1.5 }, 1 + 20],
    ['{ ... on Query { offices(last: 4) { __typename } } }', {}, 1 + 4],
  ])('%s with variables %o costs %i', (document, variables, cost) => {
    expect(operationCost(schema, parse(document), null, variables)).toBe(cost);
  });

  it('refuses a list argument over its limit', () => {
    const inputs = Array.from({ length: 1001 }, () => ({}));
    expect(refusalCode(() => operationCost(schema, parse('query ($i: [CertificateValidityInput!]!) { certificateValidities(inputs: $i) { asOf } }'), null, { i: inputs }))).toBe('BAD_USER_INPUT');
  });

  // A schema of its own: the multipliers come from the fields' declarations, not their argument names.
  const item = new GraphQLObjectType({ name: 'Item', fields: { name: { type: GraphQLString } } });
  const ids = { type: new GraphQLList(new GraphQLNonNull(GraphQLInt)) };
  const declared = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        batch: { type: new GraphQLList(item), args: { keys: ids }, extensions: { cost: { listArgument: 'keys', maxItems: 3 } } },
        undeclared: { type: new GraphQLList(item), args: { ids, inputs: ids, first: { type: GraphQLInt } } },
        page: { type: new GraphQLList(item), args: { first: { type: GraphQLInt } }, extensions: { cost: { paged: true, defaultPage: 20, maxPage: 50 } } },
      },
    }),
  });

  it.each([
    ['{ batch(keys: [1, 2, 3]) { name } }', 1 + 3 * 1],
    // A list of objects that declares no bound counts as the largest page, whatever its arguments.
    ['{ undeclared(ids: [1, 2, 3], inputs: [1, 2], first: 50) { name } }', 1 + 100],
    ['{ page { name } }', 1 + 20],
    ['{ page(first: 7) { name } }', 1 + 7],
    ['{ page(first: 70) { name } }', 1 + 50],
  ])('on a schema with declared costs, %s costs %i', (document, cost) => {
    expect(operationCost(declared, parse(document), null, {})).toBe(cost);
  });

  it('refuses a declared list over its maxItems, on any argument name', () => {
    expect(refusalCode(() => operationCost(declared, parse('{ batch(keys: [1, 2, 3, 4]) { name } }'), null, {}))).toBe('BAD_USER_INPUT');
  });
});

describe('checkOperationCost, whether the cost read variables', () => {
  it('says so when a multiplying argument is a variable, and not when it is a literal or absent', () => {
    const paged = parse('query ($n: Int) { offices(first: $n) { totalCount } }');
    expect(checkOperationCost(schema, paged, null, { n: 5 }, 1_000)).toEqual({ cost: 6, readVariables: true });
    const validity = parse('query ($i: CertificateValidityInput!) { certificateValidity(input: $i) { asOf } }');
    expect(checkOperationCost(schema, validity, null, { i: { birthDate: '1980-10-10', issuedOn: '2020-05-15' } }, 1_000)).toEqual({ cost: 2, readVariables: false });
  });
});

describe('checkOperationCost', () => {
  const BATCH = parse('query ($i: [CertificateValidityInput!]!) { certificateValidities(inputs: $i) { asOf } }');

  it('gives the cost of an operation within the limit', () => {
    expect(checkOperationCost(schema, parse('{ offices(first: 3) { totalCount } }'), null, {}, 4)).toEqual({ cost: 4, readVariables: false });
  });

  it('refuses an operation over the limit with QUERY_TOO_COMPLEX, before execution', () => {
    const refused = checkOperationCost(schema, parse('{ offices(first: 3) { totalCount } }'), null, {}, 3);
    expect(refused).toBeInstanceOf(GraphQLError);
    expect((refused as GraphQLError).extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', cost: 4, limit: 3, http: { status: 400, spec: true } });
  });

  it('refuses a list over its maxItems with BAD_USER_INPUT naming the argument, however cheap', () => {
    const refused = checkOperationCost(schema, BATCH, null, { i: Array.from({ length: 1001 }, () => ({})) }, 1_000_000);
    expect(refused).toBeInstanceOf(GraphQLError);
    expect((refused as GraphQLError).extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'inputs', limit: 1000, http: { status: 400, spec: true } });
  });
});

describe('the selection-width settings', () => {
  const app = createTestApp({ config: { limits: { ...testConfig().limits, maxFieldsPerSelection: 10, maxSameResponseName: 2, maxMergeComparisons: 100 } } });
  const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: notices { key }`).join(' ')} }`;

  it('answers a selection of MAX_FIELDS_PER_SELECTION fields, and refuses one of a field more', async () => {
    expect(errorCodes(await app.graphql(aliases(10)))).toEqual([]);
    const over = await app.graphql(aliases(11));
    expect(over.status).toBe(400);
    expect(over.body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 10 });
  });

  it('refuses a name selected more than MAX_SAME_RESPONSE_NAME times', async () => {
    expect(errorCodes(await app.graphql('{ notices { key } notices { key } }'))).toEqual([]);
    const over = await app.graphql('{ notices { key } notices { key } notices { key } }');
    expect(over.body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 2 });
  });

  it('refuses a document needing more than MAX_MERGE_COMPARISONS comparisons', async () => {
    // Two `offices { nodes { 60 fields } }` under one name: 2 × 60 + 4 = 124 comparisons.
    const fields = Array.from({ length: 60 }, (_, i) => `f${i}: key`);
    // The default widths, so that only the comparisons refuse it.
    const wide = createTestApp({ config: { limits: { ...testConfig().limits, maxMergeComparisons: 100 } } });
    const over = await wide.graphql(`{ offices { nodes { ${fields.join(' ')} } } offices { nodes { ${fields.join(' ')} } } }`);
    expect(over.body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 100 });
  });
});

describe('the token limit', () => {
  const app = createTestApp({ config: { limits: { ...testConfig().limits, maxTokens: 100 } } });
  // `{`, n names, `}`: n + 2 tokens (comments are not tokens).
  const names = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `f${i}`).join(' ')} } # a comment`;

  it('parses a document of MAX_TOKENS tokens, and refuses one of a token more with TOKEN_LIMIT_EXCEEDED', async () => {
    const within = await app.graphql(names(98));
    expect(errorCodes(within)).toEqual(expect.arrayContaining(['GRAPHQL_VALIDATION_FAILED']));
    const over = await app.graphql(names(99));
    expect(over.status).toBe(400);
    expect(errorCodes(over)).toEqual(['TOKEN_LIMIT_EXCEEDED']);
    expect(over.body.errors?.[0]?.message).toBe('Syntax Error: Token limit of 100 exceeded.');
  });
});

describe('limits through the API', () => {
  const app = createTestApp({ config: { limits: { maxBodyBytes: 2_000_000, maxAcceptHeaderBytes: 1_024, maxDepth: 15, maxAliases: 30, maxDirectives: 20, maxTokens: 100_000, maxCost: 25_000, maxOperations: 20, maxFieldsPerSelection: 200, maxSameResponseName: 20, maxMergeComparisons: 5_000 } } });
  const BATCH = 'query ($inputs: [CertificateValidityInput!]!) { certificateValidities(inputs: $inputs) { asOf userAuthentication { issuable expiresOn expiresOnWareki birthdayCount status renewal { opensOn opensOnWareki expiresOn expiresOnWareki phase fee } } signature { issuable expiresOn expiresOnWareki birthdayCount status renewal { opensOn opensOnWareki expiresOn expiresOnWareki phase fee } } notes { ja en } noteCodes } }';
  const inputs = (n: number) => Array.from({ length: n }, () => ({ birthDate: '1980-01-01', issuedOn: '2020-01-01', asOf: '2021-01-01' }));

  it('accounts for the batch size: 1,000 full computations cost too much, refused whole before execution', async () => {
    const response = await app.graphql(BATCH, { inputs: inputs(1000) });
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ limit: 25_000 });
  });

  // 65 per input (18 notes at most, each ja and en): 350 inputs cost 22,751.
  it('runs a batch within the cost limit', async () => {
    const response = await app.graphql(BATCH, { inputs: inputs(350) });
    expect(response.status).toBe(200);
    expect(response.body.data.certificateValidities).toHaveLength(350);
  });

  it('refuses more than 1,000 inputs before execution, even when cheap', async () => {
    const response = await app.graphql('query ($inputs: [CertificateValidityInput!]!) { certificateValidities(inputs: $inputs) { asOf } }', { inputs: inputs(1001) });
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ argument: 'inputs', limit: 1000 });
  });

  it('refuses an operation over the cost limit before validating it: an unknown field beside it is not reported', async () => {
    const response = await app.graphql(`query ($inputs: [CertificateValidityInput!]!) { noSuchField ${BATCH.slice(BATCH.indexOf('{') + 1)}`, { inputs: inputs(1000) });
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(response.body.extensions?.cost).toEqual({ requested: null, limit: 25_000 });
  });

  it('answers one of MAX_OPERATIONS operations of a document, and refuses a document of one more before validating it', async () => {
    const operations = (n: number) => Array.from({ length: n }, (_, i) => `query Q${i} { notices { key } }`).join(' ');
    const send = async (query: string, operationName: string) => {
      const response = await app.request({ method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query, operationName }) });
      return { status: response.status, body: JSON.parse(response.text) as { data?: { notices: unknown[] }; errors?: { message: string; extensions: Record<string, unknown> }[] } };
    };
    const within = await send(operations(20), 'Q19');
    expect(within.status).toBe(200);
    expect(within.body.data?.notices.length).toBeGreaterThan(0);
    // The extra operation is invalid too (an unknown field): only the operation count is reported.
    const over = await send(`${operations(20)} query Q20 { noSuchField }`, 'Q0');
    expect(over.status).toBe(400);
    expect(over.body.errors?.map((error) => error.extensions.code)).toEqual(['OPERATION_LIMIT_EXCEEDED']);
    expect(over.body.errors?.[0]?.message).toBe('The document has 21 operations; at most 20 are accepted in one document. Send only the operations you run.');
    expect(over.body.errors?.[0]?.extensions).toMatchObject({ limit: 20 });
  });

  it('reports the validation errors of an invalid operation within the cost limit, its cost unmeasured', async () => {
    const response = await app.graphql('{ noSuchField notices { key } }');
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.body.extensions?.cost).toEqual({ requested: null, limit: 25_000 });
  });

  it('refuses more than 100 ids in nodes(ids:)', async () => {
    const response = await app.graphql('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: Array.from({ length: 101 }, () => 'x') });
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });
});
