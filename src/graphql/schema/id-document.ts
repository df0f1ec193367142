import { EVERY_ROW } from '../../db/loaders.ts';
import { acceptableIfIssuedOn } from '../../domain/documents.ts';
import { assertSupportedDate } from '../../domain/validity-input.ts';
import type { IdDocumentListRow, IdDocumentRow } from '../../db/queries.ts';
import { builder, present, type FieldBuilder } from './builder.ts';
import { boundedListCost } from './field-cost.ts';
import { localized, LocalizedText, localizedRows } from './localized-text.ts';
import { registerNodeLoader } from './node.ts';
import { Source, sourceField, sourceOf } from './source.ts';
import { asUserInput } from './user-input.ts';

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
    lastExpiresOn: t.field({
      type: 'Date',
      nullable: true,
      extensions: { sourcedBy: 'lastExpiresOnSource' },
      description:
        'Every document of this kind has expired by this day, so none is acceptable after it (the list takes no expired document): 2025-12-31 for the 住民基本台帳カード, whose last ones expired at the end of December 2025; null when no such day is known.',
      resolve: (d) => d.lastExpiresOn,
    }),
    lastExpiresOnSource: t.field({
      type: Source,
      nullable: true,
      description: 'The public page that states `lastExpiresOn`; null when it is null.',
      resolve: (d, _args, ctx) => (d.lastExpiresOnSourceId === null ? null : sourceOf(ctx, d.lastExpiresOnSourceId)),
    }),
    acceptableIfIssuedOn: t.boolean({
      description:
        'Is this document, issued on `issuedOn`, acceptable on `asOf`? False when issued before `issuedOnOrAfter`, or when `asOf` is after `lastExpiresOn` (every one has expired). The list\'s other rules (not expired, not a copy, name and address up to date) are checked at the counter.',
      args: {
        // The issue date of one person's document: personal, as their other dates are.
        issuedOn: t.arg({ type: 'Date', required: true, extensions: { personalData: true }, description: 'The date printed on the document as its issue date (交付日).' }),
        asOf: t.arg({ type: 'Date', extensions: { personalData: false }, description: 'Day the document would be shown; default: today in Asia/Tokyo.' }),
      },
      resolve: (d, args, ctx) => {
        const asOf = args.asOf ?? ctx.today();
        return asUserInput(null, () => {
          assertSupportedDate('issuedOn', args.issuedOn);
          assertSupportedDate('asOf', asOf);
          return acceptableIfIssuedOn(d, args.issuedOn, asOf);
        });
      },
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
