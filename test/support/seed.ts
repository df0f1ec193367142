import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as tables from '../../schema/tables.ts';
import { dataset } from '../../seed/dataset.ts';
import type { SeedDataset } from '../../seed/load.ts';

/** The city's dataset with the rows of one table edited. */
export function withRows<Table extends SQLiteTable>(
  table: Table,
  edit: (rows: Table['$inferInsert'][]) => Table['$inferInsert'][],
  data: SeedDataset = dataset,
): SeedDataset {
  return data.map(([t, rows]) => (t === table ? ([t, edit(rows as Table['$inferInsert'][])] as const) : ([t, rows] as const)));
}

/**
 * The dataset marked with `version` (1–4) where an answer shows it: every office's English name
 * starts `V<version> `, and the rule of the 5th birthday (read into memory, not per request) says
 * `version` birthdays.
 */
export function versioned(version: number): SeedDataset {
  const named = withRows(tables.offices, (rows) => rows.map((row) => ({ ...row, nameEn: `V${version} ${row.nameEn}` })));
  return withRows(tables.validityRules, (rows) => rows.map((row) => ({ ...row, validityBirthdays: version })), named);
}

/** What `{ offices(first: 100) { nodes { name { en } } } certificateTypes { validityBirthdays } }` answered. */
export interface VersionedAnswer {
  offices: { nodes: { name: { en: string } }[] };
  certificateTypes: { validityBirthdays: number }[];
}

/** The versions (versioned) an answer's rows say, and the one its rule says; 0 for the dataset as committed. */
export function versionsOf(data: VersionedAnswer): { rows: number[]; rules: number[] } {
  return {
    rows: [...new Set(data.offices.nodes.map((office) => Number(/^V(\d+) /.exec(office.name.en)?.[1] ?? 0)))],
    rules: [...new Set(data.certificateTypes.map((type) => (type.validityBirthdays === 5 ? 0 : type.validityBirthdays)))],
  };
}
