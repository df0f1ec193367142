import type { procedureItems, procedureOffices, procedures } from '../../schema/tables.ts';
import { CITY_PAGE } from './sources.ts';

// The short names are our labels for the page's sections (COMPOSED), not headings it prints.
export const procedureRows: (typeof procedures.$inferInsert)[] = [
  {
    kind: 'RENEWAL', position: 1, nameJa: '電子証明書の更新', nameJaKind: 'COMPOSED', nameEn: 'Renewal of the electronic certificates',
    feeYen: 0, idDocumentListCode: null, sourceId: CITY_PAGE,
  },
  // The page names no fee for re-initialising a PIN: unknown, so null rather than 0. Its 2nd visit asks for list A.
  {
    kind: 'PIN_RESET', position: 2, nameJa: '暗証番号の初期化・再設定', nameJaKind: 'COMPOSED', nameEn: 'PIN re-initialisation and re-setting',
    feeYen: null, idDocumentListCode: 'A', sourceId: CITY_PAGE,
  },
];

export const procedureOfficeRows: (typeof procedureOffices.$inferInsert)[] = [
  { procedure: 'RENEWAL', officeKind: 'WARD_OFFICE', residenceRule: 'OWN_WARD' },
  { procedure: 'RENEWAL', officeKind: 'CARD_CENTER', residenceRule: 'ANY_RESIDENT' },
  { procedure: 'PIN_RESET', officeKind: 'WARD_OFFICE', residenceRule: 'OWN_WARD' },
  { procedure: 'PIN_RESET', officeKind: 'CARD_CENTER', residenceRule: 'ANY_RESIDENT' },
];

const ACCOMPANIED = {
  textJa: '15歳未満の方や成年被後見人が申請するときは、法定代理人の同行が必要です。',
  textEn: 'Applicants under 15 and adults under guardianship must be accompanied by their legal representative.',
};
const CONGESTION = {
  textJa:
    '電子証明書の更新、暗証番号再設定等の手続のため、電子証明書関連システムへのアクセスが全国的に集中しています。そのため、長時間お待ちいただく場合や、カードをお預かりし後日郵送でお返しする場合がございます。',
  textEn:
    'Access to the certificate systems is concentrated nationwide because of renewals and PIN re-settings, so you may have to wait a long time, or the card may be kept and returned to you by mail later.',
};

