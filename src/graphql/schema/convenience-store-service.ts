import { EVERY_ROW } from '../../db/loaders.ts';
import { CONVENIENCE_STORE_DOCUMENT_KINDS, type ConvenienceStoreDocumentKind as ConvenienceStoreDocumentKindValue } from '../../domain/convenience-store.ts';
import type { ConvenienceStoreDocumentRow, ConvenienceStoreServiceRow } from '../../db/queries.ts';
import { builder, present, type Context, type FieldBuilder } from './builder.ts';
import { boundedListCost } from './field-cost.ts';
import { CertificateKind, describedValues } from './enums.ts';
import { localized, localizedOrNull, LocalizedText, localizedRows } from './localized-text.ts';
import { registerNodeLoader } from './node.ts';
import { sourceField } from './source.ts';

// The service as the city's convenience-store page states it (docs/domain-rules.md §8); who may use
// it on a given day is convenience-store.ts.

const DOCUMENT_KIND_DESCRIPTIONS: Record<ConvenienceStoreDocumentKindValue, string> = {
  RESIDENCE_CERTIFICATE: '住民票の写し: copy of the residence record (resident group).',
  SEAL_REGISTRATION_CERTIFICATE: '印鑑登録証明書: seal registration certificate (resident group).',
  FAMILY_REGISTER_ATTACHMENT: '戸籍の附票の写し: copy of the family register attachment (domicile group).',
  FAMILY_REGISTER_ALL: '戸籍全部事項証明(戸籍謄本): certificate of all matters of the family register (domicile group).',
  FAMILY_REGISTER_INDIVIDUAL: '戸籍個人事項証明(戸籍抄本): certificate of individual matters of the family register (domicile group).',
};

export const ConvenienceStoreDocumentKind = builder.enumType('ConvenienceStoreDocumentKind', {
  description: 'A document the convenience-store service (コンビニ交付) prints.',
  values: describedValues(CONVENIENCE_STORE_DOCUMENT_KINDS, (kind) => DOCUMENT_KIND_DESCRIPTIONS[kind]),
});

export const ConvenienceStoreDocument = builder.objectRef<ConvenienceStoreDocumentRow>('ConvenienceStoreDocument').implement({
  description: 'A document the service prints, with the group that decides who may get it.',
  fields: (t) => ({
    kind: t.field({ type: ConvenienceStoreDocumentKind, description: 'Which document.', resolve: (d) => d.kind }),
    name: t.field({ type: LocalizedText, description: 'Name of the document, verbatim.', resolve: (d) => localized(d.nameJa, d.nameEn) }),
    requiresResidence: t.exposeBoolean('requiresResidence', { description: 'Resident group: only for people registered as residents of Sapporo (住民登録).' }),
    requiresDomicile: t.exposeBoolean('requiresDomicile', { description: 'Domicile group: only for people whose registered domicile (本籍) is in Sapporo.' }),
  }),
});

const texts = (category: 'CONDITION' | 'NOTICE') => async (_service: ConvenienceStoreServiceRow, _args: object, ctx: Context) =>
  localizedRows((await ctx.loaders.allConvenienceStoreTexts.load(EVERY_ROW)).filter((row) => row.category === category));

/** The service's one row, read once per request. */
const serviceRow = async (ctx: Context): Promise<ConvenienceStoreServiceRow | null> => (await ctx.loaders.convenienceStoreService.load(EVERY_ROW))[0] ?? null;

export const ConvenienceStoreService = builder.node(builder.objectRef<ConvenienceStoreServiceRow>('ConvenienceStoreService'), {
  description: 'Convenience-store issuance of certificates (コンビニ交付): what it prints, who may use it, with its source.',
  id: { resolve: (service) => String(service.id) },
  fields: (t) => ({
    name: t.field({ type: LocalizedText, description: 'Name of the service, verbatim.', resolve: (s) => localized(s.nameJa, s.nameEn) }),
    description: t.field({ type: LocalizedText, description: 'What the service is, verbatim from the source.', resolve: (s) => localized(s.descriptionJa, s.descriptionEn) }),
    documents: t.field({
      type: [ConvenienceStoreDocument],
      extensions: boundedListCost(10),
      description: 'The five documents it prints, in the source\'s order.',
      resolve: (_s, _args, ctx) => ctx.loaders.allConvenienceStoreDocuments.load(EVERY_ROW),
    }),
    minimumAge: t.exposeInt('minimumAge', { description: 'Youngest age that may use it, judged on the day of use.' }),
    certificateKind: t.field({
      type: CertificateKind,
      description: 'The certificate the kiosk reads: USER_AUTHENTICATION (its 4-digit PIN is verified; after its expiry the service stops).',
      resolve: (s) => s.certificateKind,
    }),
    conditions: t.field({ type: [LocalizedText], extensions: boundedListCost(10), description: 'Who may use it (利用できる方), verbatim, in the source\'s order.', resolve: texts('CONDITION') }),
    notices: t.field({
      type: [LocalizedText],
      extensions: boundedListCost(10),
      description: 'Notices on the page, verbatim (such as the end of the 住基カード service), in the source\'s order.',
      resolve: texts('NOTICE'),
    }),
    hours: t.field({
      type: LocalizedText,
      nullable: true,
      description: 'Hours of service; null: no stored source gives them.',
      resolve: (s) => localizedOrNull(s.hoursJa, s.hoursEn),
    }),
    source: sourceField(t as FieldBuilder<ConvenienceStoreServiceRow>),
  }),
});

registerNodeLoader('ConvenienceStoreService', async (ctx, key) => {
  const service = await serviceRow(ctx);
  return service !== null && String(service.id) === key ? service : null;
});

builder.queryField('convenienceStoreService', (t) =>
  t.field({
    type: ConvenienceStoreService,
    description: 'Convenience-store issuance of certificates (コンビニ交付): documents, conditions, notices, source.',
    resolve: (_root, _args, ctx) => present(serviceRow(ctx), 'the convenience-store service'),
  }),
);
