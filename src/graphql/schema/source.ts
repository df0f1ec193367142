import type { SourceRow } from '../../db/queries.ts';
import { builder, present, type Context, type FieldBuilder } from './builder.ts';
import { boundedListCost } from './field-cost.ts';
import { localized, LocalizedText } from './localized-text.ts';

const SourceKind = builder.enumType('SourceKind', {
  description: 'What kind of source a fact has.',
  values: {
    PUBLIC_PAGE: { description: 'A public web page (the city\'s, J-LIS\'s, another municipality\'s); `url` where it is known.' },
    OUR_POLICY: {
      description: 'A policy of this API, applied where no official statement was found (e.g. the 29 February birthday); there is no page, so `url` is null.',
    },
  } as const,
});

export const Source = builder.objectRef<SourceRow>('Source').implement({
  description: 'Where a fact comes from (出典): a public page, or our own policy where none exists. Every served fact names its source.',
  fields: (t) => ({
    key: t.exposeString('id', { description: 'Stable key of the source, e.g. `sapporo-jpki-page`.' }),
    kind: t.field({ type: SourceKind, description: 'A public page, or a policy of ours.', resolve: (s) => s.kind }),
    title: t.field({
      type: LocalizedText,
      description: 'Title of the page (VERBATIM), or our description of it (COMPOSED).',
      resolve: (s) => localized(s.titleJa, s.titleEn, s.titleJaKind),
    }),
    publisher: t.field({
      type: LocalizedText,
      description: 'Who publishes it (発行者), as we name them.',
      resolve: (s) => localized(s.publisherJa, s.publisherEn, 'COMPOSED'),
    }),
    url: t.exposeString('url', { nullable: true, description: 'Address of the page, where it is known; null otherwise (always null for OUR_POLICY).' }),
  }),
});

/** The source row a foreign key names. */
export function sourceOf(ctx: Context, sourceId: string): Promise<SourceRow> {
  return present(ctx.loaders.source.load(sourceId), `source ${sourceId}`);
}

/** Adds the `source` field that every sourced type carries. */
export function sourceField<Row extends { sourceId: string }>(t: FieldBuilder<Row>) {
  return t.field({
    type: Source,
    description: 'The public page this fact comes from.',
    resolve: (row, _args, ctx) => sourceOf(ctx, row.sourceId),
  });
}

builder.queryField('sources', (t) =>
  t.field({
    type: [Source],
    extensions: boundedListCost(50),
    description: 'Every source the served facts come from: public pages, and our policy where no official statement exists.',
    resolve: (_root, _args, ctx) => ctx.queries.sourcesAll.all(),
  }),
);
