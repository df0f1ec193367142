/** The settings the HTTP front takes; src/app.ts maps the service's configuration into them. */
export interface FrontOptions {
  /** Request body / GET query string, in bytes (document + variables). */
  maxBodyBytes: number;
  /** Origins allowed to call from a browser; empty: no cross-origin access. `*`: any. */
  corsOrigins: readonly string[];
  /** Known API keys (header `x-api-key`): each gets its own rate-limit budget. */
  apiKeys: readonly string[];
  /** Whether a client with this API key may send its own documents (kiosk mode refuses the rest). */
  allowsArbitrary: (apiKey: string | null | undefined) => boolean;
  /** Take the client IP from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  graphiql: boolean;
  /** max-age of reference-data answers, in seconds. */
  cacheMaxAgeSeconds: number;
  /** The Retry-After of a 503 while the database file is unavailable. */
  retryAfterSeconds: number;
}
