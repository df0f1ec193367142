import type { RateLimitState } from './rate-limit.ts';

/** The one quota policy this service applies to `/graphql`, named in both fields. */
const POLICY_NAME = 'default';

/**
 * The IETF RateLimit header fields, in the form of draft-ietf-httpapi-ratelimit-headers-11 (May 2026;
 * the fields it defines replaced the earlier RateLimit-Limit / -Remaining / -Reset in draft 07):
 *
 * - `RateLimit-Policy` (section 3): a Structured Fields List of quota policies, each a String item
 *   naming the policy with the integer parameters `q` (quota, in requests by default) and `w` (the
 *   window, in seconds), e.g. `RateLimit-Policy: "default";q=600;w=60`.
 * - `RateLimit` (section 4): the current service limit for a named policy, with `r` (the quota left)
 *   and `t` (seconds within which the client may use no more than `r`), e.g.
 *   `RateLimit: "default";r=599;t=60`.
 *
 * On a refusal, `Retry-After` (RFC 9110) joins them; section 6 asks that it not point earlier than
 * the end of the effective window, so both carry the same number of seconds.
 */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  const headers: Record<string, string> = {
    'ratelimit-policy': `"${POLICY_NAME}";q=${state.limit};w=${state.windowSeconds}`,
    ratelimit: `"${POLICY_NAME}";r=${state.remaining};t=${state.allowed ? state.resetSeconds : state.retryAfterSeconds}`,
  };
  if (!state.allowed) headers['retry-after'] = String(state.retryAfterSeconds);
  return headers;
}
