import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { prepareDatabaseFile } from '../src/db/prepare-file.ts';
import { temporaryDatabasePath } from './support/app.ts';
import { untilListening } from './support/readiness.ts';
import { runServerToExit, START_ENV, START_FLAGS, startServer } from './support/server-process.ts';
import { answerParts, eventually, logLines } from './support/sockets.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('server start-up', () => {
  it('creates, migrates and seeds a missing database file, then answers', async () => {
    const databasePath = join(temporaryDatabasePath(), '..', 'nested', 'jpki.db');
    const server = await startServer({ DATABASE_PATH: databasePath });
    try {
      expect(existsSync(databasePath)).toBe(true);
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ offices { totalCount } }' }),
      });
      expect((await response.json()).data).toEqual({ offices: { totalCount: 11 } });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 30_000);

  it('is started by npm start with an 8 MB semi-space, an old generation of twice 40 MB plus both caches, and no inspector on SIGUSR1', async () => {
    // 2 × (40 MB of application + the default caches, 8 MB + 12 MB), docs/performance.md.
    const config = loadConfig({});
    const oldSpaceMb = 2 * (40 + (config.responseCacheBytes + config.operationCacheBytes) / 1024 / 1024);
    expect(START_FLAGS).toEqual(['--disable-sigusr1', '--max-semi-space-size=8', '--min-semi-space-size=8', `--max-old-space-size=${oldSpaceMb}`]);
    const server = await startServer({ DATABASE_PATH: temporaryDatabasePath() });
    try {
      const argv = readFileSync(`/proc/${server.pid}/cmdline`, 'utf8').split('\0');
      expect(argv).toEqual(expect.arrayContaining([...START_FLAGS]));
      // glibc reads its tunables from the environment the process starts with (docs/deployment.md, "Running").
      const environment = readFileSync(`/proc/${server.pid}/environ`, 'utf8').split('\0');
      expect(environment).toContain('GLIBC_TUNABLES=glibc.malloc.mmap_threshold=131072');
      expect(logLines(server.stdout()).filter((line) => line.level === 'error')).toEqual([]);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 30_000);

  // 12 MB: 2 × (40 + 12 + 12) = 128 MB, past the 120 of --max-old-space-size but not V8's heap_size_limit (144 MB, the young generation included).
  it.each([100, 12])('says at start when the caches could outgrow the old generation the start command allows (a %i MB response cache)', async (responseCacheMb) => {
    const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), RESPONSE_CACHE_BYTES: String(responseCacheMb * 1024 * 1024) });
    try {
      await eventually(() => logLines(server.stdout()).some((line) => line.level === 'error'), 'the line said');
      expect(logLines(server.stdout()).find((line) => line.level === 'error')).toMatchObject({
        msg: 'heap limit below twice what the caches and the application hold; raise --max-old-space-size',
        oldSpaceMb: 120,
        neededMb: 2 * (40 + responseCacheMb + 12),
      });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 30_000);

  // An operator probe (2026-12-06): the cap was lowered, and only the listening line's maxConnections said so.
  it('says at start, in a line of its own, that MAX_CONNECTIONS=500 under a limit of 256 descriptors serves at most 192', async () => {
    const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), MAX_CONNECTIONS: '500' }, { descriptorLimit: 256 });
    try {
      await eventually(() => logLines(server.stdout()).some((line) => line.level === 'error'), 'the line said');
      const lines = logLines(server.stdout());
      expect(lines.filter((line) => line.level === 'error')).toEqual([
        {
          level: 'error',
          time: expect.any(String),
          msg: 'MAX_CONNECTIONS lowered to the descriptor limit less 64; raise the limit (ulimit -n) or lower MAX_CONNECTIONS',
          maxConnectionsAsked: 500,
          maxConnections: 192,
          descriptorLimit: 256,
        },
      ]);
      expect(lines.find((line) => line.msg === 'listening')).toMatchObject({ maxConnections: 192 });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 30_000);

  it('writes the compiled code of its modules to NODE_COMPILE_CACHE once it listens, before any exit', async () => {
    const cacheDirectory = join(temporaryDatabasePath(), '..', 'compile-cache');
    const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), NODE_COMPILE_CACHE: cacheDirectory });
    try {
      // The server's own module among them, a killed process (SIGKILL) leaving them all the same.
      await eventually(() => existsSync(cacheDirectory) && readdirSync(cacheDirectory, { recursive: true }).length > 100, 'the cache written');
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  }, 30_000);

  it('is started by npm start with allocations of 128 KB and more given back to the system when freed, and its compiled code kept in node_modules/.cache', () => {
    expect(START_ENV).toEqual({ GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=131072', NODE_COMPILE_CACHE: 'node_modules/.cache/node-compile-cache' });
  });

  it('shows in docs/deployment.md the production command with the environment and flags of npm start', () => {
    const deployment = readFileSync(join(ROOT, 'docs/deployment.md'), 'utf8');
    const environment = Object.entries(START_ENV).map(([name, value]) => `${name}=${value}`);
    expect(deployment).toContain(`${environment.join(' ')} node ${START_FLAGS.join(' ')} src/server.ts`);
    for (const pair of environment) expect(deployment).toContain(`ENV ${pair}`);
  });

  it('refuses a corrupt database file with one line naming it, and leaves it untouched', async () => {
    const databasePath = temporaryDatabasePath();
    // The same bytes on every run: random ones once made a header SQLite read differently.
    const garbage = Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 131 + 7) % 256))]);
    writeFileSync(databasePath, garbage);
    const { code, stderr } = await runServerToExit({ DATABASE_PATH: databasePath });
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(databasePath);
    expect(readFileSync(databasePath).equals(garbage)).toBe(true);
    expect(existsSync(`${databasePath}-journal`) || existsSync(`${databasePath}-wal`)).toBe(false);
  }, 30_000);

  it('refuses a file a newer release migrated (a rollback onto it) with one line naming it, and leaves it untouched', async () => {
    const databasePath = temporaryDatabasePath();
    prepareDatabaseFile(databasePath);
    const newer = new Database(databasePath);
    // A migration this release does not know, made after every one it does.
    newer.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('f'.repeat(64), Date.now() + 86_400_000);
    newer.close();
    const before = readFileSync(databasePath);
    const { code, stderr } = await runServerToExit({ DATABASE_PATH: databasePath });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^database file ${databasePath} was migrated by a newer release`))]);
    expect(readFileSync(databasePath).equals(before)).toBe(true);
  }, 30_000);

  const REDIS_URL_REFUSED = 'REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379, with at most a database number after it (redis://127.0.0.1:6379/0)';
  const OTLP_ENDPOINT_REFUSED = (name: string) => `${name} must be an http:// or https:// URL, e.g. http://127.0.0.1:4318`;
  it.each([
    // Settings that each read well but contradict one another: the line names both.
    [{ SHUTDOWN_DRAIN_MS: '20000', SHUTDOWN_TIMEOUT_MS: '1000' }, 'SHUTDOWN_DRAIN_MS must not exceed SHUTDOWN_TIMEOUT_MS; got 20000 and 1000'],
    [{ PORT: '45123', METRICS_PORT: '45123' }, 'PORT and METRICS_PORT must differ; both are 45123'],
    // A second operator probe (2026-12-06): 1 and 0 are read too, and the line did not say so.
    [{ PERSISTED_ONLY: 'yes' }, 'PERSISTED_ONLY must be true or false (or 1 or 0); got "yes"'],
    // An operator probe (2026-12-06): a Redis database that is no whole number passed the check, and
    // every process died once Redis answered (ioredis' SELECT NaN). The URL, which may carry a password, is not echoed.
    [{ REDIS_URL: 'redis://127.0.0.1:6379/notanumber' }, REDIS_URL_REFUSED],
    [{ REDIS_URL: 'redis://:secret@127.0.0.1:6379/1x' }, REDIS_URL_REFUSED],
    [{ REDIS_URL: 'redis://127.0.0.1:6379/-1' }, REDIS_URL_REFUSED],
    [{ REDIS_URL: 'redis://127.0.0.1:6379/1/2' }, REDIS_URL_REFUSED],
    // A second operator probe (2026-12-06): ioredis reads a query string's parameters as its options
    // (`?db=x` is SELECT NaN again), and a fragment is nothing a Redis URL has.
    [{ REDIS_URL: 'redis://127.0.0.1:6379/?db=x' }, REDIS_URL_REFUSED],
    [{ REDIS_URL: 'redis://127.0.0.1:6379/0?family=6' }, REDIS_URL_REFUSED],
    [{ REDIS_URL: 'redis://127.0.0.1:6379/0#1' }, REDIS_URL_REFUSED],
    // The same probe: the tracing settings were read only by the SDK, which dropped every span or used its default, silently until the stop.
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'not-a-url' }, OTLP_ENDPOINT_REFUSED('OTEL_EXPORTER_OTLP_ENDPOINT')],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'ftp://collector:21' }, OTLP_ENDPOINT_REFUSED('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT')],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_BSP_MAX_QUEUE_SIZE: 'lots' }, 'OTEL_BSP_MAX_QUEUE_SIZE must be an integer from 1 to 999999999; got "lots"'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_EXPORTER_OTLP_TIMEOUT: 'abc' }, 'OTEL_EXPORTER_OTLP_TIMEOUT must be an integer from 1 to 999999999; got "abc"'],
  ])('refuses the settings %j at start with one line saying what is wrong', async (settings, line) => {
    const { code, stderr } = await runServerToExit({ ...settings, DATABASE_PATH: temporaryDatabasePath() });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(line);
  }, 30_000);

  it('refuses a directory at the path with one line saying so', async () => {
    const databasePath = temporaryDatabasePath();
    mkdirSync(databasePath);
    const { code, stderr } = await runServerToExit({ DATABASE_PATH: databasePath });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([`database file ${databasePath} is a directory (left untouched): set DATABASE_PATH to a file in it, e.g. ${databasePath}/jpki.db`]);
  }, 30_000);

  // A second operator probe (2026-12-06): the lines said http://::1:4333/graphql, which no client reads as a URL.
  it.each([['one process', '1'], ['a cluster', '2']])('announces URLs with an IPv6 host in brackets, %s', async (_label, processes) => {
    const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), HOST: '::1', METRICS_HOST: '::1', WEB_CONCURRENCY: processes });
    try {
      expect([new URL(server.url).hostname, new URL(server.metricsUrl).hostname]).toEqual(['[::1]', '[::1]']);
      expect((await fetch(new URL('/health', server.url))).status).toBe(200);
      expect((await fetch(server.metricsUrl)).status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 30_000);

  // A second operator probe (2026-12-06): a release that points DATABASE_PATH at its file through a
  // link had the link replaced by a regular file, and the file it named kept the old seed.
  it('prepares the file a symbolic link names, and leaves the link in place', async () => {
    const directory = join(temporaryDatabasePath(), '..');
    const target = join(directory, 'release-1.db');
    prepareDatabaseFile(target);
    const outdated = new Database(target);
    outdated.prepare("UPDATE seed_state SET data_hash = 'an older seed'").run();
    outdated.close();
    const link = join(directory, 'jpki.db');
    symlinkSync(target, link);
    const server = await startServer({ DATABASE_PATH: link });
    try {
      expect([lstatSync(link).isSymbolicLink(), readlinkSync(link)]).toEqual([true, target]);
      const prepared = new Database(target, { readonly: true });
      expect(prepared.prepare('SELECT data_hash FROM seed_state').pluck().get()).not.toBe('an older seed');
      prepared.close();
      const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ offices { totalCount } }"}' });
      expect((await response.json()).data).toEqual({ offices: { totalCount: 11 } });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 30_000);

  // The same probe: /dev/null at DATABASE_PATH became a database file (run as root).
  it('refuses a path that is no regular file (a FIFO) with one line saying so, and leaves it as it is', async () => {
    const databasePath = temporaryDatabasePath();
    execFileSync('mkfifo', [databasePath]);
    const { code, stderr } = await runServerToExit({ DATABASE_PATH: databasePath });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([`database file ${databasePath} is not a regular file (left untouched): set DATABASE_PATH to a file`]);
    expect(lstatSync(databasePath).isFIFO()).toBe(true);
  }, 30_000);

  // The same probe: a process killed while it wrote (a first start stopped half-way) leaves a hot
  // journal; a read-only connection cannot roll it back, so every later start was refused with
  // SQLITE_READONLY_ROLLBACK, npm run db:seed as well, though the file was sound.
  it('rolls back the journal a killed writer left, then prepares the file and serves', async () => {
    const databasePath = temporaryDatabasePath();
    prepareDatabaseFile(databasePath);
    // A writer with a one-page cache spills its changes into the file before commit, then dies.
    const writer = spawnSync(process.execPath, ['--input-type=module', '-e', `
      import Database from 'better-sqlite3';
      const db = new Database(${JSON.stringify(databasePath)});
      db.pragma('cache_size = 1');
      db.exec('BEGIN; CREATE TABLE filler (x); ');
      const insert = db.prepare('INSERT INTO filler VALUES (?)');
      for (let i = 0; i < 2000; i++) insert.run('x'.repeat(500));
      process.kill(process.pid, 'SIGKILL');
    `], { cwd: ROOT });
    expect(writer.signal).toBe('SIGKILL');
    expect(existsSync(`${databasePath}-journal`)).toBe(true);
    const server = await startServer({ DATABASE_PATH: databasePath });
    try {
      const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ offices { totalCount } }"}' });
      expect((await response.json()).data).toEqual({ offices: { totalCount: 11 } });
      const file = new Database(databasePath, { readonly: true });
      expect(file.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'filler'").pluck().get()).toBe(0);
      file.close();
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 30_000);

  // An operator probe (2026-12-06): SQLite undoes a transaction itself when a write fails, so the
  // migrator's own ROLLBACK failed too, and its "cannot rollback - no transaction is active" was
  // all the operator read.
  it('stops with one line naming the failed write when the database file cannot grow (a full disk)', async () => {
    const databasePath = temporaryDatabasePath();
    const { code, stderr } = await runServerToExit({ DATABASE_PATH: databasePath }, { fileSizeLimit: 16_384 });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([`database file ${databasePath} could not be prepared: disk I/O error (SQLITE_IOERR_WRITE)`]);
  }, 30_000);

  it.each(['eighty', '0x50', '1e3', ' 4000', '4000.0', '+4000'])('refuses PORT=%j with one line naming it: only decimal digits are an integer', async (port) => {
    const { code, stderr } = await runServerToExit({ PORT: port, DATABASE_PATH: temporaryDatabasePath() });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(`PORT must be an integer from 0 to 65535; got ${JSON.stringify(port)}`);
  }, 30_000);
});

// An operator probe (2026-12-06): the primary exited at once, and each worker, still asking it
// whether the database was ready, wrote an unhandled EPIPE with its stack to the same stderr.
describe('a cluster whose metrics port is taken', () => {
  it('stops with the one line naming the port, and nothing from its workers', async () => {
    const taken = createNetServer();
    const port = await new Promise<number>((resolve) => taken.listen(0, '127.0.0.1', () => resolve((taken.address() as AddressInfo).port)));
    try {
      const { code, stderr } = await runServerToExit({ WEB_CONCURRENCY: '2', METRICS_PORT: String(port), METRICS_HOST: '127.0.0.1', DATABASE_PATH: temporaryDatabasePath() });
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([expect.stringContaining(String(port))]);
    } finally {
      taken.close();
    }
  }, 30_000);
});

// An operator probe (2026-12-06): both settings started the server and did not do what they say,
// without a word.
describe('settings that start but do not do what they say together', () => {
  const CLUSTER_WITHOUT_REDIS = 'WEB_CONCURRENCY above 1 without REDIS_URL: each process counts rate limits alone, so a client may get WEB_CONCURRENCY times RATE_LIMIT_PER_MINUTE; set REDIS_URL to share one budget';
  const KEYS_WITHOUT_KIOSK_MODE = 'ARBITRARY_OPERATION_KEYS without PERSISTED_ONLY=true: every client may send its own documents, so the keys only get their own rate-limit budgets; set PERSISTED_ONLY=true, or list the keys in API_KEYS instead';

  it('WEB_CONCURRENCY=2 without REDIS_URL, and ARBITRARY_OPERATION_KEYS without PERSISTED_ONLY: one line each, from the primary alone', async () => {
    const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), WEB_CONCURRENCY: '2', RATE_LIMIT_PER_MINUTE: '600', ARBITRARY_OPERATION_KEYS: 'analyst-1,analyst-2' });
    try {
      await untilListening(server, 2);
      const lines = logLines(server.stdout());
      expect(lines.filter((line) => line.level === 'error')).toEqual([
        { level: 'error', time: expect.any(String), msg: CLUSTER_WITHOUT_REDIS, webConcurrency: 2, rateLimitPerMinute: 600, requestsPerMinutePerClientUpTo: 1200 },
        { level: 'error', time: expect.any(String), msg: KEYS_WITHOUT_KIOSK_MODE, arbitraryOperationKeys: 2 },
      ]);
      expect(server.stdout()).not.toContain('analyst-');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 60_000);

  it('WEB_CONCURRENCY=2 with the rate limit off, and ARBITRARY_OPERATION_KEYS with PERSISTED_ONLY=true: no such line', async () => {
    const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), WEB_CONCURRENCY: '2', RATE_LIMIT_PER_MINUTE: '0', PERSISTED_ONLY: 'true', ARBITRARY_OPERATION_KEYS: 'analyst-1' });
    try {
      await untilListening(server, 2);
      expect(logLines(server.stdout()).filter((line) => line.level === 'error')).toEqual([]);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 60_000);
});

