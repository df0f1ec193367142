import DataLoader from 'dataloader';
import type { Queries } from './queries.ts';

interface BatchQuery<Row> {
  all(values: { keys: string }): Row[];
}

/** One row per key (or null), in the order DataLoader asks. */
function byKey<Row, Key extends string>(query: BatchQuery<Row>, keyOf: (row: Row) => Key) {
  return new DataLoader<Key, Row | null>(async (keys) => {
    const rows = new Map(query.all({ keys: JSON.stringify(keys) }).map((row) => [keyOf(row), row]));
    return keys.map((key) => rows.get(key) ?? null);
  });
}

/** Every row of a relation for each key, in the statement's order. */
function groupedByKey<Row, Key extends string>(query: BatchQuery<Row>, keyOf: (row: Row) => Key) {
  return new DataLoader<Key, Row[]>(async (keys) => {
    const groups = new Map<Key, Row[]>(keys.map((key) => [key, []]));
    for (const row of query.all({ keys: JSON.stringify(keys) })) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** Every row of a table, read once per request however many fields (aliases of one list) ask for it. */
function everyRow<Row>(query: { all(): Row[] }) {
  return new DataLoader<typeof EVERY_ROW, Row[]>(async (keys) => {
    const rows = query.all();
    return keys.map(() => rows);
  });
}

/** The one key of an `everyRow` loader. */
export const EVERY_ROW = 'every row';

function loaderFactories(q: Queries) {
  return {
    allOffices: () => everyRow(q.allOffices),
    allNotices: () => everyRow(q.noticesAll),
    allProcedures: () => everyRow(q.proceduresAll),
    allSources: () => everyRow(q.sourcesAll),
    allCertificateTypes: () => everyRow(q.certificateTypesAll),
    allContactPoints: () => everyRow(q.contactPointsAll),
    allIdDocumentLists: () => everyRow(q.idDocumentListsAll),
    convenienceStoreService: () => everyRow(q.convenienceStoreService),
    allConvenienceStoreDocuments: () => everyRow(q.convenienceStoreDocumentsAll),
    allConvenienceStoreTexts: () => everyRow(q.convenienceStoreTextsAll),
    office: () => byKey(q.officesByIds, (row) => row.id),
    officesByKind: () => groupedByKey(q.officesByKinds, (row) => row.kind),
    procedure: () => byKey(q.proceduresByKinds, (row) => row.kind),
    procedureItems: () => groupedByKey(q.procedureItemsByProcedures, (row) => row.procedure),
    procedureOffices: () => groupedByKey(q.procedureOfficesByProcedures, (row) => row.procedure),
    proceduresByOfficeKind: () => groupedByKey(q.procedureOfficesByOfficeKinds, (row) => row.officeKind),
    certificateType: () => byKey(q.certificateTypesByKinds, (row) => row.kind),
    revocationTriggers: () => groupedByKey(q.revocationTriggersByKinds, (row) => row.certificateKind),
    validityNote: () => byKey(q.validityNotesByCodes, (row) => row.code),
    ruleSources: () => groupedByKey(q.ruleSourcesByRules, (row) => row.rule),
    idDocumentList: () => byKey(q.idDocumentListsByCodes, (row) => row.code),
    idDocumentListRules: () => groupedByKey(q.idDocumentListRulesByLists, (row) => row.listCode),
    idDocuments: () => groupedByKey(q.idDocumentsByLists, (row) => row.listCode),
    idDocument: () => byKey(q.idDocumentsByIds, (row): string => `${row.listCode}:${row.position}`),
    contactPoint: () => byKey(q.contactPointsByIds, (row) => row.id),
    notice: () => byKey(q.noticesByIds, (row) => row.id),
    noticeParagraphs: () => groupedByKey(q.noticeParagraphsByNotices, (row) => row.noticeId),
    source: () => byKey(q.sourcesByIds, (row) => row.id),
    convenienceStoreDocument: () => byKey(q.convenienceStoreDocumentsByKinds, (row) => row.kind),
  };
}

type LoaderFactories = ReturnType<typeof loaderFactories>;
export type Loaders = { readonly [Name in keyof LoaderFactories]: ReturnType<LoaderFactories[Name]> };

/** A class per set of prepared statements, whose getters make each loader on first use. */
const loaderClasses = new WeakMap<Queries, new () => Loaders>();

function loaderClass(q: Queries): new () => Loaders {
  const factories = loaderFactories(q);
  class RequestLoaders {
    readonly made = new Map<string, unknown>();
  }
  for (const [name, make] of Object.entries(factories)) {
    Object.defineProperty(RequestLoaders.prototype, name, {
      get(this: RequestLoaders) {
        let loader = this.made.get(name);
        if (loader === undefined) this.made.set(name, (loader = make()));
        return loader;
      },
    });
  }
  return RequestLoaders as unknown as new () => Loaders;
}

/**
 * One DataLoader per relation for each request, so nothing is shared between requests; each is
 * made on first use (a computation uses a few of twenty-nine, and making them all cost about
 * a microsecond a request).
 */
export function createLoaders(q: Queries): Loaders {
  let Class = loaderClasses.get(q);
  if (Class === undefined) loaderClasses.set(q, (Class = loaderClass(q)));
  return new Class();
}
