import { describe, expect, it } from 'vitest';
import { dataset } from '../seed/dataset.ts';
import type { SeedDataset } from '../seed/load.ts';
import * as tables from '../schema/tables.ts';
import { createTestApp } from './support/app.ts';
import { withRows } from './support/seed.ts';

/** The city's data plus `extra` documents in list A and `extra` more card centres. */
function enlarged(extra: number): SeedDataset {
  const documents = withRows(tables.idDocuments, (rows) => [
    ...rows,
    ...Array.from({ length: extra }, (_, i) => ({ listCode: 'A', position: 1000 + i, nameJa: `テスト書類${i}`, nameEn: `Test document ${i}`, photoRequired: false })),
  ]);
  return withRows(
    tables.offices,
    (rows) => [
      ...rows,
      ...Array.from({ length: extra }, (_, i) => ({
        id: `test-centre-${i}`, position: 1000 + i, kind: 'CARD_CENTER' as const, nameJa: `テストセンター${i}`, nameEn: `Test centre ${i}`,
        nameKana: 'テスト', sourceId: 'sapporo-jpki-page',
      })),
    ],
    documents,
  );
}

function countingApp(seed: SeedDataset) {
  const statements: string[] = [];
  const app = createTestApp({ seed, onStatement: (sql) => statements.push(sql) });
  return {
    async count(query: string): Promise<{ statements: number; result: any }> {
      statements.length = 0;
      const { body } = await app.graphql(query);
      expect(body.errors).toBeUndefined();
      return { statements: statements.length, result: body.data };
    },
  };
}

const OFFICES_WITH_PROCEDURES = '{ offices(first: 100) { nodes { key procedures source { key } } } }';
const LISTS_WITH_DOCUMENTS = '{ idDocumentLists { code rules { ja } documents { name { ja } acceptableIfIssuedOn(issuedOn: "2020-01-01") } source { key } } }';

describe('SQL statements per request do not grow with the number of rows', () => {
  const small = countingApp(dataset);
  const large = countingApp(enlarged(60));

  it('all offices with their procedures', async () => {
    const few = await small.count(OFFICES_WITH_PROCEDURES);
    const many = await large.count(OFFICES_WITH_PROCEDURES);
    expect(few.result.offices.nodes).toHaveLength(11);
    expect(many.result.offices.nodes).toHaveLength(71);
    expect(many.statements).toBe(few.statements);
    expect(few.statements).toBeLessThanOrEqual(3);
  });

  it('offices under many aliases, filtered and paged differently: the table read once', async () => {
    const FILTERS = ['', ', kind: WARD_OFFICE', ', kind: CARD_CENTER', ', ward: KITA', ', after: "T2Zmc2V0Q29ubmVjdGlvbjoy"'];
    const one = await small.count('{ offices(first: 100) { nodes { key } } }');
    const aliased = await small.count(`{ ${Array.from({ length: 20 }, (_, i) => `a${i}: offices(first: ${i + 1}${FILTERS[i % FILTERS.length]}) { totalCount nodes { key } }`).join(' ')} }`);
    expect(one.statements).toBe(1);
    expect(aliased.statements).toBe(1);
    // The filters still apply: a ward office in each of the 10 wards and one card centre.
    expect(aliased.result.a1.totalCount).toBe(10);
    expect(aliased.result.a2.totalCount).toBe(1);
    expect(aliased.result.a3.nodes).toEqual([{ key: 'kita-ward-office' }]);
    // After the cursor of the third of 11 (offset 2), 8 remain.
    expect(aliased.result.a19.nodes).toHaveLength(8);
  });

  it.each([
    ['notices', '{ key }'],
    ['procedures', '{ kind }'],
    ['sources', '{ key }'],
    ['certificateTypes', '{ kind }'],
    ['contactPoints', '{ key }'],
    ['idDocumentLists', '{ code }'],
  ])('%s under 20 aliases: its table read once', async (field, selection) => {
    const one = await small.count(`{ ${field} ${selection} }`);
    const aliased = await small.count(`{ ${Array.from({ length: 20 }, (_, i) => `a${i}: ${field} ${selection}`).join(' ')} }`);
    expect(one.statements).toBe(1);
    expect(aliased.statements).toBe(1);
    expect(aliased.result.a19).toEqual(one.result[field]);
  });

  it('the convenience-store service\'s lists under 20 aliases: each table read once', async () => {
    const selection = 'convenienceStoreService { documents { kind } conditions { ja } notices { ja } }';
    const one = await small.count(`{ ${selection} }`);
    const aliased = await small.count(`{ ${Array.from({ length: 20 }, (_, i) => `a${i}: ${selection}`).join(' ')} }`);
    // The service's row, its documents, and its texts (conditions and notices are one table).
    expect(one.statements).toBe(3);
    expect(aliased.statements).toBe(one.statements);
    expect(aliased.result.a19).toEqual(one.result.convenienceStoreService);
  });

  it('all lists with all documents', async () => {
    const few = await small.count(LISTS_WITH_DOCUMENTS);
    const many = await large.count(LISTS_WITH_DOCUMENTS);
    expect(few.result.idDocumentLists[0].documents).toHaveLength(27);
    expect(many.result.idDocumentLists[0].documents).toHaveLength(87);
    expect(many.statements).toBe(few.statements);
    expect(few.statements).toBeLessThanOrEqual(4);
  });
});
