import { nthBirthdayAfter } from './age.ts';
import type { AppliedRule } from './applied-rules.ts';
import type { IsoDate } from './calendar.ts';
import { isInsideRenewalWindow, openingRules, renewalOpening } from './renewal.ts';
import type { ValidityRules } from './rule-values.ts';
import { namesPreviousPerCertificate, type ValidityInput } from './validity-input.ts';
import type { CertificateKind } from './vocabulary.ts';
import type { ValidityNote } from './validity-notes.ts';

/** How many birthdays a newly issued certificate runs to, and the notes and rules that say why. */
export interface RenewalBasis {
  birthdayCount: number;
  /** None for a first issue given with `previousExpiresOn` left out: nothing to explain. */
  notes: ValidityNote[];
  rules: AppliedRule[];
  /** Applied for before the previous certificate's window: the note that says so, and the day that window opened. */
  dated: { note: ValidityNote; date: IsoDate } | null;
}

interface RenewalNotes {
  inside: ValidityNote;
  outside: ValidityNote;
  beforeWindow: ValidityNote;
  firstIssue: ValidityNote | null;
}

const BOTH: RenewalNotes = {
  inside: 'RENEWED_INSIDE_WINDOW',
  outside: 'ISSUED_OUTSIDE_RENEWAL_WINDOW',
  beforeWindow: 'APPLIED_BEFORE_RENEWAL_WINDOW',
  firstIssue: null,
};
const PER_CERTIFICATE: Record<CertificateKind, RenewalNotes> = {
  USER_AUTHENTICATION: {
    inside: 'USER_AUTHENTICATION_RENEWED_INSIDE_WINDOW',
    outside: 'USER_AUTHENTICATION_ISSUED_OUTSIDE_RENEWAL_WINDOW',
    beforeWindow: 'USER_AUTHENTICATION_APPLIED_BEFORE_RENEWAL_WINDOW',
    firstIssue: 'USER_AUTHENTICATION_FIRST_ISSUE',
  },
  SIGNATURE: {
    inside: 'SIGNATURE_RENEWED_INSIDE_WINDOW',
    outside: 'SIGNATURE_ISSUED_OUTSIDE_RENEWAL_WINDOW',
    beforeWindow: 'SIGNATURE_APPLIED_BEFORE_RENEWAL_WINDOW',
    firstIssue: 'SIGNATURE_FIRST_ISSUE',
  },
};

/** The expiry of the certificate of `kind` that this issue replaced, or null when it replaced none. */
function previousExpiryOf(kind: CertificateKind, input: ValidityInput): IsoDate | null {
  if (!namesPreviousPerCertificate(input)) return input.previousExpiresOn;
  return kind === 'USER_AUTHENTICATION' ? input.previousUserAuthenticationExpiresOn : input.previousSignatureExpiresOn;
}

/**
 * Whether a certificate issued on `issuedOn` for an application before the renewal window ends
 * sooner than a renewal applied for inside the window would (one year sooner by the rule, Edogawa
 * City, docs/domain-rules.md §3). It runs to the 5th birthday after its issue day (docs/domain-rules.md §2: 発行の日後),
 * where a renewal issued that day, or later once the window opened, runs to the 6th after its own;
 * the card caps both. So it ends sooner unless the card ends on or before that 5th birthday, and
 * then both end with the card. A card that ends between the two makes the loss less than the year.
 * The application day decides only whether the window was met (docs/domain-rules.md §9), not this.
 */
export function earlyApplicationShortens(input: Pick<ValidityInput, 'birthDate' | 'cardExpiresOn'>, issuedOn: IsoDate, rules: ValidityRules): boolean {
  return input.cardExpiresOn === null || input.cardExpiresOn > nthBirthdayAfter(input.birthDate, issuedOn, rules.validityBirthdays, rules);
}

/**
 * The 6th-birthday rule, per certificate (docs/domain-rules.md §9): a certificate earns the longer validity
 * only when it replaces a certificate of its own kind and the renewal was applied for inside that
 * certificate's window. The application day decides, which is the issue day unless the card was
 * kept and returned by mail later. Applied for before the window opened, it is no renewal: one year
 * shorter, which the answer says with the day the window opened (Edogawa City, docs/domain-rules.md §3),
 * unless the card ends the early certificate as it would have ended a renewal inside the window (earlyApplicationShortens).
 */
export function renewalBasis(kind: CertificateKind, input: ValidityInput, rules: ValidityRules): RenewalBasis {
  const notes = namesPreviousPerCertificate(input) ? PER_CERTIFICATE[kind] : BOTH;
  const previous = previousExpiryOf(kind, input);
  if (previous === null) {
    return { birthdayCount: rules.validityBirthdays, notes: notes.firstIssue === null ? [] : [notes.firstIssue], rules: ['VALIDITY_BIRTHDAYS'], dated: null };
  }
  const appliedOn = input.appliedOn ?? input.issuedOn;
  const opening = renewalOpening(previous, rules);
  const window = openingRules(opening);
  const judged: AppliedRule[] = [...window.rules, ...(applicationDayDecided(input) ? (['APPLICATION_DAY_DECIDES_WINDOW'] as const) : [])];
  if (isInsideRenewalWindow(previous, appliedOn, opening)) {
    return { birthdayCount: rules.renewalValidityBirthdays, notes: [notes.inside, ...window.notes], rules: ['RENEWAL_INSIDE_WINDOW_BIRTHDAYS', ...judged], dated: null };
  }
  if (appliedOn < opening.opensOn && earlyApplicationShortens(input, input.issuedOn, rules)) {
    return {
      birthdayCount: rules.validityBirthdays,
      notes: [notes.outside, notes.beforeWindow, ...window.notes],
      rules: ['VALIDITY_BIRTHDAYS', 'APPLICATION_BEFORE_RENEWAL_WINDOW', ...judged],
      dated: { note: notes.beforeWindow, date: opening.opensOn },
    };
  }
  return { birthdayCount: rules.validityBirthdays, notes: [notes.outside, ...window.notes], rules: ['VALIDITY_BIRTHDAYS', ...judged], dated: null };
}

/** Whether an application day other than the issue day decided a renewal window. */
export function applicationDayDecided(input: ValidityInput): boolean {
  const renews = input.previousExpiresOn !== null || namesPreviousPerCertificate(input);
  return renews && input.appliedOn !== null && input.appliedOn !== input.issuedOn;
}
