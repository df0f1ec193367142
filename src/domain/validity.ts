import { ageOn, isLeapDay, nthBirthdayAfter } from './age.ts';
import { inRuleOrder, type AppliedRule } from './applied-rules.ts';
import type { IsoDate } from './calendar.ts';
import { renewalPhase, renewalWindow, type RenewalPhase, type RenewalWindow } from './renewal.ts';
import { applicationDayDecided, earlyApplicationShortens, renewalBasis, type RenewalBasis } from './renewal-basis.ts';
import type { CertificateIssuanceRules, ValidityRules } from './rule-values.ts';
import { validateValidityInput, type ValidityInput } from './validity-input.ts';
import { VALIDITY_NOTES, WINDOW_ONLY_NOTES, type ValidityNote } from './validity-notes.ts';
import type { CertificateKind } from './vocabulary.ts';

export type { CertificateKind } from './vocabulary.ts';

export type CertificateStatus = 'NOT_ISSUABLE' | 'NOT_YET_ISSUED' | 'VALID' | 'RENEWABLE' | 'EXPIRED';

export interface CertificateOutcome {
  kind: CertificateKind;
  issuable: boolean;
  expiresOn: IsoDate | null;
  birthdayCount: number | null;
  status: CertificateStatus;
  renewal: RenewalWindow | null;
  /** The rules that decided this certificate (its renewal window's included), for its sources. */
  rules: AppliedRule[];
}

export interface ValidityOutcome {
  asOf: IsoDate;
  userAuthentication: CertificateOutcome;
  signature: CertificateOutcome;
  notes: ValidityNote[];
  /** The date a note's wording names (`{date}`): the day a previous certificate's window opened. */
  noteDates: Partial<Record<ValidityNote, IsoDate>>;
  /** Every rule applied, for the sources of the whole answer. */
  rules: AppliedRule[];
}

/** An issued certificate's status is its renewal window's phase, seen from the holder. */
const STATUS_IN_PHASE: Readonly<Record<RenewalPhase, CertificateStatus>> = { NOT_YET_OPEN: 'VALID', OPEN: 'RENEWABLE', EXPIRED_STILL_RENEWABLE: 'EXPIRED' };

export function certificateStatus(
  issuedOn: IsoDate,
  renewal: Pick<RenewalWindow, 'expiresOn' | 'opensOn'> | null,
  asOf: IsoDate,
): CertificateStatus {
  if (renewal === null) return 'NOT_ISSUABLE';
  if (asOf < issuedOn) return 'NOT_YET_ISSUED';
  return STATUS_IN_PHASE[renewalPhase(renewal.expiresOn, renewal.opensOn, asOf)];
}

type NotIssuableReason = 'UNDER_MINIMUM_AGE' | 'UNDER_GUARDIANSHIP' | 'NO_USER_AUTHENTICATION';

// Only the signature certificate excludes anyone under the law; a reason without a code here
// (possible only with other rule data) makes the certificate not issuable without a note.
const NOT_ISSUED_NOTES: Record<CertificateKind, Partial<Record<NotIssuableReason, ValidityNote>>> = {
  USER_AUTHENTICATION: {},
  SIGNATURE: {
    UNDER_MINIMUM_AGE: 'SIGNATURE_NOT_ISSUED_UNDER_MINIMUM_AGE',
    UNDER_GUARDIANSHIP: 'SIGNATURE_NOT_ISSUED_UNDER_GUARDIANSHIP',
  },
};

function notIssuableReasons(
  input: ValidityInput,
  rules: ValidityRules,
  issuance: CertificateIssuanceRules,
): NotIssuableReason[] {
  const reasons: NotIssuableReason[] = [];
  if (issuance.minimumAge !== null && ageOn(input.birthDate, input.issuedOn, rules) < issuance.minimumAge) {
    reasons.push('UNDER_MINIMUM_AGE');
  }
  if (input.underGuardianship && issuance.excludesAdultsUnderGuardianship) reasons.push('UNDER_GUARDIANSHIP');
  return reasons;
}

interface Cap {
  expiresOn: IsoDate | null;
  note: ValidityNote;
  rule: AppliedRule;
}

/** What the computation found on its way: the notes, and the dates they name. */
interface Findings {
  notes: Set<ValidityNote>;
  noteDates: Partial<Record<ValidityNote, IsoDate>>;
}

/** The rules an age judgement applies: the minimum age itself, and 1 March for 29 February births. */
function ageRules(input: ValidityInput, issuance: CertificateIssuanceRules): AppliedRule[] {
  if (issuance.minimumAge === null && !issuance.excludesAdultsUnderGuardianship) return [];
  return ['SIGNATURE_ISSUANCE_LIMITS', ...(issuance.minimumAge !== null && isLeapDay(input.birthDate) ? (['LEAP_DAY_AGE'] as const) : [])];
}

interface Judgement {
  reasons: readonly NotIssuableReason[];
  /** The rules the issuance judgement applied (the age and guardianship limits), issued or not. */
  rules: readonly AppliedRule[];
}

