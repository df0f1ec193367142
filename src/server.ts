/**
 * Starts the service. With `WEB_CONCURRENCY=1`, the default, the process that starts serves HTTP
 * itself: no supervising primary, no hop handing each connection over, one process in memory.
 * With more, it supervises that many workers (src/cluster.ts).
 *
 * The V8 heap flags come from the command line (`npm start`, docs/deployment.md): V8 sizes its
 * young generation when the process starts, and `setFlagsFromString` once running is too late.
 */
import cluster from 'node:cluster';
import { flushCompileCache } from 'node:module';
import { getHeapStatistics } from 'node:v8';
import { loadConfig, type Config } from './config.ts';
import { announce, listenFailure, listeningUrl, type Endpoint } from './listening.ts';
import { createLogger } from './observability/logger.ts';

/** What a serving process's heap holds alive besides its caches: the schema, statements, seed-derived rules (about 35 MB measured after start). */
const APPLICATION_HEAP_MB = 40;
/** The service's name in traces, unless OTEL_SERVICE_NAME says otherwise. */
const SERVICE_NAME = 'sapporo-jpki-api';

/** The signals that stop the service; each drains first (SIGHUP too: a closed terminal or a supervisor's reload is no reason to drop requests). */
const STOP_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

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
const apiEndpoint: Endpoint = { setting: 'PORT', hostSetting: 'HOST', host: config.host, port: config.port };
const metricsEndpoint: Endpoint = { setting: 'METRICS_PORT', hostSetting: 'METRICS_HOST', host: config.metricsHost, port: config.metricsPort };

/**
 * The old generation should hold twice what can be alive (the application and both caches full),
 * so V8 collects before garbage piles up yet never runs out (docs/performance.md). The cap is the
 * start command's `--max-old-space-size`; a cache raised past it is said at start, not found at the
 * first out-of-memory crash.
 */
function checkHeapLimit(): void {
  const cachesMb = (config.responseCacheBytes + config.operationCacheBytes) / 1024 / 1024;
  const neededMb = Math.ceil(2 * (APPLICATION_HEAP_MB + cachesMb));
  const limitMb = oldGenerationLimitMb();
  if (limitMb < neededMb) logger.error('heap limit below twice what the caches and the application hold; raise --max-old-space-size', { oldSpaceMb: limitMb, neededMb });
}

/**
 * The old generation's cap: the last `--max-old-space-size` given (NODE_OPTIONS first, then the
 * command line, which wins). V8's own `heap_size_limit` adds the young generation to it (144 MB for
 * 120 with an 8 MB semi-space), which the caches never live in; it serves only when no flag was given.
 */
function oldGenerationLimitMb(): number {
  const flags = [...(process.env.NODE_OPTIONS ?? '').split(/\s+/), ...process.execArgv];
  const given = flags.map((flag) => /^--max[-_]old[-_]space[-_]size=(\d+)$/.exec(flag)?.[1]).filter((value) => value !== undefined);
  return given.length > 0 ? Number(given.at(-1)) : Math.floor(getHeapStatistics().heap_size_limit / 1024 / 1024);
}

/**
 * Settings that each read well but together do not do what they say. Unlike those that stop the
 * start (config.ts), these leave a working service, and may be meant: it starts and says so, in
 * error lines, as the logger has no warning level and LOG_LEVEL=error must show them too.
 */
function warnOfSettingConflicts(): void {
  if (config.webConcurrency > 1 && config.redisUrl === null && config.rateLimitPerMinute > 0) {
    logger.error('WEB_CONCURRENCY above 1 without REDIS_URL: each process counts rate limits alone, so a client may get WEB_CONCURRENCY times RATE_LIMIT_PER_MINUTE; set REDIS_URL to share one budget', {
      webConcurrency: config.webConcurrency,
      rateLimitPerMinute: config.rateLimitPerMinute,
      requestsPerMinutePerClientUpTo: config.webConcurrency * config.rateLimitPerMinute,
    });
  }
  if (config.arbitraryOperationKeys.length > 0 && !config.persistedOnly) {
    // How many, never which: the keys are secrets.
    logger.error('ARBITRARY_OPERATION_KEYS without PERSISTED_ONLY=true: every client may send its own documents, so the keys only get their own rate-limit budgets; set PERSISTED_ONLY=true, or list the keys in API_KEYS instead', {
      arbitraryOperationKeys: new Set(config.arbitraryOperationKeys).size,
    });
  }
}

