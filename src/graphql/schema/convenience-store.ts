import {
  convenienceStoreEligibility,
  CONVENIENCE_STORE_REFUSALS,
  CONVENIENCE_STORE_STEPS,
  type ConvenienceStoreEligibility as EligibilityShape,
  type ConvenienceStoreRefusal as ConvenienceStoreRefusalValue,
  type ConvenienceStoreStep as ConvenienceStoreStepValue,
  type DocumentEligibility,
} from '../../domain/convenience-store.ts';
import { PROCEDURE_KINDS } from '../../domain/vocabulary.ts';
import { builder, present, type FieldBuilder } from './builder.ts';
import { ConvenienceStoreDocument, ConvenienceStoreDocumentKind } from './convenience-store-service.ts';
import { boundedListCost } from './field-cost.ts';
import { describedValues } from './enums.ts';
import { asUserInput } from './user-input.ts';
import { Procedure } from './procedure.ts';
import { ruleSourcesField } from './source.ts';
import { noteFields } from './validity-notes.ts';

// Who may use convenience-store issuance on a day, why not, what cures it, and what to do at the
// kiosk first (docs/domain-rules.md §8, docs/api-contract.md §6).

/** Each refusal in words, for the order the descriptions spell out (the printed schema sorts enum values alphabetically). */
const REFUSAL_WORDS: Record<ConvenienceStoreRefusalValue, string> = {
  UNDER_MINIMUM_AGE: 'minimum age',
  UNDER_GUARDIANSHIP: 'guardianship',
  CERTIFICATE_EXPIRED: 'expired',
  PIN_LOCKED: 'PIN locked',
  NOT_RESIDENT: 'not resident',
  NOT_DOMICILED: 'not domiciled',
};

/** The order answers list refusals in, in words: from the one list the computation orders them by. */
const REFUSAL_ORDER_IN_WORDS = CONVENIENCE_STORE_REFUSALS.map((refusal) => REFUSAL_WORDS[refusal]).join(', ');
const IN_ORDER = `in this order: ${REFUSAL_ORDER_IN_WORDS}`;

const REFUSAL_DESCRIPTIONS: Record<ConvenienceStoreRefusalValue, string> = {
  UNDER_MINIMUM_AGE:
    'Under 15 on `asOf` (the age is reached on the birthday; on 1 March for 29 February births in common years). No procedure cures it: it stays in `remainingRefusals`.',
  UNDER_GUARDIANSHIP: 'An adult under guardianship (成年被後見人) may not use the service (※1 成年被後見人を除く). No procedure cures it: it stays in `remainingRefusals`.',
  CERTIFICATE_EXPIRED: 'The user-authentication certificate expired before `asOf` (it is valid through its expiry day); renewal (RENEWAL, free) cures it.',
  PIN_LOCKED: 'The 4-digit PIN of the user-authentication certificate is locked (3 wrong tries); re-initialising it (PIN_RESET) cures it.',
  NOT_RESIDENT: 'Resident-group document, and not registered as a resident of Sapporo (住民登録). No procedure cures it: it stays in `remainingRefusals`.',
  NOT_DOMICILED: 'Domicile-group document, and no registered domicile (本籍) in Sapporo. No procedure cures it: it stays in `remainingRefusals`.',
};

export const ConvenienceStoreRefusal = builder.enumType('ConvenienceStoreRefusal', {
  description: `Why a document may not be issued at a convenience store. Answers list refusals ${IN_ORDER} (${CONVENIENCE_STORE_REFUSALS.join(', ')}): the person first, then the document groups. The printed schema sorts the values alphabetically; the order is this one.`,
  values: describedValues(CONVENIENCE_STORE_REFUSALS, (refusal) => REFUSAL_DESCRIPTIONS[refusal]),
});

const STEP_DESCRIPTIONS: Record<ConvenienceStoreStepValue, string> = {
  USE_REGISTRATION:
    '利用登録申請, the use registration made at the kiosk itself, for the domicile-group documents. The convenience-store page, ※2: 「戸籍証明書・戸籍の附票の写しが必要な場合で、札幌市に本籍をおき、住民登録が札幌市外の方については、利用登録申請をマルチコピー機(キオスク端末)等から行うことで利用することができます。」 (People who need family register certificates or copies of the family register attachment, whose domicile is in Sapporo and who are registered as residents outside Sapporo, can use the service by applying for use registration at a multi-copy machine (kiosk) or similar.)',
};

