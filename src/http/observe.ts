import type { RequestRecord } from '../graphql/execution/request-record.ts';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { CacheOutcome } from './cache-policy.ts';
import type { HttpRequest, HttpResponse } from './http-message.ts';

/** The routes metrics and logs name; anything else is `other`, so a scan of random URLs grows nothing. */
const ROUTES = new Set(['/graphql', '/health', '/ready', '/schema.graphql', '/opendata/public-facilities.csv']);
/** GraphiQL's content-hashed files, counted under one label. */
const ASSETS = '/graphiql/';
/** The liveness probe, asked every few seconds: counted, not logged or traced. */
export const UNLOGGED_ROUTES: ReadonlySet<string> = new Set(['/health']);

/** The name of a route in metrics, logs and traces: a known path, or a fixed label for the rest. */
export function routeLabel(path: string): string {
  if (ROUTES.has(path)) return path;
  return path.startsWith(ASSETS) ? ASSETS : 'other';
}

export interface Exchange {
  metrics: Metrics;
  logger: Logger;
  request: HttpRequest;
  /** The route's label (routeLabel). */
  route: string;
  response: HttpResponse;
  cache: CacheOutcome;
  record: RequestRecord;
  seconds: number;
}

/**
 * Counts the exchange in the metrics and writes its log line, from the record's allow-listed
 * fields. An operation's name is the client's text: logged when the operation is an allow-listed
 * one or names no personal data, failing closed.
 */
export function observe({ metrics, logger, request, route, response, cache, record, seconds }: Exchange): void {
  metrics.observeDuration(seconds);
  metrics.requests.inc({ path: route, status: String(response.status), cache });
  for (const code of record.errorCodes) metrics.rejections.inc({ code });
  if (UNLOGGED_ROUTES.has(route)) return;
  logger.request({
    requestId: record.id,
    method: request.method,
    path: route,
    status: response.status,
    durationMs: Math.round(seconds * 10_000) / 10,
    operationName: record.personalData && record.persistedId === null ? null : record.operationName,
    persistedId: record.persistedId,
    cost: record.cost,
    compiled: record.compiled,
    cache,
    errors: record.errorCodes,
  });
}
