import { Kind } from 'graphql';
import { parseIsoDate } from '../../domain/calendar.ts';
import { builder } from './builder.ts';
import { userInputError } from '../errors.ts';

/** What a Date must look like, in the words every error about one uses (never quoting the value, which may be a birth date). */
const EXPECTED_DATE = 'a real calendar date as YYYY-MM-DD';

function parseDate(value: unknown) {
  const date = typeof value === 'string' ? parseIsoDate(value) : null;
  if (date === null) throw userInputError(`Expected ${EXPECTED_DATE}.`);
  return date;
}

builder.scalarType('Date', {
  description: 'A calendar date `YYYY-MM-DD` (ISO 8601), with no time and no zone; only real dates (no 2023-02-30).',
  extensions: { expected: EXPECTED_DATE },
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (node) => parseDate(node.kind === Kind.STRING ? node.value : null),
});
