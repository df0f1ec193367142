import type Database from 'better-sqlite3';
import { tokyoDay } from './clock.ts';
import { loadConfig, allowsArbitraryOperations, type Config } from './config.ts';
import { databaseReadiness, openReadOnly } from './db/database.ts';
import { createLoaders } from './db/loaders.ts';
import { prepareQueries, type Queries } from './db/queries.ts';
import { readRules } from './db/rules.ts';
import type { Context } from './graphql/builder.ts';
import { createExecutor, type Executor } from './graphql/executor.ts';
import { OperationCatalog } from './graphql/operation-catalog.ts';
import { loadPersistedOperations, type PersistedOperation } from './graphql/persisted-operations.ts';
import type { RequestRecord } from './graphql/request-record.ts';
import { schema } from './graphql/schema.ts';
import type { HttpRequest, HttpResponse } from './http/exchange.ts';
import { RateLimiter } from './http/rate-limit.ts';
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
  /** How often to look for a re-seeded database (default 5 s). */
  dataCheckIntervalMs?: number;
}

export interface App {
  config: Config;
  executor: Executor;
  handle: (request: HttpRequest) => Promise<HttpResponse>;
  sqlite: Database.Database;
  queries: Queries;
  metrics: Metrics;
  persistedOperations: ReadonlyMap<string, PersistedOperation>;
  close(): void;
}

/** How often the serving process looks for a re-seeded database, to drop cached answers. */
const DEFAULT_DATA_CHECK_INTERVAL_MS = 5_000;

/** Composes the service: storage, the schema's executor and the HTTP front. */
export function createApp(options: AppOptions): App {
  const config = options.config ?? loadConfig();
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = new Metrics();
  const day = tokyoDay(options.clock);
  const sqlite = openReadOnly(options.databasePath, {
    onStatement: (sql) => {
      metrics.sqlStatements.inc();
      options.onStatement?.(sql);
    },
  });
  const queries = prepareQueries(sqlite);
  let rules = readRules(queries);
  const persistedOperations = loadPersistedOperations();

  const createContext = (record: RequestRecord): Context => ({
    record,
    loaders: createLoaders(queries),
    queries,
    rules: () => rules,
    today: () => {
      record.usesToday = true;
      return day.today();
    },
  });

  const catalog = new OperationCatalog(schema, { maxBytes: config.operationCacheBytes, compile: config.compileOperations, maxTokens: config.limits.maxTokens });
  const executor = createExecutor({
    limits: config.limits,
    production: config.production,
    graphiql: config.graphiql,
    catalog,
    persistedOperations,
    allowsArbitrary: (apiKey) => allowsArbitraryOperations(config, apiKey),
    createContext,
    logger,
  });

  const cache = new ResponseCache(config.responseCacheEntries, config.responseCacheBytes);
  let dataHash = queries.dataHash.get()?.dataHash;
  const dataCheck = setInterval(() => {
    const current = queries.dataHash.get()?.dataHash;
    if (current !== dataHash) {
      dataHash = current;
      rules = readRules(queries);
      cache.clear();
    }
  }, options.dataCheckIntervalMs ?? DEFAULT_DATA_CHECK_INTERVAL_MS);
  dataCheck.unref();
  metrics.gauge('response_cache_entries', 'Responses held by the in-memory cache.', () => cache.size);
  metrics.gauge('operation_cache_entries', 'Parsed (and compiled) operations held in memory.', () => catalog.size);
  metrics.gauge('process_resident_memory_bytes', 'Resident memory of this process.', () => process.memoryUsage.rss());

  const handle = createHandler({
    config,
    executor,
    cache,
    rateLimiter: config.rateLimitPerMinute > 0 ? new RateLimiter(config.rateLimitPerMinute) : null,
    day,
    metrics,
    logger,
    readiness: databaseReadiness(sqlite),
    openDataCsv: () => publicFacilitiesCsv(queries.allOffices.all()),
    persistedDocument: (id) => persistedOperations.get(id)?.document,
  });

  return {
    config,
    executor,
    handle,
    sqlite,
    queries,
    metrics,
    persistedOperations,
    close: () => {
      clearInterval(dataCheck);
      sqlite.close();
    },
  };
}
