import { resolve } from 'node:path';

export interface Limits {
  /** Request body / GET query string, in bytes (document + variables). */
  maxBodyBytes: number;
  /** Longest `Accept` or `Accept-Encoding`, in bytes: the front parses each entry of both. */
  maxAcceptHeaderBytes: number;
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Operations in one document: graphql-js validates every one of them, whichever is run. */
  maxOperations: number;
  /** Estimated resolver calls of one operation; lists count by their requested size. */
  maxCost: number;
  /** Fields in one selection set, its fragments' counted (src/graphql/execution/selection-limits.ts). */
  maxFieldsPerSelection: number;
  /** Fields with one response name in one selection set, its fragments' counted. */
  maxSameResponseName: number;
  /** Estimated comparisons graphql-js' field-merging rule makes for the whole document. */
  maxMergeComparisons: number;
}

/** What one process's HTTP server holds open, and for how long (docs/deployment.md, "Bounds"). */
export interface ConnectionSettings {
  /** Open connections at most; further ones are refused while it is full. */
  maxConnections: number;
  /** From a connection's first byte (or from its previous answer) to the end of the request's headers. */
  headersTimeoutMs: number;
  /** From a request's first byte to the end of its body. */
  requestTimeoutMs: number;
  /** How long a connection may go without a byte moving while an answer is pending: a client that stops reading is cut. */
  sendTimeoutMs: number;
  /** How long an idle keep-alive connection is kept for its next request. */
  keepAliveTimeoutMs: number;
}

