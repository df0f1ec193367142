import {
  convenienceStoreEligibility,
  CONVENIENCE_STORE_DOCUMENT_KINDS,
  CONVENIENCE_STORE_REFUSALS,
  type ConvenienceStoreDocumentKind as ConvenienceStoreDocumentKindValue,
  type ConvenienceStoreEligibility as EligibilityShape,
  type ConvenienceStoreRefusal as ConvenienceStoreRefusalValue,
  type DocumentEligibility,
} from '../../domain/convenience-store.ts';
import type { ConvenienceStoreDocumentRow, ConvenienceStoreServiceRow } from '../../db/queries.ts';
import { PROCEDURE_KINDS } from '../../domain/vocabulary.ts';
import { builder, present, type Context, type FieldBuilder } from './builder.ts';
import { boundedListCost } from './field-cost.ts';
import { CertificateKind, describedValues } from './enums.ts';
import { asUserInput } from './user-input.ts';
import { localized, localizedOrNull, LocalizedText, localizedRows } from './localized-text.ts';
import { registerNodeLoader } from './node.ts';
import { Procedure } from './procedure.ts';
import { sourceField } from './source.ts';

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

const REFUSAL_DESCRIPTIONS: Record<ConvenienceStoreRefusalValue, string> = {
  UNDER_MINIMUM_AGE: 'Under 15 on `asOf` (the age is reached on the birthday; on 1 March for 29 February births in common years).',
  UNDER_GUARDIANSHIP: 'An adult under guardianship (成年被後見人) may not use the service.',
  CERTIFICATE_EXPIRED: 'The user-authentication certificate expired before `asOf` (it is valid through its expiry day); renewal (RENEWAL, free) cures it.',
  PIN_LOCKED: 'The 4-digit PIN of the user-authentication certificate is locked (3 wrong tries); re-initialising it (PIN_RESET) cures it.',
  NOT_RESIDENT: 'Resident-group document, and not registered as a resident of Sapporo (住民登録).',
  NOT_DOMICILED: 'Domicile-group document, and no registered domicile (本籍) in Sapporo.',
};

export const ConvenienceStoreRefusal = builder.enumType('ConvenienceStoreRefusal', {
  description: 'Why a document may not be issued at a convenience store; answers list them in this order.',
  values: describedValues(CONVENIENCE_STORE_REFUSALS, (refusal) => REFUSAL_DESCRIPTIONS[refusal]),
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

const texts = (category: 'CONDITION' | 'NOTICE') => (_service: ConvenienceStoreServiceRow, _args: object, ctx: Context) =>
  localizedRows(ctx.queries.convenienceStoreTextsAll.all().filter((row) => row.category === category));

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
      resolve: (_s, _args, ctx) => ctx.queries.convenienceStoreDocumentsAll.all(),
    }),
    minimumAge: t.exposeInt('minimumAge', { description: 'Youngest age that may use it (15), judged on the day of use.' }),
    certificateKind: t.field({
      type: CertificateKind,
      description: 'The certificate the kiosk reads: USER_AUTHENTICATION (its 4-digit PIN is verified; after its expiry the service stops).',
      resolve: (s) => s.certificateKind,
    }),
    conditions: t.field({ type: [LocalizedText], extensions: boundedListCost(10), description: 'Who may use it (利用できる方), verbatim, in the source\'s order.', resolve: texts('CONDITION') }),
    notices: t.field({
      type: [LocalizedText],
      extensions: boundedListCost(10),
      description: 'Notices on the page, verbatim: the 住基カード service ended on 2025-12-24; from 2025-12-25 a kiosk refuses the card with a message.',
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
  const service = ctx.queries.convenienceStoreService.get();
  return service !== undefined && String(service.id) === key ? service : null;
});

const ConvenienceStoreDocumentEligibility = builder.objectRef<DocumentEligibility>('ConvenienceStoreDocumentEligibility').implement({
  description: 'Whether one document may be issued, and every reason it may not.',
  fields: (t) => ({
    kind: t.field({ type: ConvenienceStoreDocumentKind, description: 'Which document.', resolve: (d) => d.kind }),
    document: t.field({
      type: ConvenienceStoreDocument,
      description: 'The document, with its name.',
      resolve: (d, _args, ctx) => present(ctx.loaders.convenienceStoreDocument.load(d.kind), `convenience-store document ${d.kind}`),
    }),
    eligible: t.exposeBoolean('eligible', { description: 'Whether this document may be issued on `asOf`.' }),
    refusals: t.field({ type: [ConvenienceStoreRefusal], description: 'All reasons that apply to this document, in enum order; empty when eligible.', resolve: (d) => d.refusals }),
  }),
});

