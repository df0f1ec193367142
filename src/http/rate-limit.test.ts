import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../observability/logger.ts';
import { createRateLimiter } from './rate-limit.ts';

const silent = createLogger('silent', { write: () => {} });
const loadedModules = () => Object.keys(createRequire(import.meta.url).cache);

describe('the rate limiter without REDIS_URL', () => {
  it('counts on its own budget without loading ioredis', async () => {
    const limiter = createRateLimiter({ perMinute: 2, maxClients: 100, redisUrl: null, redisTimeoutMs: 10, logger: silent });
    expect((await limiter.consume('ip:127.0.0.1')).allowed).toBe(true);
    expect((await limiter.consume('ip:127.0.0.1')).allowed).toBe(true);
    expect((await limiter.consume('ip:127.0.0.1')).allowed).toBe(false);
    expect(loadedModules().filter((path) => path.includes('/node_modules/ioredis/'))).toEqual([]);
  });
});
