import type { certificateTypes, revocationTriggers } from '../../schema/tables.ts';
import { CITY_PAGE, JLIS_PIN_PAGE } from './sources.ts';

const DIGITS = '0123456789';
const UPPER_CASE_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NOT_ISSUED_TO = {
  notIssuedToJa: '※15歳未満の方及び成年被後見人の方には、「署名用電子証明書」は発行されません。',
  notIssuedToEn: 'The signature certificate is not issued to people under 15 or to adults under guardianship.',
};

export const certificateTypeRows: (typeof certificateTypes.$inferInsert)[] = [
  {
    kind: 'USER_AUTHENTICATION', position: 1,
    nameJa: '利用者証明用電子証明書', nameEn: 'User authentication certificate',
    usesJa: 'マイナポータルのログインやコンビニ交付など、本人であることの認証手段として利用',
    usesEn: 'Proving that you are you, e.g. logging in to Mynaportal or getting certificates issued at a convenience store',
    validityJa: '発行日から5回目の誕生日まで',
    validityEn: 'From the issue date until the 5th birthday after it',
    notIssuedToJa: null, notIssuedToEn: null,
    minimumAge: null, excludesAdultsUnderGuardianship: false,
    pinDescriptionJa: '4桁の数字', pinDescriptionEn: 'Four digits',
    pinMinLength: 4, pinMaxLength: 4, pinAllowedCharacters: DIGITS,
    pinRequiresLetter: false, pinRequiresDigit: true, pinLowerCaseConvertedToUpper: false, pinLowerCaseSourceId: null,
    pinLockAfterFailedAttempts: 3,
    sourceId: CITY_PAGE,
  },
  {
    kind: 'SIGNATURE', position: 2,
    nameJa: '署名用電子証明書', nameEn: 'Signature certificate',
    usesJa: 'e-Taxの確定申告など、文書を伴う電子申請で利用',
    usesEn: 'Electronic applications with documents, e.g. filing a tax return with e-Tax',
    validityJa: '発行日から5回目の誕生日(最長で利用者証明用電子証明書と同じ日)まで',
    validityEn: 'From the issue date until the 5th birthday after it (at the latest, the same day as the user authentication certificate)',
    ...NOT_ISSUED_TO,
    minimumAge: 15, excludesAdultsUnderGuardianship: true,
    pinDescriptionJa: '6~16桁の英数字 (英字は大文字のAからZまで、数字は0から9までが利用でき、いずれも1つ以上が必要)',
    pinDescriptionEn: '6 to 16 letters and digits (upper-case A to Z and 0 to 9; at least one of each)',
    pinMinLength: 6, pinMaxLength: 16, pinAllowedCharacters: UPPER_CASE_LETTERS + DIGITS,
    // J-LIS, not the city, states that lower-case letters typed at a terminal are converted to upper case.
    pinRequiresLetter: true, pinRequiresDigit: true, pinLowerCaseConvertedToUpper: true, pinLowerCaseSourceId: JLIS_PIN_PAGE,
    pinLockAfterFailedAttempts: 5,
    sourceId: CITY_PAGE,
  },
];

export const revocationTriggerRows: (typeof revocationTriggers.$inferInsert)[] = [
  {
    certificateKind: 'USER_AUTHENTICATION', position: 1,
    textJa: 'ただし、マイナンバーカードが失効した場合は、利用者証明用電子証明書も同時に失効します。',
    textEn: 'If the My Number Card itself is revoked or expires, the user authentication certificate ends with it.',
  },
  {
    certificateKind: 'SIGNATURE', position: 1,
    textJa: 'ただし、氏名(通称)、住所、生年月日、性別に変更があった場合は有効期間内でも自動的に失効',
    textEn: 'It is revoked automatically, even within its validity, when the name (or registered alias), address, date of birth or sex changes.',
  },
  // The page says this of the user-authentication certificate only; the signature one, which ends at
  // the latest with it (same page), ends with the card too (docs/domain-rules.md §1). Ours, marked so.
  {
    certificateKind: 'SIGNATURE', position: 2,
    textJa: 'マイナンバーカードが失効した場合は、署名用電子証明書も同時に失効します。', textJaKind: 'COMPOSED',
    textEn: 'If the My Number Card itself is revoked or expires, the signature certificate ends with it.',
  },
];
