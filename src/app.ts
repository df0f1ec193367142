import { PothosValidationError } from '@pothos/core';
import { getOperationAST, GraphQLError } from 'graphql';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { loadConfig, unavailableRetryAfterSeconds, type Config } from './config.ts';
import { createLoaders } from './db/loaders.ts';
import { readRules, type Rules } from './db/rules.ts';
import { DatabaseUnavailableError, isDatabaseFault, ServingDatabase } from './db/serving-database.ts';
import type { Context } from './graphql/builder.ts';
import { ErrorCode, REQUEST_REFUSED, serviceUnavailableError } from './graphql/errors.ts';
import { CompiledOperations } from './graphql/compiled-operations.ts';
import { graphiqlOptions } from './graphql/graphiql.ts';
import { limitPlugins } from './graphql/limits.ts';
import { loadPersistedOperations, persistedOperationsPlugin, type PersistedOperation } from './graphql/persisted-operations.ts';
import { schema } from './graphql/schema.ts';
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
}

export interface App {
  config: Config;
  yoga: YogaServerInstance<Record<string, never>, Context>;
  handle: (request: HttpRequest) => Promise<HttpResponse>;
  database: ServingDatabase;
  metrics: Metrics;
  persistedOperations: ReadonlyMap<string, PersistedOperation>;
  close(): void;
}

/**
 * Gives every error a code. Errors graphql-js raises while coercing arguments and variables, and
 * Pothos' argument checks, are the client's: BAD_USER_INPUT, and a 400 when they stop the whole
 * request. A database error is SERVICE_UNAVAILABLE (503): the file went bad, not the code. Anything
 * else unexpected is masked to INTERNAL_SERVER_ERROR, logged with the request id the response carries.
 */
function maskError(error: unknown, message: string, logger: Logger, database: ServingDatabase, config: Config): Error {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (isDatabaseFault(original)) return databaseFault(error, database, config);
  const masked = classify(error, message);
  if (masked.extensions.code !== ErrorCode.INTERNAL_SERVER_ERROR) return masked;
  const request = currentRequest();
  logger.error({ requestId: request?.id ?? null, msg: 'unexpected error', error: original instanceof Error ? original.stack : String(original) });
  return new GraphQLError(masked.message, { nodes: masked.nodes, path: masked.path, extensions: { ...masked.extensions, requestId: request?.id } });
}

/** The file went bad under a request: stop serving from it until the next check has reopened it. */
function databaseFault(error: unknown, database: ServingDatabase, config: Config): GraphQLError {
  database.reportFault();
  return serviceUnavailableError(unavailableRetryAfterSeconds(config), error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {});
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
  const cache = new ResponseCache(config.responseCacheEntries);
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
    onAvailabilityChanged: (available, reason) => (available ? logger.info({ msg: 'database available' }) : logger.error({ msg: 'database unavailable', reason })),
  });
  const persistedOperations = loadPersistedOperations();
  const allowArbitraryOperations = (apiKey: string | null | undefined) =>
    !config.persistedOnly || (apiKey != null && config.arbitraryOperationKeys.includes(apiKey));

  const createContext = (): Context => {
    const request = currentRequest();
    const queries = database.queries();
    return {
      loaders: createLoaders(queries),
      queries,
      rules: () => {
        if (!rules) throw new DatabaseUnavailableError('the rules have not been read yet');
        return rules;
      },
      today: () => {
        if (request) request.usesToday = true;
        return day.today();
      },
    };
  };

  const yoga = createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    cors: false,
    batching: false,
    logging: false,
    maskedErrors: { maskError: (error, message) => maskError(error, message, logger, database, config) },
    graphiql: config.graphiql ? graphiqlOptions : false,
    // GraphiQL bundled into the page: the default one loads its scripts from a CDN.
    renderGraphiQL,
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
    readiness: () => database.readiness(),
    available: () => database.available(),
    openDataCsv: () => publicFacilitiesCsv(database.queries().allOffices.all()),
    allowArbitraryOperations,
    compiled: new CompiledOperations(schema, config.compiledOperations, config.limits.maxCost),
    createContext,
    persistedDocument: (id) => persistedOperations.get(id)?.document,
  });

  return {
    config,
    yoga,
    handle,
    database,
    metrics,
    persistedOperations,
    close: () => database.close(),
  };
}
