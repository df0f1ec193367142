import { tokyoDay } from './clock.ts';
import { loadConfig, unavailableRetryAfterSeconds, type Config } from './config.ts';
import { createLoaders } from './db/loaders.ts';
import { readRules, type Rules } from './db/read-rules.ts';
import { DatabaseUnavailableError, isDatabaseFault, ServingDatabase } from './db/serving-database.ts';
import { tracedQueries } from './db/traced-queries.ts';
import { createEngine, type Engine } from './graphql/execution/engine.ts';
import { graphiqlOptions } from './http/graphiql-settings.ts';
import { loadPersistedOperations, type PersistedOperation } from './graphql/execution/persisted-operations.ts';
import type { RequestRecord } from './graphql/execution/request-record.ts';
import type { Context } from './graphql/schema/builder.ts';
import { printContract } from './graphql/schema/schema.ts';
import { refusalBeforeBody } from './http/admission.ts';
import { COMPRESSION } from './http/compression.ts';
import type { FrontOptions } from './http/front-options.ts';
import { GraphiQLAssets } from './http/graphiql-assets.ts';
import type { EarlyRefusal, HttpRequest, HttpResponse } from './http/http-message.ts';
import { createRateLimiter } from './http/rate-limit.ts';
import { ResponseCache } from './http/response-cache.ts';
import { createHandler } from './http/routes.ts';
import { createLogger, type Logger } from './observability/logger.ts';
import { Metrics } from './observability/metrics.ts';
import type { Tracing } from './observability/tracing.ts';
import { publicFacilitiesCsv } from './opendata/public-facilities.ts';
import { readSchemaVersion } from './schema-version.ts';

export interface AppOptions {
  databasePath: string;
  /** Settings; defaults to the environment's. */
  config?: Config;
  /** The clock "today" comes from; injected by tests. */
  clock?: () => Date;
  /** Called with every SQL statement the serving connection runs (tests count them). */
  onStatement?: (sql: string) => void;
  logger?: Logger;
  /** Where traced requests' spans go; none: no request is traced (the default). */
  tracing?: Tracing | null;
  /** True once the process is stopping (src/server.ts): /ready then answers 503. */
  draining?: () => boolean;
}

export interface App {
  config: Config;
  engine: Engine;
  handle: (request: HttpRequest) => Promise<HttpResponse>;
  /** What `handle` would refuse a request from its head alone: asked before its body is sent (`Expect: 100-continue`). */
  refusalBeforeBody: (request: HttpRequest) => EarlyRefusal | null;
  database: ServingDatabase;
  metrics: Metrics;
  persistedOperations: ReadonlyMap<string, PersistedOperation>;
  /** Stops the timers and connections, and sends the spans still buffered. */
  close(): Promise<void>;
}

/** The HTTP front's share of the settings. */
function frontOptions(config: Config): FrontOptions {
  return {
    maxBodyBytes: config.limits.maxBodyBytes,
    maxAcceptHeaderBytes: config.limits.maxAcceptHeaderBytes,
    corsOrigins: config.corsOrigins,
    apiKeys: config.apiKeys,
    trustProxy: config.trustProxy,
    cacheMaxAgeSeconds: config.cacheMaxAgeSeconds,
    graphiql: config.graphiql,
    rateLimitCostPerRequest: config.rateLimitCostPerRequest,
    unavailableRetryAfterSeconds: unavailableRetryAfterSeconds(config),
  };
}

/** Composes the service: storage, the GraphQL engine and the HTTP front, each given its share of the settings. */
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

  const tracing = options.tracing ?? null;
  const createContext = (record: RequestRecord): Context => {
    const { trace } = record;
    const queries =
      tracing && trace
        ? tracedQueries(database.queries(), (statement) => tracing.startChild(trace, `sqlite ${statement}`, { 'db.system.name': 'sqlite', 'db.operation.name': statement }))
        : database.queries();
    // The rule values read from the same connection as these queries: the engine makes the context
    // after the request's last wait (engine.ts), so both come from one file.
    const heldRules = rules;
    return {
      record,
      loaders: createLoaders(queries),
      rules: () => {
        if (!heldRules) throw new DatabaseUnavailableError('the rules have not been read yet');
        return heldRules;
      },
      today: () => {
        record.usesToday = true;
        return day.today();
      },
    };
  };

  // The file went bad under a request: 503, and no more serving from it until a check reopens it.
  const serviceFault = { matches: isDatabaseFault, report: () => database.reportFault(), retryAfterSeconds: unavailableRetryAfterSeconds(config) };
  const engine = createEngine({
    limits: config.limits,
    hideSuggestions: config.production,
    compileOperations: config.compileOperations,
    operationCacheBytes: config.operationCacheBytes,
    schemaVersion: readSchemaVersion(),
    createContext,
    serviceFault,
    logger,
    tracing,
  });

  // GraphiQL as a small page naming content-hashed files, read from render-graphiql's module on the first visit.
  const graphiqlAssets = new GraphiQLAssets({ levels: COMPRESSION.static, logger });
  metrics.gauge('response_cache_entries', 'Responses held by the in-memory cache.', () => cache.size);
  metrics.gauge('operation_cache_entries', 'Parsed (and compiled) operations held in memory.', () => engine.cachedOperations);
  metrics.gauge('operation_cache_bytes', 'Bytes the parsed (and compiled) operations are estimated to hold, against OPERATION_CACHE_BYTES.', () => engine.cachedOperationBytes);
  const rateLimiter = config.rateLimitPerMinute > 0 ? createRateLimiter({ perMinute: config.rateLimitPerMinute, maxClients: config.rateLimitMaxClients, redisUrl: config.redisUrl, redisTimeoutMs: config.redisTimeoutMs, logger }) : null;

  const front = frontOptions(config);
  const handle = createHandler({
    options: front,
    engine,
    cache,
    day,
    persistedPolicy: {
      documents: new Map([...persistedOperations].map(([id, operation]) => [id, operation.document])),
      persistedOnly: config.persistedOnly,
      ownDocumentKeys: config.arbitraryOperationKeys,
    },
    graphiqlPage: () => graphiqlAssets.render(graphiqlOptions),
    dataGeneration: () => database.generation,
    rateLimiter,
    metrics,
    logger,
    tracing,
    readiness: () => database.readiness(),
    available: () => database.available(),
    draining: options.draining ?? (() => false),
    // Read outside the engine, whose masking answers a storage fault 503: the same here.
    openDataCsv: () => {
      try {
        const queries = database.queries();
        return publicFacilitiesCsv(queries.allOffices.all(), queries.sourcesAll.all());
      } catch (error) {
        if (!serviceFault.matches(error)) throw error;
        serviceFault.report();
        return null;
      }
    },
    graphiqlAssets,
    schemaSdl: printContract(),
  });

  return {
    config,
    engine,
    handle,
    refusalBeforeBody: (request) => refusalBeforeBody(request, front),
    database,
    metrics,
    persistedOperations,
    close: async () => {
      rateLimiter?.close();
      database.close();
      await tracing?.shutdown();
    },
  };
}
