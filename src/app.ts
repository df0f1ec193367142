import { tokyoDay } from './clock.ts';
import { allowsArbitraryOperations, loadConfig, unavailableRetryAfterSeconds, type Config } from './config.ts';
import { createLoaders } from './db/loaders.ts';
import { readRules, type Rules } from './db/read-rules.ts';
import { DatabaseUnavailableError, isDatabaseFault, ServingDatabase } from './db/serving-database.ts';
import type { Context } from './graphql/schema/builder.ts';
import { createExecutor, type Executor } from './graphql/execution/executor.ts';
import { OperationCatalog } from './graphql/execution/operation-catalog.ts';
import { loadPersistedOperations, type PersistedOperation } from './graphql/execution/persisted-operations.ts';
import type { RequestRecord } from './graphql/execution/request-record.ts';
import { schema } from './graphql/schema/schema.ts';
import type { HttpRequest, HttpResponse } from './http/http-message.ts';
import { createRateLimiter } from './http/rate-limit.ts';
import { COMPRESSION } from './http/compression.ts';
import { GraphiQLAssets } from './http/graphiql-assets.ts';
import { ResponseCache } from './http/response-cache.ts';
import { createHandler } from './http/routes.ts';
import { createLogger, type Logger } from './observability/logger.ts';
import { Metrics } from './observability/metrics.ts';
import { publicFacilitiesCsv } from './opendata/public-facilities.ts';

export interface AppOptions {
  databasePath: string;
  /** Settings; defaults to the environment's. */
  config?: Config;
  /** The clock "today" comes from; injected by tests. */
  clock?: () => Date;
  /** Called with every SQL statement the serving connection runs (tests count them). */
  onStatement?: (sql: string) => void;
  logger?: Logger;
  /** True once the process is stopping (src/server.ts): /ready then answers 503. */
  draining?: () => boolean;
}

export interface App {
  config: Config;
  executor: Executor;
  handle: (request: HttpRequest) => Promise<HttpResponse>;
  database: ServingDatabase;
  metrics: Metrics;
  persistedOperations: ReadonlyMap<string, PersistedOperation>;
  close(): void;
}

/** Composes the service: storage, the schema's executor and the HTTP front. */
export function createApp(options: AppOptions): App {
  const config = options.config ?? loadConfig();
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = new Metrics();
  const day = tokyoDay(options.clock);
  const cache = new ResponseCache(config.responseCacheEntries, config.responseCacheBytes);
  let rules: Rules | undefined;
  const database = new ServingDatabase({
    path: options.databasePath,
    checkIntervalMs: config.dataCheckIntervalMs,
    onStatement: (sql) => {
      metrics.sqlStatements.inc();
      options.onStatement?.(sql);
    },
    onDataChanged: (queries) => {
      rules = readRules(queries);
      cache.clear();
    },
    onAvailabilityChanged: (available, reason) => (available ? logger.info('database available') : logger.error('database unavailable', { reason: reason ?? null })),
    onCheckDeferred: (reason) => logger.error('database check deferred; serving on as before', { reason }),
  });
  const persistedOperations = loadPersistedOperations();

  const createContext = (record: RequestRecord): Context => {
    const queries = database.queries();
    return {
      record,
      loaders: createLoaders(queries),
      queries,
      rules: () => {
        if (!rules) throw new DatabaseUnavailableError('the rules have not been read yet');
        return rules;
      },
      today: () => {
        record.usesToday = true;
        return day.today();
      },
    };
  };

  // GraphiQL as a small page naming content-hashed files; the 9 MB bundle loads on the first visit.
  const graphiqlAssets = new GraphiQLAssets(COMPRESSION.static);
  const catalog = new OperationCatalog(schema, { maxBytes: config.operationCacheBytes, compile: config.compileOperations, maxTokens: config.limits.maxTokens });
  const executor = createExecutor({
    limits: config.limits,
    production: config.production,
    graphiql: config.graphiql,
    renderGraphiQL: graphiqlAssets.render,
    catalog,
    persistedOperations,
    allowsArbitrary: (apiKey) => allowsArbitraryOperations(config, apiKey),
    createContext,
    // The file went bad under a request: 503, and no more serving from it until a check reopens it.
    serviceFault: { matches: isDatabaseFault, report: () => database.reportFault(), retryAfterSeconds: unavailableRetryAfterSeconds(config) },
    logger,
  });

  metrics.gauge('response_cache_entries', 'Responses held by the in-memory cache.', () => cache.size);
  metrics.gauge('operation_cache_entries', 'Parsed (and compiled) operations held in memory.', () => catalog.size);
  const rateLimiter = config.rateLimitPerMinute > 0 ? createRateLimiter({ perMinute: config.rateLimitPerMinute, redisUrl: config.redisUrl, redisTimeoutMs: config.redisTimeoutMs, logger }) : null;

  const handle = createHandler({
    config,
    executor,
    cache,
    rateLimiter,
    day,
    metrics,
    logger,
    readiness: () => database.readiness(),
    available: () => database.available(),
    draining: options.draining ?? (() => false),
    openDataCsv: () => publicFacilitiesCsv(database.queries().allOffices.all()),
    persistedDocument: (id) => persistedOperations.get(id)?.document,
    graphiqlAssets,
  });

  return {
    config,
    executor,
    handle,
    database,
    metrics,
    persistedOperations,
    close: () => {
      rateLimiter?.close();
      database.close();
    },
  };
}
