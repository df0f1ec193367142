/** Preparing the database file before serving: refusing one that cannot be served, migrating, seeding. */
import { chmodSync, existsSync, mkdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, migrate } from '../../schema/drizzle.ts';
import { dataset } from '../../seed/dataset.ts';
import { datasetHash, loadSeed, type SeedDataset } from '../../seed/load.ts';
import { databaseReadiness, MIGRATIONS_FOLDER, rootCause, sqliteCode } from './database.ts';

/** A database file that cannot be served; the message is one line naming the file. */
class DatabaseFileError extends Error {
  override name = 'DatabaseFileError';
}

/** The driver's own reason, its first line. */
function reasonOf(error: unknown): string {
  const root = rootCause(error);
  const message = root instanceof Error ? root.message : String(root);
  return message.split('\n', 1)[0] ?? message;
}

/** The driver's own reason on one line, with SQLite's code when it has one (which I/O failed, say). */
function describe(error: unknown): string {
  const code = sqliteCode(error);
  return code === null ? reasonOf(error) : `${reasonOf(error)} (${code})`;
}

/**
 * Refuses a file that exists but is not a healthy SQLite database, before anything writes to it;
 * of a healthy one, says whether it is current: every migration of this release applied and the
 * seed's hash recorded, so nothing is to be written (a file on read-only storage is served so).
 */
function existingFileState(path: string, seed: SeedDataset): 'absent' | 'current' | 'outdated' {
  if (!existsSync(path)) return 'absent';
  const kind = statSync(path);
  // SQLite would say only "disk I/O error".
  if (kind.isDirectory()) throw new DatabaseFileError(`database file ${path} is a directory (left untouched): set DATABASE_PATH to a file in it, e.g. ${join(path, 'jpki.db')}`);
  // A FIFO would hold the start forever; a device was read as an empty database and replaced (as root, /dev/null).
  if (!kind.isFile()) throw new DatabaseFileError(`database file ${path} is not a regular file (left untouched): set DATABASE_PATH to a file`);
  try {
    return probedState(path, seed);
  } catch (error) {
    if (sqliteCode(error) !== 'SQLITE_READONLY_ROLLBACK') throw error;
  }
  rollBackHotJournal(path);
  return probedState(path, seed);
}

/**
 * A writer killed mid-transaction (a first start stopped half-way, a crashed `db:seed`) leaves a
 * hot journal, which only a connection that may write rolls back; the read-only probe then failed
 * every start with SQLITE_READONLY_ROLLBACK, though the file was sound. The first read of a
 * writable connection does SQLite's own recovery: the file as of its last commit.
 */
function rollBackHotJournal(path: string): void {
  try {
    const writer = new Database(path, { fileMustExist: true });
    try {
      writer.pragma('schema_version');
    } finally {
      writer.close();
    }
  } catch (error) {
    throw new DatabaseFileError(`database file ${path} cannot be used (left untouched): ${describe(error)}`);
  }
}

/** existingFileState's probe: one read-only connection. */
function probedState(path: string, seed: SeedDataset): 'current' | 'outdated' {
  let probe: Database.Database | undefined;
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true });
    const result = probe.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new Error(`integrity check failed: ${String(result)}`);
    const { migrationsApplied, migratedByNewerRelease, dataPresent } = databaseReadiness(probe)();
    if (migratedByNewerRelease) {
      throw new DatabaseFileError(`database file ${path} was migrated by a newer release (left untouched): start that release, or put back a copy of the file this release made`);
    }
    const current = migrationsApplied && dataPresent && probe.prepare<[], string>('SELECT data_hash FROM seed_state').pluck().get() === datasetHash(seed);
    return current ? 'current' : 'outdated';
  } catch (error) {
    if (error instanceof DatabaseFileError || sqliteCode(error) === 'SQLITE_READONLY_ROLLBACK') throw error;
    throw new DatabaseFileError(`database file ${path} cannot be used (left untouched): ${describe(error)}`);
  } finally {
    probe?.close();
  }
}

/**
 * Creates the file if missing, applies pending migrations and loads the seed, on a writing
 * connection that is closed again: serving connections are read-only. Rollback-journal mode keeps
 * the file alone self-contained, so read-only connections (and several processes) can open it. A
 * file that exists is prepared beside itself (prepareBeside), and not written at all when current.
 */
