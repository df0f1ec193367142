import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
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
