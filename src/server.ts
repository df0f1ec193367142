/**
 * Starts the service. The first process forks `WEB_CONCURRENCY` workers (one by default) that
 * serve HTTP, each started with the V8 flags of servingV8Flags; it prepares the database file while
 * they load the application, then only supervises them.
 *
 * Workers even for one: V8 sizes its young generation when a process starts, from its command
 * line; `setFlagsFromString` once running is too late for it. A worker started with its flags is
 * the one place they can be set whatever command starts the server, and a worker that dies is
 * replaced.
 */
import cluster from 'node:cluster';
import { enableCompileCache } from 'node:module';
import { loadConfig, type Config } from './config.ts';
import { createLogger } from './observability/logger.ts';
import { RestartBackoff } from './restart-backoff.ts';

// V8's compiled code for the modules, kept on disk (in the system's temporary directory) for the
// next start: a worker that restarts, or the next deploy's, skips compiling them again.
enableCompileCache();

/** The service's name in traces, unless OTEL_SERVICE_NAME says otherwise. */
const SERVICE_NAME = 'sapporo-jpki-api';

/** A worker asks whether the database file is prepared; the primary answers once it is. */
const DATABASE_QUESTION = 'jpki:database-prepared?';
const DATABASE_ANSWER = 'jpki:database-prepared';

/** What a worker's heap holds alive besides its caches: the schema, statements, seed-derived rules (about 35 MB measured after start). */
const APPLICATION_HEAP_MB = 40;
/** Each of the young generation's two halves. */
const SEMI_SPACE_MB = 8;

/**
 * How a serving process's heap is sized (docs/performance.md):
 * - An 8 MB semi-space. In V8's 1 MB, a computation's objects, alive across its awaits, were
 *   scavenged again and again and promoted to the old generation. Under 50 connections, 8 MB cut a
 *   computation from about 120 to 80 µs of CPU; 16 MB did no better, for 16 MB more per worker.
 * - An old generation capped at twice the most it can hold alive (the application and both caches
 *   full), so a worker does not run out, yet V8 collects before garbage piles up to a limit sized
 *   for the machine: 20,000 distinct small queries took RSS to 361 MB without a cap, 246–250 MB with it.
 *   `--optimize-for-size` and `--memory-saver-mode` also kept memory down, at 10–15 µs of CPU a
 *   request (and the first pins the young generation at 1 MB).
 */
