import { getOperationAST, parse, type GraphQLScalarType } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { schema } from '../schema/schema.ts';
import { variableErrors } from './input-errors.ts';

const definitions = getOperationAST(parse('query ($i: [CertificateValidityInput!]!) { certificateValidities(inputs: $i) { asOf } }'))!.variableDefinitions!;

afterEach(() => vi.restoreAllMocks());

describe('variableErrors', () => {
  it('stops coercing once it has the 20 errors it reports: 1,000 inputs of two impossible dates each read 20 dates, not 2,000', () => {
    const dateType = schema.getType('Date') as GraphQLScalarType;
    const parseValue = vi.spyOn(dateType, 'parseValue');
    const inputs = Array.from({ length: 1000 }, () => ({ birthDate: '1990-02-30', issuedOn: '2020-02-31' }));
    const errors = variableErrors(schema, definitions, { i: inputs });
    expect(errors.map((error) => error.message)).toEqual(
      Array.from({ length: 10 }, (_, i) => [
        `Variable "$i" has an invalid value at "i[${i}].birthDate": expected a real calendar date as YYYY-MM-DD.`,
        `Variable "$i" has an invalid value at "i[${i}].issuedOn": expected a real calendar date as YYYY-MM-DD.`,
      ]).flat(),
    );
    expect(parseValue).toHaveBeenCalledTimes(20);
  });

  it('coerces every value of variables with fewer errors than that', () => {
    const dateType = schema.getType('Date') as GraphQLScalarType;
    const parseValue = vi.spyOn(dateType, 'parseValue');
    const inputs = [...Array.from({ length: 999 }, () => ({ birthDate: '1990-02-03', issuedOn: '2020-02-03' })), { birthDate: '1990-02-30', issuedOn: '2020-02-03' }];
    expect(variableErrors(schema, definitions, { i: inputs }).map((error) => error.message)).toEqual([
      'Variable "$i" has an invalid value at "i[999].birthDate": expected a real calendar date as YYYY-MM-DD.',
    ]);
    expect(parseValue).toHaveBeenCalledTimes(2000);
  });
});
