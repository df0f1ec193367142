import type { validityNotes, validityRules } from '../../schema/tables.ts';
import { CITY_PAGE, EDOGAWA_RENEWAL_PAGE, NERIMA_RENEWAL_PAGE, OUR_POLICY, VALIDITY_LAW_FAQ } from './sources.ts';

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
    // The row's values come from several pages; rule_sources names each rule's own.
    sourceId: VALIDITY_LAW_FAQ,
  },
];

// Every note's Japanese is ours (COMPOSED), summarising the rule its source states, and the English
// translates it; the 29 February note states our own policy, says so, and names the age rule beside it.
// `{date}` stands for the day a previous certificate's window opened (YYYY年M月D日 / YYYY-MM-DD).
type NoteRow = typeof validityNotes.$inferInsert;
const note = (code: string, sourceId: string, textJa: string, textEn: string): NoteRow => ({ code, sourceId, textJa, textJaKind: 'COMPOSED', textEn });

const perCertificate = (name: { ja: string; en: string }, prefix: string): NoteRow[] => [
  note(
    `${prefix}_RENEWED_INSIDE_WINDOW`, VALIDITY_LAW_FAQ,
    `前の${name.ja}の有効期間が満了する日までの期間が3か月未満となってから更新を申請したため、新しい${name.ja}の有効期限は発行の日後6回目の誕生日です。`,
    `The ${name.en} was renewed while fewer than 3 months remained on the previous one, so it runs to the 6th birthday after its issue date.`,
  ),
  note(
    `${prefix}_ISSUED_OUTSIDE_RENEWAL_WINDOW`, VALIDITY_LAW_FAQ,
    `前の${name.ja}の有効期間が満了する日までの期間が3か月未満となっている間（更新可能期間の初日から有効期間満了日まで）に申請されなかったため、新しい${name.ja}の有効期限は発行の日後5回目の誕生日です。`,
    `The ${name.en} was not applied for while fewer than 3 months remained on the previous one (from its renewal window's first day to its expiry day), so it runs to the 5th birthday after its issue date.`,
  ),
  note(
    `${prefix}_APPLIED_BEFORE_RENEWAL_WINDOW`, EDOGAWA_RENEWAL_PAGE,
    `前の${name.ja}の更新手続き期間（{date}から）より前に手続きを行ったため、新しい${name.ja}の有効期間は、更新手続き期間内に更新した場合より1年短くなります。`,
    `The application came before the previous ${name.en}'s renewal period (from {date}), so the new ${name.en}'s validity is one year shorter than with a renewal inside that period.`,
  ),
  note(
    `${prefix}_FIRST_ISSUE`, VALIDITY_LAW_FAQ,
    `${name.ja}は更新ではなく新たな発行（前の${name.ja}がない）のため、有効期限は発行の日後5回目の誕生日です。`,
    `The ${name.en} replaced none of its kind (a first issue), so it runs to the 5th birthday after its issue date.`,
  ),
];

