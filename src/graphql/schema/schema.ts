import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.ts';
import './date.ts';
import './localized-text.ts';
import './source.ts';
import './node.ts';
import './office.ts';
import './procedure.ts';
import './certificate-type.ts';
import './id-document.ts';
import './contact-point.ts';
import './notice.ts';
import './validity.ts';
import './convenience-store.ts';

export const schema = builder.toSchema();

/** The committed contract: the schema printed with types and fields in lexicographic order. */
export function printContract(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
