/**
 * The order of the convenience-store refusals, in the words docs/domain-rules.md §8 and the
 * schema's descriptions use, each with its enum value: written once for the tests that hold the
 * schema, the contract and the kiosk guide to it.
 */
export const REFUSAL_WORDS: Readonly<Record<string, string>> = {
  'minimum age': 'UNDER_MINIMUM_AGE',
  guardianship: 'UNDER_GUARDIANSHIP',
  expired: 'CERTIFICATE_EXPIRED',
  'PIN locked': 'PIN_LOCKED',
  'not resident': 'NOT_RESIDENT',
  'not domiciled': 'NOT_DOMICILED',
};
