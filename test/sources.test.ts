import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { APPLIED_RULES } from '../src/domain/applied-rules.ts';
import { VALIDITY_NOTES } from '../src/domain/validity-notes.ts';
import { schema } from '../src/graphql/schema/schema.ts';
import { getTableColumns } from '../schema/drizzle.ts';
import * as tables from '../schema/tables.ts';
import { dataset } from '../seed/dataset.ts';
import { createTestApp, testConfig } from './support/app.ts';

// docs/domain-rules.md §10: every served fact names at least one source with a URL, except facts
// marked as our policy. Checked three ways: the schema (every type a client can reach carries a source,
// or sits inside one that does), the seed (every row of every table), and the answers (every source a
// query over the whole schema returns, computed answers included).

const { getTableConfig } = createRequire(import.meta.url)('drizzle-orm/sqlite-core') as typeof import('drizzle-orm/sqlite-core');

/** Types that hold no facts of their own: paging, and Source itself (a source is its own provenance). */
const structural = (name: string) => name === 'PageInfo' || name === 'Source' || name.endsWith('Connection') || name.endsWith('Edge');

function sourceFieldsOf(type: GraphQLObjectType): GraphQLField<unknown, unknown>[] {
  return Object.values(type.getFields()).filter((field) => getNamedType(field.type).name === 'Source');
}

const hasOwnSource = (type: GraphQLObjectType) => sourceFieldsOf(type).some((field) => field.name === 'source' || field.name === 'sources');

describe('the schema', () => {
  it('gives every type a client can reach a source of its own, or puts it inside one that has one', () => {
    const unsourced: string[] = [];
    const seen = new Set<string>();
    const visit = (type: GraphQLNamedType, inherited: boolean, via: string) => {
      if (isAbstractType(type)) {
        // node(id:) fetches any implementation directly: each must carry its own source.
        for (const possible of schema.getPossibleTypes(type)) visit(possible, false, `${via} (${possible.name})`);
        return;
      }
      if (!isObjectType(type)) return;
      const sourced = structural(type.name) ? inherited : hasOwnSource(type) || inherited;
      if (!sourced && type.name !== 'Query') unsourced.push(`${via} → ${type.name}`);
      const key = `${type.name}:${sourced}`;
      if (seen.has(key)) return;
      seen.add(key);
      for (const field of Object.values(type.getFields())) visit(getNamedType(field.type), sourced, `${type.name}.${field.name}`);
    };
    visit(schema.getQueryType()!, false, 'Query');
    expect(unsourced).toEqual([]);
    expect(seen.size).toBeGreaterThan(20);
  });

  it('pairs every fact from another source than its type\'s with that source (`extensions.sourcedBy`), both ways', () => {
    const declared: string[] = [];
    const pairs: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const sourcedBy = field.extensions.sourcedBy as string | undefined;
        if (sourcedBy === undefined) continue;
        declared.push(`${type.name}.${sourcedBy}`);
        expect(getNamedType(type.getFields()[sourcedBy]?.type ?? schema.getQueryType()!).name, `${type.name}.${field.name}`).toBe('Source');
      }
      for (const field of sourceFieldsOf(type)) if (field.name !== 'source' && field.name !== 'sources') pairs.push(`${type.name}.${field.name}`);
    }
    expect(declared.sort()).toEqual(pairs.sort());
    expect(declared).toEqual(expect.arrayContaining(['CertificateType.renewalValiditySources', 'Office.wardCodeSource', 'Office.nameKanaSource']));
  });
});

type Row = Record<string, unknown>;
const sourceRows = dataset.find(([table]) => table === tables.sources)![1] as Row[];
const sourcesById = new Map(sourceRows.map((row) => [row.id as string, row]));
const domainRules = readFileSync('docs/domain-rules.md', 'utf8');