export const ConvenienceStoreStep = builder.enumType('ConvenienceStoreStep', {
  description: 'A step the resident takes at the kiosk itself before a document can be issued; not a refusal, and `eligible` stays true without it.',
  values: describedValues(CONVENIENCE_STORE_STEPS, (step) => STEP_DESCRIPTIONS[step]),
});

/** The fields the whole answer and each document share, with their descriptions. */
function outlookFields<Answer extends Omit<DocumentEligibility, 'kind'>>(t: FieldBuilder<Answer>, whole: boolean) {
  return {
    eligible: t.boolean({
      description: whole ? 'True when at least one document may be issued on `asOf`; a step in `stepsBeforeUse` may still come first.' : 'Whether this document may be issued on `asOf`; a step in `stepsBeforeUse` may still come first.',
      resolve: (answer) => answer.eligible,
    }),
    refusals: t.field({
      type: [ConvenienceStoreRefusal],
      description: whole
        ? `Empty when \`eligible\`; otherwise every reason found on any document, ${IN_ORDER}.`
        : `All reasons that apply to this document, ${IN_ORDER}; empty when eligible.`,
      resolve: (answer) => answer.refusals,
    }),
    eligibleAfterRemedies: t.boolean({
      resolve: (answer) => answer.eligibleAfterRemedies,
      description: whole
        ? 'Whether doing every procedure in `remedies` makes the resident eligible: false when a refusal no procedure cures stays (age, guardianship, neither 住民登録 nor 本籍 in Sapporo).'
        : 'Whether doing every remedy makes this document issuable: false when a refusal no procedure cures applies to it.',
    }),
    remainingRefusals: t.field({
      type: [ConvenienceStoreRefusal],
      description: whole
        ? `What no procedure cures (UNDER_MINIMUM_AGE, UNDER_GUARDIANSHIP, NOT_RESIDENT, NOT_DOMICILED), ${IN_ORDER}: empty when \`eligibleAfterRemedies\`; otherwise every such reason found on any document.`
        : `The refusals of this document that no procedure cures, ${IN_ORDER}; empty when \`eligibleAfterRemedies\`.`,
      resolve: (answer) => answer.remainingRefusals,
    }),
    stepsBeforeUse: t.field({
      type: [ConvenienceStoreStep],
      description: whole
        ? 'Steps at the kiosk before use, whatever the refusals: USE_REGISTRATION (利用登録申請, ※2) when 本籍 is in Sapporo and 住民登録 elsewhere. `eligible` does not wait for it; a kiosk must not skip it.'
        : 'Steps at the kiosk before this document can be issued, whatever its refusals: USE_REGISTRATION for a domicile-group document when 本籍 is in Sapporo and 住民登録 elsewhere.',
      resolve: (answer) => answer.stepsBeforeUse,
    }),
  };
}

const ConvenienceStoreDocumentEligibility = builder.objectRef<DocumentEligibility>('ConvenienceStoreDocumentEligibility').implement({
  description: 'Whether one document may be issued, every reason it may not, what stays after the remedies, and the steps before use.',
  fields: (t) => ({
    kind: t.field({ type: ConvenienceStoreDocumentKind, description: 'Which document.', resolve: (d) => d.kind }),
    document: t.field({
      type: ConvenienceStoreDocument,
      description: 'The document, with its name.',
      resolve: (d, _args, ctx) => present(ctx.loaders.convenienceStoreDocument.load(d.kind), `convenience-store document ${d.kind}`),
    }),
    ...outlookFields(t as FieldBuilder<DocumentEligibility>, false),
  }),
});

type EligibilityResult = EligibilityShape<'RENEWAL' | 'PIN_RESET'>;

/** The notes an eligibility answer can carry: the 29 February note only. */
const MAX_ELIGIBILITY_NOTES = 1;

