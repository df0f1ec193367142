import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
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
import './validity-renewal-window.ts';
import './validity.ts';
import './convenience-store-service.ts';
import './convenience-store.ts';

/** The schema's own description: the first thing GraphiQL's documentation pane and the printed contract show. */
const DESCRIPTION = `The City of Sapporo's facts about the electronic certificates on the My Number Card (マイナンバーカードの電子証明書), for city apps, convenience-store kiosks and analysts.

Start with \`officesForProcedure\` (where a resident may go), \`convenienceStoreEligibility\` (can a resident use コンビニ交付 today, and what cures a refusal), \`certificateValidity\` and \`renewalWindow\` (expiry and renewal dates, with 和暦), \`certificateTypes\` (PIN rules as data).

Every fact comes from a public page named in \`sources\`; an unknown fact is null, never a guess. A \`Date\` is YYYY-MM-DD, and today is today in Asia/Tokyo. Every answer's \`extensions.schemaVersion\` names the version of this schema, described in the repository's CHANGELOG.md; the schema itself is served at /schema.graphql.`;

export const schema = new GraphQLSchema({ ...builder.toSchema().toConfig(), description: DESCRIPTION });

/** The committed contract: the schema printed with types and fields in lexicographic order. */
export function printContract(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