type EligibilityResult = EligibilityShape<'RENEWAL' | 'PIN_RESET'>;

const ConvenienceStoreEligibility = builder.objectRef<EligibilityResult>('ConvenienceStoreEligibility').implement({
  description: 'Whether a resident can use convenience-store issuance on `asOf`, and if not, why and where to go.',
  fields: (t) => ({
    asOf: t.field({ type: 'Date', description: 'The day of use the answer is for.', resolve: (r) => r.asOf }),
    eligible: t.exposeBoolean('eligible', { description: 'True when at least one document may be issued.' }),
    refusals: t.field({
      type: [ConvenienceStoreRefusal],
      description: 'Empty when `eligible`; otherwise every reason found on any document, in enum order.',
      resolve: (r) => r.refusals,
    }),
    documents: t.field({ type: [ConvenienceStoreDocumentEligibility], extensions: boundedListCost(10), description: 'The five documents, in order, each with its own answer.', resolve: (r) => r.documents }),
    domicileUseRegistrationRequired: t.exposeBoolean('domicileUseRegistrationRequired', {
      description: '本籍 in Sapporo, resident elsewhere: the domicile-group documents need a one-time use registration (利用登録申請) at a kiosk first.',
    }),
    remedies: t.field({
      type: [Procedure],
      extensions: boundedListCost(PROCEDURE_KINDS.length),
      description: 'Procedures that cure the refusals: RENEWAL for CERTIFICATE_EXPIRED, then PIN_RESET for PIN_LOCKED; ask `offices(residentWard:)` where.',
      resolve: (r, _args, ctx) => r.remedies.map((kind) => present(ctx.loaders.procedure.load(kind), `procedure ${kind}`)),
    }),
  }),
});

const ConvenienceStoreEligibilityInput = builder.inputType('ConvenienceStoreEligibilityInput', {
  description: 'What a kiosk knows about the resident. Personal data: never cached, never logged. No PIN, no name, no card number.',
  extensions: { personalData: true },
  fields: (t) => ({
    birthDate: t.field({ type: 'Date', required: true, description: 'Date of birth (生年月日), for the age rule.' }),
    userAuthenticationExpiresOn: t.field({
      type: 'Date',
      required: true,
      description: 'Expiry of the user-authentication certificate, as printed on the card or the notice letter; valid through that day.',
    }),
    residentOfSapporo: t.boolean({ defaultValue: true, description: 'Registered as a resident of Sapporo (住民登録).' }),
    domicileInSapporo: t.boolean({ defaultValue: false, description: 'Registered domicile (本籍) in Sapporo.' }),
    pinLocked: t.boolean({ defaultValue: false, description: 'The user-authentication PIN is locked (3 wrong tries). Never send the PIN itself.' }),
    underGuardianship: t.boolean({ defaultValue: false, description: 'Adult under guardianship (成年被後見人).' }),
    asOf: t.field({ type: 'Date', description: 'Day of use; default: today in Asia/Tokyo.' }),
  }),
});

builder.queryFields((t) => ({
  convenienceStoreService: t.field({
    type: ConvenienceStoreService,
    description: 'Convenience-store issuance of certificates (コンビニ交付): documents, conditions, notices, source.',
    resolve: (_root, _args, ctx) => present(Promise.resolve(ctx.queries.convenienceStoreService.get() ?? null), 'the convenience-store service'),
  }),
  convenienceStoreEligibility: t.field({
    type: ConvenienceStoreEligibility,
    description: 'Can this resident use convenience-store issuance on `asOf`? Every reason per document, and the procedures that cure them.',
    args: { input: t.arg({ type: ConvenienceStoreEligibilityInput, required: true, description: 'What the kiosk knows about the resident.' }) },
    resolve: (_root, { input }, ctx) => {
      const rules = ctx.rules();
      return asUserInput('input', () =>
        convenienceStoreEligibility(
          {
            birthDate: input.birthDate,
            userAuthenticationExpiresOn: input.userAuthenticationExpiresOn,
            residentOfSapporo: input.residentOfSapporo ?? true,
            domicileInSapporo: input.domicileInSapporo ?? false,
            pinLocked: input.pinLocked ?? false,
            underGuardianship: input.underGuardianship ?? false,
            asOf: input.asOf ?? ctx.today(),
          },
          rules.convenienceStore,
          rules.validity,
        ),
      );
    },
  }),
}));
