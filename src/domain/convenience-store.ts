import { ageOn, ageReachedOn, isLeapDay } from './age.ts';
import { inRuleOrder, type AppliedRule } from './applied-rules.ts';
import type { IsoDate } from './calendar.ts';
import type { ValidityRules } from './rule-values.ts';
import { assertSupportedDate, InvalidValidityInput } from './validity-input.ts';
import type { ValidityNote } from './validity-notes.ts';

/** The documents コンビニ交付 prints, in the source's order (docs/domain-rules.md §8). */
export const CONVENIENCE_STORE_DOCUMENT_KINDS = [
  'RESIDENCE_CERTIFICATE',
  'SEAL_REGISTRATION_CERTIFICATE',
  'FAMILY_REGISTER_ATTACHMENT',
  'FAMILY_REGISTER_ALL',
  'FAMILY_REGISTER_INDIVIDUAL',
] as const;
export type ConvenienceStoreDocumentKind = (typeof CONVENIENCE_STORE_DOCUMENT_KINDS)[number];

/**
 * Why a document may not be issued; answers list them in this order (minimum age, guardianship,
 * expired certificate, locked PIN, not resident, not domiciled): the person first, then the groups.
 */
export const CONVENIENCE_STORE_REFUSALS = [
  'UNDER_MINIMUM_AGE',
  'UNDER_GUARDIANSHIP',
  'CERTIFICATE_EXPIRED',
  'PIN_LOCKED',
  'NOT_RESIDENT',
  'NOT_DOMICILED',
] as const;
export type ConvenienceStoreRefusal = (typeof CONVENIENCE_STORE_REFUSALS)[number];

/** What a person does at the kiosk itself before a document can be issued (利用登録申請, ※2 of the page). */
export const CONVENIENCE_STORE_STEPS = ['USE_REGISTRATION'] as const;
export type ConvenienceStoreStep = (typeof CONVENIENCE_STORE_STEPS)[number];

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

/** What an answer (the whole, or one document) says beyond `eligible`. */
interface Outlook {
  eligible: boolean;
  refusals: ConvenienceStoreRefusal[];
  /** Whether doing every remedy of the refusals would make it eligible. */
  eligibleAfterRemedies: boolean;
  /** The refusals no procedure cures (age, guardianship, neither resident nor domiciled). */
  remainingRefusals: ConvenienceStoreRefusal[];
  /** Steps at the kiosk before use, whatever the refusals. */
  stepsBeforeUse: ConvenienceStoreStep[];
}

export interface DocumentEligibility extends Outlook {
  kind: ConvenienceStoreDocumentKind;
}

