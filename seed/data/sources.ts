import type { sources } from '../../schema/tables.ts';

export const CITY_PAGE = 'sapporo-jpki-page';
export const CARD_CENTER_PAGE = 'sapporo-teine-card-center-page';
export const CONVENIENCE_STORE_PAGE = 'sapporo-konbini-kofu-page';
export const JLIS_PIN_PAGE = 'jlis-pin-page';
export const VALIDITY_LAW_FAQ = 'higashimurayama-validity-faq';
export const AKITA_RENEWAL_PAGE = 'akita-renewal-page';
export const NERIMA_RENEWAL_PAGE = 'nerima-renewal-page';
export const EDOGAWA_RENEWAL_PAGE = 'edogawa-renewal-page';
export const AGE_CALCULATION_ACT = 'age-calculation-act';
export const LOCAL_GOVERNMENT_CODES = 'mic-local-government-codes';
export const OUR_POLICY = 'api-policy';

// Titles quoted from a page are VERBATIM; the others are our descriptions (COMPOSED). The national
// rules (the 6th birthday, the window's first day, an application before the window) are the same in
// every municipality; the Sapporo page does not state them, so the pages of the cities that do are cited.
export const sourceRows: (typeof sources.$inferInsert)[] = [
  {
    id: CITY_PAGE,
    // The page's title as the project's index of sources gives it: the stored text does not quote it.
    titleJa: '電子証明書 (公的個人認証サービス)', titleJaKind: 'COMPOSED',
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
    titleJa: '公的個人認証サービス(電子証明書)の有効期間は。', titleJaKind: 'VERBATIM',
    titleEn: 'What is the validity period of the Public Certification Service (electronic certificates)? (FAQ restating the legal rule)',
    publisherJa: '東村山市',
    publisherEn: 'Higashimurayama City',
    url: 'https://www.city.higashimurayama.tokyo.jp/faq/kurashi/koseki/juki/jnet_q_005.html',
  },
  {
    id: AKITA_RENEWAL_PAGE,
    titleJa: '電子証明書の失効及び更新手続きについて', titleJaKind: 'VERBATIM',
    titleEn: 'Revocation and renewal of the electronic certificates',
    publisherJa: '秋田県',
    publisherEn: 'Akita Prefecture',
    url: 'http://www.pref.akita.lg.jp/pages/archive/1926',
  },
  {
    id: NERIMA_RENEWAL_PAGE,
    titleJa: '電子証明書の更新手続きについて', titleJaKind: 'VERBATIM',
    titleEn: 'Renewing the electronic certificates',
    publisherJa: '練馬区',
    publisherEn: 'Nerima City',
    url: 'https://www.city.nerima.tokyo.jp/kurashi/mynumber/mynumber_card/koshin/denshishomei.html',
  },
  {
    id: EDOGAWA_RENEWAL_PAGE,
    titleJa: '電子証明書の更新・発行', titleJaKind: 'VERBATIM',
    titleEn: 'Renewal and issue of the electronic certificates',
    publisherJa: '江戸川区',
    publisherEn: 'Edogawa City',
    url: 'https://www.city.edogawa.tokyo.jp/e038/kurashi/mynumber/card/denshisyomei/dennshokoshin.html',
  },
  {
    // The law itself, on the government's statute database: an age is counted from the day of birth
    // and, by 民法143条, reached at the end of the day before the birthday (1 March for 29 February births in common years).
    id: AGE_CALCULATION_ACT,
    titleJa: '年齢計算ニ関スル法律（明治三十五年法律第五十号）', titleJaKind: 'COMPOSED',
    titleEn: 'Act on the Calculation of Age (Act No. 50 of 1902)',
    publisherJa: 'e-Gov法令検索（デジタル庁）',
    publisherEn: 'e-Gov Laws and Regulations (Digital Agency)',
    url: 'https://laws.e-gov.go.jp/law/135AC0000000050',
  },
  {
    // The 6-digit codes of the wards and the readings (カナ) of the city and ward names.
    id: LOCAL_GOVERNMENT_CODES,
    titleJa: '全国地方公共団体コード（都道府県コード及び市区町村コード）', titleJaKind: 'COMPOSED',
    titleEn: 'Local government codes (prefecture and municipality codes)',
    publisherJa: '総務省',
    publisherEn: 'Ministry of Internal Affairs and Communications',
    url: 'https://www.soumu.go.jp/denshijiti/code.html',
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
