import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, renameSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { temporaryDatabasePath } from '../../test/support/app.ts';
import { overwrite } from '../../test/support/files.ts';
import { withRows } from '../../test/support/seed.ts';
import * as tables from '../../schema/tables.ts';
import { datasetHash } from '../../seed/load.ts';
import { dataset } from '../../seed/dataset.ts';
import { prepareDatabaseFile } from './prepare-file.ts';
import { ServingDatabase, UnavailableReason, type ServingDatabaseOptions } from './serving-database.ts';

const READY = { migrationsApplied: true, dataPresent: true };

function seededFile(): string {
  const path = temporaryDatabasePath();
  prepareDatabaseFile(path);
  return path;
}

/** A holder that checks only when told to, recording every callback. */
function holder(path: string, options: Partial<ServingDatabaseOptions> = {}) {
  const dataChanges: string[] = [];
  const availability: [boolean, string | undefined][] = [];
  const database = new ServingDatabase({
    path,
    checkIntervalMs: 0,
    onDataChanged: (queries) => dataChanges.push(queries.dataHash.get()!.dataHash),
    onAvailabilityChanged: (available, reason) => availability.push([available, reason]),
    ...options,
  });
  return { database, dataChanges, availability };
}


/** SQLite's header begins with these 16 bytes (https://www.sqlite.org/fileformat.html). */
const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

function writeSql(path: string, sql: string): void {
  const writer = new Database(path);
  writer.exec(sql);
  writer.close();
}

describe('the serving database', () => {
  it('serves a good file: available, ready, the data hash of the seed reported once', () => {
    const { database, dataChanges, availability } = holder(seededFile());
    expect(database.available()).toBe(true);
    expect(database.readiness()).toEqual(READY);
    expect(dataChanges).toEqual([datasetHash(dataset)]);
    expect(availability).toEqual([]);
    expect(database.sqlite?.readonly).toBe(true);
    database.close();
  });

  it('keeps its connection and prepared statements while the file is unchanged', () => {
    const { database, dataChanges } = holder(seededFile());
    const queries = database.queries();
    database.check();
    database.check();
    expect(database.queries()).toBe(queries);
    expect(dataChanges).toHaveLength(1);
    database.close();
  });

  it('goes unavailable when the header is overwritten in place, and serves again once the bytes are restored', () => {
    const path = seededFile();
    const { database, availability, dataChanges } = holder(path);
    const queries = database.queries();
    overwrite(path, Buffer.alloc(16, 0x41));
    expect(() => database.check()).not.toThrow();
    expect(database.available()).toBe(false);
    expect(database.readiness()).toEqual({ migrationsApplied: false, dataPresent: false, reason: UnavailableReason.FILE_UNREADABLE });
    database.check();
    expect(database.available()).toBe(false);

    overwrite(path, MAGIC);
    database.check();
    expect(database.readiness()).toEqual(READY);
    expect(database.queries()).not.toBe(queries);
    expect(database.queries().dataHash.get()?.dataHash).toBe(datasetHash(dataset));
    // Whatever file comes back is read again: a file with the same seed may still differ in a row.
    expect(dataChanges).toHaveLength(2);
    expect(availability).toEqual([
      [false, UnavailableReason.FILE_UNREADABLE],
      [true, undefined],
    ]);
    database.close();
  });

  it('refuses a file damaged past its header, which the old connection would still answer from its page cache', () => {
    const path = seededFile();
    const { database } = holder(path);
    const original = readFileSync(path);
    const damaged = Buffer.from(original);
    damaged.fill(0, 4096);
    // A new change counter, so that no connection trusts the pages it has cached.
    damaged.writeUInt32BE(damaged.readUInt32BE(24) + 1, 24);
    overwrite(path, damaged);
    database.check();
    expect(database.readiness().reason).toBe(UnavailableReason.FILE_UNREADABLE);
    overwrite(path, original);
    database.check();
    expect(database.readiness()).toEqual(READY);
    database.close();
  });

  it('goes unavailable when the file is deleted, and serves a good file renamed into place', () => {
    const path = seededFile();
    const { database } = holder(path);
    renameSync(path, `${path}.moved`);
    database.check();
    expect(database.readiness()).toEqual({ migrationsApplied: false, dataPresent: false, reason: UnavailableReason.FILE_MISSING });
    renameSync(`${path}.moved`, path);
    database.check();
    expect(database.readiness()).toEqual(READY);
    database.close();
  });

  it('reports new data once when the file is re-seeded', () => {
    const path = seededFile();
    const { database, dataChanges } = holder(path);
    const edited = withRows(tables.offices, (rows) => rows.map((row) => ({ ...row, phone: '011-000-0000' })));
    expect(prepareDatabaseFile(path, edited)).toEqual({ seeded: true });
    database.check();
    database.check();
    expect(dataChanges).toEqual([datasetHash(dataset), datasetHash(edited)]);
    expect(database.queries().allOffices.all().map((office) => office.phone)).toContain('011-000-0000');
    database.close();
  });

  it('is not ready for a file without the seed, or without a migration of this release', () => {
    const path = seededFile();
    const { database } = holder(path);
    writeSql(path, 'DELETE FROM seed_state');
    database.check();
    expect(database.readiness()).toEqual({ migrationsApplied: true, dataPresent: false, reason: UnavailableReason.DATA_MISSING });
    writeSql(path, 'DELETE FROM __drizzle_migrations WHERE rowid = (SELECT max(rowid) FROM __drizzle_migrations)');
    database.check();
    expect(database.readiness()).toEqual({ migrationsApplied: false, dataPresent: false, reason: UnavailableReason.MIGRATIONS_MISSING });
    expect(database.available()).toBe(false);
    database.close();
  });

  it('stops serving after a fault reported by a query, until the next check has reopened the file', () => {
    const { database, availability } = holder(seededFile());
    const queries = database.queries();
    database.reportFault();
    expect(database.available()).toBe(false);
    expect(database.readiness().reason).toBe(UnavailableReason.FAULT_WHILE_SERVING);
    // Requests still in flight keep the statements they hold until the next check.
    expect(database.queries()).toBe(queries);
    expect(queries.dataHash.get()?.dataHash).toBe(datasetHash(dataset));
    database.check();
    expect(database.available()).toBe(true);
    expect(database.queries()).not.toBe(queries);
    expect(availability).toEqual([
      [false, UnavailableReason.FAULT_WHILE_SERVING],
      [true, undefined],
    ]);
    database.close();
  });

  it('never throws from a check, also when reading the new data fails', () => {
    const path = seededFile();
    const { database } = holder(path, {
      onDataChanged: () => {
        throw new Error('rules missing');
      },
    });
    expect(database.available()).toBe(false);
    expect(() => database.check()).not.toThrow();
    expect(database.readiness().reason).toBe(UnavailableReason.FILE_UNREADABLE);
    database.close();
  });

  it('starts unavailable, and says so, when the file is missing', () => {
    const { database, availability } = holder(`${temporaryDatabasePath()}.absent`);
    expect(database.available()).toBe(false);
    expect(availability).toEqual([[false, UnavailableReason.FILE_MISSING]]);
    expect(() => database.queries()).toThrow(/no database file/);
    database.reportFault();
    expect(database.readiness().reason).toBe(UnavailableReason.FILE_MISSING);
    expect(availability).toHaveLength(1);
    database.close();
  });
});