export interface Config {
  production: boolean;
  port: number;
  host: string;
  databasePath: string;
  logLevel: 'info' | 'error' | 'silent';
  limits: Limits;
  /** Origins allowed to call from a browser; empty: no cross-origin access. `*`: any. */
  corsOrigins: string[];
  /** Refuse documents that are not persisted operations (kiosk mode). */
  persistedOnly: boolean;
  /** Known API keys (header `x-api-key`): each gets its own rate-limit budget. */
  apiKeys: string[];
  /** API keys that may still send arbitrary documents when persistedOnly (analysts in GraphiQL). */
  arbitraryOperationKeys: string[];
  graphiql: boolean;
  /** Requests per minute per client; 0 turns the limiter off. */
  rateLimitPerMinute: number;
  /** An operation that runs counts as one request per this much of its estimated cost (at least one); 0: always one. */
  rateLimitCostPerRequest: number;
  /** Clients whose windows one process keeps in memory at most (the least recently seen forgotten first). */
  rateLimitMaxClients: number;
  /** Redis holding the rate-limit budgets shared by every process and machine; null: each process counts alone. */
  redisUrl: string | null;
  /** How long a request waits for Redis before it is counted on the process's own budget. */
  redisTimeoutMs: number;
  /** Take the client IP from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** max-age of reference-data answers, in seconds. */
  cacheMaxAgeSeconds: number;
  /** Entries of the in-memory response cache; 0 turns it off. */
  responseCacheEntries: number;
  /** Bytes the response cache may hold. */
  responseCacheBytes: number;
  /** Bytes the parsed and compiled operations may hold; 0 keeps none. */
  operationCacheBytes: number;
  /** Compile operations seen twice with graphql-jit, for the fast path. */
  compileOperations: boolean;
  shutdownTimeoutMs: number;
  /** After SIGTERM, how long the listener keeps accepting (answers closing their connections) before it closes. */
  shutdownDrainMs: number;
  connections: ConnectionSettings;
  /** Where Prometheus scrapes /metrics: a port of its own, off the API's (0: any free port). */
  metricsPort: number;
  metricsHost: string;
  /** Worker processes sharing the port; 1: no cluster. */
  webConcurrency: number;
  /** How often each process looks at the database file: a re-seed, a fault, a file put back. */
  dataCheckIntervalMs: number;
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  // Decimal digits only: Number() would also read "0x50", "1e3" or " 4000" as integers.
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}; got ${JSON.stringify(raw)}`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new Error(`${name} must be true or false (or 1 or 0); got ${JSON.stringify(raw)}`);
}

function list(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new Error(`${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(raw)}`);
  return raw as T;
}

/** The Retry-After of a 503 while the database file is unavailable: by then a check has looked again. */
export function unavailableRetryAfterSeconds(config: Config): number {
  return Math.ceil(config.dataCheckIntervalMs / 1000);
}

/**
 * After the host, a Redis URL may name its database by number, nothing else: ioredis reads any
 * other path as the number NaN, Redis refuses to SELECT it, and the rejection ended the process.
 * ioredis also takes each parameter of a query string as an option (`?db=x`: NaN again), so none is
 * allowed, nor a fragment.
 */
const REDIS_DATABASE_PATH = /^\/?(?:\d+)?$/;

/** `raw` as a URL when it is one with one of `protocols`; null otherwise. */
function urlWithProtocol(raw: string, protocols: readonly string[]): URL | null {
  const url = URL.parse(raw);
  return url !== null && protocols.includes(url.protocol) ? url : null;
}

function redisUrl(env: Env): string | null {
  const raw = env.REDIS_URL;
  if (raw === undefined || raw === '') return null;
  const url = urlWithProtocol(raw, ['redis:', 'rediss:']);
  if (url === null || !REDIS_DATABASE_PATH.test(url.pathname) || url.search !== '' || url.hash !== '') {
    // Not echoed: the URL may carry a password.
    throw new Error('REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379, with at most a database number after it (redis://127.0.0.1:6379/0)');
  }
  return raw;
}

function connectionLimits(env: Env): ConnectionSettings {
  const limits = {
    maxConnections: integer(env, 'MAX_CONNECTIONS', 1_000, 1, 1_000_000),
    headersTimeoutMs: integer(env, 'HEADERS_TIMEOUT_MS', 10_000, 100, 600_000),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
    sendTimeoutMs: integer(env, 'SEND_TIMEOUT_MS', 30_000, 100, 600_000),
    keepAliveTimeoutMs: integer(env, 'KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 600_000),
  };
  // Node refuses a header deadline past the request's: the headers are part of the request.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new Error(`HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS; got ${limits.headersTimeoutMs} and ${limits.requestTimeoutMs}`);
  }
  return limits;
}

/** Every setting comes from the environment, with safe defaults (README: "Running in production"). */
export function loadConfig(env: Env = process.env): Config {
  checkTracingSettings(env);
  return checkedTogether(settingsOf(env));
}

/** The standard OpenTelemetry variables the tracing reads (observability/tracing.ts): a collector's address, the batch's sizes and delays. */
const OTLP_ENDPOINTS = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] as const;
const OTLP_WHOLE_NUMBERS = ['OTEL_BSP_SCHEDULE_DELAY', 'OTEL_BSP_EXPORT_TIMEOUT', 'OTEL_BSP_MAX_QUEUE_SIZE', 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 'OTEL_EXPORTER_OTLP_TIMEOUT', 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT'] as const;

/**
 * A collector's address that is no URL, or a batch setting that is no whole number, was accepted:
 * every span was dropped, or the default used, and nothing said so until the stop. They stop the
 * start like any other malformed setting (the SDK reads them itself, so only their form is checked
 * here). The address is not echoed: it may carry credentials.
 */
function checkTracingSettings(env: Env): void {
  for (const name of OTLP_ENDPOINTS) {
    const raw = env[name];
    if (raw && urlWithProtocol(raw, ['http:', 'https:']) === null) throw new Error(`${name} must be an http:// or https:// URL, e.g. http://127.0.0.1:4318`);
  }
  for (const name of OTLP_WHOLE_NUMBERS) integer(env, name, 1, 1, 999_999_999);
}

/** Settings that each read well but contradict one another stop the start, as a malformed one does. */
function checkedTogether(config: Config): Config {
  if (config.shutdownDrainMs > config.shutdownTimeoutMs) {
    throw new Error(`SHUTDOWN_DRAIN_MS must not exceed SHUTDOWN_TIMEOUT_MS; got ${config.shutdownDrainMs} and ${config.shutdownTimeoutMs}`);
  }
  // Port 0 asks the system for a free port, a different one for each.
  if (config.port !== 0 && config.port === config.metricsPort) throw new Error(`PORT and METRICS_PORT must differ; both are ${config.port}`);
  return config;
}

