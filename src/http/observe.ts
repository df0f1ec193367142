import type { RequestRecord } from '../graphql/execution/request-record.ts';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { CacheOutcome } from './cache-policy.ts';
import type { HttpRequest, HttpResponse } from './http-message.ts';

/** The routes metrics and logs name; anything else is `other`, so a scan of random URLs grows nothing. */
const ROUTES = new Set(['/graphql', '/health', '/ready', '/opendata/public-facilities.csv']);
/** GraphiQL's content-hashed files, counted under one label. */
const ASSETS = '/graphiql/';
/** The liveness probe, asked every few seconds: counted, not logged. */
const UNLOGGED = new Set(['/health']);

function routeLabel(path: string): string {
  if (ROUTES.has(path)) return path;
  return path.startsWith(ASSETS) ? ASSETS : 'other';
}

/** Counts the exchange in the metrics and writes its log line, from the record's allow-listed fields. */
export function observe(metrics: Metrics, logger: Logger, request: HttpRequest, path: string, response: HttpResponse, cache: CacheOutcome, record: RequestRecord, seconds: number): void {
  const route = routeLabel(path);
  metrics.observeDuration(seconds);
  metrics.requests.inc({ path: route, status: String(response.status), cache });
  for (const code of record.errorCodes) metrics.rejections.inc({ code });
  if (UNLOGGED.has(route)) return;
  logger.request({
    requestId: record.id,
    method: request.method,
    path: route,
    status: response.status,
    durationMs: Math.round(seconds * 10_000) / 10,
    operationName: record.operationName,
    persistedId: record.persistedId,
    cost: record.cost,
    cache,
    errors: record.errorCodes,
  });
}
