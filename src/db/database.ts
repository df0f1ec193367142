/** The database file as the server reads it: read-only connections, and whether the file is ready to serve. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

/** The driver's own error: drizzle wraps it, with the whole SQL text, as its cause. */
export function rootCause(error: unknown): unknown {
  return error instanceof Error && error.cause instanceof Error ? error.cause : error;
}

/** SQLite's code of the driver's own error (`SQLITE_BUSY` …), if it has one. */
export function sqliteCode(error: unknown): string | null {
  const code = (rootCause(error) as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

export interface ReadOnlyOptions {
  /** Called with every SQL statement the driver runs (tests count them). */
  onStatement?: (sql: string) => void;
}

/**
 * How long a read waits for another process's write lock, synchronously, on the event loop: the
 * driver's default 5 s froze the whole process, /health included, under a `BEGIN EXCLUSIVE` (a race
 * probe). Past it, the read is a database fault (503; the file looked at again at the next check).
 * This release's own writers never lock a served file (prepareDatabaseFile works on a copy).
 */
const READ_LOCK_WAIT_MS = 100;

export function openReadOnly(path: string, options: ReadOnlyOptions = {}): Database.Database {
  const sqlite = new Database(path, {
    readonly: true,
    fileMustExist: true,
    timeout: READ_LOCK_WAIT_MS,
    ...(options.onStatement ? { verbose: (message?: unknown) => options.onStatement?.(String(message)) } : {}),
  });
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('query_only = ON');
  return sqlite;
}

interface Journal {
  entries: { tag: string; when: number }[];
}

/** The migrations this release has, in the order drizzle-kit made them. */
function readJournal(): Journal {
  return JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as Journal;
}

/**
 * Migrations applied and data present: what /ready reports. The committed journal and the
 * statements are read once; each probe then costs three small queries. A file without the journal
 * table (an empty SQLite file) or the seed's table has neither, rather than being unreadable.
 *
 * `migratedByNewerRelease`: the file records a migration made after every one this release has (a
 * rollback onto a file a newer release migrated): drizzle would apply nothing, and the file's
 * tables are not this release's to serve from. Start-up refuses such a file; a check finds it swapped in.
 */
export function databaseReadiness(sqlite: Database.Database): () => { migrationsApplied: boolean; migratedByNewerRelease: boolean; dataPresent: boolean } {
  const journal = readJournal();
  const latestOfRelease = Math.max(...journal.entries.map((entry) => entry.when));
  const tables = new Set(sqlite.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
  const migrated = tables.has('__drizzle_migrations');
  const count = (table: string) => (tables.has(table) ? sqlite.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck() : null);
  const applied = count('__drizzle_migrations');
  const latestInFile = migrated ? sqlite.prepare<[], number | null>('SELECT max(created_at) FROM __drizzle_migrations').pluck() : null;
  const seeded = count('seed_state');
  return () => ({
    migrationsApplied: applied?.get() === journal.entries.length,
    migratedByNewerRelease: Number(latestInFile?.get() ?? 0) > latestOfRelease,
    dataPresent: seeded?.get() === 1,
  });
}