describe('several processes started at once on one new database file', () => {
  // docs/deployment.md: one server per core on a machine is a way to run it; each creates, migrates
  // and seeds the file if it must, and the one that finds it being prepared waits its turn.
  it('waits while another process holds the file to prepare it, then starts and serves', async () => {
    const databasePath = temporaryDatabasePath();
    const other = new Database(databasePath);
    other.exec('BEGIN EXCLUSIVE');
    const starting = startServer({ DATABASE_PATH: databasePath, LOG_LEVEL: 'error' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    other.exec('ROLLBACK');
    other.close();
    const server = await starting;
    try {
      const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ offices { totalCount } }"}' });
      expect(await response.json()).toMatchObject({ data: { offices: { totalCount: 11 } } });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 30_000);

  it('all start and serve, round after round', async () => {
    for (let round = 0; round < 4; round++) {
      const databasePath = temporaryDatabasePath();
      const servers = await Promise.allSettled([0, 1, 2].map(() => startServer({ DATABASE_PATH: databasePath, LOG_LEVEL: 'error' })));
      try {
        const failures = servers.flatMap((outcome) => (outcome.status === 'rejected' ? [String(outcome.reason)] : []));
        expect(failures).toEqual([]);
        for (const outcome of servers) {
          if (outcome.status !== 'fulfilled') continue;
          const response = await fetch(outcome.value.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ offices { totalCount } }"}' });
          expect(await response.json()).toMatchObject({ data: { offices: { totalCount: 11 } } });
        }
      } finally {
        for (const outcome of servers) if (outcome.status === 'fulfilled') outcome.value.child.kill('SIGTERM');
        await Promise.all(servers.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.exited : null)));
      }
    }
  }, 60_000);
});

describe('start-up mistakes', () => {
  it.each([
    ['PORT', 'one process, the default', '1'],
    ['PORT', 'two workers', '2'],
    ['METRICS_PORT', 'one process, the default', '1'],
    ['METRICS_PORT', 'two workers', '2'],
  ])('a busy %s (%s): exit code 1 and one line naming the port and the setting', async (setting, _label, workers) => {
    const occupant = createNetServer();
    await new Promise<void>((resolveListen) => occupant.listen(0, '127.0.0.1', resolveListen));
    const { port } = occupant.address() as AddressInfo;
    try {
      const { code, stderr } = await runServerToExit({ [setting]: String(port), DATABASE_PATH: temporaryDatabasePath(), WEB_CONCURRENCY: workers });
      expect(code).toBe(1);
      const lines = stderr.trim().split('\n');
      expect(lines, stderr).toHaveLength(1);
      expect(lines[0]).toContain(`port ${port}`);
      expect(lines[0]).toMatch(new RegExp(`(?<![A-Z_])${setting}\\b`));
    } finally {
      occupant.close();
    }
  }, 30_000);

  it('a database path under a regular file: exit code 1 and one line naming the path', async () => {
    const parent = temporaryDatabasePath();
    writeFileSync(parent, 'not a directory');
    const databasePath = join(parent, 'jpki.db');
    const { code, stderr } = await runServerToExit({ DATABASE_PATH: databasePath });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining(databasePath)]);
  }, 30_000);
});