/** True once `work` has settled within `ms`; else why not, in a fixed phrase (an error's class, never its text). */
function settledWithin(work: Promise<unknown>, ms: number): Promise<true | string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(`not done within ${Math.round(ms)} ms`), ms);
    work.then(
      () => resolve(true),
      (error: unknown) => resolve(error instanceof Error ? error.name : 'failed'),
    ).finally(() => clearTimeout(timer));
  });
}

/** A port that cannot be listened on ends the process with one line (a worker has its primary say it, and stop). */
function cannotListen(endpoint: Endpoint): (error: NodeJS.ErrnoException) => Promise<never> {
  return async (error) => {
    const line = listenFailure(error, endpoint);
    if (!cluster.isWorker) fail(line);
    process.send!({ cannotListen: line }, () => process.exit(1));
    return new Promise<never>(() => {});
  };
}

/** Serves HTTP in this process until a stop signal, then drains and exits 0. */
async function serve(databaseReady: Promise<void>): Promise<void> {
  // The application loads while the database file is prepared (here, or by the primary).
  const [{ createApp }, { createServingServer, listen }, { startMetricsServer }, tracing] = await Promise.all([
    import('./app.ts'),
    import('./http/node-server.ts'),
    import('./http/metrics-server.ts'),
    // The OpenTelemetry SDK is loaded only when the standard variables name a collector.
    import('./observability/tracing.ts').then(({ tracingFromEnvironment }) => tracingFromEnvironment(process.env, SERVICE_NAME)),
    databaseReady,
  ]);
  checkHeapLimit();
  let stopping = false;
  const app = createApp({ databasePath: config.databasePath, config, logger, tracing, draining: () => stopping });
  const serving = createServingServer({ handle: app.handle, refusalBeforeBody: app.refusalBeforeBody, maxBodyBytes: config.limits.maxBodyBytes, limits: config.connections, logger, keepAlive: () => !stopping });
  let metrics: Awaited<ReturnType<typeof startMetricsServer>> | null = null;

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal, drainMs: config.shutdownDrainMs });
    const deadline = performance.now() + config.shutdownTimeoutMs;
    await serving.shutdown(config.shutdownDrainMs, config.shutdownTimeoutMs);
    metrics?.close();
    // Sends the spans still buffered, in what is left of SHUTDOWN_TIMEOUT_MS: a collector that is
    // down or silent loses them, and neither the exit code nor the deadline depends on it.
    const closed = await settledWithin(app.close(), Math.max(0, deadline - performance.now()));
    if (closed !== true) logger.error('spans not sent at stop', { reason: closed });
    logger.info('stopped');
    process.exit(0);
  };
  // Before the listening line: a signal sent as soon as it is read must find its handler.
  for (const signal of STOP_SIGNALS) process.on(signal, () => void stop(signal));

  // A cluster's primary serves the sum of its workers' metrics; a process serving alone, its own.
  if (!cluster.isWorker) {
    metrics = await startMetricsServer(app.metrics, config.metricsPort, config.metricsHost, logger).catch(cannotListen(metricsEndpoint));
    announce('metrics listening', { url: listeningUrl(config.metricsHost, metrics.port, '/metrics') });
  }
  const port = await listen(serving.server, config.port, config.host, logger).catch(cannotListen(apiEndpoint));
  // A worker names its primary: signalling the worker would only have it replaced.
  announce('listening', { url: listeningUrl(config.host, port, '/graphql'), pid: cluster.isWorker ? process.ppid : process.pid, maxConnections: serving.maxConnections });
  // The modules' compiled code (NODE_COMPILE_CACHE, set by the start command) is written now that
  // every one is loaded, not only at exit, which a SIGKILL skips; without the setting, nothing is.
  flushCompileCache();
}

/** Migrates and seeds the database file when needed, before this process serves from it. */
async function prepareDatabase(): Promise<void> {
  const { prepareDatabaseFile } = await import('./db/prepare-file.ts');
  try {
    prepareDatabaseFile(config.databasePath);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

// Said once for the deployment, by the process that starts: a cluster's workers share its settings.
if (cluster.isPrimary) warnOfSettingConflicts();
if (config.webConcurrency === 1) {
  await serve(prepareDatabase());
} else if (cluster.isPrimary) {
  const { superviseWorkers } = await import('./cluster.ts');
  superviseWorkers({ config, logger, fail, prepareDatabase, metricsEndpoint, stopSignals: STOP_SIGNALS });
} else {
  const { databasePrepared } = await import('./cluster.ts');
  await serve(databasePrepared());
}
