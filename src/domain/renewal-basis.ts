import type { IsoDate } from './calendar.ts';
import { isInsideRenewalWindow } from './renewal.ts';
import type { ValidityRules } from './rule-values.ts';
import { namesPreviousPerCertificate, type ValidityInput } from './validity-input.ts';
import type { CertificateKind } from './vocabulary.ts';
import type { ValidityNote } from './validity-notes.ts';

/** How many birthdays a newly issued certificate runs to, and the note that says why. */
export interface RenewalBasis {
  birthdayCount: number;
  /** Null for a first issue given with `previousExpiresOn` left out: nothing to explain. */
  note: ValidityNote | null;
}

interface RenewalNotes {
  inside: ValidityNote;
  outside: ValidityNote;
  firstIssue: ValidityNote | null;
}

const BOTH: RenewalNotes = { inside: 'RENEWED_INSIDE_WINDOW', outside: 'ISSUED_OUTSIDE_RENEWAL_WINDOW', firstIssue: null };
const PER_CERTIFICATE: Record<CertificateKind, RenewalNotes> = {
  USER_AUTHENTICATION: {
    inside: 'USER_AUTHENTICATION_RENEWED_INSIDE_WINDOW',
    outside: 'USER_AUTHENTICATION_ISSUED_OUTSIDE_RENEWAL_WINDOW',
    firstIssue: 'USER_AUTHENTICATION_FIRST_ISSUE',
  },
  SIGNATURE: {
    inside: 'SIGNATURE_RENEWED_INSIDE_WINDOW',
    outside: 'SIGNATURE_ISSUED_OUTSIDE_RENEWAL_WINDOW',
    firstIssue: 'SIGNATURE_FIRST_ISSUE',
  },
};

/** The expiry of the certificate of `kind` that this issue replaced, or null when it replaced none. */
export function previousExpiryOf(kind: CertificateKind, input: ValidityInput): IsoDate | null {
  if (!namesPreviousPerCertificate(input)) return input.previousExpiresOn;
  return kind === 'USER_AUTHENTICATION' ? input.previousUserAuthenticationExpiresOn : input.previousSignatureExpiresOn;
}

/**
 * The 6th-birthday rule, per certificate (docs/domain-rules.md §9): a certificate earns the longer validity
 * only when it replaces a certificate of its own kind and the renewal was applied for inside that
 * certificate's window. The application day decides, which is the issue day unless the card was
 * kept and returned by mail later.
 */
export function renewalBasis(kind: CertificateKind, input: ValidityInput, rules: ValidityRules): RenewalBasis {
  const notes = namesPreviousPerCertificate(input) ? PER_CERTIFICATE[kind] : BOTH;
  const previous = previousExpiryOf(kind, input);
  if (previous === null) return { birthdayCount: rules.validityBirthdays, note: notes.firstIssue };
  const inside = isInsideRenewalWindow(previous, input.appliedOn ?? input.issuedOn, rules);
  return inside
    ? { birthdayCount: rules.renewalValidityBirthdays, note: notes.inside }
    : { birthdayCount: rules.validityBirthdays, note: notes.outside };
}

/** Whether an application day other than the issue day decided a renewal window. */
export function applicationDayDecided(input: ValidityInput): boolean {
  const renews = input.previousExpiresOn !== null || namesPreviousPerCertificate(input);
  return renews && input.appliedOn !== null && input.appliedOn !== input.issuedOn;
}
