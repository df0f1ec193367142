import { EVERY_ROW } from '../../db/loaders.ts';
import type { NoticeRow } from '../../db/queries.ts';
import { builder, type FieldBuilder } from './builder.ts';
import { boundedListCost } from './field-cost.ts';
import { localized, LocalizedText, localizedRows } from './localized-text.ts';
import { registerNodeLoader } from './node.ts';
import { sourceField } from './source.ts';

export const Notice = builder.node(builder.objectRef<NoticeRow>('Notice'), {
  description: 'A notice (お知らせ) the city page shows above everything else.',
  id: { resolve: (n) => n.id },
  fields: (t) => ({
    key: t.exposeString('id', { description: 'Stable readable key.' }),
    title: t.field({ type: LocalizedText, description: 'Headline of the notice.', resolve: (n) => localized(n.titleJa, n.titleEn) }),
    paragraphs: t.field({
      type: [LocalizedText],
      extensions: boundedListCost(20),
      description: 'Body of the notice, paragraph by paragraph.',
      resolve: async (n, _args, ctx) => localizedRows(await ctx.loaders.noticeParagraphs.load(n.id)),
    }),
    source: sourceField(t as FieldBuilder<NoticeRow>),
  }),
});

registerNodeLoader('Notice', (ctx, key) => ctx.loaders.notice.load(key));

builder.queryField('notices', (t) =>
  t.field({
    type: [Notice],
    extensions: boundedListCost(10),
    description: 'Current notices, in the page\'s order.',
    resolve: (_root, _args, ctx) => ctx.loaders.allNotices.load(EVERY_ROW),
  }),
);
