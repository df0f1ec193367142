import type { AppliedRule } from './applied-rules.ts';

/**
 * Codes of the notes a validity computation attaches; their wording and source live in the
 * database (validity_notes), so every code here needs a row there. Listed in the order notes are
 * reported. The RENEWED/ISSUED_OUTSIDE/APPLIED_BEFORE codes without a certificate in their name
 * answer `previousExpiresOn` (one date for both certificates); the per-certificate codes answer the
 * per-certificate fields, so each certificate says which rule gave its validity.
 */
export const VALIDITY_NOTES = [
  'LEAP_DAY_BIRTHDAY_ASSUMED',
  'WINDOW_JUDGED_ON_APPLICATION_DATE',
  'RENEWED_INSIDE_WINDOW',
  'ISSUED_OUTSIDE_RENEWAL_WINDOW',
  'APPLIED_BEFORE_RENEWAL_WINDOW',
  'USER_AUTHENTICATION_RENEWED_INSIDE_WINDOW',
  'USER_AUTHENTICATION_ISSUED_OUTSIDE_RENEWAL_WINDOW',
  'USER_AUTHENTICATION_APPLIED_BEFORE_RENEWAL_WINDOW',
  'USER_AUTHENTICATION_FIRST_ISSUE',
  'SIGNATURE_RENEWED_INSIDE_WINDOW',
  'SIGNATURE_ISSUED_OUTSIDE_RENEWAL_WINDOW',
  'SIGNATURE_APPLIED_BEFORE_RENEWAL_WINDOW',
  'SIGNATURE_FIRST_ISSUE',
  'RENEWAL_WINDOW_OPENS_ON_FIRST_OF_NEXT_MONTH',
  'RENEWAL_WINDOW_NOT_YET_OPEN',
  'EXPIRED_STILL_RENEWABLE',
  'CAPPED_BY_CARD_EXPIRY',
  'CAPPED_BY_USER_AUTHENTICATION',
  'SIGNATURE_NOT_ISSUED_UNDER_MINIMUM_AGE',
  'SIGNATURE_NOT_ISSUED_UNDER_GUARDIANSHIP',
] as const;

export type ValidityNote = (typeof VALIDITY_NOTES)[number];

/**
 * Notes a renewal window carries on itself only, never among a validity answer's own: each window
 * names its own opening day, and each certificate expires on its own.
 */
export const WINDOW_ONLY_NOTES: readonly ValidityNote[] = ['RENEWAL_WINDOW_NOT_YET_OPEN', 'EXPIRED_STILL_RENEWABLE'];

/**
 * The rules each note states, so that a note names the sources of all of them (the 29 February note
 * states our policy for the birthday and the law for the age), as an answer names those of every
 * rule it applied (docs/domain-rules.md §10). The page a note's wording follows is one of them.
 */
export const NOTE_RULES: Readonly<Record<ValidityNote, readonly AppliedRule[]>> = {
  LEAP_DAY_BIRTHDAY_ASSUMED: ['LEAP_DAY_BIRTHDAY', 'LEAP_DAY_AGE'],
  WINDOW_JUDGED_ON_APPLICATION_DATE: ['APPLICATION_DAY_DECIDES_WINDOW'],
  RENEWED_INSIDE_WINDOW: ['RENEWAL_INSIDE_WINDOW_BIRTHDAYS'],
  ISSUED_OUTSIDE_RENEWAL_WINDOW: ['VALIDITY_BIRTHDAYS'],
  APPLIED_BEFORE_RENEWAL_WINDOW: ['APPLICATION_BEFORE_RENEWAL_WINDOW'],
  USER_AUTHENTICATION_RENEWED_INSIDE_WINDOW: ['RENEWAL_INSIDE_WINDOW_BIRTHDAYS'],
  USER_AUTHENTICATION_ISSUED_OUTSIDE_RENEWAL_WINDOW: ['VALIDITY_BIRTHDAYS'],
  USER_AUTHENTICATION_APPLIED_BEFORE_RENEWAL_WINDOW: ['APPLICATION_BEFORE_RENEWAL_WINDOW'],
  USER_AUTHENTICATION_FIRST_ISSUE: ['VALIDITY_BIRTHDAYS'],
  SIGNATURE_RENEWED_INSIDE_WINDOW: ['RENEWAL_INSIDE_WINDOW_BIRTHDAYS'],
  SIGNATURE_ISSUED_OUTSIDE_RENEWAL_WINDOW: ['VALIDITY_BIRTHDAYS'],
  SIGNATURE_APPLIED_BEFORE_RENEWAL_WINDOW: ['APPLICATION_BEFORE_RENEWAL_WINDOW'],
  SIGNATURE_FIRST_ISSUE: ['VALIDITY_BIRTHDAYS'],
  // The window's first day (the city's page), on the 1st of the next month when it does not exist (Nerima City).
  RENEWAL_WINDOW_OPENS_ON_FIRST_OF_NEXT_MONTH: ['RENEWAL_WINDOW', 'RENEWAL_WINDOW_MISSING_DAY'],
  // One year shorter (Edogawa City), and the day the window opens (the city's page).
  RENEWAL_WINDOW_NOT_YET_OPEN: ['APPLICATION_BEFORE_RENEWAL_WINDOW', 'RENEWAL_WINDOW'],
  // Services stop until renewal, and renewal is free (both the city's page).
  EXPIRED_STILL_RENEWABLE: ['CONVENIENCE_STORE_CERTIFICATE_EXPIRY', 'RENEWAL_FEE'],
  CAPPED_BY_CARD_EXPIRY: ['CAPPED_BY_CARD_EXPIRY'],
  CAPPED_BY_USER_AUTHENTICATION: ['CAPPED_BY_USER_AUTHENTICATION'],
  SIGNATURE_NOT_ISSUED_UNDER_MINIMUM_AGE: ['SIGNATURE_ISSUANCE_LIMITS'],
  SIGNATURE_NOT_ISSUED_UNDER_GUARDIANSHIP: ['SIGNATURE_ISSUANCE_LIMITS'],
};
