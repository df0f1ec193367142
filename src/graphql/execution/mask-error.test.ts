import { GraphQLError, locatedError, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ErrorCode, userInputError } from '../errors.ts';
import { createMaskError } from './mask-error.ts';

const document = parse('{ certificateValidities(inputs: []) { asOf } }');
const field = (document.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
const noFault = { matches: () => false, report: () => undefined, retryAfterSeconds: 30 };
const mask = createMaskError(noFault);

/** What a client reads of an error: its JSON. */
const answered = (error: Error) => JSON.parse(JSON.stringify(error)) as unknown;

describe('errors built to be answered', () => {
  it('have no stack frames', () => {
    expect(userInputError('birthDate must not be after issuedOn.', { field: 'inputs.0.birthDate' }).stack).not.toMatch(/\n\s+at /);
  });

  it('leave Error.stackTraceLimit as it was', () => {
    const before = Error.stackTraceLimit;
    userInputError('x');
    expect(Error.stackTraceLimit).toBe(before);
  });
});

describe('masking an error located at a field', () => {
  it('answers a BAD_USER_INPUT the API made with its message, location, path and extensions', () => {
    const located = locatedError(userInputError('birthDate must not be after issuedOn.', { field: 'inputs.3.birthDate' }), [field], ['certificateValidities', 3]);
    expect(answered(mask(located, 'Unexpected error.'))).toEqual({
      message: 'birthDate must not be after issuedOn.',
      locations: [{ line: 1, column: 3 }],
      path: ['certificateValidities', 3],
      extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'inputs.3.birthDate' },
    });
  });

  it('drops an extension outside the allow-list', () => {
    const original = new GraphQLError('Refused.', { extensions: { code: ErrorCode.BAD_USER_INPUT, echoed: '1990-01-02' } });
    const masked = mask(locatedError(original, [field], ['certificateValidities']), 'Unexpected error.');
    expect(answered(masked)).toEqual({ message: 'Refused.', locations: [{ line: 1, column: 3 }], path: ['certificateValidities'], extensions: { code: ErrorCode.BAD_USER_INPUT } });
  });

  it('answers an unexpected error generically and keeps the original, stack included, for the log', () => {
    const fault = new TypeError('x is undefined');
    const masked = mask(locatedError(fault, [field], ['certificateValidities']), 'Unexpected error.') as GraphQLError;
    expect(answered(masked)).toEqual({ message: 'Unexpected error.', locations: [{ line: 1, column: 3 }], path: ['certificateValidities'], extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
    expect(masked.originalError).toBe(fault);
    expect(fault.stack).toMatch(/\n\s+at /);
  });
});
