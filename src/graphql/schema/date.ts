import { Kind } from 'graphql';
import { parseIsoDate } from '../../domain/calendar.ts';
import { builder } from './builder.ts';
import { userInputError } from '../errors.ts';

function parseDate(value: unknown) {
  const date = typeof value === 'string' ? parseIsoDate(value) : null;
  if (date === null) {
    throw userInputError(`Invalid Date ${JSON.stringify(value) ?? String(value)}: expected a real calendar date as YYYY-MM-DD.`);
  }
  return date;
}

builder.scalarType('Date', {
  description: 'A calendar date `YYYY-MM-DD` (ISO 8601), with no time and no zone; only real dates (no 2023-02-30).',
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (node) => parseDate(node.kind === Kind.STRING ? node.value : `(${node.kind})`),
});
