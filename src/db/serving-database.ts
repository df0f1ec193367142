import Database from 'better-sqlite3';
import { databaseReadiness, openReadOnly, sqliteCode } from './database.ts';
import { readFileIdentity, sameFileIdentity, type FileIdentity } from './file-identity.ts';
import { prepareQueries, type Queries } from './queries.ts';

/** Why the data cannot be served; fixed phrases, so /ready never echoes a path or a driver message. */
export const UnavailableReason = {
  NOT_CHECKED: 'database not checked yet',
  FILE_MISSING: 'database file missing',
  FILE_UNREADABLE: 'database file unreadable or corrupt',
  FILE_LOCKED: 'database file locked by another process',
  FAULT_WHILE_SERVING: 'database error while serving; reopening',
  MIGRATIONS_MISSING: 'migrations not applied',
  MIGRATED_BY_NEWER_RELEASE: 'database file migrated by a newer release',
  DATA_MISSING: 'data not loaded',
} as const;
export type UnavailableReason = (typeof UnavailableReason)[keyof typeof UnavailableReason];

/** What /ready reports. `reason` is there only when the data cannot be served. */
export interface DatabaseReadiness {
  migrationsApplied: boolean;
  dataPresent: boolean;
  reason?: UnavailableReason;
}

/** Raised when the data is asked for before any good file was ever opened. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** An error that comes from the database file, not from the code: the client may retry later. */
export function isDatabaseFault(error: unknown): boolean {
  return error instanceof Database.SqliteError || error instanceof DatabaseUnavailableError;
}

export interface ServingDatabaseOptions {
  path: string;
  /** How often check() runs on its own; 0: only when called. */
  checkIntervalMs: number;
  /** Called with every SQL statement the serving connections run (tests count them). */
  onStatement?: (sql: string) => void;
  /**
   * A new file (or the same one reopened) is being served: re-read what is held in memory. Called
   * for every new connection, not only when the seed's hash changes: a file replaced by one with the
   * same seed but an edited row is new data too.
   */
  onDataChanged?: (queries: Queries) => void;
  /** The data became unavailable (with why) or available again; called on changes only. */
  onAvailabilityChanged?: (available: boolean, reason: UnavailableReason | undefined) => void;
  /** A check could not look at the file for want of descriptors (EMFILE/ENFILE); called once per run of such checks. */
  onCheckDeferred?: (reason: string) => void;
}

/** The process or the system is out of file descriptors: nothing is known about the file then. */
function isDescriptorShortage(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'EMFILE' || code === 'ENFILE';
}

interface Connection {
  sqlite: Database.Database;
  /** Null for a file whose migrations are not all applied: its tables may not be the ones queried. */
  queries: Queries | null;
  readiness: ReturnType<typeof databaseReadiness>;
  identity: FileIdentity;
  /** Counts the connections opened: a new file, or the same one reopened, is a new generation of the data. */
  generation: number;
}

/**
 * Owns the read-only connection the API serves from and keeps it honest: check() looks at the
 * file, reopens it when it changed or after any error (SQLite keeps a connection's page cache
 * while the header's change counter is unchanged, so a file restored in place is only seen by a
 * new connection), and never throws (docs/deployment.md, "When the database file fails").
 */