export interface ConvenienceStoreEligibility<Procedure extends string = string> extends Outlook {
  asOf: IsoDate;
  documents: DocumentEligibility[];
  domicileUseRegistrationRequired: boolean;
  /** The procedures that cure the refusals, one per curable refusal, in the refusals' order. */
  remedies: Procedure[];
  /**
   * The day the resident reaches the minimum age (their 15th birthday; 1 March in a common year for a
   * 29 February birth), when they are under it on `asOf`; null when they are not.
   */
  minimumAgeReachedOn: IsoDate | null;
  /** Notes for the resident: for a 29 February birth, the note that names both of its rules (LEAP_DAY_BIRTHDAY_ASSUMED). */
  notes: ValidityNote[];
  /** The rules the answer applied, for its sources. */
  rules: AppliedRule[];
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

/** One document's answer: its refusals, those no procedure cures, and the steps it needs first. */
function documentOutlook(
  document: ConvenienceStoreDocumentRule,
  personal: ReadonlySet<ConvenienceStoreRefusal>,
  input: ConvenienceStoreEligibilityInput,
  rules: ConvenienceStoreRules,
): DocumentEligibility {
  const found = new Set(personal);
  if (document.requiresResidence && !input.residentOfSapporo) found.add('NOT_RESIDENT');
  if (document.requiresDomicile && !input.domicileInSapporo) found.add('NOT_DOMICILED');
  const refusals = inOrder(found);
  const remainingRefusals = refusals.filter((refusal) => rules.remedies[refusal] === undefined);
  const registers = rules.nonResidentsRegisterForDomicileDocuments && document.requiresDomicile && input.domicileInSapporo && !input.residentOfSapporo;
  return {
    kind: document.kind,
    eligible: refusals.length === 0,
    refusals,
    eligibleAfterRemedies: remainingRefusals.length === 0,
    remainingRefusals,
    stepsBeforeUse: registers ? ['USE_REGISTRATION'] : [],
  };
}

/** Everything found on any document, in order: what the whole answer lists when no document qualifies. */
function union<Value extends string>(order: readonly Value[], lists: readonly (readonly Value[])[]): Value[] {
  const found = new Set(lists.flat());
  return order.filter((value) => found.has(value));
}

/**
 * The notes of an answer: for a 29 February birth, the one that names both of its rules (the certificates'
 * birthday on 28 February, our policy; an age on 1 March, the law), so a refusal on 28 February does
 * not contradict the birthday on the card (docs/domain-rules.md §10).
 */
const notesFor = (input: ConvenienceStoreEligibilityInput): ValidityNote[] => (isLeapDay(input.birthDate) ? ['LEAP_DAY_BIRTHDAY_ASSUMED'] : []);

/**
 * The rules an eligibility answer applies: the page's conditions and the expiry always, the rest when
 * they apply; for a 29 February birth, the age on 1 March and, named by its note, our birthday policy.
 */
function appliedRules(input: ConvenienceStoreEligibilityInput, notes: readonly ValidityNote[], remedied: boolean, stepsNamed: boolean): AppliedRule[] {
  const rules = new Set<AppliedRule>(['CONVENIENCE_STORE_CONDITIONS', 'CONVENIENCE_STORE_CERTIFICATE_EXPIRY']);
  if (isLeapDay(input.birthDate)) rules.add('LEAP_DAY_AGE');
  if (notes.includes('LEAP_DAY_BIRTHDAY_ASSUMED')) rules.add('LEAP_DAY_BIRTHDAY');
  if (stepsNamed) rules.add('CONVENIENCE_STORE_USE_REGISTRATION');
  if (remedied) rules.add('CONVENIENCE_STORE_REMEDIES');
  return inRuleOrder(rules);
}

/**
 * Whether a resident may use convenience-store issuance on `asOf` (docs/domain-rules.md §8): per document,
 * every reason that refuses it; overall, eligible when any document may be issued, else every
 * reason found; the procedures that cure the reasons, so a kiosk can say where to go, and whether
 * doing them all is enough; the steps at the kiosk before use; under the minimum age, the day it is
 * reached; the notes for the resident; and the rules applied.
 * Throws InvalidValidityInput for input the API must reject.
 */
export function convenienceStoreEligibility<Procedure extends string>(
  input: ConvenienceStoreEligibilityInput,
  rules: ConvenienceStoreRules<Procedure>,
  ageRules: Pick<ValidityRules, 'leapDayAgeInCommonYear'>,
): ConvenienceStoreEligibility<Procedure> {
  validate(input);
  const personal = personalRefusals(input, rules, ageRules);
  const documents = rules.documents.map((document) => documentOutlook(document, personal, input, rules));
  const eligible = documents.some((document) => document.eligible);
  const eligibleAfterRemedies = documents.some((document) => document.eligibleAfterRemedies);
  const refusals = eligible ? [] : union(CONVENIENCE_STORE_REFUSALS, documents.map((document) => document.refusals));
  const remedies = [...new Set(refusals.flatMap((refusal) => rules.remedies[refusal] ?? []))];
  const stepsBeforeUse = union(CONVENIENCE_STORE_STEPS, documents.map((document) => document.stepsBeforeUse));
  const notes = notesFor(input);
  return {
    asOf: input.asOf,
    eligible,
    refusals,
    eligibleAfterRemedies,
    remainingRefusals: eligibleAfterRemedies ? [] : union(CONVENIENCE_STORE_REFUSALS, documents.map((document) => document.remainingRefusals)),
    stepsBeforeUse,
    documents,
    domicileUseRegistrationRequired: stepsBeforeUse.includes('USE_REGISTRATION'),
    remedies,
    minimumAgeReachedOn: personal.has('UNDER_MINIMUM_AGE') ? ageReachedOn(input.birthDate, rules.minimumAge, ageRules) : null,
    notes,
    rules: appliedRules(input, notes, remedies.length > 0, stepsBeforeUse.length > 0),
  };
}
