import { randomUUID } from 'node:crypto';
import { ErrorCode, SERVICE_UNAVAILABLE_MESSAGE } from '../graphql/errors.ts';
import type { CostCharge } from '../graphql/execution/engine.ts';
import { newRequestRecord, type RequestRecord } from '../graphql/execution/request-record.ts';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { Tracing } from '../observability/tracing.ts';
import { GRAPHQL_METHODS } from './admission.ts';
import { asksWithQueryString, refusedOutcome, unstoredFile, withValidators, type CacheOutcome, type Outcome } from './cache-policy.ts';
import { forwardedAddress, rateLimitAddress } from './client-address.ts';
import { compressAnswer, COMPRESSION, withVary } from './compression.ts';
import { corsHeaders, preflightHeaders } from './cors.ts';
import { etagOf } from './etag.ts';
import { GRAPHIQL_ASSET_PREFIX, GraphiQLUnavailable, graphiqlRefusal, type GraphiQLAssets } from './graphiql-assets.ts';
import { graphqlRoute, type GraphQLRouteDependencies } from './graphql-route.ts';
import { isRead, oversizedNegotiatedHeader, pathOf, type HttpRequest, type HttpResponse } from './http-message.ts';
import { errorBody, httpRefusal, jsonAnswer } from './json-answers.ts';
import { negotiatedContentType, negotiateResponseType } from './media-types.ts';
import { observe, routeLabel, UNLOGGED_ROUTES } from './observe.ts';
import type { RateLimiter, RateLimitState } from './rate-limit.ts';
import { rateLimitHeaders } from './rate-limit-headers.ts';

export interface Readiness {
  migrationsApplied: boolean;
  dataPresent: boolean;
  /** Why the data cannot be served, in a fixed phrase (never a path or a driver's message). */
  reason?: string;
}

export interface HandlerDependencies extends GraphQLRouteDependencies {
  rateLimiter: RateLimiter | null;
  metrics: Metrics;
  logger: Logger;
  /** Traces requests when set (observability/tracing.ts). */
  tracing: Tracing | null;
  readiness: () => Readiness;
  /** Whether the data can be served now; while not, data routes answer 503 and /ready is not ready. */
  available: () => boolean;
  /** True once the process is stopping: /ready says so at once, so balancers stop sending before the listener closes. */
  draining: () => boolean;
  /** The open data's CSV; null when the storage failed reading it (answered 503, as the engine answers a storage fault). */
  openDataCsv: () => string | null;
  graphiqlAssets: GraphiQLAssets;
  /** The committed schema (SDL), served at /schema.graphql. */
  schemaSdl: string;
}

const plain = (response: HttpResponse): Outcome => ({ ...response, cache: 'none' });

/** What an answer is coded by when the client's Accept-Encoding is not read: plain. */
const PLAIN_ONLY = { 'accept-encoding': 'identity' };

/**
 * What an operation that runs counts as in the rate limit: one request per started `costPerRequest`
 * of its estimated cost, at least one (0: always one). Its CPU grows with its cost
 * (docs/performance.md, "What the cost limit buys"), so a budget of requests alone let one client at
 * the limit, sending operations at MAX_COST, keep a core busy.
 */
function requestsForCost(cost: number, costPerRequest: number): number {
  return costPerRequest === 0 ? 1 : Math.max(1, Math.ceil(cost / costPerRequest));
}

/** The methods a probe answers. */
const PROBE_METHODS = 'GET, HEAD';
/** The methods a file answers: OPTIONS is a page's CORS preflight (a revalidating GET sends If-None-Match, no safelisted header). */
const FILE_METHODS = 'GET, HEAD, OPTIONS';

/** Routes that read the data, and so wait for it when the database file is bad. */
const DATA_ROUTES = new Set(['/graphql', '/opendata/public-facilities.csv']);

