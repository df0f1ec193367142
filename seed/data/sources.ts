import type { sources } from '../../schema/tables.ts';

export const CITY_PAGE = 'sapporo-jpki-page';
export const CARD_CENTER_PAGE = 'sapporo-teine-card-center-page';
export const JLIS_PIN_PAGE = 'jlis-pin-page';
export const VALIDITY_LAW_FAQ = 'higashimurayama-validity-faq';

export const sourceRows: (typeof sources.$inferInsert)[] = [
  {
    id: CITY_PAGE,
    titleJa: 'マイナンバーカードの電子証明書（有効期限・更新・暗証番号の初期化）',
    titleEn: 'Electronic certificates on the My Number Card (expiry, renewal, PIN re-initialisation)',
    publisherJa: '札幌市',
    publisherEn: 'City of Sapporo',
    url: null,
  },
  {
    id: CARD_CENTER_PAGE,
    titleJa: '札幌市マイナンバーカードセンター（手稲区のページ）',
    titleEn: 'Sapporo My Number Card Center (Teine Ward page)',
    publisherJa: '札幌市手稲区',
    publisherEn: 'City of Sapporo, Teine Ward',
    url: null,
  },
  {
    id: JLIS_PIN_PAGE,
    titleJa: '公的個人認証サービス ポータルサイト：暗証番号について',
    titleEn: 'JPKI portal: about PINs',
    publisherJa: '地方公共団体情報システム機構（J-LIS）',
    publisherEn: 'Japan Agency for Local Authority Information Systems (J-LIS)',
    url: 'https://www2.jpki.go.jp/procedure/password.html',
  },
  {
    id: VALIDITY_LAW_FAQ,
    titleJa: '電子証明書の有効期間（法令の規定を説明する市町村のFAQ）',
    titleEn: 'Validity of the electronic certificates (a municipal FAQ restating the legal rule)',
    publisherJa: '東村山市',
    publisherEn: 'Higashimurayama City',
    url: null,
  },
];
