import * as tables from '../schema/tables.ts';
import { certificateTypeRows, revocationTriggerRows } from './data/certificate-types.ts';
import { contactPointRows } from './data/contact-points.ts';
import {
  convenienceStoreDocumentRows,
  convenienceStoreRemedyRows,
  convenienceStoreServiceRows,
  convenienceStoreTextRows,
} from './data/convenience-store.ts';
import { idDocumentListRows, idDocumentListRuleRows, idDocumentRows } from './data/id-documents.ts';
import { noticeParagraphRows, noticeRows } from './data/notices.ts';
import { officeRows, wardRows } from './data/offices.ts';
import { procedureItemRows, procedureOfficeRows, procedureRows } from './data/procedures.ts';
import { ruleSourceRows } from './data/rule-sources.ts';
import { sourceRows } from './data/sources.ts';
import { validityNoteRows, validityRuleRows } from './data/validity-rules.ts';

/**
 * Every seeded table with its rows, parents before children: the loader inserts in this order
 * and deletes in the reverse one, so foreign keys hold at every step.
 */
export const dataset = [
  [tables.sources, sourceRows],
  [tables.wards, wardRows],
  [tables.offices, officeRows],
  [tables.idDocumentLists, idDocumentListRows],
  [tables.idDocumentListRules, idDocumentListRuleRows],
  [tables.idDocuments, idDocumentRows],
  [tables.procedures, procedureRows],
  [tables.procedureItems, procedureItemRows],
  [tables.procedureOffices, procedureOfficeRows],
  [tables.certificateTypes, certificateTypeRows],
  [tables.revocationTriggers, revocationTriggerRows],
  [tables.validityRules, validityRuleRows],
  [tables.ruleSources, ruleSourceRows],
  [tables.validityNotes, validityNoteRows],
  [tables.contactPoints, contactPointRows],
  [tables.notices, noticeRows],
  [tables.noticeParagraphs, noticeParagraphRows],
  [tables.convenienceStoreServices, convenienceStoreServiceRows],
  [tables.convenienceStoreDocuments, convenienceStoreDocumentRows],
  [tables.convenienceStoreTexts, convenienceStoreTextRows],
  [tables.convenienceStoreRemedies, convenienceStoreRemedyRows],
] as const;