function servingV8Flags(config: Config): string[] {
  const cachesMb = (config.responseCacheBytes + config.operationCacheBytes) / 1024 / 1024;
  return [`--max-semi-space-size=${SEMI_SPACE_MB}`, `--min-semi-space-size=${SEMI_SPACE_MB}`, `--max-old-space-size=${Math.ceil(2 * (APPLICATION_HEAP_MB + cachesMb))}`];
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

const config = configOrExit();
const logger = createLogger(config.logLevel);

/** Why the server cannot listen, on one line naming the setting to change (Node's own is a stack). */
function listenFailure(error: NodeJS.ErrnoException): string {
  const where = `port ${config.port} on ${config.host}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return `Cannot listen: ${where} is already in use (EADDRINUSE); stop the other server or set PORT to a free port.`;
    case 'EACCES':
      return `Cannot listen: ${where} needs privileges this process lacks (EACCES); set PORT to 1024 or above.`;
    case 'EADDRNOTAVAIL':
      return `Cannot listen: HOST ${config.host} is not an address of this machine (EADDRNOTAVAIL); set HOST to one of its addresses.`;
    default:
      return `Cannot listen on ${where}: ${error.message.split('\n', 1)[0]}; check PORT and HOST.`;
  }
}

/** Resolves when the primary says the database file is migrated and seeded. */
function databasePrepared(): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (message: { type?: string }) => {
      if (message?.type !== DATABASE_ANSWER) return;
      process.off('message', onMessage);
      resolve();
    };
    process.on('message', onMessage);
    process.send!({ type: DATABASE_QUESTION });
  });
}

/** A worker serving HTTP until SIGTERM/SIGINT, then draining in-flight requests and exiting 0. */
async function serve(): Promise<void> {
  // Only workers load the application, while the primary prepares the database file: start-up
  // takes the longer of the two, not their sum.
  const [{ createServer }, { createApp }, { nodeListener, rejectMalformedRequest }, tracing] = await Promise.all([
    import('node:http'),
    import('./app.ts'),
    import('./http/node-adapter.ts'),
    import('./observability/tracing.ts').then(({ tracingFromEnvironment }) => tracingFromEnvironment(process.env, SERVICE_NAME)),
    databasePrepared(),
  ]);
  const app = createApp({ databasePath: config.databasePath, config, logger, tracing });
  // A GET carries its document in the URL, so the header limit leaves room for a full request.
  const server = createServer(
    { keepAliveTimeout: 5_000, maxHeaderSize: config.limits.maxBodyBytes + 16 * 1024 },
    nodeListener(app.handle, config.limits.maxBodyBytes),
  );
  server.on('clientError', rejectMalformedRequest);
  server.on('error', (error: NodeJS.ErrnoException) => {
    // The one line is the primary's to print: it stops instead of restarting workers that can
    // never listen.
    process.send?.({ cannotListen: listenFailure(error) }, () => process.exit(1));
  });
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    // Always printed: scripts and tests wait for this line.
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'listening', url: `http://${config.host}:${port}/graphql`, pid: process.pid })}\n`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    const deadline = setTimeout(() => {
      logger.error('shutdown deadline passed; closing remaining connections', { timeoutMs: config.shutdownTimeoutMs });
      server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    deadline.unref();
    server.close(() => {
      void app.close().then(() => {
        logger.info('stopped');
        process.exit(0);
      });
    });
    // Keep-alive connections hold close() open: drop each one as soon as its last response is out.
    setInterval(() => server.closeIdleConnections(), 50).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

if (cluster.isPrimary) {
  // Workers share the port and the read-only database file; the primary only supervises, and sums
  // the workers' metrics for whichever of them is scraped. They are forked first, so they load the
  // application while the file is prepared.
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...servingV8Flags(config)] });
  const databaseReady = import('./db/database.ts').then(({ prepareDatabaseFile }) => {
    try {
      prepareDatabaseFile(config.databasePath);
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
  });
  cluster.on('message', (worker, message: { type?: string }) => {
    if (message?.type === DATABASE_QUESTION) void databaseReady.then(() => worker.isConnected() && worker.send({ type: DATABASE_ANSWER }));
  });
  void import('./observability/metrics.ts').then(({ serveClusterMetrics }) => serveClusterMetrics());
  const backoff = new RestartBackoff();
  const startedAt = new Map<number, number>();
  const restarts = new Set<NodeJS.Timeout>();
  const fork = () => startedAt.set(cluster.fork().id, Date.now());
  for (let i = 0; i < config.webConcurrency; i++) fork();
  let stopping = false;
  let exitCode = 0;
  const exitWhenAllStopped = () => {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
  };
  const stop = () => {
    stopping = true;
    for (const restart of restarts) clearTimeout(restart);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    // Every worker may be dead already, waiting for its restart.
    exitWhenAllStopped();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  cluster.on('message', (_worker, message: { cannotListen?: string }) => {
    if (typeof message?.cannotListen !== 'string' || stopping) return;
    console.error(message.cannotListen);
    exitCode = 1;
    stop();
  });
  cluster.on('exit', (worker, code, signal) => {
    const livedMs = Date.now() - (startedAt.get(worker.id) ?? Date.now());
    startedAt.delete(worker.id);
    if (stopping) return exitWhenAllStopped();
    // Backoff, so workers that die at start (a port taken, a broken host) cannot fork in a tight loop.
    const restartInMs = backoff.next(livedMs);
    logger.error('worker exited; starting another', { pid: worker.process.pid ?? null, code, signal, livedMs, restartInMs });
    const restart = setTimeout(() => {
      restarts.delete(restart);
      fork();
    }, restartInMs);
    restarts.add(restart);
  });
} else {
  await serve();
}
