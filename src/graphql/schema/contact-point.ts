import { EVERY_ROW } from '../../db/loaders.ts';
import type { ContactPointRow } from '../../db/queries.ts';
import { builder, type FieldBuilder } from './builder.ts';
import { boundedListCost } from './field-cost.ts';
import { localized, LocalizedText } from './localized-text.ts';
import { registerNodeLoader } from './node.ts';
import { sourceField } from './source.ts';

export const ContactPoint = builder.node(builder.objectRef<ContactPointRow>('ContactPoint'), {
  description: 'A phone line to ask about the certificates (問い合わせ先).',
  id: { resolve: (c) => c.id },
  fields: (t) => ({
    key: t.exposeString('id', { description: 'Stable readable key, e.g. `sapporo-my-number-call-center`.' }),
    name: t.field({ type: LocalizedText, description: 'Name of the line.', resolve: (c) => localized(c.nameJa, c.nameEn, c.nameJaKind) }),
    purpose: t.field({ type: LocalizedText, description: 'What to call it about, as the source says.', resolve: (c) => localized(c.purposeJa, c.purposeEn) }),
    phone: t.exposeString('phone', { description: 'Phone number as printed, e.g. "011-600-2323".' }),
    tollFree: t.exposeBoolean('tollFree', { description: 'Whether the call is free (フリーダイヤル).' }),
    source: sourceField(t as FieldBuilder<ContactPointRow>),
  }),
});

registerNodeLoader('ContactPoint', (ctx, key) => ctx.loaders.contactPoint.load(key));

builder.queryField('contactPoints', (t) =>
  t.field({
    type: [ContactPoint],
    extensions: boundedListCost(10),
    description: 'Where to ask: the city call centre and the J-LIS free dial.',
    resolve: (_root, _args, ctx) => ctx.loaders.allContactPoints.load(EVERY_ROW),
  }),
);