const ConvenienceStoreEligibility = builder.objectRef<EligibilityResult>('ConvenienceStoreEligibility').implement({
  description:
    'Whether a resident can use convenience-store issuance on `asOf`; if not, why, what cures it and whether that is enough, and under 15 the day the resident turns 15; the steps at the kiosk before use; notes for the resident. With the sources of the rules applied.',
  fields: (t) => ({
    asOf: t.field({ type: 'Date', description: 'The day of use the answer is for.', resolve: (r) => r.asOf }),
    ...outlookFields(t as FieldBuilder<EligibilityResult>, true),
    documents: t.field({ type: [ConvenienceStoreDocumentEligibility], extensions: boundedListCost(10), description: 'The five documents, in order, each with its own answer.', resolve: (r) => r.documents }),
    domicileUseRegistrationRequired: t.exposeBoolean('domicileUseRegistrationRequired', {
      description: '本籍 in Sapporo, resident elsewhere: the domicile-group documents need a one-time use registration (利用登録申請) at a kiosk first. The same as `stepsBeforeUse` holding USE_REGISTRATION.',
    }),
    remedies: t.field({
      type: [Procedure],
      extensions: boundedListCost(PROCEDURE_KINDS.length),
      description:
        'Procedures that cure refusals, each tied to the refusal it cures and in that order: RENEWAL for CERTIFICATE_EXPIRED, PIN_RESET for PIN_LOCKED. Doing them all may not be enough: see `eligibleAfterRemedies` and `remainingRefusals`. Ask `offices(residentWard:)` where.',
      resolve: (r, _args, ctx) => r.remedies.map((kind) => present(ctx.loaders.procedure.load(kind), `procedure ${kind}`)),
    }),
    minimumAgeReachedOn: t.field({
      type: 'Date',
      nullable: true,
      // Derived from the birth date: personal data, like the input it comes from (operation-facts.ts).
      extensions: { personalData: true },
      description:
        'The day the resident reaches the minimum age (15) and UNDER_MINIMUM_AGE stops refusing: their 15th birthday; for a 29 February birth, 1 March in a common year (年齢計算ニ関スル法律; the note LEAP_DAY_BIRTHDAY_ASSUMED says so). Set exactly when UNDER_MINIMUM_AGE is among `refusals`, null otherwise. Personal data (derived from the birth date): never cached, never logged.',
      resolve: (r) => r.minimumAgeReachedOn,
    }),
    ...noteFields(
      t as FieldBuilder<EligibilityResult>,
      MAX_ELIGIBILITY_NOTES,
      'here only for a 29 February birth: the certificates\' birthday is 28 February in a common year, our policy, while an age is reached on 1 March, the law; so a refusal for age on 28 February does not contradict the card',
    ),
    sources: ruleSourcesField(t as FieldBuilder<EligibilityResult>, 'this answer'),
  }),
});

/** The input's defaults, written once: the schema shows them, and an explicit null means the same. */
const ELIGIBILITY_DEFAULTS = { residentOfSapporo: true, domicileInSapporo: false, pinLocked: false, underGuardianship: false } as const;

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
    residentOfSapporo: t.boolean({ defaultValue: ELIGIBILITY_DEFAULTS.residentOfSapporo, description: 'Registered as a resident of Sapporo (住民登録).' }),
    domicileInSapporo: t.boolean({ defaultValue: ELIGIBILITY_DEFAULTS.domicileInSapporo, description: 'Registered domicile (本籍) in Sapporo.' }),
    pinLocked: t.boolean({ defaultValue: ELIGIBILITY_DEFAULTS.pinLocked, description: 'The user-authentication PIN is locked (3 wrong tries). Never send the PIN itself.' }),
    underGuardianship: t.boolean({ defaultValue: ELIGIBILITY_DEFAULTS.underGuardianship, description: 'Adult under guardianship (成年被後見人).' }),
    asOf: t.field({ type: 'Date', description: 'Day of use; default: today in Asia/Tokyo.' }),
  }),
});

builder.queryField('convenienceStoreEligibility', (t) =>
  t.field({
    type: ConvenienceStoreEligibility,
    description:
      'Can this resident use convenience-store issuance on `asOf`? Every reason per document, the procedures that cure them and whether they suffice, the steps at the kiosk before use, and the sources of the rules.',
    args: { input: t.arg({ type: ConvenienceStoreEligibilityInput, required: true, description: 'What the kiosk knows about the resident.' }) },
    resolve: (_root, { input }, ctx) => {
      const rules = ctx.rules();
      return asUserInput('input', () =>
        convenienceStoreEligibility(
          {
            birthDate: input.birthDate,
            userAuthenticationExpiresOn: input.userAuthenticationExpiresOn,
            residentOfSapporo: input.residentOfSapporo ?? ELIGIBILITY_DEFAULTS.residentOfSapporo,
            domicileInSapporo: input.domicileInSapporo ?? ELIGIBILITY_DEFAULTS.domicileInSapporo,
            pinLocked: input.pinLocked ?? ELIGIBILITY_DEFAULTS.pinLocked,
            underGuardianship: input.underGuardianship ?? ELIGIBILITY_DEFAULTS.underGuardianship,
            asOf: input.asOf ?? ctx.today(),
          },
          rules.convenienceStore,
          rules.validity,
        ),
      );
    },
  }),
);
