// PINs and whether each certificate's rule accepts them, read from docs/domain-rules.md §1: the
// user-authentication PIN is exactly 4 digits; the signature PIN is 6–16 characters from A–Z and
// 0–9 with at least one letter and one digit (upper case: terminals convert lower case first).
// One table for the domain's pattern and for the pattern the API serves.
import type { CertificateKind } from '../../src/domain/vocabulary.ts';

export const PIN_EXAMPLES: Record<CertificateKind, readonly (readonly [pin: string, accepted: boolean])[]> = {
  USER_AUTHENTICATION: [
    ['1234', true],
    ['0000', true],
    ['123', false],
    ['12345', false],
    ['１２３４', false],
    ['12a4', false],
    ['12 4', false],
    ['', false],
    ['1234\n', false],
  ],
  SIGNATURE: [
    ['ABC123', true],
    ['1A2B3C', true],
    ['A1B2C3D4E5F6G7H8', true],
    ['A1B2C', false],
    ['A1B2C3D4E5F6G7H8I', false],
    ['abc123', false],
    ['ABCDEF', false],
    ['123456', false],
    ['ABC１２３', false],
    ['ＡＢＣ123', false],
    ['ＡＢＣ１２３', false],
    ['ABC-123', false],
    ['ABC 123', false],
    ['ABC123\n', false],
  ],
};
