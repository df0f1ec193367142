import type { convenienceStoreDocuments, convenienceStoreRemedies, convenienceStoreServices, convenienceStoreTexts } from '../../schema/tables.ts';
import { CONVENIENCE_STORE_PAGE } from './sources.ts';

// From the city's コンビニ交付 page (its opening only): hours, fees and store chains are not in the
// stored text, so they stay null rather than guessed.
export const convenienceStoreServiceRows: (typeof convenienceStoreServices.$inferInsert)[] = [
  {
    id: 1,
    nameJa: '証明書のコンビニ交付サービス',
    nameEn: 'Convenience-store issuance of certificates',
    descriptionJa:
      'マイナンバーカード(個人番号カード)またはスマホ用電子証明書を搭載したスマートフォンを使用して、全国のコンビニエンスストア等のマルチコピー機(キオスク端末)で住民票の写し、印鑑登録証明書、戸籍の附票の写し、戸籍全部事項証明(戸籍謄本)及び戸籍個人事項証明(戸籍抄本)を取得することができるサービスです。',
    descriptionEn:
      'With a My Number Card, or a smartphone carrying the smartphone certificate, you can get a copy of your residence record, a seal registration certificate, a copy of the family register attachment, and a certificate of all or of individual matters of the family register at multi-copy machines (kiosks) in convenience stores across Japan.',
    minimumAge: 15,
    certificateKind: 'USER_AUTHENTICATION',
    excludesAdultsUnderGuardianship: true,
    nonResidentsRegisterForDomicileDocuments: true,
    hoursJa: null,
    hoursEn: null,
    sourceId: CONVENIENCE_STORE_PAGE,
  },
];

const documents: Omit<typeof convenienceStoreDocuments.$inferInsert, 'sourceId'>[] = [
  { kind: 'RESIDENCE_CERTIFICATE', position: 1, nameJa: '住民票の写し', nameEn: 'Copy of the residence record', requiresResidence: true, requiresDomicile: false },
  { kind: 'SEAL_REGISTRATION_CERTIFICATE', position: 2, nameJa: '印鑑登録証明書', nameEn: 'Seal registration certificate', requiresResidence: true, requiresDomicile: false },
  { kind: 'FAMILY_REGISTER_ATTACHMENT', position: 3, nameJa: '戸籍の附票の写し', nameEn: 'Copy of the family register attachment', requiresResidence: false, requiresDomicile: true },
  {
    kind: 'FAMILY_REGISTER_ALL', position: 4, nameJa: '戸籍全部事項証明(戸籍謄本)',
    nameEn: 'Certificate of all matters of the family register (full copy)', requiresResidence: false, requiresDomicile: true,
  },
  {
    kind: 'FAMILY_REGISTER_INDIVIDUAL', position: 5, nameJa: '戸籍個人事項証明(戸籍抄本)',
    nameEn: 'Certificate of individual matters of the family register (extract)', requiresResidence: false, requiresDomicile: true,
  },
];

export const convenienceStoreDocumentRows: (typeof convenienceStoreDocuments.$inferInsert)[] = documents.map((document) => ({
  ...document,
  sourceId: CONVENIENCE_STORE_PAGE,
}));

const conditions: [string, string][] = [
  ['以下の条件を全て満たす方', 'People who meet all of the following conditions:'],
  ['札幌市に住民登録がある15歳以上の方', 'Aged 15 or over and registered as a resident of Sapporo.'],
  [
    '(戸籍証明書・戸籍の附票の写しが必要な場合は)現在札幌市に本籍をおいている15歳以上の方',
    '(For family register certificates and copies of the family register attachment) aged 15 or over, with your registered domicile (honseki) currently in Sapporo.',
  ],
  [
    'マイナンバーカード(個人番号カード)またはスマホ用電子証明書を搭載したスマートフォンを持っている方',
    'Holding a My Number Card, or a smartphone carrying the smartphone certificate.',
  ],
  ['利用者証明用電子証明書の暗証番号の照合ができる方', 'Able to verify the PIN of the user authentication certificate.'],
  ['※1 成年被後見人を除く', 'Note 1: adults under guardianship excluded.'],
  [
    '※2 戸籍証明書・戸籍の附票の写しが必要な場合で、札幌市に本籍をおき、住民登録が札幌市外の方については、利用登録申請をマルチコピー機(キオスク端末)等から行うことで利用することができます。',
    'Note 2: for family register certificates and copies of the family register attachment, people whose domicile is in Sapporo but who are registered as residents elsewhere can use the service after applying for use registration at a multi-copy machine (kiosk) or similar.',
  ],
];

const notices: [string, string][] = [
  [
    '住基カードによる各種証明書のコンビニ交付サービスは、2025年12月24日(水)をもって終了となります。',
    'Convenience-store issuance of certificates with the Basic Resident Register card (juki card) ends with Wednesday 24 December 2025.',
  ],
  [
    '2025年12月25日以降、住基カードでご利用された場合、キオスク端末等の画面に「ご利用いただけないカードです。市区町村へお問い合わせください。」とメッセージが表示されます。',
    'From 25 December 2025, a kiosk used with a juki card shows the message "This card cannot be used. Please contact your municipality."',
  ],
  ['※2025年12月末で全ての住基カードが有効期限を迎えます。', 'All juki cards expire at the end of December 2025.'],
];

export const convenienceStoreTextRows: (typeof convenienceStoreTexts.$inferInsert)[] = [
  ...conditions.map(([textJa, textEn], index) => ({ category: 'CONDITION' as const, position: index + 1, textJa, textEn, sourceId: CONVENIENCE_STORE_PAGE })),
  ...notices.map(([textJa, textEn], index) => ({ category: 'NOTICE' as const, position: index + 1, textJa, textEn, sourceId: CONVENIENCE_STORE_PAGE })),
];

// An expired user-authentication certificate is renewed (free); a locked PIN is re-initialised.
export const convenienceStoreRemedyRows: (typeof convenienceStoreRemedies.$inferInsert)[] = [
  { refusal: 'CERTIFICATE_EXPIRED', procedure: 'RENEWAL' },
  { refusal: 'PIN_LOCKED', procedure: 'PIN_RESET' },
];
