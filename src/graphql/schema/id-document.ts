import { EVERY_ROW } from '../../db/loaders.ts';
import { acceptableIfIssuedOn } from '../../domain/documents.ts';
import type { IdDocumentListRow, IdDocumentRow } from '../../db/queries.ts';
import { builder, present, type FieldBuilder } from './builder.ts';
import { boundedListCost } from './field-cost.ts';
import { localized, LocalizedText, localizedRows } from './localized-text.ts';
import { registerNodeLoader } from './node.ts';
import { Source, sourceField, sourceOf } from './source.ts';

const documentKey = (document: IdDocumentRow) => `${document.listCode}:${document.position}`;

export const IdDocument = builder.node(builder.objectRef<IdDocumentRow>('IdDocument'), {
  description: 'An identity document (本人確認書類) of a list, with its conditions as data.',
  id: { resolve: documentKey },
  fields: (t) => ({
    listCode: t.exposeString('listCode', { description: 'Code of the list it belongs to, e.g. "A".' }),
    position: t.exposeInt('position', { description: 'Its number in the source\'s list, from 1.' }),
    name: t.field({ type: LocalizedText, description: 'Name of the document, verbatim (conditions included).', resolve: (d) => localized(d.nameJa, d.nameEn) }),
    issuedOnOrAfter: t.field({
      type: 'Date',
      nullable: true,
      description: 'Accepted only if issued on or after this date (2012-04-01 for 運転経歴証明書); null when any issue date is accepted.',
      resolve: (d) => d.issuedOnOrAfter,
    }),
    photoRequired: t.exposeBoolean('photoRequired', { description: 'Accepted only with a photo (写真付き), e.g. 住民基本台帳カード.' }),
    acceptableIfIssuedOn: t.boolean({
      description: 'Is this document acceptable if it was issued on `issuedOn`?',
      // The issue date of one person's document: personal, as their other dates are.
      args: { issuedOn: t.arg({ type: 'Date', required: true, extensions: { personalData: true }, description: 'The date printed on the document as its issue date (交付日).' }) },
      resolve: (d, args) => acceptableIfIssuedOn(d, args.issuedOn),
    }),
    source: t.field({
      type: Source,
      description: 'The public page that lists the document: its list\'s source.',
      resolve: async (d, _args, ctx) => sourceOf(ctx, (await present(ctx.loaders.idDocumentList.load(d.listCode), `ID document list ${d.listCode}`)).sourceId),
    }),
  }),
});

registerNodeLoader('IdDocument', (ctx, key) => ctx.loaders.idDocument.load(key));

export const IdDocumentList = builder.node(builder.objectRef<IdDocumentListRow>('IdDocumentList'), {
  description: 'A list of accepted identity documents (e.g. list A, for the 2nd visit of the PIN procedure), with the rules for all of them.',
  id: { resolve: (list) => list.code },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Code of the list, e.g. "A".' }),
    description: t.field({ type: LocalizedText, description: 'When the list applies, as the source says.', resolve: (l) => localized(l.descriptionJa, l.descriptionEn) }),
    rules: t.field({
      type: [LocalizedText],
      extensions: boundedListCost(10),
      description: 'Rules for every document of the list (no expired ones, no copies, update old names and addresses first).',
      resolve: async (l, _args, ctx) => localizedRows(await ctx.loaders.idDocumentListRules.load(l.code)),
    }),
    documents: t.field({
      type: [IdDocument],
      extensions: boundedListCost(50),
      description: 'The documents, in the source\'s order.',
      resolve: (l, _args, ctx) => ctx.loaders.idDocuments.load(l.code),
    }),
    source: sourceField(t as FieldBuilder<IdDocumentListRow>),
  }),
});

registerNodeLoader('IdDocumentList', (ctx, key) => ctx.loaders.idDocumentList.load(key));

builder.queryField('idDocumentLists', (t) =>
  t.field({
    type: [IdDocumentList],
    extensions: boundedListCost(10),
    description: 'The accepted identity-document lists.',
    resolve: (_root, _args, ctx) => ctx.loaders.allIdDocumentLists.load(EVERY_ROW),
  }),
);
