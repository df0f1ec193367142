import { randomUUID } from 'node:crypto';
import type { TokyoDay } from '../clock.ts';
import { unavailableRetryAfterSeconds, type Config } from '../config.ts';
import { ErrorCode } from '../graphql/errors.ts';
import { newRequestRecord, type RequestRecord } from '../graphql/request-record.ts';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import { errorBody, etagOf, jsonAnswer, refusal } from './answers.ts';
import { withValidators, type Outcome } from './cache-policy.ts';
import { corsHeaders, preflightHeaders } from './cors.ts';
import { isRead, pathOf, type HttpRequest, type HttpResponse } from './exchange.ts';
import { graphqlRoute, type GraphQLRouteDependencies } from './graphql-route.ts';
import { observe } from './observe.ts';
import type { RateLimiter } from './rate-limit.ts';

export interface Readiness {
  migrationsApplied: boolean;
  dataPresent: boolean;
  /** Why the data cannot be served, in a fixed phrase (never a path or a driver's message). */
  reason?: string;
}

export interface HandlerDependencies extends GraphQLRouteDependencies {
  config: Config;
  day: TokyoDay;
  rateLimiter: RateLimiter | null;
  metrics: Metrics;
  logger: Logger;
  readiness: () => Readiness;
  /** Whether the data can be served now; while not, data routes answer 503 and /ready is not ready. */
  available: () => boolean;
  openDataCsv: () => string;
}

const plain = (response: HttpResponse): Outcome => ({ ...response, cache: 'none' });

/** Routes that read the data, and so wait for it when the database file is bad. */
const DATA_ROUTES = new Set(['/graphql', '/opendata/public-facilities.csv']);

/** The routes of the service: /graphql behind the rate limit, plus the operations endpoints. */
export function createHandler(deps: HandlerDependencies): (request: HttpRequest) => Promise<HttpResponse> {
  const { config, metrics, logger } = deps;
  const graphql = graphqlRoute(deps);
  const retryAfter = String(unavailableRetryAfterSeconds(config));

  function clientOf(request: HttpRequest): string {
    const apiKey = request.headers['x-api-key'];
    if (apiKey && config.apiKeys.includes(apiKey)) return `key:${apiKey}`;
    // The right-most entry is the one the trusted proxy appended; earlier ones are the client's word.
    const forwarded = config.trustProxy ? request.headers['x-forwarded-for']?.split(',').at(-1)?.trim() : undefined;
    return `ip:${forwarded || request.remoteAddress}`;
  }

  function ready(): HttpResponse {
    let state: Readiness;
    try {
      state = deps.readiness();
    } catch {
      state = { migrationsApplied: false, dataPresent: false };
    }
    const isReady = state.migrationsApplied && state.dataPresent && deps.available();
    return jsonAnswer(isReady ? 200 : 503, JSON.stringify({ status: isReady ? 'ready' : 'not ready', ...state }));
  }

  function openData(request: HttpRequest): Outcome {
    if (!isRead(request.method)) return plain(refusal(405, 'Use GET.', ErrorCode.METHOD_NOT_ALLOWED, { allow: 'GET, HEAD' }));
    const csv = deps.openDataCsv();
    const headers = { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'inline; filename="public-facilities.csv"' };
    return withValidators({ status: 200, headers, body: csv }, etagOf(csv), false, request, deps.day, config.cacheMaxAgeSeconds, 'none');
  }

  function unavailable(record: RequestRecord): Outcome {
    record.errorCodes.push(ErrorCode.SERVICE_UNAVAILABLE);
    return plain(refusal(503, 'The data is temporarily unavailable; retry later.', ErrorCode.SERVICE_UNAVAILABLE, { 'retry-after': retryAfter }));
  }

  async function route(request: HttpRequest, path: string, record: RequestRecord): Promise<Outcome> {
    if (DATA_ROUTES.has(path) && request.method !== 'OPTIONS' && !deps.available()) return unavailable(record);
    switch (path) {
      case '/health':
        return plain(jsonAnswer(200, '{"status":"ok"}'));
      case '/ready':
        return plain(ready());
      case '/metrics':
        return plain({ status: 200, headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' }, body: metrics.render() });
      case '/opendata/public-facilities.csv':
        return openData(request);
      case '/graphql': {
        if (request.method === 'OPTIONS') return plain({ status: 204, headers: preflightHeaders(), body: '' });
        const retryAfter = deps.rateLimiter?.take(clientOf(request)) ?? 0;
        if (retryAfter > 0) {
          record.errorCodes.push(ErrorCode.RATE_LIMITED);
          return plain(jsonAnswer(429, errorBody(`Too many requests; retry in ${retryAfter} s.`, ErrorCode.RATE_LIMITED, { retryAfter }), { 'retry-after': String(retryAfter) }));
        }
        return graphql(request, record);
      }
      default:
        return plain(refusal(404, 'Nothing is served here; the API is at /graphql.', ErrorCode.NOT_FOUND));
    }
  }

  return async (request) => {
    const started = performance.now();
    const record = newRequestRecord(randomUUID());
    const path = pathOf(request.url);
    let outcome: Outcome;
    try {
      outcome = await route(request, path, record);
    } catch (error) {
      logger.internalError(record.id, error);
      record.errorCodes.push(ErrorCode.INTERNAL_SERVER_ERROR);
      outcome = plain(jsonAnswer(500, errorBody('Unexpected error.', ErrorCode.INTERNAL_SERVER_ERROR, { requestId: record.id })));
    }
    const { cache, ...response } = outcome;
    response.headers = { ...response.headers, ...corsHeaders(config.corsOrigins, request.headers.origin), 'x-request-id': record.id };
    observe(metrics, logger, request, path, response, cache, record, (performance.now() - started) / 1000);
    return response;
  };
}
