import { describe, expect, it } from 'vitest';
import { tokyoDay } from '../clock.ts';
import { withValidators, type Validation } from './cache-policy.ts';
import { COMPRESSION, EncodedBody } from './compression.ts';
import { ResponseCache } from './response-cache.ts';

// Today no public answer reads the date (every computation takes personal data and is never
// stored), so these rules are checked here rather than through the API: a field added later that
// reads today's date without personal data must still never be served past Tokyo midnight.

const oneMinuteToMidnight = tokyoDay(() => new Date('2026-11-24T14:59:00Z'));
const answer = { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{}' };
const validation = (overrides: Partial<Validation>): Validation => ({
  etag: '"a"',
  dated: false,
  audience: 'public',
  request: { method: 'GET', url: '/graphql', headers: {}, body: null, remoteAddress: '' },
  day: oneMinuteToMidnight,
  maxAgeSeconds: 300,
  cache: 'miss',
  ...overrides,
});

describe('withValidators', () => {
  it('gives a date-dependent GET answer a max-age that ends at Tokyo midnight', () => {
    expect(withValidators(answer, validation({ dated: true })).headers['cache-control']).toBe('public, max-age=60');
    expect(withValidators(answer, validation({ dated: false })).headers['cache-control']).toBe('public, max-age=300');
  });

  it('marks an answer to a keyed client\'s own document private', () => {
    expect(withValidators(answer, validation({ audience: 'private' })).headers['cache-control']).toBe('private, max-age=300');
  });

  it('lets no HTTP cache store a POST answer', () => {
    const post = validation({ request: { method: 'POST', url: '/graphql', headers: {}, body: null, remoteAddress: '' } });
    expect(withValidators(answer, post).headers['cache-control']).toBe('no-store');
  });
});

describe('ResponseCache', () => {
  it('forgets an answer of another Tokyo day, and keeps one that read no date', () => {
    const cache = new ResponseCache(10, 1_000_000);
    const entry = { status: 200, headers: {}, body: new EncodedBody(Buffer.from('{}'), COMPRESSION.dynamic), etag: '"a"', operationName: null, persistedId: null, cost: 1, audience: 'public' as const };
    cache.set('dated', { ...entry, day: '2026-11-24' });
    cache.set('undated', { ...entry, day: null });
    expect(cache.get('dated', '2026-11-24')).toBeDefined();
    expect(cache.get('dated', '2026-11-25')).toBeUndefined();
    expect(cache.get('dated', '2026-11-24')).toBeUndefined();
    expect(cache.get('undated', '2026-11-25')).toBeDefined();
  });
});
