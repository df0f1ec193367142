import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { operationCost } from '../src/graphql/execution/limits.ts';
import { schema } from '../src/graphql/schema/schema.ts';
import { temporaryDatabasePath } from './support/app.ts';
import { STARTUP_LIMIT_MS } from './support/readiness.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';

/** Requests a client may make a minute here. */
const PER_MINUTE = 60;
/** Cost that counts as one request (RATE_LIMIT_COST_PER_REQUEST). */
const COST_PER_REQUEST = 1_000;
/** docs/analysts.md: the AnalystBatch tab costs 1 + 24 per input (18 fields, and 6 for the input's computation). */
const ANALYST_BATCH = readFileSync(new URL('../operations/examples/analyst-batch.graphql', import.meta.url), 'utf8');
const BATCH_COST = 1 + 24 * 1_000;
/** What the full batch counts as: one request per started thousand of its cost. */
const BATCH_REQUESTS = Math.ceil(BATCH_COST / COST_PER_REQUEST);

const fullBatch = JSON.stringify({
  query: ANALYST_BATCH,
  variables: { inputs: Array.from({ length: 1_000 }, (_, i) => ({ birthDate: `19${String(10 + (i % 90))}-01-15`, issuedOn: '2021-03-01', asOf: '2025-06-02' })) },
});
const cheap = JSON.stringify({ query: '{ notices { key } }' });

describe('kiosk operations and the cost-counted rate limit', () => {
  const { limits, rateLimitCostPerRequest } = loadConfig({});
  const published = JSON.parse(readFileSync(new URL('../operations/kiosk/published.json', import.meta.url), 'utf8')) as Record<string, string>;

  // Kiosks must never break: each of their fixed operations counts as one request, as before costs counted.
  it.each(Object.values(published))('%s costs less than RATE_LIMIT_COST_PER_REQUEST by default', (file) => {
    const document = parse(readFileSync(new URL(`../operations/kiosk/${file}`, import.meta.url), 'utf8'));
    const cost = operationCost(schema, document, null, {}, limits.maxCost, undefined);
    expect(typeof cost).toBe('number');
    expect(cost).toBeLessThanOrEqual(rateLimitCostPerRequest);
  });
});

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions: { code: string } }[]; extensions?: { cost?: { requested: number } } };
  headers: Headers;
  /** `r` of the RateLimit field: the requests left. */
  remaining: number;
}

/**
 * An operation that runs costs the server CPU in proportion to its estimated cost (docs/performance.md,
 * "What the cost limit buys"): counted one request at a time, one client at RATE_LIMIT_PER_MINUTE
 * with operations at MAX_COST kept a core busy. docs/deployment.md: an operation that runs counts as
 * one request per RATE_LIMIT_COST_PER_REQUEST of its cost.
 */
describe('the rate limit counts an operation by its cost', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: String(PER_MINUTE), RATE_LIMIT_COST_PER_REQUEST: String(COST_PER_REQUEST) });
  }, STARTUP_LIMIT_MS);

  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
  });

  async function post(body: string, accept = 'application/graphql-response+json'): Promise<Answer> {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body });
    const remaining = Number(/^"default";r=(\d+);t=\d+$/.exec(response.headers.get('ratelimit') ?? '')?.[1]);
    return { status: response.status, body: (await response.json()) as Answer['body'], headers: response.headers, remaining };
  }

  it('takes one request per started RATE_LIMIT_COST_PER_REQUEST of an operation that runs, and one for a cheap one', async () => {
    const batch = await post(fullBatch);
    expect(batch.status).toBe(200);
    expect(batch.body.extensions?.cost?.requested).toBe(BATCH_COST);
    expect(batch.remaining).toBe(PER_MINUTE - BATCH_REQUESTS);
    const small = await post(cheap);
    expect(small.status).toBe(200);
    expect(small.remaining).toBe(PER_MINUTE - BATCH_REQUESTS - 1);
  });

  it('refuses an operation the rest of the budget does not cover before it runs, 429 with Retry-After, counting it as one request', async () => {
    // Spent down to fewer requests than the batch counts as, with a few left for the refusals.
    let left = (await post(cheap)).remaining;
    while (left >= BATCH_REQUESTS + 3) {
      const batch = await post(fullBatch);
      expect(batch.status).toBe(200);
      left = batch.remaining;
    }
    while (left >= BATCH_REQUESTS) left = (await post(cheap)).remaining;
    for (const accept of ['application/graphql-response+json', 'application/json']) {
      const refused = await post(fullBatch, accept);
      expect(refused.status).toBe(429);
      expect(refused.body.data).toBeUndefined();
      expect(refused.body.errors?.map((error) => error.extensions.code)).toEqual(['RATE_LIMITED']);
      expect(refused.body.errors?.[0]?.message).toBe(`This operation's cost (${BATCH_COST}) counts as ${BATCH_REQUESTS} requests, more than the ${left} left of this window's ${PER_MINUTE}; retry in ${refused.headers.get('retry-after')} s, or send a smaller operation.`);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.headers.get('cache-control')).toBe('no-store');
      expect(refused.remaining).toBe(left - 1);
      left = refused.remaining;
    }
    const small = await post(cheap);
    expect(small.status).toBe(200);
    expect(small.remaining).toBe(left - 1);
  });
});