export class ServingDatabase {
  readonly #options: ServingDatabaseOptions;
  #connection: Connection | null = null;
  /** Replaced connections stay open until the next check, for requests still reading from them. */
  #retired: Connection[] = [];
  #state: DatabaseReadiness = { migrationsApplied: false, dataPresent: false, reason: UnavailableReason.NOT_CHECKED };
  #generation = 0;
  #servedGeneration = 0;
  #deferred = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: ServingDatabaseOptions) {
    this.#options = options;
    this.check();
    if (options.checkIntervalMs > 0) {
      this.#timer = setInterval(() => this.check(), options.checkIntervalMs);
      this.#timer.unref();
    }
  }

  /** The prepared statements of the current connection (the last good one while unavailable). */
  queries(): Queries {
    const connection = this.#connection ?? this.#retired.at(-1);
    if (!connection?.queries) throw new DatabaseUnavailableError('no database file with every migration applied is open');
    return connection.queries;
  }

  /** Which file's data is served: changes whenever a new connection is opened. Caches key their answers on it. */
  get generation(): number {
    return this.#generation;
  }

  /** The current connection, if any. */
  get sqlite(): Database.Database | null {
    return this.#connection?.sqlite ?? null;
  }

  available(): boolean {
    return this.#state.reason === undefined;
  }

  readiness(): DatabaseReadiness {
    return { ...this.#state };
  }

  /** A query failed with a database error: stop serving until the next check has reopened the file. */
  reportFault(): void {
    // Already unavailable: the reason the check found stands (requests meet no connection then).
    if (!this.available()) return;
    this.#retire();
    this.#setState({ migrationsApplied: false, dataPresent: false, reason: UnavailableReason.FAULT_WHILE_SERVING });
  }

  check(): void {
    for (const connection of this.#retired.splice(0)) connection.sqlite.close();
    try {
      const identity = readFileIdentity(this.#options.path);
      if (identity === null) {
        this.#deferred = false;
        this.#retire();
        this.#setState({ migrationsApplied: false, dataPresent: false, reason: UnavailableReason.FILE_MISSING });
        return;
      }
      if (!this.#connection || !sameFileIdentity(identity, this.#connection.identity)) this.#open(identity);
      this.#deferred = false;
      this.#setState(this.#inspect(this.#connection!));
    } catch (error) {
      // A file that could not be opened for want of descriptors is not a bad file: what the last
      // check found stands (serving goes on from the open connection) until a check can look.
      if (isDescriptorShortage(error)) {
        if (!this.#deferred) this.#options.onCheckDeferred?.('out of file descriptors (EMFILE/ENFILE)');
        this.#deferred = true;
        return;
      }
      this.#deferred = false;
      this.#retire();
      // A writer's lock is no fault of the file: the operator is told what holds it, not to restore a good copy.
      const code = sqliteCode(error);
      const locked = code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
      this.#setState({ migrationsApplied: false, dataPresent: false, reason: locked ? UnavailableReason.FILE_LOCKED : UnavailableReason.FILE_UNREADABLE });
    }
  }

  close(): void {
    clearInterval(this.#timer);
    this.#retire();
    for (const connection of this.#retired.splice(0)) connection.sqlite.close();
  }

  #open(identity: FileIdentity): void {
    this.#retire();
    const sqlite = openReadOnly(this.#options.path, { onStatement: this.#options.onStatement });
    try {
      // Reads every page once: a file damaged past its header is refused here, not by a request.
      const integrity = sqlite.pragma('quick_check', { simple: true });
      if (integrity !== 'ok') throw new Error('quick_check failed');
      const readiness = databaseReadiness(sqlite);
      // An older release's file lacks later tables: preparing the queries would fail, and the
      // check would call a sound file of the wrong release unreadable (#inspect says which it is).
      const queries = readiness().migrationsApplied ? prepareQueries(sqlite) : null;
      this.#connection = { sqlite, queries, readiness, identity, generation: this.#generation + 1 };
    } catch (error) {
      sqlite.close();
      throw error;
    }
  }

  #inspect(connection: Connection): DatabaseReadiness {
    const { migrationsApplied, migratedByNewerRelease, dataPresent } = connection.readiness();
    if (migratedByNewerRelease) return { migrationsApplied: false, dataPresent, reason: UnavailableReason.MIGRATED_BY_NEWER_RELEASE };
    if (!migrationsApplied || connection.queries === null) return { migrationsApplied: false, dataPresent, reason: UnavailableReason.MIGRATIONS_MISSING };
    if (!dataPresent) return { migrationsApplied, dataPresent, reason: UnavailableReason.DATA_MISSING };
    if (connection.generation !== this.#servedGeneration) {
      this.#options.onDataChanged?.(connection.queries);
      this.#servedGeneration = connection.generation;
      this.#generation = connection.generation;
    }
    return { migrationsApplied, dataPresent };
  }

  #retire(): void {
    if (this.#connection) this.#retired.push(this.#connection);
    this.#connection = null;
  }

  #setState(state: DatabaseReadiness): void {
    const changed = state.reason !== this.#state.reason;
    const wasChecked = this.#state.reason !== UnavailableReason.NOT_CHECKED;
    this.#state = state;
    // The first check only reports trouble: a healthy start is not news.
    if (changed && (wasChecked || state.reason !== undefined)) this.#options.onAvailabilityChanged?.(state.reason === undefined, state.reason);
  }
}
