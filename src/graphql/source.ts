import type { SourceRow } from '../db/queries.ts';
import { builder, present, type FieldBuilder } from './builder.ts';
import { localized, LocalizedText } from './localized-text.ts';

export const Source = builder.objectRef<SourceRow>('Source').implement({
  description: 'A public page a fact comes from (出典). Every served fact names its source.',
  fields: (t) => ({
    key: t.exposeString('id', { description: 'Stable key of the source, e.g. `sapporo-jpki-page`.' }),
    title: t.field({ type: LocalizedText, description: 'Title or description of the page.', resolve: (s) => localized(s.titleJa, s.titleEn) }),
    publisher: t.field({ type: LocalizedText, description: 'Who publishes it (発行者).', resolve: (s) => localized(s.publisherJa, s.publisherEn) }),
    url: t.exposeString('url', { nullable: true, description: 'Address of the page, where it is known; null otherwise.' }),
  }),
});

/** Adds the `source` field that every sourced type carries. */
export function sourceField<Row extends { sourceId: string }>(t: FieldBuilder<Row>) {
  return t.field({
    type: Source,
    description: 'The public page this fact comes from.',
    resolve: (row, _args, ctx) => present(ctx.loaders.source.load(row.sourceId), `source ${row.sourceId}`),
  });
}

builder.queryField('sources', (t) =>
  t.field({
    type: [Source],
    description: 'Every public page the served facts come from.',
    resolve: (_root, _args, ctx) => ctx.queries.sourcesAll.all(),
  }),
);
