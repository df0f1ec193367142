import { dateParts, parseIsoDate, type IsoDate } from './calendar.ts';

export interface ValidityInput {
  birthDate: IsoDate;
  issuedOn: IsoDate;
  /** Expiry of both certificates this issue renewed (one date for the two); null when not given this way. */
  previousExpiresOn: IsoDate | null;
  /** Expiry of the user-authentication certificate this issue replaced; null for none. */
  previousUserAuthenticationExpiresOn: IsoDate | null;
  /** Expiry of the signature certificate this issue replaced; null for none (e.g. first issued under 15). */
  previousSignatureExpiresOn: IsoDate | null;
  /** Day the renewal was applied for (発行の申請); null means the issue date. */
  appliedOn: IsoDate | null;
  cardExpiresOn: IsoDate | null;
  underGuardianship: boolean;
  asOf: IsoDate;
}

/** Input a computation refuses; the API turns it into BAD_USER_INPUT naming `field`. */
export class InvalidValidityInput extends Error {
  override name = 'InvalidValidityInput';
  /** The offending input field, e.g. 'birthDate', so the API can name it to the client. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** Dates the computations accept (the API contract): anything else is more likely a typo than a real case. */
const SUPPORTED_YEARS = { first: 1900, last: 2200 } as const;

const DATE_FIELDS = [
  'birthDate',
  'issuedOn',
  'previousExpiresOn',
  'previousUserAuthenticationExpiresOn',
  'previousSignatureExpiresOn',
  'appliedOn',
  'cardExpiresOn',
  'asOf',
] as const;

/** Throws InvalidValidityInput naming `field` unless `value` is a real date within SUPPORTED_YEARS. */
export function assertSupportedDate(field: string, value: IsoDate): void {
  if (parseIsoDate(value) === null) {
    throw new InvalidValidityInput(field, `${field} must be a real calendar date YYYY-MM-DD.`);
  }
  const { year } = dateParts(value);
  if (year < SUPPORTED_YEARS.first || year > SUPPORTED_YEARS.last) {
    throw new InvalidValidityInput(field, `${field} must be between ${SUPPORTED_YEARS.first}-01-01 and ${SUPPORTED_YEARS.last}-12-31.`);
  }
}

/** Whether the previous certificates are named one by one rather than with the single `previousExpiresOn`. */
export function namesPreviousPerCertificate(input: ValidityInput): boolean {
  return input.previousUserAuthenticationExpiresOn !== null || input.previousSignatureExpiresOn !== null;
}

export function validateValidityInput(input: ValidityInput): void {
  for (const field of DATE_FIELDS) {
    const value = input[field];
    if (value !== null) assertSupportedDate(field, value);
  }
  if (input.birthDate > input.issuedOn) {
    throw new InvalidValidityInput('birthDate', 'birthDate must not be after issuedOn.');
  }
  if (input.cardExpiresOn !== null && input.cardExpiresOn < input.issuedOn) {
    throw new InvalidValidityInput(
      'cardExpiresOn',
      'cardExpiresOn must not be before issuedOn.',
    );
  }
  if (input.previousExpiresOn !== null && namesPreviousPerCertificate(input)) {
    throw new InvalidValidityInput(
      'previousExpiresOn',
      'previousExpiresOn names both previous certificates: give it, or previousUserAuthenticationExpiresOn / previousSignatureExpiresOn, not both ways.',
    );
  }
  // docs/domain-rules.md §1: a signature certificate never outlives the user-authentication one.
  if (input.previousSignatureExpiresOn !== null && input.previousUserAuthenticationExpiresOn !== null && input.previousSignatureExpiresOn > input.previousUserAuthenticationExpiresOn) {
    throw new InvalidValidityInput(
      'previousSignatureExpiresOn',
      'previousSignatureExpiresOn must not be after previousUserAuthenticationExpiresOn: a signature certificate never outlives the user-authentication one.',
    );
  }
  if (input.appliedOn !== null && (input.appliedOn > input.issuedOn || input.appliedOn < input.birthDate)) {
    throw new InvalidValidityInput(
      'appliedOn',
      'appliedOn must be between birthDate and issuedOn.',
    );
  }
}
