import { createHash } from 'node:crypto';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { getTableName } from '../schema/drizzle.ts';
import { seedState } from '../schema/tables.ts';
import { dataset } from './dataset.ts';

export type SeedDataset = ReadonlyArray<readonly [table: Parameters<BetterSQLite3Database['insert']>[0], rows: readonly object[]]>;

export function datasetHash(data: SeedDataset = dataset): string {
  const hash = createHash('sha256');
  for (const [table, rows] of data) hash.update(getTableName(table)).update(JSON.stringify(rows));
  return hash.digest('hex').slice(0, 32);
}

/**
 * Makes the database hold exactly the dataset, in one transaction: nothing when its hash is
 * already recorded, otherwise every seeded table emptied and refilled, so an edited or removed
 * row never lingers and a re-run never duplicates. Returns whether anything was written.
 */
export function loadSeed(db: BetterSQLite3Database, data: SeedDataset = dataset): boolean {
  const hash = datasetHash(data);
  return db.transaction((tx) => {
    const current = tx.select({ dataHash: seedState.dataHash }).from(seedState).get();
    if (current?.dataHash === hash) return false;
    for (const [table] of [...data].reverse()) tx.delete(table).run();
    for (const [table, rows] of data) if (rows.length > 0) tx.insert(table).values(rows as never).run();
    tx.insert(seedState).values({ id: 1, dataHash: hash }).onConflictDoUpdate({ target: seedState.id, set: { dataHash: hash } }).run();
    return true;
  });
}
