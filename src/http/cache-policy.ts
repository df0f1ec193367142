import type { TokyoDay } from '../clock.ts';
import type { GraphQLAnswer, Inspection } from '../graphql/execution/executor.ts';
import type { RequestRecord } from '../graphql/execution/request-record.ts';
import type { CompressibleAnswer } from './compression.ts';
import { ifNoneMatchIncludes } from './etag.ts';
import { isRead, type HttpRequest } from './http-message.ts';

/** The cache's part of an exchange, for the log line and metrics. */
export type CacheOutcome = 'hit' | 'miss' | 'bypass' | 'page' | 'none';

export interface Outcome extends CompressibleAnswer {
  cache: CacheOutcome;
}

/**
 * Whether an answer may be kept and shared, by this process or any HTTP cache. Decided from the
 * operation as parsed, before it ran: an operation that names personal data anywhere, or sent
 * with variables it does not declare, never is; nor is an error.
 */
export function isStorable(answer: GraphQLAnswer, record: RequestRecord, inspection: Inspection | null): boolean {
  return answer.status === 200 && record.errorCodes.length === 0 && inspection !== null && !inspection.personalData;
}

export function noStore(answer: GraphQLAnswer, headers: Record<string, string>): Outcome {
  return { status: answer.status, headers: { ...headers, 'cache-control': 'no-store' }, body: answer.body, cache: 'bypass' };
}

/**
 * The headers of a storable answer: `public` with a max-age for a GET (a date-dependent answer
 * never outliving its Tokyo day), `no-store` for a POST, which HTTP caches do not key by body; and
 * 304 when the client already holds this ETag.
 */
export function withValidators(response: CompressibleAnswer, etag: string, dated: boolean, request: HttpRequest, day: TokyoDay, maxAgeSeconds: number, cache: CacheOutcome): Outcome {
  const read = isRead(request.method);
  const maxAge = dated ? Math.min(maxAgeSeconds, day.secondsUntilTomorrow()) : maxAgeSeconds;
  const cacheControl = read ? `public, max-age=${maxAge}` : 'no-store';
  if (read && ifNoneMatchIncludes(request.headers['if-none-match'], etag)) {
    return { status: 304, headers: { etag, 'cache-control': cacheControl }, body: '', cache };
  }
  return { ...response, headers: { ...response.headers, etag, 'cache-control': cacheControl }, cache };
}