export const procedureItemRows: (typeof procedureItems.$inferInsert)[] = [
  {
    procedure: 'RENEWAL', category: 'REQUIREMENT', position: 1,
    textJa: 'マイナンバーカード交付時に設定した暗証番号をご確認のうえ、カードをお住まいの区の区役所戸籍住民課またはマイナンバーカードセンターへお持ちください。',
    textEn: 'Check the PINs you set when the card was issued, and bring the card to the Family Register and Resident Division of the office of the ward you live in, or to the My Number Card Center.',
  },
  {
    procedure: 'RENEWAL', category: 'REQUIREMENT', position: 2,
    textJa: '通知書がご自宅に届きましたら、マイナンバーカード及び通知書記載の必要書類をお持ちのうえ、お住まいの区の区役所の戸籍住民課またはマイナンバーカードセンターへお越しください。',
    textEn: 'When the notice letter reaches your home, come with the card and the documents the letter lists to the Family Register and Resident Division of the office of the ward you live in, or to the My Number Card Center.',
  },
  { procedure: 'RENEWAL', category: 'REQUIREMENT', position: 3, ...ACCOMPANIED },
  {
    procedure: 'RENEWAL', category: 'NOTE', position: 1,
    textJa: '通知書がなくても電子証明書の更新を行うことができます。',
    textEn: 'You can renew the certificates without the notice letter.',
  },
  {
    procedure: 'RENEWAL', category: 'NOTE', position: 2,
    textJa:
      'マイナンバーカード搭載の電子証明書が有効期限を迎える方に、有効期限のお知らせに関する通知書を郵送しております。有効期限が過ぎた場合、住民票等証明書のコンビニ交付等、電子証明書を利用したサービスをご利用いただけなくなります。',
    textEn:
      'People whose certificates on the My Number Card are about to expire are mailed a notice letter. After the expiry date, services that use the certificates, such as convenience-store issuance of residence certificates and other documents, can no longer be used.',
  },
  {
    procedure: 'RENEWAL', category: 'NOTE', position: 3,
    textJa:
      '有効期限を迎える3か月前から順次、通知書を郵送いたしますので、通知書がご自宅に届きましたら、マイナンバーカード及び通知書記載の必要書類をお持ちのうえ、お住まいの区の区役所の戸籍住民課またはマイナンバーカードセンターへお越しください。',
    textEn:
      'The notice letters are mailed in turn from 3 months before the expiry date. When yours arrives, come with the card and the documents the letter lists to the Family Register and Resident Division of the office of the ward you live in, or to the My Number Card Center.',
  },
  {
    procedure: 'RENEWAL', category: 'NOTE', position: 4,
    textJa: 'なお、通知書がお手元にない状態でも、有効期限満了日の翌日からさかのぼって3か月以内であれば、更新手続きが可能です。',
    textEn: 'Even without the notice letter, you can renew within 3 months counted back from the day after the expiry date.',
  },
  {
    procedure: 'RENEWAL', category: 'NOTE', position: 5,
    textJa: '更新手数料は無料です(カード紛失・破損の場合を除く)。また、電子証明書の有効期限が過ぎてしまった場合でも、無料で更新することができます。',
    textEn: 'Renewal is free of charge (except when the card was lost or damaged). It is also free after the certificates have expired.',
  },
  { procedure: 'RENEWAL', category: 'NOTE', position: 6, ...CONGESTION },
  // The page's PIN section never says to bring the card (the PIN is on it): ours, and marked so. Where
  // to go (住民登録している区の区役所戸籍住民課, the card centre) is the procedure's offices, not a requirement.
  {
    procedure: 'PIN_RESET', category: 'REQUIREMENT', position: 1,
    textJa: 'マイナンバーカードをお持ちください。', textJaKind: 'COMPOSED',
    textEn: 'Bring your My Number Card.',
  },
  {
    procedure: 'PIN_RESET', category: 'REQUIREMENT', position: 2,
    textJa: 'ご本人あてに、確認のための照会書を住民登録のある住所へ送付します。',
    textEn: 'An inquiry letter addressed to you, for confirmation, is sent to the address where you are registered as a resident.',
  },
  {
    procedure: 'PIN_RESET', category: 'REQUIREMENT', position: 3,
    textJa: '後日、照会書が届いたら、下記のものを窓口へお持ちください。',
    textEn: 'Later, when the inquiry letter arrives, bring the following to the counter.',
  },
  { procedure: 'PIN_RESET', category: 'REQUIREMENT', position: 4, ...ACCOMPANIED },
  {
    procedure: 'PIN_RESET', category: 'NOTE', position: 1,
    textJa: '手続きの完了まで日数がかかります。',
    textEn: 'The procedure takes several days to complete.',
  },
  {
    procedure: 'PIN_RESET', category: 'NOTE', position: 2,
    textJa: '暗証番号を連続して誤入力(利用者証明用電子証明書は3回、署名用電子証明書は5回)すると、ロックがかかります。暗証番号の初期化をすることで、ロックが解除されます。',
    textEn: 'A PIN locks after consecutive wrong entries (3 for the user authentication certificate, 5 for the signature certificate). Re-initialising the PIN releases the lock.',
  },
  {
    procedure: 'PIN_RESET', category: 'NOTE', position: 3,
    textJa: '※署名用電子証明書の暗証番号の再設定のみ、コンビニで行うことが可能です。ご利用の際は、事前に専用アプリでの認証を行い事前予約が必要となります。',
    textEn:
      'Only the re-setting of the signature certificate PIN can be done at a convenience store. To use it, you need to authenticate beforehand with the dedicated app and make a reservation in advance.',
  },
  { procedure: 'PIN_RESET', category: 'NOTE', position: 4, ...CONGESTION },
];
