import type { TokyoDay } from '../clock.ts';
import type { RequestRecord } from '../graphql/execution/request-record.ts';
import type { CompressibleAnswer } from './compression.ts';
import { ifNoneMatchIncludes } from './etag.ts';
import { isRead, type HttpRequest, type HttpResponse } from './http-message.ts';

/** The cache's part of an exchange, for the log line and metrics. */
export type CacheOutcome = 'hit' | 'miss' | 'bypass' | 'page' | 'none';

export interface Outcome extends CompressibleAnswer {
  cache: CacheOutcome;
}

/** A refusal, answered as made and kept by no cache; its code goes into the request's record (log line, metrics). */
export function refusedOutcome(record: RequestRecord, response: HttpResponse, code: string): Outcome {
  record.errorCodes.push(code);
  return { ...response, cache: 'none' };
}

/**
 * Who may keep a storable answer: any cache (`public`), or only the client's own (`private`): an
 * answer to a document a keyed client sent in kiosk mode must never reach a keyless kiosk through a
 * shared cache that keys by URL alone.
 */
export type Audience = 'public' | 'private';

export interface Validation {
  etag: string;
  /** The answer depends on today's date in Tokyo: it never outlives the day. */
  dated: boolean;
  audience: Audience;
  request: HttpRequest;
  day: TokyoDay;
  maxAgeSeconds: number;
  cache: CacheOutcome;
}

/**
 * The headers of a storable answer: for a GET, a max-age (a date-dependent answer never outliving
 * its Tokyo day) and its ETag, and 304 when the client already holds it. A POST answer is
 * `no-store`, since HTTP caches do not key by body, and has no ETag: nothing stored, nothing to
 * revalidate (on a POST, If-None-Match is a precondition, never answered 304).
 */
export function withValidators(response: CompressibleAnswer, validation: Validation): Outcome {
  const { etag, request, cache } = validation;
  if (!isRead(request.method)) return { ...response, headers: { ...response.headers, 'cache-control': 'no-store' }, cache };
  const maxAge = validation.dated ? Math.min(validation.maxAgeSeconds, validation.day.secondsUntilTomorrow()) : validation.maxAgeSeconds;
  const cacheControl = `${validation.audience}, max-age=${maxAge}`;
  const vary = response.headers.vary;
  if (ifNoneMatchIncludes(request.headers['if-none-match'], etag)) {
    return { status: 304, headers: { etag, 'cache-control': cacheControl, ...(vary === undefined ? {} : { vary }) }, body: '', cache };
  }
  return { ...response, headers: { ...response.headers, etag, 'cache-control': cacheControl }, cache };
}

/**
 * A file asked for by a URL with a query string: a file never reads one, and it may hold whatever
 * its sender wrote there, a birth date too. Such an answer is stored by no cache and has no
 * validator, as GraphiQL's page asked with one (graphiql-assets.ts) and a /graphql request with
 * parts it never reads.
 */
export function unstoredFile(answer: CompressibleAnswer): Outcome {
  const { etag: _etag, ...headers } = answer.headers;
  return { ...answer, headers: { ...headers, 'cache-control': 'no-store' }, cache: 'none' };
}

/** The URL has a query string. */
export const asksWithQueryString = (request: Pick<HttpRequest, 'url'>): boolean => request.url.includes('?');