describe('the seed', () => {
  it('has a page with its URL, listed in docs/domain-rules.md, for every source but our policy, which has none', () => {
    for (const source of sourceRows) {
      if (source.kind === 'OUR_POLICY') expect(source.url, String(source.id)).toBeNull();
      else {
        expect(source.url, String(source.id)).toMatch(/^https?:\/\//);
        expect(domainRules, String(source.id)).toContain(String(source.url));
      }
    }
  });

  it('names a source for every row of every table, directly or through the row it belongs to', () => {
    const sourced = new Set<unknown>([tables.sources]);
    const pending = dataset.map(([table, rows]) => ({ table, rows: rows as Row[] })).filter(({ table }) => table !== tables.sources);
    // A table is sourced by a column referencing sources, or by a required reference to a sourced table.
    for (let changed = true; changed; ) {
      changed = false;
      for (const { table } of pending) {
        if (sourced.has(table)) continue;
        const config = getTableConfig(table as never);
        const references = config.foreignKeys.map((key) => key.reference());
        const keys = Object.entries(getTableColumns(table as never)) as [string, { name: string; notNull: boolean }][];
        const byName = new Map(keys.map(([key, column]) => [column.name, { key, notNull: column.notNull }]));
        const viaParent = references.some((ref) => ref.foreignTable !== tables.sources && sourced.has(ref.foreignTable) && ref.columns.every((column) => byName.get(column.name)?.notNull));
        if (viaParent || references.some((ref) => ref.foreignTable === tables.sources && ref.columns[0]!.name === 'source_id')) {
          sourced.add(table);
          changed = true;
        }
      }
    }
    expect(pending.filter(({ table }) => !sourced.has(table)).map(({ table }) => getTableConfig(table as never).name)).toEqual([]);
    // A `source_id` column is filled in every row (some are nullable only so they could be added to filled tables).
    for (const { table, rows } of pending) {
      if (!('sourceId' in getTableColumns(table as never))) continue;
      for (const row of rows) expect(sourcesById.has(row.sourceId as string), `${getTableConfig(table as never).name}: ${JSON.stringify(row).slice(0, 80)}`).toBe(true);
    }
  });

  it('names the sources of the facts with a source of their own: readings, lower-case PINs', () => {
    const rows = (table: unknown) => dataset.find(([t]) => t === table)![1] as Row[];
    for (const office of rows(tables.offices)) expect(sourcesById.has(office.nameKanaSourceId as string), String(office.id)).toBe(true);
    for (const type of rows(tables.certificateTypes)) expect(type.pinLowerCaseSourceId !== null).toBe(type.pinLowerCaseConvertedToUpper);
  });

  it('names at least one source for every rule a computation may apply, and one for every note, dating only the notes that say when a window opened or opens', () => {
    const rules = (dataset.find(([table]) => table === tables.ruleSources)![1] as Row[]).map((row) => row.rule);
    expect(new Set(rules)).toEqual(new Set(APPLIED_RULES));
    const notes = dataset.find(([table]) => table === tables.validityNotes)![1] as Row[];
    expect(notes.map((note) => note.code).sort()).toEqual([...VALIDITY_NOTES].sort());
    for (const note of notes) {
      expect(sourcesById.has(note.sourceId as string), String(note.code)).toBe(true);
      const dated = String(note.code).includes('APPLIED_BEFORE_RENEWAL_WINDOW') || note.code === 'RENEWAL_WINDOW_NOT_YET_OPEN';
      expect(String(note.textJa).includes('{date}') && String(note.textEn).includes('{date}'), String(note.code)).toBe(dated);
    }
  });
});

// Arguments for every field that needs some, chosen so the computed answers apply every rule between them.
const ARGUMENTS: Record<string, string[]> = {
  'Query.offices': ['(first: 100)'],
  'Query.officesForProcedure': ['(procedure: PIN_RESET, residentWard: TEINE)'],
  'Query.procedure': ['(kind: PIN_RESET)'],
  'Query.certificateType': ['(kind: SIGNATURE)'],
  'Procedure.offices': ['(residentWard: KITA)'],
  'Query.renewalWindow': ['(expiresOn: "2023-05-28", asOf: "2023-01-01")', '(expiresOn: "2023-07-07")'],
  'Query.certificateValidity': [
    '(input: { birthDate: "1980-10-10", issuedOn: "2020-05-15", asOf: "2026-11-25" })',
    '(input: { birthDate: "1980-10-10", issuedOn: "2024-09-01", previousUserAuthenticationExpiresOn: "2024-10-10", previousSignatureExpiresOn: "2022-03-31" })',
    '(input: { birthDate: "1985-04-10", issuedOn: "2020-01-10", previousExpiresOn: "2020-04-10" })',
    '(input: { birthDate: "2000-02-29", issuedOn: "2021-06-01", appliedOn: "2021-05-01", previousExpiresOn: "2021-07-01", cardExpiresOn: "2023-05-30" })',
    '(input: { birthDate: "2010-06-01", issuedOn: "2025-05-31", underGuardianship: true })',
  ],
  'Query.certificateValidities': ['(inputs: [{ birthDate: "1980-10-10", issuedOn: "2020-05-15" }])'],
  'Query.convenienceStoreEligibility': [
    '(input: { birthDate: "1980-10-10", userAuthenticationExpiresOn: "2028-10-10" })',
    '(input: { birthDate: "2008-02-29", userAuthenticationExpiresOn: "2026-11-24", pinLocked: true, residentOfSapporo: false, domicileInSapporo: true, asOf: "2026-11-25" })',
  ],
};

const SOURCE_SELECTION = '{ __typename key kind url }';

/** A selection of every path from `type` to a Source; null when none leads to one. */
function selection(type: GraphQLObjectType, path: readonly string[]): string | null {
  if (type.name === 'Source') return SOURCE_SELECTION;
  const parts = Object.values(type.getFields()).flatMap((field) => {
    const named = getNamedType(field.type);
    if (isLeafType(named) || isInterfaceType(named) || !isObjectType(named) || path.includes(named.name)) return [];
    const inner = selection(named, [...path, named.name]);
    if (inner === null) return [];
    const coordinate = `${type.name}.${field.name}`;
    const required = field.args.filter((arg) => arg.type.toString().endsWith('!') && arg.defaultValue === undefined);
    const argumentSets = ARGUMENTS[coordinate] ?? (required.length === 0 ? [''] : null);
    if (argumentSets === null) throw new Error(`${coordinate} needs sample arguments in ARGUMENTS`);
    return argumentSets.map((args, index) => `${argumentSets.length > 1 ? `${field.name}${index}: ` : ''}${field.name}${args} ${inner}`);
  });
  return parts.length === 0 ? null : `{ ${parts.join(' ')} }`;
}

describe('the answers', () => {
  const app = createTestApp({
    clock: () => new Date('2026-11-25T03:00:00Z'),
    config: { limits: { ...testConfig().limits, maxCost: 10_000_000, maxDepth: 50, maxAliases: 100, maxTokens: 100_000 } },
  });

  it('name a source with a URL (or our policy) for every fact a query over the whole schema returns, computed answers included', async () => {
    const query = selection(schema.getQueryType()!, ['Query'])!;
    const { body } = await app.graphql(query);
    expect(body.errors).toBeUndefined();
    const seen = new Set<string>();
    let lists = 0;
    const walk = (value: unknown, key: string) => {
      if (Array.isArray(value)) {
        if (key === 'sources' || key.endsWith('Sources')) {
          lists += 1;
          expect(value.length, key).toBeGreaterThan(0);
          expect(value.some((source: Row) => source.url !== null), key).toBe(true);
        }
        for (const item of value) walk(item, key);
      } else if (value !== null && typeof value === 'object') {
        const object = value as Row;
        if (object.__typename === 'Source') {
          seen.add(String(object.key));
          expect(object.kind === 'OUR_POLICY' ? object.url === null : /^https?:\/\//.test(String(object.url)), String(object.key)).toBe(true);
        }
        for (const [name, inner] of Object.entries(object)) walk(inner, name.replace(/\d+$/, ''));
      }
    };
    walk(body.data, 'data');
    expect(lists).toBeGreaterThan(20);
    // Every source the rules cite shows up in some answer (several rules share a source, so this does not show every rule applied).
    const cited = new Set((dataset.find(([table]) => table === tables.ruleSources)![1] as Row[]).map((row) => row.sourceId as string));
    for (const id of cited) expect(seen, id).toContain(id);
    expect(seen).toEqual(new Set(sourcesById.keys()));
  });
});