function settingsOf(env: Env): Config {
  const production = env.NODE_ENV === 'production';
  return {
    production,
    port: integer(env, 'PORT', 4000, 0, 65535),
    // Loopback by default so a developer's machine exposes nothing; containers set HOST=0.0.0.0.
    host: env.HOST || '127.0.0.1',
    databasePath: resolve(env.DATABASE_PATH || 'data/jpki.db'),
    logLevel: oneOf(env, 'LOG_LEVEL', ['info', 'error', 'silent'], 'info'),
    limits: {
      maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 100_000, 1_000, 10_000_000),
      maxAcceptHeaderBytes: integer(env, 'MAX_ACCEPT_HEADER_BYTES', 1_024, 256, 65_536),
      maxDepth: integer(env, 'MAX_DEPTH', 15, 2, 100),
      maxAliases: integer(env, 'MAX_ALIASES', 30, 0, 1_000),
      maxDirectives: integer(env, 'MAX_DIRECTIVES', 20, 0, 1_000),
      maxTokens: integer(env, 'MAX_TOKENS', 3_000, 100, 100_000),
      maxOperations: integer(env, 'MAX_OPERATIONS', 20, 1, 1_000),
      maxCost: integer(env, 'MAX_COST', 25_000, 10, 10_000_000),
      maxFieldsPerSelection: integer(env, 'MAX_FIELDS_PER_SELECTION', 200, 10, 10_000),
      maxSameResponseName: integer(env, 'MAX_SAME_RESPONSE_NAME', 20, 1, 1_000),
      maxMergeComparisons: integer(env, 'MAX_MERGE_COMPARISONS', 5_000, 100, 1_000_000),
    },
    corsOrigins: list(env, 'CORS_ORIGINS'),
    persistedOnly: flag(env, 'PERSISTED_ONLY', false),
    apiKeys: [...new Set([...list(env, 'API_KEYS'), ...list(env, 'ARBITRARY_OPERATION_KEYS')])],
    arbitraryOperationKeys: list(env, 'ARBITRARY_OPERATION_KEYS'),
    graphiql: flag(env, 'GRAPHIQL', true),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 0, 100_000_000),
    rateLimitCostPerRequest: integer(env, 'RATE_LIMIT_COST_PER_REQUEST', 1_000, 0, 10_000_000),
    rateLimitMaxClients: integer(env, 'RATE_LIMIT_MAX_CLIENTS', 10_000, 100, 10_000_000),
    redisUrl: redisUrl(env),
    redisTimeoutMs: integer(env, 'REDIS_TIMEOUT_MS', 10, 1, 10_000),
    trustProxy: flag(env, 'TRUST_PROXY', false),
    cacheMaxAgeSeconds: integer(env, 'CACHE_MAX_AGE', 300, 0, 86_400),
    responseCacheEntries: integer(env, 'RESPONSE_CACHE_ENTRIES', 1_000, 0, 1_000_000),
    responseCacheBytes: integer(env, 'RESPONSE_CACHE_BYTES', 8 * 1024 * 1024, 0, 4 * 1024 ** 3),
    operationCacheBytes: integer(env, 'OPERATION_CACHE_BYTES', 12 * 1024 * 1024, 0, 4 * 1024 ** 3),
    compileOperations: flag(env, 'COMPILE_OPERATIONS', true),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    shutdownDrainMs: integer(env, 'SHUTDOWN_DRAIN_MS', 1_000, 0, 600_000),
    connections: connectionLimits(env),
    metricsPort: integer(env, 'METRICS_PORT', 9464, 0, 65535),
    // Loopback, like HOST: the metrics are for the machine's own agent unless the operator says otherwise.
    metricsHost: env.METRICS_HOST || '127.0.0.1',
    webConcurrency: integer(env, 'WEB_CONCURRENCY', 1, 1, 64),
    dataCheckIntervalMs: integer(env, 'DATA_CHECK_INTERVAL_MS', 5_000, 10, 3_600_000),
  };
}
