import { describe, expect, it } from 'vitest';
import { createTestApp, errorCodes } from '../../../test/support/app.ts';

const app = createTestApp();

const OFFICES = `
  query Offices($kind: OfficeKind, $ward: Ward, $first: Int, $after: String, $last: Int) {
    offices(kind: $kind, ward: $ward, first: $first, after: $after, last: $last) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { key } }
      nodes {
        id key kind ward wardCode nameKana postalCode phone procedures reservationRequired
        name { ja en } department { ja en } address { ja en } availability { ja } reservation { when { ja en } purpose { ja en } }
        source { key publisher { ja } url }
      }
    }
  }`;

// docs/domain-rules.md §4, verbatim from the source page.
const WARD_OFFICES = [
  ['CHUO', '中央区役所', '011011', '060-8612', '札幌市中央区南3条西11丁目330番地2', '011-205-3238'],
  ['KITA', '北区役所', '011029', '001-8612', '札幌市北区北24条西6丁目1番1号', '011-757-2412'],
  ['HIGASHI', '東区役所', '011037', '065-8612', '札幌市東区北11条東7丁目1番1号', '011-741-2449'],
  ['SHIROISHI', '白石区役所', '011045', '003-8612', '札幌市白石区南郷通1丁目南8番1号', '011-861-2432'],
  ['ATSUBETSU', '厚別区役所', '011088', '004-8612', '札幌市厚別区厚別中央1条5丁目3番2号', '011-895-2452'],
  ['TOYOHIRA', '豊平区役所', '011053', '062-8612', '札幌市豊平区平岸6条10丁目1番1号', '011-822-2441'],
  ['KIYOTA', '清田区役所', '011100', '004-8613', '札幌市清田区平岡1条1丁目2番1号', '011-889-2030'],
  ['MINAMI', '南区役所', '011061', '005-8612', '札幌市南区真駒内幸町2丁目2番1号', '011-582-4728'],
  ['NISHI', '西区役所', '011070', '063-8612', '札幌市西区琴似2条7丁目1番1号', '011-641-6936'],
  ['TEINE', '手稲区役所', '011096', '006-8612', '札幌市手稲区前田1条11丁目1番10号', '011-681-2451'],
] as const;

// 総務省's 全国地方公共団体コード (https://www.soumu.go.jp/denshijiti/code.html): each ward's 5-digit code
// and its reading (市区町村名（カナ）, written here in full-width katakana).
const LOCAL_GOVERNMENT_CODES = [
  ['CHUO', '01101', 'サッポロシチュウオウク'],
  ['KITA', '01102', 'サッポロシキタク'],
  ['HIGASHI', '01103', 'サッポロシヒガシク'],
  ['SHIROISHI', '01104', 'サッポロシシロイシク'],
  ['ATSUBETSU', '01108', 'サッポロシアツベツク'],
  ['TOYOHIRA', '01105', 'サッポロシトヨヒラク'],
  ['KIYOTA', '01110', 'サッポロシキヨタク'],
  ['MINAMI', '01106', 'サッポロシミナミク'],
  ['NISHI', '01107', 'サッポロシニシク'],
  ['TEINE', '01109', 'サッポロシテイネク'],
] as const;

/** The check digit 総務省 publishes the rule of: 11 minus the weighted sum (6, 5, 4, 3, 2) modulo 11, its last digit. */
function checkDigit(code: string): string {
  const sum = [...code].reduce((total, digit, index) => total + Number(digit) * (6 - index), 0);
  return String((11 - (sum % 11)) % 10);
}

describe('ward codes and readings, from 総務省\'s list', () => {
  it('serve each ward office\'s code, with its check digit, and its reading, naming that list as their source', async () => {
    const { body } = await app.graphql(
      '{ offices(first: 100) { nodes { ward wardCode nameKana wardCodeSource { key url } nameKanaSource { key url } } } }',
    );
    const mic = { key: 'mic-local-government-codes', url: 'https://www.soumu.go.jp/denshijiti/code.html' };
    const nodes = body.data.offices.nodes;
    expect(nodes.slice(0, 10)).toEqual(
      LOCAL_GOVERNMENT_CODES.map(([ward, code, kana]) => ({
        ward,
        wardCode: code + checkDigit(code),
        // The ward's reading without the city's, then 役所.
        nameKana: `${kana.replace(/^サッポロシ/, '')}ヤクショ`,
        wardCodeSource: mic,
        nameKanaSource: mic,
      })),
    );
    expect(nodes[10]).toEqual({ ward: null, wardCode: null, nameKana: 'サッポロシマイナンバーカードセンター', wardCodeSource: null, nameKanaSource: mic });
    // The city's own code, as the list gives it: 011002.
    expect(`01100${checkDigit('01100')}`).toBe('011002');
  });
});

