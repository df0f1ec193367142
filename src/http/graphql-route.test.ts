import { describe, expect, it } from 'vitest';
import { tokyoDay } from '../clock.ts';
import type { Engine, GraphQLAnswer } from '../graphql/execution/engine.ts';
import { newRequestRecord } from '../graphql/execution/request-record.ts';
import { graphqlRoute } from './graphql-route.ts';
import { ResponseCache } from './response-cache.ts';

// The served schema deprecates nothing today, so the route's Deprecation and Sunset headers are
// checked here, with an engine that answers as one would for an operation using a deprecated
// element (operation-facts.test.ts finds such elements on a schema of its own).

const DEPRECATED = { coordinate: 'Query.old', reason: 'Use `new`. Deprecated on 2026-11-25. Removal on 2027-06-01' };

function route(deprecations: GraphQLAnswer['deprecations']) {
  const answer: GraphQLAnswer = { status: 200, headers: {}, body: '{"data":{"old":1}}', personalData: false, deprecations };
  const engine = { answer: async () => answer, refuse: () => answer, refusalExtensions: {} } as unknown as Engine;
  return graphqlRoute({
    options: { maxBodyBytes: 100_000, maxAcceptHeaderBytes: 1_024, corsOrigins: [], apiKeys: [], trustProxy: false, cacheMaxAgeSeconds: 300, graphiql: false, rateLimitCostPerRequest: 1_000, unavailableRetryAfterSeconds: 1 },
    engine,
    cache: new ResponseCache(10, 1_000_000),
    day: tokyoDay(() => new Date('2026-12-06T03:00:00Z')),
    persistedPolicy: { documents: new Map(), persistedOnly: false, ownDocumentKeys: [] },
    graphiqlPage: async () => ({ html: '', headers: {} }),
    dataGeneration: () => 1,
  });
}

const request = { method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: Buffer.from('{"query":"{ old }"}'), remoteAddress: '127.0.0.1' };

describe('graphqlRoute', () => {
  it('answers an operation that used a deprecated element with Deprecation (RFC 9745) and Sunset (RFC 8594), Tokyo midnight', async () => {
    const outcome = await route([DEPRECATED])(request, newRequestRecord('id'), null);
    expect(outcome.headers.deprecation).toBe(`@${Date.UTC(2026, 10, 24, 15) / 1000}`);
    expect(outcome.headers.sunset).toBe('Mon, 31 May 2027 15:00:00 GMT');
  });

  it('answers one that used none without either', async () => {
    const outcome = await route([])(request, newRequestRecord('id'), null);
    expect(outcome.headers.deprecation).toBeUndefined();
    expect(outcome.headers.sunset).toBeUndefined();
  });
});
