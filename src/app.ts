import type Database from 'better-sqlite3';
import { PothosValidationError } from '@pothos/core';
import { getOperationAST, GraphQLError } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { loadConfig, type Config } from './config.ts';
import { databaseReadiness, openReadOnly } from './db/database.ts';
import { createLoaders } from './db/loaders.ts';
import { prepareQueries, type Queries } from './db/queries.ts';
import { readRules } from './db/rules.ts';
import type { Context } from './graphql/builder.ts';
import { ErrorCode, REQUEST_REFUSED } from './graphql/errors.ts';
import { CompiledOperations } from './graphql/compiled-operations.ts';
import { graphiqlOptions } from './graphql/graphiql.ts';
import { limitPlugins } from './graphql/limits.ts';
import { loadPersistedOperations, persistedOperationsPlugin, type PersistedOperation } from './graphql/persisted-operations.ts';
import { schema } from './graphql/schema.ts';
import { COMPRESSION } from './http/compression.ts';
import { GraphiQLAssets } from './http/graphiql-assets.ts';
import { createHandler, type HttpRequest, type HttpResponse } from './http/handler.ts';
import { createLogger, type Logger } from './http/logger.ts';
import { Metrics } from './http/metrics.ts';
import { RateLimiter } from './http/rate-limit.ts';
import { currentRequest } from './http/request-context.ts';
import { ResponseCache } from './http/response-cache.ts';
import { tokyoDay } from './http/tokyo-day.ts';
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
  yoga: YogaServerInstance<Record<string, never>, Context>;
  handle: (request: HttpRequest) => Promise<HttpResponse>;
  sqlite: Database.Database;
  queries: Queries;
  metrics: Metrics;
  persistedOperations: ReadonlyMap<string, PersistedOperation>;
  close(): void;
}

/** How often the serving process looks for a re-seeded database, to drop cached answers. */
const DEFAULT_DATA_CHECK_INTERVAL_MS = 5_000;

/**
 * Gives every error a code. Errors graphql-js raises while coercing arguments and variables, and
 * Pothos' argument checks, are the client's: BAD_USER_INPUT, and a 400 when they stop the whole
 * request. Anything else unexpected is masked to INTERNAL_SERVER_ERROR, logged with the request id
 * the response carries.
 */
function maskError(error: unknown, message: string, logger: Logger): Error {
  const masked = classify(error, message);
  if (masked.extensions.code !== ErrorCode.INTERNAL_SERVER_ERROR) return masked;
  const request = currentRequest();
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  logger.error({ requestId: request?.id ?? null, msg: 'unexpected error', error: original instanceof Error ? original.stack : String(original) });
  return new GraphQLError(masked.message, { nodes: masked.nodes, path: masked.path, extensions: { ...masked.extensions, requestId: request?.id } });
}

function classify(error: unknown, message: string): GraphQLError {
  const internal = { code: ErrorCode.INTERNAL_SERVER_ERROR };
  if (!(error instanceof GraphQLError)) return new GraphQLError(message, { extensions: internal });
  const original = error.originalError;
  if (original === undefined || original === error) {
    // An error graphql-js raises at a field on its own (a non-null field resolved to null) is ours.
    if (error.path !== undefined) return new GraphQLError(message, { nodes: error.nodes, path: error.path, extensions: internal });
    // Parse, validation and request errors refuse the whole request. Yoga and graphql-armor code
    // most of them, with the status the GraphQL-over-HTTP spec gives; the rest (a mutation
    // against this query-only schema) are BAD_REQUEST.
    if (error.extensions.code) return error;
    return new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code: ErrorCode.BAD_REQUEST, http: error.extensions.http ?? REQUEST_REFUSED } });
  }
  const location = { nodes: error.nodes, path: error.path };
  if (original instanceof GraphQLError || original instanceof PothosValidationError) {
    const extensions = original instanceof GraphQLError ? original.extensions : {};
    const requestError = error.path === undefined ? { http: REQUEST_REFUSED } : {};
    return new GraphQLError(error.message, { ...location, extensions: { ...extensions, code: extensions.code ?? ErrorCode.BAD_USER_INPUT, ...requestError } });
  }
  return new GraphQLError(message, { ...location, extensions: internal });
}

/** Records the code of every error the response carries, whatever stage raised it. */
const useErrorCodes: Plugin = {
  onResultProcess({ result }) {
    const request = currentRequest();
    if (!request) return;
    for (const single of Array.isArray(result) ? result : [result]) {
      if (single && 'errors' in single) for (const error of single.errors ?? []) request.errorCodes.push(String(error.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR));
    }
  },
};

/** Names the operation in the request's log line, before it executes. */
const useOperationName: Plugin = {
  onExecute({ args }) {
    const request = currentRequest();
    if (request) request.operationName = getOperationAST(args.document, args.operationName)?.name?.value ?? null;
  },
};

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
  const allowArbitraryOperations = (apiKey: string | null | undefined) =>
    !config.persistedOnly || (apiKey != null && config.arbitraryOperationKeys.includes(apiKey));

  const createContext = (): Context => {
    const request = currentRequest();
    return {
      loaders: createLoaders(queries),
      queries,
      rules: () => rules,
      today: () => {
        if (request) request.usesToday = true;
        return day.today();
      },
    };
  };

  const graphiqlAssets = new GraphiQLAssets(COMPRESSION.static);
  const yoga = createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    cors: false,
    batching: false,
    logging: false,
    maskedErrors: { maskError: (error, message) => maskError(error, message, logger) },
    graphiql: config.graphiql ? graphiqlOptions : false,
    // GraphiQL from files this server serves: the default one loads its scripts from a CDN.
    renderGraphiQL: graphiqlAssets.render,
    plugins: [
      persistedOperationsPlugin({
        operations: persistedOperations,
        allowArbitrary: (request) => allowArbitraryOperations(request.headers.get('x-api-key')),
      }),
      ...limitPlugins(config.limits, config.production),
      useOperationName,
      useErrorCodes,
    ],
    context: createContext,
  });

  const cache = new ResponseCache(config.responseCacheEntries);
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
  metrics.gauge('process_resident_memory_bytes', 'Resident memory of this process.', () => process.memoryUsage.rss());

  const handle = createHandler({
    config,
    graphql: (request) => Promise.resolve(yoga.fetch(request)),
    cache,
    rateLimiter: config.rateLimitPerMinute > 0 ? new RateLimiter(config.rateLimitPerMinute) : null,
    day,
    metrics,
    logger,
    readiness: databaseReadiness(sqlite),
    openDataCsv: () => publicFacilitiesCsv(queries.allOffices.all()),
    allowArbitraryOperations,
    compiled: new CompiledOperations(schema, config.compiledOperations, config.limits.maxCost),
    createContext,
    persistedDocument: (id) => persistedOperations.get(id)?.document,
    graphiqlAssets,
  });

  return {
    config,
    yoga,
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