export function prepareDatabaseFile(path: string, seed: SeedDataset = dataset): { seeded: boolean } {
  // Through a symbolic link (a release pointing at its file), the file it names is prepared, and the
  // link stays: renamed over, the link itself became a regular file.
  const file = existsSync(path) ? realpathSync(path) : path;
  const state = existingFileState(file, seed);
  if (state === 'absent') return prepareInPlace(file, seed);
  if (state === 'current') return { seeded: false };
  return prepareBeside(file, seed);
}

function prepareInPlace(path: string, seed: SeedDataset): { seeded: boolean } {
  for (let attempt = 1; ; attempt++) {
    try {
      return migrateAndSeed(path, seed);
    } catch (error) {
      if (attempt < PREPARE_ATTEMPTS && lostRace(error)) {
        sleepSync(PREPARE_RETRY_MS * attempt);
        continue;
      }
      throw new DatabaseFileError(`database file ${path} could not be prepared: ${describe(error)}`);
    }
  }
}

/**
 * A file that exists may be served while it is prepared (`npm run db:seed` against running
 * servers, a new release starting beside an old one). Written in place, a serving connection saw
 * the commit at once while the rule values its process holds are read again only at its next
 * check, and answers mixed the rows of one seed with the rule values of the other. So the work is
 * done on a consistent copy beside the file (VACUUM INTO), with its permissions, renamed over it in
 * one step: a serving process reads the old file whole until its next check opens the new one.
 */
function prepareBeside(path: string, seed: SeedDataset): { seeded: boolean } {
  const copy = `${path}.preparing-${process.pid}`;
  rmSync(copy, { force: true });
  try {
    const source = new Database(path, { readonly: true, fileMustExist: true });
    try {
      source.prepare('VACUUM INTO ?').run(copy);
    } finally {
      source.close();
    }
    chmodSync(copy, statSync(path).mode & 0o7777);
    const result = migrateAndSeed(copy, seed);
    renameSync(copy, path);
    return result;
  } catch (error) {
    throw new DatabaseFileError(`database file ${path} could not be prepared: ${describe(error)}`);
  } finally {
    rmSync(copy, { force: true });
  }
}

/**
 * Several processes started at once on one new file (a server per core) each prepare it. drizzle
 * reads which migrations are applied before its transaction, and two deferred transactions that
 * both read and then write deadlock (SQLite answers one of them SQLITE_BUSY at once, without
 * waiting): the loser finds a table already made, a row already there, or the file busy. Its next
 * attempt finds the work done.
 */
const PREPARE_ATTEMPTS = 5;
const PREPARE_RETRY_MS = 100;

function lostRace(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_BUSY' || code?.startsWith('SQLITE_CONSTRAINT') === true || / already exists$/.test(reasonOf(error));
}

/** Start-up waits, synchronously: nothing is served before the file is ready. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function migrateAndSeed(path: string, seed: SeedDataset): { seeded: boolean } {
  let writer: Database.Database | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writer = new Database(path);
    writer.pragma('journal_mode = DELETE');
    writer.pragma('foreign_keys = ON');
    const { client, firstFailure } = keepingFirstFailure(writer);
    const db = drizzle(client);
    try {
      migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    } catch (error) {
      throw firstFailure() ?? error;
    }
    return { seeded: loadSeed(db, seed) };
  } finally {
    writer?.close();
  }
}

/**
 * drizzle's migrator answers a failed statement with ROLLBACK. After a full disk or a failed
 * write SQLite has already undone the transaction itself, so that ROLLBACK fails too, and its
 * "cannot rollback - no transaction is active" would be all the operator reads. The connection
 * given to drizzle keeps the first statement that failed, the one saying what happened.
 */
function keepingFirstFailure(sqlite: Database.Database): { client: Database.Database; firstFailure: () => unknown } {
  let first: unknown = null;
  const prepare = (source: string) => {
    const statement = sqlite.prepare(source);
    const run = statement.run.bind(statement);
    statement.run = (...parameters: unknown[]) => {
      try {
        return run(...parameters);
      } catch (error) {
        first ??= error;
        throw error;
      }
    };
    return statement;
  };
  const client = new Proxy(sqlite, {
    get: (target, property) => (property === 'prepare' ? prepare : (Reflect.get(target, property, target) as unknown)),
  });
  return { client, firstFailure: () => first };
}