function certificateOutcome(
  kind: CertificateKind,
  judgement: Judgement,
  input: ValidityInput,
  rules: ValidityRules,
  basis: RenewalBasis,
  caps: readonly Cap[],
  found: Findings,
): CertificateOutcome {
  if (judgement.reasons.length > 0) {
    for (const reason of judgement.reasons) {
      const note = NOT_ISSUED_NOTES[kind][reason];
      if (note !== undefined) found.notes.add(note);
    }
    return { kind, issuable: false, expiresOn: null, birthdayCount: null, status: 'NOT_ISSUABLE', renewal: null, rules: inRuleOrder(judgement.rules) };
  }
  for (const note of basis.notes) found.notes.add(note);
  if (basis.dated !== null) found.noteDates[basis.dated.note] = basis.dated.date;
  const { birthdayCount } = basis;
  let expiresOn = nthBirthdayAfter(input.birthDate, input.issuedOn, birthdayCount, rules);
  // Only the cap that actually shortens the validity is worth a note.
  let binding: Cap | null = null;
  for (const cap of caps) {
    if (cap.expiresOn !== null && cap.expiresOn < expiresOn) {
      expiresOn = cap.expiresOn;
      binding = cap;
    }
  }
  if (binding !== null) found.notes.add(binding.note);
  // What the window may claim depends on the card (docs/domain-rules.md §3): one that ends with the
  // certificate or before caps its successor too, and one expired by asOf takes no renewal.
  const cardOutlives = input.cardExpiresOn === null || input.cardExpiresOn > expiresOn;
  const renewal = renewalWindow(expiresOn, input.asOf, rules, {
    // An application on asOf is issued that day at the earliest.
    earlyApplicationShorter: () => input.asOf >= input.issuedOn && earlyApplicationShortens(input, input.asOf, rules),
    renewableAfterExpiry: cardOutlives && (input.cardExpiresOn === null || input.cardExpiresOn >= input.asOf),
  });
  // The window's rules are the certificate's, so its sources and the answer's name every page the
  // window cites; the notes that speak of one window's own days stay on it.
  for (const note of renewal.notes) if (!WINDOW_ONLY_NOTES.includes(note)) found.notes.add(note);
  const leapDay: AppliedRule[] = isLeapDay(input.birthDate) ? ['LEAP_DAY_BIRTHDAY'] : [];
  return {
    kind,
    issuable: true,
    expiresOn,
    birthdayCount,
    status: certificateStatus(input.issuedOn, renewal, input.asOf),
    renewal,
    rules: inRuleOrder([...judgement.rules, ...basis.rules, ...leapDay, ...(binding === null ? [] : [binding.rule]), ...renewal.rules]),
  };
}

/**
 * Expiry, status and renewal window of both certificates issued together on `input.issuedOn`
 * (docs/domain-rules.md §2–3, §9). Throws InvalidValidityInput for input the API must reject.
 */
export function computeValidity(
  input: ValidityInput,
  rules: ValidityRules,
  issuance: Record<CertificateKind, CertificateIssuanceRules>,
): ValidityOutcome {
  validateValidityInput(input);
  const found: Findings = { notes: new Set(), noteDates: {} };
  if (isLeapDay(input.birthDate)) found.notes.add('LEAP_DAY_BIRTHDAY_ASSUMED');

  if (applicationDayDecided(input)) found.notes.add('WINDOW_JUDGED_ON_APPLICATION_DATE');
  const cardCap: Cap = { expiresOn: input.cardExpiresOn, note: 'CAPPED_BY_CARD_EXPIRY', rule: 'CAPPED_BY_CARD_EXPIRY' };

  const userAuthentication = certificateOutcome(
    'USER_AUTHENTICATION',
    { reasons: notIssuableReasons(input, rules, issuance.USER_AUTHENTICATION), rules: ageRules(input, issuance.USER_AUTHENTICATION) },
    input,
    rules,
    renewalBasis('USER_AUTHENTICATION', input, rules),
    [cardCap],
    found,
  );

  // The signature certificate may not outlive the user-authentication one, so it cannot exist without it.
  const signatureReasons = notIssuableReasons(input, rules, issuance.SIGNATURE);
  if (!userAuthentication.issuable) signatureReasons.push('NO_USER_AUTHENTICATION');
  const signature = certificateOutcome(
    'SIGNATURE',
    { reasons: signatureReasons, rules: ageRules(input, issuance.SIGNATURE) },
    input,
    rules,
    renewalBasis('SIGNATURE', input, rules),
    [cardCap, { expiresOn: userAuthentication.expiresOn, note: 'CAPPED_BY_USER_AUTHENTICATION', rule: 'CAPPED_BY_USER_AUTHENTICATION' }],
    found,
  );

  const notes = VALIDITY_NOTES.filter((note) => found.notes.has(note));
  return {
    asOf: input.asOf,
    userAuthentication,
    signature,
    notes,
    noteDates: found.noteDates,
    rules: inRuleOrder([...userAuthentication.rules, ...signature.rules, ...(notes.includes('LEAP_DAY_BIRTHDAY_ASSUMED') ? (['LEAP_DAY_BIRTHDAY'] as const) : [])]),
  };
}

