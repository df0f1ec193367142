import { EVERY_ROW } from '../../db/loaders.ts';
import { pinPattern } from '../../domain/pin.ts';
import type { CertificateTypeRow } from '../../db/queries.ts';
import { CERTIFICATE_KINDS } from '../../domain/vocabulary.ts';
import { builder, present, type FieldBuilder } from './builder.ts';
import { boundedListCost } from './field-cost.ts';
import { CertificateKind } from './enums.ts';
import { localized, localizedOrNull, LocalizedText, localizedRows } from './localized-text.ts';
import { registerNodeLoader } from './node.ts';
import { MAX_RULE_SOURCES, Source, sourceField, sourceOf, sourcesOfRules } from './source.ts';

const PinRule = builder.objectRef<CertificateTypeRow>('PinRule').implement({
  description:
    'The rule a PIN (暗証番号) must follow, as data, so a client can check a PIN where it is typed. The API itself never accepts a PIN.',
  fields: (t) => ({
    description: t.field({ type: LocalizedText, description: 'The rule in words, as the source states it.', resolve: (c) => localized(c.pinDescriptionJa, c.pinDescriptionEn) }),
    minLength: t.exposeInt('pinMinLength', { description: 'Fewest characters.' }),
    maxLength: t.exposeInt('pinMaxLength', { description: 'Most characters.' }),
    allowedCharacters: t.exposeString('pinAllowedCharacters', { description: 'Every character a PIN may contain, e.g. "0123456789".' }),
    requiresLetter: t.exposeBoolean('pinRequiresLetter', { description: 'Whether at least one letter (A-Z) is required.' }),
    requiresDigit: t.exposeBoolean('pinRequiresDigit', { description: 'Whether at least one digit (0-9) is required.' }),
    lowerCaseConvertedToUpperCase: t.exposeBoolean('pinLowerCaseConvertedToUpper', {
      description: 'Whether terminals convert lower-case letters typed to upper case (J-LIS); `pattern` checks the converted PIN.',
      extensions: { sourcedBy: 'lowerCaseConversionSource' },
    }),
    lowerCaseConversionSource: t.field({
      type: Source,
      nullable: true,
      description: 'Who states the lower-case conversion: J-LIS, not the city; null when `lowerCaseConvertedToUpperCase` is false.',
      resolve: (c, _args, ctx) => (c.pinLowerCaseSourceId === null ? null : sourceOf(ctx, c.pinLowerCaseSourceId)),
    }),
    pattern: t.string({
      description: 'An anchored ECMAScript regular expression (no flags) that accepts exactly the valid PINs.',
      resolve: (c) =>
        pinPattern({
          minLength: c.pinMinLength,
          maxLength: c.pinMaxLength,
          allowedCharacters: c.pinAllowedCharacters,
          requiresLetter: c.pinRequiresLetter,
          requiresDigit: c.pinRequiresDigit,
        }),
    }),
    lockAfterFailedAttempts: t.exposeInt('pinLockAfterFailedAttempts', {
      description: 'Consecutive wrong PINs after which the certificate locks; re-initialising the PIN releases the lock.',
    }),
  }),
});

export const CertificateType = builder.node(builder.objectRef<CertificateTypeRow>('CertificateType'), {
  description: 'One of the two electronic certificates (電子証明書), with its PIN rule and validity rule.',
  id: { resolve: (c) => c.kind },
  fields: (t) => ({
    kind: t.field({ type: CertificateKind, description: 'Which certificate.', resolve: (c) => c.kind }),
    name: t.field({ type: LocalizedText, description: 'Official name.', resolve: (c) => localized(c.nameJa, c.nameEn) }),
    uses: t.field({ type: LocalizedText, description: 'What it is used for (用途).', resolve: (c) => localized(c.usesJa, c.usesEn) }),
    validity: t.field({ type: LocalizedText, description: 'Its validity period in words (有効期間).', resolve: (c) => localized(c.validityJa, c.validityEn) }),
    pinRule: t.field({ type: PinRule, description: 'The rule its PIN follows.', resolve: (c) => c }),
    validityBirthdays: t.int({
      description: 'Valid until this birthday after the issue date; a renewal inside the window gets `renewalValidityBirthdays`.',
      resolve: (_c, _args, ctx) => ctx.rules().validity.validityBirthdays,
    }),
    renewalValidityBirthdays: t.int({
      description: 'Birthdays of validity when renewed inside the previous certificate\'s renewal window. The city\'s page does not state it: `renewalValiditySources` does.',
      extensions: { sourcedBy: 'renewalValiditySources' },
      resolve: (_c, _args, ctx) => ctx.rules().validity.renewalValidityBirthdays,
    }),
    renewalValiditySources: t.field({
      type: [Source],
      extensions: boundedListCost(MAX_RULE_SOURCES),
      description: 'Where `renewalValidityBirthdays` comes from: the legal rule as the Higashimurayama FAQ restates it, and Akita Prefecture\'s page.',
      resolve: (_c, _args, ctx) => sourcesOfRules(ctx, ['RENEWAL_INSIDE_WINDOW_BIRTHDAYS']),
    }),
    minimumAge: t.exposeInt('minimumAge', { nullable: true, description: 'Not issued below this age on the issue date; null when no age is required.' }),
    issuedToAdultsUnderGuardianship: t.boolean({
      description: 'Whether it is issued to adults under guardianship (成年被後見人).',
      resolve: (c) => !c.excludesAdultsUnderGuardianship,
    }),
    notIssuedTo: t.field({
      type: LocalizedText,
      nullable: true,
      description: 'Who it is not issued to, as the source says; null when it is issued to everyone.',
      resolve: (c) => localizedOrNull(c.notIssuedToJa, c.notIssuedToEn),
    }),
    revokedWhen: t.field({
      type: [LocalizedText],
      extensions: boundedListCost(10),
      description: 'Events that end it before its expiry date (失効).',
      resolve: async (c, _args, ctx) => localizedRows(await ctx.loaders.revocationTriggers.load(c.kind)),
    }),
    source: sourceField(t as FieldBuilder<CertificateTypeRow>),
  }),
});

registerNodeLoader('CertificateType', (ctx, key) => ctx.loaders.certificateType.load(key as CertificateTypeRow['kind']));

builder.queryFields((t) => ({
  certificateTypes: t.field({
    type: [CertificateType],
    extensions: boundedListCost(CERTIFICATE_KINDS.length),
    description: 'Both certificate types, user authentication first.',
    resolve: (_root, _args, ctx) => ctx.loaders.allCertificateTypes.load(EVERY_ROW),
  }),
  certificateType: t.field({
    type: CertificateType,
    description: 'One certificate type by kind.',
    args: { kind: t.arg({ type: CertificateKind, required: true, description: 'Which certificate.' }) },
    resolve: (_root, args, ctx) => present(ctx.loaders.certificateType.load(args.kind), `certificate type ${args.kind}`),
  }),
}));
