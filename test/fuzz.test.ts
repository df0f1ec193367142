import fc from 'fast-check';
import { getNamedType, isEnumType, isInputObjectType, isLeafType, isListType, isNonNullType, isObjectType, isInterfaceType, isScalarType, type GraphQLField, type GraphQLInputType, type GraphQLNamedType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/graphql/schema/schema.ts';
import { createTestApp } from './support/app.ts';

const app = createTestApp();

/** A literal for an input type, usually valid, sometimes deliberately wrong. */
function literal(type: GraphQLInputType, depth: number): fc.Arbitrary<string> {
  if (isNonNullType(type)) return literal(type.ofType, depth);
  if (isListType(type)) return fc.array(literal(type.ofType, depth + 1), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`);
  const named = getNamedType(type);
  const junk = fc.constantFrom('null', '""', '-1', '1e309', '"\\u0000"', '[]', '{}', 'true', 'WRONG_ENUM', '"2023-02-30"', '"9999-99-99"');
  if (isEnumType(named)) return fc.oneof(fc.constantFrom(...named.getValues().map((v) => v.name)), junk);
  if (isInputObjectType(named) && depth < 3) {
    const fields = Object.values(named.getFields());
    return fc.oneof(
      fc.tuple(...fields.map((f) => literal(f.type, depth + 1))).map((values) => `{ ${fields.map((f, i) => `${f.name}: ${values[i]}`).join(', ')} }`),
      junk,
    );
  }
  if (isScalarType(named)) {
    const valid: Record<string, fc.Arbitrary<string>> = {
      Int: fc.integer({ min: -5, max: 200 }).map(String),
      Boolean: fc.boolean().map(String),
      String: fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
      ID: fc.oneof(fc.string({ maxLength: 12 }), fc.constant(Buffer.from('Office:kita-ward-office').toString('base64'))).map((s) => JSON.stringify(s)),
      Date: fc.date({ min: new Date('1850-01-01'), max: new Date('2300-01-01'), noInvalidDate: true }).map((d) => JSON.stringify(d.toISOString().slice(0, 10))),
    };
    return fc.oneof({ weight: 4, arbitrary: valid[named.name] ?? junk }, { weight: 1, arbitrary: junk });
  }
  return junk;
}

/** A selection set for a type, a few levels deep, with random arguments and occasional nonsense fields. */
function selection(type: GraphQLNamedType, depth: number): fc.Arbitrary<string> {
  if (isLeafType(type)) return fc.constant('');
  if (!(isObjectType(type) || isInterfaceType(type)) || depth > 4) return fc.constant('{ __typename }');
  const fields = Object.values(type.getFields()) as GraphQLField<unknown, unknown>[];
  const field = fc.constantFrom(...fields).chain((f) =>
    fc
      .tuple(
        fc.tuple(...f.args.map((arg) => fc.option(literal(arg.type, 0), { nil: undefined }))),
        selection(getNamedType(f.type), depth + 1),
      )
      .map(([args, sub]) => {
        const given = f.args.map((arg, i) => (args[i] === undefined ? null : `${arg.name}: ${args[i]}`)).filter(Boolean);
        return `${f.name}${given.length ? `(${given.join(', ')})` : ''} ${sub}`;
      }),
  );
  return fc
    .array(fc.oneof({ weight: 9, arbitrary: field }, { weight: 1, arbitrary: fc.constantFrom('nope', '__typename', '...on Office { key }') }), { minLength: 1, maxLength: 4 })
    .map((items) => `{ ${items.join(' ')} }`);
}

const documents = fc.oneof(
  { weight: 8, arbitrary: selection(schema.getQueryType()!, 0) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: selection(schema.getQueryType()!, 0).map((doc) => doc.slice(0, Math.floor(doc.length / 2))) },
);

describe('fuzzing the API with random documents built from the schema', () => {
  it('never answers 5xx, and every error has a code', async () => {
    await fc.assert(
      fc.asyncProperty(documents, fc.constantFrom('application/graphql-response+json', 'application/json'), async (query, accept) => {
        const response = await app.request({ method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify({ query }) });
        expect(response.status).toBeLessThan(500);
        const body = JSON.parse(response.text) as { errors?: { extensions?: { code?: string } }[] };
        for (const error of body.errors ?? []) expect(error.extensions?.code).toEqual(expect.any(String));
        expect(body.errors?.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR') ?? false).toBe(false);
      }),
      { numRuns: 2000 },
    );
  }, 120_000);
});
