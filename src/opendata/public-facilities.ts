import type { OfficeRow, SourceRow } from '../db/queries.ts';

/**
 * The columns of the Digital Agency's 自治体標準オープンデータセット「公共施設一覧」, in its order.
 * Tools that read the standard find columns by these exact names.
 */
const PUBLIC_FACILITIES_HEADER = [
  '全国地方公共団体コード', 'ID', '地方公共団体名', '名称', '名称_カナ', '名称_英字', '名称_通称', 'POIコード', '外部識別子', '外部識別子の値',
  '所在地_全国地方公共団体コード', '町字ID', '所在地_連結表記', '所在地_都道府県', '所在地_市区町村', '所在地_町字', '所在地_番地以下', '建物名等(方書)',
  '緯度', '経度', '高度の種別', '高度の値', '電話番号', '内線番号', '連絡先メールアドレス', '連絡先FormURL', '連絡先備考（その他、SNSなど）', '郵便番号',
  '法人番号', '団体名', '利用可能曜日', '開始時間', '終了時間', '利用可能時間特記事項', '説明', '車椅子可', '車椅子貸出', 'ツエ貸出', 'バリアフリートイレ',
  'スロープ、エレベータ、エスカレータ', '点字ブロック等の移動支援', '点字や読上による支援', '盲導犬・介助犬、聴導犬同伴', '字幕', '筆談対応', '優先駐車場',
  'オストメイト対応トイレ', '授乳室', 'おむつ替えコーナー', '飲食可否', 'ベビーカー貸出', 'ベビーカー利用', 'URL', '画像', '画像_ライセンス', '備考',
] as const;

type Column = (typeof PUBLIC_FACILITIES_HEADER)[number];

const CITY_CODE = '011002';
const CITY_NAME = '札幌市';
const PREFECTURE = '北海道';

// The ward of the address, and its code, come from the database's ward table (the query matches
// the address against it), so they hold even where the office has no ward of its own (the card
// centre). 町字 and 番地 are not split: that needs the Address Base Registry's list of 町字
// (白石区's 南郷通1丁目南 is one), which the data does not hold.

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A source as 備考 names it: its Japanese title, then its address when it has one (our own policy has none). */
function cited(source: SourceRow | undefined): string | null {
  if (source === undefined) return null;
  return source.url === null ? source.titleJa : `${source.titleJa} ${source.url}`;
}

/**
 * Where the row's facts come from, in 備考, as the API's `source`, `nameKanaSource` and
 * `wardCodeSource` say (every served fact names its page, docs/domain-rules.md §10). The standard's
 * `URL` is the facility's own page, which the data does not hold, so it stays empty.
 */
function sourcesNote(office: OfficeRow, sources: ReadonlyMap<string, SourceRow>): string {
  const parts = [
    `出典: ${cited(sources.get(office.sourceId))}`,
    office.nameKanaSourceId === null ? null : `名称_カナの出典: ${cited(sources.get(office.nameKanaSourceId))}`,
    office.locationWardSourceId === null ? null : `所在地_全国地方公共団体コードの出典: ${cited(sources.get(office.locationWardSourceId))}`,
  ];
  return parts.filter((part) => part !== null).join(' / ');
}

function facility(office: OfficeRow, sources: ReadonlyMap<string, SourceRow>): Partial<Record<Column, string | null>> {
  return {
    全国地方公共団体コード: CITY_CODE,
    ID: office.id,
    地方公共団体名: `${PREFECTURE}${CITY_NAME}`,
    名称: office.nameJa,
    名称_カナ: office.nameKana,
    名称_英字: office.nameEn,
    所在地_全国地方公共団体コード: office.locationWardCode,
    所在地_連結表記: office.addressJa === null ? null : `${PREFECTURE}${office.addressJa}`,
    所在地_都道府県: office.addressJa === null ? null : PREFECTURE,
    所在地_市区町村: office.locationWardNameJa === null ? null : `${CITY_NAME}${office.locationWardNameJa}`,
    電話番号: office.phone,
    郵便番号: office.postalCode,
    // The card centre's source says when it serves (ward offices closed, by reservation); no hours are published.
    利用可能時間特記事項: office.availabilityJa,
    団体名: CITY_NAME,
    備考: sourcesNote(office, sources),
  };
}

/**
 * The offices as the standard「公共施設一覧」CSV: UTF-8 with a BOM (so spreadsheet software reads
 * it as UTF-8), CRLF, RFC 4180 quoting. A fact the data does not hold (coordinates, hours,
 * accessibility) is an empty field, never a guess.
 */
export function publicFacilitiesCsv(offices: readonly OfficeRow[], sources: readonly SourceRow[]): string {
  const sourcesById = new Map(sources.map((source) => [source.id, source]));
  const rows = offices.map((office) => {
    const values = facility(office, sourcesById);
    return PUBLIC_FACILITIES_HEADER.map((column) => values[column] ?? '');
  });
  return `\uFEFF${[[...PUBLIC_FACILITIES_HEADER], ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('')}`;
}
