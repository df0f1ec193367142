/** Cross-origin access for browsers, from an allow-list (`*` allows any origin; no credentials ever). */
export function corsHeaders(allowedOrigins: readonly string[], origin: string | undefined): Record<string, string> {
  if (allowedOrigins.length === 0) return {};
  if (allowedOrigins.includes('*')) return { 'access-control-allow-origin': '*' };
  // Every answer varies by Origin, also one to a request without it, so no shared cache serves
  // one origin's answer to another.
  return origin && allowedOrigins.includes(origin) ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { vary: 'Origin' };
}

export const PREFLIGHT_HEADERS = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type, accept, x-api-key, x-graphql-csrf, apollo-require-preflight',
  'access-control-max-age': '600',
};
