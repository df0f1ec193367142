import fc from 'fast-check';
import { parseList, type Item } from 'structured-headers';
import { describe, expect, it } from 'vitest';
import { rateLimitHeaders } from '../src/http/rate-limit-headers.ts';
import type { RateLimitState } from '../src/http/rate-limit.ts';
import { createTestApp } from './support/app.ts';

const allowedState: RateLimitState = { limit: 600, windowSeconds: 60, remaining: 599, resetSeconds: 60, allowed: true, retryAfterSeconds: 0 };

describe('RateLimit header fields', () => {
  it('writes the draft-11 forms for an allowed and a refused request', () => {
    expect(rateLimitHeaders(allowedState)).toEqual({ 'ratelimit-policy': '"default";q=600;w=60', ratelimit: '"default";r=599;t=60' });
    expect(rateLimitHeaders({ ...allowedState, remaining: 0, resetSeconds: 17, allowed: false, retryAfterSeconds: 17 })).toEqual({
      'ratelimit-policy': '"default";q=600;w=60',
      ratelimit: '"default";r=0;t=17',
      'retry-after': '17',
    });
  });

  it('gives Retry-After no earlier than the end of the effective window, and at least one second', () => {
    const headers = rateLimitHeaders({ ...allowedState, remaining: 0, resetSeconds: 0, allowed: false, retryAfterSeconds: 1 });
    expect(headers['retry-after']).toBe('1');
    expect(headers.ratelimit).toBe('"default";r=0;t=1');
  });

  it('always writes Structured Field Lists that carry the state', () => {
    const state = fc
      .record({ limit: fc.integer({ min: 1, max: 100_000_000 }), windowSeconds: fc.integer({ min: 1, max: 86_400 }), reset: fc.integer({ min: 0, max: 86_400 }), allowed: fc.boolean() })
      .chain(({ limit, windowSeconds, reset, allowed }) =>
        fc.integer({ min: 0, max: limit }).map((remaining): RateLimitState => ({
          limit,
          windowSeconds,
          remaining: allowed ? remaining : 0,
          resetSeconds: reset,
          allowed,
          retryAfterSeconds: allowed ? 0 : Math.max(1, reset),
        })),
      );
    fc.assert(
      fc.property(state, (state) => {
        const headers = rateLimitHeaders(state);
        const [policy] = parseList(headers['ratelimit-policy']!) as Item[];
        const [limit] = parseList(headers.ratelimit!) as Item[];
        expect(policy![0]).toBe('default');
        expect(Object.fromEntries(policy![1])).toEqual({ q: state.limit, w: state.windowSeconds });
        expect(limit![0]).toBe('default');
        expect(Object.fromEntries(limit![1])).toEqual({ r: state.remaining, t: state.allowed ? state.resetSeconds : state.retryAfterSeconds });
        expect(headers['retry-after']).toBe(state.allowed ? undefined : String(state.retryAfterSeconds));
      }),
    );
  });
});

describe('RateLimit header fields on /graphql', () => {
  const app = createTestApp({ config: { rateLimitPerMinute: 3 } });
  const unlimited = createTestApp();
  const query = '{ notices { key } }';

  it('count down on consecutive requests, refusals and client errors included', async () => {
    const answers = [await app.graphql(query), await app.graphql(query), await app.request({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: query }), await app.graphql(query)];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 415, 429]);
    expect(answers.map((answer) => answer.headers['ratelimit-policy'])).toEqual(Array(4).fill('"default";q=3;w=60'));
    const fields = answers.map((answer) => /^"default";r=(\d+);t=(\d+)$/.exec(answer.headers.ratelimit ?? '')?.slice(1).map(Number));
    expect(fields.map((field) => field?.[0])).toEqual([2, 1, 0, 0]);
    for (const field of fields) {
      expect(field?.[1]).toBeGreaterThanOrEqual(1);
      expect(field?.[1]).toBeLessThanOrEqual(60);
    }
    expect(answers[3]!.headers['retry-after']).toBe(String(fields[3]![1]));
  });

  it('are absent where nothing is limited', async () => {
    const health = await app.request({ url: '/health' });
    const answer = await unlimited.graphql(query);
    for (const headers of [health.headers, answer.headers]) {
      expect(headers.ratelimit).toBeUndefined();
      expect(headers['ratelimit-policy']).toBeUndefined();
    }
  });
});
