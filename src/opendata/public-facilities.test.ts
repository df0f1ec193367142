import { describe, expect, it } from 'vitest';
import { wards } from '../../schema/tables.ts';
import { createTestApp } from '../../test/support/app.ts';
import { parseCsv } from '../../test/support/csv.ts';
import { withRows } from '../../test/support/seed.ts';
import { csvField, publicFacilitiesCsv } from './public-facilities.ts';

const app = createTestApp();

/** The standard's columns in its order, as the Digital Agency publishes them. */
const STANDARD_HEADER =
  '全国地方公共団体コード,ID,地方公共団体名,名称,名称_カナ,名称_英字,名称_通称,POIコード,外部識別子,外部識別子の値,所在地_全国地方公共団体コード,町字ID,所在地_連結表記,所在地_都道府県,所在地_市区町村,所在地_町字,所在地_番地以下,建物名等(方書),緯度,経度,高度の種別,高度の値,電話番号,内線番号,連絡先メールアドレス,連絡先FormURL,連絡先備考（その他、SNSなど）,郵便番号,法人番号,団体名,利用可能曜日,開始時間,終了時間,利用可能時間特記事項,説明,車椅子可,車椅子貸出,ツエ貸出,バリアフリートイレ,スロープ、エレベータ、エスカレータ,点字ブロック等の移動支援,点字や読上による支援,盲導犬・介助犬、聴導犬同伴,字幕,筆談対応,優先駐車場,オストメイト対応トイレ,授乳室,おむつ替えコーナー,飲食可否,ベビーカー貸出,ベビーカー利用,URL,画像,画像_ライセンス,備考';

interface ApiOffice {
  key: string;
  kind: 'WARD_OFFICE' | 'CARD_CENTER';
  wardCode: string | null;
  name: { ja: string; en: string };
  nameKana: string;
  address: { ja: string } | null;
  postalCode: string | null;
  phone: string | null;
  availability: { ja: string } | null;
  source: Cited;
  nameKanaSource: Cited;
  wardCodeSource: Cited | null;
}

interface Cited {
  title: { ja: string };
  url: string | null;
}

const cite = (source: Cited) => (source.url === null ? source.title.ja : `${source.title.ja} ${source.url}`);

const OFFICES = '{ offices { totalCount nodes { key kind wardCode name { ja en } nameKana address { ja } postalCode phone availability { ja } source { title { ja } url } nameKanaSource { title { ja } url } wardCodeSource { title { ja } url } } } }';

/** What each row must hold, from the API's answer; every column not named here must be empty. */
function expectedRow(office: ApiOffice, chuo: ApiOffice): Record<string, string> {
  // A ward office is named after its ward (中央区役所); the card centre's address is in 中央区 (011011).
  const ward = office.kind === 'WARD_OFFICE' ? office.name.ja.replace(/役所$/, '') : '中央区';
  return {
    全国地方公共団体コード: '011002',
    ID: office.key,
    地方公共団体名: '北海道札幌市',
    名称: office.name.ja,
    名称_カナ: office.nameKana,
    名称_英字: office.name.en,
    所在地_全国地方公共団体コード: office.wardCode ?? '011011',
    所在地_連結表記: `北海道${office.address!.ja}`,
    所在地_都道府県: '北海道',
    所在地_市区町村: `札幌市${ward}`,
    電話番号: office.phone ?? '',
    郵便番号: office.postalCode ?? '',
    利用可能時間特記事項: office.availability?.ja ?? '',
    団体名: '札幌市',
    // The pages the API names; the card centre's ward code is 中央区's, from the ward offices' source.
    備考: `出典: ${cite(office.source)} / 名称_カナの出典: ${cite(office.nameKanaSource)} / 所在地_全国地方公共団体コードの出典: ${cite((office.wardCodeSource ?? chuo.wardCodeSource)!)}`,
  };
}

async function servedCsv() {
  const response = await app.request({ url: '/opendata/public-facilities.csv', headers: { accept: 'text/csv' } });
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
  return response.text;
}

