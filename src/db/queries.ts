import type Database from 'better-sqlite3';
import type { SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { alias, asc, drizzle, eq, getTableColumns, sql } from '../../schema/drizzle.ts';
import * as t from '../../schema/tables.ts';

export type OfficeRow = typeof t.offices.$inferSelect & {
  wardCode: string | null;
  /** Who assigns the ward's code; null for an office without a ward. */
  wardSourceId: string | null;
  /** The ward the address lies in (the card centre has one too, though it serves every ward); null without an address. */
  locationWardNameJa: string | null;
  locationWardCode: string | null;
  /** Who assigns that ward's code. */
  locationWardSourceId: string | null;
};
export type ProcedureRow = typeof t.procedures.$inferSelect;
export type CertificateTypeRow = typeof t.certificateTypes.$inferSelect;
export type ValidityNoteRow = typeof t.validityNotes.$inferSelect;
export type IdDocumentListRow = typeof t.idDocumentLists.$inferSelect;
export type IdDocumentRow = typeof t.idDocuments.$inferSelect;
export type ContactPointRow = typeof t.contactPoints.$inferSelect;
export type NoticeRow = typeof t.notices.$inferSelect;
export type SourceRow = typeof t.sources.$inferSelect;
export type ConvenienceStoreServiceRow = typeof t.convenienceStoreServices.$inferSelect;
export type ConvenienceStoreDocumentRow = typeof t.convenienceStoreDocuments.$inferSelect;

const KEYS = sql.placeholder('keys');

/** `column IN (keys)` with the keys bound as one JSON parameter, so a batch of any size reuses one prepared statement. */
function inKeys(column: SQLiteColumn): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${KEYS}))`;
}

/**
 * Every statement the API runs, prepared once per connection. Batched lookups take their keys as
 * `{ keys: JSON.stringify([...]) }`.
 */
export function prepareQueries(sqlite: Database.Database) {
  const db = drizzle(sqlite);
  // Every Sapporo address starts with the city and its ward (札幌市中央区…); the ward table says which.
  const locationWard = alias(t.wards, 'location_ward');
  const officeColumns = {
    ...getTableColumns(t.offices),
    wardCode: t.wards.code,
    wardSourceId: t.wards.sourceId,
    locationWardNameJa: locationWard.nameJa,
    locationWardCode: locationWard.code,
    locationWardSourceId: locationWard.sourceId,
  };
  const officesBase = () =>
    db
      .select(officeColumns)
      .from(t.offices)
      .leftJoin(t.wards, eq(t.wards.key, t.offices.ward))
      .leftJoin(locationWard, sql`${t.offices.addressJa} LIKE '札幌市' || ${locationWard.nameJa} || '%'`);

  return {
    allOffices: officesBase().orderBy(asc(t.offices.position)).prepare(),
    officesByIds: officesBase().where(inKeys(t.offices.id)).prepare(),
    officesByKinds: officesBase().where(inKeys(t.offices.kind)).orderBy(asc(t.offices.position)).prepare(),
    proceduresAll: db.select().from(t.procedures).orderBy(asc(t.procedures.position)).prepare(),
    proceduresByKinds: db.select().from(t.procedures).where(inKeys(t.procedures.kind)).prepare(),
    procedureItemsByProcedures: db
      .select()
      .from(t.procedureItems)
      .where(inKeys(t.procedureItems.procedure))
      .orderBy(asc(t.procedureItems.category), asc(t.procedureItems.position))
      .prepare(),
    procedureOfficesByProcedures: db.select().from(t.procedureOffices).where(inKeys(t.procedureOffices.procedure)).prepare(),
    procedureOfficesByOfficeKinds: db
      .select({ ...getTableColumns(t.procedureOffices), position: t.procedures.position })
      .from(t.procedureOffices)
      .innerJoin(t.procedures, eq(t.procedures.kind, t.procedureOffices.procedure))
      .where(inKeys(t.procedureOffices.officeKind))
      .orderBy(asc(t.procedures.position))
      .prepare(),
    certificateTypesAll: db.select().from(t.certificateTypes).orderBy(asc(t.certificateTypes.position)).prepare(),
    certificateTypesByKinds: db.select().from(t.certificateTypes).where(inKeys(t.certificateTypes.kind)).prepare(),
    revocationTriggersByKinds: db
      .select()
      .from(t.revocationTriggers)
      .where(inKeys(t.revocationTriggers.certificateKind))
      .orderBy(asc(t.revocationTriggers.position))
      .prepare(),
    validityRules: db.select().from(t.validityRules).where(eq(t.validityRules.id, 1)).prepare(),
    validityNotesByCodes: db.select().from(t.validityNotes).where(inKeys(t.validityNotes.code)).prepare(),
    ruleSourcesByRules: db.select().from(t.ruleSources).where(inKeys(t.ruleSources.rule)).orderBy(asc(t.ruleSources.position)).prepare(),
    idDocumentListsAll: db.select().from(t.idDocumentLists).orderBy(asc(t.idDocumentLists.position)).prepare(),
    idDocumentListsByCodes: db.select().from(t.idDocumentLists).where(inKeys(t.idDocumentLists.code)).prepare(),
    idDocumentListRulesByLists: db
      .select()
      .from(t.idDocumentListRules)
      .where(inKeys(t.idDocumentListRules.listCode))
      .orderBy(asc(t.idDocumentListRules.position))
      .prepare(),
    idDocumentsByLists: db
      .select()
      .from(t.idDocuments)
      .where(inKeys(t.idDocuments.listCode))
      .orderBy(asc(t.idDocuments.position))
      .prepare(),
    idDocumentsByIds: db
      .select()
      .from(t.idDocuments)
      .where(sql`(${t.idDocuments.listCode} || ':' || ${t.idDocuments.position}) IN (SELECT value FROM json_each(${KEYS}))`)
      .prepare(),
    contactPointsAll: db.select().from(t.contactPoints).orderBy(asc(t.contactPoints.position)).prepare(),
    contactPointsByIds: db.select().from(t.contactPoints).where(inKeys(t.contactPoints.id)).prepare(),
    noticesAll: db.select().from(t.notices).orderBy(asc(t.notices.position)).prepare(),
    noticesByIds: db.select().from(t.notices).where(inKeys(t.notices.id)).prepare(),
    noticeParagraphsByNotices: db
      .select()
      .from(t.noticeParagraphs)
      .where(inKeys(t.noticeParagraphs.noticeId))
      .orderBy(asc(t.noticeParagraphs.position))
      .prepare(),
    sourcesAll: db.select().from(t.sources).orderBy(asc(t.sources.id)).prepare(),
    sourcesByIds: db.select().from(t.sources).where(inKeys(t.sources.id)).prepare(),
    convenienceStoreService: db.select().from(t.convenienceStoreServices).where(eq(t.convenienceStoreServices.id, 1)).prepare(),
    convenienceStoreDocumentsAll: db.select().from(t.convenienceStoreDocuments).orderBy(asc(t.convenienceStoreDocuments.position)).prepare(),
    convenienceStoreDocumentsByKinds: db.select().from(t.convenienceStoreDocuments).where(inKeys(t.convenienceStoreDocuments.kind)).prepare(),
    convenienceStoreTextsAll: db
      .select()
      .from(t.convenienceStoreTexts)
      .orderBy(asc(t.convenienceStoreTexts.category), asc(t.convenienceStoreTexts.position))
      .prepare(),
    convenienceStoreRemediesAll: db.select().from(t.convenienceStoreRemedies).prepare(),
    dataHash: db.select({ dataHash: t.seedState.dataHash }).from(t.seedState).prepare(),
  };
}

export type Queries = ReturnType<typeof prepareQueries>;