/** Runs `command` with Node.js reporting `version` as its own (process.versions.node), as an older Node would. */
function runAsNodeVersion(version: string, command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const fake = `--import=data:text/javascript,Object.defineProperty(process.versions,'node',{value:'${version}'})`;
  return new Promise((resolveRun) => {
    execFile(command, args, { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: fake } }, (error, stdout, stderr) =>
      resolveRun({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('scripts/require-node.mjs (run before npm start and npm test)', () => {
  // package.json engines.node is ">=22.18" (Babel 8, which the lint parses with, needs 22.18 on the 22 line).
  it.each(['20.19.0', '22.9.0', '22.17.1', '18.0.0'])('on Node %s: exit code 1 and one line naming . scripts/node24.sh', async (version) => {
    const { code, stdout, stderr } = await runAsNodeVersion(version, process.execPath, ['scripts/require-node.mjs']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('`. scripts/node24.sh`');
    expect(lines[0]).toContain(`v${version}`);
  });

  it.each(['22.18.0', '22.20.0', '23.0.0', '24.1.0', '100.0.0'])('on Node %s: exit code 0 and no output', async (version) => {
    expect(await runAsNodeVersion(version, process.execPath, ['scripts/require-node.mjs'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it.each(['start', 'test'])('npm %s on an old Node stops with that line before loading any TypeScript', async (script) => {
    const { code, stderr } = await runAsNodeVersion('22.14.0', 'npm', [script]);
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining('`. scripts/node24.sh`')]);
  }, 30_000);
});

describe('the serving connection', () => {
  it('is read-only: a write through it fails', async () => {
    const { createTestApp } = await import('./support/app.ts');
    const app = createTestApp();
    const sqlite = app.database.sqlite!;
    expect(() => sqlite.prepare("UPDATE offices SET phone = '000-000-0000'").run()).toThrow(/readonly|read-only|query_only/i);
    expect(sqlite.readonly).toBe(true);
  });
});

describe('requests the HTTP parser refuses', () => {
  it('still get a coded JSON answer: headers beyond the limit → 431, garbage → 400', async () => {
    const { connect } = await import('node:net');
    const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), MAX_BODY_BYTES: '1000' });
    const url = new URL(server.url);
    const send = (raw: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(Number(url.port), url.hostname, () => socket.end(raw));
        let text = '';
        socket.on('data', (chunk) => (text += chunk));
        socket.on('close', () => resolve(text));
      });
    try {
      const long = await send(`GET /graphql?query=${'x'.repeat(40_000)} HTTP/1.1\r\nhost: x\r\n\r\n`);
      expect(long).toMatch(/^HTTP\/1\.1 431 /);
      expect(JSON.parse(answerParts(long).body).errors[0].extensions.code).toBe('REQUEST_HEADER_TOO_LARGE');
      const garbage = await send('NOT HTTP AT ALL\r\n\r\n');
      expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
      expect(garbage).toContain('"code":"BAD_REQUEST"');
      const longButAllowed = await fetch(`${server.url}?query=${encodeURIComponent(`{ notices { key } } #${'x'.repeat(2_000)}`)}`, { headers: { 'x-graphql-csrf': '1' } });
      expect(longButAllowed.status).toBe(414);
      expect((await longButAllowed.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 30_000);
});