describe('GET /opendata/public-facilities.csv (自治体標準オープンデータセット「公共施設一覧」)', () => {
  it('is UTF-8 with a BOM, CRLF, and the standard header in its order', async () => {
    const csv = await servedCsv();
    expect(csv.startsWith('\uFEFF全国地方公共団体コード,ID,地方公共団体名,名称,名称_カナ,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const [header] = parseCsv(csv.slice(1));
    expect(header).toHaveLength(56);
    expect(header!.join(',')).toBe(STANDARD_HEADER);
  });

  it('has one row per office the API serves, each holding what the API says and nothing guessed', async () => {
    const { body } = await app.graphql<{ offices: { totalCount: number; nodes: ApiOffice[] } }>(OFFICES);
    expect(body.errors).toBeUndefined();
    const offices = body.data!.offices.nodes;
    expect(offices).toHaveLength(body.data!.offices.totalCount);

    const [header, ...rows] = parseCsv((await servedCsv()).slice(1));
    expect(rows).toHaveLength(11);
    rows.forEach((row, index) => {
      expect(row).toHaveLength(header!.length);
      const expected = expectedRow(offices[index]!, offices.find((office) => office.name.ja === '中央区役所')!);
      expect(Object.fromEntries(header!.map((column, i) => [column, row[i]]))).toEqual(
        Object.fromEntries(header!.map((column) => [column, expected[column] ?? ''])),
      );
    });
  });

  it('spells out the card centre: ward from its address, no phone or postal code (unpublished)', async () => {
    const [header, ...rows] = parseCsv((await servedCsv()).slice(1));
    const column = (name: string) => header!.indexOf(name);
    const centre = rows.find((row) => row[column('ID')] === 'my-number-card-center')!;
    expect(centre[column('所在地_全国地方公共団体コード')]).toBe('011011');
    expect(centre[column('所在地_連結表記')]).toBe('北海道札幌市中央区北3条西3丁目');
    expect(centre[column('所在地_市区町村')]).toBe('札幌市中央区');
    expect([centre[column('電話番号')], centre[column('郵便番号')], centre[column('緯度')], centre[column('開始時間')]]).toEqual(['', '', '', '']);
    expect(centre[column('利用可能時間特記事項')]).toBe(
      '土日などの区役所閉庁時間帯にカードのお受け取りなどを希望される方は、札幌市マイナンバーカードセンター(札幌市中央区北3条西3丁目)をご利用ください(要予約)。',
    );
  });
});

describe('the ward of an address', () => {
  const recoded = createTestApp({
    seed: withRows(wards, (rows) => rows.map((ward) => (ward.key === 'CHUO' ? { ...ward, code: '019999' } : ward))),
  });

  it('comes from the database, not from the code', async () => {
    const response = await recoded.request({ url: '/opendata/public-facilities.csv', headers: { accept: 'text/csv' } });
    const [header, ...rows] = parseCsv(response.text.slice(1));
    const column = (name: string) => header!.indexOf(name);
    const centre = rows.find((row) => row[column('ID')] === 'my-number-card-center')!;
    expect(centre[column('所在地_全国地方公共団体コード')]).toBe('019999');
    expect(centre[column('所在地_市区町村')]).toBe('札幌市中央区');
  });
});

describe('RFC 4180 quoting', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['札幌市中央区', '札幌市中央区'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['line\r\nbreak', '"line\r\nbreak"'],
    ['lf\nonly', '"lf\nonly"'],
    ['cr\ronly', '"cr\ronly"'],
  ])('csvField(%j) is %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('round-trips a name with a comma, quotes and a line break', () => {
    const [office] = app.database.queries().allOffices.all();
    const nameJa = '札幌市"第1",庁舎\r\n別館';
    const [header, row] = parseCsv(publicFacilitiesCsv([{ ...office!, nameJa }], app.database.queries().sourcesAll.all()).slice(1));
    expect(header!.join(',')).toBe(STANDARD_HEADER);
    expect(row![header!.indexOf('名称')]).toBe(nameJa);
  });

  it('the test reader refuses what RFC 4180 does not allow', () => {
    expect(() => parseCsv('a,b\n')).toThrow(/comma or CRLF/);
    expect(() => parseCsv('a"b\r\n')).toThrow(/quote inside/);
    expect(() => parseCsv('"a\r\n')).toThrow(/unterminated/);
    expect(() => parseCsv('a,b')).toThrow(/without CRLF/);
    expect(parseCsv('"a,""b""",\r\n')).toEqual([['a,"b"', '']]);
  });
});