describe('offices', () => {
  it('serves the 10 ward offices verbatim and the card centre, in the source order', async () => {
    const { status, body } = await app.graphql(OFFICES);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const offices = body.data.offices;
    expect(offices.totalCount).toBe(11);
    expect(offices.nodes).toHaveLength(11);
    WARD_OFFICES.forEach(([ward, name, wardCode, postalCode, address, phone], index) => {
      expect(offices.nodes[index]).toMatchObject({
        kind: 'WARD_OFFICE',
        ward,
        wardCode,
        postalCode,
        phone,
        name: { ja: name },
        address: { ja: address },
        department: { ja: '戸籍住民課', en: 'Family Register and Resident Division' },
        procedures: ['RENEWAL', 'PIN_RESET'],
        availability: null,
        reservationRequired: null,
        reservation: null,
        source: { key: 'sapporo-jpki-page', publisher: { ja: '札幌市' }, url: 'https://www.city.sapporo.jp/shimin/koseki/card/jpki.html' },
      });
    });
    expect(offices.nodes[10]).toEqual({
      id: expect.any(String),
      key: 'my-number-card-center',
      kind: 'CARD_CENTER',
      ward: null,
      wardCode: null,
      nameKana: 'サッポロシマイナンバーカードセンター',
      postalCode: null,
      phone: null,
      procedures: ['RENEWAL', 'PIN_RESET'],
      name: { ja: '札幌市マイナンバーカードセンター', en: 'Sapporo My Number Card Center' },
      department: null,
      address: { ja: '札幌市中央区北3条西3丁目', en: 'Kita 3-jo Nishi 3-chome, Chuo-ku, Sapporo' },
      // The Teine Ward page: open when the ward offices are closed, by reservation (要予約).
      availability: {
        ja: '土日などの区役所閉庁時間帯にカードのお受け取りなどを希望される方は、札幌市マイナンバーカードセンター(札幌市中央区北3条西3丁目)をご利用ください(要予約)。',
      },
      // 要予約 is said of visits when the ward offices are closed, such as to receive a card: not of every visit.
      reservationRequired: null,
      reservation: {
        when: { ja: '土日などの区役所閉庁時間帯', en: 'When the ward offices are closed, such as at weekends' },
        purpose: { ja: 'カードのお受け取りなど', en: 'Receiving a card and the like' },
      },
      source: { key: 'sapporo-teine-card-center-page', publisher: { ja: '札幌市手稲区' }, url: 'https://www.city.sapporo.jp/teine/todokede/mynum.html' },
    });
    expect(offices.edges.map((edge: { node: { key: string } }) => edge.node.key)).toEqual(offices.nodes.map((n: { key: string }) => n.key));
  });

  it('filters by kind and by ward', async () => {
    const centre = await app.graphql(OFFICES, { kind: 'CARD_CENTER' });
    expect(centre.body.data.offices.nodes.map((n: { key: string }) => n.key)).toEqual(['my-number-card-center']);
    const kita = await app.graphql(OFFICES, { ward: 'KITA' });
    expect(kita.body.data.offices.totalCount).toBe(1);
    expect(kita.body.data.offices.nodes[0].name.ja).toBe('北区役所');
    const wardOffices = await app.graphql(OFFICES, { kind: 'WARD_OFFICE' });
    expect(wardOffices.body.data.offices.totalCount).toBe(10);
  });

  it('pages forward with cursors', async () => {
    const first = await app.graphql(OFFICES, { first: 4 });
    const page1 = first.body.data.offices;
    expect(page1.nodes.map((n: { wardCode: string }) => n.wardCode)).toEqual(['011011', '011029', '011037', '011045']);
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(page1.totalCount).toBe(11);
    const second = await app.graphql(OFFICES, { first: 100, after: page1.pageInfo.endCursor });
    const page2 = second.body.data.offices;
    expect(page2.nodes).toHaveLength(7);
    expect(page2.nodes[0].name.ja).toBe('厚別区役所');
    expect(page2.pageInfo.hasNextPage).toBe(false);
  });

  it.each([
    ['first', 0],
    ['first', 101],
    ['first', -1],
    ['last', 0],
    ['last', 101],
  ])('rejects %s: %i with BAD_USER_INPUT instead of clamping', async (argument, value) => {
    const response = await app.graphql(OFFICES, { [argument]: value });
    expect(response.status).toBe(200);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors?.[0]?.message).toContain('between 1 and 100');
    expect(response.body.data).toBeNull();
  });

  it('rejects a cursor it did not issue', async () => {
    const response = await app.graphql(OFFICES, { first: 2, after: 'not-a-cursor' });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('rejects an unknown enum value with a code and a 4xx, never a 5xx', async () => {
    const literal = await app.graphql('{ offices(ward: SAPPORO) { totalCount } }');
    expect(literal.status).toBe(400);
    expect(errorCodes(literal)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const variable = await app.graphql(OFFICES, { ward: 'SAPPORO' });
    expect(variable.status).toBe(400);
    expect(errorCodes(variable)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('officesForProcedure', () => {
  const FOR_PROCEDURE = `
    query ($procedure: ProcedureKind!, $residentWard: Ward!) {
      officesForProcedure(procedure: $procedure, residentWard: $residentWard) { key kind ward }
      procedure(kind: $procedure) { offices(residentWard: $residentWard) { key } }
    }`;
  const cases = WARD_OFFICES.flatMap(([ward]) => (['RENEWAL', 'PIN_RESET'] as const).map((procedure) => [procedure, ward] as const));

  it.each(cases)('%s for a resident of %s: own ward office and the card centre only', async (procedure, ward) => {
    const { body } = await app.graphql(FOR_PROCEDURE, { procedure, residentWard: ward });
    expect(body.errors).toBeUndefined();
    expect(body.data.officesForProcedure).toEqual([
      { key: `${ward.toLowerCase()}-ward-office`, kind: 'WARD_OFFICE', ward },
      { key: 'my-number-card-center', kind: 'CARD_CENTER', ward: null },
    ]);
    expect(body.data.procedure.offices.map((o: { key: string }) => o.key)).toEqual(
      body.data.officesForProcedure.map((o: { key: string }) => o.key),
    );
  });

  it('never sends a 北区 resident to 中央区役所', async () => {
    const { body } = await app.graphql(FOR_PROCEDURE, { procedure: 'RENEWAL', residentWard: 'KITA' });
    expect(body.data.officesForProcedure.map((o: { key: string }) => o.key)).not.toContain('chuo-ward-office');
  });
});
