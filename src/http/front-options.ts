/** What the HTTP front takes from the settings; `src/app.ts` maps the configuration into it. */
export interface FrontOptions {
  /** Largest POST body or GET URL, in bytes. */
  maxBodyBytes: number;
  /** Longest `Accept` or `Accept-Encoding`, in bytes; a longer one is refused before it is parsed. */
  maxAcceptHeaderBytes: number;
  /** Origins allowed to call from a browser; empty: none; `*`: any. */
  corsOrigins: readonly string[];
  /** Known `x-api-key` values: each has a rate-limit budget of its own. */
  apiKeys: readonly string[];
  /** Take the client's address from the right-most `X-Forwarded-For` entry. */
  trustProxy: boolean;
  /** `max-age` of storable GET answers, in seconds. */
  cacheMaxAgeSeconds: number;
  /** Serve GraphiQL to browsers at /graphql. */
  graphiql: boolean;
  /** An operation that runs counts as one request of the rate limit per this much of its cost (at least one); 0: always one. */
  rateLimitCostPerRequest: number;
  /** `Retry-After` of a 503 while the data is unavailable. */
  unavailableRetryAfterSeconds: number;
}