/** The routes of the service: /graphql behind the rate limit, the schema and open data, and the probes (/metrics has a port of its own). */
export function createHandler(deps: HandlerDependencies): (request: HttpRequest) => Promise<HttpResponse> {
  const { options, metrics, logger } = deps;
  const graphql = graphqlRoute(deps);
  const retryAfter = String(options.unavailableRetryAfterSeconds);
  const schemaEtag = etagOf(deps.schemaSdl);
  const { refusalExtensions } = deps.engine;

  function clientOf(request: HttpRequest): string {
    const apiKey = request.headers['x-api-key'];
    if (apiKey && options.apiKeys.includes(apiKey)) return `key:${apiKey}`;
    // The right-most entry is the one the trusted proxy appended; earlier ones are the client's word.
    // One that holds no address counts as the proxy's own: never as text the client may have chosen.
    const forwarded = options.trustProxy ? forwardedAddress(request.headers['x-forwarded-for']?.split(',').at(-1)?.trim() ?? '') : null;
    return `ip:${rateLimitAddress(forwarded ?? request.remoteAddress)}`;
  }

  function ready(): HttpResponse {
    let state: Readiness;
    try {
      state = deps.readiness();
    } catch {
      state = { migrationsApplied: false, dataPresent: false };
    }
    if (deps.draining()) return jsonAnswer(503, JSON.stringify({ status: 'not ready', ...state, reason: 'shutting down' }));
    const isReady = state.migrationsApplied && state.dataPresent && deps.available();
    return jsonAnswer(isReady ? 200 : 503, JSON.stringify({ status: isReady ? 'ready' : 'not ready', ...state }));
  }

  /** The refusal of a method a path that only reads does not answer (the files and the probes), naming those it does. */
  function readOnly(record: RequestRecord, allow: string): Outcome {
    return refusedOutcome(record, httpRefusal(405, 'Use GET.', ErrorCode.METHOD_NOT_ALLOWED, refusalExtensions, { allow }), ErrorCode.METHOD_NOT_ALLOWED);
  }

  /** A file a GET may fetch and any cache keep, revalidated by its ETag; `contents` is read for a GET or HEAD alone (null: the storage failed). */
  function file(request: HttpRequest, record: RequestRecord, contents: () => { body: string; etag: string } | null, headers: Record<string, string>): Outcome {
    if (request.method === 'OPTIONS') return plain({ status: 204, headers: { allow: FILE_METHODS, ...preflightHeaders(FILE_METHODS) }, body: '' });
    if (!isRead(request.method)) return readOnly(record, FILE_METHODS);
    const read = contents();
    if (read === null) return unavailable(record);
    const { body, etag } = read;
    if (asksWithQueryString(request)) return unstoredFile({ status: 200, headers, body });
    return withValidators({ status: 200, headers, body }, { etag, dated: false, audience: 'public', request, day: deps.day, maxAgeSeconds: options.cacheMaxAgeSeconds, cache: 'none' });
  }

  /** Why an operation's cost was refused, and what the client can do: wait, or (past a whole window's budget) send less. */
  function costRefusalMessage(cost: number, requests: number, limit: RateLimitState): string {
    const counted = `This operation's cost (${cost}) counts as ${requests} requests`;
    if (requests > limit.limit) return `${counted}, more than the ${limit.limit} a client may make in ${limit.windowSeconds} s: send a smaller operation.`;
    return `${counted}, more than the ${limit.remaining + 1} left of this window's ${limit.limit}; retry in ${limit.retryAfterSeconds} s, or send a smaller operation.`;
  }

  function limited(record: RequestRecord, retryAfter: number): Outcome {
    return refusedOutcome(record, jsonAnswer(429, errorBody(`Too many requests; retry in ${retryAfter} s.`, ErrorCode.RATE_LIMITED, { retryAfter }, refusalExtensions)), ErrorCode.RATE_LIMITED);
  }

  function unavailable(record: RequestRecord): Outcome {
    return refusedOutcome(record, httpRefusal(503, SERVICE_UNAVAILABLE_MESSAGE, ErrorCode.SERVICE_UNAVAILABLE, refusalExtensions, { 'retry-after': retryAfter }), ErrorCode.SERVICE_UNAVAILABLE);
  }

  /** RFC 6585 §5: 431 also when one header field is at fault, which the answer should name. */
  function headerTooLarge(record: RequestRecord, name: string): Outcome {
    const message = `The \`${name}\` header is longer than ${options.maxAcceptHeaderBytes} bytes.`;
    return refusedOutcome(record, httpRefusal(431, message, ErrorCode.REQUEST_HEADER_TOO_LARGE, refusalExtensions), ErrorCode.REQUEST_HEADER_TOO_LARGE);
  }

  /** `oversized`: the negotiated header over its length limit, if any (oversizedNegotiatedHeader). */
  async function route(request: HttpRequest, path: string, record: RequestRecord, oversized: string | null): Promise<Outcome> {
    const { refusal } = request;
    if (refusal) {
      // Refused before the route negotiated its type: in the JSON type the client accepts, unless `Accept` is over its limit.
      const type = oversized === null ? negotiateResponseType(request.headers.accept, false) : null;
      return refusedOutcome(record, httpRefusal(refusal.status, refusal.message, refusal.code, refusalExtensions, { ...negotiatedContentType(type), ...refusal.headers }), refusal.code);
    }
    // Before anything reads them: every route negotiates its coding, /graphql its type too.
    if (oversized !== null) return headerTooLarge(record, oversized);
    if (DATA_ROUTES.has(path) && request.method !== 'OPTIONS' && !deps.available()) return unavailable(record);
    switch (path) {
      // RFC 9110 §9.3.7: `OPTIONS *` asks about the server as a whole; RFC 9112 §3.2.4: that form of target is for OPTIONS alone.
      case '*':
        if (request.method === 'OPTIONS') return plain({ status: 204, headers: { allow: GRAPHQL_METHODS }, body: '' });
        return refusedOutcome(record, httpRefusal(400, 'The request target `*` is for OPTIONS alone (RFC 9112 §3.2.4).', ErrorCode.BAD_REQUEST, refusalExtensions), ErrorCode.BAD_REQUEST);
      case '/health':
        return isRead(request.method) ? plain(jsonAnswer(200, '{"status":"ok"}')) : readOnly(record, PROBE_METHODS);
      case '/ready':
        return isRead(request.method) ? plain(ready()) : readOnly(record, PROBE_METHODS);
      case '/schema.graphql':
        return file(request, record, () => ({ body: deps.schemaSdl, etag: schemaEtag }), { 'content-type': 'text/plain; charset=utf-8', 'content-disposition': 'inline; filename="schema.graphql"' });
      case '/opendata/public-facilities.csv': {
        const csv = () => {
          const body = deps.openDataCsv();
          return body === null ? null : { body, etag: etagOf(body) };
        };
        return file(request, record, csv, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'inline; filename="public-facilities.csv"' });
      }
      case '/graphql': {
        if (request.method === 'OPTIONS') return plain({ status: 204, headers: preflightHeaders(GRAPHQL_METHODS), body: '' });
        if (!deps.rateLimiter) return graphql(request, record, null);
        const { rateLimiter } = deps;
        const client = clientOf(request);
        let limit = await rateLimiter.consume(client);
        // The request counted one; an operation that runs takes the rest of what its cost counts as before it runs.
        const chargeCost: CostCharge = async (cost) => {
          const requests = requestsForCost(cost, options.rateLimitCostPerRequest);
          if (requests === 1) return null;
          limit = await rateLimiter.consume(client, requests - 1);
          return limit.allowed ? null : { message: costRefusalMessage(cost, requests, limit), retryAfterSeconds: limit.retryAfterSeconds };
        };
        const outcome = limit.allowed ? await graphql(request, record, chargeCost) : limited(record, limit.retryAfterSeconds);
        // Every answer of a limited route says where the client stands (Retry-After on a 429 included).
        return { ...outcome, headers: { ...outcome.headers, ...rateLimitHeaders(limit) } };
      }
      default: {
        // Asked with a query string, a file is answered whole and unstored, whatever validator the client holds.
        const queried = asksWithQueryString(request);
        const asking = queried ? { method: request.method, headers: { ...request.headers, 'if-none-match': undefined } } : request;
        const asset = options.graphiql && isRead(request.method) && path.startsWith(GRAPHIQL_ASSET_PREFIX) ? await deps.graphiqlAssets.answer(path, asking) : null;
        if (asset instanceof GraphiQLUnavailable) return graphiqlRefusal(record, asset, refusalExtensions);
        if (asset) return queried ? unstoredFile(asset) : { ...asset, cache: 'none' };
        return refusedOutcome(record, httpRefusal(404, 'Nothing is served here; the API is at /graphql.', ErrorCode.NOT_FOUND, refusalExtensions), ErrorCode.NOT_FOUND);
      }
    }
  }

  /**
   * The headers every answer gets (CORS, the request id; on /graphql, Vary: Accept), then its
   * coding, negotiated only from an Accept-Encoding within its length limit: an overlong one is
   * refused unread, and the refusal goes out plain.
   */
  function finish(request: HttpRequest, path: string, outcome: Outcome, record: RequestRecord, negotiable: boolean): HttpResponse {
    const { cache: _cache, ...answer } = outcome;
    const headers: Record<string, string> = { ...answer.headers, 'x-request-id': record.id };
    // Every answer of /graphql may differ by Accept, refusals included: the two JSON types carry the
    // same result under different statuses and types, and a browser gets GraphiQL's page; a shared
    // cache keeps them apart. A CORS preflight does not vary by it.
    if (path === '/graphql' && request.method !== 'OPTIONS') headers.vary = withVary(headers.vary, 'Accept');
    for (const [name, value] of Object.entries(corsHeaders(options.corsOrigins, request.headers.origin))) {
      headers[name] = name === 'vary' ? withVary(headers.vary, value) : value;
    }
    // Last, so a 304 for the client's coding and the time spent compressing are both counted.
    return compressAnswer(negotiable ? request : { method: request.method, headers: PLAIN_ONLY }, { ...answer, headers }, COMPRESSION);
  }

  return async (request) => {
    const started = performance.now();
    const record = newRequestRecord(randomUUID());
    const path = pathOf(request.url);
    const label = routeLabel(path);
    // Probes scraped every few seconds are not traced, as they are not logged.
    if (deps.tracing && !UNLOGGED_ROUTES.has(label)) record.trace = deps.tracing.startRequest(request.method, label, request.headers);
    let response: HttpResponse;
    let cache: CacheOutcome = 'none';
    // Every stage, headers and compression included, inside one catch: whatever fails, this
    // request gets a coded answer and the process goes on.
    try {
      const oversized = oversizedNegotiatedHeader(request.headers, options.maxAcceptHeaderBytes);
      const outcome = await route(request, path, record, oversized);
      cache = outcome.cache;
      response = finish(request, path, outcome, record, oversized === null);
    } catch (error) {
      logger.internalError(record.id, error);
      record.errorCodes.push(ErrorCode.INTERNAL_SERVER_ERROR);
      response = jsonAnswer(500, errorBody('Unexpected error.', ErrorCode.INTERNAL_SERVER_ERROR, { requestId: record.id }, refusalExtensions), { 'x-request-id': record.id });
    }
    if (record.trace) deps.tracing?.endRequest(record.trace, response.status);
    observe({ metrics, logger, request, route: label, response, cache, record, seconds: (performance.now() - started) / 1000 });
    return response;
  };
}
