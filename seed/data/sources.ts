import type { sources } from '../../schema/tables.ts';

export const CITY_PAGE = 'sapporo-jpki-page';
export const CARD_CENTER_PAGE = 'sapporo-teine-card-center-page';
export const CONVENIENCE_STORE_PAGE = 'sapporo-konbini-kofu-page';
export const JLIS_PIN_PAGE = 'jlis-pin-page';
export const VALIDITY_LAW_FAQ = 'higashimurayama-validity-faq';
export const OUR_POLICY = 'api-policy';

// Titles of the city's pages are the pages' own (verbatim); the others are our descriptions.
export const sourceRows: (typeof sources.$inferInsert)[] = [
  {
    id: CITY_PAGE,
    titleJa: '電子証明書 (公的個人認証サービス)', titleJaKind: 'VERBATIM',
    titleEn: 'Electronic certificates (Public Certification Service for Individuals)',
    publisherJa: '札幌市',
    publisherEn: 'City of Sapporo',
    url: 'https://www.city.sapporo.jp/shimin/koseki/card/jpki.html',
  },
  {
    id: CARD_CENTER_PAGE,
    titleJa: '個人番号(マイナンバー)', titleJaKind: 'VERBATIM',
    titleEn: 'Individual Number (My Number), Teine Ward page: the My Number Card Center',
    publisherJa: '札幌市手稲区',
    publisherEn: 'City of Sapporo, Teine Ward',
    url: 'https://www.city.sapporo.jp/teine/todokede/mynum.html',
  },
  {
    id: CONVENIENCE_STORE_PAGE,
    titleJa: '証明書のコンビニ交付サービス', titleJaKind: 'VERBATIM',
    titleEn: 'Convenience-store issuance of certificates',
    publisherJa: '札幌市',
    publisherEn: 'City of Sapporo',
    url: 'http://www.city.sapporo.jp/shimin/koseki/shomei/konbinikofu.html',
  },
  {
    id: JLIS_PIN_PAGE,
    titleJa: '公的個人認証サービス ポータルサイト：暗証番号について', titleJaKind: 'COMPOSED',
    titleEn: 'JPKI portal: about PINs',
    publisherJa: '地方公共団体情報システム機構（J-LIS）',
    publisherEn: 'Japan Agency for Local Authority Information Systems (J-LIS)',
    url: 'https://www2.jpki.go.jp/procedure/password.html',
  },
  {
    id: VALIDITY_LAW_FAQ,
    titleJa: '電子証明書の有効期間（法令の規定を説明する市町村のFAQ）', titleJaKind: 'COMPOSED',
    titleEn: 'Validity of the electronic certificates (a municipal FAQ restating the legal rule)',
    publisherJa: '東村山市',
    publisherEn: 'Higashimurayama City',
    url: null,
  },
  {
    // Where no official statement exists, the API applies a policy of its own and says so.
    id: OUR_POLICY, kind: 'OUR_POLICY',
    titleJa: '本APIの方針（公式の定めが見当たらない点の扱い）', titleJaKind: 'COMPOSED',
    titleEn: 'Policy of this API, where no official statement was found',
    publisherJa: '札幌市 電子証明書 API',
    publisherEn: 'Sapporo electronic-certificate API',
    url: null,
  },
];