export const validityNoteRows: NoteRow[] = [
  note(
    'LEAP_DAY_BIRTHDAY_ASSUMED', OUR_POLICY,
    '2月29日生まれの方の有効期限は、うるう年以外の年の誕生日を2月28日として計算しています。公的個人認証サービスについての公式な定めが見当たらないための本APIの方針（在留カードについて入管法第19条の5が定める扱いに準拠）です。カードまたは有効期限通知書に記載された日付が優先します。一方、年齢（署名用電子証明書とコンビニ交付の15歳）は、年齢計算ニ関スル法律により、うるう年以外の年は3月1日に達します。',
    'Born on 29 February: for the expiry date, the birthday in a common year is taken as 28 February. This is a policy of this API, not an official rule (no official statement was found for the electronic certificates; it follows the rule the Immigration Control Act, Art. 19-5, states for the residence card). The date printed on the card or on the expiry notice letter prevails. An age, on the other hand (15, for the signature certificate and convenience-store issuance), is reached on 1 March in a common year, under the Act on the Calculation of Age.',
  ),
  note(
    'WINDOW_JUDGED_ON_APPLICATION_DATE', VALIDITY_LAW_FAQ,
    '更新可能期間内かどうかは、発行日ではなく発行の申請をした日で判断しています（カードをお預かりし後日郵送でお返しした場合など）。',
    'Whether the renewal was inside the window is judged on the day it was applied for, not the issue day (e.g. when the card was kept and returned by mail later).',
  ),
  note(
    'RENEWED_INSIDE_WINDOW', VALIDITY_LAW_FAQ,
    '前の電子証明書の有効期間が満了する日までの期間が3か月未満となってから更新したため、有効期限は発行の日後6回目の誕生日です。',
    'Renewed while fewer than 3 months remained on the previous certificate, so it runs to the 6th birthday after its issue date.',
  ),
  note(
    'ISSUED_OUTSIDE_RENEWAL_WINDOW', VALIDITY_LAW_FAQ,
    '前の電子証明書の有効期間が満了する日までの期間が3か月未満となっている間（更新可能期間の初日から有効期間満了日まで）に申請されなかったため、有効期限は発行の日後5回目の誕生日です。',
    "The renewal was not applied for while fewer than 3 months remained on the previous certificate (from its renewal window's first day to its expiry day), so it runs to the 5th birthday after its issue date.",
  ),
  note(
    'APPLIED_BEFORE_RENEWAL_WINDOW', EDOGAWA_RENEWAL_PAGE,
    '前の電子証明書の更新手続き期間（{date}から）より前に手続きを行ったため、新しい電子証明書の有効期間は、更新手続き期間内に更新した場合より1年短くなります。',
    "The application came before the previous certificates' renewal period (from {date}), so the new certificates' validity is one year shorter than with a renewal inside that period.",
  ),
  ...perCertificate({ ja: '利用者証明用電子証明書', en: 'user authentication certificate' }, 'USER_AUTHENTICATION'),
  ...perCertificate({ ja: '署名用電子証明書', en: 'signature certificate' }, 'SIGNATURE'),
  note(
    'RENEWAL_WINDOW_OPENS_ON_FIRST_OF_NEXT_MONTH', NERIMA_RENEWAL_PAGE,
    '有効期限満了日の翌日から3か月さかのぼった日が存在しないため、更新手続きは翌月の1日から行うことができます。',
    'The day 3 months before the day after the expiry date does not exist, so renewal is possible from the 1st of the following month.',
  ),
  note(
    'RENEWAL_WINDOW_NOT_YET_OPEN', EDOGAWA_RENEWAL_PAGE,
    '更新手続き期間（{date}から）より前に手続きを行うこともできますが、その場合、新しい電子証明書の有効期間は、更新手続き期間内に更新した場合より1年短くなります。',
    "Applying before the renewal period opens on {date} is possible, but the new certificate's validity is then one year shorter than with a renewal inside the period.",
  ),
  note(
    'EXPIRED_STILL_RENEWABLE', CITY_PAGE,
    '有効期限が過ぎた電子証明書は、更新するまで、それを利用したサービスに使えません（利用者証明用電子証明書では、住民票等証明書のコンビニ交付等）。有効期限が過ぎた後も、お住まいの区の区役所戸籍住民課またはマイナンバーカードセンターで、無料で更新することができます（カード紛失・破損の場合を除く）。',
    'An expired certificate cannot be used for the services that use it until it is renewed (for the user authentication certificate, convenience-store issuance of certificates among them). It can still be renewed after expiry, free of charge (except when the card was lost or damaged), at the Family Register and Resident Division of the ward office of the ward you live in, or at the My Number Card Center.',
  ),
  note(
    'CAPPED_BY_CARD_EXPIRY', CITY_PAGE,
    '電子証明書の有効期限は、マイナンバーカードの有効期限を超えません。このため、有効期限は誕生日による期限より早い、カードの有効期限です。',
    "A certificate's expiry does not go past the My Number Card's expiry: here the card's expiry, earlier than the birthday the rule gives, is the certificate's.",
  ),
  note(
    'CAPPED_BY_USER_AUTHENTICATION', CITY_PAGE,
    '署名用電子証明書の有効期間は、最長で利用者証明用電子証明書と同じ日までです。このため、有効期限は誕生日による期限より早い、利用者証明用電子証明書の有効期限です。',
    "The signature certificate expires at the latest on the same day as the user authentication certificate: here that day, earlier than the birthday the rule gives, is the signature certificate's expiry.",
  ),
  note(
    'SIGNATURE_NOT_ISSUED_UNDER_MINIMUM_AGE', CITY_PAGE,
    '15歳未満（発行日における年齢）の方には、「署名用電子証明書」は発行されません。',
    'The signature certificate is not issued to people under 15 (age on the issue date).',
  ),
  note(
    'SIGNATURE_NOT_ISSUED_UNDER_GUARDIANSHIP', CITY_PAGE,
    '成年被後見人の方には、「署名用電子証明書」は発行されません。',
    'The signature certificate is not issued to adults under guardianship.',
  ),
];
