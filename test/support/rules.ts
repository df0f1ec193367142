// Rule values as docs/domain-rules.md states them, for tests only: in the running API they come from the
// database, and the domain code never assumes them.
import type { ConvenienceStoreRules } from '../../src/domain/convenience-store.ts';
import type { PinRule } from '../../src/domain/pin.ts';
import type { CertificateIssuanceRules, ValidityRules } from '../../src/domain/rule-values.ts';
import type { CertificateKind } from '../../src/domain/vocabulary.ts';

export const domainRules: ValidityRules = {
  validityBirthdays: 5,
  renewalValidityBirthdays: 6,
  renewalWindowMonths: 3,
  leapDayBirthdayInCommonYear: { month: 2, day: 28 },
  leapDayAgeInCommonYear: { month: 3, day: 1 },
};

export const domainIssuance: Record<CertificateKind, CertificateIssuanceRules> = {
  USER_AUTHENTICATION: { minimumAge: null, excludesAdultsUnderGuardianship: false },
  SIGNATURE: { minimumAge: 15, excludesAdultsUnderGuardianship: true },
};

export const domainPinRules: Record<CertificateKind, PinRule> = {
  USER_AUTHENTICATION: {
    minLength: 4,
    maxLength: 4,
    allowedCharacters: '0123456789',
    requiresLetter: false,
    requiresDigit: true,
  },
  SIGNATURE: {
    minLength: 6,
    maxLength: 16,
    allowedCharacters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
    requiresLetter: true,
    requiresDigit: true,
  },
};

export const domainConvenienceStore: ConvenienceStoreRules<'RENEWAL' | 'PIN_RESET'> = {
  minimumAge: 15,
  excludesAdultsUnderGuardianship: true,
  nonResidentsRegisterForDomicileDocuments: true,
  documents: [
    { kind: 'RESIDENCE_CERTIFICATE', requiresResidence: true, requiresDomicile: false },
    { kind: 'SEAL_REGISTRATION_CERTIFICATE', requiresResidence: true, requiresDomicile: false },
    { kind: 'FAMILY_REGISTER_ATTACHMENT', requiresResidence: false, requiresDomicile: true },
    { kind: 'FAMILY_REGISTER_ALL', requiresResidence: false, requiresDomicile: true },
    { kind: 'FAMILY_REGISTER_INDIVIDUAL', requiresResidence: false, requiresDomicile: true },
  ],
  remedies: { CERTIFICATE_EXPIRED: 'RENEWAL', PIN_LOCKED: 'PIN_RESET' },
};
