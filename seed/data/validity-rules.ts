import type { validityNotes, validityRules } from '../../schema/tables.ts';
import { VALIDITY_LAW_FAQ } from './sources.ts';

export const validityRuleRows: (typeof validityRules.$inferInsert)[] = [
  {
    id: 1,
    validityBirthdays: 5,
    renewalValidityBirthdays: 6,
    renewalWindowMonths: 3,
    // Policy, not an official JPKI statement: a 29 February birthday is 28 February in common
    // years (the rule 入管法 第19条の5 states for the residence card). Change it here, not in code.
    leapDayBirthdayMonth: 2,
    leapDayBirthdayDay: 28,
    // 民法143条 / 年齢計算ニ関スル法律: someone born on 29 February reaches an age on 1 March.
    leapDayAgeMonth: 3,
    leapDayAgeDay: 1,
    sourceId: VALIDITY_LAW_FAQ,
  },
];

export const validityNoteRows: (typeof validityNotes.$inferInsert)[] = [
  {
    code: 'LEAP_DAY_BIRTHDAY_ASSUMED',
    textJa:
      '2月29日生まれの方の誕生日は、うるう年以外の年は2月28日として計算しています。公的個人認証サービスについての公式な定めが見当たらないための仮定（在留カードについて入管法第19条の5が定める扱いに準拠）です。カードまたは有効期限通知書に記載された日付が優先します。',
    textEn:
      'Born on 29 February: in a common year the birthday is taken as 28 February. This is an assumption (no official statement was found for the electronic certificates; it follows the rule the Immigration Control Act, Art. 19-5, states for the residence card). The date printed on the card or on the expiry notice letter prevails.',
  },
  {
    code: 'RENEWED_INSIDE_WINDOW',
    textJa:
      '前の電子証明書の有効期間が満了する日までの期間が3か月未満となってから更新したため、有効期限は発行の日後6回目の誕生日です。',
    textEn:
      'Renewed while fewer than 3 months remained on the previous certificate, so it runs to the 6th birthday after its issue date.',
  },
  {
    code: 'ISSUED_OUTSIDE_RENEWAL_WINDOW',
    textJa: '前の電子証明書の更新可能期間外に発行されたため、有効期限は発行の日後5回目の誕生日です。',
    textEn:
      'Issued outside the previous certificate\'s renewal window, so it runs to the 5th birthday after its issue date.',
  },
  {
    code: 'CAPPED_BY_CARD_EXPIRY',
    textJa: '電子証明書の有効期限は、マイナンバーカードの有効期限を超えません。',
    textEn: 'A certificate never outlives the My Number Card: its expiry is capped by the card\'s expiry.',
  },
  {
    code: 'CAPPED_BY_USER_AUTHENTICATION',
    textJa: '署名用電子証明書の有効期間は、最長で利用者証明用電子証明書と同じ日までです。',
    textEn: 'The signature certificate expires at the latest on the same day as the user authentication certificate.',
  },
  {
    code: 'SIGNATURE_NOT_ISSUED_UNDER_MINIMUM_AGE',
    textJa: '15歳未満の方には、「署名用電子証明書」は発行されません。',
    textEn: 'The signature certificate is not issued to people under 15 (age on the issue date).',
  },
  {
    code: 'SIGNATURE_NOT_ISSUED_UNDER_GUARDIANSHIP',
    textJa: '成年被後見人の方には、「署名用電子証明書」は発行されません。',
    textEn: 'The signature certificate is not issued to adults under guardianship.',
  },
];
