import { ageOn } from './age.ts';
import type { IsoDate } from './calendar.ts';
import type { ValidityRules } from './rule-values.ts';
import { assertSupportedDate, InvalidValidityInput } from './validity-input.ts';

/** The documents コンビニ交付 prints, in the source's order (docs/domain-rules.md §8). */
export const CONVENIENCE_STORE_DOCUMENT_KINDS = [
  'RESIDENCE_CERTIFICATE',
  'SEAL_REGISTRATION_CERTIFICATE',
  'FAMILY_REGISTER_ATTACHMENT',
  'FAMILY_REGISTER_ALL',
  'FAMILY_REGISTER_INDIVIDUAL',
] as const;
export type ConvenienceStoreDocumentKind = (typeof CONVENIENCE_STORE_DOCUMENT_KINDS)[number];

/** Why a document may not be issued; answers list them in this order. */
export const CONVENIENCE_STORE_REFUSALS = [
  'UNDER_MINIMUM_AGE',
  'UNDER_GUARDIANSHIP',
  'CERTIFICATE_EXPIRED',
  'PIN_LOCKED',
  'NOT_RESIDENT',
  'NOT_DOMICILED',
] as const;
export type ConvenienceStoreRefusal = (typeof CONVENIENCE_STORE_REFUSALS)[number];

export interface ConvenienceStoreDocumentRule {
  kind: ConvenienceStoreDocumentKind;
  /** Only for people registered as residents of the city (住民登録). */
  requiresResidence: boolean;
  /** Only for people whose registered domicile (本籍) is in the city. */
  requiresDomicile: boolean;
}

/** The rule values of docs/domain-rules.md §8 that may change; held in the database. */
export interface ConvenienceStoreRules<Procedure extends string = string> {
  minimumAge: number;
  excludesAdultsUnderGuardianship: boolean;
  /** People with 本籍 in the city who live elsewhere must first make a one-time use registration (利用登録申請). */
  nonResidentsRegisterForDomicileDocuments: boolean;
  /** In the source's order. */
  documents: readonly ConvenienceStoreDocumentRule[];
  /** The procedure that cures a refusal, where one does. */
  remedies: Partial<Record<ConvenienceStoreRefusal, Procedure>>;
}

export interface ConvenienceStoreEligibilityInput {
  birthDate: IsoDate;
  /** As printed on the card or the notice letter; the certificate is valid through this day. */
  userAuthenticationExpiresOn: IsoDate;
  residentOfSapporo: boolean;
  domicileInSapporo: boolean;
  pinLocked: boolean;
  underGuardianship: boolean;
  asOf: IsoDate;
}

export interface DocumentEligibility {
  kind: ConvenienceStoreDocumentKind;
  eligible: boolean;
  refusals: ConvenienceStoreRefusal[];
}

export interface ConvenienceStoreEligibility<Procedure extends string = string> {
  asOf: IsoDate;
  eligible: boolean;
  refusals: ConvenienceStoreRefusal[];
  documents: DocumentEligibility[];
  domicileUseRegistrationRequired: boolean;
  remedies: Procedure[];
}

function validate(input: ConvenienceStoreEligibilityInput): void {
  for (const field of ['birthDate', 'userAuthenticationExpiresOn', 'asOf'] as const) assertSupportedDate(field, input[field]);
  if (input.birthDate > input.asOf) {
    throw new InvalidValidityInput('birthDate', 'birthDate must not be after asOf.');
  }
  if (input.userAuthenticationExpiresOn <= input.birthDate) {
    throw new InvalidValidityInput(
      'userAuthenticationExpiresOn',
      'userAuthenticationExpiresOn must be after birthDate.',
    );
  }
}

/** Refusals that concern the person, whatever the document. */
function personalRefusals(
  input: ConvenienceStoreEligibilityInput,
  rules: ConvenienceStoreRules,
  ageRules: Pick<ValidityRules, 'leapDayAgeInCommonYear'>,
): Set<ConvenienceStoreRefusal> {
  const refusals = new Set<ConvenienceStoreRefusal>();
  if (ageOn(input.birthDate, input.asOf, ageRules) < rules.minimumAge) refusals.add('UNDER_MINIMUM_AGE');
  if (input.underGuardianship && rules.excludesAdultsUnderGuardianship) refusals.add('UNDER_GUARDIANSHIP');
  // Valid through its expiry day: only the day after is too late.
  if (input.asOf > input.userAuthenticationExpiresOn) refusals.add('CERTIFICATE_EXPIRED');
  if (input.pinLocked) refusals.add('PIN_LOCKED');
  return refusals;
}

const inOrder = (refusals: ReadonlySet<ConvenienceStoreRefusal>) => CONVENIENCE_STORE_REFUSALS.filter((refusal) => refusals.has(refusal));

/**
 * Whether a resident may use convenience-store issuance on `asOf` (docs/domain-rules.md §8): per document,
 * every reason that refuses it; overall, eligible when any document may be issued, else every
 * reason found; and the procedures that cure the reasons, so a kiosk can say where to go.
 * Throws InvalidValidityInput for input the API must reject.
 */
export function convenienceStoreEligibility<Procedure extends string>(
  input: ConvenienceStoreEligibilityInput,
  rules: ConvenienceStoreRules<Procedure>,
  ageRules: Pick<ValidityRules, 'leapDayAgeInCommonYear'>,
): ConvenienceStoreEligibility<Procedure> {
  validate(input);
  const personal = personalRefusals(input, rules, ageRules);
  const documents = rules.documents.map((document): DocumentEligibility => {
    const refusals = new Set(personal);
    if (document.requiresResidence && !input.residentOfSapporo) refusals.add('NOT_RESIDENT');
    if (document.requiresDomicile && !input.domicileInSapporo) refusals.add('NOT_DOMICILED');
    return { kind: document.kind, eligible: refusals.size === 0, refusals: inOrder(refusals) };
  });
  const eligible = documents.some((document) => document.eligible);
  const refusals = eligible ? [] : inOrder(new Set(documents.flatMap((document) => document.refusals)));
  const remedies = [...new Set(refusals.flatMap((refusal) => rules.remedies[refusal] ?? []))];
  return {
    asOf: input.asOf,
    eligible,
    refusals,
    documents,
    domicileUseRegistrationRequired:
      rules.nonResidentsRegisterForDomicileDocuments && input.domicileInSapporo && !input.residentOfSapporo,
    remedies,
  };
}
