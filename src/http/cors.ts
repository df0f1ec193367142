import { CSRF_HEADERS } from './admission.ts';

/**
 * The answer's headers a page of another origin may read besides the CORS-safelisted ones
 * (Content-Type, Cache-Control …): those the guides tell a client to act on or report. The request
 * id (routes.ts); `Retry-After` and the RateLimit fields (rate-limit-headers.ts, and the 503's
 * `Retry-After`); `Deprecation` and `Sunset` (deprecation.ts); the `ETag` to revalidate with.
 */
const EXPOSED_HEADERS = ['x-request-id', 'retry-after', 'ratelimit-policy', 'ratelimit', 'deprecation', 'sunset', 'etag'].join(', ');

/**
 * Cross-origin access for browsers, from an allow-list (`*` allows any origin; no credentials
 * ever). Every call builds a new object: one origin's answer can never leak into another's.
 */
export function corsHeaders(allowedOrigins: readonly string[], origin: string | undefined): Record<string, string> {
  if (allowedOrigins.length === 0) return {};
  if (allowedOrigins.includes('*')) return { 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSED_HEADERS };
  // Every answer varies by Origin, also one to a request without it, so no shared cache serves
  // one origin's answer to another.
  return origin && allowedOrigins.includes(origin) ? { 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSED_HEADERS, vary: 'Origin' } : { vary: 'Origin' };
}

/**
 * What a cross-origin request may carry: its body's type, what it accepts, the ETag it revalidates
 * (`If-None-Match` is not CORS-safelisted: without it here, a page's revalidating fetch failed),
 * and any header admission takes as CSRF proof.
 */
const ALLOWED_HEADERS = ['content-type', 'accept', 'if-none-match', ...CSRF_HEADERS].join(', ');

/** The answer to a CORS preflight of a resource answering `methods`: what a browser may send, as a new object each time. */
export function preflightHeaders(methods: string): Record<string, string> {
  return {
    'access-control-allow-methods': methods,
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-max-age': '600',
  };
}
