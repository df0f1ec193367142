import type { offices, wards } from '../../schema/tables.ts';
import { WARD_FACTS, WARD_KEYS } from '../../src/domain/vocabulary.ts';
import { CARD_CENTER_PAGE, CITY_PAGE, LOCAL_GOVERNMENT_CODES } from './sources.ts';

// The ward codes are 総務省's 全国地方公共団体コード (check digit included).
export const wardRows: (typeof wards.$inferInsert)[] = WARD_KEYS.map((key, index) => ({
  key,
  position: index + 1,
  ...WARD_FACTS[key],
  sourceId: LOCAL_GOVERNMENT_CODES,
}));

// No stored page prints the offices' readings. Each one is the reading of its place name in 総務省's
// code list (市区町村名（カナ）, e.g. サッポロシチュウオウク: the ward チュウオウク, the city サッポロシ),
// followed by the reading of 区役所 (クヤクショ, the ward's ク included) or the name's own katakana.
const wardOffice = {
  kind: 'WARD_OFFICE',
  departmentJa: '戸籍住民課',
  departmentEn: 'Family Register and Resident Division',
  nameKanaSourceId: LOCAL_GOVERNMENT_CODES,
  sourceId: CITY_PAGE,
} as const;

export const officeRows: (typeof offices.$inferInsert)[] = [
  {
    ...wardOffice, id: 'chuo-ward-office', position: 1, ward: 'CHUO',
    nameJa: '中央区役所', nameEn: 'Chuo Ward Office', nameKana: 'チュウオウクヤクショ',
    postalCode: '060-8612', phone: '011-205-3238',
    addressJa: '札幌市中央区南3条西11丁目330番地2', addressEn: 'Minami 3-jo Nishi 11-chome 330-2, Chuo-ku, Sapporo',
  },
  {
    ...wardOffice, id: 'kita-ward-office', position: 2, ward: 'KITA',
    nameJa: '北区役所', nameEn: 'Kita Ward Office', nameKana: 'キタクヤクショ',
    postalCode: '001-8612', phone: '011-757-2412',
    addressJa: '札幌市北区北24条西6丁目1番1号', addressEn: 'Kita 24-jo Nishi 6-chome 1-1, Kita-ku, Sapporo',
  },
  {
    ...wardOffice, id: 'higashi-ward-office', position: 3, ward: 'HIGASHI',
    nameJa: '東区役所', nameEn: 'Higashi Ward Office', nameKana: 'ヒガシクヤクショ',
    postalCode: '065-8612', phone: '011-741-2449',
    addressJa: '札幌市東区北11条東7丁目1番1号', addressEn: 'Kita 11-jo Higashi 7-chome 1-1, Higashi-ku, Sapporo',
  },
  {
    ...wardOffice, id: 'shiroishi-ward-office', position: 4, ward: 'SHIROISHI',
    nameJa: '白石区役所', nameEn: 'Shiroishi Ward Office', nameKana: 'シロイシクヤクショ',
    postalCode: '003-8612', phone: '011-861-2432',
    addressJa: '札幌市白石区南郷通1丁目南8番1号', addressEn: 'Nango-dori 1-chome Minami 8-1, Shiroishi-ku, Sapporo',
  },
  {
    ...wardOffice, id: 'atsubetsu-ward-office', position: 5, ward: 'ATSUBETSU',
    nameJa: '厚別区役所', nameEn: 'Atsubetsu Ward Office', nameKana: 'アツベツクヤクショ',
    postalCode: '004-8612', phone: '011-895-2452',
    addressJa: '札幌市厚別区厚別中央1条5丁目3番2号', addressEn: 'Atsubetsu-chuo 1-jo 5-chome 3-2, Atsubetsu-ku, Sapporo',
  },
  {
    ...wardOffice, id: 'toyohira-ward-office', position: 6, ward: 'TOYOHIRA',
    nameJa: '豊平区役所', nameEn: 'Toyohira Ward Office', nameKana: 'トヨヒラクヤクショ',
    postalCode: '062-8612', phone: '011-822-2441',
    addressJa: '札幌市豊平区平岸6条10丁目1番1号', addressEn: 'Hiragishi 6-jo 10-chome 1-1, Toyohira-ku, Sapporo',
  },
  {
    ...wardOffice, id: 'kiyota-ward-office', position: 7, ward: 'KIYOTA',
    nameJa: '清田区役所', nameEn: 'Kiyota Ward Office', nameKana: 'キヨタクヤクショ',
    postalCode: '004-8613', phone: '011-889-2030',
    addressJa: '札幌市清田区平岡1条1丁目2番1号', addressEn: 'Hiraoka 1-jo 1-chome 2-1, Kiyota-ku, Sapporo',
  },
  {
    ...wardOffice, id: 'minami-ward-office', position: 8, ward: 'MINAMI',
    nameJa: '南区役所', nameEn: 'Minami Ward Office', nameKana: 'ミナミクヤクショ',
    postalCode: '005-8612', phone: '011-582-4728',
    addressJa: '札幌市南区真駒内幸町2丁目2番1号', addressEn: 'Makomanai Saiwai-cho 2-chome 2-1, Minami-ku, Sapporo',
  },
  {
    ...wardOffice, id: 'nishi-ward-office', position: 9, ward: 'NISHI',
    nameJa: '西区役所', nameEn: 'Nishi Ward Office', nameKana: 'ニシクヤクショ',
    postalCode: '063-8612', phone: '011-641-6936',
    addressJa: '札幌市西区琴似2条7丁目1番1号', addressEn: 'Kotoni 2-jo 7-chome 1-1, Nishi-ku, Sapporo',
  },
  {
    ...wardOffice, id: 'teine-ward-office', position: 10, ward: 'TEINE',
    nameJa: '手稲区役所', nameEn: 'Teine Ward Office', nameKana: 'テイネクヤクショ',
    postalCode: '006-8612', phone: '011-681-2451',
    addressJa: '札幌市手稲区前田1条11丁目1番10号', addressEn: 'Maeda 1-jo 11-chome 1-10, Teine-ku, Sapporo',
  },
  {
    // Postal code, phone and department are not published on either source page: null, not guessed.
    id: 'my-number-card-center', position: 11, kind: 'CARD_CENTER', ward: null,
    nameJa: '札幌市マイナンバーカードセンター', nameEn: 'Sapporo My Number Card Center',
    nameKana: 'サッポロシマイナンバーカードセンター', nameKanaSourceId: LOCAL_GOVERNMENT_CODES,
    departmentJa: null, departmentEn: null, postalCode: null, phone: null,
    addressJa: '札幌市中央区北3条西3丁目', addressEn: 'Kita 3-jo Nishi 3-chome, Chuo-ku, Sapporo',
    // The Teine Ward page: it serves when the ward offices are closed (weekends), by reservation.
    availabilityJa:
      '土日などの区役所閉庁時間帯にカードのお受け取りなどを希望される方は、札幌市マイナンバーカードセンター(札幌市中央区北3条西3丁目)をご利用ください(要予約)。',
    availabilityEn:
      'Those who wish to receive a card or the like when the ward offices are closed, such as at weekends, please use the Sapporo My Number Card Center (Kita 3-jo Nishi 3-chome, Chuo-ku) (reservation required).',
    // 要予約 is said of those visits only, not of every visit: whether every visit needs one is unknown.
    reservationRequired: null,
    reservationWhenJa: '土日などの区役所閉庁時間帯', reservationWhenEn: 'When the ward offices are closed, such as at weekends',
    reservationPurposeJa: 'カードのお受け取りなど', reservationPurposeEn: 'Receiving a card and the like',
    sourceId: CARD_CENTER_PAGE,
  },
];
